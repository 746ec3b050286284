"""Provenance: a "Cite this" box from CITATION.cff, the build's date and commit in the footer,
the data package's version and date, and the seed article in the data download."""

from __future__ import annotations

import datetime as dt
import io
import json
import types
import zipfile

from thawbook.exports.downloads import FINDINGS_NAME, data_archive_bytes
from thawbook.paths import DATAPACKAGE, ROOT, SEED
from thawbook.render import provenance


def test_cite_text_and_bibtex_come_from_citation_cff():
    cff = provenance.citation()
    text, entry = provenance.cite_text(cff), provenance.bibtex(cff)
    assert cff["title"] in text and str(cff["version"]) in text and "The thaw report team" in text
    assert entry.startswith("@software{") and f"version = {{{cff['version']}}}" in entry
    assert f"title = {{{cff['title']}}}" in entry


def test_cite_text_follows_a_changed_citation_file(tmp_path):
    path = tmp_path / "CITATION.cff"
    path.write_text(
        "cff-version: 1.2.0\ntitle: Other\nversion: 9.9\ndate-released: 2030-01-02\n"
        "authors:\n  - given-names: Ada\n    family-names: Lovelace\n",
        encoding="utf-8",
    )
    assert provenance.cite_text(provenance.citation(path)) == "Ada Lovelace (2030). Other. Version 9.9."


def test_build_stamp_gives_the_date_and_the_commit():
    assert provenance.build_stamp(dt.date(2026, 11, 29), "abc1234") == "Built 2026-11-29 from commit abc1234."
    assert provenance.git_commit() != ""


def test_the_footer_names_the_copyright_holder_not_only_a_year():
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    line = next(row for row in config.splitlines() if row.startswith("copyright:"))
    assert "thaw report team" in line


def test_the_build_stamp_is_written_beside_the_pages_not_into_them(tmp_path):
    app = types.SimpleNamespace(outdir=str(tmp_path), builder=types.SimpleNamespace(format="html"))
    provenance.write_build_stamp(app, None)
    script = (tmp_path / provenance.STAMP_SCRIPT).read_text(encoding="utf-8")
    assert ".thawbook-build" in script and "from commit" in script
    footer = (ROOT / "_config.yml").read_text(encoding="utf-8")
    assert 'class=\\"thawbook-build\\"' in footer


def test_the_data_package_has_the_citation_version_and_a_creation_time():
    package = json.loads(DATAPACKAGE.read_text(encoding="utf-8"))
    assert package["version"] == str(provenance.citation()["version"])
    dt.datetime.fromisoformat(package["created"].replace("Z", "+00:00"))


def test_the_data_download_holds_the_seed_article_byte_for_byte():
    archive = zipfile.ZipFile(io.BytesIO(data_archive_bytes(extra={FINDINGS_NAME: b"id\nx\n"})))
    assert archive.read(f"thaw-data-package/seeds/{SEED.name}") == SEED.read_bytes()
    assert archive.read(f"thaw-data-package/{FINDINGS_NAME}") == b"id\nx\n"
    assert "thaw-data-package/datapackage.json" in archive.namelist()


def test_the_about_page_and_the_landing_page_carry_the_cite_box():
    assert "```{thawbook-cite}" in (ROOT / "chapters" / "91_about_this_report.md").read_text(encoding="utf-8")
    assert "{thawbook-cite}" in (ROOT / "index.ipynb").read_text(encoding="utf-8")


def test_bibliography_entries_become_list_items():
    context = {"body": '<div role="list"><div class="citation" role="doc-biblioentry">x</div></div>'}
    provenance.list_roles_for_references(None, "p", "page.html", context, None)
    assert 'role="listitem"' in context["body"] and "doc-biblioentry" not in context["body"]
