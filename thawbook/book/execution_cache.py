"""The execution cache: stale notebooks execute into it before Sphinx reads, and damage is repaired.

Before Sphinx reads anything, every notebook to be read that has no cache record executes,
concurrently, one kernel per core (:mod:`thawbook.book.execute`), into Jupyter Book's execution
cache; Sphinx then reads cached results only (:func:`execute_stale_notebooks`). Which notebooks
lost their record because what they read changed is decided by :mod:`thawbook.book.freshness`.

A damaged execution cache (a record whose notebook file is missing or unreadable, or a cached
folder no record points to) is repaired before the build reads anything
(:func:`repair_execution_cache`); the repair is reported on stderr, not as a Sphinx warning,
so the strict build goes on. Hooked into Sphinx by :mod:`thawbook.book.sphinxext`.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from thawbook.book.downloads import start_findings_register, stop_findings_register
from thawbook.book.freshness import (
    deps_dir,
    executed_docnames,
    execution_cache_path,
    is_notebook,
    reads_log_path,
    write_atomically,
)

LOG = logging.getLogger(__name__)


def notice(message: str) -> None:
    """Tell the reader of the build log something, outside Sphinx's warnings (which -W makes fatal)."""
    print(f"thawbook: {message}", file=sys.stderr, flush=True)


def execute_stale_notebooks(app: Sphinx, env, docnames: list[str]) -> None:
    """Before Sphinx reads: execute every notebook about to be read that has no execution-cache
    record, concurrently (:func:`thawbook.book.execute.run_jobs`), and cache the results, so that
    myst-nb only reads cached notebooks. A failing cell stops the build naming notebook and cell."""
    start_findings_register(app)
    if app.config.nb_execution_mode != "cache":
        return
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    from thawbook.book.execute import Job, jobs, run_jobs

    cache = get_cache(str(execution_cache_path(app)))
    running = deps_dir(app) / "running"
    pending = []
    for docname in sorted(docnames):
        if not is_notebook(app, docname):
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
                    reads_log_path(app, docname),
                    running / (docname.replace("/", "__") + ".json"),
                )
            )
    if not pending:
        return
    # Longest first, by the last execution's duration, so that two workers finish together.
    durations_file = deps_dir(app) / "durations.json"
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
        executed_docnames(app).add(job.docname)
        durations[job.docname] = round(report["seconds"], 1)
        write_atomically(durations_file, json.dumps(durations, indent=1, sort_keys=True))
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


def repair_execution_cache(app: Sphinx) -> list[str]:
    """Remove cache records whose notebook file is missing or unreadable, and cached folders no
    record points to (what a build killed mid-write, or a hand-deleted file, leaves behind).

    jupyter-cache would otherwise stop the build with ``KeyError: 'Notebook file does not exist
    for cache record PK: 4'``. The notebooks concerned simply execute again.
    """
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.cache.db import NbCacheRecord

    cache_path = execution_cache_path(app)
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
