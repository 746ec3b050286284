"""The charts of *Sanctions and export controls* (05), drawn from the frames of :mod:`thawbook.analysis.sanctions`.

- :func:`chain_chart` draws the response graph laid out by :func:`thawbook.analysis.sanctions.chain_layout`;
- :func:`measures_timeline_chart` draws :func:`thawbook.analysis.sanctions.timeline_frame`, with the
  time axis broken by :func:`thawbook.analysis.sanctions.time_panels` and the undated measures in a panel
  of their own.
"""

from __future__ import annotations

import re
from datetime import timedelta

import altair as alt
import pandas as pd

from thawbook.analysis.sanctions import UNDATED, snippet, time_panels
from thawbook.charts import theme
from thawbook.dates.intervals import iso

# The response graph is an indented outline, so that it reads in a phone's column as on a
# desktop: an answer sits under the measure it answers, one indent (a fixed number of pixels,
# not a share of the width) to the right, and every label is broken into lines short enough
# for a 340 px column. Each measure's block is as tall as its lines.
CHAIN_INDENT_PX = 26
CHAIN_LINE_PX = 14
CHAIN_WHO_CHARS = 30
CHAIN_WHAT_CHARS = 40  # the article's words, on one line
CHAIN_GAP_PX = 14  # between two chains, and before the unlinked measures
# In a column at least CHAIN_WIDE_PX wide (a desktop's), the article's words sit beside the
# measure, from CHAIN_WIDE_AT of the width, and longer: the outline then uses the column's width.
CHAIN_WIDE_PX = 720
CHAIN_WIDE_AT = 0.42
CHAIN_WHAT_WIDE_CHARS = 64


def _wrap_words(text: str, chars: int) -> str:
    """``text`` broken into lines of at most ``chars`` characters (as :func:`theme.wrap_text`),
    keeping a part in parentheses, such as "(export controls)", on one line."""
    lines: list[str] = []
    for word in re.findall(r"\([^)]*\)|\S+", str(text)):
        if lines and len(lines[-1]) + 1 + len(word) <= chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def _two_lines(text: str, chars: int) -> str:
    """``text`` on at most two lines of ``chars`` characters, cut with "…" only beyond them."""
    lines = _wrap_words(text, chars).split("\n")
    return "\n".join(lines[:1] + [snippet(" ".join(lines[1:]), chars)] if len(lines) > 2 else lines)


def _chain_rows(nodes: pd.DataFrame) -> tuple[dict[int, int], int, int | None]:
    """The pixel row of each layout row (the top of its block), the total height and the top
    of the "not linked" heading (None when every measure is linked)."""
    tops: dict[int, int] = {}
    top, previous, heading = 0, None, None
    for node in nodes.sort_values("row").itertuples(index=False):
        if previous is not None and node.row > previous.row + 1:
            top += CHAIN_GAP_PX
        if node.group == "unlinked" and (previous is None or previous.group != "unlinked"):
            heading = top
            top += CHAIN_LINE_PX + 4
        tops[node.row] = top
        top += CHAIN_LINE_PX * (node.who_text.count("\n") + node.what_text.count("\n") + 2) + 10
        previous = node
    return tops, top, heading


def chain_chart(nodes: pd.DataFrame, edges: pd.DataFrame) -> alt.LayerChart:
    """The response graph: one point per measure, coloured by the imposing side, with lines
    from each measure to those the article presents as answering it, indented beneath it."""
    nodes = nodes.assign(
        who_text=[_wrap_words(text, CHAIN_WHO_CHARS) for text in nodes["who"]],
        # the article's words whole, on as many lines as they take (a row is as tall as its lines)
        what_text=[_wrap_words(text, CHAIN_WHAT_CHARS) for text in nodes["evidence"]],
        what_long=[_wrap_words(text, CHAIN_WHAT_WIDE_CHARS) for text in nodes["evidence"]],
    )
    tops, height, heading_top = _chain_rows(nodes)
    nodes = nodes.assign(
        top=nodes["row"].map(tops),
        point=nodes["row"].map(tops) + CHAIN_LINE_PX // 2,
        what_top=[
            tops[row] + CHAIN_LINE_PX * (who.count("\n") + 1)
            for row, who in zip(nodes["row"], nodes["who_text"])
        ],
    )
    max_column = max(1, int(nodes["column"].max()))
    x = alt.X(
        "column:Q",
        title=None,
        scale=alt.Scale(domain=[0, max_column], range=[8, 8 + CHAIN_INDENT_PX * max_column]),
        axis=None,
    )
    pixels = alt.Scale(domain=[0, height], reverse=True, nice=False, zero=False)

    def y(field: str) -> alt.Y:
        return alt.Y(f"{field}:Q", title=None, scale=pixels, axis=None)

    # Tooltips name measures in words (imposer → target), never by their row ids.
    names = dict(zip(nodes["measure_id"], nodes["who"]))
    nodes = nodes.assign(responds_to=nodes["responds_to"].map(lambda mid: names.get(mid, mid)))
    points_at = dict(zip(nodes["row"], nodes["point"]))
    edges = edges.assign(
        edge_id=edges["edge"],
        edge=[
            " answered by ".join(names.get(mid, mid) for mid in edge.split(" → ")) for edge in edges["edge"]
        ],
        point=edges["row"].map(points_at),
    )
    node_tooltip = [
        alt.Tooltip("who:N", title="Measure"),
        alt.Tooltip("instrument:N", title="Instrument"),
        alt.Tooltip("rationale:N", title="Stated rationale"),
        alt.Tooltip("responds_to:N", title="Responds to"),
        alt.Tooltip("evidence:N", title="Evidence"),
    ]
    lines = (
        alt.Chart(edges)
        .mark_line(color=theme.MARK_GREY, strokeWidth=1.5, interpolate="linear")
        .encode(
            x=x,
            y=y("point"),
            detail="edge_id:N",  # two answers can share their words: draw each line apart
            order="order:Q",
            tooltip=[alt.Tooltip("edge:N", title="Response"), alt.Tooltip("evidence:N", title="Evidence")],
        )
    )
    base = alt.Chart(nodes)
    points = base.mark_point(filled=True, size=120, opacity=1).encode(
        x=x,
        y=y("point"),
        color=alt.Color(
            "side:N",
            title="Imposing side",
            scale=theme.side_scale(nodes["side"]),
            legend=alt.Legend(orient="bottom"),
        ),
        tooltip=node_tooltip,
    )
    # The labels are broken into lines here (lineBreak), so the page's script leaves them be.
    text = {"align": "left", "baseline": "top", "dx": 12, "lineBreak": "\n", "lineHeight": CHAIN_LINE_PX}
    who = base.mark_text(fontSize=12, fontWeight="bold", color=theme.INK, **text).encode(
        x=x, y=y("top"), text="who_text:N", tooltip=node_tooltip
    )
    # The words under the measure on a phone; beside it, longer, in a wide column (the chart's
    # width signal decides as the page draws it, and again when the window is resized).
    wide = f"width >= {CHAIN_WIDE_PX}"
    what = (
        base.transform_calculate(
            what_x=f"{wide} ? width * {CHAIN_WIDE_AT} : 8 + {CHAIN_INDENT_PX} * datum.column",
            what_y=f"{wide} ? datum.top : datum.what_top",
            what_label=f"{wide} ? datum.what_long : datum.what_text",
        )
        .mark_text(fontSize=11, fontStyle="italic", color=theme.NEUTRAL, **text)
        .encode(
            x=alt.X("what_x:Q", title=None, scale=None, axis=None),
            y=y("what_y"),
            text="what_label:N",
            tooltip=node_tooltip,
        )
    )
    layers = [lines, points, who, what]
    if heading_top is not None:
        layers.append(
            alt.Chart(pd.DataFrame({"heading": ["Not linked to any other measure:"], "top": [heading_top]}))
            .mark_text(
                align="left",
                baseline="top",
                lineBreak="\n",
                fontSize=11,
                fontStyle="italic",
                color=theme.NEUTRAL,
            )
            .encode(x=alt.value(0), y=y("top"), text="heading:N")
        )
    return alt.layer(*layers).properties(
        width="container",
        height=height,
        title=theme.phone_title(
            "Which measures the article presents as responses",
            subtitle=[
                # each line short enough to stay whole in a phone's column
                "Each line joins a measure to one presented as",
                "answering or extending it, indented beneath it",
            ],
        ),
    )


def _timeline_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The measures in the timeline's order: by instrument, then date, then id."""
    instruments_order = list(dict.fromkeys(frame.sort_values(["instrument", "start"])["instrument"]))
    return frame.assign(rank=frame["instrument"].map(instruments_order.index)).sort_values(
        ["rank", "start", "measure_id"], na_position="last"
    )


# The timeline is a stack of panels, one per stretch of time and one for the undated measures,
# each with its own rows; a measure's label is written above its bar across the panel's width,
# so that no column of axis labels competes with the bars for a phone's width.
TIMELINE_ROW_PX = 44  # a label of two lines above a bar
TIMELINE_LABEL_CHARS = 56  # a line of a label: 11 px characters, about 5.5 px each, in 342 px
TIMELINE_LINE_PX = 13
TIMELINE_WIDTH = "container"  # the panels have no axis labels beside them: the column's width


def measures_timeline_chart(frame: pd.DataFrame) -> alt.VConcatChart:
    """Measures over time: one row per measure (grouped by instrument), coloured by the
    imposing side; dated ones as their event's interval, in panels stacked one per stretch
    of time (the time axis breaks where nothing happens for months), and undated ones in a
    last panel."""
    ordered = _timeline_rows(frame)
    # Each row named by its instrument and the article's words, on up to two lines (cut only
    # beyond them); the rows stay keyed by the analysis's one-line label.
    ordered = ordered.assign(
        shown=[
            _two_lines(f"{instrument} · {words}", TIMELINE_LABEL_CHARS)
            for instrument, words in zip(ordered["instrument"], ordered["evidence"])
        ]
    )
    color = alt.Color(
        "side:N",
        title="Imposing side",
        scale=theme.side_scale(frame["side"]),
        legend=alt.Legend(orient="bottom"),
    )
    tooltip = [
        alt.Tooltip("who:N", title="Measure"),
        alt.Tooltip("instrument:N", title="Instrument"),
        alt.Tooltip("first_day:N", title="From"),
        alt.Tooltip("last_day:N", title="To"),
        alt.Tooltip("expression:N", title="Article's dating words"),
        alt.Tooltip("rationale:N", title="Stated rationale"),
        alt.Tooltip("evidence:N", title="Evidence"),
    ]

    def rows(data: pd.DataFrame) -> alt.Y:
        order = list(data["label"])
        return alt.Y("label:N", title=None, sort=order, scale=alt.Scale(domain=order), axis=None)

    def labels(data: pd.DataFrame) -> list[alt.Chart]:
        # Above the bar, from the panel's left edge, its last line just above the bar: each
        # line is a text of its own, since a text of two lines hangs down from its first.
        line = {"align": "left", "baseline": "bottom", "fontSize": 11, "color": theme.INK}
        lines = data.assign(
            first=[t.split("\n")[0] if "\n" in t else "" for t in data["shown"]],
            last=[t.split("\n")[-1] for t in data["shown"]],
        )
        return [
            alt.Chart(lines)
            .mark_text(dy=dy, **line)
            .encode(x=alt.value(0), y=rows(data), text=f"{part}:N", tooltip=tooltip)
            for part, dy in (("first", -TIMELINE_LINE_PX - 1), ("last", -1))
        ]

    panels = []
    for number, (first, last) in enumerate(time_panels(frame)):
        data = ordered[ordered["panel"] == str(number)]
        days = (last - first).days
        months = days > 400
        x = alt.X(
            "start:T",
            title=f"{first:%b %Y} – {last:%b %Y}" if first.year != last.year or months else f"{first:%Y}",
            scale=alt.Scale(domain=[iso(first), iso(last + timedelta(days=1))]),
            axis=alt.Axis(
                format="%Y" if months else "%b", tickCount=8, labelAngle=0, labelFlush=True, ticks=False
            ),  # ticks at the ends would stick out of the column,
        )
        bars = (
            alt.Chart(data)
            .mark_bar(height=10, yOffset=7, clip=True)
            .encode(x=x, x2="end_excl:T", y=rows(data), color=color, tooltip=tooltip)
        )
        days_marks = (
            alt.Chart(data[data["start"] == data["end"]])
            .mark_tick(thickness=3, size=14, yOffset=7, clip=True)
            .encode(x=x, y=rows(data), color=color, tooltip=tooltip)
        )
        panels.append(
            alt.layer(bars, days_marks, *labels(data)).properties(
                width=TIMELINE_WIDTH, height=TIMELINE_ROW_PX * len(data)
            )
        )
    undated = ordered[ordered["panel"] == UNDATED]
    panels.append(
        alt.layer(
            alt.Chart(undated)
            .mark_point(shape="diamond", filled=True, size=90, opacity=1, yOffset=7)
            .encode(x=alt.value(6), y=rows(undated), color=color, tooltip=tooltip),
            *labels(undated),
        ).properties(
            width=TIMELINE_WIDTH,
            height=TIMELINE_ROW_PX * len(undated),
            title=theme.phone_title(UNDATED, fontSize=12, fontWeight="bold", anchor="start", orient="bottom"),
        )
    )
    n_undated = len(undated)
    return (
        alt.vconcat(*panels, spacing=14)
        .resolve_scale(x="independent", y="independent")
        .properties(
            # The panels take the column's width (container): no padding beside them.
            padding={"left": 0, "right": 0, "top": 5, "bottom": 5},
            title=theme.phone_title(
                "Measures by date, instrument and imposing side",
                subtitle=[
                    "Bars span each dated measure's event interval;",
                    "the time axis breaks where nothing happens for months.",
                    f"{n_undated} of {len(frame)} measures have no date (last panel).",
                ],
            ),
        )
    )
