"""Where things live in the repository, resolved from this file, never from the working directory."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_efb7a1c38396a014.txt"
DATAPACKAGE = DATA / "datapackage.json"
CHAPTERS = ROOT / "chapters"
