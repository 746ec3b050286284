"""Chapter 07's charts: the military contacts on their days, and how each side characterised them."""

from __future__ import annotations

import altair as alt
import pandas as pd

from thawbook.analysis.military import _side_words
from thawbook.charts import theme
from thawbook.charts.contacts import _SIDE_OR_BOTH, KIND_SHAPES, contact_timeline_chart

MILITARY_WINDOW = ("2023-05-20", "2023-06-05")


def military_timeline_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Military contacts and the statements about them in :data:`MILITARY_WINDOW`,
    coloured by the side that acts and shaped by kind; bars that start earlier are cut."""
    return contact_timeline_chart(
        frame,
        title="Military contacts around the Shangri-La Dialogue, as the article dates them",
        subtitle=[
            "Points: exact days, shaped by kind; bars: the interval loose wording allows",
            "Bars cut at the left edge start earlier (hover for their dates)",
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
    colors = {**theme.SIDE_COLORS, "both": theme.NEUTRAL, "article": "#B3B3B3"}
    scale = theme.side_scale(data["side_label"], words=_side_words, colors=colors)
    order = list(dict.fromkeys(data["label"]))
    x_order = ["said by", "about"]
    tooltip = [
        alt.Tooltip("speaker:N", title="Said by"),
        alt.Tooltip("direction:N", title="Direction"),
        alt.Tooltip("words:N", title="Characterization"),
        alt.Tooltip("evidence:N", title="The article's words"),
    ]
    base = alt.Chart(
        data,
        title=alt.Title(
            "Who characterises whose military conduct",
            subtitle=[
                "Each row: who says it and the words, from the side that says it",
                "(left dot) to the side it is aimed at (right dot)",
            ],
        ),
    )
    y = alt.Y("label:N", title=None, sort=order, axis=theme.wrapped_axis(48))
    x = alt.X(
        "end:N",
        title=None,
        sort=x_order,
        scale=alt.Scale(domain=x_order),
        axis=alt.Axis(labelAngle=0, orient="top"),
    )
    line = base.mark_line(color="#B3B3B3", strokeWidth=2).encode(x=x, y=y, detail="label:N")
    dots = base.mark_circle(size=220, opacity=1).encode(
        x=x, y=y, color=alt.Color("side_label:N", title="Side", scale=scale), tooltip=tooltip
    )
    return (
        alt.layer(line, dots)
        .properties(width=alt.Step(90), height=alt.Step(44))
        .configure_legend(orient="bottom", direction="horizontal", columns=3, titleOrient="top")
    )
