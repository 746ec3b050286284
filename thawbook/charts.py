"""Chart builders. Each returns an altair chart with a title, worded axes and tooltips.

Colours come from :mod:`thawbook.theme`, so a side or theme looks the same everywhere.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from thawbook import theme  # noqa: F401  (registers the book's theme)


def paragraph_lengths(table: pd.DataFrame) -> alt.Chart:
    """Words per paragraph in reading order, the headline marked apart from the body."""
    return (
        alt.Chart(table, title=alt.Title("Words per paragraph, in reading order",
                                         subtitle="Paragraph 0 is the headline"))
        .mark_bar()
        .encode(
            x=alt.X("paragraph:O", title="Paragraph (reading order)", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("words:Q", title="Words"),
            color=alt.Color("kind:N", title="Part", scale=alt.Scale(
                domain=["headline", "body"], range=[theme.SIDE_COLORS["china_government"], theme.NEUTRAL])),
            tooltip=[alt.Tooltip("paragraph:O", title="Paragraph"),
                     alt.Tooltip("words:Q", title="Words"),
                     alt.Tooltip("sentences:Q", title="Sentences"),
                     alt.Tooltip("opening:N", title="Opens with")],
        )
        .properties(width=560, height=220)
    )
