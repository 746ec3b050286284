"""The book's Sphinx extension (``_config.yml``): it connects the build's hooks.

The seed is checked and the execution cache repaired first; notebooks whose reads changed lose
their cache record (:mod:`thawbook.book.freshness`); stale notebooks execute before Sphinx reads
(:mod:`thawbook.book.execute`); the vega bundle is linked only from chart pages
(:mod:`thawbook.render.chart_assets`, which also compiles each chart to Vega and drops the theme's
icon-font rules); downloads are written (:mod:`thawbook.exports.downloads`); pages of removed
chapters are deleted; records are committed once pages are written. A build that meets a damaged
input or machine stops with one line, one build runs at a time per checkout, and one stopped by
bad data prints the data error last (:mod:`thawbook.book.failures`).
"""

from __future__ import annotations

from pathlib import Path

from thawbook.book import freshness
from thawbook.book.execute import execute_stale_notebooks
from thawbook.book.failures import prepare_build, report_data_failure, say_last
from thawbook.exports.downloads import write_data_archive
from thawbook.render.chart_assets import (
    drop_icon_font_rules,
    link_bundle_on_chart_pages,
    write_assets_before_pages,
)


def check_inputs(app) -> None:
    """Before anything is read: the build can write and runs alone, its notebooks and data
    folder are sound (:func:`thawbook.book.failures.prepare_build`), the seed is the right
    article, and the cache is sound."""
    from thawbook.inputs.seed import SeedError, check_seed

    prepare_build(app)
    try:
        check_seed()
    except SeedError as error:
        say_last([f"SeedError: {error}"])
        raise
    freshness.repair(app)


def remove_pages_of_removed_documents(app, exception) -> None:
    """Delete built pages and published sources whose source left the book."""
    if exception is not None or app.builder.format != "html":
        return
    current, out = set(app.env.found_docs) | {"genindex", "search"}, Path(app.outdir)
    for page in [*out.rglob("*.html"), *(out / "_sources").rglob("*.*")]:
        relative = page.relative_to(out).as_posix().removesuffix(".txt")
        if relative.startswith(("_static/", "_downloads/", "_images/")):
            continue
        name = relative.removeprefix("_sources/").rsplit(".", 1)[0]
        if name not in current:
            print(f"thawbook: removing {page.relative_to(out)}, whose source is no longer in the book")
            page.unlink()


def setup(app) -> dict:
    """Register the book's build hooks with Sphinx."""
    app.add_config_value("thawbook_downloads", True, "html", [bool])
    app.connect("builder-inited", check_inputs, priority=100)
    app.connect("builder-inited", write_assets_before_pages)
    app.connect("env-get-outdated", freshness.outdated)
    app.connect("env-before-read-docs", execute_stale_notebooks)
    app.connect("html-page-context", link_bundle_on_chart_pages)
    app.connect("html-page-context", freshness.note_page_written)
    for hook in (
        write_data_archive,
        drop_icon_font_rules,
        remove_pages_of_removed_documents,
        freshness.commit_records,
    ):
        app.connect("build-finished", hook)
    app.connect("build-finished", report_data_failure)
    return {"version": "1", "parallel_read_safe": False, "parallel_write_safe": True}
