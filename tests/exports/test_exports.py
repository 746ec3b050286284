"""The generated exports under data/ (thawbook.exports): current, and marked as generated."""

from __future__ import annotations

import json

from thawbook.exports import regenerate as exports
from thawbook.inputs.tables import data_dir
from thawbook.paths import ROOT


def _package() -> dict:
    return json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))


def test_every_committed_export_equals_a_fresh_regeneration(tmp_path):
    written = exports.write_all(tmp_path)
    assert [path.name for path in written] == list(exports.EXPORTS)
    stale = [path.name for path in written if path.read_bytes() != (data_dir() / path.name).read_bytes()]
    print(f"{len(written)} exports regenerated, {len(stale)} stale")
    assert stale == [], f"stale exports {stale}: run `make exports`"


def test_the_data_package_lists_every_export_with_the_function_that_writes_it():
    listed = {item["path"]: item["generatedBy"] for item in _package()["thawbook:exports"]}
    writers = {name: f"{write.__module__}.{write.__name__}" for name, write in exports.EXPORTS.items()}
    assert listed == writers
    assert all("make exports" in item["description"] for item in _package()["thawbook:exports"])


def test_a_resource_that_is_an_export_is_marked_generated_and_no_source_table_is():
    generated = {r["path"] for r in _package()["resources"] if r.get("thawbook:generated")}
    resources = {r["path"] for r in _package()["resources"]}
    assert generated == resources & set(exports.EXPORTS) == {"events_edtf.csv"}


def test_make_exports_runs_the_exports_module():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("\nexports:", 1)[1].split("\n\n", 1)[0]
    assert "-m thawbook.exports" in target
