"""EDTF (Extended Date/Time Format, ISO 8601-2) strings for the report's date intervals.

Every event interval (``date_start``..``date_end``, both inclusive, with a ``date_basis``) is
written as the shortest EDTF value that means exactly that interval. The value is derived
from the interval itself, never from ``date_precision`` (which is a summary of the width):

- one day: ``2023-05-23``;
- one whole calendar month: ``2023-05``; one whole calendar year: ``2023``;
- several whole years (1 January to 31 December): ``2020/2022``; several whole months
  (the 1st to a month's last day): ``2023-03/2023-05``;
- anything else: ``2023-05-22/2023-05-28``.

Uncertainty: an interval whose basis is ``inferred`` (the editors reasoned it out; the
article gives no dating words) is marked uncertain with ``?``, on the value or on both ends
of an interval (``2023-03-01?/2023-06-04?``). Intervals resolved from the article's own words
(``explicit``, ``relative``) or from an outside source (``context``) are unqualified. The
approximate qualifier ``~`` is not used: no basis says that an endpoint is only roughly
right, only that it was stated, resolved, looked up or inferred.

Every value is parsed with the ``edtf`` package, and :func:`check` proves that it means the
same first and last day as the interval it came from.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import pandas as pd
from edtf import parse_edtf

from thawbook.dates.intervals import iso
from thawbook.inputs.tables import data_dir, load_tables

UNCERTAIN_BASES = frozenset({"inferred"})
EXPORT_COLUMNS = ["event_id", "date_start", "date_end", "date_basis", "edtf"]


def _last_of_month(day: date) -> bool:
    return (day + timedelta(days=1)).day == 1


def _as_date(value) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def edtf_for(start, end, basis: str = "explicit") -> str:
    """The EDTF string for the inclusive interval ``start``..``end`` dated on ``basis``.

    ``start`` and ``end`` are dates (or pandas timestamps). Raises ``ValueError`` if the
    interval ends before it starts. See the module docstring for the rule.
    """
    first, last = _as_date(start), _as_date(end)
    if last < first:
        raise ValueError(f"interval ends ({last}) before it starts ({first})")
    mark = "?" if basis in UNCERTAIN_BASES else ""
    whole_years = (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)
    whole_months = first.day == 1 and _last_of_month(last)
    if whole_years:
        ends = (f"{first.year:04d}", f"{last.year:04d}")
    elif whole_months:
        ends = (f"{first:%Y-%m}", f"{last:%Y-%m}")
    else:
        ends = (first.isoformat(), last.isoformat())
    if ends[0] == ends[1]:
        return ends[0] + mark
    return f"{ends[0]}{mark}/{ends[1]}{mark}"


@lru_cache(maxsize=4096)
def bounds(value: str) -> tuple[date, date]:
    """First and last day that an EDTF value covers, as parsed by the ``edtf`` package.

    Kept per value: the findings register checks the same few dozen values under each of its
    readings, and one parse by the ``edtf`` grammar costs about as much as a whole chapter's
    arithmetic."""
    parsed = parse_edtf(value)
    low, high = parsed.lower_strict(), parsed.upper_strict()
    return date(low.tm_year, low.tm_mon, low.tm_mday), date(high.tm_year, high.tm_mon, high.tm_mday)


def check_value(value: str, start, end) -> None:
    """Raise ``ValueError`` unless ``value`` parses as EDTF and covers exactly ``start``..``end``."""
    first, last = bounds(value)
    if (first, last) != (_as_date(start), _as_date(end)):
        raise ValueError(f"EDTF {value!r} covers {first}..{last}, not {_as_date(start)}..{_as_date(end)}")


def with_edtf(frame: pd.DataFrame, basis_column: str | None = "date_basis") -> pd.DataFrame:
    """``frame`` (with ``date_start`` and ``date_end``) plus an ``edtf`` column, checked row by row.

    Rows without a start date get an empty string. Without ``basis_column`` every interval
    counts as certain.
    """
    values = []
    for row in frame.itertuples(index=False):
        start, end = row.date_start, row.date_end
        if pd.isna(start):
            values.append("")
            continue
        end = start if pd.isna(end) else end
        basis = getattr(row, basis_column) if basis_column else "explicit"
        value = edtf_for(start, end, basis)
        check_value(value, start, end)
        values.append(value)
    return frame.assign(edtf=values)


# ------------------------------------------------------------------ the export
def events_edtf(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event: id, interval (YYYY-MM-DD strings), basis and EDTF, in id order."""
    frame = with_edtf(events)[EXPORT_COLUMNS].sort_values("event_id").reset_index(drop=True)
    for column in ("date_start", "date_end"):
        frame[column] = frame[column].map(iso)
    return frame


def events_edtf_csv(events: pd.DataFrame) -> str:
    """:func:`events_edtf` as CSV text (UTF-8, ``\\n`` line ends)."""
    buffer = io.StringIO()
    events_edtf(events).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def write_events_edtf(path: Path | None = None, events: pd.DataFrame | None = None) -> Path:
    """Write the export (default ``data/events_edtf.csv``) and return its path."""
    path = Path(path or data_dir() / "events_edtf.csv")
    events = load_tables("events")["events"] if events is None else events
    path.write_text(events_edtf_csv(events), encoding="utf-8")
    return path
