"""Unit tests of the build extension's housekeeping, without a build: published sources of
removed pages go, fingerprints wait for their pages, a damaged execution cache is repaired."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from thawbook.book import freshness, sphinxext
from thawbook.render import chart_assets


def fake_app(tmp_path: Path, docs: set[str]) -> SimpleNamespace:
    outdir = tmp_path / "_build" / "html"
    outdir.mkdir(parents=True)
    return SimpleNamespace(
        outdir=str(outdir),
        doctreedir=str(tmp_path / "_build" / ".doctrees"),
        srcdir=str(tmp_path),
        builder=SimpleNamespace(format="html"),
        env=SimpleNamespace(found_docs=set(docs)),
        config=SimpleNamespace(nb_execution_cache_path=str(tmp_path / "_build" / ".jupyter_cache")),
    )


def test_published_sources_and_pages_of_removed_documents_are_removed(tmp_path):
    app = fake_app(tmp_path, {"index", "chapters/04_chronology", "chapters/91_about_this_report"})
    out = Path(app.outdir)
    kept = [
        "index.html",
        "chapters/04_chronology.html",
        "search.html",
        "_sources/index.ipynb",
        "_sources/chapters/04_chronology.ipynb",
        "_sources/chapters/91_about_this_report.md",
    ]
    gone = [
        "chapters/04_old_name.html",
        "_sources/chapters/04_old_name.ipynb",
        "_sources/chapters/old.md.txt",
    ]
    for name in kept + gone:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text("x")
    sphinxext.remove_pages_of_removed_documents(app, None)
    assert all((out / name).exists() for name in kept)
    assert not any((out / name).exists() for name in gone)


def test_a_record_is_committed_only_for_a_page_the_build_wrote(tmp_path):
    app = fake_app(tmp_path, {"chapters/a", "chapters/b"})
    deps = freshness.deps_dir(app)
    (deps / "pending").mkdir(parents=True)
    for name in ("chapters__a", "chapters__b"):
        (deps / "pending" / f"{name}.json").write_text(json.dumps({"reads": [], "fingerprint": name}))
    freshness.note_page_written(app, "chapters/a", None, {}, None)
    freshness.commit_records(app, RuntimeError("the build failed"))
    assert not (deps / "chapters__a.json").exists()  # a failed build commits nothing
    freshness.commit_records(app, None)
    assert (deps / "chapters__a.json").exists()
    assert not (deps / "chapters__b.json").exists()  # its page was never written
    freshness.repair(app)  # what the next build does first
    assert not (deps / "pending").exists()


def test_a_damaged_execution_cache_is_repaired_not_fatal(tmp_path, capsys):
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    app = fake_app(tmp_path, set())
    cache = get_cache(app.config.nb_execution_cache_path)
    records = []
    for number in range(3):
        notebook = new_notebook(cells=[new_code_cell(f"x = {number}")])
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        records.append(
            cache.cache_notebook_bundle(CacheBundleIn(notebook, f"nb{number}.ipynb"), check_validity=False)
        )
    executed = Path(app.config.nb_execution_cache_path) / "executed"
    (executed / records[0].hashkey / "base.ipynb").unlink()
    (executed / records[1].hashkey / "base.ipynb").write_text('{"cells": [', encoding="utf-8")  # cut short
    (executed / ("f" * 32)).mkdir()
    freshness.repair(app)
    err = capsys.readouterr().err
    print(err)
    assert err.count("thawbook: repaired the execution cache:") == 3
    assert "is missing" in err and "is unreadable" in err and "orphaned" in err
    assert [r.pk for r in cache.list_cache_records()] == [records[2].pk]
    cache.get_cache_bundle(records[2].pk)  # the sound record still loads
    assert sorted(p.name for p in executed.iterdir()) == [records[2].hashkey]
    freshness.repair(app)
    assert capsys.readouterr().err == ""  # nothing left to repair
    nbformat.validate(cache.get_cache_bundle(records[2].pk).nb)


def test_chart_pages_are_found_by_the_div_ids_the_theme_gives_charts():
    assert chart_assets.has_chart('<p>x</p><div id="altair-viz-ce5405c56a534390dd814681"></div>')
    assert not chart_assets.has_chart("<p>window.VEGA_DEBUG is mentioned in prose, altair-viz too</p>")


def test_importing_the_package_records_nothing_even_when_the_build_log_is_set(tmp_path):
    import subprocess
    import sys

    log = tmp_path / "reads"
    log.write_text("")
    code = (
        "import sys, thawbook, thawbook.inputs.seed; print(any('Recorder' in repr(f) for f in sys.meta_path))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"THAWBOOK_READS_LOG": str(log), "PATH": "/usr/bin:/bin"},
    )
    assert result.stdout.strip() == "False" and log.read_text() == ""


def test_the_extension_connects_every_build_hook_of_its_modules():
    from thawbook.book import sphinxext

    connected, settings = [], []
    app = SimpleNamespace(
        connect=lambda event, hook, priority=500: connected.append((event, hook.__module__)),
        add_config_value=lambda name, default, rebuild, types: settings.append((name, default)),
    )
    assert sphinxext.setup(app)["parallel_read_safe"] is False
    assert settings == [("thawbook_downloads", True)]  # the book offers its downloads unless told not to
    modules = {module for _, module in connected}
    assert modules == {
        "thawbook.book.sphinxext",
        "thawbook.render.chart_assets",
        "thawbook.exports.downloads",
        "thawbook.book.execute",
        "thawbook.book.freshness",
    }
    assert len(connected) == 11 and connected[0] == ("builder-inited", "thawbook.book.sphinxext")
