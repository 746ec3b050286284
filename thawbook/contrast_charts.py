"""The chart of chapter 06 that sets economic against military contacts, week by week.

It takes the frame of :func:`thawbook.trade_contacts.domain_contacts` and draws one panel per
domain of the thaw index, on a shared calendar, with each event's kind of act as its shape.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from thawbook import theme
from thawbook.contacts import interval_words
from thawbook.contacts_charts import _interval_frame
from thawbook.dates import iso
from thawbook.trade_contacts import CONTRAST_WINDOW, domain_labels

ACT_SHAPES = {
    "meeting": "circle",
    "intent to meet": "diamond",
    "friction": "triangle-up",
    "statement": "square",
}
"""Marker shape of each kind of act in :func:`domain_chart`."""


def domain_chart(frame: pd.DataFrame, window: tuple[str, str] = CONTRAST_WINDOW) -> alt.VConcatChart:
    """A :func:`domain_contacts` frame over the same weeks, one panel per domain.

    Bars for intervals (cut at the window's edges), points for exact days shaped by the kind
    of act; colours are the themes' colours from :data:`thawbook.theme.THEME_COLORS`.
    """
    return _contrast_panels(
        frame, domain_labels(), window, "Economic and military domains over the same weeks"
    )


def _contrast_panels(
    frame: pd.DataFrame, labels: dict[str, str], window: tuple[str, str], title: str
) -> alt.VConcatChart:
    data = _interval_frame(frame)
    data["theme_label"] = data["theme"].map(theme.label)
    data["act_label"] = data["act"]
    data["from_day"], data["to_day"] = data["start"].map(iso), data["end"].map(iso)
    keep = [
        "domain_label",
        "title",
        "start",
        "end",
        "from_day",
        "to_day",
        "bar_end",
        "mid",
        "dating",
        "theme_label",
        "act_label",
        "evidence",
        "is_point",
    ]
    data = data[keep]
    colour = alt.Color(
        "theme_label:N", title="Theme", scale=theme.scale_present(theme.THEME_COLORS, data["theme_label"])
    )
    acts = [a for a in ACT_SHAPES if a in set(data.loc[data["is_point"], "act_label"])]
    shape = alt.Shape(
        "act_label:N",
        title="Kind of act (points)",
        scale=alt.Scale(domain=acts, range=[ACT_SHAPES[a] for a in acts]),
    )
    tooltip = [
        alt.Tooltip("title:N", title="Event"),
        alt.Tooltip("from_day:N", title="From"),
        alt.Tooltip("to_day:N", title="To"),
        alt.Tooltip("dating:N", title="Dating"),
        alt.Tooltip("theme_label:N", title="Theme"),
        alt.Tooltip("act_label:N", title="Kind of act"),
        alt.Tooltip("evidence:N", title="The article's words"),
    ]
    x_scale = alt.Scale(
        type="utc", domain=[window[0], (pd.Timestamp(window[1]) + pd.Timedelta(days=1)).strftime("%Y-%m-%d")]
    )
    panels = []
    for number, label in enumerate(labels.values()):
        part = data[data["domain_label"] == label]
        order = list(part.sort_values(["start", "end", "title"], kind="mergesort")["title"].drop_duplicates())
        y = alt.Y("title:N", title=None, sort=order, axis=theme.wrapped_axis(44))
        base = alt.Chart(part)
        bars = (
            base.transform_filter("!datum.is_point")
            .mark_bar(height=10, opacity=0.55, clip=True)
            .encode(
                # One axis title, under the last panel, so that it does not run into the next panel.
                x=alt.X(
                    "start:T",
                    title="Date (bars where the article dates loosely)"
                    if number == len(labels) - 1
                    else None,
                    scale=x_scale,
                    axis=alt.Axis(format="%d %b", labelAngle=0, tickCount=8),
                ),
                x2="bar_end:T",
                y=y,
                color=colour,
                tooltip=tooltip,
            )
        )
        points = (
            base.transform_filter("datum.is_point")
            .mark_point(size=140, filled=True, opacity=1, clip=True)
            .encode(x=alt.X("mid:T", scale=x_scale), y=y, color=colour, shape=shape, tooltip=tooltip)
        )
        panels.append(
            alt.layer(bars, points, title=alt.Title(label, fontSize=13)).properties(
                width=360, height=alt.Step(30)
            )
        )
    return (
        alt.vconcat(
            *panels,
            title=alt.Title(
                title,
                subtitle=[
                    f"{interval_words(*window)}; points are exact days, bars the interval the wording allows",
                    "Bars cut at the left edge start earlier (hover for their dates)",
                ],
            ),
        )
        .resolve_scale(y="independent")
        .configure_legend(orient="bottom", direction="vertical")
    )
