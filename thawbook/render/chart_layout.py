"""A chart laid out for a phone's column first, before the build compiles it to Vega.

:func:`phone_first` rewrites a chart's Vega-Lite spec (never its data) so that it reads in the
book's 342 px content column of a 390 px phone and uses the width of a desktop's: views take
their container's width (``width: "container"``), parts stack, legends sit below with one entry
a line, and long titles, axis titles and category labels break into lines.
:mod:`thawbook.render.chart_assets` compiles the result; ``tests/whole/test_chart_geometry.py`` draws
it at a phone's width.
"""

from __future__ import annotations

import copy

from thawbook.charts.theme import SUBTITLE_CHARS, TITLE_CHARS, wrap_labels, wrap_text

PHONE_COLUMN_PX = 342  # the book's content column in a 390 px window
MEASURE_FONT = "DejaVu Sans"
LEGEND = {"direction": "vertical", "columns": 1}
LABEL_CHARS = 24  # a category label on a y axis: about 45 % of a phone's column
# An axis title: an x axis's is centred under its view, which the y axis's labels narrow (about
# half the column); any other's may take most of it.
AXIS_TITLE_CHARS = {"x": 24, "y": 38}


def views(node):
    """Every view of a Vega-Lite spec: the spec itself, its layers, concatenated parts and facet."""
    if not isinstance(node, dict):
        return
    yield node
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in node.get(key) or []:
            yield from views(part)
    if isinstance(node.get("spec"), dict):
        yield from views(node["spec"])


def wrap_lines(text, chars: int) -> list[str]:
    """``text`` (a string, or lines read as one text, as :func:`thawbook.charts.theme.phone_title`
    writes them) broken at spaces into lines of at most ``chars`` characters
    (:func:`thawbook.charts.theme.wrap_text`): lines already broken for a wider column are joined
    first, so that no word is left alone on a line."""
    words = " ".join(str(part) for part in (text if isinstance(text, list) else [text]))
    return wrap_text(words, chars).split("\n") if words.strip() else []


def longest(spec: dict, field) -> int:
    """The longest value of ``field`` in the spec's datasets, in characters."""
    rows = [row for values in (spec.get("datasets") or {}).values() for row in values or []]
    return max(
        (len(str(r[field])) for r in rows if isinstance(r, dict) and r.get(field) is not None), default=0
    )


def phone_first(vl: dict) -> dict:
    """A Vega-Lite spec laid out for a phone's column first, and as wide as its container.

    Views with a fixed width take their container's (``width: "container"``), stacked parts
    stay stacked (``hconcat`` becomes ``vconcat``), legends go below the view, titles,
    subtitles and axis titles break into lines, and long category labels on a y axis wrap, with rows tall
    enough for their lines."""
    spec = copy.deepcopy(vl)
    if "hconcat" in spec:
        spec["vconcat"] = spec.pop("hconcat")
    if "facet" in spec and spec.get("columns"):
        spec["columns"] = 1
    if isinstance(spec.get("facet"), dict) and "column" in spec["facet"] and "row" not in spec["facet"]:
        spec["facet"]["row"] = spec["facet"].pop("column")
    row_px = 0
    for view in views(spec):
        if isinstance(view.get("width"), (int, float)) or isinstance(view.get("width"), dict):
            view["width"] = "container"
        encoding = view.get("encoding") or {}
        if encoding.get("column") and not encoding.get("row"):
            encoding["row"] = encoding.pop("column")
        title = view.get("title")
        if title:
            title = view["title"] = title if isinstance(title, dict) else {"text": title}
            title["text"] = wrap_lines(title.get("text", ""), TITLE_CHARS)
            if title.get("subtitle"):
                title["subtitle"] = wrap_lines(title["subtitle"], SUBTITLE_CHARS)
        for channel, definition in (view.get("encoding") or {}).items():
            chars = AXIS_TITLE_CHARS["x" if channel in ("x", "x2") else "y"]
            legend = definition.get("legend") if isinstance(definition, dict) else None
            if isinstance(legend, dict):  # one entry a line, below the view
                legend.update({k: v for k, v in LEGEND.items() if k in legend})
                if legend.get("orient") in ("left", "right", "top-right", "top-left"):
                    legend["orient"] = "bottom"
            if isinstance(definition, dict) and isinstance(definition.get("title"), str):
                if len(definition["title"]) > chars:
                    definition["title"] = wrap_lines(definition["title"], chars)
        y = (view.get("encoding") or {}).get("y")
        if isinstance(y, dict) and y.get("type") in ("nominal", "ordinal") and y.get("axis", {}) is not None:
            axis = y.get("axis") or {}
            most = longest(spec, y.get("field"))
            if most > LABEL_CHARS or "regexp(" in str(axis.get("labelExpr", "regexp(")):
                if most > LABEL_CHARS or axis.get("labelExpr"):
                    y["axis"] = {**axis, "labelExpr": wrap_labels(LABEL_CHARS), "labelLimit": 0}
                    row_px = max(row_px, min(8, -(-most * 6 // (5 * LABEL_CHARS))) * 13 + 6)
    for view in views(spec):
        height = view.get("height")
        if row_px and isinstance(height, dict) and isinstance(height.get("step"), (int, float)):
            height["step"] = max(height["step"], row_px)
    spec.setdefault("config", {}).setdefault("legend", {}).update(
        {"orient": "bottom", "layout": {"bottom": {"direction": "vertical", "anchor": "start"}}, **LEGEND}
    )
    return spec
