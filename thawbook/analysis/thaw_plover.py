"""The weekly thaw index computed two ways, Goldstein (CAMEO) and PLOVER, and where they disagree.

Both curves use :func:`thawbook.analysis.thaw.weekly_curve`: each event's weight 1 spread evenly
over its date interval, summed per Monday–Sunday week of the window. The Goldstein curve
scores an event with its CAMEO code's Goldstein value; the PLOVER curve with its PLOVER
type's score (:mod:`thawbook.analysis.plover`). PLOVER drops statements and comments (CAMEO roots 01
and 02), so those events count in neither its sum nor its event counts.

A week *disagrees* when the two sums have different signs (one says cooperation, the other
conflict or nothing), or when its rank among the window's weeks differs (weeks ranked from
most cooperative to most conflictual, ties sharing the best rank).

The chart of both curves is in :mod:`thawbook.charts.thaw_plover`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from thawbook.analysis import coding, plover, thaw
from thawbook.dates.intervals import iso

#: The two scores, named as the long form and the chart name them, each with its colour.
SCALES = ("Goldstein (CAMEO)", "PLOVER score")
COLUMNS = [
    "week_start",
    "week",
    "week_end",
    "goldstein",
    "plover",
    "events_goldstein",
    "events_plover",
    "events",
    "evidence",
]


def weekly_both(
    tables: dict[str, pd.DataFrame], week_start: str | None = None, placement: str = "spread"
) -> pd.DataFrame:
    """One row per week of the window: the Goldstein sum, the PLOVER sum, the weighted number of
    events each counts, and the events (with weights) and evidence of the Goldstein curve.

    ``week_start`` and ``placement`` choose the window, the weeks and where an imprecise event
    falls, as in :func:`thawbook.analysis.thaw.weekly_curve` (None: the book's own reading)."""
    start, end = thaw.window(week_start)
    bins = week_start or "monday"
    cameo = thaw.weekly_curve(coding.coded_events(tables), start, end, bins, placement)
    plov = thaw.weekly_curve(plover.coded_plover(tables), start, end, bins, placement)
    frame = cameo[["week_start", "week", "week_end", "goldstein", "all events", "events", "evidence"]].rename(
        columns={"all events": "events_goldstein"}
    )
    frame["plover"] = plov["goldstein"].to_numpy()
    frame["events_plover"] = plov["all events"].to_numpy()
    return frame[COLUMNS]


def _rank(values: pd.Series) -> pd.Series:
    return values.round(9).rank(ascending=False, method="min").astype(int)


def compare(both: pd.DataFrame) -> pd.DataFrame:
    """:func:`weekly_both` plus each week's sign and rank under both scores and what disagrees.

    ``sign_*`` is -1, 0 or +1; ``rank_*`` is 1 for the most cooperative week; ``disagreement``
    is ``""``, ``"sign"``, ``"rank"`` or ``"sign and rank"``.
    """
    frame = both.copy()
    for name in ("goldstein", "plover"):
        frame[f"sign_{name}"] = np.sign(frame[name].round(9)).astype(int)
        frame[f"rank_{name}"] = _rank(frame[name])
    sign = frame["sign_goldstein"] != frame["sign_plover"]
    rank = frame["rank_goldstein"] != frame["rank_plover"]
    frame["disagreement"] = np.select([sign & rank, sign, rank], ["sign and rank", "sign", "rank"], "")
    return frame


def disagreements(both: pd.DataFrame) -> pd.DataFrame:
    """The weeks where the two indexes disagree in sign or rank (see :func:`compare`), in week order."""
    frame = compare(both)
    columns = [
        "week",
        "week_start",
        "goldstein",
        "plover",
        "sign_goldstein",
        "sign_plover",
        "rank_goldstein",
        "rank_plover",
        "disagreement",
        "events",
        "evidence",
    ]
    return frame[frame["disagreement"] != ""][columns].reset_index(drop=True)


def weeks_with_events(both: pd.DataFrame) -> pd.DataFrame:
    """:func:`compare` for a table: the weeks with events, both sums rounded, ranks and what disagrees.

    The events and their evidence are left to the chart's tooltips (and to the weekly table),
    so that the page stays light."""
    frame = compare(both)
    frame = frame[frame["events"] != ""]
    return (
        frame[["week", "goldstein", "plover", "rank_goldstein", "rank_plover", "disagreement"]]
        .round(2)
        .reset_index(drop=True)
    )


def long_form(both: pd.DataFrame) -> pd.DataFrame:
    """The two weekly sums stacked long, with a ``scale`` column naming the score."""
    parts = [
        both.assign(scale=label, value=both[column]) for label, column in zip(SCALES, ("goldstein", "plover"))
    ]
    frame = pd.concat(parts, ignore_index=True)
    frame["week_start"] = frame["week_start"].map(iso)
    return frame[["scale", "week_start", "week", "value", "events", "evidence"]]
