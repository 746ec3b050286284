"""A rerunner can execute any notebook top to bottom in a fresh kernel, whichever directory the
kernel starts in. nbval (``make test``) runs each notebook with its own directory as the working
directory; here each runs from the other one: the chapters from the repository root, the
landing page from ``chapters/``. Data paths resolve from ``thawbook/paths.py``, never the cwd."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from thawbook.paths import CHAPTERS, ROOT

pytestmark = pytest.mark.notebook

NOTEBOOKS = sorted([ROOT / "index.ipynb", *CHAPTERS.glob("*.ipynb")])


def other_directory(path: Path) -> Path:
    return CHAPTERS if path.parent == ROOT else ROOT


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom_in_a_fresh_kernel_from_the_other_directory(path):
    notebook = nbformat.read(path, as_version=4)
    cwd = other_directory(path)
    NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(cwd)}},
        allow_errors=False,
    ).execute()
    errors = [
        o
        for c in notebook.cells
        for o in c.get("outputs", [])
        if o.get("output_type") == "error" or (o.get("output_type") == "stream" and o.get("name") == "stderr")
    ]
    print(f"{path.name}: ran from {cwd.relative_to(ROOT.parent)}, {len(notebook.cells)} cells")
    assert not errors, errors[:1]
