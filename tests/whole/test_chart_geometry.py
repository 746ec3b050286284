"""The geometry of every chart the book shows, rendered from the stored notebook outputs.

Each altair output embeds its Vega-Lite spec; vl-convert renders it to a scenegraph (the
positioned marks and texts) and to SVG (the texts as drawn, after truncation). The tests
assert what a reader would notice: bars that have no width, labels outside the view or on
top of each other, words cut mid-word, text too small to read, and colours with no legend.
"""

from __future__ import annotations

import copy
import functools
import html
import json
import re
from pathlib import Path

import pytest
import vl_convert

from thawbook.charts import theme
from thawbook.render import chart_assets

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = [ROOT / "index.ipynb", *sorted((ROOT / "chapters").glob("*.ipynb"))]
CHART_DIV = re.compile(r'<div id="(altair-viz-[0-9a-f]+)"></div>')
MIN_FONT_PX = 10
# The share of a font's size an average character of the book's sans-serif takes; an estimate
# on the low side, so that only real collisions are reported.
CHAR_WIDTH = 0.5


def chart_specs(paths=NOTEBOOKS) -> dict[str, dict]:
    """Every chart spec stored in the notebooks' outputs (glued ones too), by notebook and div id."""
    decoder = json.JSONDecoder()
    found = {}
    for path in paths:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            for output in cell.get("outputs", []):
                for mime, value in output.get("data", {}).items():
                    if "html" not in mime:
                        continue
                    html = "".join(value) if isinstance(value, list) else value
                    for match in CHART_DIV.finditer(html):
                        start = html.index("})(", match.end()) + 3
                        spec, _ = decoder.raw_decode(html, start)
                        found[f"{path.stem}:{match.group(1)[11:19]}"] = spec
    return found


SPECS = chart_specs()


# ------------------------------------------------------------------ scenegraph helpers
def flatten(
    node: dict,
    ox: float = 0.0,
    oy: float = 0.0,
    role: str | None = None,
    cell: tuple | None = None,
    clip: bool = False,
    out: list | None = None,
) -> list[dict]:
    """Every item of a scenegraph with its absolute position, its role (mark, axis-label, ...),
    and the plot cell (absolute x, y, width, height) of the group it was drawn in."""
    out = [] if out is None else out
    marktype, role = node.get("marktype"), node.get("role") or role
    clip = clip or bool(node.get("clip"))
    for item in node.get("items", []):
        x, y = ox + (item.get("x") or 0), oy + (item.get("y") or 0)
        out.append(
            {"marktype": marktype, "role": role, "item": item, "x": x, "y": y, "cell": cell, "clip": clip}
        )
        if marktype == "group":
            name = node.get("name") or ""
            is_cell = role == "frame" or (
                role == "scope" and (name.endswith("_group") or name.endswith("cell"))
            )
            inner = (x, y, item.get("width") or 0, item.get("height") or 0) if is_cell else cell
            for child in item.get("items", []):
                flatten(child, x, y, child.get("role") or role, inner, bool(item.get("clip")) or clip, out)
    return out


def text_box(entry: dict) -> tuple[float, float, float, float] | None:
    """An estimate of a text item's box (x0, y0, x1, y1), or None when it is not drawn."""
    item = entry["item"]
    text = item.get("text")
    if text in (None, "") or item.get("opacity", 1) == 0 or item.get("fillOpacity", 1) == 0:
        return None
    lines = text if isinstance(text, list) else str(text).split(item.get("lineBreak") or "\n")
    size = item.get("fontSize") or 11
    width = max(len(str(line)) for line in lines) * size * CHAR_WIDTH
    if item.get("limit"):
        width = min(width, item["limit"])
    # Vega places the first line by the baseline and writes the others below it, each
    # ``lineHeight`` (by default the font size plus 2 px) further down.
    height = size + (len(lines) - 1) * (item.get("lineHeight") or size + 2)
    x, y = entry["x"] + (item.get("dx") or 0), entry["y"] + (item.get("dy") or 0)
    align = item.get("align", "left")
    x0 = x - {"left": 0, "center": width / 2, "right": width}.get(align, 0)
    baseline = item.get("baseline", "alphabetic")
    y0 = y - {"top": 0, "middle": size / 2, "bottom": size, "line-top": 0, "line-bottom": size}.get(
        baseline, size * 0.8
    )
    angle = item.get("angle") or 0
    if angle % 180:  # rotated (axis titles): swap the extent, good enough for collisions
        cx, cy = x0 + width / 2, y0 + height / 2
        return (cx - height / 2, cy - width / 2, cx + height / 2, cy + width / 2)
    return (x0, y0, x0 + width, y0 + height)


@functools.cache
def _render(spec_json: str) -> tuple[dict, list[dict]]:
    graph = vl_convert.vegalite_to_scenegraph(json.loads(spec_json))
    return graph, flatten(graph["scenegraph"])


def scene(spec: dict) -> tuple[dict, list[dict]]:
    """The chart's scenegraph and its flattened items, rendered once per spec."""
    return _render(json.dumps(spec, sort_keys=True))


def drawn_marks(items: list[dict]) -> list[dict]:
    return [e for e in items if e["role"] == "mark" and e["marktype"] != "group"]


def overlaps(a, b, slack: float = 1.0) -> bool:
    return a[0] + slack < b[2] and b[0] + slack < a[2] and a[1] + slack < b[3] and b[1] + slack < a[3]


# ------------------------------------------------------------------ encodings
def views(spec: dict):
    """Every view of a Vega-Lite spec that carries an encoding (layers, concatenations, facets)."""
    if "encoding" in spec or "mark" in spec:
        yield spec
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key, []):
            yield from views(part)
    if isinstance(spec.get("spec"), dict):
        yield from views(spec["spec"])


def words_of(spec: dict) -> str:
    """A chart's titles and description, lower-cased: where a chart says what its colours mean."""
    return json.dumps(
        [spec.get("description"), spec.get("title")] + [v.get("title") for v in views(spec)],
        ensure_ascii=False,
    ).lower()


def named_in_text(spec: dict, field: str) -> bool:
    """Whether a text mark of the chart writes out each category of ``field`` (a heading above
    each group of rows, as the lanes of the overview draw them): direct labels instead of a legend."""
    for view in views(spec):
        mark = view.get("mark")
        if (mark.get("type") if isinstance(mark, dict) else mark) != "text":
            continue
        name = (view.get("data") or {}).get("name")
        rows = (spec.get("datasets") or {}).get(name) or []
        if rows and all(field in row for row in rows):
            return True
    return False


def colour_without_legend(spec: dict) -> list[str]:
    """Colour fields that no view of the chart explains with a legend, unless the colour only
    repeats a positional field of its view and the chart's words say so ("colour repeats"), or a
    text mark writes each category out beside its marks."""
    with_legend, without = set(), []
    for view in views(spec):
        encoding = view.get("encoding", {})
        positional = {
            encoding.get(k, {}).get("field")
            for k in ("x", "y", "row", "column")
            if isinstance(encoding.get(k), dict)
        }
        for channel in ("color", "fill", "stroke"):
            enc = encoding.get(channel)
            if not isinstance(enc, dict) or "field" not in enc:
                continue
            if enc.get("legend", {}) is None:
                redundant = enc["field"] in positional and "colour repeats" in words_of(spec)
                if not redundant and not named_in_text(spec, enc["field"]):
                    without.append(enc["field"])
            else:
                with_legend.add(enc["field"])
    return sorted(set(without) - with_legend)


# ------------------------------------------------------------------ the phone layout
# The build compiles each chart to Vega laid out for a phone first and as wide as its column
# (thawbook.render.chart_assets.compile_chart); the page script only draws it. So the chart a phone
# reader sees is the compiled spec with the container's width set to the column's.
PHONE_COLUMN_PX = 342  # the book's content column in a 390 px viewport


def at_width(vega: dict, column: float) -> dict:
    """A compiled chart as drawn in a container ``column`` px wide, in light mode."""
    spec = json.loads(json.dumps(vega).replace("containerSize()[0]", str(column)))
    spec.setdefault("config", {})["signals"] = theme.charts_config()["light"]["signals"]
    return spec


def svg_width(vega: dict) -> float:
    svg = vl_convert.vega_to_svg(vega)
    return float(re.search(r'<svg[^>]*\swidth="([0-9.]+)"', svg).group(1))


# ------------------------------------------------------------------ the tests
def test_the_notebooks_store_every_chart_of_the_book():
    print(f"{len(SPECS)} charts in the stored outputs")
    assert len(SPECS) >= 25


@pytest.mark.parametrize("name", sorted(SPECS))
def test_chart_draws_marks_and_every_bar_has_extent(name):
    _, items = scene(SPECS[name])
    marks = drawn_marks(items)
    assert marks, f"{name} draws nothing"
    flat = []
    for e in marks:
        item = e["item"]
        if e["marktype"] == "rect" and "path" not in item:
            width = (
                item.get("width")
                if item.get("width") is not None
                else (
                    (item.get("x2") - item.get("x"))
                    if item.get("x2") is not None and item.get("x") is not None
                    else None
                )
            )
            height = (
                item.get("height")
                if item.get("height") is not None
                else (
                    (item.get("y2") - item.get("y"))
                    if item.get("y2") is not None and item.get("y") is not None
                    else None
                )
            )
            if (
                item.get("x") is None
                or item.get("y") is None
                or width is None
                or height is None
                or not (width or height)
            ):
                flat.append(
                    {k: item.get(k) for k in ("x", "y", "width", "height", "description") if k in item}
                )
    assert not flat, f"{name}: {len(flat)} bar(s) drawn without extent, e.g. {flat[:2]}"


@pytest.mark.parametrize("name", sorted(SPECS))
def test_chart_text_is_readable_and_not_cut(name):
    spec = SPECS[name]
    _, items = scene(spec)
    small = [
        (e["item"]["text"], e["item"].get("fontSize"))
        for e in items
        if e["marktype"] == "text" and text_box(e) and (e["item"].get("fontSize") or 11) < MIN_FONT_PX
    ]
    # A text vega shortened to fit its limit ends in "…" in the SVG but not in the scenegraph
    # (a label the data itself abbreviates at a word, such as a snippet, is left alone).
    written = {
        line
        for e in items
        if e["marktype"] == "text"
        for line in (
            e["item"].get("text") if isinstance(e["item"].get("text"), list) else [e["item"].get("text")]
        )
    }
    svg = vl_convert.vegalite_to_svg(spec)
    cut = [t for t in map(html.unescape, re.findall(r">([^<>]*…)<", svg)) if t not in written]
    assert not small, f"{name}: text under {MIN_FONT_PX} px: {small[:3]}"
    assert not cut, f"{name}: {len(cut)} text(s) cut short: {cut[:3]}"


@pytest.mark.parametrize("name", sorted(SPECS))
def test_chart_marks_and_labels_stay_in_their_view(name):
    _, items = scene(SPECS[name])
    stray = []
    for e in drawn_marks(items):
        if e["cell"] is None or e["clip"]:
            continue
        cx, cy, cw, ch = e["cell"]
        if e["marktype"] == "text":
            box = text_box(e)
            if box is None:
                continue
        else:
            x, y = e["x"], e["y"]
            box = (x, y, x, y)
        if box[0] < cx - 3 or box[2] > cx + cw + 3 or box[1] < cy - 3 or box[3] > cy + ch + 3:
            stray.append(str(e["item"].get("text") or e["marktype"])[:40])
    assert not stray, f"{name}: {len(stray)} mark(s) or label(s) outside the view, e.g. {stray[:3]}"


@pytest.mark.parametrize("name", sorted(SPECS))
def test_no_two_chart_labels_overlap(name):
    _, items = scene(SPECS[name])
    # Texts drawn from data (labels, annotations) against every other text; axis labels among
    # themselves are thinned by vega, and rotated axis titles are placed clear of them.
    boxes = [
        (str(e["item"]["text"]), b, e["role"] == "mark")
        for e in items
        if e["marktype"] == "text" and not (e["item"].get("angle") or 0) % 180 and (b := text_box(e))
    ]
    hits = [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if (a[2] or b[2]) and overlaps(a[1], b[1])
    ]
    assert not hits, f"{name}: {len(hits)} overlapping label pair(s), e.g. {hits[:3]}"


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_colour_has_a_legend(name):
    missing = colour_without_legend(SPECS[name])
    assert not missing, f"{name}: colour by {missing} has no legend"


# ------------------------------------------------------------------ the tests can fail
def test_a_bar_without_width_is_caught():
    spec = {
        "data": {"values": [{"a": "2023-01-01", "b": "2023-01-05", "v": 2}]},
        "mark": {"type": "bar", "height": 7, "cornerRadius": 2},
        "encoding": {
            "x": {"field": "a", "type": "temporal"},
            "x2": {"field": "b"},
            "y": {"field": "v", "type": "quantitative"},
        },
    }
    with pytest.raises(AssertionError, match="without extent"):
        SPECS["probe"] = spec
        try:
            test_chart_draws_marks_and_every_bar_has_extent("probe")
        finally:
            del SPECS["probe"]


def test_an_empty_chart_is_caught():
    spec = {"data": {"values": []}, "mark": "bar", "encoding": {"x": {"field": "a", "type": "quantitative"}}}
    SPECS["probe"] = spec
    try:
        with pytest.raises(AssertionError, match="draws nothing"):
            test_chart_draws_marks_and_every_bar_has_extent("probe")
    finally:
        del SPECS["probe"]


def test_piled_labels_and_unexplained_colour_are_caught():
    spec = {
        "data": {
            "values": [
                {"t": "First long label", "x": 1, "c": "a"},
                {"t": "Second long label", "x": 1.05, "c": "b"},
            ]
        },
        "width": 300,
        "mark": {"type": "text", "fontSize": 12},
        "encoding": {
            "x": {"field": "x", "type": "quantitative", "scale": {"domain": [0, 10]}},
            "text": {"field": "t"},
            "color": {"field": "c", "type": "nominal", "legend": None},
        },
    }
    SPECS["probe"] = spec
    try:
        with pytest.raises(AssertionError, match="overlapping"):
            test_no_two_chart_labels_overlap("probe")
        with pytest.raises(AssertionError, match="no legend"):
            test_every_colour_has_a_legend("probe")
    finally:
        del SPECS["probe"]


def test_a_label_cut_short_is_caught():
    spec = {
        "data": {"values": [{"a": "A very long label that will be cut here", "b": 1}]},
        "mark": "bar",
        "encoding": {
            "y": {"field": "a", "type": "nominal", "axis": {"labelLimit": 60}},
            "x": {"field": "b", "type": "quantitative"},
        },
    }
    SPECS["probe"] = spec
    try:
        with pytest.raises(AssertionError, match="cut short"):
            test_chart_text_is_readable_and_not_cut("probe")
    finally:
        del SPECS["probe"]


# ------------------------------------------------------------------ on a phone
# Chromium on Debian (where the browser tests run) draws the theme's font stack, which starts
# with system-ui, in DejaVu Sans; vl-convert would otherwise measure the text in a narrower
# font and find room a phone does not have.
PHONE_FONT = "DejaVu Sans"

# Charts that do not yet read in a phone's column, by notebook and title (which outlive a
# change to the chart's data), with what fails. Each is to be fixed by whoever owns its
# chapter and then removed: a chart listed here that passes fails its test (strict xfail), and
# an entry that names no chart of the book fails too, so the list cannot go stale. Every chart
# of the book reads in a phone's column today: a new one that does not is listed here.
KNOWN_PHONE_FAILURES: dict[tuple[str, str], str] = {}


def chart_title(spec: dict) -> str:
    """A chart's title (without its subtitle), as KNOWN_PHONE_FAILURES names it."""
    for view in [spec, *views(spec)]:
        title = view.get("title")
        if title:
            text = title.get("text") if isinstance(title, dict) else title
            return " ".join(text) if isinstance(text, list) else str(text)
    return ""


def known_phone_failure(name: str) -> str | None:
    return KNOWN_PHONE_FAILURES.get((name.split(":")[0], chart_title(SPECS[name])))


@functools.cache
def on_a_phone(name: str) -> tuple[dict, tuple[float, ...], list[dict]]:
    """The chart ``name`` as the page draws it in a phone's column: its compiled spec, the width
    it draws, and its flattened scenegraph."""
    spec = copy.deepcopy(SPECS[name])
    spec.setdefault("config", {})["font"] = PHONE_FONT
    vega = at_width(chart_assets.compile_chart(spec)["spec"], PHONE_COLUMN_PX)
    graph = vl_convert.vega_to_scenegraph(vega)
    return vega, (svg_width(vega),), flatten(graph["scenegraph"])


def phone_problems(name: str) -> list[str]:
    """What a phone reader would notice: a chart wider than the column, two texts on top of
    each other, or a text drawn from data outside its view."""
    _, drawn, items = on_a_phone(name)
    problems = []
    if drawn[-1] > PHONE_COLUMN_PX + 1:
        problems.append(f"{drawn[-1]:.0f} px wide in a {PHONE_COLUMN_PX} px column")
    # Every text drawn (axis labels too: a wrapped label must not run into the next one).
    boxes = [
        (str(e["item"]["text"])[:40], b)
        for e in items
        if e["marktype"] == "text" and not (e["item"].get("angle") or 0) % 180 and (b := text_box(e))
    ]
    hits = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if overlaps(a[1], b[1])]
    if hits:
        problems.append(f"{len(hits)} overlapping text pair(s), e.g. {hits[:2]}")
    stray = []
    for e in drawn_marks(items):
        if e["marktype"] != "text" or e["cell"] is None or e["clip"] or not (box := text_box(e)):
            continue
        cx, cy, cw, ch = e["cell"]
        if box[0] < cx - 3 or box[2] > cx + cw + 3 or box[1] < cy - 3 or box[3] > cy + ch + 3:
            stray.append(str(e["item"]["text"])[:40])
    if stray:
        problems.append(f"{len(stray)} text(s) outside the view, e.g. {stray[:2]}")
    return problems


def phone_cases():
    for name in sorted(SPECS):
        reason = known_phone_failure(name)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(name, marks=marks, id=name)


@pytest.mark.parametrize("name", list(phone_cases()))
def test_chart_fits_a_phone_column_with_no_text_overlapping_or_outside_its_view(name):
    problems = phone_problems(name)
    assert not problems, f"{name} at {PHONE_COLUMN_PX} px: " + "; ".join(problems)


def test_every_known_phone_failure_names_a_chart_of_the_book():
    charts = {(name.split(":")[0], chart_title(spec)) for name, spec in SPECS.items()}
    assert not set(KNOWN_PHONE_FAILURES) - charts


def test_a_chart_too_wide_for_a_phone_or_with_piled_labels_is_caught():
    rows = [{"t": f"A label long enough to need most of a phone's column {i}", "x": i % 2} for i in range(6)]
    spec = {
        "data": {"values": rows},
        "width": 500,
        "height": 60,
        "mark": {"type": "text", "align": "left", "lineBreak": "\n", "fontSize": 12},
        "encoding": {
            "x": {"field": "x", "type": "quantitative", "scale": {"domain": [0, 1]}},
            "y": {"value": 30},
            "text": {"field": "t"},
        },
    }
    SPECS["probe"] = spec
    try:
        problems = phone_problems("probe")
    finally:
        del SPECS["probe"]
        on_a_phone.cache_clear()
    # The build narrows the view to the column, so the texts run out of it and onto each other.
    assert any("wide in a" in p or "outside the view" in p for p in problems), problems
    assert any("overlapping" in p for p in problems), problems


# ------------------------------------------------------------------ a phone's screen, and contrast
# A chart taller than a screen and a quarter of a 390 × 844 phone cannot be read as one picture.
PHONE_MAX_HEIGHT_PX = 1055


def phone_height(spec: dict) -> float:
    """How tall the page draws ``spec`` in a phone's column: the build's compiled, phone-first
    Vega spec at the column's width, as vl-convert renders it."""
    spec = copy.deepcopy(spec)
    spec.setdefault("config", {})["font"] = PHONE_FONT
    vega = at_width(chart_assets.compile_chart(spec)["spec"], PHONE_COLUMN_PX)
    svg = vl_convert.vega_to_svg(vega)
    return float(re.search(r'<svg[^>]*\sheight="([0-9.]+)"', svg).group(1))


@pytest.mark.parametrize("name", sorted(SPECS))
def test_chart_is_at_most_a_screen_and_a_quarter_tall_in_a_phone_column(name):
    height = phone_height(SPECS[name])
    print(f"{name} ({chart_title(SPECS[name])[:50]}): {height:.0f} px tall at {PHONE_COLUMN_PX} px")
    assert height <= PHONE_MAX_HEIGHT_PX, (
        f"{name} is {height:.0f} px tall in a {PHONE_COLUMN_PX} px column (at most {PHONE_MAX_HEIGHT_PX})"
    )


def test_a_chart_taller_than_a_screen_and_a_quarter_is_caught():
    rows = [{"event": f"Event number {i}", "days": i % 7 + 1} for i in range(70)]
    spec = {
        "data": {"values": rows},
        "mark": "bar",
        "width": "container",
        "height": {"step": 17},
        "encoding": {
            "y": {"field": "event", "type": "nominal"},
            "x": {"field": "days", "type": "quantitative"},
        },
    }
    SPECS["probe"] = spec
    try:
        with pytest.raises(AssertionError, match="px tall in a 342 px column"):
            test_chart_is_at_most_a_screen_and_a_quarter_tall_in_a_phone_column("probe")
    finally:
        del SPECS["probe"]


# Colours a chart may use below 3:1: the faint grid grey as a fill behind outlined marks, and white
# (the dark page's near-black) as the gap between two segments of a bar.
BACKGROUND_FILLS = {theme.GRID.upper(), "#FFFFFF", "WHITE", "TRANSPARENT"}
TEXT_KEYS = {"labelColor", "titleColor", "subtitleColor"}
HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


def colours_drawn(spec: dict) -> list[tuple[str, str, bool]]:
    """Every colour a spec draws with, as (where, colour, is text): colour values of marks,
    encodings and scales' ranges, and the config's text colours (not its data)."""
    found = []

    def walk(node, path, text):
        if isinstance(node, dict):
            is_text = text or (node.get("type") == "text" and "color" in node)
            for key, value in node.items():
                if key in ("data", "datasets", "description", "tooltip", "usermeta", "values"):
                    continue
                walk(
                    value, f"{path}.{key}", is_text or key in TEXT_KEYS or key in ("title", "text", "header")
                )
        elif isinstance(node, list):
            for item in node:
                walk(item, path, text)
        elif isinstance(node, str) and (HEX.match(node) or node.lower() in ("white", "black")):
            key = path.rsplit(".", 1)[-1]
            if key in ("gridColor", "domainColor", "tickColor"):
                return
            found.append((path, node, text and key in (*TEXT_KEYS, "color", "fill")))

    walk(spec, "", False)
    return found


def _luminance(colour: str) -> float:
    named = {"white": "#FFFFFF", "black": "#000000"}
    value = named.get(colour.lower(), colour).lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def low_contrast(spec: dict) -> list[str]:
    """The colours of ``spec`` under 3:1 (a mark) or 4.5:1 (a text) on the light page, or, as the
    dark mode swaps them (theme.DARK_SWAPS), on the dark page."""
    swaps = {k.upper(): v for k, v in theme.DARK_SWAPS.items()}
    low = []
    for where, colour, text in colours_drawn(spec):
        if colour.upper() in BACKGROUND_FILLS:
            continue
        need = 4.5 if text else 3.0
        light = _contrast(colour, "#FFFFFF")
        dark = min(_contrast(swaps.get(colour.upper(), colour), page) for page in ("#14181E", "#121212"))
        if min(light, dark) < need:
            low.append(f"{colour} at {where} ({light:.2f}:1 light, {dark:.2f}:1 dark, needs {need})")
    return sorted(set(low))


# Charts whose colours are not the charts' own, by notebook and title, with why; each is to be
# fixed where its colours are defined and then removed (strict: one that passes fails).
KNOWN_CONTRAST_FAILURES: dict[tuple[str, str], str] = {}


def contrast_cases():
    for name in sorted(SPECS):
        reason = KNOWN_CONTRAST_FAILURES.get((name.split(":")[0], chart_title(SPECS[name])))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(name, marks=marks, id=name)


def test_every_known_contrast_failure_names_a_chart_of_the_book():
    charts = {(name.split(":")[0], chart_title(spec)) for name, spec in SPECS.items()}
    assert not set(KNOWN_CONTRAST_FAILURES) - charts


@pytest.mark.parametrize("name", list(contrast_cases()))
def test_every_colour_a_chart_draws_reads_on_the_light_and_the_dark_page(name):
    low = low_contrast(SPECS[name])
    assert not low, f"{name}: {len(low)} colour(s) under WCAG contrast, e.g. {low[:3]}"


def test_okabe_itos_orange_text_and_black_marks_are_caught():
    spec = {
        "data": {"values": [{"a": 1}]},
        "layer": [
            {"mark": {"type": "text", "color": "#E69F00"}, "encoding": {"text": {"field": "a"}}},
            {
                "mark": {"type": "bar", "color": "#102040"},
                "encoding": {"x": {"field": "a", "type": "quantitative"}},
            },
            {
                "mark": {"type": "bar", "color": "#0072B2"},
                "encoding": {"x": {"field": "a", "type": "quantitative"}},
            },
        ],
    }
    low = low_contrast(spec)
    assert any(item.startswith("#E69F00") for item in low) and any(item.startswith("#102040") for item in low)
    assert not any(item.startswith("#0072B2") for item in low)
