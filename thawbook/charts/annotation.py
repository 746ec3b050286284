"""The charts of the annotated source: where the data rests on the article, sentence by sentence.

The colours of the kinds of row are the page's own: :func:`palette` takes them from
:data:`thawbook.charts.theme.HIGHLIGHTS`, from which the highlights' stylesheet is generated.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from thawbook.analysis.annotation import KINDS, shorten
from thawbook.charts import theme
from thawbook.inputs.seed import paragraph_bounds, read_seed


def palette() -> dict[str, str]:
    """kind -> its light-mode colour (:data:`thawbook.charts.theme.HIGHLIGHTS`), as the highlights show it."""
    return {kind: theme.HIGHLIGHTS[code][0] for kind, (code, _, _) in KINDS.items()}


def _openings(text: str) -> dict[int, str]:
    return {n: shorten(text[a:b], 60) for n, (a, b) in enumerate(paragraph_bounds(text))}


def density_chart(per_paragraph: pd.DataFrame, text: str | None = None) -> alt.Chart:
    """Rows grounded in each paragraph (from :func:`density`), stacked by kind in the page's
    colours; the tooltip gives the paragraph's opening words (looked up, to keep the page small)."""
    text = read_seed() if text is None else text
    colours = palette()
    kinds = [kind for kind in KINDS if kind in set(per_paragraph["kind"])]
    labels = [KINDS[k][1] for k in kinds]
    openings = pd.DataFrame(sorted(_openings(text).items()), columns=["paragraph", "opening"])
    return (
        alt.Chart(
            per_paragraph[["paragraph", "kind_label", "rows"]],
            title=theme.phone_title(
                "Where the data rests on the article",
                subtitle="Rows grounded in each paragraph, by kind of row",
            ),
        )
        .transform_lookup(lookup="paragraph", from_=alt.LookupData(openings, "paragraph", ["opening"]))
        .mark_bar(stroke="white", strokeWidth=0.6)
        .encode(
            x=alt.X(
                "paragraph:O",
                title="Paragraph (0 is the headline)",
                axis=alt.Axis(labelAngle=0, labelOverlap="parity"),
            ),
            y=alt.Y("rows:Q", title="Rows grounded", stack="zero"),
            color=alt.Color(
                "kind_label:N",
                title="Kind of row",
                sort=labels,
                scale=alt.Scale(domain=labels, range=[colours[k] for k in kinds]),
            ),
            tooltip=[
                alt.Tooltip("paragraph:O", title="Paragraph"),
                alt.Tooltip("opening:N", title="Opens with"),
                alt.Tooltip("kind_label:N", title="Kind"),
                alt.Tooltip("rows:Q", title="Rows"),
            ],
        )
        .properties(width="container", height=240)
    )


# Darker blue is more rows on the light page; on the dark page (theme.DARK_SWAPS) the ramp turns
# round, so that brighter is more. Every step reads at 3:1 on its page; none is the page itself.
SENTENCE_BANDS = (
    ("none", 0, 0, theme.PAGE_LIGHT),
    ("1 to 2", 1, 2, theme.RAMP_BLUES[0]),
    ("3 to 5", 3, 5, theme.RAMP_BLUES[1]),
    ("6 or more", 6, 10**6, theme.RAMP_BLUES[2]),
)


def sentence_chart(coverage: pd.DataFrame) -> alt.Chart:
    """Each sentence as a cell in reading order (row = paragraph), shaded by the rows it grounds;
    sentences that ground none are white."""
    band = {n: label for label, lo, hi, _ in SENTENCE_BANDS for n in range(lo, min(hi, 200) + 1)}
    data = coverage.assign(
        band=coverage["rows"].map(lambda n: band.get(n, SENTENCE_BANDS[-1][0])),
        words=coverage["text"].map(lambda v: shorten(v, 72)),
    )[["sentence", "paragraph", "position", "rows", "band", "words"]]
    return (
        alt.Chart(
            data,
            title=theme.phone_title(
                "Which sentences ground a row",
                subtitle="One cell per sentence in reading order; white cells ground none",
            ),
        )
        .mark_rect(stroke=theme.INK, strokeWidth=0.8)
        .encode(
            x=alt.X("position:O", title="Sentence within the paragraph", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("paragraph:O", title="Paragraph (0 is the headline)"),
            color=alt.Color(
                "band:N",
                title="Rows grounded",
                scale=alt.Scale(domain=[b[0] for b in SENTENCE_BANDS], range=[b[3] for b in SENTENCE_BANDS]),
            ),
            tooltip=[
                alt.Tooltip("sentence:Q", title="Sentence"),
                alt.Tooltip("paragraph:O", title="Paragraph"),
                alt.Tooltip("rows:Q", title="Rows grounded"),
                alt.Tooltip("words:N", title="Sentence text"),
            ],
        )
        .properties(width=alt.Step(34), height=alt.Step(16))
    )
