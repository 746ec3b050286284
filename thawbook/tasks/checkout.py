"""A throwaway copy of this checkout: ``make bench`` and the build tests build copies, never the
working tree's ``_build``."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from thawbook.paths import ROOT


def copy_checkout(target: Path, root: Path = ROOT) -> Path:
    """The files git tracks, and untracked ones it does not ignore, copied to ``target``."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.split()
    for name in listed:
        if (root / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / name, target / name)
    return target
