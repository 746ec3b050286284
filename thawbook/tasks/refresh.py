"""Re-execute chapter notebooks so their stored outputs are current (``make refresh``).

Each notebook runs in its own folder, as nbval runs it, with no timing
metadata, so that an unchanged notebook re-executes to identical JSON. As in the book build,
opening a file under ``data/`` or ``seeds/`` that the recording loader did not record fails
the notebook (:func:`thawbook.book.execute.guard_line`).

The notebooks execute concurrently, one kernel per core, as in the book build. All or nothing:
every notebook executes into a copy in memory first. Only when all of them
succeeded are the stored notebooks replaced (each atomically, through a temporary file
beside it); if one fails, the command names the notebook and the cell, and leaves every
stored notebook as it was. It ends by listing which notebooks changed.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from thawbook.book.execute import guard_line, jobs


def describe_cell(notebook) -> str:
    """The failing cell of an executed ``notebook`` as ``cell N ('first words')``."""
    for index, cell in enumerate(notebook.cells):
        if any(output.get("output_type") == "error" for output in cell.get("outputs", [])):
            return f"cell {index} ({(cell.source.strip().splitlines() or [''])[0][:60]!r})"
    return "a cell"


class RefreshError(RuntimeError):
    """A notebook failed to execute; ``str(error)`` names the notebook and the cell."""


@dataclass
class Executed:
    """A notebook executed in memory, and the text it would be stored as."""

    path: Path
    text: str  # the executed notebook as it will be written

    @property
    def changed(self) -> bool:
        """True when the stored notebook differs from its fresh execution."""
        return self.path.read_text(encoding="utf-8") != self.text


def execute(path: Path, timeout: int = 300) -> Executed:
    """``path`` executed in its own folder, as text to store; the file itself is not touched."""
    path = Path(path)
    try:
        notebook = nbformat.read(path, as_version=4)
    except Exception:  # not JSON, cut short, not a notebook: say which, in one line
        from thawbook.runs.failures import damaged_notebook_line, notebook_problem

        problem = notebook_problem(path) or "it cannot be read"
        raise RefreshError(damaged_notebook_line(path, problem)) from None
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent.resolve())}},
        extra_arguments=[f"--IPKernelApp.exec_lines={guard_line(path)}"],
    )
    try:
        client.execute()
    except CellExecutionError as error:
        cell = describe_cell(notebook)
        name = (
            f"{error.ename}: {error.evalue}" if getattr(error, "ename", None) else str(error).splitlines()[0]
        )
        raise RefreshError(f"{path}: {cell} failed: {name}") from None
    except Exception as error:  # a timeout, a dead kernel
        raise RefreshError(f"{path}: execution failed: {type(error).__name__}: {error}") from None
    notebook.metadata.pop("widgets", None)
    text = nbformat.writes(notebook)
    return Executed(path, text if text.endswith("\n") else text + "\n")  # as nbformat.write does


def store(executed: Executed) -> None:
    """Replace the stored notebook in one step, so it is never half-written."""
    handle, temporary = tempfile.mkstemp(
        dir=executed.path.parent, prefix=f".{executed.path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(executed.text)
        os.chmod(temporary, executed.path.stat().st_mode & 0o777)
        os.replace(temporary, executed.path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def execute_in_place(path: Path, timeout: int = 300) -> bool:
    """Execute one notebook and store its outputs; True if the stored notebook changed."""
    executed = execute(path, timeout)
    changed = executed.changed
    store(executed)
    return changed


def refresh(paths: list[Path], timeout: int = 300, width: int | None = None) -> list[Path]:
    """Execute every notebook, then store them all; return those whose stored JSON changed.

    The notebooks execute ``width`` at a time (default :func:`thawbook.book.execute.jobs`, one per
    core), each in a worker process of its own with its own kernel. Raises
    :class:`RefreshError` (and stores nothing) if any notebook fails: the first failure in the
    order of ``paths`` is the one named, and notebooks not yet started are not started.
    """
    from concurrent.futures import ProcessPoolExecutor

    paths = [Path(path) for path in paths]
    width = max(1, min(width or jobs(), len(paths) or 1))
    with ProcessPoolExecutor(max_workers=width) as pool:
        futures = [pool.submit(execute, path, timeout) for path in paths]
        print(f"executing {len(paths)} notebooks, {width} at a time", flush=True)
        executed, failures = [], []
        for path, future in zip(paths, futures):
            try:
                executed.append(future.result())
                print(f"executed {path}", flush=True)
            except RefreshError as error:
                failures.append(error)
                for pending in futures:
                    pending.cancel()
                break
    if failures:
        raise failures[0]
    changed = [item.path for item in executed if item.changed]
    for item in executed:
        if item.changed:
            store(item)
    return changed


def main(argv: list[str]) -> int:
    """``make refresh``: re-execute the named notebooks and store those that changed.

    A damaged notebook, a read-only checkout or a full disk ends it with one line and no
    traceback (``THAWBOOK_VERBOSE=1`` shows it). It waits for another build or refresh of the
    checkout to finish, and its kernels keep their connection files in a private folder that
    goes when it ends, or when it is killed (:mod:`thawbook.runs.single_run`)."""
    from thawbook.paths import ROOT
    from thawbook.runs.failures import damaged_notebook_line, explain, notebook_problem, verbose
    from thawbook.runs.single_run import kernel_runtime, waiting_lock

    paths = [Path(name) for name in argv]
    try:
        for path in paths:
            problem = notebook_problem(path)
            if problem:
                raise RefreshError(damaged_notebook_line(path, problem))
        with waiting_lock(ROOT / "_build", say=lambda line: print(f"make refresh: {line}", flush=True)):
            with kernel_runtime():
                changed = refresh(paths)
    except (RefreshError, OSError) as error:
        line = explain(error, "make refresh") if isinstance(error, OSError) else None
        if verbose() or (isinstance(error, OSError) and line is None):
            raise
        print(f"make refresh: {line or error}", file=sys.stderr)
        if not isinstance(error, OSError):  # a failed write may come after some were stored
            print("make refresh: no stored notebook was changed", file=sys.stderr)
        return 1
    unchanged = [path for path in paths if path not in changed]
    print(
        f"make refresh: {len(changed)} of {len(paths)} notebooks changed"
        + (": " + ", ".join(map(str, changed)) if changed else "")
    )
    if unchanged:
        print("make refresh: unchanged: " + ", ".join(map(str, unchanged)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
