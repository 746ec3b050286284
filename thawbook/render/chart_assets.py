"""Offline, light charts for the book build: Vega-Lite compiled to Vega at build time.

altair's HTML output carries a chart's Vega-Lite spec and a loader that would fetch vega,
vega-lite and vega-embed. When a page is written (``html-page-context``), every such output
(a ``<div>`` whose id :class:`thawbook.charts.theme.StableHTMLRenderer` names
``altair-viz-<digest>`` and the ``<script>`` after it) is replaced by the div, named for screen
readers, and a JSON script holding the chart compiled to Vega by ``vl-convert``
(:func:`compile_chart`). The pages then load only the Vega runtime (``thawbook/vega-bundle.js``, written
at build time from the bundle that ships inside ``vl-convert-python``, linked only from pages
with a chart) and ``_static/thawbook-charts.js``, which draws each spec with ``vega.View``.

The compiled chart is laid out for a phone's column first (:func:`phone_first`): its views
take the width of their container (Vega-Lite's ``width: "container"``), legends sit below,
long titles and category labels break into lines. Colours do not live in the spec: the colour
keys that the dark theme sets are moved out of the spec's ``config`` into the chart's ``light``
config, and a colour the chart fixes itself (a rule's grey, a label's ink) becomes a signal
that both modes' configs define (``thawbook.charts.theme.DARK_SWAPS``). The page script
switches the colour mode by passing the other config; it never rewrites a spec.
Hooked into Sphinx by :mod:`thawbook.book.sphinxext`.
"""

from __future__ import annotations

import copy
import html
import json
import re
from pathlib import Path

from sphinx.application import Sphinx

from thawbook.charts.theme import swap_signal
from thawbook.render.chart_layout import MEASURE_FONT, PHONE_COLUMN_PX, phone_first, views

BUNDLE_NAME = "thawbook/vega-bundle.js"
# The id of a chart's <div>, as thawbook.charts.theme.StableHTMLRenderer names it: altair-viz-<digest>.
CHART_DIV = re.compile(r"""\bid=["']altair-viz-[0-9a-f]+["']""")
# An altair output as it is written into a page: the chart's div and the loader after it.
ALTAIR_OUTPUT = re.compile(
    r'<div id="(altair-viz-[0-9a-f]+)"></div>\s*<script type="text/javascript">(.*?)</script>', re.S
)

COLOUR_KEYS = {"fill", "stroke", "color", "background", "range"}


# ------------------------------------------------------------------ the runtime
#: The module name under which vl-convert-python carries vega inside itself. Its bundler resolves
#: it from that copy (it bundles with no network at all); the name is only an identifier here, and
#: nothing is fetched from it at build time or by a page.
VEGA_MODULE = "https://cdn.jsdelivr.net/npm/vega@{version}/+esm"


def vega_bundle_source() -> str:
    """The Vega runtime alone (no Vega-Lite compiler, no vega-embed), from vl-convert's copy."""
    import vl_convert

    module = VEGA_MODULE.format(version=vl_convert.get_vega_version())
    snippet = f'import * as vegaRuntime from "{module}";\nwindow.vega = vegaRuntime;'
    bundle = vl_convert.javascript_bundle(snippet, vl_version=vl_version())
    # In a function of its own: the bundle's top-level names would clash with the page's.
    return (
        "/* vega, bundled by vl-convert-python at build time; specs are compiled to Vega already. */\n"
        "(function () {\n" + bundle + "\n})();\n"
    )


def vl_version() -> str:
    """The Vega-Lite version (major.minor) that altair's specs are written for."""
    from thawbook.charts.theme import vega_versions

    return ".".join(vega_versions()["vegalite_version"].split(".")[:2])


# ------------------------------------------------------------------ compiling
def _signalise(node, swaps: dict, colour_key: bool = False):
    """Colours of ``swaps`` in colour properties replaced by their signals (see :func:`swap_signal`)."""
    if isinstance(node, str):
        return {"signal": swap_signal(node)} if colour_key and node in swaps else node
    if isinstance(node, list):
        return [_signalise(item, swaps, colour_key) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in ("data", "config", "description"):
            out[key] = value
        elif (
            colour_key
            and key == "value"
            and isinstance(value, str)
            and value in swaps
            and "scale" not in node
        ):
            out["signal"] = swap_signal(value)
        else:
            out[key] = _signalise(
                value, swaps, colour_key if key == "value" else key in COLOUR_KEYS or key.endswith("Color")
            )
    return out


def _pop_paths(config: dict, paths: dict) -> dict:
    """Take out of ``config`` every key that ``paths`` (a nested dict) names; return them."""
    taken = {}
    for key, sub in paths.items():
        if key not in config:
            continue
        if isinstance(sub, dict) and isinstance(config[key], dict):
            inner = _pop_paths(config[key], sub)
            if inner:
                taken[key] = inner
            if not config[key]:
                del config[key]
        else:
            taken[key] = config.pop(key)
    return taken


def prune_data(vega: dict) -> None:
    """Drop the columns of inline data that nothing in the spec names (altair keeps every
    column of the data frame; the marks, tooltips and transforms name the ones they use)."""
    rest = json.dumps({k: v for k, v in vega.items() if k != "data"}) + json.dumps(
        [{k: v for k, v in d.items() if k != "values"} for d in vega.get("data", [])]
    )
    for data in vega.get("data", []):
        rows = data.get("values")
        if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
            continue
        used = {key for row in rows for key in row if key in rest}
        data["values"] = [{k: v for k, v in row.items() if k in used} for row in rows]


def compile_chart(vl: dict) -> dict:
    """A Vega-Lite spec as the page receives it: ``{"spec": <Vega>, "light": <config>}``."""
    import vl_convert

    from thawbook.charts.theme import DARK, DARK_SWAPS

    laid_out = phone_first(vl)
    stacked = any(key in laid_out for key in ("vconcat", "concat", "facet"))
    extent = side_extent(laid_out) if stacked else 0
    if "facet" in laid_out:  # a facet's views cannot take the container's width: a phone's, then
        laid_out = _set_container(laid_out, max(100, PHONE_COLUMN_PX - extent))
    vega = vl_convert.vegalite_to_vega(laid_out, vl_version=vl_version())
    config = vega.setdefault("config", {})
    light = _pop_paths(config, DARK)
    if "background" in vega:
        light["background"] = vega.pop("background")
    vega = _signalise(vega, DARK_SWAPS)
    if stacked:
        fit_width_to_column(vega, extent)
    vega.pop("usermeta", None)  # the names beside a chart are written once, by names_markup
    prune_data(vega)
    out = {"spec": vega, "light": light}
    filters = legend_filters(vl)
    if filters:
        out["filters"] = filters
    return out


def legend_filters(vl: dict) -> list[dict]:
    """The chart's selections bound to its legend, for the page's row of buttons that stands in
    for them: the selection's name, its field, the legend's title and its entries."""
    found = []
    for view in views(vl):
        for param in view.get("params") or []:
            select = param.get("select")
            select = {"type": select} if isinstance(select, str) else select or {}
            if param.get("bind") != "legend" or select.get("type") != "point" or not select.get("fields"):
                continue
            field, title, values = select["fields"][0], select["fields"][0], None
            for other in views(vl):
                for definition in (other.get("encoding") or {}).values():
                    if isinstance(definition, dict) and definition.get("field") == field and values is None:
                        domain = (definition.get("scale") or {}).get("domain")
                        values = domain if isinstance(domain, list) else None
                        if isinstance(definition.get("title"), str):
                            title = re.sub(r"\s*\(.*\)\s*$", "", definition["title"])
            if values is None:
                inline = [(v.get("data") or {}).get("values") or [] for v in views(vl)]
                rows = [r for rs in [*(vl.get("datasets") or {}).values(), *inline] for r in rs]
                values = list(dict.fromkeys(r[field] for r in rows if r.get(field) is not None))
            found.append({"name": param["name"], "field": field, "title": title.lower(), "values": values})
    return found


def _set_container(spec: dict, width) -> dict:
    """A copy of ``spec`` with every container-wide view ``width`` px wide instead."""
    spec = copy.deepcopy(spec)
    for view in views(spec):
        if view.get("width") == "container":
            view["width"] = width
    return spec


def drawn_width(laid_out: dict, view_px: float) -> float:
    """How wide a laid-out chart draws with ``view_px`` wide views, in the font Chromium uses on
    Debian for the theme's ``system-ui`` (wider than vl-convert's own)."""
    import vl_convert

    probe = _set_container(laid_out, view_px)
    probe.setdefault("config", {})["font"] = MEASURE_FONT
    svg = vl_convert.vegalite_to_svg(probe, vl_version=vl_version())
    return float(re.search(r'<svg[^>]*\swidth="([0-9.]+)"', svg).group(1))


def side_extent(laid_out: dict) -> int:
    """How much wider than its views a stacked chart draws (axes, legends and titles beside or
    under them): measured with 300 px views, then corrected until the chart fits a phone's
    column (texts that do not narrow with the view count fully there)."""
    extent = round(max(0.0, drawn_width(laid_out, 300) - 300) * 1.05 + 12)
    for _ in range(3):
        over = drawn_width(laid_out, max(100, PHONE_COLUMN_PX - extent)) - PHONE_COLUMN_PX
        if over <= 0 or PHONE_COLUMN_PX - extent <= 100:
            return extent
        extent += round(over) + 2
    # still too wide: the chart grows by less than a pixel per pixel of view (panels share
    # their width), so search for the widest view that fits, to a pixel
    fits, too_wide = 100, PHONE_COLUMN_PX - extent
    if drawn_width(laid_out, too_wide) <= PHONE_COLUMN_PX:
        return extent
    while too_wide - fits > 1:
        middle = (fits + too_wide) // 2
        if drawn_width(laid_out, middle) <= PHONE_COLUMN_PX:
            fits = middle
        else:
            too_wide = middle
    return PHONE_COLUMN_PX - fits


def fit_width_to_column(vega: dict, extent: int) -> None:
    """Views stacked one above another each take the container's width, and Vega-Lite does not
    subtract the axes and legends beside them: their width is the container's less ``extent``."""
    width = next((s for s in vega.get("signals", []) if s.get("name") == "width"), None)
    if not width or "containerSize" not in str(width.get("init")):
        return
    expr = f"max(100, (isFinite(containerSize()[0]) ? containerSize()[0] : 640) - {extent})"
    width["init"] = expr
    for handler in width.get("on", []):
        handler["update"] = expr


def names_markup(vl: dict) -> str:
    """The names of the events a chart draws (:func:`thawbook.charts.names.with_names`), as a
    list under the chart that one tap opens; "" for a chart that carries none."""
    from thawbook.charts.names import NAMES_KEY
    from thawbook.render.display import escape_html

    names = (vl.get("usermeta") or {}).get(NAMES_KEY)
    if not names:
        return ""
    items = "".join(f"<li>{escape_html(name)}</li>" for name in names["names"])
    return (
        f'\n<details class="thawbook-chart-names"><summary>{escape_html(names["heading"])}</summary>'
        f"<ol>{items}</ol></details>"
    )


def chart_markup(div_id: str, vl: dict) -> str:
    """A chart's div, named by its description, its compiled spec as JSON, and the names of
    its events when it carries them (:func:`names_markup`)."""
    from thawbook.charts.theme import script_safe, title_text

    compiled = compile_chart(vl)
    name = html.escape(vl.get("description") or title_text(vl) or "Chart", quote=True)
    payload = script_safe(json.dumps(compiled, separators=(",", ":"), ensure_ascii=False))
    return (
        f'<div id="{div_id}" class="thawbook-chart vega-embed" role="figure" tabindex="0" aria-label="{name}"></div>\n'
        f'<script type="application/json" class="thawbook-chart-spec">{payload}</script>' + names_markup(vl)
    )


def compile_page(body: str) -> str:
    """A page's HTML with every altair output replaced by its compiled chart."""
    decoder = json.JSONDecoder()

    def replace(match: re.Match) -> str:
        loader = match.group(2)
        spec, _ = decoder.raw_decode(loader, loader.index("})(") + 3)
        return chart_markup(match.group(1), spec)

    return ALTAIR_OUTPUT.sub(replace, body)


# ------------------------------------------------------------------ Sphinx hooks
def write_assets_before_pages(app: Sphinx) -> None:
    """Write generated assets before any page is written.

    Sphinx appends ``?v=<checksum>`` to an asset's URL only if the file already exists when a
    page is written. Writing the vega bundle, and myst-nb's stylesheet (which myst-nb itself
    writes only at the end), up front makes a cold build's HTML identical to a warm one's.
    """
    if app.builder.format != "html":
        return
    from myst_nb.sphinx_ext import add_global_html_resources

    write_vega_bundle(app, None)
    add_global_html_resources(app, None)


def write_vega_bundle(app: Sphinx, exception: Exception | None) -> None:
    """Write the offline vega runtime into the HTML build's ``_static``, if it changed."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / BUNDLE_NAME
    source = vega_bundle_source()
    if not target.exists() or target.read_text(encoding="utf-8") != source:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source, encoding="utf-8")


def has_chart(html: str) -> bool:
    """Whether a page's body holds an altair chart, by the ids the project gives their divs."""
    return CHART_DIV.search(html) is not None


def link_bundle_on_chart_pages(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Compile the page's charts to Vega, and load the Vega runtime on pages with a chart only.

    sphinx-design's stylesheet and script (62 kB) are linked from every page; a page that uses
    none of its components (no ``sd-`` class) goes without them."""
    body = context.get("body", "")
    if has_chart(body):
        context["body"] = compile_page(body)
        app.add_js_file(BUNDLE_NAME, priority=400)
    if 'class="sd-' not in body and " sd-" not in body:
        for key, unused in (("css_files", "sphinx-design"), ("script_files", "design-tabs")):
            files = context.get(key) or []
            context[key] = [f for f in files if unused not in str(getattr(f, "filename", f))]


#: The icon font's rules in the theme's stylesheet (pydata-sphinx-theme bundles Font Awesome's):
#: one rule per icon, about 1,900, and the fonts' faces. The pages draw their few icons with
#: _static/thawbook-icons.css instead, so these are dropped from the built stylesheet.
ICON_RULES = re.compile(
    r"(?:\.fa-[\w-]+:(?:before|after),?)+\{content:\"[^\"]*\"\}"
    r"|@font-face\{font-display:block;font-family:Font Awesome[^}]*\}"
)
THEME_CSS = "_static/styles/pydata-sphinx-theme.css"


def drop_icon_font_rules(app: Sphinx, exception: Exception | None) -> None:
    """Drop the icon font's rules from the theme's stylesheet as built (80 kB of its 400)."""
    target = Path(app.outdir) / THEME_CSS
    if exception is not None or app.builder.format != "html" or not target.exists():
        return
    css = target.read_text(encoding="utf-8")
    slim = ICON_RULES.sub("", css)
    if slim != css:
        target.write_text(slim, encoding="utf-8")
