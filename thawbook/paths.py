"""Where things live in the repository, resolved from this file, never from the working directory.

It also keeps the record of what a notebook read. :func:`read_recorded` is the loader every
file under ``data/`` or ``seeds/`` is read through: it records the file (:func:`record_read`)
and returns its bytes. While a notebook executes for the book build or ``make refresh``, its
kernel runs :func:`guard_reads` before the first cell, and from then on opening a file under
``data/`` or ``seeds/`` that was not recorded first fails the cell, naming the notebook, the
file and the rule: such a read would escape the freshness tracking, so a change to the file
would not re-execute the notebook.
"""

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
GUARDED = (DATA, SEEDS)  # folders whose files a notebook may open only once they are recorded
# The files this process recorded (resolved), which the read guard lets a notebook open.
_RECORDED: set[str] = set()


def record_read(path: Path) -> None:
    """Tell the book build which files a notebook read, so that a change to them re-executes it.

    The build sets ``THAWBOOK_READS_LOG`` in the environment of the process that executes a
    notebook (see ``thawbook.book.execute``); elsewhere only :func:`guard_reads` learns of it.
    """
    resolved = Path(os.path.realpath(path))
    _RECORDED.add(str(resolved))
    log = os.environ.get(READS_LOG_ENV)
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{resolved}\n")


def read_recorded(path: Path) -> bytes:
    """The bytes of ``path``, recorded as read first: the loader for files under data/ and seeds/."""
    record_read(path)
    return Path(path).read_bytes()


class UnrecordedReadError(RuntimeError):
    """A notebook opened a file under ``data/`` or ``seeds/`` that was not recorded as read."""


def _guarded(path) -> str | None:
    """``path`` resolved, if it lies under a guarded folder; else None."""
    if not isinstance(path, (str, bytes, os.PathLike)):
        return None  # a file descriptor
    resolved = os.path.realpath(os.fsdecode(path))
    # Real paths on both sides: a guarded folder reached through a symlink, or a symlink into
    # one, is still guarded.
    for folder in GUARDED:
        real = os.path.realpath(folder)
        if resolved.startswith(f"{real}{os.sep}"):
            return resolved
    return None


def guard_reads(notebook: str) -> None:
    """From now on, in this process, opening a file under ``data/`` or ``seeds/`` that
    :func:`record_read` has not recorded raises :class:`UnrecordedReadError`, naming
    ``notebook``, the file and the rule. The kernels of the book build and of ``make refresh``
    call it at start-up (:func:`thawbook.book.execute.kernel_setup_line`); it cannot be undone."""

    def hook(event: str, args: tuple) -> None:
        if event != "open":
            return
        resolved = _guarded(args[0])
        if resolved is not None and resolved not in _RECORDED:
            shown = os.path.relpath(resolved, ROOT)
            raise UnrecordedReadError(
                f"{notebook} opened {shown} without recording it: a notebook reads files under data/ "
                "and seeds/ only through the recording loader (thawbook.paths.read_recorded, or "
                "thawbook.inputs.tables and thawbook.inputs.seed, which use it), so that a change to the file "
                "re-executes the notebook [rule: recorded_reads]"
            )

    sys.addaudithook(hook)


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
    (:func:`thawbook.book.execute.kernel_setup_line`), and nothing else does."""
    if _ImportRecorder not in sys.meta_path:
        sys.meta_path.insert(0, _ImportRecorder)
    for name, module in list(sys.modules.items()):
        if (name == "thawbook" or name.startswith("thawbook.")) and getattr(module, "__file__", None):
            record_read(Path(module.__file__))
