"""Chart builders. Each returns an altair chart with a title, worded axes and tooltips.

Colours come from :mod:`thawbook.charts.theme`, so a side or theme looks the same everywhere.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from thawbook.charts import names, theme
from thawbook.dates.intervals import iso, iso_span


def paragraph_lengths(table: pd.DataFrame) -> alt.Chart:
    """Words per paragraph in reading order, the headline marked apart from the body."""
    return (
        alt.Chart(
            table,
            title=theme.phone_title(
                "Words per paragraph, in reading order", subtitle="Paragraph 0 is the headline"
            ),
        )
        .mark_bar()
        .encode(
            x=alt.X(
                "paragraph:O",
                title="Paragraph (reading order)",
                axis=alt.Axis(labelAngle=0, labelOverlap="parity"),
            ),
            y=alt.Y("words:Q", title="Words"),
            color=alt.Color(
                "kind:N",
                title="Part",
                scale=alt.Scale(
                    domain=["headline", "body"],
                    range=[theme.SIDE_COLORS["china_government"], theme.MARK_GREY],
                ),
            ),
            tooltip=[
                alt.Tooltip("paragraph:O", title="Paragraph"),
                alt.Tooltip("words:Q", title="Words"),
                alt.Tooltip("sentences:Q", title="Sentences"),
                alt.Tooltip("opening:N", title="Opens with"),
            ],
        )
        .properties(width="container", height=200)
    )


OVERVIEW_WINDOW = ("2023-01-01", "2023-11-30")

# Events in lanes: one group of rows per category (a theme, a stance), headed by its name written
# above its rows, and each event in the first lane of its group that is free on its dates. No
# column of long labels competes with the bars for a phone's width; the event's title is in its
# tooltip and in the keyboard readout.
LANE_PX = 13
HEADING_PX = 17
GROUP_GAP_PX = 6
ONE_DAY = pd.Timedelta(days=1)


def pack_lanes(
    frame: pd.DataFrame,
    group: str,
    order: list[str],
    start: str = "date_start",
    end: str = "bar_end",
    pad: pd.Timedelta = ONE_DAY,
) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """``frame`` with ``lane_y`` (the pixel centre of its lane) and ``lane`` (its lane in its
    group), the groups' headings (``group`` and ``heading_y``, the pixel top of the heading),
    and the height of all rows. Two events share a lane only if ``pad`` separates them."""
    ys, lanes, heads = {}, {}, []
    top = 0
    for name in order:
        part = frame[frame[group] == name].sort_values([start, end], kind="mergesort")
        if part.empty:
            continue
        heads.append({group: name, "heading_y": top})
        top += HEADING_PX
        ends: list = []
        for index, row in part.iterrows():
            free = [n for n, last in enumerate(ends) if row[start] >= last + pad]
            lane = free[0] if free else len(ends)
            if free:
                ends[lane] = row[end]
            else:
                ends.append(row[end])
            lanes[index] = lane
            ys[index] = top + lane * LANE_PX + LANE_PX / 2
        top += len(ends) * LANE_PX + GROUP_GAP_PX
    out = frame.assign(lane_y=pd.Series(ys), lane=pd.Series(lanes))
    return out, pd.DataFrame(heads, columns=[group, "heading_y"]), top


def lane_y(height: int) -> alt.Y:
    """A y channel in pixels from the top (``lane_y``), for :func:`pack_lanes`' rows."""
    # stack=None: a bar's y is a position, not an amount to stack (vega-lite would stack it).
    return alt.Y(
        "lane_y:Q", title=None, axis=None, stack=None, scale=alt.Scale(domain=[0, height], range=[0, height])
    )


def lane_headings(heads: pd.DataFrame, group: str, height: int, words=theme.label) -> alt.Chart:
    """The groups' names, each written above its rows from the view's left edge."""
    data = heads.assign(heading=heads[group].map(lambda v: words(v)[:1].upper() + words(v)[1:]))
    return (
        alt.Chart(data)
        .mark_text(align="left", baseline="top", fontSize=12, fontWeight="bold", lineBreak="\n")
        .encode(
            x=alt.value(0),
            y=alt.Y("heading_y:Q", axis=None, scale=alt.Scale(domain=[0, height], range=[0, height])),
            text="heading:N",
        )
    )


def left_out_of_overview(
    events: pd.DataFrame, start: str = OVERVIEW_WINDOW[0], end: str = OVERVIEW_WINDOW[1]
) -> int:
    """How many events :func:`events_overview` does not draw: those wholly outside its window."""
    return int(((events["date_end"] < start) | (events["date_start"] > end)).sum())


def events_overview(
    events: pd.DataFrame, start: str = OVERVIEW_WINDOW[0], end: str = OVERVIEW_WINDOW[1]
) -> alt.LayerChart:
    """Every dated event in a window as an interval bar (a tick when it is one exact day), in
    lanes grouped by theme; the title names the month where most of them fall.

    Events outside the window are not drawn; callers say how many there are.
    """
    window = events[(events["date_end"] >= start) & (events["date_start"] <= end)].copy()
    window["theme_label"] = window["theme"].map(theme.label)
    window["from"] = window["date_start"].map(iso)
    window["to"] = window["date_end"].map(iso)
    window["date_end_plus"] = window["date_end"] + pd.Timedelta(days=1)  # bars cover whole days
    # A one-day event is drawn three days wide, so that it shows at a phone's width.
    window["drawn_end"] = window[["date_end_plus", "date_start"]].apply(
        lambda r: max(r["date_end_plus"], r["date_start"] + pd.Timedelta(days=3)), axis=1
    )
    order = [theme.label(t) for t in theme.THEME_COLORS]
    rows, heads, height = pack_lanes(window, "theme_label", order, "date_start", "drawn_end")
    data = rows.sort_values(["date_start", "date_end", "title"])[
        [
            "title",
            "theme_label",
            "date_start",
            "drawn_end",
            "from",
            "to",
            "date_expression",
            "evidence",
            "status",
            "lane_y",
        ]
    ]
    months = window["date_start"].dt.strftime("%B %Y").value_counts()
    month, most = months.index[0], int(months.iloc[0])
    x = alt.X(
        "date_start:T",
        title=None,
        axis=alt.Axis(format="%b", orient="top", labelFlush=True, tickCount="month", grid=True),
        scale=alt.Scale(domain=[start, end]),
    )
    bars = (
        alt.Chart(data)
        .mark_bar(height=LANE_PX - 4, cornerRadius=2, strokeWidth=1.5, clip=True)
        .encode(
            x=x,
            x2="drawn_end:T",
            y=lane_y(height),
            # The theme's name heads its rows: the colour repeats it, with no legend of its own.
            color=alt.Color(
                "theme_label:N",
                title="Theme",
                scale=theme.scale_present(theme.THEME_COLORS, data["theme_label"]),
                legend=None,
            ),
            stroke=alt.Stroke(
                "theme_label:N",
                title="Theme",
                scale=theme.scale_present(theme.THEME_COLORS, data["theme_label"]),
                legend=None,
            ),
            fillOpacity=alt.condition(alt.datum.status == "forthcoming", alt.value(0.0), alt.value(1.0)),
            tooltip=[
                alt.Tooltip("title:N", title="Event"),
                alt.Tooltip("from:N", title="From"),
                alt.Tooltip("to:N", title="To"),
                alt.Tooltip("date_expression:N", title="Article's words"),
                alt.Tooltip("evidence:N", title="Evidence"),
            ],
        )
    )
    lines = names.name_lines(
        data.assign(when=[iso_span(a, b) for a, b in zip(data["from"], data["to"])]), notes=("when",)
    )
    chart = alt.layer(lane_headings(heads, "theme_label", height), bars).properties(
        width="container",
        height=height,
        title=theme.phone_title(
            theme.wrap_text(
                f"{most} of the {len(window)} events the article dates in 2023 begin in {month}", 40
            ).split("\n"),
            subtitle=[
                "One bar per event, across the dates it could have;",
                "rows grouped by theme; hollow: still to come.",
                "Tap or hover a bar for the event.",
            ],
        ),
    )
    return names.with_names(chart, lines)
