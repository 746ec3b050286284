"""Fresh outputs: what each notebook read decides whether it executes again; cache repair.

jupyter-cache keys a notebook on its code cells only. A kernel logs each file it reads under
data/ and seeds/ and each thawbook module it imports (:mod:`thawbook.book.execute`); a notebook
whose record no longer matches those files loses its cache record, so it executes again. A
record is committed once its page is written, so a build stopped at any point leaves none stale.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

from thawbook.paths import ROOT


def deps_dir(app) -> Path:
    """Where each notebook's read log and record are kept."""
    return Path(app.doctreedir).parent / "thawbook-deps"


def cache_path(app) -> Path:
    """The folder of the execution cache (``execute.cache`` in ``_config.yml``)."""
    return Path(app.config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")


def record_name(docname: str) -> str:
    """``chapters/05_x`` -> ``chapters__05_x``: the stem of its log and record files."""
    return docname.replace("/", "__")


def relative(path: str | Path) -> str:
    """Paths are kept relative to the repository, so that a copied checkout keeps its records."""
    path = Path(path).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def fingerprint(reads: list[str]) -> str:
    """Hash of the files in ``reads`` (a missing file hashes as such)."""
    digest = hashlib.sha256()
    for path in sorted(set(reads)):
        file = ROOT / path
        digest.update(path.encode() + (file.read_bytes() if file.exists() else b"<missing>"))
    return digest.hexdigest()


def is_fresh(record: Path) -> bool:
    """Whether the record exists and the files it names are unchanged."""
    data = json.loads(record.read_text()) if record.exists() else None
    return data is not None and data["fingerprint"] == fingerprint(data["reads"])


def write_record(record: Path, log: Path) -> None:
    """Turn the read log ``log`` into the record ``record`` (atomically)."""
    reads = sorted({relative(line) for line in log.read_text().splitlines() if line})
    record.parent.mkdir(parents=True, exist_ok=True)
    record.with_suffix(".tmp").write_text(json.dumps({"reads": reads, "fingerprint": fingerprint(reads)}))
    os.replace(record.with_suffix(".tmp"), record)


def static_fingerprint(app) -> str:
    """Hash of the book's ``_static`` files, which every page links with a checksum."""
    files = sorted(p for p in (Path(app.srcdir) / "_static").rglob("*") if p.is_file())
    data = b"".join(str(p.relative_to(app.srcdir)).encode() + p.read_bytes() for p in files)
    return hashlib.sha256(data).hexdigest()


def outdated(app, env, added, changed, removed) -> list[str]:
    """Notebooks whose recorded reads changed lose their cache record (so they execute again) and
    are read again; every page is, when a ``_static`` file changed."""
    import nbformat
    from jupyter_cache import get_cache

    cache, stale = get_cache(str(cache_path(app))), []
    for docname in sorted(env.found_docs):
        path = Path(env.doc2path(docname))
        if path.suffix != ".ipynb" or is_fresh(deps_dir(app) / f"{record_name(docname)}.json"):
            continue
        try:
            cache.remove_cache(cache.match_cache_notebook(nbformat.read(path, as_version=4)).pk)
        except KeyError:
            pass
        stale += [] if docname in set(added) | set(changed) else [docname]
    if stale:
        print(f"thawbook: re-executing notebooks whose data or package changed: {', '.join(stale)}")
    static = deps_dir(app) / "static.sha256"
    if static.exists() and static.read_text() == static_fingerprint(app):
        return stale
    (deps_dir(app) / "pending").mkdir(parents=True, exist_ok=True)
    (deps_dir(app) / "pending" / static.name).write_text(static_fingerprint(app))
    return sorted(env.found_docs)


def note_page_written(app, pagename, templatename, context, doctree) -> None:
    """Remember the pages this build writes."""
    app.thawbook_pages = getattr(app, "thawbook_pages", set()) | {pagename}


def commit_records(app, exception) -> None:
    """Make each pending record current if the build finished and wrote the notebook's page; a
    record left pending keeps the old one, which no longer matches, so the page is made again."""
    pending = deps_dir(app) / "pending"
    if exception is not None or not pending.is_dir():
        return
    for item in sorted(pending.iterdir()):
        written = item.stem.replace("__", "/") in getattr(app, "thawbook_pages", ())
        if item.suffix != ".json" or app.builder.format != "html" or written:
            os.replace(item, deps_dir(app) / item.name)


def repair(app) -> None:
    """Before the build reads anything: drop pending records of a build that did not finish, and
    cache records whose notebook file is missing or unreadable, and folders no record points to."""
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.cache.db import NbCacheRecord

    shutil.rmtree(deps_dir(app) / "pending", ignore_errors=True)
    if not (cache_path(app) / "global.db").exists():
        return
    cache, executed, known = get_cache(str(cache_path(app))), cache_path(app) / "executed", set()
    for record in cache.list_cache_records():
        try:
            nbformat.reads((executed / record.hashkey / "base.ipynb").read_text(), nbformat.NO_CONVERT)
            known.add(record.hashkey)
        except Exception as error:  # missing, truncated or corrupt
            shutil.rmtree(executed / record.hashkey, ignore_errors=True)
            NbCacheRecord.remove_records([record.pk], cache.db)
            problem = f"unreadable ({type(error).__name__})"
            problem = "missing" if isinstance(error, FileNotFoundError) else problem
            _notice(
                f"removed execution-cache record {record.pk} ({record.uri}): its notebook file is {problem}"
            )
    for folder in sorted(p for p in executed.glob("*") if p.is_dir() and p.name not in known):
        shutil.rmtree(folder)
        _notice(f"removed orphaned execution-cache folder executed/{folder.name}: no record points to it")


def _notice(repair: str) -> None:
    print(f"thawbook: repaired the execution cache: {repair}; the notebook executes again", file=sys.stderr)
