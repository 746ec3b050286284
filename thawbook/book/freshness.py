"""Fresh outputs: which notebooks must execute again, and the record of what each one read.

Jupyter Book's execution cache is keyed on code cells only, so editing ``data/`` or ``seeds/``
or this package would ship stale outputs. While a notebook executes
(:mod:`thawbook.book.execution_cache`), :func:`thawbook.paths.record_read` appends every file
the package reads to the notebook's own log (named by ``THAWBOOK_READS_LOG`` in its worker's
environment), and every module of this package it imports, transitively
(:func:`thawbook.paths.record_imports`, which its kernel turns on at start-up). After reading,
:func:`store_fingerprint` sets aside a fingerprint of those files, and
:func:`commit_fingerprints` commits it only once the build has written the notebook's page. On
the next build, a notebook whose committed fingerprint changed has its cache record removed and
is re-read (:func:`outdated_by_dependencies`), so it executes again; the others come from the
cache.

**Crash safety.** A build that does not finish (killed, interrupted, or failed) commits no
fingerprint for a page it did not write, so the next build re-executes and rewrites that page:
an interrupted build after a data change cannot leave a stale page behind. Hooked into Sphinx
by :mod:`thawbook.book.sphinxext`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from thawbook.paths import ROOT

LOG = logging.getLogger(__name__)
PACKAGE_DIR = Path(__file__).resolve().parents[1]


def deps_dir(app: Sphinx) -> Path:
    """Where the build keeps each notebook's record of what it read, and its fingerprint."""
    return Path(app.doctreedir).parent / "thawbook-deps"


def record_path(app: Sphinx, docname: str) -> Path:
    """The committed record (reads and fingerprint) of notebook ``docname``."""
    return deps_dir(app) / (docname.replace("/", "__") + ".json")


def reads_log_path(app: Sphinx, docname: str) -> Path:
    """The log that notebook ``docname``'s kernel appends its reads to (``THAWBOOK_READS_LOG``)."""
    return deps_dir(app) / (docname.replace("/", "__") + ".reads")


def pending_dir(app: Sphinx) -> Path:
    """Fingerprints of notebooks read in this build, waiting for their pages to be written."""
    return deps_dir(app) / "pending"


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` in one step, through a temporary file beside it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text)
    os.replace(temporary, path)


def relative_to_root(path: str | Path) -> str:
    """Paths are stored relative to the repository, so a copied checkout keeps its records."""
    path = Path(path).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


# Notebooks never import the build (book/) or the Makefile's other targets (tasks/): a change
# to them re-executes nothing.
BUILD_ONLY_FOLDERS = ("book", "tasks")


def package_files() -> list[Path]:
    """The package source that notebook outputs can depend on."""
    return sorted(
        p for p in PACKAGE_DIR.rglob("*.py") if p.relative_to(PACKAGE_DIR).parts[0] not in BUILD_ONLY_FOLDERS
    )


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


def is_notebook(app: Sphinx, docname: str) -> bool:
    """Whether the source of ``docname`` is a notebook."""
    return Path(app.env.doc2path(docname)).suffix == ".ipynb"


def _drop_cache_record(app: Sphinx, docname: str) -> None:
    import nbformat
    from jupyter_cache import get_cache

    cache_path = execution_cache_path(app)
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
    record = deps_dir(app) / "static.sha256"
    current = static_fingerprint(app)
    previous = record.read_text() if record.exists() else None
    if previous != current:
        write_atomically(pending_dir(app) / "static.sha256", current)
    return sorted(app.env.found_docs) if previous != current else []


def outdated_by_dependencies(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Notebooks whose recorded data files or modules changed since they were executed."""
    stale = []
    for docname in sorted(env.found_docs - set(added) - set(changed)):
        if not is_notebook(app, docname):
            continue
        record_file = record_path(app, docname)
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
        if is_notebook(app, docname):
            record_file = record_path(app, docname)
            record = json.loads(record_file.read_text()) if record_file.exists() else None
            if record is None or record["fingerprint"] != notebook_fingerprint(record["reads"]):
                _drop_cache_record(app, docname)
    return stale + restyled


def execution_cache_path(app: Sphinx) -> Path:
    """The folder of Jupyter Book's execution cache."""
    return Path(app.config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")


def executed_docnames(app: Sphinx) -> set[str]:
    """Notebooks this build executed (the app, unlike the environment, is not saved)."""
    if not hasattr(app, "_thawbook_executed"):
        app._thawbook_executed = set()
    return app._thawbook_executed


def store_fingerprint(app: Sphinx, doctree) -> None:
    """Set aside the fingerprint of what the notebook just read; :func:`commit_fingerprints`
    makes it the notebook's record once its page is written."""
    docname = app.env.docname
    if not is_notebook(app, docname) or docname not in executed_docnames(app):
        return  # served from the cache: nothing executed, keep what the last execution read
    log = reads_log_path(app, docname)
    reads = sorted({line for line in log.read_text().splitlines() if line}) if log.exists() else []
    record_file = record_path(app, docname)
    record = {"reads": [relative_to_root(p) for p in reads]}
    record["fingerprint"] = notebook_fingerprint(record["reads"])
    write_atomically(pending_dir(app) / record_file.name, json.dumps(record, indent=1))


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
    pending = pending_dir(app)
    if exception is not None or not pending.is_dir():
        return  # a page whose writing raised may be missing or half-written: commit nothing
    written = getattr(app, "_thawbook_pages", set())
    for item in sorted(pending.glob("*.json")):
        docname = item.stem.replace("__", "/")
        if app.builder.format != "html" or docname in written:
            os.replace(item, deps_dir(app) / item.name)
    static = pending / "static.sha256"
    if static.exists():
        os.replace(static, deps_dir(app) / "static.sha256")


def clear_pending(app: Sphinx) -> None:
    """Pending fingerprints left by a build that did not finish belong to pages it never wrote."""
    pending = pending_dir(app)
    if pending.is_dir():
        shutil.rmtree(pending)
