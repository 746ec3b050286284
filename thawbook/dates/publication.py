"""When the seed article was published, derived from its own words, and its time words read against that.

The article carries no dateline. :func:`infer_publication_interval` derives the publication
date from evidence *inside* the article. Each step is a :class:`Constraint` holding the
verbatim seed spans that ground it (every span must occur exactly once, see
:func:`thawbook.inputs.seed.locate`), the set of publication dates it allows, and the reasoning in
words. The publication interval is the intersection of the constraints.

:func:`resolve_in_article` resolves one of the article's temporal expressions with
:func:`thawbook.dates.intervals.resolve` against that publication interval, so that uncertainty about
the publication date is carried into every resolved date instead of being hidden.

Both take the hull over the week conventions of :data:`thawbook.dates.intervals.WEEK_STARTS` (weeks from
Monday or from Sunday) unless one is asked for, so the stored intervals carry that
uncertainty too.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from thawbook.dates.intervals import WEEK_STARTS, WEEKDAYS, Interval, resolve, resolve_on, week_of, year_of
from thawbook.inputs.seed import locate


@dataclass(frozen=True)
class Constraint:
    """One step of the publication-date derivation.

    ``evidence`` holds verbatim spans of the seed, each occurring exactly once;
    ``interval`` is the range of publication dates this step allows; ``needs_context``
    marks steps that lean on knowledge from outside the article.
    """

    name: str
    evidence: tuple[str, ...]
    interval: Interval
    reasoning: str
    needs_context: bool = False

    def __post_init__(self) -> None:
        for span in self.evidence:
            locate(span)  # raises EvidenceError unless it occurs exactly once


# The only explicit calendar date in the article, and the year inferred for it.
ANCHOR_MONTH_DAY = (5, 23)  # "Xie Feng's arrival in Washington on May 23"
COVID_ZERO_BEGAN = 2020  # outside knowledge: China's zero-Covid policy started in 2020
INFERRED_YEAR = COVID_ZERO_BEGAN + 3  # "this year, after three years of strict “Covid zero” ..."


def publication_constraints(week_start: str | None = None) -> list[Constraint]:
    """The derivation of the publication date, one :class:`Constraint` per step, in order.

    With ``week_start`` None, each step allows the hull of what it allows under every
    convention in :data:`WEEK_STARTS`; otherwise only what it allows under that one.
    """
    if week_start is None:
        per_convention = [publication_constraints(ws) for ws in WEEK_STARTS]
        steps = []
        for parts in zip(*per_convention):
            interval = parts[0].interval
            for part in parts[1:]:
                interval = interval.hull(part.interval)
            reasoning = (
                parts[0].reasoning
                if len({p.interval for p in parts}) == 1
                else " ".join(
                    f"With weeks from {ws.capitalize()}: {p.reasoning}" for ws, p in zip(WEEK_STARTS, parts)
                )
            )
            steps.append(
                Constraint(parts[0].name, parts[0].evidence, interval, reasoning, parts[0].needs_context)
            )
        return steps

    year = Constraint(
        name="year",
        evidence=(
            "this year, after three years of strict “Covid zero” restrictions",
            "has been subject to US sanctions since 2018",
        ),
        interval=year_of(date(INFERRED_YEAR, 1, 1)),
        reasoning=(
            f"“Covid zero” began in {COVID_ZERO_BEGAN} (outside knowledge); three years of it "
            f"put “this year” in {INFERRED_YEAR}. Consistent with sanctions running "
            "“since 2018”, a past year."
        ),
        needs_context=True,
    )

    arrival = date(INFERRED_YEAR, *ANCHOR_MONTH_DAY)
    publication_week = week_of(week_of(arrival, week_start).end + timedelta(days=1), week_start)
    first, last = (
        calendar.day_name[publication_week.start.weekday()],
        calendar.day_name[publication_week.end.weekday()],
    )
    week = Constraint(
        name="week after the ambassador's arrival",
        evidence=(
            "The Chinese ambassador also arrived in Washington last week",
            "arrival in Washington on May 23",
        ),
        interval=publication_week,
        reasoning=(
            f"The arrival on {arrival:%a %d %b} happened “last week”, so publication falls "
            f"in the following {first}-{last} week, {publication_week}."
        ),
    )

    friday = publication_week.start + timedelta(
        days=(WEEKDAYS.index("friday") - publication_week.start.weekday()) % 7
    )
    weekend = Constraint(
        name="from the Friday to the end of that week",
        evidence=(
            "at this weekend's security meeting in Singapore",
            "spoke briefly at the conference's opening dinner Friday",
        ),
        interval=Interval(friday, publication_week.end, "day"),
        reasoning=(
            "The Singapore meeting is “this weekend's”, so publication is no later than the "
            f"last day of the publication week ({publication_week.end:%a %d %b}); its opening "
            "dinner “Friday” is told in the past, "
            f"so publication is on or after {friday:%a %d %b}."
        ),
    )

    # Consistency check: for which days of the window so far does "Last Friday" (the jet
    # intercept) fall inside "last week" (as in "last week's jet interception")?
    window = year.interval.intersect(week.interval).intersect(weekend.interval)
    consistent = [
        day
        for day in _each_day(window)
        if resolve_on("last week", day, week_start=week_start).start
        <= resolve_on("last friday", day, week_start=week_start).start
        <= resolve_on("last week", day, week_start=week_start).end
    ]
    if consistent != list(_each_day(window)):
        raise AssertionError("“Last Friday” is not inside “last week” for some candidate day")
    intercept = resolve("last friday", window, week_start=week_start)
    jet = Constraint(
        name="jet intercept last Friday (check)",
        evidence=("Last Friday, a Chinese jet buzzed", "last week's jet interception"),
        interval=Interval(consistent[0], consistent[-1], "day"),
        reasoning=(
            f"“Last Friday” resolves to {intercept} for every candidate day, and that Friday "
            "lies in “last week”: consistent, but it does not narrow the interval."
        ),
    )
    return [year, week, weekend, jet]


@cache
def _publication(week_start: str | None) -> tuple[Interval, tuple[Constraint, ...]]:
    interval, steps = _infer_publication_interval(week_start)
    return interval, tuple(steps)


def infer_publication_interval(week_start: str | None = None) -> tuple[Interval, list[Constraint]]:
    """The publication interval and the derivation steps (computed once per convention).

    Under one convention the interval is the intersection of its steps; with ``week_start``
    None it is the hull of the conventions' intervals (see :func:`publication_constraints`).
    """
    interval, steps = _publication(week_start)
    return interval, list(steps)


def _infer_publication_interval(week_start: str | None = None) -> tuple[Interval, list[Constraint]]:
    if week_start is None:
        hull = None
        for ws in WEEK_STARTS:
            interval, _ = infer_publication_interval(ws)
            hull = interval if hull is None else hull.hull(interval)
        return hull, publication_constraints()
    steps = publication_constraints(week_start)
    result = steps[0].interval
    for step in steps[1:]:
        result = result.intersect(step.interval)
    return result, steps


def _each_day(interval: Interval):
    for offset in range(interval.days):
        yield interval.start + timedelta(days=offset)


@cache
def resolve_in_article(expression: str, *, tense: str = "past", week_start: str | None = None) -> Interval:
    """The dates an expression of the seed article can refer to.

    Under one week convention, the expression is resolved against that convention's own
    publication interval (:func:`infer_publication_interval`); with ``week_start`` None, the
    hull over every convention in :data:`WEEK_STARTS` is returned, which is what the report
    stores.
    """
    conventions = WEEK_STARTS if week_start is None else (week_start,)
    hull = None
    for ws in conventions:
        found = resolve(expression, infer_publication_interval(ws)[0], tense=tense, week_start=ws)
        hull = found if hull is None else hull.hull(found)
    return hull
