"""Concurrent execution of stale notebooks (thawbook.book.execute): each notebook's record of what it
read and imported stays its own, and a raising cell stops everything, naming notebook and cell."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from tests.book.notebook_jobs import job, notebook
from tests.conftest import csv_rows
from thawbook.book.execute import ExecutionFailure, run_jobs, run_worker
from thawbook.paths import ROOT


def lines(path: Path) -> set[str]:
    return {line for line in path.read_text().splitlines() if line}


def test_notebooks_executing_at_once_keep_separate_records_of_reads_and_imports(tmp_path):
    # each reads its own file and imports its own module, at the same time, in separate kernels
    a = job(
        tmp_path,
        "a",
        "import time\nfrom pathlib import Path\nfrom thawbook.paths import record_read\n"
        f"record_read(Path({str(tmp_path / 'a.txt')!r}))\ntime.sleep(1)",
        "import thawbook.inputs.hygiene\nprint('a done')",
    )
    b = job(
        tmp_path,
        "b",
        "import time\nfrom pathlib import Path\nfrom thawbook.paths import record_read\n"
        f"record_read(Path({str(tmp_path / 'b.txt')!r}))\ntime.sleep(1)",
        "import thawbook.inputs.seed\nprint('b done')",
    )
    stored = {}
    run_jobs(
        [a, b],
        lambda job, report: stored.update({job.docname: report}),
        timeout=120,
        allow_errors=False,
        say=print,
        width=2,
    )
    assert sorted(stored) == ["a", "b"]
    executed = nbformat.reads(stored["a"]["notebook"], as_version=4)
    assert executed.cells[1].outputs[0].text == "a done\n" and executed.cells[0].execution_count == 1
    read_a, read_b = lines(a.log), lines(b.log)
    assert str(tmp_path / "a.txt") in read_a and str(tmp_path / "b.txt") not in read_a
    assert str(tmp_path / "b.txt") in read_b and str(tmp_path / "a.txt") not in read_b
    assert any(p.endswith("thawbook/inputs/hygiene.py") for p in read_a) and not any(
        p.endswith("thawbook/inputs/hygiene.py") for p in read_b
    )
    assert any(p.endswith("thawbook/inputs/seed.py") for p in read_b) and not any(
        p.endswith("thawbook/inputs/seed.py") for p in read_a
    )


def test_a_raising_cell_names_the_notebook_and_the_cell_and_stores_nothing_of_it(tmp_path):
    good = job(tmp_path, "good", "x = 1")
    bad = job(tmp_path, "bad", "y = 2", "raise ValueError('broken on purpose')")
    stored = []
    with pytest.raises(ExecutionFailure) as failure:
        run_jobs(
            [bad, good],
            lambda job, report: stored.append(job.docname),
            timeout=120,
            allow_errors=False,
            say=print,
            width=2,
        )
    message = str(failure.value)
    print(message)
    assert message.startswith(
        f"{bad.path}: cell 1 (\"raise ValueError('broken on purpose')\") failed: "
        "ValueError: broken on purpose"
    )
    assert "Traceback" in message or "ValueError" in message.splitlines()[-1]
    assert "bad" not in stored


WHERE = "import os\nprint(os.getcwd())\nprint(sorted(os.listdir('.')))"
THROUGH_THE_PACKAGE = "from thawbook.inputs.tables import load_table\nprint(len(load_table('events')))"


def test_a_notebook_executes_in_an_empty_folder_outside_the_book_and_finds_its_data_all_the_same(tmp_path):
    # nbval runs every notebook in its own folder; the build runs it elsewhere, in an empty
    # folder, so a notebook that found its data through the working directory fails one of them.
    stored = {}
    run_jobs(
        [job(tmp_path, "found", WHERE, THROUGH_THE_PACKAGE)],
        lambda job, report: stored.update(report),
        timeout=120,
        allow_errors=False,
        say=print,
        width=1,
    )
    executed = nbformat.reads(stored["notebook"], as_version=4)
    folder, listing = executed.cells[0].outputs[0].text.splitlines()
    print("executed in", folder, listing)
    assert listing == "[]"
    assert not Path(folder).resolve().is_relative_to(ROOT.resolve())
    assert not Path(folder).resolve().is_relative_to(tmp_path.resolve())
    assert int(executed.cells[1].outputs[0].text) == len(csv_rows("events"))

    relative = job(tmp_path, "relative", WHERE, "open('../data/events.csv')")
    with pytest.raises(ExecutionFailure) as failure:
        run_jobs([relative], lambda job, report: None, timeout=120, allow_errors=False, say=print, width=1)
    assert "cell 1 (\"open('../data/events.csv')\") failed: FileNotFoundError" in str(failure.value)


def test_a_kernel_that_dies_before_its_first_reply_is_started_again(tmp_path, monkeypatch, capsys):
    # Two workers starting kernels at once can race for a TCP port; the loser dies before it
    # answers. Simulate that once: the worker starts a new kernel, and the notebook executes.
    from jupyter_cache.executors import utils

    real, calls = utils.single_nb_execution, []

    def dies_first(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return real(*args, **kwargs)

    monkeypatch.setattr(utils, "single_nb_execution", dies_first)
    path = notebook(tmp_path / "raced.ipynb", "print('ran')")
    out = tmp_path / "raced.json"
    assert run_worker(path, out, 120, allow_errors=False) == 0
    report = json.loads(out.read_text())
    assert nbformat.reads(report["notebook"], as_version=4).cells[0].outputs[0].text == "ran\n"
    assert len(calls) == 2 and "starting its kernel again" in capsys.readouterr().err


def test_a_kernel_that_keeps_dying_fails_the_worker(tmp_path, monkeypatch):
    from jupyter_cache.executors import utils

    def always_dies(*args, **kwargs):
        raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(utils, "single_nb_execution", always_dies)
    with pytest.raises(RuntimeError, match="Kernel died"):
        run_worker(notebook(tmp_path / "dead.ipynb", "1"), tmp_path / "dead.json", 120, allow_errors=False)
