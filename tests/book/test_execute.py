"""Execution of stale notebooks on jupyter-cache's executor (thawbook.book.execute): notebooks
execute at once, each keeps its own record of what it read and imported, a raising cell names the
notebook and the cell and caches nothing of it, and the kernel starts in an empty folder."""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
import pytest

from tests.book.notebook_jobs import job, run
from tests.conftest import csv_rows
from thawbook.book.execute import ExecutionFailure
from thawbook.paths import ROOT


def lines(path: Path) -> set[str]:
    return {line for line in path.read_text().splitlines() if line}


SLEEP = "import time\nstart = time.time()\ntime.sleep(3)\nprint(start)"


def reads(path: Path) -> str:
    return (
        f"from pathlib import Path\nfrom thawbook.paths import record_read\nrecord_read(Path({str(path)!r}))"
    )


def test_notebooks_executing_at_once_keep_separate_records_of_reads_and_imports(tmp_path):
    # each reads its own file and imports its own module, in separate kernels, at the same time
    a = job(
        tmp_path,
        "a",
        reads(tmp_path / "a.txt"),
        "import thawbook.inputs.hygiene\nprint('a done')",
        SLEEP,
    )
    b = job(
        tmp_path,
        "b",
        reads(tmp_path / "b.txt"),
        "import thawbook.inputs.seed\nprint('b done')",
        SLEEP,
    )
    started = time.time()
    executed = run(tmp_path, a, b)
    took = time.time() - started
    assert executed["a"].cells[1].outputs[0].text == "a done\n"
    assert executed["a"].cells[0].execution_count == 1
    read_a, read_b = lines(a.log), lines(b.log)
    assert str(tmp_path / "a.txt") in read_a and str(tmp_path / "b.txt") not in read_a
    assert str(tmp_path / "b.txt") in read_b and str(tmp_path / "a.txt") not in read_b
    assert any(p.endswith("thawbook/inputs/hygiene.py") for p in read_a)
    assert not any(p.endswith("thawbook/inputs/hygiene.py") for p in read_b)
    assert any(p.endswith("thawbook/inputs/seed.py") for p in read_b)
    assert not any(p.endswith("thawbook/inputs/seed.py") for p in read_a)
    # on a machine of two cores or more, the two 3-second sleeps overlapped
    starts = [float(executed[name].cells[2].outputs[0].text) for name in "ab"]
    print(f"both executed in {took:.1f} s; sleeps started {abs(starts[0] - starts[1]):.1f} s apart")
    assert abs(starts[0] - starts[1]) < 3


def test_a_raising_cell_names_the_notebook_and_the_cell_and_caches_nothing_of_it(tmp_path):
    from jupyter_cache import get_cache

    good = job(tmp_path, "good", "x = 1")
    bad = job(tmp_path, "bad", "y = 2", "raise ValueError('broken on purpose')")
    with pytest.raises(ExecutionFailure) as failure:
        run(tmp_path, bad, good)
    message = str(failure.value)
    print(message)
    assert message.startswith(
        f"{bad.path}: cell 1 (\"raise ValueError('broken on purpose')\") failed: ValueError: broken on purpose"
    )
    assert "Traceback" in message or "ValueError" in message.splitlines()[-1]
    cache = get_cache(str(tmp_path / "cache"))
    with pytest.raises(KeyError):
        cache.match_cache_notebook(nbformat.read(bad.path, 4))


WHERE = "import os\nprint(os.getcwd())\nprint(sorted(os.listdir('.')))"
THROUGH_THE_PACKAGE = "from thawbook.inputs.tables import load_table\nprint(len(load_table('events')))"


def test_a_notebook_executes_in_an_empty_folder_outside_the_book_and_finds_its_data_all_the_same(tmp_path):
    # nbval runs every notebook in its own folder; the build runs it elsewhere, in an empty
    # folder, so a notebook that found its data through the working directory fails one of them.
    executed = run(tmp_path, job(tmp_path, "found", WHERE, THROUGH_THE_PACKAGE))["found"]
    folder, listing = executed.cells[0].outputs[0].text.splitlines()
    print("executed in", folder, listing)
    assert listing == "[]"
    assert not Path(folder).resolve().is_relative_to(ROOT.resolve())
    assert not Path(folder).resolve().is_relative_to(tmp_path.resolve())
    assert int(executed.cells[1].outputs[0].text) == len(csv_rows("events"))

    with pytest.raises(ExecutionFailure) as failure:
        run(tmp_path, job(tmp_path, "relative", WHERE, "open('../data/events.csv')"))
    assert "cell 1 (\"open('../data/events.csv')\") failed: FileNotFoundError" in str(failure.value)


def test_the_register_the_build_computed_reads_back_as_computed_and_records_its_inputs(tmp_path, monkeypatch):
    # The build computes the register once (thawbook.book.execute.current_register) and every kernel
    # reads it back (thawbook.findings.register.computed_register), recording what it was computed from.
    import pandas as pd

    from thawbook.findings import register

    chapter = "chapters/05_sanctions"
    computed = register.robustness(chapter)
    stored = tmp_path / "register.csv"
    stored.write_text(computed.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    stored.with_suffix(".json").write_text('{"reads": ["data/measures.csv"], "fingerprint": ""}')
    monkeypatch.setenv("THAWBOOK_REGISTER", str(stored))
    monkeypatch.setenv("THAWBOOK_READS_LOG", str(tmp_path / "reads"))
    register.computed_register.cache_clear()
    try:
        pd.testing.assert_frame_equal(register.robustness(chapter), computed)
        assert register.register() is register.computed_register()  # read, not computed
    finally:
        register.computed_register.cache_clear()
    assert lines(tmp_path / "reads") == {str(ROOT / "data" / "measures.csv")}


# A kernel that dies before it answers kernel_info the first time it is started, as one that lost
# the race for a TCP port to a kernel started at the same moment did (CI hit it once).
DIES_ONCE = """import os, sys
flag = os.environ["THAWBOOK_TEST_DIED_ONCE"]
if not os.path.exists(flag):
    open(flag, "w").close()
    sys.exit(1)
os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", *sys.argv[1:]])
"""


def test_a_notebook_whose_kernel_dies_before_any_cell_runs_executes_once_more(tmp_path, monkeypatch, capfd):
    import json
    import sys

    spec = tmp_path / "jupyter" / "kernels" / "dies-once"
    spec.mkdir(parents=True)
    (spec / "launch.py").write_text(DIES_ONCE)
    argv = [sys.executable, str(spec / "launch.py"), "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "dies once", "language": "python"})
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("THAWBOOK_TEST_DIED_ONCE", str(tmp_path / "died"))
    racer = job(tmp_path, "racer", "print('ran')")
    nb = nbformat.read(racer.path, 4)
    nb.metadata["kernelspec"] = {"name": "dies-once", "display_name": "dies once", "language": "python"}
    nbformat.write(nb, racer.path)
    executed = run(tmp_path, racer)["racer"]
    said = capfd.readouterr().err
    print(said[-500:])
    assert (tmp_path / "died").exists()  # the first kernel did die
    assert "racer.ipynb: the kernel failed before any cell ran; executing again" in said
    assert executed.cells[0].outputs[0].text == "ran\n"
