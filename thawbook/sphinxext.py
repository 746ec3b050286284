"""Sphinx extension that keeps the book offline and its executed outputs fresh.

Four jobs, wired in ``_config.yml`` (``sphinx.config.extensions``):

1. **Offline charts.** Altair's HTML output loads vega, vega-lite and vega-embed from a
   CDN unless ``window.VEGA_DEBUG`` already names the versions it wants. At build time we
   write the bundle that ships inside ``vl-convert-python`` to the output's ``_static/``,
   wrapped in an IIFE that also presets ``VEGA_DEBUG``, and link it only from pages that
   contain an altair chart: a ``<div>`` whose id :class:`thawbook.theme.StableHTMLRenderer`
   names ``altair-viz-<digest>``.

2. **Data-aware re-execution.** Jupyter Book's execution cache is keyed on code cells only,
   so editing ``data/`` or ``seeds/`` or this package would ship stale outputs. Before Sphinx
   reads anything, every notebook to be read that has no cache record executes, concurrently,
   one kernel per core (:mod:`thawbook.execute`), into the cache; Sphinx then reads cached
   results only. While a notebook executes, :func:`thawbook.paths.record_read` appends every
   file the package reads to the notebook's own log (named by ``THAWBOOK_READS_LOG`` in its
   worker's environment), and every module of this package it imports, transitively
   (:func:`thawbook.paths.record_imports`, which its kernel turns on at start-up). After reading,
   we set aside a fingerprint of those files, and commit it only once the build has written
   the notebook's page. On the next build, a notebook whose committed fingerprint changed has
   its cache record removed and is re-read, so it executes again; the others come from the cache.

   **Crash safety.** A build that does not finish (killed, interrupted, or failed) commits
   no fingerprint for a page it did not write, so the next build re-executes and rewrites
   that page: an interrupted build after a data change cannot leave a stale page behind.
   A damaged execution cache (a record whose notebook file is missing or unreadable, or a
   cached folder no record points to) is repaired before the build reads anything; the
   repair is reported on stderr, not as a Sphinx warning, so the strict build goes on.
   The seed's SHA-256 is checked first of all (:func:`thawbook.seed.check_seed`).

3. **Data download.** The whole data package is zipped into ``_downloads/`` of the output, so
   readers can take it from the built book, offline.

4. **No stale pages.** Pages of chapters that were renamed or removed are deleted, and so
   are their published sources under ``_sources/``.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import re
import shutil
import sys
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from thawbook.paths import ROOT, SEED

LOG = logging.getLogger(__name__)
BUNDLE_NAME = "thawbook/vega-bundle.js"
# The id of a chart's <div>, as thawbook.theme.StableHTMLRenderer names it: altair-viz-<digest>.
CHART_DIV = re.compile(r"""\bid=["']altair-viz-[0-9a-f]+["']""")
PACKAGE_DIR = Path(__file__).resolve().parent


# ---------------------------------------------------------------- offline charts
def vega_bundle_source() -> str:
    """vega + vega-lite + vega-embed from vl-convert, as one IIFE that presets VEGA_DEBUG."""
    import altair as alt
    import vl_convert

    major, minor = alt.VEGALITE_VERSION.split(".")[:2]  # the vega-lite that altair's specs use
    bundle = vl_convert.javascript_bundle(vl_version=f"{major}.{minor}")
    versions = {
        "vega_version": alt.VEGA_VERSION,
        "vegalite_version": alt.VEGALITE_VERSION,
        "vegaembed_version": alt.VEGAEMBED_VERSION,
    }
    return (
        "/* vega, vega-lite and vega-embed bundled by vl-convert-python; generated at build time. */\n"
        f"window.VEGA_DEBUG = Object.assign(window.VEGA_DEBUG || {{}}, {json.dumps(versions)});\n"
        "(function () {\n" + bundle + "\n})();\n"
    )


def write_assets_before_pages(app: Sphinx) -> None:
    """Write generated assets before any page is written.

    Sphinx appends ``?v=<checksum>`` to an asset's URL only if the file already exists when a
    page is written. Writing the vega bundle, and myst-nb's stylesheet (which myst-nb itself
    writes only at the end), up front makes a cold build's HTML identical to a warm one's.
    """
    if app.builder.format != "html":
        return
    from myst_nb.sphinx_ext import add_global_html_resources

    write_vega_bundle(app, None)
    add_global_html_resources(app, None)


def write_vega_bundle(app: Sphinx, exception: Exception | None) -> None:
    """Write the offline vega bundle into the HTML build's ``_static``, if it changed."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / BUNDLE_NAME
    source = vega_bundle_source()
    if not target.exists() or target.read_text(encoding="utf-8") != source:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source, encoding="utf-8")


def has_chart(html: str) -> bool:
    """Whether a page's body holds an altair chart, by the ids the project gives their divs."""
    return CHART_DIV.search(html) is not None


def link_bundle_on_chart_pages(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Load the vega bundle on pages that hold a chart, and only there."""
    if has_chart(context.get("body", "")):
        app.add_js_file(BUNDLE_NAME, priority=400)


# ---------------------------------------------------------------- data download
ARCHIVE_NAME = "_downloads/thaw-data-package.zip"


def data_archive_bytes(directory: Path | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """The whole data package (datapackage.json, every CSV, the README) as one zip.

    Every file of ``data/`` goes in, so the exports travel with the tables: the GDELT-like
    ``events_cameo.csv``, the EDTF dates ``events_edtf.csv``, the PLOVER records
    ``events_plover.json`` and the FollowTheMoney entities ``measures.ftm.json``. The seed
    article goes in as ``seeds/<file>``, byte for byte, so every evidence span can be checked
    from the zip alone. ``extra`` adds files generated at build time by name (the findings
    register).

    Entries are sorted and carry a fixed timestamp, so the same data gives the same bytes.
    """
    import io
    import zipfile

    directory = directory or ROOT / "data"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in directory.iterdir() if p.is_file()):
            info = zipfile.ZipInfo(f"thaw-data-package/{path.name}", date_time=(2023, 6, 4, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
        files = {f"seeds/{SEED.name}": SEED.read_bytes(), **(extra or {})}
        for name, content in sorted(files.items()):
            info = zipfile.ZipInfo(f"thaw-data-package/{name}", date_time=(2023, 6, 4, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


FINDINGS_NAME = "findings.csv"


def findings_cache_file(app: Sphinx) -> Path:
    """Where the register of the current data, seed and package is kept."""
    inputs = [relative_to_root(p) for p in sorted((ROOT / "data").iterdir()) if p.is_file()]
    inputs.append(relative_to_root(ROOT / "seeds" / "000_efb7a1c38396a014.txt"))
    return Path(app.outdir).parent / "thawbook-findings" / f"{fingerprint(inputs)}.csv"


def start_findings_register(app: Sphinx) -> None:
    """If the register must be computed, start computing it in the background now, while the
    notebooks execute, instead of after every page is written (:mod:`thawbook.findings_csv`)."""
    if app.builder.format != "html" or findings_cache_file(app).exists():
        return
    import subprocess

    app._thawbook_findings = subprocess.Popen(
        [sys.executable, "-m", "thawbook.findings_csv", str(findings_cache_file(app))],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop_findings_register(app: Sphinx) -> None:
    """Kill the background findings register if it is still running."""
    background = getattr(app, "_thawbook_findings", None)
    if background is not None and background.poll() is None:
        background.kill()
        background.wait()


def findings_csv_bytes(app: Sphinx) -> bytes:
    """The findings register as CSV, recomputed only when the data or the package changed.

    Computing it re-evaluates every finding under every alternative reading, so the result is
    kept in ``_build/thawbook-findings/`` under the fingerprint of its inputs, computed in the
    background while notebooks execute. If that did not produce it, it is computed here, where
    a false finding raises :class:`thawbook.findings.core.FindingError` and so fails the build.
    """
    from thawbook import findings_csv

    cache = findings_cache_file(app)
    background = getattr(app, "_thawbook_findings", None)
    if background is not None:
        background.wait()
    if not cache.exists():
        findings_csv.write(cache)
    return cache.read_bytes()


def write_data_archive(app: Sphinx, exception: Exception | None) -> None:
    """Write ``findings.csv`` beside the pages, and the data package zip with it inside."""
    if exception is not None:
        stop_findings_register(app)  # the build failed: nothing will need the register
    if exception is not None or app.builder.format != "html":
        return
    findings = findings_csv_bytes(app)
    (Path(app.outdir) / FINDINGS_NAME).write_bytes(findings)
    target = Path(app.outdir) / ARCHIVE_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data_archive_bytes(extra={FINDINGS_NAME: findings}))


# ---------------------------------------------------------------- no stale pages
BUILDER_PAGES = {"genindex", "search"}


def remove_pages_of_removed_documents(app: Sphinx, exception: Exception | None) -> None:
    """Delete built pages whose source is no longer in the book (a renamed or removed chapter).

    Sphinx keeps them otherwise, and a reader, a search engine or a link could still find them.
    """
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    current = set(app.env.found_docs) | BUILDER_PAGES
    for page in outdir.rglob("*.html"):
        relative = page.relative_to(outdir)
        if relative.parts[0] in {"_static", "_sources", "_downloads", "_images"}:
            continue
        if str(relative.with_suffix("")) not in current:
            LOG.info("thawbook: removing %s, whose source is no longer in the book", relative)
            page.unlink()
    sources = outdir / "_sources"
    for published in sorted(sources.rglob("*")) if sources.is_dir() else []:
        if published.is_file() and _source_docname(published.relative_to(sources)) not in current:
            LOG.info(
                "thawbook: removing %s, whose source is no longer in the book", published.relative_to(outdir)
            )
            published.unlink()


def _source_docname(relative: Path) -> str:
    """``chapters/x.ipynb`` or ``chapters/x.md.txt`` (a published source) -> ``chapters/x``."""
    name = relative.as_posix().removesuffix(".txt")
    for suffix in (".ipynb", ".md", ".rst"):
        if name.endswith(suffix):
            return name.removesuffix(suffix)
    return name


# ---------------------------------------------------------------- fresh outputs
def _deps_dir(app: Sphinx) -> Path:
    return Path(app.doctreedir).parent / "thawbook-deps"


def _record_path(app: Sphinx, docname: str) -> Path:
    return _deps_dir(app) / (docname.replace("/", "__") + ".json")


def _reads_log_path(app: Sphinx, docname: str) -> Path:
    return _deps_dir(app) / (docname.replace("/", "__") + ".reads")


def _pending_dir(app: Sphinx) -> Path:
    """Fingerprints of notebooks read in this build, waiting for their pages to be written."""
    return _deps_dir(app) / "pending"


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text)
    os.replace(temporary, path)


def notice(message: str) -> None:
    """Tell the reader of the build log something, outside Sphinx's warnings (which -W makes fatal)."""
    print(f"thawbook: {message}", file=sys.stderr, flush=True)


def relative_to_root(path: str | Path) -> str:
    """Paths are stored relative to the repository, so a copied checkout keeps its records."""
    path = Path(path).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


# Modules that notebooks never import: a change to them does not re-execute anything.
BUILD_ONLY_MODULES = {
    "sphinxext.py",
    "bench.py",
    "notebooks.py",
    "execute.py",
    "checkout.py",
    "findings_csv.py",
}


def package_files() -> list[Path]:
    """The package source that notebook outputs can depend on."""
    return sorted(p for p in PACKAGE_DIR.rglob("*.py") if p.name not in BUILD_ONLY_MODULES)


def fingerprint(paths: list[str], package: bool = True) -> str:
    """Hash of each file in ``paths`` (a missing file hashes as such) and, unless ``package`` is
    false, of the whole package source. A notebook's fingerprint leaves the package out: the
    modules it imported are among the files it read."""
    digest = hashlib.sha256()
    source = [relative_to_root(p) for p in package_files()] if package else []
    for path in source + sorted(set(paths)):
        digest.update(path.encode())
        file = ROOT / path
        digest.update(file.read_bytes() if file.exists() else b"<missing>")
    return digest.hexdigest()


def notebook_fingerprint(reads: list[str]) -> str:
    """A notebook's fingerprint: the files it read, data, seed and imported modules alike."""
    return fingerprint(reads, package=False)


def _is_notebook(app: Sphinx, docname: str) -> bool:
    return Path(app.env.doc2path(docname)).suffix == ".ipynb"


def _drop_cache_record(app: Sphinx, docname: str) -> None:
    import nbformat
    from jupyter_cache import get_cache

    cache_path = _cache_path(app)
    if not cache_path.exists():
        return
    cache = get_cache(str(cache_path))
    notebook = nbformat.read(app.env.doc2path(docname), as_version=4)
    try:
        record = cache.match_cache_notebook(notebook)
    except KeyError:
        return
    cache.remove_cache(record.pk)


def static_fingerprint(app: Sphinx) -> str:
    """Hash of the book's own ``_static`` files, which every page links with a checksum."""
    digest = hashlib.sha256()
    for path in sorted((Path(app.srcdir) / "_static").rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(app.srcdir)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def outdated_by_static_files(app: Sphinx) -> list[str]:
    """Every page, when a stylesheet or script changed: each page links them as ``name?v=<checksum>``,
    and Sphinx would otherwise rewrite only the pages whose source changed. The new checksum is
    committed only when the build finishes, after every page was rewritten."""
    record = _deps_dir(app) / "static.sha256"
    current = static_fingerprint(app)
    previous = record.read_text() if record.exists() else None
    if previous != current:
        _write_atomically(_pending_dir(app) / "static.sha256", current)
    return sorted(app.env.found_docs) if previous != current else []


def outdated_by_dependencies(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Notebooks whose recorded data files or modules changed since they were executed."""
    stale = []
    for docname in sorted(env.found_docs - set(added) - set(changed)):
        if not _is_notebook(app, docname):
            continue
        record_file = _record_path(app, docname)
        record = json.loads(record_file.read_text()) if record_file.exists() else None
        if record is None or record["fingerprint"] != notebook_fingerprint(record["reads"]):
            _drop_cache_record(app, docname)
            stale.append(docname)
    if stale:
        LOG.info("thawbook: re-executing notebooks whose data or package changed: %s", ", ".join(stale))
    restyled = [doc for doc in outdated_by_static_files(app) if doc not in stale]
    # Notebooks that will be read anyway must execute too if their inputs changed, or if we
    # know nothing of their inputs: a renamed notebook would otherwise match the cache entry
    # of its old name, made from whatever data and package were current back then.
    for docname in sorted(set(added) | set(changed)):
        if _is_notebook(app, docname):
            record_file = _record_path(app, docname)
            record = json.loads(record_file.read_text()) if record_file.exists() else None
            if record is None or record["fingerprint"] != notebook_fingerprint(record["reads"]):
                _drop_cache_record(app, docname)
    return stale + restyled


def _cache_path(app: Sphinx) -> Path:
    return Path(app.config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")


def _executed(app: Sphinx) -> set[str]:
    """Notebooks this build executed (the app, unlike the environment, is not saved)."""
    if not hasattr(app, "_thawbook_executed"):
        app._thawbook_executed = set()
    return app._thawbook_executed


def execute_stale_notebooks(app: Sphinx, env, docnames: list[str]) -> None:
    """Before Sphinx reads: execute every notebook about to be read that has no execution-cache
    record, concurrently (:func:`thawbook.execute.run_jobs`), and cache the results, so that
    myst-nb only reads cached notebooks. A failing cell stops the build naming notebook and cell."""
    start_findings_register(app)
    if app.config.nb_execution_mode != "cache":
        return
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    from thawbook.execute import Job, jobs, run_jobs

    cache = get_cache(str(_cache_path(app)))
    running = _deps_dir(app) / "running"
    pending = []
    for docname in sorted(docnames):
        if not _is_notebook(app, docname):
            continue
        path = Path(app.env.doc2path(docname))
        try:
            cache.match_cache_notebook(nbformat.read(path, as_version=4))
            continue
        except KeyError:
            pending.append(
                Job(
                    docname,
                    path,
                    _reads_log_path(app, docname),
                    running / (docname.replace("/", "__") + ".json"),
                )
            )
    if not pending:
        return
    # Longest first, by the last execution's duration, so that two workers finish together.
    durations_file = _deps_dir(app) / "durations.json"
    durations = json.loads(durations_file.read_text()) if durations_file.exists() else {}
    pending.sort(key=lambda job: -durations.get(job.docname, 0.0))
    LOG.info(
        "thawbook: executing %d notebooks, %d at a time: %s",
        len(pending),
        min(jobs(), len(pending)),
        ", ".join(job.docname for job in pending),
    )
    running.mkdir(parents=True, exist_ok=True)

    def store(job, report: dict) -> None:
        notebook = nbformat.reads(report["notebook"], as_version=4)
        cache.cache_notebook_bundle(
            CacheBundleIn(notebook, str(job.path), data={"execution_seconds": report["seconds"]}),
            check_validity=False,
            overwrite=True,
        )
        _executed(app).add(job.docname)
        durations[job.docname] = round(report["seconds"], 1)
        _write_atomically(durations_file, json.dumps(durations, indent=1, sort_keys=True))
        job.out.unlink(missing_ok=True)
        job.out.with_suffix(".stderr").unlink(missing_ok=True)

    try:
        run_jobs(
            pending,
            store,
            timeout=app.config.nb_execution_timeout,
            allow_errors=app.config.nb_execution_allow_errors,
            say=LOG.info,
        )
    except BaseException:  # a failing cell, or an interrupt: the register will not be needed
        stop_findings_register(app)
        raise


def store_fingerprint(app: Sphinx, doctree) -> None:
    """Set aside the fingerprint of what the notebook just read; :func:`commit_fingerprints`
    makes it the notebook's record once its page is written."""
    docname = app.env.docname
    if not _is_notebook(app, docname) or docname not in _executed(app):
        return  # served from the cache: nothing executed, keep what the last execution read
    log = _reads_log_path(app, docname)
    reads = sorted({line for line in log.read_text().splitlines() if line}) if log.exists() else []
    record_file = _record_path(app, docname)
    record = {"reads": [relative_to_root(p) for p in reads]}
    record["fingerprint"] = notebook_fingerprint(record["reads"])
    _write_atomically(_pending_dir(app) / record_file.name, json.dumps(record, indent=1))


def note_page_written(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Remember the pages this build writes (the app, unlike the environment, is not saved)."""
    if not hasattr(app, "_thawbook_pages"):
        app._thawbook_pages = set()
    app._thawbook_pages.add(pagename)


def commit_fingerprints(app: Sphinx, exception: Exception | None) -> None:
    """Make each pending fingerprint the notebook's record, if this build wrote its page.

    ``build-finished`` runs after every page is written, and not at all when the build is
    killed or interrupted (SIGKILL, KeyboardInterrupt). A fingerprint that is not committed
    leaves the old record, which no longer matches the data, so the next build re-executes
    the notebook and rewrites its page.
    """
    pending = _pending_dir(app)
    if exception is not None or not pending.is_dir():
        return  # a page whose writing raised may be missing or half-written: commit nothing
    written = getattr(app, "_thawbook_pages", set())
    for item in sorted(pending.glob("*.json")):
        docname = item.stem.replace("__", "/")
        if app.builder.format != "html" or docname in written:
            os.replace(item, _deps_dir(app) / item.name)
    static = pending / "static.sha256"
    if static.exists():
        os.replace(static, _deps_dir(app) / "static.sha256")


def clear_pending(app: Sphinx) -> None:
    """Pending fingerprints left by a build that did not finish belong to pages it never wrote."""
    pending = _pending_dir(app)
    if pending.is_dir():
        shutil.rmtree(pending)


# ---------------------------------------------------------------- readable failures
DATA_FAILURE = re.compile(r"\b(DataError|SeedError|EvidenceError): (.+)")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_LAST_WORDS: list[str] = []


def data_failures(exception: BaseException | None) -> list[str]:
    """The DataError (or SeedError, EvidenceError) lines inside an exception and its causes,
    including the traceback text of a failed cell."""
    found: list[str] = []
    seen: set[int] = set()
    while exception is not None and id(exception) not in seen:
        seen.add(id(exception))
        for match in DATA_FAILURE.finditer(ANSI.sub("", str(exception))):
            line = f"{match.group(1)}: {match.group(2).strip()}"
            if line not in found:
                found.append(line)
        exception = exception.__cause__ or exception.__context__
    return found


def _print_last_words() -> None:
    if _LAST_WORDS:
        print("\nthawbook: the build stopped on bad input:", file=sys.stderr)
        for line in _LAST_WORDS:
            print(f"  {line}", file=sys.stderr)
        sys.stderr.flush()


def say_last(lines: list[str]) -> None:
    """Print ``lines`` when the process exits, after Jupyter Book's traceback and message box,
    so the file, row, column and rule are the last thing the reader sees."""
    if not _LAST_WORDS:
        atexit.register(_print_last_words)
    _LAST_WORDS.extend(line for line in lines if line not in _LAST_WORDS)


def report_data_failure(app: Sphinx, exception: Exception | None) -> None:
    """Print a failed build's data errors last, where the reader sees them."""
    if exception is not None:
        say_last(data_failures(exception))


# ---------------------------------------------------------------- a damaged execution cache
def repair_execution_cache(app: Sphinx) -> list[str]:
    """Remove cache records whose notebook file is missing or unreadable, and cached folders no
    record points to (what a build killed mid-write, or a hand-deleted file, leaves behind).

    jupyter-cache would otherwise stop the build with ``KeyError: 'Notebook file does not exist
    for cache record PK: 4'``. The notebooks concerned simply execute again.
    """
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.cache.db import NbCacheRecord

    cache_path = _cache_path(app)
    if not (cache_path / "global.db").exists():
        return []
    cache = get_cache(str(cache_path))
    repairs, known = [], set()
    for record in cache.list_cache_records():
        notebook = cache_path / "executed" / record.hashkey / "base.ipynb"
        problem = None
        if not notebook.exists():
            problem = "its notebook file is missing"
        else:
            try:
                nbformat.reads(notebook.read_text(encoding="utf-8"), nbformat.NO_CONVERT)
            except Exception as error:  # truncated or corrupt JSON
                problem = f"its notebook file is unreadable ({type(error).__name__})"
        if problem:
            shutil.rmtree(notebook.parent, ignore_errors=True)
            NbCacheRecord.remove_records([record.pk], cache.db)
            repairs.append(f"removed execution-cache record {record.pk} ({record.uri}): {problem}")
        else:
            known.add(record.hashkey)
    executed = cache_path / "executed"
    for folder in sorted(executed.iterdir()) if executed.is_dir() else []:
        if folder.is_dir() and folder.name not in known:
            shutil.rmtree(folder, ignore_errors=True)
            repairs.append(
                f"removed orphaned execution-cache folder executed/{folder.name}: no record points to it"
            )
    for repair in repairs:
        notice(f"repaired the execution cache: {repair}; the notebook executes again")
    return repairs


def check_inputs(app: Sphinx) -> None:
    """Before anything is read: the seed is the right article, and the cache is sound."""
    from thawbook.seed import SeedError, check_seed

    try:
        check_seed()
    except SeedError as error:
        say_last([f"SeedError: {error}"])
        raise
    clear_pending(app)
    repair_execution_cache(app)


def setup(app: Sphinx) -> dict:
    """Register the book's build hooks with Sphinx."""
    app.connect("builder-inited", check_inputs, priority=100)
    app.connect("env-get-outdated", outdated_by_dependencies)
    app.connect("env-before-read-docs", execute_stale_notebooks)
    app.connect("doctree-read", store_fingerprint)
    app.connect("html-page-context", link_bundle_on_chart_pages)
    app.connect("html-page-context", note_page_written)
    app.connect("builder-inited", write_assets_before_pages)
    app.connect("build-finished", write_data_archive)
    app.connect("build-finished", remove_pages_of_removed_documents)
    app.connect("build-finished", commit_fingerprints)
    app.connect("build-finished", report_data_failure)
    return {"version": "1", "parallel_read_safe": False, "parallel_write_safe": True}
