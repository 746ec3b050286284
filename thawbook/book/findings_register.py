"""The findings register as CSV, written to a cache file (``python -m thawbook.book.findings_register PATH``).

The book build starts this in the background while notebooks execute
(:func:`thawbook.book.downloads.start_findings_register`), and reads the file when it writes the
download; the register re-evaluates every finding under every reading, which takes a while.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def register_csv_bytes() -> bytes:
    """The findings register as CSV bytes, as written to ``findings.csv``."""
    from thawbook.findings.register import register

    return register().to_csv(index=False, lineterminator="\n").encode("utf-8")


def write(path: Path) -> bytes:
    """Compute the register and store it at ``path`` (atomically), replacing older ones beside it."""
    content = register_csv_bytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob("*.csv"):
        if old != path:
            old.unlink(missing_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(content)
    os.replace(temporary, path)
    return content


if __name__ == "__main__":
    write(Path(sys.argv[1]))
