"""What the charts of chapters 06 (trade) and 07 (military) share: a calendar of contacts.

The chapters' charts (:mod:`thawbook.charts.trade`, :mod:`thawbook.charts.military`) use it.
:func:`contact_timeline_chart` puts events on a calendar, an exact day as a point and any wider
interval as a bar (never a fake-precise point). Colours come from :mod:`thawbook.charts.theme`, so a
side or theme has one colour in the whole book.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from thawbook.analysis.military import KIND_LABELS
from thawbook.charts import theme
from thawbook.dates.intervals import iso

KIND_SHAPES = {
    "intercept": "triangle-up",
    "declined_meeting": "cross",
    "brief_contact": "circle",
    "accusation": "diamond",
    "patrols": "square",
    "statement": "square",
}
_SIDE_OR_BOTH = {**theme.SIDE_COLORS, "both": theme.VIOLET}


# A calendar reads the same in a phone's column as on a desktop: each event's title is written
# above its bar from the view's left edge, broken into lines of at most ROW_TITLE_CHARS, so that no
# column of axis labels takes half of a phone's width and the bars get the whole width.
ROW_TITLE_CHARS = 46
ROW_LINE_PX = 13
ROW_BAR_PX = 14


def titled_rows(
    frame: pd.DataFrame, order: list[str], chars: int = ROW_TITLE_CHARS
) -> tuple[pd.DataFrame, int]:
    """``frame`` with its title broken into lines (``heading``), the pixel top of the heading
    (``heading_y``) and the centre of its bar (``bar_y``), rows in ``order`` of ``title``; and the
    height of all rows."""
    tops, heading, top = {}, {}, 0
    for title in order:
        heading[title] = theme.wrap_text(title, chars)
        tops[title] = top
        top += ROW_LINE_PX * (heading[title].count("\n") + 1) + ROW_BAR_PX + 6
    out = frame.assign(
        heading=frame["title"].map(heading),
        heading_y=frame["title"].map(tops),
    )
    out["bar_y"] = out["heading_y"] + ROW_LINE_PX * (out["heading"].str.count("\n") + 1) + ROW_BAR_PX / 2
    return out, top


def pixel_y(field: str, height: int) -> alt.Y:
    """A y channel in pixels from the top of the view (rows laid out by :func:`titled_rows`)."""
    return alt.Y(
        f"{field}:Q",
        title=None,
        axis=None,
        stack=None,
        scale=alt.Scale(domain=[0, height], range=[0, height]),
    )


def row_headings(data: pd.DataFrame, height: int, tooltip=None) -> alt.Chart:
    """The rows' titles, written above their bars from the view's left edge (lineBreak: the page's
    script leaves them as they are)."""
    chart = (
        alt.Chart(data)
        .mark_text(align="left", baseline="top", fontSize=11, lineBreak="\n", lineHeight=ROW_LINE_PX)
        .encode(x=alt.value(0), y=pixel_y("heading_y", height), text="heading:N")
    )
    return chart.encode(tooltip=tooltip) if tooltip else chart


def interval_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (``start``, ``end``) with what a calendar draws: whether the row is one day,
    where its bar ends (the start of the day after its end) and its middle, for a point."""
    out = frame.copy()
    out["is_point"] = out["start"] == out["end"]
    # A bar covers whole days: it ends at the start of the day after date_end.
    out["bar_end"] = (pd.to_datetime(out["end"]) + pd.Timedelta(days=1)).map(iso)
    out["mid"] = pd.to_datetime(out["start"]).map(iso) + "T12:00:00Z"
    return out


def interval_bars(base: alt.Chart, x_scale: alt.Scale, y, colour, tooltip) -> alt.Chart:
    """A calendar's bars: every row dated loosely, one bar over its days, with the dates on top
    of the panel, next to its first row (points mark the exact days)."""
    return (
        base.transform_filter("!datum.is_point")
        .mark_bar(height=ROW_BAR_PX - 4, clip=True)
        .encode(
            x=alt.X(
                "start:T",
                title=None,
                scale=x_scale,
                axis=alt.Axis(
                    format="%d %b", labelAngle=0, tickCount=6, orient="top", grid=True, labelBound=True
                ),
            ),
            x2="bar_end:T",
            y=y,
            color=colour,
            tooltip=tooltip,
        )
    )


def contact_timeline_chart(
    frame: pd.DataFrame,
    *,
    title: str | list[str],
    subtitle: str | list[str],
    color: str,
    colors: dict[str, str],
    color_title: str,
    words=theme.label,
    shape: str | None = None,
    shapes: dict[str, str] | None = None,
    shape_title: str = "",
    domain: tuple[str, str] | None = None,
) -> alt.LayerChart:
    """Events on a calendar: bars for intervals, points for exact days, one row per event.

    ``frame`` needs ``title``, ``start``, ``end``, ``dating``, ``evidence`` and the ``color``
    column, whose values are keys of ``colors`` (a palette from :mod:`thawbook.charts.theme`); the
    legend shows them through ``words`` (default :func:`thawbook.charts.theme.label`). With
    ``shape``/``shapes`` points also encode a category.
    Rows are ordered top to bottom by start date. With ``domain`` (two ``YYYY-MM-DD`` days)
    the axis shows only that window and bars reaching outside it are cut at its edge.
    """
    data = interval_frame(frame)
    data["color_label"] = data[color].map(words)
    scale = theme.scale_present(colors, data[color], words=words)
    order = list(data.sort_values(["start", "end", "title"], kind="mergesort")["title"].drop_duplicates())
    # The dates the tooltip shows are ISO words, apart from the fields the axis parses as dates.
    data["from_day"], data["to_day"] = data["start"].map(iso), data["end"].map(iso)
    keep = [
        "title",
        "start",
        "end",
        "from_day",
        "to_day",
        "bar_end",
        "mid",
        "dating",
        "evidence",
        "color_label",
        "is_point",
    ]
    if shape:
        data["shape_label"] = data[shape].map(KIND_LABELS)
        keep.append("shape_label")
    data, height = titled_rows(data[keep], order)
    tooltip = [
        alt.Tooltip("title:N", title="Event"),
        alt.Tooltip("from_day:N", title="From"),
        alt.Tooltip("to_day:N", title="To"),
        alt.Tooltip("dating:N", title="Dating"),
        alt.Tooltip("color_label:N", title=color_title),
    ]
    if shape:
        tooltip.append(alt.Tooltip("shape_label:N", title=shape_title))
    tooltip.append(alt.Tooltip("evidence:N", title="The article's words"))
    y = pixel_y("bar_y", height)
    colour = alt.Color("color_label:N", title=color_title, scale=scale)
    x_scale = alt.Scale(type="utc", domain=list(domain)) if domain else alt.Scale(type="utc")
    base = alt.Chart(data, title=theme.phone_title(title, subtitle=subtitle))
    bars = interval_bars(base, x_scale, y, colour, tooltip)
    point_encoding = dict(x=alt.X("mid:T", scale=x_scale), y=y, color=colour, tooltip=tooltip)
    if shape:
        present_shapes = [
            k for k in shapes if KIND_LABELS[k] in set(data.loc[data["is_point"], "shape_label"])
        ]
        point_encoding["shape"] = alt.Shape(
            "shape_label:N",
            title=shape_title,
            scale=alt.Scale(
                domain=[KIND_LABELS[k] for k in present_shapes], range=[shapes[k] for k in present_shapes]
            ),
        )
    points = (
        base.transform_filter("datum.is_point")
        .mark_point(size=140, filled=True, opacity=1, clip=True)
        .encode(**point_encoding)
    )
    return (
        alt.layer(row_headings(data, height, tooltip), bars, points)
        .properties(width="container", height=height)
        .configure_legend(orient="bottom", direction="vertical")
    )


"""The fortnight before publication that the military timeline shows."""
