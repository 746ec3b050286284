"""The robustness page's two blocks, for ``chapters/92_robustness``: the readings named in
words, and the register as one column of entries (:mod:`thawbook.render.robustness`)."""

from __future__ import annotations

import pandas as pd

from thawbook.findings import readings, register
from thawbook.render.robustness import readings_frame, register_markdown


def register_entries() -> str:
    """The whole register as MyST entries, chapter by chapter, each with its target."""
    reg = register.register()
    found = {
        fid: rs for chapter in register.CHAPTERS for fid, rs in register.breaking_readings(chapter).items()
    }
    return register_markdown(reg, found, register.tables())


def readings_in_words() -> pd.DataFrame:
    """The alternative readings, each named in words with the choice it changes."""
    return readings_frame(readings.alternatives(register.tables()), register.tables())
