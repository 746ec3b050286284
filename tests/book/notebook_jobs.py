"""Small notebooks written for a test and the execution jobs that run them, shared by the tests
of concurrent execution (tests/book/test_execute.py) and of the read guard (tests/test_read_guard.py)."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from thawbook.book.execute import Job


def notebook(path: Path, *sources: str) -> Path:
    """Write a notebook of one code cell per source to ``path``, with the python3 kernel."""
    nb = new_notebook(cells=[new_code_cell(source) for source in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def job(folder: Path, name: str, *sources: str) -> Job:
    """A job for :func:`thawbook.book.execute.run_jobs` executing a new notebook ``<name>.ipynb``."""
    path = notebook(folder / f"{name}.ipynb", *sources)
    return Job(name, path, folder / f"{name}.reads", folder / f"{name}.json")
