"""Execute the book's stale notebooks concurrently, before Sphinx reads them.

myst-nb, in ``cache`` mode, executes a notebook that has no execution-cache record while Sphinx
reads it, one notebook after another. :func:`run_jobs` runs first instead (called by
:func:`thawbook.book.execution_cache.execute_stale_notebooks` on ``env-before-read-docs``,
hooked in by ``thawbook.book.sphinxext``): every notebook about to be read that has
no cache record executes in its own worker process, :func:`jobs` at a time (one kernel per
core), and the parent stores each result in the execution cache. Sphinx then only reads
cached results.

Each worker, and so the kernel it starts, has ``THAWBOOK_READS_LOG`` set to the notebook's own
log, and the kernel is started with :func:`kernel_setup_line`, which turns on the recording of
imported ``thawbook`` modules (:func:`thawbook.paths.record_imports`) and guards reads: opening
a file under ``data/`` or ``seeds/`` that the recording loader did not record fails the cell
(:func:`thawbook.paths.guard_reads`). Separate processes, separate logs: the record of what one
notebook read stays that notebook's under concurrency.

A cell that raises stops the build with an :class:`ExecutionFailure` naming the notebook and
the cell, followed by the cell's traceback; the other workers are stopped, and nothing of the
failed notebook is cached.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from thawbook.paths import READS_LOG_ENV, ROOT

JOBS_ENV = "THAWBOOK_JOBS"
# Run by the kernel at start-up, before the first cell: record every thawbook module imported.
RECORDING_LINE = "__import__('thawbook.paths').paths.record_imports()"


def notebook_name(notebook_path: Path) -> str:
    """How failures name a notebook: relative to the repository when it lies inside it."""
    resolved = Path(notebook_path).resolve()
    return str(resolved.relative_to(ROOT)) if resolved.is_relative_to(ROOT) else str(notebook_path)


def guard_line(notebook_path: Path) -> str:
    """The statement a kernel runs before the first cell to guard its reads
    (:func:`thawbook.paths.guard_reads`): opening a file under data/ or seeds/ that was not
    recorded fails the cell, naming this notebook."""
    return f"__import__('thawbook.paths').paths.guard_reads({notebook_name(notebook_path)!r})"


def kernel_setup_line(notebook_path: Path) -> str:
    """What the build's kernel runs at start-up: record imported modules, and guard reads."""
    return f"{RECORDING_LINE}; {guard_line(notebook_path)}"


class ExecutionFailure(RuntimeError):
    """A notebook failed to execute; the message names the notebook and the cell."""


def jobs() -> int:
    """How many notebooks execute at once: ``THAWBOOK_JOBS``, else one per core."""
    return max(1, int(os.environ.get(JOBS_ENV) or os.cpu_count() or 1))


def failing_cell(notebook) -> tuple[int, str] | None:
    """Index and first source line of the cell whose output is an error (nbclient keeps it)."""
    for index, cell in enumerate(notebook.cells):
        if any(output.get("output_type") == "error" for output in cell.get("outputs", [])):
            return index, (cell.source.strip().splitlines() or [""])[0]
    return None


def describe_cell(notebook) -> str:
    """The failing cell of an executed ``notebook`` as ``cell N ('first words')``."""
    where = failing_cell(notebook)
    return f"cell {where[0]} ({where[1][:60]!r})" if where else "a cell"


# ---------------------------------------------------------------- the worker (one notebook)
KERNEL_DIED = "Kernel died before replying to kernel_info"
KERNEL_STARTS = 3  # a kernel that dies before its first reply is started again, this often in all


def run_worker(notebook_path: Path, out: Path, timeout: int, allow_errors: bool) -> int:
    """Execute one notebook in a fresh, empty temporary folder; write the executed notebook, or
    the failure, to ``out`` as JSON. The parent sets ``THAWBOOK_READS_LOG`` in this process's
    environment.

    The kernel starts outside the book on purpose: nbval runs each notebook in its own folder,
    so between them the two prove that a notebook resolves its data from
    :mod:`thawbook.paths` and never from the working directory, without executing it a third
    time."""
    import nbformat
    from jupyter_cache.executors import utils

    for attempt in range(1, KERNEL_STARTS + 1):
        notebook = nbformat.read(notebook_path, as_version=4)
        try:
            with tempfile.TemporaryDirectory(prefix="thawbook-kernel-") as folder:
                result = utils.single_nb_execution(
                    notebook,
                    cwd=folder,
                    timeout=timeout,
                    allow_errors=allow_errors,
                    meta_override=True,
                    extra_arguments=[f"--IPKernelApp.exec_lines={kernel_setup_line(notebook_path)}"],
                )
            break
        except RuntimeError as error:
            # Kernels started at the same moment by separate processes can pick the same free
            # TCP port, and one of them dies before it answers; no cell has run, so start again.
            if KERNEL_DIED not in str(error) or attempt == KERNEL_STARTS:
                raise
            print(f"thawbook: {notebook_path.name}: {error}; starting its kernel again", file=sys.stderr)
    if result.err is not None:
        error = result.err
        name = f"{error.ename}: {error.evalue}" if getattr(error, "ename", None) else type(error).__name__
        report = {"error": f"{describe_cell(notebook)} failed: {name}", "traceback": result.exc_string}
    else:
        report = {"notebook": nbformat.writes(notebook), "seconds": result.time}
    temporary = out.with_name(out.name + ".tmp")
    temporary.write_text(json.dumps(report), encoding="utf-8")
    os.replace(temporary, out)
    return 0 if result.err is None else 1


# ---------------------------------------------------------------- the parent
@dataclass
class Job:
    """One notebook executed by a worker process, with its read log and report file."""

    docname: str
    path: Path  # the notebook
    log: Path  # THAWBOOK_READS_LOG of its kernel
    out: Path  # what the worker reports
    started: float = 0.0
    process: subprocess.Popen | None = field(default=None, repr=False)
    stderr: object = field(default=None, repr=False)


def start(job: Job, timeout: int, allow_errors: bool) -> None:
    """Start ``job``'s worker process, with its own read log."""
    job.log.parent.mkdir(parents=True, exist_ok=True)
    job.log.write_text("")
    job.out.unlink(missing_ok=True)
    job.stderr = open(job.out.with_suffix(".stderr"), "w", encoding="utf-8")
    env = {**os.environ, READS_LOG_ENV: str(job.log)}
    command = [
        sys.executable,
        "-m",
        "thawbook.book.execute",
        str(job.path),
        str(job.out),
        str(timeout),
        "allow" if allow_errors else "strict",
    ]
    job.started = time.perf_counter()
    job.process = subprocess.Popen(
        command, env=env, stdin=subprocess.DEVNULL, stdout=job.stderr, stderr=job.stderr
    )


def stop(running: list[Job]) -> None:
    """Terminate every still-running worker of ``running`` and wait for it."""
    for job in running:
        if job.process and job.process.poll() is None:
            job.process.terminate()
    for job in running:
        if job.process:
            try:
                job.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                job.process.kill()
                job.process.wait()


def outcome(job: Job) -> dict:
    """The worker's report, or a failure that names the notebook when it left none."""
    job.stderr.close()
    if job.out.exists():
        return json.loads(job.out.read_text(encoding="utf-8"))
    tail = job.out.with_suffix(".stderr").read_text(encoding="utf-8", errors="replace")[-3000:]
    return {"error": f"execution failed (worker exit status {job.process.returncode})", "traceback": tail}


def run_jobs(
    pending: list[Job], store, timeout: int, allow_errors: bool, say=print, width: int | None = None
) -> None:
    """Run ``pending`` at most ``width`` at a time; ``store(job, report)`` each success as it
    finishes. The first failure stops the others and raises :class:`ExecutionFailure`."""
    width = width or jobs()
    queue, running = list(pending), []
    try:
        while queue or running:
            while queue and len(running) < width:
                job = queue.pop(0)
                say(f"thawbook: executing {job.path.name}")
                start(job, timeout, allow_errors)
                running.append(job)
            time.sleep(0.1)
            for job in [job for job in running if job.process.poll() is not None]:
                running.remove(job)
                report = outcome(job)
                if "error" in report:
                    raise ExecutionFailure(f"{job.path}: {report['error']}\n{report.get('traceback') or ''}")
                store(job, report)
                say(f"thawbook: executed {job.path.name} in {time.perf_counter() - job.started:.1f} s")
    finally:
        stop(running)
        for job in running:
            if job.stderr and not job.stderr.closed:
                job.stderr.close()


def main(argv: list[str]) -> int:
    """Worker entry point: ``notebook out timeout allow|strict``."""
    path, out, timeout, mode = argv
    return run_worker(Path(path), Path(out), int(timeout), mode == "allow")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
