"""Readable failures: a build that stops on bad input prints the data error last, and a damaged
input or machine (a truncated notebook, a read-only checkout, a full disk, a data file the
package does not declare) stops it with one line and no traceback (:func:`stop_with_one_line`;
``THAWBOOK_VERBOSE=1`` brings the traceback back).

Jupyter Book ends a failed build with a traceback and a message box; the ``DataError`` (or
``SeedError``, ``EvidenceError``) line naming the file, row, column and rule is printed after
them, when the process exits. The build's hooks (:mod:`thawbook.book.sphinxext`) and ``make
refresh`` (:mod:`thawbook.tasks.refresh`) both tell failures through these.
"""

from __future__ import annotations

import atexit
import errno
import os
import re
import sys
from pathlib import Path
from typing import NoReturn

DATA_FAILURE = re.compile(r"\b(DataError|SeedError|EvidenceError): (.+)")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_LAST_WORDS: list[str] = []


def data_failures(exception: BaseException | None) -> list[str]:
    """The DataError (or SeedError, EvidenceError) lines inside an exception and its causes,
    including the traceback text of a failed cell."""
    found: list[str] = []
    seen: set[int] = set()
    while exception is not None and id(exception) not in seen:
        seen.add(id(exception))
        for match in DATA_FAILURE.finditer(ANSI.sub("", str(exception))):
            line = f"{match.group(1)}: {match.group(2).strip()}"
            if line not in found:
                found.append(line)
        exception = exception.__cause__ or exception.__context__
    return found


def _print_last_words() -> None:
    if _LAST_WORDS:
        print("\nthawbook: the build stopped on bad input:", file=sys.stderr)
        for line in _LAST_WORDS:
            print(f"  {line}", file=sys.stderr)
        sys.stderr.flush()


def say_last(lines: list[str]) -> None:
    """Print ``lines`` when the process exits, after Jupyter Book's traceback and message box,
    so the file, row, column and rule are the last thing the reader sees."""
    if not _LAST_WORDS:
        atexit.register(_print_last_words)
    _LAST_WORDS.extend(line for line in lines if line not in _LAST_WORDS)


# ---------------------------------------------------------------- one line, no traceback
VERBOSE_ENV = "THAWBOOK_VERBOSE"  # THAWBOOK_VERBOSE=1 brings the traceback back


def verbose() -> bool:
    """Whether the reader asked for tracebacks (``THAWBOOK_VERBOSE=1``)."""
    return os.environ.get(VERBOSE_ENV, "") not in ("", "0")


def _shown(path) -> str:
    from thawbook.paths import ROOT

    text = os.fsdecode(path) if path is not None else "a file"
    real = os.path.abspath(text)
    return os.path.relpath(real, ROOT) if real.startswith(f"{ROOT}{os.sep}") else text


def explain_os_error(error: OSError, command: str = "make book") -> str | None:
    """One line for a write the machine refused: a read-only checkout or a full disk; else None."""
    where = _shown(error.filename) if error.filename is not None else "the build's files"
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (
            f"cannot write {where} ({error.strerror}): the checkout is read-only; run {command} "
            "in a writable clone (git clone <this checkout> <folder>), or make it writable"
        )
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return (
            f"cannot write {where}: the disk is full ({error.strerror}); free some space "
            f"('make clean' removes _build) and run {command} again"
        )
    return None


def explain(exception: BaseException | None, command: str = "make book") -> str | None:
    """The one line for a known kind of damaged input or machine in ``exception`` or its
    causes, or None when it is none of them."""
    seen: set[int] = set()
    while exception is not None and id(exception) not in seen:
        seen.add(id(exception))
        if isinstance(exception, OSError):
            line = explain_os_error(exception, command)
            if line:
                return line
        exception = exception.__cause__ or exception.__context__
    return None


def stop_with_one_line(error: BaseException | str, command: str = "make book") -> NoReturn:
    """End the process with one line on stderr (``thawbook: ...``) and exit status 2, without a
    traceback; with ``THAWBOOK_VERBOSE=1`` the error is raised instead, traceback and all.
    Raised as ``SystemExit``, it passes through Sphinx's and Jupyter Book's handlers."""
    line = error if isinstance(error, str) else (explain(error, command) or str(error).splitlines()[0])
    print(f"thawbook: {line}", file=sys.stderr, flush=True)
    if verbose() and isinstance(error, BaseException):
        raise error
    raise SystemExit(2)


def notebook_problem(path: Path) -> str | None:
    """Why ``path`` is not a readable notebook (truncated, not JSON, not a notebook), or None."""
    import json

    import nbformat

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return f"byte 0x{error.object[error.start]:02x} at offset {error.start} is not UTF-8"
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        cut = " (the file is cut short?)" if error.pos >= len(text.rstrip()) else ""
        return f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}{cut}"
    try:
        notebook = nbformat.reads(text, as_version=4)
        nbformat.validate(notebook)
    except Exception as error:  # nbformat raises several kinds for a JSON file that is no notebook
        return f"not a notebook: {str(error).splitlines()[0][:160]}"
    return None


def damaged_notebook_line(path: Path, problem: str) -> str:
    """The one line for a notebook that cannot be read, with the fix."""
    shown = _shown(path)
    return (
        f"{shown} is not a readable notebook: {problem}; restore it with 'git checkout -- {shown}' "
        "or re-save it from JupyterLab"
    )
