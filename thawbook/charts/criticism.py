"""Chapter 08's charts: the corrections by category and confidence, and where they fall.

They take the corrections table and the frames of :mod:`thawbook.analysis.criticism`. Colours for
confidence are greys (darker is surer) and for categories the eight Okabe–Ito colours, since
categories are neither sides nor themes.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from thawbook.analysis.criticism import categories, category_counts, confidence_levels, tidy
from thawbook.charts import theme
from thawbook.inputs.seed import read_seed, sentences

# Greys so that confidence never looks like a side or a theme: on the light page darker is surer,
# on the dark page (theme.DARK_SWAPS) lighter is; each reads at 3:1 on its page, and they stay
# apart in both modes.
CONFIDENCE_GREYS = theme.RANKED_GREYS
#: The ink of the letter (H, M, L) that names each segment's confidence, surest first: each reads
#: at 4.5:1 on its grey in both modes (tests/charts/test_contrast.py).
CONFIDENCE_LETTER_INKS = ("white", "white", theme.INK_ON_PALE)
# Okabe–Ito, in the order of the category enum in datapackage.json, with the colours that read on
# both pages (theme): its yellow becomes violet and its black a mid grey.
CATEGORY_PALETTE = (
    theme.BLUE,
    theme.VERMILLION,
    theme.GREEN,
    theme.PURPLE,
    theme.THEME_COLORS["business"],
    theme.THEME_COLORS["climate_finance"],
    theme.VIOLET,
    theme.MARK_GREY,
)
#: A shape for each category, in the same order: the two blues (a circle and a cross), the two
#: violets (a diamond and a triangle) and the grey stay apart by shape where their colours are near.
CATEGORY_SHAPES = (
    "circle",
    "square",
    "triangle-up",
    "diamond",
    "triangle-down",
    "cross",
    "triangle-right",
    "triangle-left",
)


def confidence_scale() -> alt.Scale:
    """Colour scale for confidence levels: greys, darker for more confidence."""
    levels = confidence_levels()
    return alt.Scale(domain=levels, range=list(CONFIDENCE_GREYS[: len(levels)]))


def category_scale() -> alt.Scale:
    """Colour scale for correction categories, in the order :func:`thawbook.analysis.criticism.categories` gives."""
    names = [theme.label(name) for name in categories()]
    return alt.Scale(domain=names, range=list(CATEGORY_PALETTE[: len(names)]))


def category_chart(corrections: pd.DataFrame) -> alt.Chart:
    """Corrections by category (one segment per correction), coloured by confidence."""
    data = tidy(corrections)
    data["one"] = 1
    order = list(category_counts(corrections)["category"])
    data["confidence_rank"] = data["confidence"].map(confidence_levels().index)
    # Each segment placed by hand (surest first within a category), so that a letter can name its
    # confidence inside it: the greys alone are close on the dark page.
    data = data.sort_values(["category_label", "confidence_rank", "correction_id"])
    data["end"] = data.groupby("category_label")["one"].cumsum()
    data["start"] = data["end"] - 1
    data["middle"] = data["end"] - 0.5
    data["letter"] = data["confidence"].str[0].str.upper()
    data = data[
        [
            "correction_id",
            "category_label",
            "confidence",
            "start",
            "end",
            "middle",
            "letter",
            "evidence",
            "likely_reading",
            "affects",
        ]
    ]
    y = alt.Y("category_label:N", title="Category of error", sort=order, axis=alt.Axis(labelLimit=0))
    tooltip = [
        alt.Tooltip("category_label:N", title="Category"),
        alt.Tooltip("confidence:N", title="Confidence"),
        alt.Tooltip("evidence:N", title="Evidence (original)"),
        alt.Tooltip("likely_reading:N", title="Likely reading"),
        alt.Tooltip("affects:N", title="Affects"),
    ]
    # The letter covers its segment's middle, so it carries the segment's tooltip: a tap on it
    # opens the same words (the keyboard path counts marks that say the same as one event).
    letters = (
        alt.Chart(data)
        .mark_text(fontSize=10, fontWeight="bold")
        .encode(
            y=y,
            x=alt.X("middle:Q"),
            text="letter:N",
            tooltip=tooltip,
            color=alt.Color(
                "confidence:N",
                scale=alt.Scale(domain=confidence_levels(), range=list(CONFIDENCE_LETTER_INKS)),
                legend=None,
            ),
        )
    )
    bars = (
        alt.Chart(data)
        .mark_bar(stroke="white", strokeWidth=1)
        .encode(
            y=y,
            x=alt.X("start:Q", title="Corrections", axis=alt.Axis(tickMinStep=1, format="d")),
            x2="end:Q",
            color=alt.Color(
                "confidence:N",
                title="Confidence",
                scale=confidence_scale(),
                # each entry names the letter that its segments carry: "H: high"
                legend=alt.Legend(labelExpr="upper(slice(datum.label, 0, 1)) + ': ' + datum.label"),
            ),
            tooltip=tooltip,
        )
    )
    return (
        (bars + letters)
        .resolve_scale(color="independent")
        .properties(
            width="container",
            height=26 * len(order),
            title=theme.phone_title(
                "What kind of errors the article contains",
                subtitle=(
                    "One segment per correction; its letter (H, M, L) and its shade give the "
                    "confidence of the likely reading"
                ),
            ),
        )
    )


def position_chart(corrections: pd.DataFrame, text: str | None = None) -> alt.LayerChart:
    """Where the corrections fall: one mark per correction over its paragraph, coloured by category.

    Grey bars behind give each paragraph's sentence count, so density can be read against
    length; marks of corrections that change the story are outlined in ink and larger.
    """
    text = read_seed() if text is None else text
    data = tidy(corrections, text)
    data["stack"] = data.groupby("paragraph").cumcount() + 1
    data["changes the story"] = data["changes_story"].map({True: "yes", False: "no"})
    data = data[
        [
            "correction_id",
            "paragraph",
            "stack",
            "category_label",
            "confidence",
            "evidence",
            "likely_reading",
            "changes the story",
        ]
    ]
    per_paragraph = (
        pd.DataFrame(sentences(text), columns=["paragraph", "start", "end"])
        .groupby("paragraph")
        .size()
        .rename("sentences")
        .reset_index()
    )
    x = alt.X(
        "paragraph:O",
        title="Paragraph (0 is the headline)",
        axis=alt.Axis(labelAngle=0, labelOverlap="parity"),
        scale=alt.Scale(domain=list(per_paragraph["paragraph"])),
    )
    background = (
        alt.Chart(per_paragraph)
        .mark_bar(color=theme.GRID, stroke=theme.MARK_GREY, strokeWidth=1)
        .encode(
            x=x,
            y=alt.Y(
                "sentences:Q",
                title="Corrections (marks) and sentences (grey bars)",
                axis=alt.Axis(tickMinStep=1, format="d"),
            ),
            tooltip=[
                alt.Tooltip("paragraph:O", title="Paragraph"),
                alt.Tooltip("sentences:Q", title="Sentences"),
            ],
        )
    )
    marks = (
        alt.Chart(data)
        .mark_point(filled=True, opacity=1)
        .encode(
            x=x,
            y=alt.Y("stack:Q"),
            color=alt.Color("category_label:N", title="Category of error", scale=category_scale()),
            shape=alt.Shape(
                "category_label:N",
                title="Category of error",
                scale=alt.Scale(domain=category_scale().domain, range=list(CATEGORY_SHAPES)),
            ),
            size=alt.Size(
                "changes the story:N",
                title="Changes the story",
                scale=alt.Scale(domain=["yes", "no"], range=[220, 90]),
            ),
            # Same field and title as the size: one legend shows both the size and the outline.
            stroke=alt.Stroke(
                "changes the story:N",
                title="Changes the story",
                scale=alt.Scale(domain=["yes", "no"], range=[theme.INK, "white"]),
            ),
            tooltip=[
                alt.Tooltip("paragraph:O", title="Paragraph"),
                alt.Tooltip("category_label:N", title="Category"),
                alt.Tooltip("confidence:N", title="Confidence"),
                alt.Tooltip("evidence:N", title="Original (evidence)"),
                alt.Tooltip("likely_reading:N", title="Likely reading"),
                alt.Tooltip("changes the story:N", title="Changes the story"),
            ],
        )
    )
    return (background + marks).properties(
        width="container",
        height=240,
        title=theme.phone_title(
            "Where in the article the corrections fall",
            subtitle=[
                "One mark per correction, stacked over its paragraph, shaped and coloured by category;",
                "large and outlined: changes the story.",
                "Grey bars: sentences in the paragraph",
            ],
        ),
    )
