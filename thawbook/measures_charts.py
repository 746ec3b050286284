"""The charts of *Sanctions and export controls* (05), drawn from the frames of :mod:`thawbook.measures`.

- :func:`chain_chart` draws the response graph laid out by :func:`thawbook.measures.chain_layout`;
- :func:`measures_timeline_chart` draws :func:`thawbook.measures.timeline_frame`, with the
  time axis broken by :func:`thawbook.measures.time_panels` and the undated measures in a panel
  of their own.
"""

from __future__ import annotations

from datetime import timedelta

import altair as alt
import pandas as pd

from thawbook import theme
from thawbook.measures import UNDATED, time_panels


def chain_chart(nodes: pd.DataFrame, edges: pd.DataFrame) -> alt.LayerChart:
    """The response graph: one point per measure, coloured by the imposing side, with lines
    from each measure to those the article presents as answering it."""
    row_height = 34
    height = row_height * (int(nodes["row"].max()) + 1)
    max_column = int(nodes["column"].max())
    x = alt.X(
        "column:Q",
        title="Links from the first measure of the chain",
        scale=alt.Scale(domain=[-0.15, max_column + 2.6]),
        axis=alt.Axis(values=list(range(max_column + 1)), format="d", grid=False),
    )
    y = alt.Y(
        "row:Q",
        title=None,
        scale=alt.Scale(domain=[-0.6, int(nodes["row"].max()) + 0.6], reverse=True),
        axis=None,
    )
    # Tooltips name measures in words (imposer → target), never by their row ids.
    names = dict(zip(nodes["measure_id"], nodes["who"]))
    nodes = nodes.assign(responds_to=nodes["responds_to"].map(lambda mid: names.get(mid, mid)))
    edges = edges.assign(
        edge=[
            " answered by ".join(names.get(mid, mid) for mid in edge.split(" → ")) for edge in edges["edge"]
        ]
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
        .mark_line(color=theme.NEUTRAL, strokeWidth=1.5, interpolate="linear")
        .encode(
            x=x,
            y=y,
            detail="edge:N",
            order="order:Q",
            tooltip=[alt.Tooltip("edge:N", title="Response"), alt.Tooltip("evidence:N", title="Evidence")],
        )
    )
    base = alt.Chart(nodes)
    points = base.mark_point(filled=True, size=140, opacity=1).encode(
        x=x,
        y=y,
        color=alt.Color(
            "side:N",
            title="Imposing side",
            scale=theme.side_scale(nodes["side"]),
            legend=alt.Legend(orient="bottom"),
        ),
        tooltip=node_tooltip,
    )
    who = base.mark_text(align="left", dx=10, dy=-6, fontSize=12, fontWeight="bold").encode(
        x=x, y=y, text="who:N", tooltip=node_tooltip
    )
    what = base.mark_text(
        align="left", dx=10, dy=8, fontSize=11, fontStyle="italic", color=theme.NEUTRAL
    ).encode(x=x, y=y, text="what:N", tooltip=node_tooltip)
    first_unlinked = (
        nodes[nodes["group"] == "unlinked"].head(1).assign(heading="Not linked to any other measure:")
    )
    heading = (
        alt.Chart(first_unlinked)
        .mark_text(align="left", dy=-24, dx=-6, fontSize=11, fontStyle="italic", color=theme.NEUTRAL)
        .encode(x=x, y=y, text="heading:N")
    )
    return alt.layer(lines, points, who, what, heading).properties(
        width=600,
        height=height,
        title=alt.Title(
            "Which measures the article presents as responses",
            subtitle="Each line runs from a measure to one presented as answering or extending it",
        ),
    )


def measures_timeline_chart(frame: pd.DataFrame) -> alt.HConcatChart:
    """Measures over time: one row per measure (grouped by instrument), coloured by the
    imposing side; dated ones as their event's interval, with a broken time axis where
    nothing happens for months, and undated ones in a separate panel."""
    instruments_order = list(dict.fromkeys(frame.sort_values(["instrument", "start"])["instrument"]))
    ordered = frame.assign(rank=frame["instrument"].map(instruments_order.index)).sort_values(
        ["rank", "start", "measure_id"], na_position="last"
    )
    rows = list(ordered["label"])
    y = alt.Y(
        "label:N",
        title=None,
        sort=rows,
        scale=alt.Scale(domain=rows),
        axis=alt.Axis(labelLimit=0, labelFontSize=11),
    )
    y_hidden = alt.Y("label:N", title=None, sort=rows, scale=alt.Scale(domain=rows), axis=None)
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
    height = 22 * len(rows)
    panels = []
    stretches = time_panels(frame)
    total_days = sum((last - first).days for first, last in stretches) or 1
    for number, (first, last) in enumerate(stretches):
        data = frame[frame["panel"] == str(number)]
        days = (last - first).days
        width = max(80, int(250 * days / total_days))
        months = days > 400
        x = alt.X(
            "start:T",
            title=f"{first:%b %Y} – {last:%b %Y}" if first.year != last.year or months else f"{first:%Y}",
            scale=alt.Scale(
                domain=[first.strftime("%Y-%m-%d"), (last + timedelta(days=1)).strftime("%Y-%m-%d")]
            ),
            axis=alt.Axis(format="%Y" if months else "%b", tickCount=4 if width < 150 else 8, labelAngle=0),
        )
        bars = (
            alt.Chart(data)
            .mark_bar(height=12, opacity=0.85)
            .encode(x=x, x2="end_excl:T", y=y if number == 0 else y_hidden, color=color, tooltip=tooltip)
        )
        days_marks = (
            alt.Chart(data[data["start"] == data["end"]])
            .mark_tick(thickness=3, size=16)
            .encode(x=x, y=y if number == 0 else y_hidden, color=color, tooltip=tooltip)
        )
        panels.append(alt.layer(bars, days_marks).properties(width=width, height=height))
    undated = frame[frame["panel"] == UNDATED].assign(where=0)
    panels.append(
        alt.Chart(undated)
        .mark_point(shape="diamond", filled=True, size=110)
        .encode(
            x=alt.X(
                "where:Q",
                title=UNDATED,
                axis=alt.Axis(labels=False, ticks=False, grid=False),
                scale=alt.Scale(domain=[-1, 1]),
            ),
            y=y_hidden,
            color=color,
            tooltip=tooltip,
        )
        .properties(width=60, height=height)
    )
    n_undated = len(undated)
    return (
        alt.hconcat(*panels, spacing=8)
        .resolve_scale(y="shared")
        .properties(
            title=alt.Title(
                "Measures by instrument, imposing side and date",
                subtitle=[
                    "Bars span each dated measure's event interval; the time axis breaks where nothing",
                    f"happens for months. {n_undated} of {len(frame)} measures have no date (right-hand panel).",
                ],
            )
        )
    )
