"""Chapter 09's charts: words quoted per speaker and per side, and positions by issue and side.
They take the frames of :mod:`thawbook.analysis.voices`."""

from __future__ import annotations

import altair as alt
import pandas as pd

from thawbook.charts import theme

VOICE_COLORS = {**theme.SIDE_COLORS, "none": theme.PALE_GREY}


def _side_scale() -> alt.Scale:
    return theme.scale_for(VOICE_COLORS)


# Speech is drawn solid; borrowed words (scare quotes, terms) pale, in every voices chart. Every
# bar keeps an outline in its side's colour, which reads at 3:1 on both pages however pale its fill.
KIND_OPACITY = alt.Scale(domain=["speech", "scare_quote", "term"], range=[1.0, 0.4, 0.12])


def _kinds(scale: alt.Scale) -> alt.FillOpacity:
    # vega-lite draws no legend for a bar's fill opacity: the subtitle says what pale means.
    return alt.FillOpacity("kind_words:N", title="Quoted as", scale=scale)


def voices_speaker_chart(by_speaker: pd.DataFrame) -> alt.Chart:
    """Horizontal bars: words quoted per speaker, coloured by side, speech solid and borrowed words pale."""
    data = by_speaker[["name", "side_label", "kind", "words", "quotes", "speaker_words", "evidence"]]
    data = data.assign(kind_words=data["kind"].map(theme.label))
    order = list(dict.fromkeys(by_speaker["name"]))
    # The subtitle names the kinds: speech solid, scare quotes and terms pale (each outlined).
    kinds = alt.Scale(domain=[theme.label(k) for k in KIND_OPACITY.domain], range=KIND_OPACITY.range)
    return (
        alt.Chart(data)
        .mark_bar(strokeWidth=1.5)
        .encode(
            y=alt.Y("name:N", title=None, sort=order),
            x=alt.X("words:Q", title="Words quoted", stack="zero"),
            color=alt.Color(
                "side_label:N",
                title="Side",
                scale=theme.side_scale(data["side_label"], colors=VOICE_COLORS),
            ),
            fillOpacity=_kinds(kinds),
            stroke=alt.Stroke(
                "side_label:N", title="Side", scale=theme.side_scale(data["side_label"], colors=VOICE_COLORS)
            ),
            order=alt.Order("kind:N"),
            tooltip=[
                alt.Tooltip("name:N", title="Speaker"),
                alt.Tooltip("side_label:N", title="Side"),
                alt.Tooltip("kind_words:N", title="Quoted as"),
                alt.Tooltip("words:Q", title="Words"),
                alt.Tooltip("quotes:Q", title="Quotations"),
                alt.Tooltip("evidence:N", title="Evidence"),
            ],
        )
        .properties(
            width="container",
            height=alt.Step(20),
            title=theme.phone_title(
                "Who speaks, and how much",
                subtitle="Words inside quotation marks per speaker; pale bars are scare quotes and terms",
            ),
        )
    )


def voices_side_chart(by_side: pd.DataFrame) -> alt.Chart:
    """Bars: words quoted per side, speech apart from scare quotes and terms."""
    data = by_side[["side_label", "kind", "words", "quotes", "speakers", "evidence"]]
    data = data.assign(kind_words=data["kind"].map(theme.label))
    kinds = alt.Scale(domain=[theme.label(k) for k in KIND_OPACITY.domain], range=KIND_OPACITY.range)
    return (
        alt.Chart(data)
        .mark_bar(strokeWidth=1.5)
        .encode(
            x=alt.X("words:Q", title="Words quoted"),
            y=alt.Y("side_label:N", title=None, sort="-x"),
            # The colour repeats the side named on each bar's row, so it needs no legend of its own.
            color=alt.Color(
                "side_label:N",
                title="Side",
                legend=None,
                scale=theme.side_scale(data["side_label"], colors=VOICE_COLORS),
            ),
            fillOpacity=_kinds(kinds),
            stroke=alt.Stroke(
                "side_label:N",
                title="Side",
                legend=None,
                scale=theme.side_scale(data["side_label"], colors=VOICE_COLORS),
            ),
            order=alt.Order("kind:N"),
            tooltip=[
                alt.Tooltip("side_label:N", title="Side"),
                alt.Tooltip("kind_words:N", title="Quoted as"),
                alt.Tooltip("words:Q", title="Words"),
                alt.Tooltip("quotes:Q", title="Quotations"),
                alt.Tooltip("speakers:Q", title="Speakers"),
                alt.Tooltip("evidence:N", title="Evidence"),
            ],
        )
        .properties(
            width="container",
            height=alt.Step(26),
            title=theme.phone_title(
                "Words quoted by side",
                subtitle=(
                    "Analysts outtalk both governments. "
                    "Colour repeats the side; pale bars are scare quotes and terms"
                ),
            ),
        )
    )


STANCE_SHAPES = {
    "goal": "circle",
    "offer": "diamond",
    "demand": "triangle-up",
    "precondition": "square",
    "complaint": "cross",
}


def positions_chart(pos: pd.DataFrame) -> alt.Chart:
    """Issue × side grid: one mark per position (shape = stance, colour = side), statement and evidence in tooltips."""
    data = pos[
        [
            "position_id",
            "side_label",
            "issue_label",
            "stance",
            "statement",
            "holder",
            "reported_by",
            "slot",
            "evidence",
        ]
    ]
    issues = sorted(data["issue_label"].unique())
    return (
        alt.Chart(data)
        .mark_point(size=150, filled=True, opacity=0.9)
        .encode(
            x=alt.X(
                "side_label:N",
                title=None,
                sort=["US government", "China government"],
                # "US government" and "China government", each on two lines and a point smaller
                # than the theme's labels, so that the two column labels stay apart in a phone's
                # column as on a desktop (the second line is written below the first:
                # labelPadding lifts both clear of the axis)
                axis=theme.wrapped_axis(10, labelAngle=0, orient="top", labelPadding=15, labelFontSize=11),
            ),
            xOffset=alt.XOffset("slot:O"),
            y=alt.Y("issue_label:N", title="Issue", sort=issues),
            color=alt.Color(
                "side_label:N",
                title="Side",
                scale=theme.side_scale(data["side_label"], colors=VOICE_COLORS),
            ),
            shape=alt.Shape(
                "stance:N",
                title="Stance",
                scale=alt.Scale(domain=list(STANCE_SHAPES), range=list(STANCE_SHAPES.values())),
            ),
            tooltip=[
                alt.Tooltip("issue_label:N", title="Issue"),
                alt.Tooltip("side_label:N", title="Side"),
                alt.Tooltip("stance:N", title="Stance"),
                alt.Tooltip("statement:N", title="Position"),
                alt.Tooltip("holder:N", title="Held by"),
                alt.Tooltip("reported_by:N", title="Reported by"),
                alt.Tooltip("evidence:N", title="Evidence"),
            ],
        )
        .properties(
            width=alt.Step(34),
            height=alt.Step(30),
            title=theme.phone_title(
                "Positions by issue and side", subtitle="One mark per position; the shape is its stance"
            ),
        )
    )
