"""Chapter 10's chart of the weekly index with Goldstein and with PLOVER scores.

It takes :func:`thawbook.analysis.thaw_plover.weekly_both` and rings the weeks that
:func:`thawbook.analysis.thaw_plover.compare` finds in disagreement.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from thawbook.analysis.thaw_plover import SCALES, compare, long_form
from thawbook.charts import theme
from thawbook.dates.intervals import iso

#: Each score's colour (chapter 10's comparison of the two scales).
SCALE_COLORS = dict(zip(SCALES, (theme.BLUE, theme.VERMILLION)))


def comparison_chart(both: pd.DataFrame) -> alt.LayerChart:
    """The weekly Goldstein and PLOVER sums as two step lines (a week's total holds for the whole
    week); weeks where they disagree are ringed, and the title says when none does."""
    data = long_form(both)
    flagged = compare(both)
    flagged = flagged[flagged["disagreement"] != ""].assign(week_start=lambda f: f["week_start"].map(iso))[
        ["week_start", "week", "plover", "goldstein", "disagreement"]
    ]
    x = alt.X("week_start:T", title="Week (Monday–Sunday)", axis=alt.Axis(format="%d %b"))
    lines = (
        alt.Chart(data)
        .mark_line(point=True, strokeWidth=2, interpolate="step-after")
        .encode(
            x=x,
            y=alt.Y("value:Q", title="Weighted score sum"),
            color=alt.Color(
                "scale:N",
                title="Score",
                scale=alt.Scale(domain=list(SCALES), range=list(SCALE_COLORS.values())),
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
        .mark_point(shape="circle", size=260, filled=False, color=theme.MARK_GREY, strokeWidth=2)
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
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color=theme.MARK_GREY).encode(y="y:Q")
    weeks = len(compare(both))
    if len(flagged):
        title = f"{len(flagged)} of {weeks} weeks differ in sign or rank between the two scores"
        how = "Ringed: the weeks whose sign or rank differs."
    else:
        title = f"Goldstein and PLOVER agree in sign and rank in all {weeks} weeks"
        how = "A week that differed would be ringed: none does."
    layers = [zero, lines, rings] if len(flagged) else [zero, lines]
    return alt.layer(*layers).properties(
        width="container",
        height=260,
        title=theme.phone_title(
            theme.wrap_text(title, 40).split("\n"),
            subtitle=["Weekly score sums, one step per week (Monday–Sunday).", how],
        ),
    )
