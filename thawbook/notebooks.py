"""Re-execute chapter notebooks in place so their stored outputs are current (``make refresh``).

Each notebook runs in its own folder, as nbval and the book build run it, with no timing
metadata, so that an unchanged notebook re-executes to identical JSON.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute_in_place(path: Path, timeout: int = 300) -> None:
    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=timeout, kernel_name="python3", record_timing=False,
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    client.execute()
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)


def main(argv: list[str]) -> int:
    for name in argv:
        print(f"executing {name}", flush=True)
        execute_in_place(Path(name))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
