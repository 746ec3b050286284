"""Sphinx extension that keeps the book offline and its executed outputs fresh.

The entry point wired in ``_config.yml`` (``sphinx.config.extensions``): :func:`setup` connects
the build's hooks, each kept in a module of its own job:

1. **Offline, light charts** (:mod:`thawbook.book.chart_assets`): every altair chart is
   compiled to Vega when its page is written, and the Vega runtime of ``vl-convert-python`` is
   written to ``_static/`` and linked only from pages whose HTML holds a chart (a ``<div>`` with
   an ``altair-viz-<digest>`` id); the theme's icon-font rules are dropped from its stylesheet.
2. **Data-aware re-execution.** Jupyter Book's execution cache is keyed on code cells only.
   :mod:`thawbook.book.freshness` drops the cache record of every notebook whose recorded
   reads (data, seed, imported modules) changed, and commits a notebook's new fingerprint only
   once its page is written; :mod:`thawbook.book.execution_cache` executes every stale
   notebook, concurrently, before Sphinx reads, and repairs a damaged cache. The seed's SHA-256
   is checked first of all (:func:`check_inputs`).
3. **Downloads** (:mod:`thawbook.book.downloads`): the data package zip and ``findings.csv``.
4. **No stale pages** (:mod:`thawbook.book.stale_pages`): pages and published sources of
   removed chapters are deleted.

A build that stops on bad input prints the data error last, and one that meets a damaged input
or machine stops with one line (:mod:`thawbook.book.failures`); one build runs at a time per
checkout (:mod:`thawbook.book.single_run`).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from thawbook.book.chart_assets import (
    drop_icon_font_rules,
    link_bundle_on_chart_pages,
    write_assets_before_pages,
)
from thawbook.book.downloads import write_data_archive
from thawbook.book.execution_cache import execute_stale_notebooks, repair_execution_cache
from thawbook.book.failures import prepare_build, report_data_failure, say_last
from thawbook.book.freshness import (
    clear_pending,
    commit_fingerprints,
    note_page_written,
    outdated_by_dependencies,
    store_fingerprint,
)
from thawbook.book.stale_pages import remove_pages_of_removed_documents


def check_inputs(app: Sphinx) -> None:
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
    clear_pending(app)
    repair_execution_cache(app)


def setup(app: Sphinx) -> dict:
    """Register the book's build hooks with Sphinx."""
    app.add_config_value("thawbook_downloads", True, "html", [bool])
    app.connect("builder-inited", check_inputs, priority=100)
    app.connect("env-get-outdated", outdated_by_dependencies)
    app.connect("env-before-read-docs", execute_stale_notebooks)
    app.connect("doctree-read", store_fingerprint)
    app.connect("html-page-context", link_bundle_on_chart_pages)
    app.connect("html-page-context", note_page_written)
    app.connect("builder-inited", write_assets_before_pages)
    app.connect("build-finished", write_data_archive)
    app.connect("build-finished", drop_icon_font_rules)
    app.connect("build-finished", remove_pages_of_removed_documents)
    app.connect("build-finished", commit_fingerprints)
    app.connect("build-finished", report_data_failure)
    return {"version": "1", "parallel_read_safe": False, "parallel_write_safe": True}
