"""Chapter 10's chart of the weekly index with Goldstein and with PLOVER scores.

It takes :func:`thawbook.analysis.thaw_plover.weekly_both` and rings the weeks that
:func:`thawbook.analysis.thaw_plover.compare` finds in disagreement.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from thawbook.analysis.thaw_plover import SCALES, compare, long_form
from thawbook.charts import theme


def comparison_chart(both: pd.DataFrame) -> alt.LayerChart:
    """The weekly Goldstein and PLOVER sums as two lines; weeks where they disagree are ringed."""
    data = long_form(both)
    flagged = compare(both)
    flagged = flagged[flagged["disagreement"] != ""].assign(
        week_start=lambda f: f["week_start"].dt.strftime("%Y-%m-%d")
    )[["week_start", "week", "plover", "goldstein", "disagreement"]]
    x = alt.X("week_start:T", title="Week (Monday–Sunday)", axis=alt.Axis(format="%d %b"))
    lines = (
        alt.Chart(data)
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=x,
            y=alt.Y("value:Q", title="Weighted score sum"),
            color=alt.Color(
                "scale:N", title="Score", scale=alt.Scale(domain=list(SCALES), range=list(SCALES.values()))
            ),
            strokeDash=alt.StrokeDash(
                "scale:N", title="Score", scale=alt.Scale(domain=list(SCALES), range=[[1, 0], [6, 3]])
            ),
            tooltip=[
                alt.Tooltip("scale:N", title="Score"),
                alt.Tooltip("week:N", title="ISO week"),
                alt.Tooltip("value:Q", title="Sum", format=".2f"),
                alt.Tooltip("events:N", title="Events (weight)"),
                alt.Tooltip("evidence:N", title="Evidence"),
            ],
        )
    )
    rings = (
        alt.Chart(flagged)
        .mark_point(shape="circle", size=260, filled=False, color=theme.NEUTRAL, strokeWidth=1.5)
        .encode(
            x=x,
            y="plover:Q",
            tooltip=[
                alt.Tooltip("week:N", title="ISO week"),
                alt.Tooltip("disagreement:N", title="Disagree in"),
                alt.Tooltip("goldstein:Q", title="Goldstein sum", format=".2f"),
                alt.Tooltip("plover:Q", title="PLOVER sum", format=".2f"),
            ],
        )
    )
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color=theme.NEUTRAL).encode(y="y:Q")
    return (zero + lines + rings).properties(
        width=620,
        height=300,
        title=alt.Title(
            "The weekly index with Goldstein and with PLOVER scores",
            subtitle="Ringed: weeks whose sign or rank differs between the two scores",
        ),
    )
