"""The chronology: when the article's events happened, and the order in which it tells them.

Everything the chronology chapter computes lives here:

- :func:`timeline_rows` tidies ``events`` into one row per event in time order, with the
  fields the charts and the table show (resolved interval as text, imprecision, labels);
- :func:`time_order` and :func:`text_order` are the two orders the article mixes up, and
  :func:`order_agreement` measures how far apart they are (inversions and Kendall's tau-b);
- :func:`telling_sequence` follows the article's order of telling and marks each jump back
  or forward in time;
- :func:`classify_stance` sorts the run-up to the Shangri-La Dialogue into engagement and
  friction by an explicit rule (:data:`ENGAGEMENT_THEMES`, :data:`FRICTION_THEMES`,
  :data:`STANCE_OVERRIDES`);
- :func:`timeline_chart`, :func:`telling_chart` and :func:`run_up_chart` draw them.

Time order sorts events by ``date_start``, then ``date_end``; an event dated only by an
interval therefore sorts by the earliest day it can have happened. Remaining ties are broken
by the order of telling, so every order here is deterministic.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import altair as alt
import pandas as pd

from thawbook.date_agreement import event_context_pairs
from thawbook import theme
from thawbook.dates import PRECISION_LIMITS, Interval, week_of

# --------------------------------------------------------------------------- constants

#: The whole span the overview strip shows (the earliest event is dated to 2018).
OVERVIEW_DOMAIN = (date(2018, 1, 1), date(2023, 12, 31))
#: What the detail view shows until the reader moves the brush: May to early June 2023.
DETAIL_DOMAIN = (date(2023, 5, 1), date(2023, 6, 10))
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
        "engagement", "a handshake and brief talk: contact, although its theme is military"),
    "ev-shangri-la-dialogue": (
        "setting", "the forum itself is the stage of the run-up, neither engagement nor refusal"),
    "ev-micron-ban": (
        "friction", "a ban on buying a US firm's products: friction whichever theme it is filed under "
                    "(export controls, or trade in data/theme_alternatives.csv)"),
}
STANCES = ("engagement", "friction", "setting")

STATUS_ORDER = ("occurred", "ongoing", "forthcoming")
SHAPE_INTERVAL, SHAPE_DAY = "interval", "exact day"


# --------------------------------------------------------------------------- tidying


def is_imprecise(events: pd.DataFrame) -> pd.Series:
    """True where an event's date is an interval, not one known day (``date_start != date_end``).

    This is the same test as the derived precision (:func:`thawbook.dates.precision_of`)
    being coarser than "day": a day is an interval one day wide.
    """
    return events["date_start"] != events["date_end"]


#: How each derived precision label reads in prose: "known to within ...".
PRECISION_WORDS = {"day": "a day", "week": "a week", "fortnight": "a fortnight", "month": "a month",
                   "quarter": "a quarter", "half-year": "half a year", "year": "a year", "years": "several years"}
PRECISION_ORDER = tuple(label for label, _ in PRECISION_LIMITS)


def precision_counts(events: pd.DataFrame) -> pd.DataFrame:
    """Events by derived precision (finest first) and by how the article dates them.

    One row per precision label that occurs, in the order of
    :data:`thawbook.dates.PRECISION_LIMITS`, one column per ``date_basis`` and a ``total``.
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
    first, last = f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}"
    return first if first == last else f"{first} to {last}"


def time_order(events: pd.DataFrame) -> pd.DataFrame:
    """Events in time order: by ``date_start``, then ``date_end``, then order of telling."""
    return events.sort_values(["date_start", "date_end", "evidence_start"], kind="mergesort").reset_index(drop=True)


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
    return pd.DataFrame({
        "event": rows["title"],
        "article's dating words": rows["said"],
        "date_start": rows["date_start"].dt.strftime("%Y-%m-%d"),
        "date_end": rows["date_end"].dt.strftime("%Y-%m-%d"),
        "precision": rows["date_precision"],
        "basis": rows["date_basis"],
        "theme": rows["theme_label"],
        "status": rows["status"],
        "evidence": rows["evidence"],
    })


def within(events: pd.DataFrame, window: Interval) -> pd.Series:
    """True where an event's whole interval lies inside ``window``."""
    start, end = pd.Timestamp(window.start), pd.Timestamp(window.end)
    return (events["date_start"] >= start) & (events["date_end"] <= end)


def date_check(events: pd.DataFrame, context: pd.DataFrame, links=None) -> pd.DataFrame:
    """Compare each event's resolved interval with the outside date of its linked context row.

    ``links`` is a list of (context id, event id) pairs, or a dict from context to event id;
    by default, every pair that :func:`thawbook.date_agreement.event_context_pairs` finds.
    ``verdict`` is
    "inside" when the outside dates lie within the resolved interval, "overlaps" when they
    only partly do, and "outside" when they miss it. ``days_resolved`` and ``days_outside``
    count the days each interval covers. In time order of the events.
    """
    if links is None:
        no_corrections = pd.DataFrame({"correction_id": [], "category": [], "context_id": []})
        pairs = event_context_pairs(events, context, no_corrections)
        links = list(zip(pairs["context_id"], pairs["event_id"]))
    links = list(links.items()) if isinstance(links, dict) else list(links)
    found = context.set_index("context_id").loc[[c for c, _ in links]]
    if found["date_start"].isna().any():
        raise ValueError(f"context rows without a date: {list(found.index[found['date_start'].isna()])}")
    rows = timeline_rows(events).set_index("event_id")
    missing = sorted({e for _, e in links} - set(rows.index))
    if missing:
        raise KeyError(f"no such events: {missing}")
    out = rows.loc[[e for _, e in links], ["title", "said", "date_start", "date_end", "time_rank", "evidence"]]
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


def context_ids(check: pd.DataFrame) -> list[str]:
    """The context rows of a :func:`date_check` frame, in order of their outside date."""
    return list(check.sort_values(["outside_start", "context_id"])["context_id"])


def date_check_table(check: pd.DataFrame) -> pd.DataFrame:
    """:func:`date_check` for the page: the article's words, both intervals and the verdict."""
    return pd.DataFrame({
        "event": check["title"],
        "article's dating words": check["said"],
        "date_start": check["resolved_start"].dt.strftime("%Y-%m-%d"),
        "date_end": check["resolved_end"].dt.strftime("%Y-%m-%d"),
        "outside date": check["outside"],
        "verdict": check["verdict"],
        "context": check["context_id"],
        "evidence": check["evidence"],
    })


# --------------------------------------------------------------------------- two orders


@dataclass(frozen=True)
class OrderAgreement:
    """How far the order of telling agrees with the order of events.

    Over all ``pairs`` of events: ``concordant`` pairs are told in time order, ``discordant``
    ones (inversions) the other way round, ``tied`` ones share the same time key and have no
    order. ``tau_b`` is Kendall's tau-b: 1 for a chronological telling, -1 for a reversed one.
    """

    n: int
    pairs: int
    concordant: int
    discordant: int
    tied: int
    tau_b: float

    @property
    def share_inverted(self) -> float:
        """Share of the pairs that have an order (not tied) which the article tells backwards."""
        ordered = self.concordant + self.discordant
        return self.discordant / ordered if ordered else 0.0


def order_agreement(text_positions: list, time_keys: list) -> OrderAgreement:
    """Compare two orders of the same items with Kendall's tau-b and a count of inversions.

    ``text_positions[i]`` is where item ``i`` is told; ``time_keys[i]`` is any comparable key
    for when it happened (e.g. ``(date_start, date_end)``). Equal keys count as ties.
    """
    if len(text_positions) != len(time_keys):
        raise ValueError("the two orders must list the same number of items")
    n = len(text_positions)
    concordant = discordant = tied_text = tied_time = 0
    for i in range(n):
        for j in range(i + 1, n):
            a = (text_positions[i] > text_positions[j]) - (text_positions[i] < text_positions[j])
            b = (time_keys[i] > time_keys[j]) - (time_keys[i] < time_keys[j])
            tied_text += a == 0
            tied_time += b == 0
            if a * b > 0:
                concordant += 1
            elif a * b < 0:
                discordant += 1
    pairs = n * (n - 1) // 2
    denominator = math.sqrt((pairs - tied_text) * (pairs - tied_time))
    tau = (concordant - discordant) / denominator if denominator else float("nan")
    return OrderAgreement(n, pairs, concordant, discordant, tied_time, tau)


def shuffle_p_value(agreement: OrderAgreement) -> float:
    """How often a random order of telling lands at least as far from 0 as ``agreement.tau_b``.

    The normal approximation to Kendall's tau under independence, variance
    ``2(2n+5) / (9n(n-1))`` (without the small correction for ties): two-sided.
    """
    n = agreement.n
    sd = math.sqrt(2 * (2 * n + 5) / (9 * n * (n - 1)))
    return math.erfc(abs(agreement.tau_b) / sd / math.sqrt(2))


@dataclass(frozen=True)
class DatedPairs:
    """Pairs of events whose intervals do not overlap, so that the dates put one before the other.

    ``in_order`` are told earlier-first, ``inverted`` later-first; ``overlapping`` pairs share
    at least one possible day and have no order.
    """

    in_order: int
    inverted: int
    overlapping: int

    @property
    def ordered(self) -> int:
        return self.in_order + self.inverted

    @property
    def share_inverted(self) -> float:
        return self.inverted / self.ordered if self.ordered else 0.0


def dated_pairs(events: pd.DataFrame) -> DatedPairs:
    """Count the pairs whose dates order them (one interval ends before the other starts)."""
    rows = list(zip(events["evidence_start"], events["date_start"], events["date_end"]))
    in_order = inverted = overlapping = 0
    for i, (told_a, start_a, end_a) in enumerate(rows):
        for told_b, start_b, end_b in rows[i + 1:]:
            if end_a < start_b:
                earlier_told_first = told_a < told_b
            elif end_b < start_a:
                earlier_told_first = told_b < told_a
            else:
                overlapping += 1
                continue
            in_order += earlier_told_first
            inverted += not earlier_told_first
    return DatedPairs(in_order, inverted, overlapping)


def events_order_agreement(events: pd.DataFrame) -> OrderAgreement:
    """:func:`order_agreement` of the events' text positions against ``(date_start, date_end)``."""
    return order_agreement(
        list(events["evidence_start"]),
        list(zip(events["date_start"], events["date_end"])),
    )


def telling_sequence(events: pd.DataFrame) -> pd.DataFrame:
    """The events in the order the article tells them, each marked by how it moves in time.

    ``jump`` compares an event's ``date_start`` with that of the event told just before it:
    "back" (earlier), "forward" (later) or "same"; the first event told is "start".
    ``months_moved`` is the signed jump in whole months.
    """
    told = text_order(events)
    told["text_rank"] = range(1, len(told) + 1)
    previous = told["date_start"].shift(1)
    months = (told["date_start"].dt.year - previous.dt.year) * 12 + (told["date_start"].dt.month - previous.dt.month)
    told["months_moved"] = months.astype("Int64")
    told["jump"] = "same"
    told.loc[told["date_start"] < previous, "jump"] = "back"
    told.loc[told["date_start"] > previous, "jump"] = "forward"
    told.loc[0, "jump"] = "start"
    return told


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
    counts = placed.pivot_table(index="week", columns="stance", values="event_id", aggfunc="count", fill_value=0)
    counts = counts.reindex(columns=list(STANCES), fill_value=0)
    counts["events"] = placed.groupby("week")["title"].agg("; ".join)
    counts.index = [f"week of {w:%Y-%m-%d}" for w in counts.index]
    counts.columns.name = None
    return counts.rename_axis("week").reset_index()


def run_up_table(run: pd.DataFrame) -> pd.DataFrame:
    """The run-up for the page: stance, the rule that gave it, dates and evidence, in time order."""
    return pd.DataFrame({
        "event": run["title"],
        "stance": run["stance"],
        "rule": run["rule"],
        "article's dating words": run["said"],
        "date_start": run["date_start"].dt.strftime("%Y-%m-%d"),
        "date_end": run["date_end"].dt.strftime("%Y-%m-%d"),
        "evidence": run["evidence"],
    })


# --------------------------------------------------------------------------- charts

_TOOLTIP = [
    alt.Tooltip("title:N", title="Event"),
    alt.Tooltip("said:N", title="Article's dating words"),
    alt.Tooltip("interval:N", title="Resolved date"),
    alt.Tooltip("date_precision:N", title="Precision"),
    alt.Tooltip("status:N", title="Status"),
    alt.Tooltip("evidence:N", title="Evidence"),
]
_CHART_COLUMNS = ["event_id", "title", "said", "interval", "date_precision", "status", "evidence",
                  "theme_label", "date_start", "bar_end", "shape", "time_rank"]


def _day(value: date) -> alt.DateTime:
    return alt.DateTime(year=value.year, month=value.month, date=value.day)


def _colour(legend: bool = True) -> alt.Color:
    return alt.Color("theme_label:N", title="Theme (click to filter)" if legend else "Theme",
                     scale=theme.scale_for(theme.THEME_COLORS), legend=alt.Legend(orient="bottom", columns=4)
                     if legend else None)


def timeline_chart(events: pd.DataFrame, published: Interval, check: pd.DataFrame | None = None) -> alt.VConcatChart:
    """The interactive timeline: a detail view of the events over an overview strip with a brush.

    The brush on the overview (2018 to the end of 2023) sets the detail view's date range; it
    starts on :data:`DETAIL_DOMAIN`. Imprecise dates are bars from ``date_start`` to the end of
    ``date_end``, exact days are points; forthcoming events are hollow with a dashed outline.
    The inferred publication interval is a shaded band. A click on a legend entry keeps only
    that theme (shift-click adds more). With ``check`` (from :func:`date_check`), the outside
    dates are drawn as short grey ticks on their event's row, marked as context.
    """
    rows = timeline_rows(events)[_CHART_COLUMNS]
    order = list(rows["title"])
    brush = alt.selection_interval(encodings=["x"], name="brush",
                                   value={"x": [_day(DETAIL_DOMAIN[0]), _day(DETAIL_DOMAIN[1])]},
                                   mark=alt.BrushConfig(fill=theme.NEUTRAL, fillOpacity=0.25,
                                                        stroke="#1A1A1A", strokeWidth=1.5))
    themes = alt.selection_point(fields=["theme_label"], bind="legend", name="theme_filter")
    shown = alt.condition(themes, alt.value(1.0), alt.value(0.12))
    x_detail = alt.X("date_start:T", title="Date (drag on the strip below to change the range)",
                     scale=alt.Scale(domain=brush), axis=alt.Axis(format="%d %b %Y", labelOverlap=True))
    y = alt.Y("title:N", sort=order, title=None, axis=alt.Axis(labelLimit=0, labelFontSize=11))
    fill_opacity = alt.FillOpacity("status:N", title="Status",
                                   scale=alt.Scale(domain=list(STATUS_ORDER), range=[0.9, 0.9, 0.0]), legend=None)
    dash = alt.StrokeDash("status:N", title="Status",
                          scale=alt.Scale(domain=list(STATUS_ORDER), range=[[1, 0], [1, 0], [4, 2]]), legend=None)

    base = alt.Chart(rows)
    bars = base.transform_filter(alt.datum.shape == SHAPE_INTERVAL).mark_bar(
        clip=True, height=9, strokeWidth=1.5).encode(
        x=x_detail, x2="bar_end:T", y=y, color=_colour(), stroke=alt.Stroke(
            "theme_label:N", scale=theme.scale_for(theme.THEME_COLORS), legend=None),
        fillOpacity=fill_opacity, strokeDash=dash, opacity=shown, tooltip=_TOOLTIP,
    ).add_params(themes)
    points = base.transform_filter(alt.datum.shape == SHAPE_DAY).mark_point(
        clip=True, filled=True, size=70, shape="diamond").encode(
        x=x_detail, y=y, color=_colour(), opacity=shown, tooltip=_TOOLTIP,
    )
    band_data = pd.DataFrame({
        "start": [pd.Timestamp(published.start)], "end": [pd.Timestamp(published.end) + pd.Timedelta(days=1)],
        "label": ["Published (inferred)"], "interval": [str(published)],
        "reasoning": ["Inferred from the article's own dating words (see the chapter on its date)"],
    })
    band_tooltip = [alt.Tooltip("label:N", title="Band"), alt.Tooltip("interval:N", title="Interval"),
                    alt.Tooltip("reasoning:N", title="How")]
    band = alt.Chart(band_data).mark_rect(clip=True, color=theme.NEUTRAL, opacity=0.15).encode(
        x=alt.X("start:T", scale=alt.Scale(domain=brush)), x2="end:T", tooltip=band_tooltip)
    band_label = alt.Chart(band_data).mark_text(
        clip=True, angle=90, align="left", baseline="bottom", dx=4, dy=-2, fontSize=11, color=theme.NEUTRAL).encode(
        x=alt.X("start:T", scale=alt.Scale(domain=brush)), y=alt.value(0), text="label:N")
    layers = [band, bars]
    subtitle = ["Bars: known only to within two days or more; diamonds: one exact day.",
                "Hollow dashed bars: forthcoming. Grey band: inferred publication date."]
    if check is not None:
        subtitle.append("Grey ticks: the exact day that outside sources give (context, not the article).")
        ticks = check[["title", "outside", "outside_start", "context_id", "source_publisher", "evidence"]].assign(
            mark="context: outside date")
        layers.append(alt.Chart(ticks).mark_tick(clip=True, color=theme.NEUTRAL, thickness=2.5, size=17).encode(
            x=alt.X("outside_start:T", scale=alt.Scale(domain=brush)), y=y,
            tooltip=[alt.Tooltip("mark:N", title="Mark"), alt.Tooltip("title:N", title="Event"),
                     alt.Tooltip("outside:N", title="Outside date"),
                     alt.Tooltip("source_publisher:N", title="Source"),
                     alt.Tooltip("evidence:N", title="Evidence")]))
    detail = alt.layer(*layers, points, band_label).properties(width=330, height=alt.Step(17))

    overview = base.mark_tick(thickness=2, size=22).encode(
        x=alt.X("date_start:T", title="Whole span, 2018 to 2023: drag to choose the range above",
                scale=alt.Scale(domain=[_day(OVERVIEW_DOMAIN[0]), _day(OVERVIEW_DOMAIN[1])]),
                axis=alt.Axis(format="%Y", tickCount="year")),
        color=_colour(legend=False), opacity=shown, tooltip=_TOOLTIP,
    ).add_params(brush).properties(width=330, height=30)

    return alt.vconcat(detail, overview, spacing=14).properties(
        title=alt.Title(
            "When the article's events happened",
            subtitle=subtitle,
        )
    )


def telling_chart(events: pd.DataFrame) -> alt.LayerChart:
    """Order of telling against order of events: a slope chart linking each event's two ranks.

    Left column: rank in the text (1 = told first). Right column: rank in time (1 = earliest).
    A line that slopes is an event told out of its time order.
    """
    rows = timeline_rows(events)
    long = pd.concat([
        rows.assign(order="In the text", rank=rows["text_rank"]),
        rows.assign(order="In time", rank=rows["time_rank"]),
    ])[["event_id", "title", "said", "interval", "evidence", "theme_label", "order", "rank",
        "text_rank", "time_rank"]].sort_values(["order", "rank"]).reset_index(drop=True)
    tooltip = [alt.Tooltip("title:N", title="Event"), alt.Tooltip("text_rank:Q", title="Rank in the text"),
               alt.Tooltip("time_rank:Q", title="Rank in time"), alt.Tooltip("said:N", title="Article's dating words"),
               alt.Tooltip("interval:N", title="Resolved date"), alt.Tooltip("evidence:N", title="Evidence")]
    x = alt.X("order:N", sort=["In the text", "In time"], title=None,
              axis=alt.Axis(orient="top", labelAngle=0, labelFontSize=13, labelFontWeight="bold", domain=False,
                            ticks=False, labelAlign=alt.ExprRef(expr="datum.value == 'In time' ? 'left' : 'right'")))
    y = alt.Y("rank:O", title=None, axis=None)
    colour = alt.Color("theme_label:N", title="Theme", legend=alt.Legend(orient="bottom", columns=3),
                       scale=theme.scale_present(theme.THEME_COLORS, long["theme_label"]))
    # The two columns sit at the left of the view, so that every label is inside it: the rank in
    # the text left of the first column, the rank in time and the event's title right of the second
    # (as shares of the width, so that on a phone the titles keep the same room).
    x.scale = alt.Scale(range=[alt.ExprRef("width * 0.05"), alt.ExprRef("width * 0.25")], padding=0)
    base = alt.Chart(long).encode(x=x, y=y, color=colour, tooltip=tooltip)
    lines = base.mark_line(strokeWidth=1.8, opacity=0.8).encode(detail="event_id:N")
    dots = base.mark_circle(size=40, opacity=1)
    left = base.transform_filter(alt.datum.order == "In the text").mark_text(
        align="right", dx=-8, fontSize=11, color=theme.INK).encode(text=alt.Text("text_rank:N"))
    right = base.transform_filter(alt.datum.order == "In time").mark_text(
        align="left", dx=8, fontSize=11, color=theme.INK).encode(
        text=alt.Text("label:N")).transform_calculate(label="datum.time_rank + '. ' + datum.title")
    return alt.layer(lines, dots, left, right).properties(
        width=700, height=alt.Step(16),
        title=alt.Title("Order of telling vs order of events",
                        subtitle=["Each line joins an event's place in the article (left, its rank in the text)",
                                  "to its place in time (right, its rank in time and title); colour is the event's theme"]),
    )


def run_up_chart(run: pd.DataFrame) -> alt.FacetChart:
    """The run-up to the Shangri-La Dialogue, one panel per stance, on a common date axis.

    Exact days are diamonds and intervals bars, as in :func:`timeline_chart`; intervals that
    begin before the window are cut at its left edge (their full range is in the tooltip).
    """
    rows = run[["event_id", "title", "said", "interval", "date_precision", "status", "evidence",
                "theme_label", "date_start", "bar_end", "shape", "time_rank", "stance"]].copy()
    rows["stance"] = pd.Categorical(rows["stance"], categories=list(STANCES), ordered=True)
    rows = rows.sort_values(["stance", "time_rank"]).reset_index(drop=True)
    rows["stance"] = rows["stance"].astype(str)
    domain = [_day(RUN_UP.start), _day(RUN_UP.end + timedelta(days=1))]
    x = alt.X("date_start:T", title="Date (2023)", scale=alt.Scale(domain=domain),
              axis=alt.Axis(format="%d %b", tickCount={"interval": "week", "step": 1}))
    y = alt.Y("title:N", sort=alt.EncodingSortField("time_rank", order="ascending"), title=None,
              axis=alt.Axis(labelLimit=0, labelFontSize=11))
    colour = alt.Color("theme_label:N", title="Theme", legend=alt.Legend(orient="bottom", columns=3),
                       scale=theme.scale_present(theme.THEME_COLORS, rows["theme_label"]))
    bars = alt.Chart().transform_filter(alt.datum.shape == SHAPE_INTERVAL).mark_bar(
        clip=True, height=9, opacity=0.85).encode(x=x, x2="bar_end:T", y=y, color=colour, tooltip=_TOOLTIP)
    points = alt.Chart().transform_filter(alt.datum.shape == SHAPE_DAY).mark_point(
        clip=True, filled=True, size=70, shape="diamond", opacity=1).encode(
        x=x, y=y, color=colour, tooltip=_TOOLTIP)
    return alt.layer(bars, points, data=rows).properties(width=320, height=alt.Step(17)).facet(
        row=alt.Row("stance:N", sort=list(STANCES), title=None,
                    header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start", labelOrient="top",
                                      labelFontSize=13, labelFontWeight="bold",
                                      labelExpr="upper(slice(datum.value, 0, 1)) + slice(datum.value, 1)")),
    ).resolve_scale(y="independent").properties(
        title=alt.Title("Engagement and friction before the Shangri-La Dialogue",
                        subtitle="Events that end between 1 May and 4 June 2023, by stance; colour is the event's theme"),
    )
