"""One clear line for every damaged input or machine, and no leftovers.

Each scenario runs the real code path and checks the one line a user sees, with no traceback:
a truncated or invalid notebook (``make refresh`` and the build's check), a read-only checkout,
a full disk (a write to ``/dev/full``), a missing chromium or npm in ``make test``, a second build
in the same checkout, and a killed ``make refresh`` (no kernel connection file may stay behind).
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.book.notebook_jobs import notebook
from thawbook.book import sphinxext
from thawbook.paths import ROOT
from thawbook.runs import failures


def cut_notebook(path: Path) -> Path:
    """A notebook cut short in the middle, as a full disk or a killed editor leaves it."""
    notebook(path, "x = 1")
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    return path


def refresh(*arguments: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "thawbook.tasks.refresh", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


# ---------------------------------------------------------------- damaged notebooks
def test_make_refresh_on_a_truncated_notebook_says_so_in_one_line(tmp_path):
    path = cut_notebook(tmp_path / "cut.ipynb")
    result = refresh(str(path))
    print(result.stderr)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    first, second = result.stderr.splitlines()
    assert first.startswith(f"make refresh: {path} is not a readable notebook: invalid JSON at line ")
    assert first.endswith(
        f"(the file is cut short?); restore it with 'git checkout -- {path}' or re-save it from JupyterLab"
    )
    assert second == "make refresh: no stored notebook was changed"


def test_make_refresh_with_thawbook_verbose_brings_the_traceback_back(tmp_path):
    path = cut_notebook(tmp_path / "cut.ipynb")
    result = refresh(str(path), env={"THAWBOOK_VERBOSE": "1"})
    assert result.returncode == 1 and "Traceback" in result.stderr


def test_a_json_file_that_is_no_notebook_is_named_with_the_fix(tmp_path):
    path = tmp_path / "odd.ipynb"
    path.write_text(json.dumps({"cells": "not a list"}), encoding="utf-8")
    problem = failures.notebook_problem(path)
    assert problem and problem.startswith("not a notebook: ")
    line = failures.damaged_notebook_line(path, problem)
    assert line.endswith("or re-save it from JupyterLab") and "\n" not in line


def test_the_build_stops_on_a_truncated_notebook_with_one_line(tmp_path, capsys):
    (tmp_path / "chapters").mkdir()
    cut_notebook(tmp_path / "chapters" / "cut.ipynb")
    notebook(tmp_path / "index.ipynb", "x = 1")
    app = SimpleNamespace(
        srcdir=str(tmp_path), config=SimpleNamespace(external_site_map={"index": 1, "chapters/cut": 2})
    )
    with pytest.raises(SystemExit) as stopped:
        sphinxext.check_notebooks(app)
    assert stopped.value.code == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(
        f"thawbook: {tmp_path}/chapters/cut.ipynb is not a readable notebook: invalid JSON at line "
    )


# ---------------------------------------------------------------- read-only checkout, full disk
def fake_app(outdir: Path) -> SimpleNamespace:
    return SimpleNamespace(outdir=str(outdir), doctreedir=str(outdir.parent / ".doctrees"))


def test_a_build_that_cannot_write_its_folders_stops_with_one_line(capsys):
    # /sys refuses new folders even to root: a checkout mounted read-only behaves the same way
    with pytest.raises(SystemExit):
        sphinxext.check_writable(fake_app(Path("/sys/thawbook-read-only/_build/html")))
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("thawbook: cannot write /sys/thawbook-read-only (Operation not permitted)")
    assert "the checkout is read-only; run make book in a writable clone" in line


def test_a_build_on_a_full_disk_stops_with_one_line(tmp_path, capsys):
    outdir = tmp_path / "_build" / "html"
    for folder in (outdir, outdir.parent / ".doctrees", outdir.parent):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f".thawbook-write-probe-{os.getpid()}").symlink_to("/dev/full")  # writes get ENOSPC
    with pytest.raises(SystemExit):
        sphinxext.check_writable(fake_app(outdir))
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"thawbook: cannot write {tmp_path}/_build")
    assert line.endswith(
        "the disk is full (No space left on device); free some space ('make clean' removes _build) "
        "and run make book again"
    )


def test_a_build_that_fails_later_on_a_full_disk_ends_with_one_line(capsys):
    try:
        with open("/dev/full", "wb") as handle:
            handle.write(b"x" * 65536)
            handle.flush()
    except OSError as error:
        failure = RuntimeError("writing a page failed")
        failure.__cause__ = error
    assert failure.__cause__.errno == errno.ENOSPC
    with pytest.raises(SystemExit):
        sphinxext.report_data_failure(SimpleNamespace(), failure)
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(
        "thawbook: cannot write the build's files: the disk is full (No space left on device)"
    )


def test_make_refresh_on_a_read_only_checkout_says_so_in_one_line(tmp_path, monkeypatch, capsys):
    from thawbook.tasks import refresh as task

    path = tmp_path / "chapter.ipynb"
    notebook(path, "x = 1")

    def read_only(paths, *args, **kwargs):
        raise PermissionError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    monkeypatch.setattr(task, "refresh", read_only)
    assert task.main([str(path)]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line == (
        f"make refresh: cannot write {path} (Read-only file system): the checkout is read-only; run make refresh "
        "in a writable clone (git clone <this checkout> <folder>), or make it writable"
    )


# ---------------------------------------------------------------- missing chromium or npm
@pytest.fixture
def bare_path(tmp_path) -> Path:
    """A PATH with neither chromium nor npm, whose apt-get fails as it does offline."""
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "apt-get").write_text('#!/bin/sh\necho "E: Unable to locate package" >&2\nexit 100\n')
    (folder / "apt-get").chmod(0o755)
    return folder


@pytest.mark.parametrize("root", [True, False])
@pytest.mark.parametrize("tool", ["chromium", "npm"])
def test_make_test_without_chromium_or_npm_stops_with_one_line_naming_the_fix(
    tmp_path, bare_path, tool, root
):
    venv = tmp_path / "venv"
    axe = venv / "axe" / "node_modules" / "axe-core" / "axe.min.js"
    if tool == "chromium":
        axe.parent.mkdir(parents=True)
        axe.write_text("")  # npm's part is done: only chromium is missing
    (bare_path / "id").write_text(f"#!/bin/sh\necho {0 if root else 1000}\n")
    (bare_path / "id").chmod(0o755)
    make = shutil.which("make")
    result = subprocess.run(
        [make, "-s", "browser", f"VENV={venv}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": str(bare_path), "HOME": str(tmp_path)},
        timeout=60,
    )
    print(result.stdout, result.stderr)
    assert result.returncode != 0 and result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if not line.startswith("make: ***")]
    fix = (
        f"{tool} is missing and 'apt-get install -y {tool}' failed: install it (or put {tool} on PATH), "
        "then run make again"
        if root
        else f"{tool} is missing: run 'sudo apt-get install -y {tool}', then run make again"
    )
    assert lines == [fix]


# ---------------------------------------------------------------- one build at a time
HOLDER = (
    "import sys, time\n"
    "from thawbook.runs.single_run import hold_lock\n"
    "hold_lock(sys.argv[1]); print('holding', flush=True); time.sleep(120)\n"
)


def test_a_second_build_in_the_same_checkout_stops_at_once_and_a_killed_one_blocks_nothing(tmp_path, capsys):
    build = tmp_path / "_build"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(build)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        app = fake_app(build / "html")
        started = time.monotonic()
        with pytest.raises(SystemExit):
            sphinxext.hold_build_lock(app)
        assert time.monotonic() - started < 2  # at once, not after the other build
        (line,) = capsys.readouterr().err.splitlines()
        assert line.startswith(
            f"thawbook: another build is running in this checkout (process {holder.pid}, lock "
        )
        assert line.endswith("wait for it to finish, or stop it, then run this again")
    finally:
        holder.kill()
        holder.wait()
    probe = subprocess.run(
        [sys.executable, "-c", HOLDER.replace("time.sleep(120)", "pass"), str(build)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert probe.stdout.strip() == "holding"  # the killed holder left no stale lock


# ---------------------------------------------------------------- no kernel connection files left
def processes_mentioning(text: str) -> list[int]:
    """Processes whose command line holds ``text`` (a folder of this test's own)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text in (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"):
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def connection_files(folder: Path) -> list[Path]:
    """Kernel connection files (ports and the signing key) anywhere under ``folder``."""
    found = []
    for path in folder.rglob("*.json"):
        try:
            if '"shell_port"' in path.read_text(encoding="utf-8") or path.name.startswith("kernel-"):
                found.append(path)
        except (OSError, UnicodeDecodeError):
            pass
    return found


def test_a_killed_make_refresh_leaves_no_kernel_connection_file(tmp_path):
    runtime, temporary = tmp_path / "runtime", tmp_path / "tmp"
    runtime.mkdir()
    temporary.mkdir()
    path = notebook(tmp_path / "slow.ipynb", "import time\ntime.sleep(120)")  # still running when killed
    process = subprocess.Popen(
        [sys.executable, "-m", "thawbook.tasks.refresh", str(path)],
        cwd=ROOT,
        env={**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime), "TMPDIR": str(temporary)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not connection_files(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert connection_files(tmp_path), "no kernel started"
        os.killpg(process.pid, signal.SIGKILL)  # the whole make refresh, as kill -9 or a lost terminal
        process.wait()
        # the watcher is a Python process of its own: on a loaded 2-core machine it may take
        # several seconds to start, so it gets half a minute to remove the folder
        deadline = time.monotonic() + 30
        while connection_files(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not connection_files(tmp_path), connection_files(tmp_path)
    finally:
        for pid in processes_mentioning(str(tmp_path)):  # kernels of this test that outlived it
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
