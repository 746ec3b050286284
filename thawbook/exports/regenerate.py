"""The generated exports under ``data/``: the events in CAMEO, EDTF and PLOVER, the measures in FollowTheMoney.

They sit beside the source tables but are never edited by hand: ``data/datapackage.json``
marks them ``"thawbook:generated": true`` (package property ``thawbook:exports``), and
``make exports`` (``python -m thawbook.exports``) rewrites all of them from the tables. A test
fails when a committed export differs from a fresh one.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from thawbook.analysis import coding, plover
from thawbook.exports import edtf, ftm
from thawbook.inputs.tables import data_dir

EXPORTS: dict[str, Callable[[Path], Path]] = {
    "events_cameo.csv": coding.write_events_cameo,
    "events_edtf.csv": edtf.write_events_edtf,
    "events_plover.json": plover.write_events_plover,
    "measures.ftm.json": ftm.write_measures_ftm,
}
"""Each export's file name under ``data/``, and the function that writes it from the tables."""


def write_all(directory: Path | None = None) -> list[Path]:
    """Write every export into ``directory`` (default ``data/``), reading the tables of ``data/``."""
    directory = Path(directory or data_dir())
    return [write(directory / name) for name, write in EXPORTS.items()]


def main(argv: list[str] | None = None) -> int:
    """``make exports``: rewrite the exports (into the directory given, or ``data/``) and name them."""
    args = sys.argv[1:] if argv is None else argv
    for path in write_all(Path(args[0]) if args else None):
        print(f"wrote {path}")
    return 0
