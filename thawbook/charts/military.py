"""Chapter 07's charts: the military contacts on their days, and how each side characterised them."""

from __future__ import annotations

import altair as alt
import pandas as pd

from thawbook.analysis.military import _side_words
from thawbook.charts import theme
from thawbook.charts.contacts import (
    _SIDE_OR_BOTH,
    KIND_SHAPES,
    contact_timeline_chart,
    pixel_y,
    row_headings,
    titled_rows,
)

MILITARY_WINDOW = ("2023-05-20", "2023-06-05")


def military_timeline_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Military contacts and the statements about them in :data:`MILITARY_WINDOW`,
    coloured by the side that acts and shaped by kind; bars that start earlier are cut."""
    return contact_timeline_chart(
        frame,
        title=["Military contacts around the Shangri-La", "Dialogue, as the article dates them"],
        subtitle=[
            "Points: exact days, shaped by kind; bars: the dates",
            "loose wording allows (cut at the left edge if they",
            "start earlier: tap or hover for their dates)",
        ],
        domain=MILITARY_WINDOW,
        color="acting_side",
        colors=_SIDE_OR_BOTH,
        color_title="Side that acts",
        words=_side_words,
        shape="kind",
        shapes=KIND_SHAPES,
        shape_title="Kind",
    )


def characterization_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Who characterises whose military conduct: speaker (left dot) to target (right dot)."""
    rows = []
    for _, row in frame.iterrows():
        label = f"{row['speaker']}: {row['words']}"
        for end, side in (("said by", row["speaker_side"]), ("about", row["target_side"])):
            rows.append(
                {
                    "label": label,
                    "end": end,
                    "side_label": _side_words(side),
                    "speaker": row["speaker"],
                    "words": row["words"],
                    "direction": row["direction"],
                    "evidence": row["evidence"],
                }
            )
    data = pd.DataFrame(rows)
    colors = {**theme.SIDE_COLORS, "both": theme.VIOLET, "article": theme.PALE_GREY}
    scale = theme.side_scale(data["side_label"], words=_side_words, colors=colors)
    order = list(dict.fromkeys(data["label"]))
    # Each row's words are written above its two dots, across the view's width.
    data, height = titled_rows(data.assign(title=data["label"]), order, chars=44)
    x_order = ["said by", "about"]
    tooltip = [
        alt.Tooltip("speaker:N", title="Said by"),
        alt.Tooltip("direction:N", title="Direction"),
        alt.Tooltip("words:N", title="Characterization"),
        alt.Tooltip("evidence:N", title="The article's words"),
    ]
    base = alt.Chart(
        data,
        title=theme.phone_title(
            "Who characterises whose military conduct",
            subtitle=[
                "Each row: who says it and the words; the dots run",
                "from the side that says it (left) to the side it is",
                "aimed at (right)",
            ],
        ),
    )
    y = pixel_y("bar_y", height)
    x = alt.X(
        "end:N",
        title=None,
        sort=x_order,
        scale=alt.Scale(domain=x_order, padding=0.1),
        axis=alt.Axis(labelAngle=0, orient="top", domain=False, ticks=False),
    )
    line = base.mark_line(color=theme.MARK_GREY, strokeWidth=2).encode(x=x, y=y, detail="label:N")
    dots = base.mark_circle(size=160, opacity=1).encode(
        x=x, y=y, color=alt.Color("side_label:N", title="Side", scale=scale), tooltip=tooltip
    )
    headings = row_headings(data[data["end"] == "said by"], height, tooltip)
    return (
        alt.layer(headings, line, dots)
        .properties(width="container", height=height)
        .configure_legend(orient="bottom", direction="horizontal", columns=2, titleOrient="top")
    )
