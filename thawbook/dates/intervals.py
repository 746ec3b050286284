"""Dates in the seed article: intervals of days, one formatter, and what its time words mean.

The article carries no dateline; its publication date is derived in
:mod:`thawbook.dates.publication`. This module holds what that derivation and the rest of the
package build on, each checkable:

1. :class:`Interval`, a closed range of days, and the calendar units around a day
   (:func:`week_of`, :func:`month_of`, :func:`year_of`); :func:`precision_of` names an
   interval's precision by its width, and :func:`iso` is the package's one date formatter.
2. :func:`resolve` turns one of the article's temporal expressions ("last week", "On
   Tuesday", "in October", ...) into an :class:`Interval`, resolved against *both* ends of
   a publication interval and returning the hull, so that uncertainty about the
   publication date is carried into every resolved date instead of being hidden.
3. :func:`find_temporal_expressions` lists every temporal expression in a text (by default
   the seed) with its offsets, so the report can show that each one is accounted for.

Conventions. The article never says whether its weeks start on Monday (ISO 8601) or on
Sunday (the US calendar), so both are allowed: :data:`WEEK_STARTS`. The article's own dates
(:mod:`thawbook.dates.publication`) take the hull over both conventions unless one is asked
for, so the stored intervals carry this uncertainty too. "last week" is the previous calendar
week, "last Friday" the Friday of the previous calendar week (news style, not "yesterday"
when the reference is a Saturday), a bare weekday told in the past is the most recent such
day on or before the reference date, and a month told in the past is the most recent such
month not after the reference month. In the future tense, "on or after" replaces "on or
before". An :class:`Interval`'s ``precision`` is the calendar unit the expression names;
its width may be larger when the publication date is uncertain.

What dateparser does here, and what it does not. ``dateparser`` (1.5) is used, with
``RELATIVE_BASE``, ``PREFER_DATES_FROM`` and ``RETURN_TIME_AS_PERIOD``, to parse
"last/this/next week|month|year", month names with or without a day ("May", "May 23")
and four-digit years. It returns one day plus a period ("week", "month", "year"); this
module widens that day to the whole calendar unit. Experiments with references
2023-06-02 (Friday) and 2023-06-04 (Sunday) showed where it is wrong or silent, which is
why the rest is hand-written:

* "last week" comes back as the single day seven days earlier (2023-05-26 from 06-02),
  which is only correct once widened to its Monday-Sunday week.
* "last Friday" from Sunday 2023-06-04 gives 2023-06-02, two days earlier, not the Friday
  of the previous week (2023-05-26).
* a bare "Friday" in the past from Friday 2023-06-02 gives 2023-05-26: it never returns
  the reference day itself.
* in the future tense it skips the current unit: "May" from 2023-05-15 gives May 2024,
  "May 23" from 2023-05-23 gives 2024-05-23.
* "this weekend", "since January" and "since 2018" are not parsed at all (``None``).
* it guesses where it should refuse: "three years" becomes the day three years ago.

So only expressions matching an explicit grammar are accepted; anything else raises
``ValueError`` naming the expression rather than being guessed.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd
from dateparser.date import DateDataParser

from thawbook.inputs.seed import paragraph_of, read_seed

PRECISIONS = ("day", "week", "month", "year")  # finest to coarsest
WEEK_STARTS = ("monday", "sunday")  # the calendar conventions the article allows
#: ISO 8601 day, as strftime and strptime (and Vega's d3 time format) spell it; :func:`iso` writes it.
ISO_DAY = "%Y-%m-%d"
#: Precision labels derived from an interval's width: the narrowest unit it fits in.
PRECISION_LIMITS = (
    ("day", 1),
    ("week", 7),
    ("fortnight", 14),
    ("month", 31),
    ("two-month span", 62),
    ("quarter", 92),
    ("four-month span", 123),
    ("half-year", 183),
    ("year", 366),
    ("years", None),
)
WEEKDAYS = tuple(name.lower() for name in calendar.day_name)  # monday .. sunday
MONTHS = tuple(name.lower() for name in calendar.month_name[1:])  # january .. december


# --------------------------------------------------------------------------- intervals


@dataclass(frozen=True)
class Interval:
    """A closed range of calendar days, ``start`` to ``end`` inclusive.

    ``precision`` is the calendar unit the interval was stated in ("day", "week",
    "month" or "year"); an interval may span several units when it is a hull.
    """

    start: date
    end: date
    precision: str = "day"

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, got {self.precision!r}")
        if self.end < self.start:
            raise ValueError(f"interval ends before it starts: {self.start} > {self.end}")

    @property
    def days(self) -> int:
        """Number of days covered, both ends included."""
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        """Whether ``day`` lies in the interval, both ends included."""
        return self.start <= day <= self.end

    def hull(self, other: Interval) -> Interval:
        """The smallest interval covering both; keeps the coarser precision."""
        return Interval(
            min(self.start, other.start),
            max(self.end, other.end),
            max(self.precision, other.precision, key=PRECISIONS.index),
        )

    def intersect(self, other: Interval) -> Interval:
        """The days in both; keeps the finer precision. Raises ``ValueError`` if disjoint."""
        start, end = max(self.start, other.start), min(self.end, other.end)
        if end < start:
            raise ValueError(f"intervals do not overlap: {self} and {other}")
        return Interval(start, end, min(self.precision, other.precision, key=PRECISIONS.index))

    def __str__(self) -> str:
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def week_of(day: date, week_start: str = "monday") -> Interval:
    """The calendar week containing ``day``: Monday-Sunday, or Sunday-Saturday."""
    if week_start not in WEEK_STARTS:
        raise ValueError(f"week_start must be one of {WEEK_STARTS}, got {week_start!r}")
    offset = day.weekday() if week_start == "monday" else (day.weekday() + 1) % 7
    first = day - timedelta(days=offset)
    return Interval(first, first + timedelta(days=6), "week")


def precision_of(start: date, end: date) -> str:
    """The precision label an interval earns by its width, never typed beside it.

    The narrowest of :data:`PRECISION_LIMITS` the interval fits in: "day" is one day, "week"
    at most 7 days, "fortnight" 14, "month" 31, "two-month span" 62, "quarter" 92, "four-month
    span" 123, "half-year" 183, "year" 366, and "years" anything wider. Read it as "known to within
    a ...". The steps between a month and half a year are a month apart, so that no interval is
    named for a span much wider than itself (35 days is a two-month span, not a quarter).
    """
    width = (end - start).days + 1
    for label, limit in PRECISION_LIMITS:
        if limit is None or width <= limit:
            return label
    raise AssertionError("unreachable")


def iso(day) -> str:
    """A day (a date, timestamp or date text) as ISO 8601 text (``2023-05-23``); "" for a missing day.

    The one date formatter of the package: tables, exports and prose all format days with it.
    """
    if day is None or pd.isna(day):
        return ""
    return pd.Timestamp(day).strftime(ISO_DAY)


def iso_span(start, end) -> str:
    """A day, or the days from ``start`` to ``end``, as ISO text (:func:`iso`): "2023-05-26", or
    "2023-05-26 to 2023-06-04"; a missing or equal end gives the one day."""
    first, last = iso(start), iso(end)
    return first if not last or last == first else f"{first} to {last}"


def month_of(day: date) -> Interval:
    """The calendar month containing ``day``, at month precision."""
    last = calendar.monthrange(day.year, day.month)[1]
    return Interval(date(day.year, day.month, 1), date(day.year, day.month, last), "month")


def year_of(day: date) -> Interval:
    """The calendar year containing ``day``, at year precision."""
    return Interval(date(day.year, 1, 1), date(day.year, 12, 31), "year")


# --------------------------------------------------------------------------- resolver

_LEADING = re.compile(r"^(on|in|since)\s+")
_POSSESSIVE = re.compile(r"['’]s$")
_WEEKDAY = "|".join(WEEKDAYS)
_MONTH = "|".join(MONTHS)

_RELATIVE_WEEKEND = re.compile(r"(last|this|next) weekend")
_LAST_WEEKDAY = re.compile(rf"last ({_WEEKDAY})")
_BARE_WEEKDAY = re.compile(rf"({_WEEKDAY})")
_RELATIVE_UNIT = re.compile(r"(last|this|next) (week|month|year)")
_MONTH_DAY = re.compile(rf"({_MONTH})(?: (\d{{1,2}}))?")
_YEAR = re.compile(r"(1[89]|20)\d\d")


def normalise(expression: str) -> tuple[str, bool]:
    """Lower-case, collapse spaces, drop a trailing possessive and one leading preposition.

    Returns the core expression and whether it was introduced by "since".
    """
    text = " ".join(expression.strip().lower().split())
    text = _POSSESSIVE.sub("", text)
    match = _LEADING.match(text)
    since = bool(match and match.group(1) == "since")
    return (text[match.end() :] if match else text), since


def resolve(
    expression: str, published: Interval, *, tense: str = "past", week_start: str = "monday"
) -> Interval:
    """The dates an expression can refer to, given a publication interval and a week convention.

    The expression is resolved against the first and the last possible publication day and
    the hull of the two is returned. ``tense`` ("past" or "future") is the tense of the
    clause; "since ..." is always past. Raises ``ValueError`` naming the expression if it
    is not one of the supported forms. For the article itself use
    :func:`thawbook.dates.publication.resolve_in_article`.
    """
    return resolve_on(expression, published.start, tense=tense, week_start=week_start).hull(
        resolve_on(expression, published.end, tense=tense, week_start=week_start)
    )


def resolve_on(
    expression: str, reference: date, *, tense: str = "past", week_start: str = "monday"
) -> Interval:
    """Resolve ``expression`` against a single reference (publication) date under one week convention."""
    if tense not in ("past", "future"):
        raise ValueError(f"tense must be 'past' or 'future', got {tense!r}")
    core, since = normalise(expression)
    if since:
        tense = "past"

    if m := _RELATIVE_WEEKEND.fullmatch(core):
        shift = {"last": -7, "this": 0, "next": 7}[m.group(1)]
        first = week_of(reference, week_start).start
        saturday = first + timedelta(days=shift + (5 - first.weekday()) % 7)
        return Interval(saturday, saturday + timedelta(days=1), "day")

    if m := _LAST_WEEKDAY.fullmatch(core):
        first = week_of(reference, week_start).start - timedelta(days=7)
        day = first + timedelta(days=(WEEKDAYS.index(m.group(1)) - first.weekday()) % 7)
        return Interval(day, day, "day")

    if m := _BARE_WEEKDAY.fullmatch(core):
        weekday = WEEKDAYS.index(m.group(1))
        if tense == "past":
            day = reference - timedelta(days=(reference.weekday() - weekday) % 7)
        else:
            day = reference + timedelta(days=(weekday - reference.weekday()) % 7)
        return Interval(day, day, "day")

    if _RELATIVE_UNIT.fullmatch(core) or _YEAR.fullmatch(core):
        return _with_dateparser(core, expression, reference, tense, week_start)

    if m := _MONTH_DAY.fullmatch(core):
        found = _with_dateparser(core, expression, reference, tense, week_start)
        if tense == "future" and found.start.year == reference.year + 1:
            # dateparser skips the current month / today in the future tense.
            month, day = MONTHS.index(m.group(1)) + 1, m.group(2)
            same_year = (
                month_of(date(reference.year, month, 1))
                if day is None
                else Interval(date(reference.year, month, int(day)), date(reference.year, month, int(day)))
            )
            if same_year.end >= reference:
                return same_year
        return found

    raise ValueError(f"unsupported temporal expression: {expression!r}")


def _with_dateparser(
    core: str, expression: str, reference: date, tense: str, week_start: str = "monday"
) -> Interval:
    """Parse with dateparser and widen its day to the calendar unit it reports."""
    settings = {
        "RELATIVE_BASE": datetime(reference.year, reference.month, reference.day),
        "PREFER_DATES_FROM": tense,
        "RETURN_TIME_AS_PERIOD": True,
    }
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(core)
    if data.date_obj is None:
        raise ValueError(f"unsupported temporal expression: {expression!r} (dateparser found no date)")
    day = data.date_obj.date()
    widen = {
        "day": lambda d: Interval(d, d, "day"),
        "week": lambda d: week_of(d, week_start),
        "month": month_of,
        "year": year_of,
    }
    if data.period not in widen:
        raise ValueError(f"unsupported temporal expression: {expression!r} (period {data.period!r})")
    return widen[data.period](day)


# -------------------------------------------------------------------------- extractor


@dataclass(frozen=True)
class TemporalMention:
    """A temporal expression found in a text: ``text[start:end] == expression``."""

    expression: str
    start: int
    end: int
    paragraph: int


_S = r"(?:['’]s)?"
_WEEKDAY_CAP = "|".join(calendar.day_name)
_MONTH_CAP = "|".join(calendar.month_name[1:])
_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)"

# Alternatives are tried left to right at each position, so longer forms come first.
# Weekday and month names are case-sensitive (so the verb "may" is not a month).
TEMPORAL_PATTERN = re.compile(
    "|".join(
        [
            rf"\b(?i:last|this|next|past|coming) (?i:weekend|week|month|year|{_WEEKDAY}){_S}\b",
            r"\b(?i:in|over|for|during) (?i:recent|the past|the last|several|a few) (?i:days|weeks|months|years)\b",
            r"\b(?i:in|for) (?i:days|weeks|months|years)\b",
            rf"\b(?i:{_NUMBER}) (?i:days|weeks|months|years)\b",
            r"\b(?i:days|weeks|months|years) of\b",
            rf"\b(?:(?i:on) )?(?:{_WEEKDAY_CAP}){_S}\b",
            rf"\b(?:(?i:in|since) )?(?:{_MONTH_CAP}) \d{{1,2}}\b(?:, \d{{4}}\b)?",
            rf"\b(?i:in|since) (?:{_MONTH_CAP})\b(?: \d{{4}}\b)?",
            rf"\b(?:{_MONTH_CAP}) (?:\d{{4}})\b",
            r"\b(?:(?i:in|since) )?(?:1[89]|20)\d\d\b",
            r"\b(?i:short|long|near|medium)[- ](?i:term)\b",
            r"\b(?:currently|recently|annual|annually|yearly|nowadays)\b",
        ]
    )
)


def find_temporal_expressions(text: str | None = None) -> list[TemporalMention]:
    """Every temporal expression in ``text`` (default: the seed), in text order.

    Spans cover the matched words only, with a leading "in"/"since" for months and years,
    a leading "On" for weekdays and a trailing possessive where present ("in March",
    "On Tuesday", "this weekend's"); "on May 23" yields "May 23".
    """
    text = read_seed() if text is None else text
    return [
        TemporalMention(m.group(), m.start(), m.end(), paragraph_of(m.start(), text))
        for m in TEMPORAL_PATTERN.finditer(text)
    ]
