"""Offline charts for the book build: the vega bundle, written once and linked from chart pages only.

Altair's HTML output loads vega, vega-lite and vega-embed from a CDN unless
``window.VEGA_DEBUG`` already names the versions it wants. At build time we write the bundle
that ships inside ``vl-convert-python`` to the output's ``_static/``, wrapped in an IIFE that
also presets ``VEGA_DEBUG``, and link it only from pages that contain an altair chart: a
``<div>`` whose id :class:`thawbook.charts.theme.StableHTMLRenderer` names ``altair-viz-<digest>``.
Hooked into Sphinx by :mod:`thawbook.book.sphinxext`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from sphinx.application import Sphinx

BUNDLE_NAME = "thawbook/vega-bundle.js"
# The id of a chart's <div>, as thawbook.charts.theme.StableHTMLRenderer names it: altair-viz-<digest>.
CHART_DIV = re.compile(r"""\bid=["']altair-viz-[0-9a-f]+["']""")


def vega_bundle_source() -> str:
    """vega + vega-lite + vega-embed from vl-convert, as one IIFE that presets VEGA_DEBUG."""
    import vl_convert

    from thawbook.charts.theme import vega_versions

    versions = vega_versions()
    major, minor = versions["vegalite_version"].split(".")[:2]  # the vega-lite that altair's specs use
    bundle = vl_convert.javascript_bundle(vl_version=f"{major}.{minor}")
    return (
        "/* vega, vega-lite and vega-embed bundled by vl-convert-python; generated at build time. */\n"
        f"window.VEGA_DEBUG = Object.assign(window.VEGA_DEBUG || {{}}, {json.dumps(versions)});\n"
        "(function () {\n" + bundle + "\n})();\n"
    )


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
    """Write the offline vega bundle into the HTML build's ``_static``, if it changed."""
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
    """Load the vega bundle on pages that hold a chart, and only there."""
    if has_chart(context.get("body", "")):
        app.add_js_file(BUNDLE_NAME, priority=400)
