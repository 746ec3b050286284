"""One palette and one altair theme for the whole book.

Colours come from the Okabe–Ito palette, chosen to stay distinguishable for readers with
colour-vision deficiencies; each side and each theme keeps its colour in every chapter.
Importing this module changes nothing in altair: a notebook calls :func:`enable` once, which
registers and enables the ``thawbook`` theme and the book's offline, stable-id renderer.
"""

from __future__ import annotations

import hashlib
import json

import altair as alt
from altair.utils.display import HTMLRenderer

from thawbook.paths import ROOT
from thawbook.render.labels import humanise

# Every mark colour reads at 3:1 or more on the light page (#FFFFFF) and on the dark one
# (#14181E, and #121212): its relative luminance lies between about 0.13 and 0.30, so a mark keeps
# one colour in both modes (WCAG 1.4.11, tests/charts/test_theme.py). Okabe–Ito's orange, sky blue
# and black fall outside that band and are replaced by a darker orange (ochre), a deeper sky blue
# and a mid grey, which keep the palette's hues and stay apart for colour-vision deficiencies.
#: The palette's named colours: every palette of the package is made of these (a layout test finds
#: any colour written elsewhere).
BLUE = "#0072B2"
VERMILLION = "#D55E00"
GREEN = "#009E73"  # bluish green
OCHRE = "#A67C00"  # Okabe–Ito orange, darkened
PURPLE = "#CC79A7"  # reddish purple
GREY = "#6B6B6B"
MID_GREY = "#808080"  # lighter than GREY: black, or a dark grey, would vanish on the dark page
SKY = "#3D8FCC"  # Okabe–Ito sky blue, deepened
INK = "#1A1A1A"
GRID = "#E6E6E6"

SIDE_COLORS = {
    "us_government": BLUE,
    "china_government": VERMILLION,
    "analyst": GREEN,
    "business": OCHRE,
    "media": PURPLE,
    "third_party": GREY,
}

THEME_COLORS = {
    "diplomacy": BLUE,
    "sanctions": VERMILLION,
    "export_controls": PURPLE,
    "trade": GREEN,
    "business": OCHRE,
    "military": MID_GREY,
    "climate_finance": SKY,
}

#: Greys for marks that are neither a side nor a theme: a rule, a band's edge, a pale category.
MARK_GREY = THEME_COLORS["military"]
PALE_GREY = "#8C8C8C"
#: A second colour beside a side or theme palette (a grouping such as "both sides").
VIOLET = "#9A6FB0"
#: A ranked ramp of blues, least to most, for the light page; DARK_SWAPS turns it round for the
#: dark page so that the most stays the most visible.
RAMP_BLUES = ("#4A90C8", "#2C6FAA", "#08306B")
#: Ranked greys, surest first (chapter 08's confidence): on the light page darker is surer, on the
#: dark page (DARK_SWAPS) lighter is; each reads at 3:1 on its page.
RANKED_GREYS = (INK, "#6E6E6E", "#8F8F8F")
#: Ink for a letter on the palest ranked grey: near black on the light page, white on the dark one.
INK_ON_PALE = "#111111"

#: The annotated source's highlight colours, by the row kind's CSS code: (light mode, dark mode).
#: The page's stylesheet of them, _static/thawbook-annotate-palette.css, is generated from them
#: (thawbook.render.annotation), and chapter 02's chart draws its kinds of row in them.
HIGHLIGHTS: dict[str, tuple[str, str]] = {
    "ev": (BLUE, BLUE),
    "qu": ("#C04A00", "#C04A00"),
    "ac": ("#00795C", "#00795C"),
    "me": ("#A4407F", "#A4407F"),
    "po": ("#8A5A00", "#8A5A00"),
    "en": ("#5B3A96", "#9A7BD6"),  # the light violet is 2.1:1 on the dark page
    "ec": ("#3D8FC4", "#3D8FC4"),
    "al": ("#1F5F8B", "#8CB8E8"),  # the light navy is 2.6:1 on the dark page
    "ta": ("#2E6E6E", "#2E6E6E"),
    "co": (INK, "#E0E0E0"),  # near black would vanish on the dark page
    "cx": (GREY, GREY),
    "tx": ("#949494", "#949494"),
    "dt": ("#B8336A", "#B8336A"),
}

# Text greys. NEUTRAL is secondary text (subtitles, notes) and swaps to a light grey on the dark
# page (DARK_SWAPS); INK is the main text colour.
NEUTRAL = "#4D4D4D"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def vega_versions() -> dict[str, str]:
    """The versions of vega, vega-lite and vega-embed that altair's specs are written for."""
    return {
        "vega_version": alt.VEGA_VERSION,
        "vegalite_version": alt.VEGALITE_VERSION,
        "vegaembed_version": alt.VEGAEMBED_VERSION,
    }


def label(value: str) -> str:
    """An enum value as a chart names it: :func:`thawbook.render.labels.humanise` without the
    capital (``export_controls`` -> ``export controls``, ``us_government`` -> ``US government``)."""
    return humanise(value, capital=False)


def scale_for(colors: dict[str, str], *, labelled: bool = True) -> alt.Scale:
    """An altair colour scale that pins each category to its colour."""
    domain = [label(key) for key in colors] if labelled else list(colors)
    return alt.Scale(domain=domain, range=list(colors.values()))


def scale_present(colors: dict[str, str], present, *, words=label) -> alt.Scale:
    """A colour scale with only the categories in ``present`` (so that the legend lists only
    what the chart draws), in the palette's order, each keeping its colour. ``words`` names a
    category as the chart's data does (by default :func:`label`: ``us_government`` -> ``US government``)."""
    shown = set(present)
    keys = [key for key in colors if key in shown or words(key) in shown]
    return alt.Scale(domain=[words(key) for key in keys], range=[colors[key] for key in keys])


def wrap_text(text: str, chars: int) -> str:
    """``text`` broken at spaces into lines of at most ``chars`` characters, joined by newlines
    (for a text mark with ``lineBreak="\\n"``): a long label wraps instead of being cut."""
    lines: list[str] = []
    for word in str(text).split():
        if lines and len(lines[-1]) + 1 + len(word) <= chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


#: Characters per line of a chart's title (15 px bold) and subtitle (12 px) that a phone's 342 px
#: column holds, in the wide sans-serif a phone may draw them in; the build's phone-first layout
#: (:mod:`thawbook.render.chart_layout`) wraps with the same widths.
TITLE_CHARS = 32
SUBTITLE_CHARS = 46


def phone_title(text, subtitle=None, **properties) -> alt.Title:
    """An altair title whose text and subtitle are broken into lines that a phone's column
    holds (:data:`TITLE_CHARS`, :data:`SUBTITLE_CHARS`): vega does not wrap titles itself. A list
    is read as one text, its parts joined by spaces."""

    def lines(words, chars: int) -> list[str]:
        parts = [words] if isinstance(words, str) else list(words)
        return wrap_text(" ".join(str(part) for part in parts), chars).split("\n")

    if subtitle is not None:
        properties["subtitle"] = lines(subtitle, SUBTITLE_CHARS)
    return alt.Title(lines(text, TITLE_CHARS), **properties)


def wrap_labels(chars: int = 40) -> str:
    """A Vega expression for ``labelExpr`` that breaks a long axis label into lines of at most
    ``chars`` characters at spaces, so that no label is cut (use with ``labelLimit=0``). The
    page's script rewraps it to fit a narrow screen."""
    pattern = "(.{1,%d})(\\\\s+|$)" % chars  # noqa: UP031 (braces would clash with the regexp's)
    return f"split(trim(replace(''+datum.label, regexp('{pattern}', 'g'), '$1\\n')), '\\n')"


def wrapped_axis(chars: int = 40, **properties) -> alt.Axis:
    """An axis whose long labels wrap (:func:`wrap_labels`) instead of being cut."""
    return alt.Axis(labelExpr=wrap_labels(chars), labelLimit=0, **properties)


def side_scale(present, *, words=label, colors: dict[str, str] | None = None) -> alt.Scale:
    """The sides' colours (or ``colors``), keeping only the sides present: :func:`scale_present`."""
    return scale_present(SIDE_COLORS if colors is None else colors, present, words=words)


# ------------------------------------------------------------------ light and dark
#: The pages' backgrounds: light, and dark (the pydata theme's, and the darker #121212 that some
#: readers' dark modes use). Chart texts must read on each at 4.5:1, marks at 3:1.
PAGE_LIGHT = "#FFFFFF"
PAGES_DARK = ("#14181E", "#121212")

LIGHT: dict = {
    "font": FONT,
    "view": {"stroke": None, "continuousWidth": 320, "continuousHeight": 260},
    "title": {
        "fontSize": 15,
        "anchor": "start",
        "color": INK,
        "subtitleColor": NEUTRAL,
        "subtitleFontSize": 12,
    },
    "axis": {
        "labelColor": INK,
        "titleColor": INK,
        "gridColor": GRID,
        "labelFontSize": 12,
        "titleFontSize": 12,
    },
    # Legends sit under the chart, where they leave a phone's column to the marks.
    "legend": {
        "labelColor": INK,
        "titleColor": INK,
        "labelFontSize": 12,
        "labelLimit": 0,
        "orient": "bottom",
        "direction": "vertical",
        "columns": 2,
    },
    "header": {"labelColor": INK, "titleColor": INK},
    "text": {"color": INK},
    "range": {"category": list(THEME_COLORS.values())},
    "mark": {"color": SIDE_COLORS["us_government"]},
}

# Dark mode keeps the palette: only the greys, and the black a light page needs, change. The
# page's script (charts_script) lays DARK over a chart's config and swaps the colours a chart
# fixes itself (a rule's grey, a label's ink) by DARK_SWAPS.
DARK: dict = {
    "background": "transparent",
    "title": {"color": "#EDEDED", "subtitleColor": "#BDBDBD"},
    "axis": {
        "labelColor": "#E0E0E0",
        "titleColor": "#E0E0E0",
        "gridColor": "#3A3A3A",
        "domainColor": "#9A9A9A",
        "tickColor": "#9A9A9A",
    },
    "legend": {"labelColor": "#E0E0E0", "titleColor": "#E0E0E0"},
    "header": {"labelColor": "#E0E0E0", "titleColor": "#E0E0E0"},
    "text": {"color": "#E0E0E0"},
}
DARK_SWAPS: dict[str, str] = {
    INK: "#E0E0E0",
    "#000000": "#E0E0E0",
    "black": "#E0E0E0",
    NEUTRAL: "#B3B3B3",
    GRID: "#3A3A3A",
    # The middle and pale greys of a ranked grey scale (chapter 08's confidence) swap so that
    # the scale keeps its order on the dark page: the surest reads brightest.
    RANKED_GREYS[1]: "#A6A6A6",
    RANKED_GREYS[2]: "#6F6F6F",
    INK_ON_PALE: "#FFFFFF",
    RAMP_BLUES[0]: RAMP_BLUES[1],
    RAMP_BLUES[1]: RAMP_BLUES[0],
    RAMP_BLUES[2]: "#97C0E6",
    "#FFFFFF": "#1A1A1A",
    "white": "#1A1A1A",
    # The annotated source's highlight colours that its page changes in dark mode (encounters and
    # coding alternatives): chapter 02's chart draws its kinds of row in the text's highlight
    # colours in both modes.
    HIGHLIGHTS["en"][0]: HIGHLIGHTS["en"][1],
    HIGHLIGHTS["al"][0]: HIGHLIGHTS["al"][1],
}


def thawbook_theme() -> alt.theme.ThemeConfig:
    """The book's altair theme: fonts, greys and the palette's order (the light mode)."""
    return {"config": json.loads(json.dumps(LIGHT))}


def title_text(spec: dict) -> str:
    """A chart's title and subtitle as one sentence, searching concatenated and layered parts."""
    title = spec.get("title")
    if isinstance(title, dict):
        parts = [title.get("text"), title.get("subtitle")]
    else:
        parts = [title]
    words = [" ".join(p) if isinstance(p, list) else p for p in parts if p]
    if words:
        return ". ".join(str(w).rstrip(".") for w in words) + "."
    for key in ("vconcat", "hconcat", "concat", "layer"):
        for part in spec.get(key, []):
            found = title_text(part)
            if found:
                return found
    return ""


class ScriptSafeJSONEncoder(json.JSONEncoder):
    """JSON that can sit inside ``<script>``: ``</`` and ``<!--`` in a string (a chart title or
    a data value such as ``</script><script>...``) could otherwise end the script or change how
    the HTML parser reads it. ``\\u003c`` is the same character to JavaScript."""

    def encode(self, o) -> str:
        """``o`` as JSON, safe inside ``<script>``."""
        return script_safe(super().encode(o))


def script_safe(text: str) -> str:
    """JSON text with ``</`` and ``<!--`` escaped for embedding in ``<script>`` (``<`` occurs in
    JSON text only inside strings, where ``\\u003c`` means the same)."""
    return text.replace("</", "\\u003c/").replace("<!--", "\\u003c!--")


class StableHTMLRenderer(HTMLRenderer):
    """altair's HTML renderer with two changes that make the book reproducible and accessible.

    - The chart's ``<div>`` id is derived from the spec instead of a random UUID, so the same
      chart executes to the same output every time: stored notebook outputs and built pages
      change only when a chart does.
    - A chart without a ``description`` gets its title as one; vega-embed puts it on the chart
      as ``aria-label``, so a screen reader announces what the chart shows.
    - The spec is written into the page's ``<script>`` by :class:`ScriptSafeJSONEncoder`.
    """

    def __call__(self, spec: dict, **metadata) -> dict[str, str]:
        """The chart's HTML, with a stable div id and a description."""
        if not spec.get("description"):
            spec = {**spec, "description": title_text(spec) or "Chart"}
        digest = hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()
        self._div = f"altair-viz-{digest[:24]}"
        return super().__call__(spec, **{"json_kwds": {"cls": ScriptSafeJSONEncoder}, **metadata})

    @property
    def output_div(self) -> str:
        """The div id of the chart being rendered."""
        return self._div


# Charts render as SVG, so their marks and text are in the page for screen readers and
# tests. vega-embed's action menu is off: its <summary> has no accessible name, and its
# editor link would leave the machine. The data behind each chart is in a table instead.
# The libraries come from the book's own bundle (thawbook.book.sphinxext), so the loader's
# fallback URL is a local path rather than altair's default CDN: even if the bundle were
# missing, no request would leave the machine.
OFFLINE_LIBRARY_URL = "./vega-libraries-are-bundled-by-the-book"


def enable() -> None:
    """Register and enable the book's altair theme and its offline, stable-id HTML renderer.

    Every notebook that draws a chart calls this once; importing :mod:`thawbook.charts.theme` alone
    has no effect on altair."""
    alt.theme.register("thawbook", enable=True)(thawbook_theme)
    alt.renderers.register(
        "thawbook",
        StableHTMLRenderer(
            mode="vega-lite",
            template="universal",
            vega_version=alt.VEGA_VERSION,
            vegaembed_version=alt.VEGAEMBED_VERSION,
            vegalite_version=alt.VEGALITE_VERSION,
        ),
    )
    alt.renderers.enable(
        "thawbook",
        base_url=OFFLINE_LIBRARY_URL,
        embed_options={"renderer": "svg", "actions": False},
    )


# ------------------------------------------------------------------ the page's chart settings
CHARTS_CONFIG_FILE = "thawbook-charts-config.js"


def swap_signal(colour: str) -> str:
    """The Vega signal that stands, in a compiled chart, for a colour it fixes itself (a key of
    :data:`DARK_SWAPS`); each colour mode's config gives it its value."""
    return "thawbook_" + "".join(c for c in colour if c.isalnum()).lower()


def colour_signals(values: dict[str, str]) -> list[dict]:
    """Vega config signals for the swapped colours, ``{colour: its value in this mode}``."""
    return [{"name": swap_signal(colour), "value": value} for colour, value in values.items()]


def charts_config() -> dict:
    """The two Vega configs the page's chart script (``_static/thawbook-charts.js``) draws with:
    in light mode each chart's own colours (kept beside its spec by ``thawbook.render.chart_assets``)
    and the swapped colours as they are; in dark mode :data:`DARK` and the swapped colours' dark
    values."""
    return {
        "light": {"signals": colour_signals({c: c for c in DARK_SWAPS})},
        "dark": {**json.loads(json.dumps(DARK)), "signals": colour_signals(DARK_SWAPS)},
    }


def charts_config_script() -> str:
    """:func:`charts_config` as a script that sets ``window.THAWBOOK_CHARTS``."""
    body = json.dumps(charts_config(), sort_keys=True, ensure_ascii=False)
    return (
        "/* Generated by thawbook.charts.theme.write_charts_config() from the book's theme; do not edit. */\n"
        f"window.THAWBOOK_CHARTS = {script_safe(body)};\n"
    )


def write_charts_config(static_dir=None):
    """Write :func:`charts_config_script` to ``_static/``; a test fails when the committed file is stale."""
    from pathlib import Path

    target = Path(static_dir or ROOT / "_static") / CHARTS_CONFIG_FILE
    target.write_text(charts_config_script(), encoding="utf-8")
    return target
