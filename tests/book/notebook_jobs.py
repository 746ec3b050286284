"""Small notebooks written for a test, executed as the book build executes them, shared by the
tests of execution (tests/book/test_execute.py) and of the read guard (tests/book/test_read_guard.py)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from thawbook.book.execute import execute_notebooks


class Job(NamedTuple):
    """A notebook written for a test, and the log its kernel records its reads in."""

    path: Path
    log: Path


def notebook(path: Path, *sources: str) -> Path:
    """Write a notebook of one code cell per source to ``path``, with the python3 kernel."""
    nb = new_notebook(cells=[new_code_cell(source) for source in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def job(folder: Path, name: str, *sources: str) -> Job:
    """A new notebook ``<name>.ipynb`` of one code cell per source, and its read log."""
    return Job(notebook(folder / f"{name}.ipynb", *sources), folder / f"{name}.reads")


def run(folder: Path, *jobs: Job) -> dict[str, nbformat.NotebookNode]:
    """Execute ``jobs`` as the build does (:func:`thawbook.book.execute.execute_notebooks`) into a cache in
    ``folder``; return each executed notebook, by name, from the cache."""
    from jupyter_cache import get_cache

    execute_notebooks({j.path: j.log for j in jobs}, folder / "cache", timeout=120)
    cache = get_cache(str(folder / "cache"))
    bundles = {j.path.stem: cache.match_cache_notebook(nbformat.read(j.path, 4)).pk for j in jobs}
    return {name: cache.get_cache_bundle(pk).nb for name, pk in bundles.items()}
