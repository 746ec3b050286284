"""Real Jupyter Book builds that meet a damaged input stop with one line and no traceback; a
second build of the same book stops at once instead of executing the same notebooks again; and
a build killed mid-execution leaves no kernel connection file behind."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time

from tests.book.test_damaged_inputs import connection_files, processes_mentioning
from tests.build.test_build import FLAGS, JUPYTER_BOOK, build, mini_book
from thawbook.paths import ROOT


def only_line(result: subprocess.CompletedProcess) -> str:
    """The build's one line: the only line of stderr, with no traceback anywhere."""
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output[-3000:]
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_a_truncated_notebook_stops_the_build_with_one_line(tmp_path):
    book = mini_book(tmp_path / "book", "x = 1")
    text = (book / "chapter.ipynb").read_text(encoding="utf-8")
    (book / "chapter.ipynb").write_text(text[: len(text) // 2], encoding="utf-8")
    line = only_line(build(book))
    assert line.startswith(
        f"thawbook: {book}/chapter.ipynb is not a readable notebook: invalid JSON at line "
    )
    assert line.endswith(
        f"restore it with 'git checkout -- {book}/chapter.ipynb' or re-save it from JupyterLab"
    )


def test_a_resource_path_outside_data_stops_the_build_with_one_line(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"][0]["path"] = "../../etc/passwd"
    (data / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    line = only_line(build(mini_book(tmp_path / "book", "x = 1"), THAWBOOK_DATA=str(data)))
    assert line == (
        f"thawbook: {data}/datapackage.json, resource 'actors' path: '../../etc/passwd' climbs out of data/ "
        "with '..'; a resource is a file inside data/: give its path relative to data/, without '..' or a "
        "symlink [rule: path_inside_data]"
    )


def test_a_second_build_stops_at_once_and_a_killed_build_leaves_no_kernel_connection_file(tmp_path):
    book = mini_book(tmp_path / "book", "import time\ntime.sleep(60)")
    temporary = tmp_path / "tmp"  # where jupyter_client writes connection files, unless told otherwise
    temporary.mkdir()
    first = subprocess.Popen(
        [str(JUPYTER_BOOK), "build", str(book), "--builder", "html", *FLAGS],
        cwd=book,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "TMPDIR": str(temporary)},
        start_new_session=True,
    )
    try:
        for line in first.stdout:
            if line.startswith("thawbook: executing 1 notebooks"):  # its kernel is starting
                break
        started = time.monotonic()
        second = build(book)
        assert time.monotonic() - started < 60  # at once, not after the first build's minute
        line = only_line(second)
        assert line.startswith(
            f"thawbook: another build is running in this checkout (process {first.pid}, lock "
        )
        assert "thawbook: executing" not in second.stdout
        assert connection_files(temporary) or connection_files(tmp_path), "the first build started no kernel"
        os.killpg(first.pid, signal.SIGKILL)  # the first build, killed mid-execution
        first.wait()
        deadline = time.monotonic() + 30  # the watcher may be slow to start on a loaded machine
        while connection_files(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not connection_files(tmp_path), connection_files(tmp_path)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait()
        for pid in processes_mentioning(str(tmp_path)):  # its kernel, which outlives a kill
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
