"""Readable failures: a build that stops on bad input prints the data error last.

Jupyter Book ends a failed build with a traceback and a message box; the ``DataError`` (or
``SeedError``, ``EvidenceError``) line naming the file, row, column and rule is printed after
them, when the process exits. Hooked into Sphinx (``build-finished``) by :mod:`thawbook.book.sphinxext`.
"""

from __future__ import annotations

import atexit
import re
import sys

from sphinx.application import Sphinx

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


def report_data_failure(app: Sphinx, exception: Exception | None) -> None:
    """Print a failed build's data errors last, where the reader sees them."""
    if exception is not None:
        say_last(data_failures(exception))
