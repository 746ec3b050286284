"""WCAG contrast of every colour the charts use, on the light page and on the dark one.

A chart's text must read at 4.5:1 against the page (WCAG 1.4.3) and its marks at 3:1 (1.4.11),
in light mode (#FFFFFF) and in dark mode (the pydata theme's #14181E, and #121212), where the
page's script lays theme.DARK over a chart's config and swaps the colours of theme.DARK_SWAPS.
Categories of one palette must also stay apart in both modes. The WCAG formulas are written out
here, apart from the package, so that the test checks the palette against the standard itself.
"""

from __future__ import annotations

import itertools
import math

import pytest

from thawbook.charts import annotation, contacts, criticism, dating, thaw, theme, voices
from thawbook.charts import thaw_plover as thaw_plover_charts

TEXT_MIN = 4.5
MARK_MIN = 3.0
LIGHT_PAGE = "#FFFFFF"
DARK_PAGES = ("#14181E", "#121212")


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB ``#RRGGBB`` colour."""
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour, for how far apart two colours look (ΔE 1976)."""
    value = colour.lstrip("#")
    rgb = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    xyz = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def delta_e(a: str, b: str) -> float:
    return math.dist(lab(a), lab(b))


def in_dark(colour: str) -> str:
    """The colour the page's script draws on the dark page."""
    swaps = {k.upper(): v for k, v in theme.DARK_SWAPS.items()}
    return swaps.get(colour.upper(), colour)


def worst_mark_contrast(colour: str) -> float:
    """The lowest contrast of a mark colour against the light page and, swapped, the dark ones."""
    return min([contrast(colour, LIGHT_PAGE)] + [contrast(in_dark(colour), page) for page in DARK_PAGES])


# Every palette of the book's charts: categories that a legend names.
PALETTES = {
    "sides": theme.SIDE_COLORS,
    "themes": theme.THEME_COLORS,
    "sides or both (06, 07)": contacts._SIDE_OR_BOTH,
    "voices (09)": voices.VOICE_COLORS,
    "QuadClass (10)": thaw.QUAD_COLORS,
    "codings (10)": thaw.SCENARIO_COLORS,
    "domains (10)": thaw.DOMAIN_COLORS,
    "scores (10)": thaw_plover_charts.SCALE_COLORS,
    "categories of error (08)": dict(enumerate(criticism.CATEGORY_PALETTE)),
    "confidence (08)": dict(enumerate(criticism.CONFIDENCE_GREYS)),
    "constraints (03)": {"clue": dating.LIGHT, "publication": dating.INK},
    "kinds of row (02)": annotation.palette(),
}
# Mark colours that are no category of a palette: a rule, an outline, a hollow or faint fill.
OTHER_MARKS = {theme.MARK_GREY, theme.PALE_GREY, theme.VIOLET}
MARK_COLOURS = sorted({c.upper() for palette in PALETTES.values() for c in palette.values()} | OTHER_MARKS)


@pytest.mark.parametrize("colour", MARK_COLOURS)
def test_every_palette_colour_reads_at_3_to_1_on_the_light_and_the_dark_page(colour):
    light = contrast(colour, LIGHT_PAGE)
    dark = min(contrast(in_dark(colour), page) for page in DARK_PAGES)
    print(f"{colour}: {light:.2f}:1 light, {dark:.2f}:1 dark (as {in_dark(colour)})")
    assert light >= MARK_MIN, f"{colour} is {light:.2f}:1 on the light page"
    assert dark >= MARK_MIN, f"{colour} (drawn {in_dark(colour)}) is {dark:.2f}:1 on the dark page"


def _text_colours(config: dict) -> dict[str, str]:
    found = {}
    for part, settings in config.items():
        if not isinstance(settings, dict) or part == "mark":
            continue
        for key, value in settings.items():
            if (key == "color" or key.endswith("Color")) and key not in (
                "gridColor",
                "domainColor",
                "tickColor",
            ):
                found[f"{part}.{key}"] = value
    return found


def test_every_chart_text_colour_reads_at_4_5_to_1_in_both_modes():
    light = _text_colours(theme.LIGHT)
    dark = {**light, **_text_colours(theme.DARK)}
    dark = {key: in_dark(value) for key, value in dark.items()}
    # Texts that charts colour themselves: ink, and the grey of notes and subtitles.
    light.update({"INK": theme.INK, "NEUTRAL": theme.NEUTRAL})
    dark.update({"INK": in_dark(theme.INK), "NEUTRAL": in_dark(theme.NEUTRAL)})
    assert {
        "title.color",
        "title.subtitleColor",
        "axis.labelColor",
        "legend.labelColor",
        "text.color",
    } <= set(light)
    low = [
        (key, colour, round(contrast(colour, LIGHT_PAGE), 2))
        for key, colour in light.items()
        if contrast(colour, LIGHT_PAGE) < TEXT_MIN
    ] + [
        (key, colour, round(contrast(colour, page), 2))
        for key, colour in dark.items()
        for page in DARK_PAGES
        if contrast(colour, page) < TEXT_MIN
    ]
    print({key: round(contrast(c, LIGHT_PAGE), 2) for key, c in light.items()})
    print({key: round(min(contrast(c, p) for p in DARK_PAGES), 2) for key, c in dark.items()})
    assert not low, f"chart text under {TEXT_MIN}:1: {low}"


# Two categories of one palette closer than this (ΔE 1976) would read as one.
MIN_DELTA_E = 10.0


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_the_categories_of_a_palette_stay_apart_in_both_modes(name):
    colours = list(PALETTES[name].values())
    for mode, draw in (("light", lambda c: c), ("dark", in_dark)):
        close = [
            (a, b, round(delta_e(draw(a), draw(b)), 1))
            for a, b in itertools.combinations(colours, 2)
            if a.upper() != b.upper() and delta_e(draw(a), draw(b)) < MIN_DELTA_E
        ]
        assert not close, f"{name}, {mode} mode: categories too alike: {close}"


def test_the_chart_of_chapter_02_draws_each_kind_in_its_highlight_colour_in_both_modes():
    # The page's highlights (thawbook.charts.theme.HIGHLIGHTS) and the chart's dark swaps agree.
    from thawbook.charts.theme import HIGHLIGHTS as COLOURS

    for code, (light, dark) in COLOURS.items():
        assert in_dark(light).upper() == dark.upper(), (code, light, in_dark(light), dark)


def test_a_ranked_grey_scale_keeps_its_order_on_the_dark_page():
    # Chapter 08's confidence: the surest is the darkest on the light page and the brightest on the dark one.
    greys = criticism.CONFIDENCE_GREYS
    light = [contrast(g, LIGHT_PAGE) for g in greys]
    dark = [contrast(in_dark(g), DARK_PAGES[0]) for g in greys]
    assert light == sorted(light, reverse=True) and dark == sorted(dark, reverse=True)


# ------------------------------------------------------------------ the checks can fail
def test_okabe_itos_orange_and_black_are_caught():
    # Okabe–Ito's orange on white and black on the dark page: the colours the book replaced.
    assert round(contrast("#E69F00", LIGHT_PAGE), 2) == 2.25
    assert contrast("#E69F00", LIGHT_PAGE) < MARK_MIN
    assert contrast("#000000", DARK_PAGES[0]) < MARK_MIN
    assert worst_mark_contrast("#56B4E9") < MARK_MIN
    assert contrast("#1A1A1A", LIGHT_PAGE) > 17 and contrast("#FFFFFF", "#000000") == 21


def test_two_greys_that_become_one_are_caught():
    assert delta_e("#7A7A7A", "#7B7B7B") < MIN_DELTA_E < delta_e("#0072B2", "#D55E00")


def test_the_letter_in_each_confidence_segment_reads_at_4_5_to_1_on_its_grey_in_both_modes():
    pairs = list(zip(criticism.CONFIDENCE_LETTER_INKS, criticism.CONFIDENCE_GREYS))
    ratios = [
        (round(contrast(_hex(ink), grey), 2), round(contrast(in_dark(_hex(ink)), in_dark(grey)), 2))
        for ink, grey in pairs
    ]
    print(ratios)
    assert all(min(r) >= TEXT_MIN for r in ratios), ratios


def _hex(colour: str) -> str:
    return "#FFFFFF" if colour == "white" else colour
