"""Where things live in the repository, resolved from this file, never from the working directory."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_efb7a1c38396a014.txt"
DATAPACKAGE = DATA / "datapackage.json"
CHAPTERS = ROOT / "chapters"

READS_LOG_ENV = "THAWBOOK_READS_LOG"


def record_read(path: Path) -> None:
    """Tell the book build which files a notebook read, so that a change to them re-executes it.

    The build sets ``THAWBOOK_READS_LOG`` in the environment of the process that executes a
    notebook (see ``thawbook.execute``); elsewhere this does nothing.
    """
    log = os.environ.get(READS_LOG_ENV)
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{Path(path).resolve()}\n")


class _ImportRecorder:
    """A finder that records, as a read, the source file of every ``thawbook`` module the process
    imports, and then lets the ordinary finders import it (it never returns a spec)."""

    @staticmethod
    def find_spec(fullname, path=None, target=None):
        if fullname.startswith("thawbook."):
            from importlib.machinery import PathFinder

            spec = PathFinder.find_spec(fullname, path)
            if spec is not None and spec.has_location and spec.origin:
                record_read(Path(spec.origin))
        return None


def record_imports() -> None:
    """Record the ``thawbook`` modules this process has imported and will import, transitively,
    so that an edit to a module re-executes only the notebooks that use it. Importing this
    module does not do it: the build's kernels call it at start-up
    (:data:`thawbook.execute.RECORDING_LINE`), and nothing else does."""
    if _ImportRecorder not in sys.meta_path:
        sys.meta_path.insert(0, _ImportRecorder)
    for name, module in list(sys.modules.items()):
        if (name == "thawbook" or name.startswith("thawbook.")) and getattr(module, "__file__", None):
            record_read(Path(module.__file__))
