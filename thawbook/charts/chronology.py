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
from thawbook.charts import theme
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
        title="Theme (click to filter)" if legend else "Theme",
        scale=theme.scale_for(theme.THEME_COLORS),
        legend=alt.Legend(orient="bottom", columns=4) if legend else None,
    )


def chronology_timeline_chart(
    events: pd.DataFrame, published: Interval, check: pd.DataFrame | None = None
) -> alt.VConcatChart:
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
    brush = alt.selection_interval(
        encodings=["x"],
        name="brush",
        value={"x": [_day(DETAIL_DOMAIN[0]), _day(DETAIL_DOMAIN[1])]},
        mark=alt.BrushConfig(fill=theme.NEUTRAL, fillOpacity=0.25, stroke="#1A1A1A", strokeWidth=1.5),
    )
    themes = alt.selection_point(fields=["theme_label"], bind="legend", name="theme_filter")
    shown = alt.condition(themes, alt.value(1.0), alt.value(0.12))
    x_detail = alt.X(
        "date_start:T",
        title="Date (drag on the strip below to change the range)",
        scale=alt.Scale(domain=brush),
        axis=alt.Axis(format="%d %b %Y", labelOverlap=True),
    )
    y = alt.Y("title:N", sort=order, title=None, axis=alt.Axis(labelLimit=0, labelFontSize=11))
    fill_opacity = alt.FillOpacity(
        "status:N",
        title="Status",
        scale=alt.Scale(domain=list(STATUS_ORDER), range=[0.9, 0.9, 0.0]),
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
        .mark_bar(clip=True, height=9, strokeWidth=1.5)
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
        .mark_point(clip=True, filled=True, size=70, shape="diamond")
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
        .mark_rect(clip=True, color=theme.NEUTRAL, opacity=0.15)
        .encode(x=alt.X("start:T", scale=alt.Scale(domain=brush)), x2="end:T", tooltip=band_tooltip)
    )
    band_label = (
        alt.Chart(band_data)
        .mark_text(
            clip=True,
            angle=90,
            align="left",
            baseline="bottom",
            dx=4,
            dy=-2,
            fontSize=11,
            color=theme.NEUTRAL,
        )
        .encode(x=alt.X("start:T", scale=alt.Scale(domain=brush)), y=alt.value(0), text="label:N")
    )
    layers = [band, bars]
    subtitle = [
        "Bars: known only to within two days or more; diamonds: one exact day.",
        "Hollow dashed bars: forthcoming. Grey band: inferred publication date.",
    ]
    if check is not None:
        subtitle.append("Grey ticks: the exact day that outside sources give (context, not the article).")
        ticks = check[
            ["title", "outside", "outside_start", "context_id", "source_publisher", "evidence"]
        ].assign(mark="context: outside date")
        layers.append(
            alt.Chart(ticks)
            .mark_tick(clip=True, color=theme.NEUTRAL, thickness=2.5, size=17)
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
    detail = alt.layer(*layers, points, band_label).properties(width=330, height=alt.Step(17))

    overview = (
        base.mark_tick(thickness=2, size=22)
        .encode(
            x=alt.X(
                "date_start:T",
                title="Whole span, 2018 to 2023: drag to choose the range above",
                scale=alt.Scale(domain=[_day(OVERVIEW_DOMAIN[0]), _day(OVERVIEW_DOMAIN[1])]),
                axis=alt.Axis(format="%Y", tickCount="year"),
            ),
            color=_colour(legend=False),
            opacity=shown,
            tooltip=_TOOLTIP,
        )
        .add_params(brush)
        .properties(width=330, height=30)
    )

    return alt.vconcat(detail, overview, spacing=14).properties(
        title=alt.Title(
            "When the article's events happened",
            subtitle=subtitle,
        )
    )


# The slope chart of telling against time reads the same in a phone's column as on a desktop:
# the column of the text sits TELLING_LEFT_PX in, the column of time TELLING_GAP_PX right of it at
# the least, and each event's title is broken into lines that fit the TELLING_TITLE_PX left of the
# view's right edge, each row as tall as its title (the rank in the text sits on the row of the
# same number).
TELLING_LEFT_PX = 24
TELLING_GAP_PX = 100
TELLING_TITLE_CHARS = 32
TELLING_TITLE_PX = 205
TELLING_LINE_PX = 13


def telling_chart(events: pd.DataFrame) -> alt.LayerChart:
    """Order of telling against order of events: a slope chart linking each event's two ranks.

    Left column: rank in the text (1 = told first). Right column: rank in time (1 = earliest),
    with the event's title. A line that slopes is an event told out of its time order.
    """
    rows = timeline_rows(events).sort_values("time_rank")
    rows["label"] = [
        theme.wrap_text(f"{n}. {t}", TELLING_TITLE_CHARS) for n, t in zip(rows["time_rank"], rows["title"])
    ]
    heights = rows["label"].str.count("\n").add(1).mul(TELLING_LINE_PX).add(5)
    top = dict(zip(rows["time_rank"], heights.cumsum() - heights))  # a row's top, by its number
    columns = ["event_id", "title", "said", "interval", "evidence", "theme_label", "text_rank", "time_rank"]
    long = pd.concat(
        [
            rows[columns].assign(order="In the text", rank=rows["text_rank"], label=""),
            rows[columns + ["label"]].assign(order="In time", rank=rows["time_rank"]),
        ]
    ).reset_index(drop=True)
    long["top"] = long["rank"].map(top)
    long["y"] = long["top"] + TELLING_LINE_PX / 2
    long["told"] = long["text_rank"].astype(str)  # lineBreak needs a string
    tooltip = [
        alt.Tooltip("title:N", title="Event"),
        alt.Tooltip("text_rank:Q", title="Rank in the text"),
        alt.Tooltip("time_rank:Q", title="Rank in time"),
        alt.Tooltip("said:N", title="Article's dating words"),
        alt.Tooltip("interval:N", title="Resolved date"),
        alt.Tooltip("evidence:N", title="Evidence"),
    ]
    right_edge = f"max({TELLING_LEFT_PX + TELLING_GAP_PX}, width - {TELLING_TITLE_PX + 8})"
    x = alt.X(
        "order:N",
        sort=["In the text", "In time"],
        title=None,
        scale=alt.Scale(range=[TELLING_LEFT_PX, alt.ExprRef(right_edge)], padding=0),
        axis=alt.Axis(
            orient="top",
            labelAngle=0,
            labelFontSize=13,
            labelFontWeight="bold",
            domain=False,
            ticks=False,
            labelAlign="left",  # both headings start over their column
        ),
    )
    y = alt.Y("y:Q", scale=None, axis=None)
    colour = alt.Color(
        "theme_label:N",
        title="Theme",
        legend=alt.Legend(orient="bottom", columns=3),
        scale=theme.scale_present(theme.THEME_COLORS, long["theme_label"]),
    )
    base = alt.Chart(long).encode(x=x, y=y, color=colour, tooltip=tooltip)
    lines = base.mark_line(strokeWidth=1.8, opacity=0.8).encode(detail="event_id:N")
    dots = base.mark_circle(size=40, opacity=1)
    # The labels are broken into lines here (lineBreak), so the page's script leaves them be.
    text = {"fontSize": 11, "color": theme.INK, "lineBreak": "\n", "lineHeight": TELLING_LINE_PX}
    left = (
        base.transform_filter(alt.datum.order == "In the text")
        .mark_text(align="right", dx=-8, **text)
        .encode(text=alt.Text("told:N"))
    )
    right = (
        base.transform_filter(alt.datum.order == "In time")
        .mark_text(align="left", baseline="top", dx=8, **text)
        .encode(y=alt.Y("top:Q", scale=None, axis=None), text=alt.Text("label:N"))
    )
    return alt.layer(lines, dots, left, right).properties(
        width=700,
        height=int(heights.sum()),
        title=alt.Title(
            "Order of telling vs order of events",
            subtitle=[
                "Each line joins an event's place in the article (left, its rank in the text)",
                "to its place in time (right, its rank in time and title); colour is the event's theme",
            ],
        ),
    )


def run_up_chart(run: pd.DataFrame) -> alt.FacetChart:
    """The run-up to the Shangri-La Dialogue, one panel per stance, on a common date axis.

    Exact days are diamonds and intervals bars, as in :func:`timeline_chart`; intervals that
    begin before the window are cut at its left edge (their full range is in the tooltip).
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
    rows["stance"] = pd.Categorical(rows["stance"], categories=list(STANCES), ordered=True)
    rows = rows.sort_values(["stance", "time_rank"]).reset_index(drop=True)
    rows["stance"] = rows["stance"].astype(str)
    domain = [_day(RUN_UP.start), _day(RUN_UP.end + timedelta(days=1))]
    x = alt.X(
        "date_start:T",
        title="Date (2023)",
        scale=alt.Scale(domain=domain),
        axis=alt.Axis(format="%d %b", tickCount={"interval": "week", "step": 1}),
    )
    y = alt.Y(
        "title:N",
        sort=alt.EncodingSortField("time_rank", order="ascending"),
        title=None,
        axis=alt.Axis(labelLimit=0, labelFontSize=11),
    )
    colour = alt.Color(
        "theme_label:N",
        title="Theme",
        legend=alt.Legend(orient="bottom", columns=3),
        scale=theme.scale_present(theme.THEME_COLORS, rows["theme_label"]),
    )
    bars = (
        alt.Chart()
        .transform_filter(alt.datum.shape == SHAPE_INTERVAL)
        .mark_bar(clip=True, height=9, opacity=0.85)
        .encode(x=x, x2="bar_end:T", y=y, color=colour, tooltip=_TOOLTIP)
    )
    points = (
        alt.Chart()
        .transform_filter(alt.datum.shape == SHAPE_DAY)
        .mark_point(clip=True, filled=True, size=70, shape="diamond", opacity=1)
        .encode(x=x, y=y, color=colour, tooltip=_TOOLTIP)
    )
    return (
        alt.layer(bars, points, data=rows)
        .properties(width=320, height=alt.Step(17))
        .facet(
            row=alt.Row(
                "stance:N",
                sort=list(STANCES),
                title=None,
                header=alt.Header(
                    labelAngle=0,
                    labelAlign="left",
                    labelAnchor="start",
                    labelOrient="top",
                    labelFontSize=13,
                    labelFontWeight="bold",
                    labelExpr="upper(slice(datum.value, 0, 1)) + slice(datum.value, 1)",
                ),
            ),
        )
        .resolve_scale(y="independent")
        .properties(
            title=alt.Title(
                "Engagement and friction before the Shangri-La Dialogue",
                subtitle="Events that end between 1 May and 4 June 2023, by stance; colour is the event's theme",
            ),
        )
    )
