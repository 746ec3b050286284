"""Chapter 04's charts: the interactive timeline, the order of telling and the run-up by stance.

They take the events and the frames of :mod:`thawbook.analysis.chronology`.
"""

from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import pandas as pd

from thawbook.analysis.chronology import (
    RUN_UP,
    SHAPE_DAY,
    SHAPE_INTERVAL,
    STANCES,
    STATUS_ORDER,
    timeline_rows,
)
from thawbook.charts import names, theme
from thawbook.charts.overview import LANE_PX, lane_headings, lane_y, pack_lanes
from thawbook.dates.intervals import Interval

#: The whole span the overview strip shows (the earliest event is dated to 2018).
OVERVIEW_DOMAIN = (date(2018, 1, 1), date(2023, 12, 31))
#: What the detail view shows until the reader moves the brush: May to early June 2023.
DETAIL_DOMAIN = (date(2023, 5, 1), date(2023, 6, 10))

_TOOLTIP = [
    alt.Tooltip("title:N", title="Event"),
    alt.Tooltip("said:N", title="Article's dating words"),
    alt.Tooltip("interval:N", title="Resolved date"),
    alt.Tooltip("date_precision:N", title="Precision"),
    alt.Tooltip("status:N", title="Status"),
    alt.Tooltip("evidence:N", title="Evidence"),
]
_CHART_COLUMNS = [
    "event_id",
    "title",
    "said",
    "interval",
    "date_precision",
    "status",
    "evidence",
    "theme_label",
    "date_start",
    "bar_end",
    "shape",
    "time_rank",
]


def _day(value: date) -> alt.DateTime:
    return alt.DateTime(year=value.year, month=value.month, date=value.day)


def _colour(legend: bool = True) -> alt.Color:
    return alt.Color(
        "theme_label:N",
        title="Theme (tap or click to filter)" if legend else "Theme",
        scale=theme.scale_for(theme.THEME_COLORS),
        legend=alt.Legend(orient="bottom", columns=2) if legend else None,
    )


def chronology_timeline_chart(
    events: pd.DataFrame, published: Interval, check: pd.DataFrame | None = None
) -> alt.VConcatChart:
    """The interactive timeline: a detail view of the events over an overview strip with a brush.

    The brush on the overview (2018 to the end of 2023) sets the detail view's date range; it
    starts on :data:`DETAIL_DOMAIN`. The events sit in lanes grouped by theme (each theme's name
    above its rows, :func:`thawbook.charts.overview.pack_lanes`), so the detail needs no column of
    titles. Imprecise dates are bars from ``date_start`` to the end of ``date_end``, exact days are
    points; forthcoming events are hollow with a dashed outline. The inferred publication interval
    is a shaded band. A click on a legend entry keeps only that theme (shift-click adds more). With
    ``check`` (from :func:`date_check`), the outside dates are drawn as short grey ticks on their
    event's lane, marked as context.
    """
    rows = timeline_rows(events)[_CHART_COLUMNS]
    # A one-day event is drawn as a diamond about three days wide in the detail view.
    rows["packed_end"] = rows[["bar_end", "date_start"]].max(axis=1)
    rows["packed_end"] = rows["packed_end"].where(
        rows["shape"] == SHAPE_INTERVAL, rows["date_start"] + pd.Timedelta(days=2)
    )
    order = [theme.label(t) for t in theme.THEME_COLORS]
    rows, heads, height = pack_lanes(rows, "theme_label", order, "date_start", "packed_end")
    rows = rows.drop(columns=["packed_end", "lane"])
    brush = alt.selection_interval(
        encodings=["x"],
        name="brush",
        value={"x": [_day(DETAIL_DOMAIN[0]), _day(DETAIL_DOMAIN[1])]},
        mark=alt.BrushConfig(fill=theme.MARK_GREY, fillOpacity=0.3, stroke=theme.INK, strokeWidth=1.5),
    )
    themes = alt.selection_point(fields=["theme_label"], bind="legend", name="theme_filter")
    shown = alt.condition(themes, alt.value(1.0), alt.value(0.15))
    x_detail = alt.X(
        "date_start:T",
        title=None,
        scale=alt.Scale(domain=brush),
        axis=alt.Axis(format="%d %b", labelOverlap=True, orient="top", grid=True),
    )
    y = lane_y(height)
    fill_opacity = alt.FillOpacity(
        "status:N",
        title="Status",
        scale=alt.Scale(domain=list(STATUS_ORDER), range=[1.0, 1.0, 0.0]),
        legend=None,
    )
    dash = alt.StrokeDash(
        "status:N",
        title="Status",
        scale=alt.Scale(domain=list(STATUS_ORDER), range=[[1, 0], [1, 0], [4, 2]]),
        legend=None,
    )

    base = alt.Chart(rows)
    bars = (
        base.transform_filter(alt.datum.shape == SHAPE_INTERVAL)
        .mark_bar(clip=True, height=LANE_PX - 4, strokeWidth=1.5)
        .encode(
            x=x_detail,
            x2="bar_end:T",
            y=y,
            color=_colour(),
            stroke=alt.Stroke("theme_label:N", scale=theme.scale_for(theme.THEME_COLORS), legend=None),
            fillOpacity=fill_opacity,
            strokeDash=dash,
            opacity=shown,
            tooltip=_TOOLTIP,
        )
        .add_params(themes)
    )
    points = (
        base.transform_filter(alt.datum.shape == SHAPE_DAY)
        .mark_point(clip=True, filled=True, size=60, shape="diamond")
        .encode(
            x=x_detail,
            y=y,
            color=_colour(),
            opacity=shown,
            tooltip=_TOOLTIP,
        )
    )
    band_data = pd.DataFrame(
        {
            "start": [pd.Timestamp(published.start)],
            "end": [pd.Timestamp(published.end) + pd.Timedelta(days=1)],
            "label": ["Published (inferred)"],
            "interval": [str(published)],
            "reasoning": ["Inferred from the article's own dating words (see the chapter on its date)"],
        }
    )
    band_tooltip = [
        alt.Tooltip("label:N", title="Band"),
        alt.Tooltip("interval:N", title="Interval"),
        alt.Tooltip("reasoning:N", title="How"),
    ]
    band = (
        alt.Chart(band_data)
        .mark_rect(clip=True, color=theme.MARK_GREY, opacity=0.25)
        .encode(x=alt.X("start:T", scale=alt.Scale(domain=brush)), x2="end:T", tooltip=band_tooltip)
    )
    layers = [band, lane_headings(heads, "theme_label", height), bars]
    subtitle = [
        "Rows grouped by theme. Bars: dates known to two days",
        "or more; diamonds: one exact day; hollow dashed:",
        "still to come. Grey band: the inferred publication date.",
    ]
    if check is not None:
        subtitle.append("Grey ticks: the day outside sources give (context).")
        lanes = dict(zip(rows["title"], rows["lane_y"]))
        ticks = check[
            ["title", "outside", "outside_start", "context_id", "source_publisher", "evidence"]
        ].assign(mark="context: outside date", lane_y=lambda f: f["title"].map(lanes))
        layers.append(
            alt.Chart(ticks)
            .mark_tick(clip=True, color=theme.MARK_GREY, thickness=2.5, size=LANE_PX + 2)
            .encode(
                x=alt.X("outside_start:T", scale=alt.Scale(domain=brush)),
                y=y,
                tooltip=[
                    alt.Tooltip("mark:N", title="Mark"),
                    alt.Tooltip("title:N", title="Event"),
                    alt.Tooltip("outside:N", title="Outside date"),
                    alt.Tooltip("source_publisher:N", title="Source"),
                    alt.Tooltip("evidence:N", title="Evidence"),
                ],
            )
        )
    detail = alt.layer(*layers, points).properties(width=TIMELINE_WIDTH, height=height)

    overview = (
        base.mark_tick(thickness=2, size=22)
        .encode(
            x=alt.X(
                "date_start:T",
                title="2018 to 2023: drag to choose the range above",
                scale=alt.Scale(domain=[_day(OVERVIEW_DOMAIN[0]), _day(OVERVIEW_DOMAIN[1])]),
                axis=alt.Axis(format="%Y", tickCount="year"),
            ),
            color=_colour(legend=False),
            opacity=shown,
            tooltip=_TOOLTIP,
        )
        .add_params(brush)
        .properties(width=TIMELINE_WIDTH, height=30)
    )
    recent = int((rows["date_start"] >= pd.Timestamp(DETAIL_DOMAIN[0])).sum())
    chart = alt.vconcat(detail, overview, spacing=14).properties(
        # No padding beside the views, which take the whole column.
        padding={"left": 0, "right": 0, "top": 5, "bottom": 5},
        title=theme.phone_title(
            theme.wrap_text(
                f"{recent} of the {len(rows)} events the article dates begin on or after "
                f"{DETAIL_DOMAIN[0].day} {DETAIL_DOMAIN[0]:%B %Y}",
                40,
            ).split("\n"),
            subtitle=subtitle,
        ),
    )
    lines = names.name_lines(rows.sort_values("time_rank"), notes=("interval",))
    return names.with_names(chart, lines)


#: The width of the timeline's two views: the column's (neither has axis labels beside it).
TIMELINE_WIDTH = "container"


def telling_chart(events: pd.DataFrame) -> alt.LayerChart:
    """Order of telling against order of events: each event a dot at its rank in time (across)
    and its rank in the text (down). Dots on the diagonal are told in their time order; the
    further a dot from it, the further the article moves the event."""
    rows = timeline_rows(events).sort_values("time_rank")
    rows = rows[
        ["event_id", "title", "said", "interval", "evidence", "theme_label", "text_rank", "time_rank"]
    ]
    n = len(rows)
    rows["moved"] = (rows["text_rank"] - rows["time_rank"]).abs()
    moved = int((rows["moved"] > 2).sum())
    tooltip = [
        alt.Tooltip("title:N", title="Event"),
        alt.Tooltip("text_rank:Q", title="Rank in the text"),
        alt.Tooltip("time_rank:Q", title="Rank in time"),
        alt.Tooltip("said:N", title="Article's dating words"),
        alt.Tooltip("interval:N", title="Resolved date"),
        alt.Tooltip("evidence:N", title="Evidence"),
    ]
    ranks = alt.Scale(domain=[0, n + 1], nice=False, zero=False)
    x = alt.X("time_rank:Q", title="Rank in time (1 = earliest)", scale=ranks, axis=alt.Axis(tickMinStep=5))
    down = alt.Scale(domain=[0, n + 1], nice=False, zero=False, reverse=True)
    y = alt.Y(
        "text_rank:Q", title="Rank in the text (1 = told first)", scale=down, axis=alt.Axis(tickMinStep=5)
    )
    diagonal = (
        alt.Chart(pd.DataFrame({"a": [0.5], "b": [n + 0.5]}))
        .mark_rule(color=theme.MARK_GREY, strokeDash=[4, 3])
        .encode(x=alt.X("a:Q", scale=ranks), y=alt.Y("a:Q", scale=down), x2="b:Q", y2="b:Q")
    )
    dots = (
        alt.Chart(rows)
        .mark_circle(size=70, opacity=1)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "theme_label:N",
                title="Theme",
                scale=theme.scale_present(theme.THEME_COLORS, rows["theme_label"]),
                legend=alt.Legend(orient="bottom", columns=2),
            ),
            tooltip=tooltip,
        )
    )
    chart = alt.layer(diagonal, dots).properties(
        width="container",
        height=300,
        title=theme.phone_title(
            theme.wrap_text(
                f"The article tells {moved} of its {n} events more than two places out of time order", 40
            ).split("\n"),
            subtitle=[
                "One dot per event: across, its place in time; down,",
                "its place in the article. On the dashed diagonal, an",
                "event is told in its time order. Tap or hover a dot.",
            ],
        ),
    )
    told = rows.sort_values("text_rank")
    told = told.assign(place=[f"told {t}, {w} in time" for t, w in zip(told["text_rank"], told["time_rank"])])
    return names.with_names(chart, names.name_lines(told, notes=("place", "interval")))


def run_up_chart(run: pd.DataFrame) -> alt.LayerChart:
    """The run-up to the Shangri-La Dialogue: the events in lanes grouped by stance (each stance's
    name above its rows), on one date axis at the top, near every row.

    Exact days are diamonds and intervals bars, as in :func:`chronology_timeline_chart`; intervals
    that begin before the window are cut at its left edge (their full range is in the tooltip).
    """
    rows = run[
        [
            "event_id",
            "title",
            "said",
            "interval",
            "date_precision",
            "status",
            "evidence",
            "theme_label",
            "date_start",
            "bar_end",
            "shape",
            "time_rank",
            "stance",
        ]
    ].copy()
    rows["stance"] = rows["stance"].astype(str)
    first = pd.Timestamp(RUN_UP.start)
    # Packed by what is drawn: a bar cut at the window's edge, a diamond about two days wide.
    rows["drawn_start"] = rows["date_start"].clip(lower=first)
    rows["packed_end"] = rows["bar_end"].where(
        rows["shape"] == SHAPE_INTERVAL, rows["date_start"] + pd.Timedelta(days=2)
    )
    rows, heads, height = pack_lanes(rows, "stance", list(STANCES), "drawn_start", "packed_end")
    rows = rows.drop(columns=["drawn_start", "packed_end", "lane"])
    domain = [_day(RUN_UP.start), _day(RUN_UP.end + timedelta(days=1))]
    x = alt.X(
        "date_start:T",
        title=None,
        scale=alt.Scale(domain=domain),
        axis=alt.Axis(format="%d %b", tickCount={"interval": "week", "step": 1}, orient="top", grid=True),
    )
    y = lane_y(height)
    colour = alt.Color(
        "theme_label:N",
        title="Theme",
        legend=alt.Legend(orient="bottom", columns=2),
        scale=theme.scale_present(theme.THEME_COLORS, rows["theme_label"]),
    )
    bars = (
        alt.Chart(rows)
        .transform_filter(alt.datum.shape == SHAPE_INTERVAL)
        .mark_bar(clip=True, height=LANE_PX - 4)
        .encode(x=x, x2="bar_end:T", y=y, color=colour, tooltip=_TOOLTIP)
    )
    points = (
        alt.Chart(rows)
        .transform_filter(alt.datum.shape == SHAPE_DAY)
        .mark_point(clip=True, filled=True, size=60, shape="diamond", opacity=1)
        .encode(x=x, y=y, color=colour, tooltip=_TOOLTIP)
    )
    counts = rows["stance"].value_counts()
    parts = [f"{int(counts.get(stance, 0))} {stance}" for stance in STANCES]
    chart = alt.layer(lane_headings(heads, "stance", height), bars, points).properties(
        width="container",
        height=height,
        title=theme.phone_title(
            theme.wrap_text("Through the Shangri-La Dialogue: " + ", ".join(parts), 40).split("\n"),
            subtitle=[
                "Events that end between 1 May and 4 June 2023, in",
                "rows by stance; bars: the dates an event could have,",
                "diamonds: one exact day. Tap or hover for the event.",
            ],
        ),
    )
    lines = names.name_lines(rows.sort_values("time_rank"), notes=("stance", "interval"))
    return names.with_names(chart, lines)
