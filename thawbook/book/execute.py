"""Stale notebooks execute on jupyter-cache's ``temp-parallel`` executor before Sphinx reads them.

Every notebook to be read that has no execution-cache record executes into the cache, one kernel
per core, each in an empty temporary folder outside the book; myst-nb then reads cached results
only. The project reads notebooks through :func:`read_notebook` (the ``jcache.readers`` entry
point ``thawbook``), which tells the kernel about to start which notebook it runs and where its
read log is; the kernel's IPython start-up file then records the thawbook modules it imports and
guards its reads (:func:`thawbook.paths.record_imports`, :func:`thawbook.paths.guard_reads`). The
findings register is computed once, first, and every kernel reads it (:func:`current_register`).
"""

from __future__ import annotations

import json
import logging as plain_logging
import multiprocessing
import os
import re
import subprocess
import sys
from pathlib import Path

from sphinx.util import logging

from thawbook.book.freshness import cache_path, deps_dir, is_fresh, record_name, write_record
from thawbook.paths import READS_LOG_ENV, ROOT

LOG = logging.getLogger(__name__)
EXECUTOR_LOG = plain_logging.getLogger("thawbook.jupyter_cache")  # the pool logs its REPORT lines
EXECUTOR_LOG.setLevel(plain_logging.INFO)
NOTEBOOK_ENV, JOBS_ENV, REGISTER_ENV = "THAWBOOK_NOTEBOOK", "THAWBOOK_NOTEBOOK_LOGS", "THAWBOOK_REGISTER"
PATHS = "__import__('thawbook.paths').paths"
RECORDING_LINE = f"{PATHS}.record_imports()"
STARTUP = f"{RECORDING_LINE}; {PATHS}.guard_reads(__import__('os').environ[{NOTEBOOK_ENV!r}])\n"


class ExecutionFailure(RuntimeError):
    """A notebook failed to execute; the message names the notebook and the cell."""


def notebook_name(path: str | Path) -> str:
    """How failures name a notebook: relative to the repository when it lies inside it."""
    resolved = Path(path).resolve()
    return str(resolved.relative_to(ROOT)) if resolved.is_relative_to(ROOT) else str(path)


def guard_line(path: Path) -> str:
    """What ``make refresh``'s kernels run first: guard reads, naming the notebook."""
    return f"{PATHS}.guard_reads({notebook_name(path)!r})"


def kernel_setup_line(path: Path) -> str:
    """What the build's kernel of ``path`` runs first: record imports, and guard reads."""
    return f"{RECORDING_LINE}; {guard_line(path)}"


def jobs() -> int:
    """How many notebooks execute at once: jupyter-cache's pool has one process per core."""
    return os.cpu_count() or 1


def read_notebook(uri: str):
    """jupyter-cache's reader, called in the worker just before the kernel of ``uri`` starts."""
    import nbformat

    name, log = json.loads(os.environ.get(JOBS_ENV, "{}")).get(uri, (notebook_name(uri), os.devnull))
    os.environ.update({NOTEBOOK_ENV: name, READS_LOG_ENV: log})
    return nbformat.read(uri, nbformat.NO_CONVERT)


def execute_notebooks(
    logs: dict[Path, Path], cache_dir: Path, timeout: int = 300, register: str = ""
) -> None:
    """Execute each notebook of ``logs`` (notebook -> its read log) into the cache at ``cache_dir``,
    on every core. Raises :class:`ExecutionFailure` naming the notebook and cell that failed."""
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor

    cache, jobs = get_cache(str(cache_dir)), {}
    for path, log in logs.items():
        record = cache.add_nb_to_project(str(path), read_data={"name": "thawbook", "type": "plugin"})
        jobs[record.uri] = (notebook_name(path), str(log))
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text("")
    startup = cache_dir / "ipython" / "profile_default" / "startup" / "00-thawbook.py"
    startup.parent.mkdir(parents=True, exist_ok=True)
    startup.write_text(STARTUP)
    env = {
        "IPYTHONDIR": str(startup.parents[2].resolve()),
        JOBS_ENV: json.dumps(jobs),
        REGISTER_ENV: register,
    }
    saved = {key: os.environ.get(key) for key in [*env, NOTEBOOK_ENV, READS_LOG_ENV]}
    os.environ.update(env)
    # The pool's workers start afresh ("spawn"), never as forks of this process: a fork copies a
    # process's threads' locks but not the threads (vl-convert's V8 and tokio, zmq), and a forked
    # worker of a process that had drawn a chart waited forever.
    start_method = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method("spawn", force=True)
    try:
        executor = load_executor("temp-parallel", cache, logger=EXECUTOR_LOG)
        result = executor.run_and_cache(filter_uris=list(jobs), timeout=timeout)
        if result.errored:  # no cell ran: e.g. its kernel died before kernel_info
            names = ", ".join(notebook_name(uri) for uri in result.errored)
            print(
                f"thawbook: {names}: the kernel failed before any cell ran; executing again", file=sys.stderr
            )
            again = executor.run_and_cache(filter_uris=result.errored, timeout=timeout)
            result.excepted[:], result.errored[:] = result.excepted + again.excepted, again.errored
    finally:
        multiprocessing.set_start_method(start_method, force=True)
        for key, value in saved.items():
            os.environ.pop(key) if value is None else os.environ.update({key: value})
    for uri in result.excepted + result.errored:
        raise ExecutionFailure(describe(uri, cache.get_project_record(uri).traceback))


def describe(uri: str, traceback: str | None) -> str:
    """``<notebook>: cell N ('first line') failed: Error: message``, then the traceback."""
    import nbformat

    if traceback is None:  # jupyter-cache keeps none when no cell ran
        return f"{notebook_name(uri)}: its kernel failed before any cell ran (the executor's log is above)"
    text = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", traceback)
    source = re.search(r"following cell:\n-+\n(.*?)\n-+\n", text, re.S)
    cells = [i for i, c in enumerate(nbformat.read(uri, 4).cells) if source and c.source == source.group(1)]
    where = f"cell {cells[0]} ({source.group(1).splitlines()[0][:60]!r})" if cells else "a cell"
    errors = re.findall(r"^(\w+(?:Error|Exception|Exit|Interrupt)): (.*)$", text, re.M)
    error = f"{errors[-1][0]}: {errors[-1][1]}" if errors else "execution failed (its log is above)"
    return f"{notebook_name(uri)}: {where} failed: {error}\n{text}"


def current_register(app) -> Path | None:
    """The findings register as ``findings.csv``, computed once, in a process that records what it
    reads as a kernel does, unless its record is fresh; None if it fails (each notebook then
    computes it, and fails naming notebook and cell)."""
    csv = Path(app.outdir).parent / "thawbook-findings" / "register.csv"
    if csv.exists() and is_fresh(csv.with_suffix(".json")):
        return csv
    csv.parent.mkdir(parents=True, exist_ok=True)
    csv.with_suffix(".reads").write_text("")
    code = f"{RECORDING_LINE}; from thawbook.findings import register; register.write_csv({str(csv)!r})"
    env = {**os.environ, READS_LOG_ENV: str(csv.with_suffix(".reads")), REGISTER_ENV: "", NOTEBOOK_ENV: ""}
    if subprocess.run([sys.executable, "-c", code], env=env, stdin=subprocess.DEVNULL).returncode:
        print("thawbook: the findings register failed; each notebook computes it", file=sys.stderr)
        return None
    write_record(csv.with_suffix(".json"), csv.with_suffix(".reads"))
    return csv


def execute_stale_notebooks(app, env, docnames: list[str]) -> None:
    """Before Sphinx reads: execute every notebook to be read that has no cache record."""
    import nbformat
    from jupyter_cache import get_cache

    from thawbook.exports.downloads import offers_downloads

    cache, logs = get_cache(str(cache_path(app))), {}
    for docname in sorted(docnames):
        path = Path(env.doc2path(docname))
        try:
            path.suffix == ".ipynb" and cache.match_cache_notebook(nbformat.read(path, as_version=4))
        except KeyError:
            logs[docname] = (path, deps_dir(app) / f"{record_name(docname)}.reads")
    app.thawbook_register = current_register(app) if offers_downloads(app) else None
    if app.config.nb_execution_mode != "cache" or not logs:
        return
    LOG.info(
        f"thawbook: executing {len(logs)} notebooks, {min(len(logs), jobs())} at a time: {', '.join(logs)}"
    )
    register = str(app.thawbook_register or "")
    execute_notebooks(dict(logs.values()), cache_path(app), app.config.nb_execution_timeout, register)
    for _, log in logs.values():
        write_record(deps_dir(app) / "pending" / f"{log.stem}.json", log)
