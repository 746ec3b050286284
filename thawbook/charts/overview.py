"""Chart builders. Each returns an altair chart with a title, worded axes and tooltips.

Colours come from :mod:`thawbook.charts.theme`, so a side or theme looks the same everywhere.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from thawbook.charts import theme


def paragraph_lengths(table: pd.DataFrame) -> alt.Chart:
    """Words per paragraph in reading order, the headline marked apart from the body."""
    return (
        alt.Chart(
            table,
            title=alt.Title("Words per paragraph, in reading order", subtitle="Paragraph 0 is the headline"),
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
                    domain=["headline", "body"], range=[theme.SIDE_COLORS["china_government"], theme.NEUTRAL]
                ),
            ),
            tooltip=[
                alt.Tooltip("paragraph:O", title="Paragraph"),
                alt.Tooltip("words:Q", title="Words"),
                alt.Tooltip("sentences:Q", title="Sentences"),
                alt.Tooltip("opening:N", title="Opens with"),
            ],
        )
        .properties(width=560, height=220)
    )


OVERVIEW_WINDOW = ("2023-01-01", "2023-11-30")


def left_out_of_overview(
    events: pd.DataFrame, start: str = OVERVIEW_WINDOW[0], end: str = OVERVIEW_WINDOW[1]
) -> int:
    """How many events :func:`events_overview` does not draw: those wholly outside its window."""
    return int(((events["date_end"] < start) | (events["date_start"] > end)).sum())


def events_overview(
    events: pd.DataFrame, start: str = OVERVIEW_WINDOW[0], end: str = OVERVIEW_WINDOW[1]
) -> alt.Chart:
    """Every dated event in a window as an interval bar (a tick when it is one exact day), by theme.

    Events outside the window are not drawn; callers say how many there are.
    """
    window = events[(events["date_end"] >= start) & (events["date_start"] <= end)].copy()
    window["theme_label"] = window["theme"].map(theme.label)
    window["from"] = window["date_start"].dt.strftime("%Y-%m-%d")
    window["to"] = window["date_end"].dt.strftime("%Y-%m-%d")
    window["date_end_plus"] = window["date_end"] + pd.Timedelta(days=1)  # bars cover whole days
    data = window.sort_values(["date_start", "date_end", "title"])[
        [
            "title",
            "theme_label",
            "date_start",
            "date_end_plus",
            "from",
            "to",
            "date_expression",
            "evidence",
            "status",
        ]
    ]
    return (
        alt.Chart(
            data,
            title=alt.Title(
                "What the article dates, January to November 2023",
                subtitle="Each bar spans the dates an event could have; forthcoming events are hollow",
            ),
        )
        .mark_bar(height=9, cornerRadius=2, strokeWidth=1.5)
        .encode(
            x=alt.X("date_start:T", title="Date (2023)", axis=alt.Axis(format="%b")),
            x2="date_end_plus:T",
            y=alt.Y(
                "title:N",
                title=None,
                sort=alt.EncodingSortField("date_start", order="ascending"),
                axis=alt.Axis(labelLimit=0),
            ),
            # One legend, below the chart where it stays in view on a phone, for fill and outline alike.
            color=alt.Color(
                "theme_label:N",
                title="Theme",
                scale=theme.scale_present(theme.THEME_COLORS, data["theme_label"]),
                legend=alt.Legend(orient="bottom", columns=3),
            ),
            stroke=alt.Stroke(
                "theme_label:N",
                title="Theme",
                scale=theme.scale_present(theme.THEME_COLORS, data["theme_label"]),
                legend=alt.Legend(orient="bottom", columns=3),
            ),
            fillOpacity=alt.condition(alt.datum.status == "forthcoming", alt.value(0.0), alt.value(0.75)),
            tooltip=[
                alt.Tooltip("title:N", title="Event"),
                alt.Tooltip("from:N", title="From"),
                alt.Tooltip("to:N", title="To"),
                alt.Tooltip("date_expression:N", title="Article's words"),
                alt.Tooltip("evidence:N", title="Evidence"),
            ],
        )
        .properties(width=380, height=alt.Step(13))
    )
