"""Rows shared by the trade (06) and military (07) chapters: who acts, how exactly it is dated,
the article's garbled words, and the rows a chapter relies on.

- :func:`with_actors` names each event's actors and the sides they speak for;
- :func:`dating`, :func:`day_words` and :func:`interval_words` say how the article dates a row;
- :func:`corrections_for` sets the article's garbled words beside their likely reading;
- :func:`rows_used` lists the rows a chapter relies on, with resolved dates and evidence.

Chapter 06's own rows are :mod:`thawbook.analysis.trade`, chapter 07's
:mod:`thawbook.analysis.military`; both chapters' charts are :mod:`thawbook.charts.contacts`.
Every function sorts its rows explicitly, so charts and tables are deterministic.
"""

from __future__ import annotations

import pandas as pd

from thawbook.charts import theme
from thawbook.dates.intervals import iso


# ----------------------------------------------------------------------------- dating words
def dating(start, end, precision: str) -> str:
    """How exactly the article dates a row, in words: "exact day", "a run of 3 days", "within a month"...

    A single day is "exact day"; any wider interval is "within a <precision>" unless it is a
    run of days, which is counted.
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if start == end:
        return "exact day"
    if precision == "day":
        return f"a run of {(end - start).days + 1} days"
    return f"within a {precision}"


def day_words(value) -> str:
    """A day in words for prose: ``2023-05-26`` -> "Friday 26 May 2023"."""
    day = pd.Timestamp(value)
    return f"{day:%A} {day.day} {day:%B %Y}"


def interval_words(start, end) -> str:
    """An interval in words: one day as :func:`day_words`, else "1 May 2023 to 4 June 2023"."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if start == end:
        return day_words(start)
    return f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"


# ----------------------------------------------------------------------------- tidy rows
def with_actors(events: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Events with the names and sides of the main actor and counterpart, dates as strings.

    Adds ``actor1``, ``actor1_side``, ``actor2``, ``actor2_side`` (empty where there is no
    counterpart), ``start`` and ``end`` (``YYYY-MM-DD``), ``dating`` (see :func:`dating`) and
    ``theme_label`` (the theme in words). Sorted by start date, then end date, then id.
    """
    names = actors.set_index("actor_id")
    frame = events.copy()
    for role in ("actor1", "actor2"):
        ids = frame[f"{role}_id"]
        frame[role] = [names.at[i, "name"] if i else "" for i in ids]
        frame[f"{role}_side"] = [names.at[i, "side"] if i else "" for i in ids]
    frame["start"] = frame["date_start"].map(iso)
    frame["end"] = frame["date_end"].map(iso)
    frame["dating"] = [
        dating(s, e, p) for s, e, p in zip(frame["date_start"], frame["date_end"], frame["date_precision"])
    ]
    frame["theme_label"] = frame["theme"].map(theme.label)
    return frame.sort_values(["date_start", "date_end", "event_id"], kind="mergesort").reset_index(drop=True)


def corrections_for(corrections: pd.DataFrame, ids) -> pd.DataFrame:
    """The named corrections as a reader's table: the article's words beside the likely reading.

    Raises ``KeyError`` naming any id that is not in the corrections table. Rows keep the
    order of ``ids``.
    """
    ids = list(ids)
    missing = [i for i in ids if i not in set(corrections["correction_id"])]
    if missing:
        raise KeyError(f"no such correction: {', '.join(missing)}")
    frame = corrections.set_index("correction_id").loc[ids].reset_index()
    return pd.DataFrame(
        {
            "correction": frame["correction_id"],
            "the article's words": frame["evidence"],
            "likely reading": frame["likely_reading"],
            "kind of problem": frame["category"].map(theme.label),
            "confidence": frame["confidence"],
        }
    )


# ----------------------------------------------------------------------------- the rows used
def rows_used(*frames: pd.DataFrame) -> pd.DataFrame:
    """One table of the rows a chapter uses: id, what, dates (``YYYY-MM-DD``), dating, evidence.

    Each frame must have an id column (``encounter_id``, ``quote_id``, ``measure_id``,
    ``source`` or ``event_id``), an ``evidence`` column, and may have a description
    (``title``, ``kind_label``, ``quoted``, ``text`` or ``words``)
    and ``date_start``/``date_end``. Duplicate ids keep their first row; rows are sorted by
    start date (undated last) and then id.
    """
    parts = []
    for frame in frames:
        key = next(
            c for c in ("encounter_id", "quote_id", "measure_id", "source", "event_id") if c in frame.columns
        )
        what = next(
            (frame[c] for c in ("title", "kind_label", "quoted", "text", "words") if c in frame.columns),
            frame[key],
        )
        part = pd.DataFrame(
            {
                "id": frame[key].values,
                "what": what.values,
                "date_start": frame["date_start"].map(iso).values if "date_start" in frame else "",
                "date_end": frame["date_end"].map(iso).values if "date_end" in frame else "",
                "dating": frame["dating"].values if "dating" in frame else "",
                "evidence": frame["evidence"].values,
            }
        )
        parts.append(part)
    table = pd.concat(parts, ignore_index=True).drop_duplicates("id")
    table["_undated"] = table["date_start"] == ""
    table = table.sort_values(["_undated", "date_start", "id"], kind="mergesort").drop(columns="_undated")
    return table.reset_index(drop=True)
