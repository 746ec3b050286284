"""The build under faults: nothing stale.

A copy of the checkout, trimmed to a small book (``small_book`` in ``conftest.py``: *About the
source* and two probe notebooks that read ``data/events.csv``), is built once and reused, in
file order:

- a ``make book`` killed with SIGKILL, and a ``jupyter-book`` interrupted with SIGINT, each
  after a data change, once one probe has executed into the cache and while the other still
  executes (no page written yet), are followed by a build that shows the new value;
- a damaged execution cache (missing notebook files, an orphaned folder) is repaired with a
  message on stderr, and the strict build still succeeds.

The hostile-data build is in ``test_hostile.py``.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.build.test_build import FLAGS, JUPYTER_BOOK, make_book
from tests.conftest import PROBE_SLOW, PROBE_TITLES, SLOW_ENV, seed_execution_state, small_book
from thawbook.tasks.checkout import copy_checkout

PROBE_PAGE = Path(f"_build/html/{PROBE_TITLES}.html")
TITLE = "Ambassador Xie Feng arrives in Washington"
# Both probes execute at once; when jupyter-cache's pool reports the first executed (it caches it
# next), the slow one is still sleeping, so no page of this build has been read or written yet.


@pytest.fixture(scope="module")
def small_copy(tmp_path_factory) -> Path:
    checkout = small_book(copy_checkout(tmp_path_factory.mktemp("small") / "checkout"))
    seed_execution_state(checkout)
    result = make_book(checkout)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return checkout


def set_version(checkout: Path, version: int) -> str:
    """Give the chronology's event title a new value; return it."""
    events = checkout / "data" / "events.csv"
    new = f"{TITLE} (version {version})"
    text, count = re.subn(re.escape(TITLE) + r"( \(version \d+\))?", new, events.read_text(encoding="utf-8"))
    assert count == 1
    events.write_text(text, encoding="utf-8")
    return new


def killed_when(line: str) -> bool:
    """Whether ``line`` is the pool's report that the title probe executed."""
    return "Execution Successful: " in line and line.rstrip().endswith(f"/{Path(PROBE_TITLES).name}.ipynb")


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def interrupted(command: list[str], checkout: Path, how: signal.Signals, *, group: bool) -> str:
    """Start ``command``, wait until the title probe has been executed into the cache, then send
    ``how`` (to the whole process group, or to the process alone); return what it printed."""
    env = {**os.environ, "PYTHONPATH": str(checkout), "PYTHONUNBUFFERED": "1", SLOW_ENV: "120"}
    process = subprocess.Popen(
        command,
        cwd=checkout,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        # A shell that starts a command in the background (CI runners may) makes it ignore
        # SIGINT, and Python then never turns Ctrl-C into KeyboardInterrupt: the build gets
        # SIGINT's default handling, as in a terminal.
        preexec_fn=_default_sigint,
    )
    lines, deadline = [], time.monotonic() + 600
    for line in process.stdout:
        lines.append(line)
        if killed_when(line) or time.monotonic() > deadline:
            break
    assert killed_when(lines[-1]), "".join(lines[-40:])
    if group:
        os.killpg(process.pid, how)
    else:
        process.send_signal(how)
    try:
        rest, _ = process.communicate(timeout=180)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        rest, _ = process.communicate()
    assert process.returncode != 0, "the build was not interrupted"
    return "".join(lines) + rest


def assert_rebuild_shows(checkout: Path, value: str, *old: str) -> subprocess.CompletedProcess:
    result = make_book(checkout)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    page = (checkout / PROBE_PAGE).read_text(encoding="utf-8")
    assert value in page, "the page is stale after an interrupted build"
    for value in old:
        assert value not in page
    reran = re.findall(r"re-executing notebooks whose data or package changed: (.*)", result.stdout)
    print("re-executed:", reran)
    assert reran and PROBE_TITLES in reran[0] and PROBE_SLOW in reran[0]
    assert "chapters/01_about_the_source" not in reran[0]
    return result


def test_a_build_killed_with_sigkill_mid_execution_is_followed_by_a_correct_build(small_copy):
    before = (small_copy / PROBE_PAGE).read_text(encoding="utf-8")
    value = set_version(small_copy, 1)
    interrupted(
        ["make", "book", f"VENV={JUPYTER_BOOK.parent.parent}"], small_copy, signal.SIGKILL, group=True
    )
    assert (small_copy / PROBE_PAGE).read_text(encoding="utf-8") == before  # killed before writing
    assert_rebuild_shows(small_copy, value)


def test_a_build_interrupted_with_sigint_to_jupyter_book_alone_is_followed_by_a_correct_build(small_copy):
    before = (small_copy / PROBE_PAGE).read_text(encoding="utf-8")
    value = set_version(small_copy, 2)
    command = [str(JUPYTER_BOOK), "build", str(small_copy), "--builder", "html", *FLAGS]
    output = interrupted(command, small_copy, signal.SIGINT, group=False)
    print(output[-1500:])
    assert (small_copy / PROBE_PAGE).read_text(encoding="utf-8") == before  # interrupted before writing
    assert_rebuild_shows(small_copy, value, "(version 1)")


def test_a_damaged_execution_cache_is_repaired_with_a_message_and_the_strict_build_succeeds(small_copy):
    cache = small_copy / "_build" / ".jupyter_cache" / "executed"
    records = sorted(cache.glob("*/base.ipynb"))
    assert records
    for notebook in records:
        notebook.unlink()  # today: KeyError: 'Notebook file does not exist for cache record PK: 4'
    (cache / ("0" * 32)).mkdir()  # a folder no record points to
    value = set_version(small_copy, 3)
    result = assert_rebuild_shows(small_copy, value, "(version 2)")
    print(result.stderr[-2000:])
    assert len(
        re.findall(
            r"thawbook: repaired the execution cache: removed execution-cache record \d+ "
            r"\(.*\): its notebook file is missing",
            result.stderr,
        )
    ) == len(records)
    assert f"removed orphaned execution-cache folder executed/{'0' * 32}" in result.stderr
    assert not (cache / ("0" * 32)).exists()
