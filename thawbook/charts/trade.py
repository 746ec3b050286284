"""The chart of chapter 06 that sets economic against military contacts, week by week.

It takes the frame of :func:`thawbook.analysis.trade.domain_contacts` and draws one panel per
domain of the thaw index, on a shared calendar, with each event's kind of act as its shape.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from thawbook.analysis.contacts import interval_words
from thawbook.analysis.trade import CONTRAST_WINDOW, domain_labels
from thawbook.charts import theme
from thawbook.charts.contacts import (
    contact_timeline_chart,
    interval_bars,
    interval_frame,
    pixel_y,
    row_headings,
    titled_rows,
)
from thawbook.dates.intervals import iso

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
    of act; colours are the themes' colours from :data:`thawbook.charts.theme.THEME_COLORS`.
    """
    return _contrast_panels(
        frame, domain_labels(), window, "Economic and military domains over the same weeks"
    )


def _contrast_panels(
    frame: pd.DataFrame, labels: dict[str, str], window: tuple[str, str], title: str
) -> alt.VConcatChart:
    data = interval_frame(frame)
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
    x_scale = alt.Scale(type="utc", domain=[window[0], iso(pd.Timestamp(window[1]) + pd.Timedelta(days=1))])
    panels = []
    for label in labels.values():
        part = data[data["domain_label"] == label]
        order = list(part.sort_values(["start", "end", "title"], kind="mergesort")["title"].drop_duplicates())
        part, height = titled_rows(part, order)
        y = pixel_y("bar_y", height)
        base = alt.Chart(part)
        bars = interval_bars(base, x_scale, y, colour, tooltip)
        points = (
            base.transform_filter("datum.is_point")
            .mark_point(size=140, filled=True, opacity=1, clip=True)
            .encode(x=alt.X("mid:T", scale=x_scale), y=y, color=colour, shape=shape, tooltip=tooltip)
        )
        panels.append(
            alt.layer(
                row_headings(part, height, tooltip),
                bars,
                points,
                title=alt.Title(label, fontSize=12, fontWeight="normal"),
            ).properties(width="container", height=height)
        )
    return (
        alt.vconcat(
            *panels,
            title=theme.phone_title(
                title,
                subtitle=[
                    *theme.wrap_text(f"{interval_words(*window)}.", 52).split("\n"),
                    "Points: exact days; bars: the dates loose wording",
                    "allows (cut at the edge if they start earlier).",
                ],
            ),
        )
        .resolve_scale(y="independent")
        # The panels take the column's width (container); no padding beside them, so that the
        # whole chart stays within the column.
        .properties(padding={"left": 0, "right": 0, "top": 5, "bottom": 5})
        .configure_legend(orient="bottom", direction="vertical")
    )


def economic_timeline(frame: pd.DataFrame) -> alt.LayerChart:
    """The talks, remarks and visits of the economic domain, coloured by theme."""
    return contact_timeline_chart(
        frame,
        title="Trade talks, invitations and business visits, as the article dates them",
        subtitle="Points are exact days; bars are the interval the article's wording allows",
        color="theme",
        colors=theme.THEME_COLORS,
        color_title="Theme",
    )


# The participants chart reads the same in a phone's column as on a desktop: each event's title
# is written across the top of its row (broken into lines here), and its two names sit under it,
# one per column, so that no column of axis labels takes half of a phone's width.
PARTICIPANT_TITLE_CHARS = 40


PARTICIPANT_LINE_PX = 15


PARTICIPANT_ROW_PX = 2 * PARTICIPANT_LINE_PX + 28
PARTICIPANT_NAME_PX = 160  # a counterpart's dot and name ("Chinese government": about 135 px)


def participants_chart(people: pd.DataFrame) -> alt.LayerChart:
    """Who acts and who is met in each economic event, each actor coloured by side; the event's
    title is written above its two names."""
    data = people[["title", "start", "role", "name", "side_label", "evidence"]].assign(
        heading=people["title"].map(lambda t: theme.wrap_text(t, PARTICIPANT_TITLE_CHARS))
    )
    scale = theme.side_scale(data["side_label"])
    order = list(people.sort_values(["start", "event_id"], kind="mergesort")["title"].drop_duplicates())
    tooltip = [
        alt.Tooltip("title:N", title="Event"),
        alt.Tooltip("name:N", title="Actor"),
        alt.Tooltip("side_label:N", title="Side"),
        alt.Tooltip("role:N", title="Role"),
        alt.Tooltip("evidence:N", title="The article's words"),
    ]
    base = alt.Chart(
        data,
        title=theme.phone_title(
            "Who reaches out, and to whom, in the economic domain",
            subtitle="Each event's main actor (left) and counterpart (right), coloured by the side they act for",
        ),
    )
    # Each dot sits at the left of its column and near the foot of its row, under the event's
    # title. The counterpart's column starts PARTICIPANT_NAME_PX from the right edge, or half-way
    # on a wide column, so its names stay in a phone's column and spread across a desktop's.
    x = alt.X(
        "role:N",
        title=None,
        sort=["acts", "is met / addressed"],
        scale=alt.Scale(
            type="point",
            domain=["acts", "is met / addressed"],
            range=[8, alt.ExprRef(f"max(width / 2, width - {PARTICIPANT_NAME_PX})")],
            padding=0,
        ),
        axis=None,
    )
    # No column heads: the subtitle says which column is which (an axis centred its heads in the
    # columns, and the right one ran off a phone's edge; heads drawn above the rows left the view).
    foot = 1 - 14 / PARTICIPANT_ROW_PX
    y = alt.Y("title:N", title=None, sort=order, axis=None, bandPosition=foot, scale=alt.Scale(type="band"))
    dots = base.mark_circle(size=180, opacity=1).encode(
        x=x, y=y, color=alt.Color("side_label:N", title="Side", scale=scale), tooltip=tooltip
    )
    # The names are short and the titles broken into lines here (lineBreak): the page's script
    # leaves both as they are.
    names = base.mark_text(align="left", dx=12, fontSize=12, lineBreak="\n").encode(
        x=x, y=y, text="name:N", tooltip=tooltip
    )
    headings = (
        base.transform_filter(alt.datum.role == "acts")
        .mark_text(
            align="left",
            baseline="top",
            dy=4,
            fontSize=12,
            fontWeight="bold",
            lineBreak="\n",
            lineHeight=PARTICIPANT_LINE_PX,
            color=theme.INK,
        )
        .encode(
            x=alt.value(0),
            y=alt.Y("title:N", sort=order, axis=None, bandPosition=0, scale=alt.Scale(type="band")),
            text="heading:N",
            tooltip=tooltip,
        )
    )
    return (
        alt.layer(headings, dots, names)
        .properties(width="container", height=alt.Step(PARTICIPANT_ROW_PX))
        .configure_legend(orient="bottom")
    )


def quoted_words_chart(quoted: pd.DataFrame) -> alt.Chart:
    """Words quoted from each speaker in the economic domain, one bar segment per quotation."""
    data = quoted[["quote_id", "speaker", "side_label", "quoted", "words", "evidence", "evidence_start"]]
    scale = theme.side_scale(data["side_label"])
    totals = data.groupby("speaker")["words"].sum()
    order = sorted(totals.index, key=lambda name: (-totals[name], name))
    return (
        alt.Chart(
            data,
            title=theme.phone_title(
                "Whose words carry the economic story",
                subtitle="Words inside quotation marks, one segment per quotation",
            ),
        )
        .mark_bar(stroke="white", strokeWidth=1.5)
        .encode(
            x=alt.X("words:Q", title="Words quoted"),
            y=alt.Y("speaker:N", title=None, sort=order),
            color=alt.Color("side_label:N", title="Side", scale=scale),
            order=alt.Order("evidence_start:Q"),
            tooltip=[
                alt.Tooltip("speaker:N", title="Speaker"),
                alt.Tooltip("quoted:N", title="Quoted words"),
                alt.Tooltip("words:Q", title="Words"),
                alt.Tooltip("evidence:N", title="The article's words"),
            ],
        )
        .properties(width="container", height=alt.Step(28))
        .configure_legend(orient="bottom", direction="horizontal")
    )
