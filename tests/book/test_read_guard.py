"""The read guard (thawbook.paths.guard_reads): while a notebook executes for the book build or
``make refresh``, opening a file under data/ or seeds/ that the recording loader did not record
fails the notebook, naming it, the file and the rule; reads through the loader pass."""

from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest

from tests.book.notebook_jobs import Job, job, notebook, run
from thawbook.book.execute import ExecutionFailure, kernel_setup_line
from thawbook.paths import CHAPTERS, DATA, SEED
from thawbook.tasks.refresh import RefreshError
from thawbook.tasks.refresh import execute as refresh_execute

RULE = "[rule: recorded_reads]"
PLAIN_OPEN = f"text = open({str(DATA / 'events.csv')!r}, encoding='utf-8').read()"
PANDAS = f"import pandas as pd\nframe = pd.read_csv({str(DATA / 'events.csv')!r})"
LOADER = (
    "from thawbook.paths import DATA, read_recorded\n"
    "data = read_recorded(DATA / 'events.csv')\n"
    "again = open(DATA / 'events.csv', 'rb').read()  # recorded now, so opening it again is allowed\n"
    "print(data == again and len(data) > 0)"
)


def build_execution(job: Job) -> nbformat.NotebookNode:
    """Execute one notebook as the book build does; return it executed, or raise."""
    return run(job.path.parent, job)[job.path.stem]


def test_a_notebook_opening_data_without_the_loader_fails_in_the_build_naming_notebook_file_and_rule(
    tmp_path,
):
    bad = job(tmp_path, "sneaky", "x = 1", PLAIN_OPEN)
    with pytest.raises(ExecutionFailure) as failure:
        build_execution(bad)
    message = str(failure.value)
    print(message)
    first = message.splitlines()[0]
    assert first.startswith(f"{bad.path}: cell 1 ")
    assert f"UnrecordedReadError: {bad.path} opened data/events.csv without recording it" in first
    assert RULE in first


def test_a_notebook_reading_data_through_the_loader_executes_and_records_the_file(tmp_path):
    good = job(tmp_path, "honest", LOADER)
    executed = build_execution(good)
    assert executed.cells[0].outputs[0].text == "True\n"
    assert str(DATA / "events.csv") in good.log.read_text().splitlines()


def test_make_refresh_stops_on_a_pandas_read_of_data_that_skips_the_loader(tmp_path):
    path = notebook(tmp_path / "refreshed.ipynb", PANDAS)
    with pytest.raises(RefreshError) as failure:
        refresh_execute(path)
    message = str(failure.value)
    print(message)
    assert message.startswith(f"{path}: cell 0 ")
    assert f"{path} opened data/events.csv without recording it" in message and RULE in message


def test_the_guard_lets_through_recorded_files_and_files_outside_data_and_seeds(tmp_path):
    outside = tmp_path / "notes.txt"
    outside.write_text("free to read")
    code = (
        "from thawbook.paths import DATA, SEED, guard_reads, read_recorded\n"
        "guard_reads('probe.ipynb')\n"
        f"open({str(outside)!r}).read()\n"
        "read_recorded(DATA / 'actors.csv'); open(DATA / 'actors.csv').read()\n"
        "for path in (DATA / 'quotes.csv', SEED):\n"
        "    try:\n        open(path, 'rb')\n    except RuntimeError as error:\n        print(error)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    refused = result.stdout.splitlines()
    assert refused[0].startswith("probe.ipynb opened data/quotes.csv without recording it")
    assert refused[1].startswith(f"probe.ipynb opened seeds/{SEED.name} without recording it")
    assert len(refused) == 2 and all(line.endswith(RULE) for line in refused)


def test_the_build_kernel_records_imports_and_guards_reads_naming_the_notebook_from_the_repository():
    line = kernel_setup_line(CHAPTERS / "05_sanctions.ipynb")
    assert "paths.record_imports()" in line
    assert line.endswith("paths.guard_reads('chapters/05_sanctions.ipynb')")


def test_the_guard_compares_real_paths_so_a_guarded_folder_reached_through_a_symlink_is_guarded(tmp_path):
    link = tmp_path / "linked-data"
    link.symlink_to(DATA, target_is_directory=True)
    code = (
        "from thawbook import paths\n"
        f"paths.GUARDED = ({str(link)!r}, paths.SEEDS)  # the data folder named through a symlink\n"
        "paths.guard_reads('probe.ipynb')\n"
        "for path in (paths.DATA / 'quotes.csv', " + repr(str(link / "events.csv")) + "):\n"
        "    try:\n        open(path, 'rb')\n        print('opened', path)\n"
        "    except RuntimeError as error:\n        print(error)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    refused = result.stdout.splitlines()
    print(result.stdout)
    assert refused[0].startswith("probe.ipynb opened data/quotes.csv without recording it")
    assert refused[1].startswith("probe.ipynb opened data/events.csv without recording it")
    assert len(refused) == 2 and all(line.endswith(RULE) for line in refused)
