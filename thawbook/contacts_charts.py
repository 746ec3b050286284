"""The charts of chapters 06 (trade and business) and 07 (military contact).

They take the frames of :mod:`thawbook.trade_contacts` and :mod:`thawbook.military_contacts`:
:func:`contact_timeline_chart` puts events on a calendar, an exact day as a point and any wider
interval as a bar (never a fake-precise point). Colours come from :mod:`thawbook.theme`, so a
side or theme has one colour in the whole book.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from thawbook import theme
from thawbook.dates import iso
from thawbook.military_contacts import KIND_LABELS, _side_words

KIND_SHAPES = {
    "intercept": "triangle-up",
    "declined_meeting": "cross",
    "brief_contact": "circle",
    "accusation": "diamond",
    "patrols": "square",
    "statement": "square",
}
_SIDE_OR_BOTH = {**theme.SIDE_COLORS, "both": theme.NEUTRAL}


def _interval_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["is_point"] = out["start"] == out["end"]
    # A bar covers whole days: it ends at the start of the day after date_end.
    out["bar_end"] = (pd.to_datetime(out["end"]) + pd.Timedelta(days=1)).dt.strftime("%Y-%m-%d")
    out["mid"] = (pd.to_datetime(out["start"]) + pd.Timedelta(hours=12)).dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    return out


def contact_timeline_chart(
    frame: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    color: str,
    colors: dict[str, str],
    color_title: str,
    words=theme.label,
    shape: str | None = None,
    shapes: dict[str, str] | None = None,
    shape_title: str = "",
    domain: tuple[str, str] | None = None,
) -> alt.LayerChart:
    """Events on a calendar: bars for intervals, points for exact days, one row per event.

    ``frame`` needs ``title``, ``start``, ``end``, ``dating``, ``evidence`` and the ``color``
    column, whose values are keys of ``colors`` (a palette from :mod:`thawbook.theme`); the
    legend shows them through ``words`` (default :func:`thawbook.theme.label`). With
    ``shape``/``shapes`` points also encode a category.
    Rows are ordered top to bottom by start date. With ``domain`` (two ``YYYY-MM-DD`` days)
    the axis shows only that window and bars reaching outside it are cut at its edge.
    """
    data = _interval_frame(frame)
    data["color_label"] = data[color].map(words)
    scale = theme.scale_present(colors, data[color], words=words)
    order = list(data.sort_values(["start", "end", "title"], kind="mergesort")["title"].drop_duplicates())
    # The dates the tooltip shows are ISO words, apart from the fields the axis parses as dates.
    data["from_day"], data["to_day"] = data["start"].map(iso), data["end"].map(iso)
    keep = [
        "title",
        "start",
        "end",
        "from_day",
        "to_day",
        "bar_end",
        "mid",
        "dating",
        "evidence",
        "color_label",
        "is_point",
    ]
    if shape:
        data["shape_label"] = data[shape].map(KIND_LABELS)
        keep.append("shape_label")
    data = data[keep]
    tooltip = [
        alt.Tooltip("title:N", title="Event"),
        alt.Tooltip("from_day:N", title="From"),
        alt.Tooltip("to_day:N", title="To"),
        alt.Tooltip("dating:N", title="Dating"),
        alt.Tooltip("color_label:N", title=color_title),
    ]
    if shape:
        tooltip.append(alt.Tooltip("shape_label:N", title=shape_title))
    tooltip.append(alt.Tooltip("evidence:N", title="The article's words"))
    y = alt.Y("title:N", title=None, sort=order, axis=theme.wrapped_axis(44))
    colour = alt.Color("color_label:N", title=color_title, scale=scale)
    x_scale = alt.Scale(type="utc", domain=list(domain)) if domain else alt.Scale(type="utc")
    base = alt.Chart(data, title=alt.Title(title, subtitle=subtitle))
    bars = (
        base.transform_filter("!datum.is_point")
        .mark_bar(height=10, opacity=0.55, clip=True)
        .encode(
            x=alt.X(
                "start:T",
                title="Date (intervals where the article dates loosely)",
                scale=x_scale,
                axis=alt.Axis(format="%d %b %Y", labelAngle=0, tickCount=6 if not domain else 8),
            ),
            x2="bar_end:T",
            y=y,
            color=colour,
            tooltip=tooltip,
        )
    )
    point_encoding = dict(x=alt.X("mid:T", scale=x_scale), y=y, color=colour, tooltip=tooltip)
    if shape:
        present_shapes = [
            k for k in shapes if KIND_LABELS[k] in set(data.loc[data["is_point"], "shape_label"])
        ]
        point_encoding["shape"] = alt.Shape(
            "shape_label:N",
            title=shape_title,
            scale=alt.Scale(
                domain=[KIND_LABELS[k] for k in present_shapes], range=[shapes[k] for k in present_shapes]
            ),
        )
    points = (
        base.transform_filter("datum.is_point")
        .mark_point(size=140, filled=True, opacity=1, clip=True)
        .encode(**point_encoding)
    )
    return (
        alt.layer(bars, points)
        .properties(width=360, height=alt.Step(30))
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


MILITARY_WINDOW = ("2023-05-20", "2023-06-05")
"""The fortnight before publication that the military timeline shows."""


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


# The participants chart reads the same in a phone's column as on a desktop: each event's title
# is written across the top of its row (broken into lines here), and its two names sit under it,
# one per column, so that no column of axis labels takes half of a phone's width.
PARTICIPANT_TITLE_CHARS = 40
PARTICIPANT_LINE_PX = 15
PARTICIPANT_ROW_PX = 2 * PARTICIPANT_LINE_PX + 28


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
        title=alt.Title(
            "Who reaches out, and to whom, in the economic domain",
            subtitle="Each event's main actor (left) and counterpart (right), coloured by the side they act for",
        ),
    )
    # Each dot sits near the left of its column, so that the name beside it stays in the column,
    # and near the foot of its row, under the event's title.
    x = alt.X(
        "role:N",
        title=None,
        sort=["acts", "is met / addressed"],
        bandPosition=0.04,
        scale=alt.Scale(type="band"),
        axis=alt.Axis(labelAngle=0, orient="top", labelAlign="left", bandPosition=0.04),
    )
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
        .properties(width=400, height=alt.Step(PARTICIPANT_ROW_PX))
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
            title=alt.Title(
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
        .properties(width=420, height=alt.Step(28))
        .configure_legend(orient="bottom", direction="horizontal")
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
