"""Where things live in the repository, resolved from this file, never from the working directory."""
import os
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

    The build sets ``THAWBOOK_READS_LOG`` while a notebook executes (see ``thawbook.sphinxext``);
    elsewhere this does nothing.
    """
    log = os.environ.get(READS_LOG_ENV)
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{Path(path).resolve()}\n")
