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

SIDE_COLORS = {
    "us_government": "#0072B2",  # blue
    "china_government": "#D55E00",  # vermillion
    "analyst": "#009E73",  # bluish green
    "business": "#E69F00",  # orange
    "media": "#CC79A7",  # reddish purple
    "third_party": "#6B6B6B",  # grey
}

THEME_COLORS = {
    "diplomacy": "#0072B2",
    "sanctions": "#D55E00",
    "export_controls": "#CC79A7",
    "trade": "#009E73",
    "business": "#E69F00",
    "military": "#000000",
    "climate_finance": "#56B4E9",
}

NEUTRAL = "#4D4D4D"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def label(value: str) -> str:
    """An enum value as words: ``export_controls`` -> ``export controls``."""
    return str(value).replace("_", " ")


def scale_for(colors: dict[str, str], *, labelled: bool = True) -> alt.Scale:
    """An altair colour scale that pins each category to its colour."""
    domain = [label(key) for key in colors] if labelled else list(colors)
    return alt.Scale(domain=domain, range=list(colors.values()))


def thawbook_theme() -> alt.theme.ThemeConfig:
    """The book's altair theme: fonts, greys and the palette's order."""
    return {
        "config": {
            "font": FONT,
            "view": {"stroke": None, "continuousWidth": 560, "continuousHeight": 300},
            "title": {"fontSize": 15, "anchor": "start", "color": "#1A1A1A", "subtitleColor": NEUTRAL},
            "axis": {
                "labelColor": "#1A1A1A",
                "titleColor": "#1A1A1A",
                "gridColor": "#E6E6E6",
                "labelFontSize": 12,
                "titleFontSize": 12,
            },
            "legend": {"labelColor": "#1A1A1A", "titleColor": "#1A1A1A", "labelFontSize": 12},
            "range": {"category": list(THEME_COLORS.values())},
            "mark": {"color": SIDE_COLORS["us_government"]},
        }
    }


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
        if not spec.get("description"):
            spec = {**spec, "description": title_text(spec) or "Chart"}
        digest = hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()
        self._div = f"altair-viz-{digest[:24]}"
        return super().__call__(spec, **{"json_kwds": {"cls": ScriptSafeJSONEncoder}, **metadata})

    @property
    def output_div(self) -> str:
        return self._div


# Charts render as SVG, so their marks and text are in the page for screen readers and
# tests. vega-embed's action menu is off: its <summary> has no accessible name, and its
# editor link would leave the machine. The data behind each chart is in a table instead.
# The libraries come from the book's own bundle (thawbook.sphinxext), so the loader's
# fallback URL is a local path rather than altair's default CDN: even if the bundle were
# missing, no request would leave the machine.
OFFLINE_LIBRARY_URL = "./vega-libraries-are-bundled-by-the-book"


def enable() -> None:
    """Register and enable the book's altair theme and its offline, stable-id HTML renderer.

    Every notebook that draws a chart calls this once; importing :mod:`thawbook.theme` alone
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
