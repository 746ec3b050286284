"""Chapter 04, chronology: when the article's events happened, and the run-up to Shangri-La.

- :func:`timeline_rows` tidies ``events`` into one row per event in time order, with the
  fields the charts and the table show (resolved interval as text, imprecision, labels);
- :func:`time_order` and :func:`text_order` are the two orders the article mixes up (how far
  apart they are is :mod:`thawbook.analysis.chronology_order`);
- :func:`date_check` sets each event's resolved interval beside a dated outside source;
- :func:`classify_stance` sorts the run-up to the Shangri-La Dialogue into engagement and
  friction by an explicit rule (:data:`ENGAGEMENT_THEMES`, :data:`FRICTION_THEMES`,
  :data:`STANCE_OVERRIDES`).

The charts are in :mod:`thawbook.charts.chronology`. Time order sorts events by ``date_start``,
then ``date_end``; an event dated only by an interval therefore sorts by the earliest day it
can have happened. Remaining ties are broken by the order of telling, so every order here is
deterministic.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from thawbook.charts import theme
from thawbook.dates.agreement import NOT_DATED_BY, event_context_pairs
from thawbook.dates.intervals import PRECISION_LIMITS, Interval, iso, week_of

# --------------------------------------------------------------------------- constants

#: May and June 2023, the two months most events fall in.
MAY_JUNE = Interval(date(2023, 5, 1), date(2023, 6, 30), "month")
#: The run-up to the Shangri-La Dialogue: from 1 May to the latest possible publication day.
RUN_UP = Interval(date(2023, 5, 1), date(2023, 6, 4), "day")

#: Themes whose events count as engagement: contact, talks, visits, conciliatory words.
ENGAGEMENT_THEMES = ("diplomacy", "trade", "business", "climate_finance")
#: Themes whose events count as friction: military incidents, refusals, sanctions, bans.
FRICTION_THEMES = ("military", "sanctions", "export_controls")
#: Events the theme rule would misfile, with the stance they get and why.
STANCE_OVERRIDES = {
    "ev-li-austin-handshake": (
        "engagement",
        "a handshake and brief talk: contact, although its theme is military",
    ),
    "ev-shangri-la-dialogue": (
        "setting",
        "the forum itself is the stage of the run-up, neither engagement nor refusal",
    ),
    "ev-micron-ban": (
        "friction",
        "a ban on buying a US firm's products: friction whichever theme it is filed under "
        "(export controls, or trade in data/theme_alternatives.csv)",
    ),
}
STANCES = ("engagement", "friction", "setting")

STATUS_ORDER = ("occurred", "ongoing", "forthcoming")
SHAPE_INTERVAL, SHAPE_DAY = "interval", "exact day"


# --------------------------------------------------------------------------- tidying


def is_imprecise(events: pd.DataFrame) -> pd.Series:
    """True where an event's date is an interval, not one known day (``date_start != date_end``).

    This is the same test as the derived precision (:func:`thawbook.dates.intervals.precision_of`)
    being coarser than "day": a day is an interval one day wide.
    """
    return events["date_start"] != events["date_end"]


#: How each derived precision label reads in prose: "known to within ...".
PRECISION_WORDS = {
    "day": "a day",
    "week": "a week",
    "fortnight": "a fortnight",
    "month": "a month",
    "two-month span": "two months",
    "quarter": "a quarter",
    "four-month span": "four months",
    "half-year": "half a year",
    "year": "a year",
    "years": "several years",
}
PRECISION_ORDER = tuple(label for label, _ in PRECISION_LIMITS)


def precision_counts(events: pd.DataFrame) -> pd.DataFrame:
    """Events by derived precision (finest first) and by how the article dates them.

    One row per precision label that occurs, in the order of
    :data:`thawbook.dates.intervals.PRECISION_LIMITS`, one column per ``date_basis`` and a ``total``.
    """
    counts = events.groupby(["date_precision", "date_basis"]).size().unstack(fill_value=0)
    counts = counts.reindex([p for p in PRECISION_ORDER if p in counts.index])
    counts["total"] = counts.sum(axis=1)
    counts.index.name = "known to within"
    counts.columns.name = None
    return counts


def precision_words(events: pd.DataFrame) -> str:
    """The derived precisions of ``events`` in words with counts, finest first.

    For example "a week (1), a fortnight (4) or a month (12)".
    """
    counts = events["date_precision"].value_counts()
    parts = [f"{PRECISION_WORDS[p]} ({counts[p]})" for p in PRECISION_ORDER if p in counts.index]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]


def interval_text(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """A resolved interval as words: one day as ``2023-05-23``, a range as ``2023-05-01 to 2023-05-31``."""
    first, last = iso(start), iso(end)
    return first if first == last else f"{first} to {last}"


def time_order(events: pd.DataFrame) -> pd.DataFrame:
    """Events in time order: by ``date_start``, then ``date_end``, then order of telling."""
    return events.sort_values(["date_start", "date_end", "evidence_start"], kind="mergesort").reset_index(
        drop=True
    )


def text_order(events: pd.DataFrame) -> pd.DataFrame:
    """Events in the order the article tells them (by ``evidence_start``)."""
    return events.sort_values(["evidence_start", "event_id"], kind="mergesort").reset_index(drop=True)


def with_ranks(events: pd.DataFrame) -> pd.DataFrame:
    """``events`` plus ``text_rank`` and ``time_rank`` (1 = first told / earliest), in time order."""
    told = text_order(events)[["event_id"]].assign(text_rank=lambda f: range(1, len(f) + 1))
    timed = time_order(events)
    timed["time_rank"] = range(1, len(timed) + 1)
    return timed.merge(told, on="event_id", how="left", validate="one_to_one")


def timeline_rows(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event, in time order, with what the timeline and the event table show.

    Adds ``imprecise`` and ``shape`` (interval or exact day), ``bar_end`` (the day after
    ``date_end``, so that a bar covers its last day), ``interval`` (the resolved interval as
    text), ``said`` (the article's dating words, or a note that it has none), ``theme_label``
    and the two ranks (see :func:`with_ranks`).
    """
    rows = with_ranks(events)
    rows["imprecise"] = is_imprecise(rows)
    rows["shape"] = rows["imprecise"].map({True: SHAPE_INTERVAL, False: SHAPE_DAY})
    rows["bar_end"] = rows["date_end"] + pd.Timedelta(days=1)
    rows["interval"] = [interval_text(s, e) for s, e in zip(rows["date_start"], rows["date_end"])]
    rows["said"] = rows["date_expression"].where(rows["date_expression"] != "", "(no dating words)")
    rows["theme_label"] = rows["theme"].map(theme.label)
    return rows


def event_table(events: pd.DataFrame) -> pd.DataFrame:
    """Every event for the page's table, in time order: the article's words beside the resolved dates."""
    rows = timeline_rows(events)
    return pd.DataFrame(
        {
            "event_id": rows["event_id"],
            "event": rows["title"],
            "article's dating words": rows["said"],
            "date_start": rows["date_start"].map(iso),
            "date_end": rows["date_end"].map(iso),
            "precision": rows["date_precision"],
            "basis": rows["date_basis"],
            "theme": rows["theme_label"],
            "status": rows["status"],
            "evidence": rows["evidence"],
        }
    )


def within(events: pd.DataFrame, window: Interval) -> pd.Series:
    """True where an event's whole interval lies inside ``window``."""
    start, end = pd.Timestamp(window.start), pd.Timestamp(window.end)
    return (events["date_start"] >= start) & (events["date_end"] <= end)


def date_check(events: pd.DataFrame, context: pd.DataFrame, links=None) -> pd.DataFrame:
    """Compare each event's resolved interval with the outside date of its linked context row.

    ``links`` is a list of (context id, event id) pairs, or a dict from context to event id;
    by default, every pair that :func:`thawbook.dates.agreement.event_context_pairs` finds, each
    outside fact once (:func:`one_per_fact`).
    ``verdict`` is
    "inside" when the outside dates lie within the resolved interval, "overlaps" when they
    only partly do, and "outside" when they miss it. ``days_resolved`` and ``days_outside``
    count the days each interval covers. In time order of the events.
    """
    if links is None:
        no_corrections = pd.DataFrame({"correction_id": [], "category": [], "context_id": []})
        pairs = one_per_fact(event_context_pairs(events, context, no_corrections))
        links = list(zip(pairs["context_id"], pairs["event_id"]))
    links = list(links.items()) if isinstance(links, dict) else list(links)
    found = context.set_index("context_id").loc[[c for c, _ in links]]
    if found["date_start"].isna().any():
        raise ValueError(f"context rows without a date: {list(found.index[found['date_start'].isna()])}")
    rows = timeline_rows(events).set_index("event_id")
    missing = sorted({e for _, e in links} - set(rows.index))
    if missing:
        raise KeyError(f"no such events: {missing}")
    out = rows.loc[
        [e for _, e in links], ["title", "said", "date_start", "date_end", "time_rank", "evidence"]
    ]
    out = out.rename(columns={"date_start": "resolved_start", "date_end": "resolved_end"}).reset_index()
    out["context_id"] = [c for c, _ in links]
    out["outside_start"] = list(found["date_start"])
    out["outside_end"] = list(found["date_end"])
    out["source_publisher"] = list(found["source_publisher"])
    inside = (out["outside_start"] >= out["resolved_start"]) & (out["outside_end"] <= out["resolved_end"])
    overlaps = (out["outside_start"] <= out["resolved_end"]) & (out["outside_end"] >= out["resolved_start"])
    out["verdict"] = "outside"
    out.loc[overlaps, "verdict"] = "overlaps"
    out.loc[inside, "verdict"] = "inside"
    out["days_resolved"] = (out["resolved_end"] - out["resolved_start"]).dt.days + 1
    out["days_outside"] = (out["outside_end"] - out["outside_start"]).dt.days + 1
    out["outside"] = [interval_text(a, b) for a, b in zip(out["outside_start"], out["outside_end"])]
    return out.sort_values(["time_rank", "context_id"]).reset_index(drop=True)


def one_per_fact(pairs: pd.DataFrame) -> pd.DataFrame:
    """:func:`~thawbook.dates.agreement.event_context_pairs` with each outside fact (context row)
    once: a row that speaks to several events is kept with the event it dates, not with one of
    :data:`~thawbook.dates.agreement.NOT_DATED_BY` (the intercept's day, not the statement on it)."""
    ranked = pairs.assign(_dates=~pairs["event_id"].isin(NOT_DATED_BY))
    first = ranked.sort_values("_dates", ascending=False, kind="mergesort").drop_duplicates("context_id")
    return pairs.loc[sorted(first.index)].reset_index(drop=True)


#: How closely the article's interval pins an outside date it contains: classes of the events'
#: derived precision (:data:`~thawbook.dates.intervals.PRECISION_LIMITS`), finest first; the last
#: takes every wider one.
AGREEMENT_WIDTHS = {
    "to the day": ("day",),
    "within a fortnight": ("week", "fortnight"),
    "within a month": ("month",),
    "only within a wider span": (),
}


def agreement_by_width(pairs: pd.DataFrame, events: pd.DataFrame) -> dict[str, int]:
    """How many of the outside dates that fall inside the article's interval (``pairs`` verdict
    "contains") fall inside an interval of each class of :data:`AGREEMENT_WIDTHS`, by the event's
    ``date_precision``: agreement with a one-day interval says more than agreement with a month."""
    precision = events.set_index("event_id")["date_precision"]
    inside = list(precision.loc[pairs.loc[pairs["verdict"] == "contains", "event_id"]])
    counts = {label: sum(p in labels for p in inside) for label, labels in AGREEMENT_WIDTHS.items()}
    counts["only within a wider span"] = len(inside) - sum(counts.values())
    return counts


def context_ids(check: pd.DataFrame) -> list[str]:
    """The context rows of a :func:`date_check` frame, in order of their outside date."""
    return list(check.sort_values(["outside_start", "context_id"])["context_id"])


def date_check_table(check: pd.DataFrame) -> pd.DataFrame:
    """:func:`date_check` for the page: the article's words, both intervals and the verdict."""
    return pd.DataFrame(
        {
            "event": check["title"],
            "article's dating words": check["said"],
            "date_start": check["resolved_start"].map(iso),
            "date_end": check["resolved_end"].map(iso),
            "outside date": check["outside"],
            "verdict": check["verdict"],
            "context": check["context_id"],
            "evidence": check["evidence"],
        }
    )


# --------------------------------------------------------------------------- run-up


def classify_stance(events: pd.DataFrame) -> pd.Series:
    """Engagement, friction or setting for each event, by an explicit rule.

    1. An event listed in :data:`STANCE_OVERRIDES` gets the stance given there.
    2. Otherwise its theme decides: :data:`ENGAGEMENT_THEMES` are engagement,
       :data:`FRICTION_THEMES` are friction.

    Raises ``ValueError`` naming the event if its theme is in neither list.
    """
    stances = []
    for event_id, event_theme in zip(events["event_id"], events["theme"]):
        if event_id in STANCE_OVERRIDES:
            stances.append(STANCE_OVERRIDES[event_id][0])
        elif event_theme in ENGAGEMENT_THEMES:
            stances.append("engagement")
        elif event_theme in FRICTION_THEMES:
            stances.append("friction")
        else:
            raise ValueError(f"{event_id}: theme {event_theme!r} has no stance rule")
    return pd.Series(stances, index=events.index, name="stance")


def run_up(events: pd.DataFrame, window: Interval = RUN_UP) -> pd.DataFrame:
    """Events whose interval ends inside ``window`` and starts no later than its end, with their stance.

    An event that may have begun before the window (e.g. an undated refusal bounded by
    March and the publication date) is kept, because it can fall in the run-up; one that
    runs past the window (the year-long recovery) is not. In time order.
    """
    start, end = pd.Timestamp(window.start), pd.Timestamp(window.end)
    rows = timeline_rows(events)
    kept = rows[(rows["date_end"] >= start) & (rows["date_end"] <= end)].copy()
    kept["stance"] = classify_stance(kept)
    kept["rule"] = [
        STANCE_OVERRIDES[e][1] if e in STANCE_OVERRIDES else f"theme: {t}"
        for e, t in zip(kept["event_id"], kept["theme_label"])
    ]
    return kept.reset_index(drop=True)


def placed_in_weeks(run: pd.DataFrame, week_start: str = "monday", placement: str = "spread") -> pd.DataFrame:
    """The run-up events that can be put in one calendar week, with ``week`` (its first day).

    With ``placement`` "spread" (the book's reading) only events whose whole interval lies in
    one week are placed (an exact day, or a "this week" that fits); with "start" or "end"
    every event is put on that day of its interval, and kept if the day is in :data:`RUN_UP`.
    """
    if placement == "spread":
        days = run["date_start"]
    else:
        days = run["date_start"] if placement == "start" else run["date_end"]
    weeks = [week_of(day.date(), week_start) for day in days]
    placed = run.assign(day=days, week=[w.start for w in weeks], week_end=[w.end for w in weeks])
    if placement == "spread":
        placed = placed[placed["date_end"].dt.date <= placed["week_end"]]
    else:
        placed = placed[(placed["day"].dt.date >= RUN_UP.start) & (placed["day"].dt.date <= RUN_UP.end)]
    return placed.sort_values(["week", "time_rank"]).reset_index(drop=True)


def weekly_stance(run: pd.DataFrame, week_start: str = "monday", placement: str = "spread") -> pd.DataFrame:
    """Count, for each week, the run-up events placed in it (:func:`placed_in_weeks`), by stance.

    By default only events whose whole interval lies in one Monday-Sunday week are counted
    (an exact day, or an event dated "last week"/"this week" that fits); the rest cannot be
    placed in a week. One row per week, with a column per stance in :data:`STANCES` and
    ``events`` listing the titles.
    """
    placed = placed_in_weeks(run, week_start, placement)
    counts = placed.pivot_table(
        index="week", columns="stance", values="event_id", aggfunc="count", fill_value=0
    )
    counts = counts.reindex(columns=list(STANCES), fill_value=0)
    counts["events"] = placed.groupby("week")["title"].agg("; ".join)
    counts.index = ["week of " + iso(w) for w in counts.index]
    counts.columns.name = None
    return counts.rename_axis("week").reset_index()


def run_up_table(run: pd.DataFrame) -> pd.DataFrame:
    """The run-up for the page: stance, the rule that gave it, dates and evidence, in time order."""
    return pd.DataFrame(
        {
            "event": run["title"],
            "stance": run["stance"],
            "rule": run["rule"],
            "article's dating words": run["said"],
            "date_start": run["date_start"].map(iso),
            "date_end": run["date_end"].map(iso),
            "evidence": run["evidence"],
        }
    )
