"""The book's Sphinx extension (``_config.yml``): it connects the build's hooks.

The seed is checked and the execution cache repaired first; notebooks whose reads changed lose
their cache record (:mod:`thawbook.book.freshness`); stale notebooks execute before Sphinx reads
(:mod:`thawbook.book.execute`); the vega bundle is linked only from chart pages
(:mod:`thawbook.render.chart_assets`, which also compiles each chart to Vega and drops the theme's
icon-font rules); downloads are written (:mod:`thawbook.exports.downloads`); pages of removed
chapters are deleted; records are committed once pages are written. A build that meets a damaged
input or machine stops with one line, one build runs at a time per checkout, and one stopped by
bad data prints the data error last (:mod:`thawbook.runs.failures`).
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx

from thawbook.book import freshness
from thawbook.book.execute import execute_stale_notebooks
from thawbook.exports.downloads import write_data_archive
from thawbook.render.chart_assets import (
    drop_icon_font_rules,
    link_bundle_on_chart_pages,
    write_assets_before_pages,
)
from thawbook.runs.failures import (
    damaged_notebook_line,
    data_failures,
    explain,
    notebook_problem,
    say_last,
    stop_with_one_line,
)
from thawbook.runs.single_run import AnotherRun, hold_lock, private_kernel_runtime


def check_inputs(app) -> None:
    """Before anything is read: the build can write and runs alone, its notebooks and data
    folder are sound (:func:`prepare_build`), the seed is the right
    article, and the cache is sound."""
    from thawbook.inputs.seed import SeedError, check_seed

    prepare_build(app)
    try:
        check_seed()
    except SeedError as error:
        say_last([f"SeedError: {error}"])
        raise
    freshness.repair(app)


def report_data_failure(app: Sphinx, exception: Exception | None) -> None:
    """Print a failed build's data errors last, where the reader sees them; a build that
    failed on a read-only checkout or a full disk ends with one line instead."""
    if exception is not None:
        stop_on_known_failure(app, exception)
        say_last(data_failures(exception))


def stop_on_known_failure(app: Sphinx, exception: Exception | None) -> None:
    """A build that failed on a read-only checkout or a full disk ends with one line, not a
    traceback (on ``build-finished``, last)."""
    if exception is not None and explain(exception):
        stop_with_one_line(exception)


def check_writable(app: Sphinx) -> None:
    """Before anything is built: the output, doctree and cache folders can be written; a
    read-only checkout or a full disk stops the build with one line."""
    folders = {Path(app.outdir), Path(app.doctreedir), Path(app.outdir).parent}
    for folder in sorted(folders):
        probe = folder / f".thawbook-write-probe-{os.getpid()}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with open(probe, "wb") as handle:
                handle.write(b"\0" * 4096)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as error:
            if error.filename is None or Path(os.fsdecode(error.filename)) == probe:
                error.filename = str(folder)  # the folder the reader knows, not the probe
            stop_with_one_line(error)
        finally:
            try:
                probe.unlink(missing_ok=True)
            except OSError:
                pass


def check_notebooks(app: Sphinx) -> None:
    """Before anything executes: every notebook of the book is a readable notebook; else the
    build stops with one line naming it and the fix."""
    site_map = getattr(app.config, "external_site_map", None)
    docnames = list(site_map) if site_map is not None else []
    for docname in docnames:
        path = Path(app.srcdir) / f"{docname}.ipynb"
        if path.exists():
            problem = notebook_problem(path)
            if problem:
                stop_with_one_line(damaged_notebook_line(path, problem))


def prepare_build(app: Sphinx) -> None:
    """First of all (``builder-inited``, from :func:`check_inputs`):
    the build folders can be written, no other build runs in this checkout, kernels keep their
    connection files in a private folder, every notebook can be read, and ``data/`` holds only
    what its package declares, inside ``data/``. Each failure is one line
    (:func:`stop_with_one_line`)."""
    check_writable(app)
    hold_build_lock(app)
    private_kernel_runtime()
    check_notebooks(app)
    check_data_folder(app)


def check_data_folder(app: Sphinx) -> None:
    """Stop with one line unless ``data/`` holds only what its package declares, inside ``data/``
    (:func:`thawbook.exports.downloads.check_published_files`)."""
    from thawbook.exports.downloads import PublishError, check_published_files
    from thawbook.inputs.checks import DataError

    try:
        check_published_files(app)
    except (PublishError, DataError, FileNotFoundError) as error:
        stop_with_one_line(error)


def hold_build_lock(app: Sphinx) -> None:
    """Hold this checkout's build lock (in ``_build/``) until the build ends, or stop at once
    with one line when another build holds it (:func:`thawbook.runs.single_run.hold_lock`)."""
    try:
        hold_lock(Path(app.outdir).parent)
    except AnotherRun as error:
        stop_with_one_line(str(error))
    except OSError as error:
        stop_with_one_line(error)


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
