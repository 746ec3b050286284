"""`make refresh` is all or nothing, and an nbval mismatch tells the reader to run it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output

from thawbook.paths import ROOT
from thawbook.tasks.refresh import main, refresh


def notebook(path: Path, *sources: str, outputs: dict[int, str] | None = None) -> Path:
    cells = []
    for index, source in enumerate(sources):
        text = (outputs or {}).get(index)
        cells.append(
            new_code_cell(
                source,
                execution_count=index + 1 if text else None,
                outputs=[new_output("stream", name="stdout", text=text)] if text else [],
            )
        )
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def test_refresh_leaves_every_stored_notebook_untouched_when_one_fails(tmp_path, capsys):
    good = notebook(tmp_path / "a_good.ipynb", "print('fresh')")
    bad = notebook(tmp_path / "b_bad.ipynb", "x = 1", "raise ValueError('broken on purpose')")
    before = {path: path.read_bytes() for path in (good, bad)}
    assert main([str(good), str(bad)]) == 1
    err = capsys.readouterr().err
    print(err)
    assert f'{bad}: cell 1 ("raise ValueError' in err and "ValueError: broken on purpose" in err
    assert "no stored notebook was changed" in err
    assert {path: path.read_bytes() for path in (good, bad)} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_good.ipynb", "b_bad.ipynb"]  # no temporary left


def test_refresh_stores_outputs_and_reports_which_notebooks_changed(tmp_path, capsys):
    stale = notebook(tmp_path / "stale.ipynb", "print('new')", outputs={0: "old\n"})
    current = notebook(tmp_path / "current.ipynb", "print('same')")
    assert main([str(current)]) == 0  # store its outputs once, so the next refresh leaves it unchanged
    capsys.readouterr()
    assert main([str(stale), str(current)]) == 0
    out = capsys.readouterr().out
    print(out)
    assert f"1 of 2 notebooks changed: {stale}" in out and f"unchanged: {current}" in out
    assert nbformat.read(stale, as_version=4).cells[0].outputs[0].text == "new\n"


def test_refresh_executes_notebooks_at_the_same_time(tmp_path, capsys):
    # Each notebook announces itself, then waits for the other's announcement: run one after
    # the other, the first would wait in vain and fail; run together, both finish at once.
    def waiting_for(other: str, me: str) -> str:
        return (
            "import time\nfrom pathlib import Path\n"
            f"Path({str(tmp_path / me)!r}).touch()\n"
            "for _ in range(600):\n"
            f"    if Path({str(tmp_path / other)!r}).exists():\n"
            "        break\n"
            "    time.sleep(0.1)\n"
            "else:\n"
            f"    raise TimeoutError('{other} never started while {me} ran')\n"
            "print('met')"
        )

    first = notebook(tmp_path / "first.ipynb", waiting_for("second.started", "first.started"))
    second = notebook(tmp_path / "second.ipynb", waiting_for("first.started", "second.started"))
    assert refresh([first, second], width=2) == [first, second]
    assert all(nbformat.read(p, as_version=4).cells[0].outputs[0].text == "met\n" for p in (first, second))


def test_nbval_mismatch_tells_the_reader_to_run_make_refresh(tmp_path):
    shutil.copy(ROOT / "conftest.py", tmp_path / "conftest.py")  # the hook that applies to chapters/
    notebook(tmp_path / "nb.ipynb", "print(1)", "1 / 0", outputs={0: "2\n"})
    # -rN: no short summary, whose one-line form (full-length under CI=true) would repeat the
    # hint after the second cell's header and blur which failure carries it
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval",
            "--nbval-current-env",
            "-rN",
            "-p",
            "no:cacheprovider",
            "nb.ipynb",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    print(result.stdout[-3000:])
    assert result.returncode == 1
    mismatch, raising = result.stdout.split("nb.ipynb::Cell 1")[0], result.stdout.split("nb.ipynb::Cell 1")[1]
    assert "Cell outputs differ" in mismatch and "run `make refresh`" in mismatch
    assert "ZeroDivisionError" in raising and "make refresh" not in raising  # a raising cell needs a fix
