"""One build at a time per checkout, and no kernel connection files left behind.

- :func:`hold_lock`: a build takes an exclusive ``flock`` on ``_build/.thawbook-build.lock``
  for as long as its process lives. A second one in the same checkout stops at once with
  "another build is running", instead of executing the same notebooks again; ``make refresh``
  takes the same lock (:func:`waiting_lock`) and waits for it, saying so. The kernel drops
  the lock when the process ends, however it ends (even by SIGKILL), so a killed build never
  blocks the next.
- :func:`private_kernel_runtime`: the kernels' connection files (with their keys) go to a
  private folder (mode 0700) made for this process, not to ``/tmp`` (where jupyter_client
  writes them with ``tempfile``) or the shared Jupyter runtime folder.
  It is removed when the process exits; if the process is killed, a small watcher started in
  a session of its own (:func:`reap`) removes it as soon as the process is gone.
"""

from __future__ import annotations

import atexit
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".thawbook-build.lock"
RUNTIME_ENV = "JUPYTER_RUNTIME_DIR"
TEMPORARY_ENV = ("TMPDIR", "TEMP", "TMP")
_HELD: dict[str, int] = {}  # lock file -> descriptor, kept open for the life of the process
_WATCHERS: list[subprocess.Popen] = []


class AnotherRun(RuntimeError):
    """Another build or refresh holds this checkout's lock."""


def _take(path: Path, wait: bool, say) -> int:
    handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(handle, 64, 0).decode("ascii", "replace").strip() or "unknown"
        if not wait:
            os.close(handle)
            raise AnotherRun(
                f"another build is running in this checkout (process {holder}, lock {path}): wait for "
                "it to finish, or stop it, then run this again"
            ) from None
        say(f"another build is running in this checkout (process {holder}): waiting for it to finish")
        fcntl.flock(handle, fcntl.LOCK_EX)
    os.ftruncate(handle, 0)
    os.pwrite(handle, f"{os.getpid()}\n".encode("ascii"), 0)
    return handle


def hold_lock(folder: Path) -> None:
    """Take the lock in ``folder`` (``_build/``) for the life of this process (a build), or
    raise :class:`AnotherRun` at once, naming the process that holds it."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    if str(path) not in _HELD:
        _HELD[str(path)] = _take(path, wait=False, say=print)


@contextmanager
def waiting_lock(folder: Path, say=print):
    """The same lock for the duration of a ``with`` block (``make refresh``): if another build
    or refresh holds it, say so and wait for it, then go on."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    if str(path) in _HELD:
        yield
        return
    handle = _take(path, wait=True, say=say)
    _HELD[str(path)] = handle
    try:
        yield
    finally:
        del _HELD[str(path)]
        os.close(handle)  # releases the lock


def _start_time(pid: int) -> str | None:
    """The start time of process ``pid`` (from /proc), or None when it is gone or a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()
    return None if fields[0] in ("Z", "X") else fields[19]


#: How long the watcher keeps removing the folder after the process is gone: a kernel that was
#: still starting when its build was killed writes its connection file late, folder and all.
LINGER_S = 60.0


def reap(pid: int, folder: Path, poll: float = 0.2, linger: float = LINGER_S) -> None:
    """Wait until process ``pid`` is gone (or a zombie, or another process with its number),
    then remove ``folder``, and again whenever it reappears within ``linger`` seconds."""
    started = _start_time(pid)
    while started is not None and _start_time(pid) == started and Path(folder).exists():
        time.sleep(poll)
    if started is not None and _start_time(pid) == started:
        return  # the process removed its folder itself and is still running: nothing to reap
    deadline = time.monotonic() + linger
    while True:
        shutil.rmtree(folder, ignore_errors=True)
        if time.monotonic() >= deadline:
            return
        time.sleep(poll)


def private_kernel_runtime() -> Path:
    """Point ``JUPYTER_RUNTIME_DIR`` of this process and its children at a new private folder,
    removed at exit, or by a watcher if the process is killed; return the folder."""
    current = os.environ.get(RUNTIME_ENV)
    if current and Path(current).name.startswith("thawbook-kernels-") and Path(current).is_dir():
        return Path(current)  # already private (a build started by make refresh, say)
    folder = Path(tempfile.mkdtemp(prefix="thawbook-kernels-"))
    # jupyter_client writes a kernel's connection file with tempfile.mkstemp, so the temporary
    # folder of this process and of its children (workers, kernels) is the private one too.
    for name in (RUNTIME_ENV, *TEMPORARY_ENV):
        os.environ[name] = str(folder)
    tempfile.tempdir = str(folder)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    watcher = subprocess.Popen(
        [sys.executable, "-m", "thawbook.runs.single_run", str(os.getpid()), str(folder)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # outlives a kill of the whole process group
    )
    _WATCHERS.append(watcher)
    return folder


@contextmanager
def kernel_runtime():
    """:func:`private_kernel_runtime` for the duration of a ``with`` block: afterwards the folder
    is gone and ``JUPYTER_RUNTIME_DIR`` is as it was."""
    names = (RUNTIME_ENV, *TEMPORARY_ENV)
    before, before_tempdir = {name: os.environ.get(name) for name in names}, tempfile.tempdir
    folder = private_kernel_runtime()
    try:
        yield folder
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        tempfile.tempdir = before_tempdir
        if str(folder) != before[RUNTIME_ENV]:
            shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str]) -> int:
    """The watcher: ``python -m thawbook.runs.single_run <pid> <folder>``."""
    reap(int(argv[0]), Path(argv[1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
