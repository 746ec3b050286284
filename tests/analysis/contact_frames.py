"""Hand-made actors and events that the tests of chapters 06 and 07 share (tests/analysis/test_contacts.py,
tests/analysis/test_trade.py, tests/analysis/test_military.py)."""

from __future__ import annotations

import pandas as pd

T = pd.Timestamp


def actors() -> pd.DataFrame:
    """Three actors, one per side: a US and a Chinese government and a business."""
    return pd.DataFrame(
        {
            "actor_id": ["ac-a", "ac-b", "ac-c"],
            "name": ["Alpha", "Beta", "Gamma"],
            "side": ["us_government", "china_government", "business"],
        }
    )


def events() -> pd.DataFrame:
    """Three events: a dated-to-the-day one, a month-long one, and a background one before 2023."""
    return pd.DataFrame(
        {
            "event_id": ["ev-late", "ev-early", "ev-bg"],
            "title": ["Late", "Early", "Background"],
            "date_start": [T("2023-05-30"), T("2023-03-01"), T("2020-01-01")],
            "date_end": [T("2023-05-30"), T("2023-03-31"), T("2022-12-31")],
            "date_precision": ["day", "month", "year"],
            "theme": ["business", "trade", "trade"],
            "actor1_id": ["ac-b", "ac-a", "ac-b"],
            "actor2_id": ["ac-c", "ac-b", ""],
            "evidence": ["late words", "early words", "background words"],
        }
    )
