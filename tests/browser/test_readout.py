"""A chart's keyboard readout says what its mouse tooltip says (``_static/thawbook-charts.js``).

The arrow keys step through a focused chart's marks and its readout shows the focused mark's
tooltip as "field: value" lines; a mouse reader hovers the same mark and vega's tooltip
(vega-tooltip, ``#vg-tooltip-element``) shows it as a heading (its ``title``) and a table of
fields. For the same mark both must carry the same fields with the same values: once for the
marks of a chart of the book, and once for a chart made here whose tooltips hold what vega's
tooltip treats specially (a title, a field with no value, nested and listed values).
"""

from __future__ import annotations

import re

import pytest

from thawbook.render import chart_assets

pytestmark = pytest.mark.browser


#: The fields of the tooltip on screen, as [field, value] pairs; a title counts as the field "".
TOOLTIP = """() => {
  const tip = document.getElementById('vg-tooltip-element');
  if (!tip || !tip.classList.contains('visible')) return null;
  const out = [];
  const title = tip.querySelector('h2');
  if (title) out.push(['', title.textContent]);
  tip.querySelectorAll('tr').forEach(row => out.push(
    [row.querySelector('.key').textContent, row.querySelector('.value').textContent]));
  if (!title && !out.length) out.push(['', tip.textContent]);
  return out;
}"""

#: The topmost element at the centre of the ring around the focused mark, and whether its box is
#: the ring's (the ring is 3 px larger each side): only then does a hover there reach that mark.
CENTRE = """(chart) => {
  const ring = document.querySelector(chart + ' .thawbook-mark-ring').getBoundingClientRect();
  const x = ring.left + ring.width / 2, y = ring.top + ring.height / 2;
  const hit = document.elementFromPoint(x, y);
  const box = hit && hit.getBoundingClientRect();
  const same = box && ['left', 'top', 'right', 'bottom'].every(
    side => Math.abs(box[side] - ring[side] + (side === 'left' || side === 'top' ? -3 : 3)) <= 1.5);
  return {x, y, same: !!same};
}"""


def readout_fields(text: str) -> list[list[str]]:
    """The readout's "i of n. field: value" lines as [field, value] pairs (a title: "")."""
    body = re.sub(r"^\d+ of \d+\.\s*", "", text.strip())
    out = []
    for line in body.split("\n"):
        match = re.match(r"^(.*?):(?: (.*))?$", line)
        out.append([match.group(1), match.group(2) or ""] if match else ["", line])
    return out


def test_the_readout_parser_splits_fields_and_keeps_a_title_and_an_empty_value():
    assert readout_fields("2 of 9. Talks\nWhen: May\nWords:\nNote: a: b") == [
        ["", "Talks"],
        ["When", "May"],
        ["Words", ""],
        ["Note", "a: b"],
    ]


def open_book_page(browser, url: str, *, phone: bool = False):
    context = browser.new_context(
        viewport={"width": 390, "height": 844} if phone else {"width": 1400, "height": 1000},
        has_touch=phone,
        is_mobile=phone,
    )
    context.route(
        "**/*",
        lambda route: (
            route.abort() if not route.request.url.startswith("http://127.0.0.1") else route.continue_()
        ),
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load", timeout=60000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.thawbook-chart')].every(c => c.querySelector('svg g'))",
        timeout=60000,
    )
    return page, errors


def read_and_hover(page, chart: str, marks: int) -> list[tuple[list, list]]:
    """For each of the first ``marks`` marks that a hover can reach: (readout fields, tooltip fields)."""
    pairs = []
    page.locator(chart).focus()
    for _ in range(marks):
        page.locator(chart).press("ArrowRight")
        readout = page.locator(f"#thawbook-readout-{chart[1:]}").inner_text()
        ring = page.locator(f"{chart} .thawbook-mark-ring")
        ring.scroll_into_view_if_needed()
        centre = page.evaluate(CENTRE, chart)
        if not centre["same"]:
            continue  # another mark lies over this one: a hover would read that one
        page.mouse.move(centre["x"] - 4, centre["y"] - 4)
        page.mouse.move(centre["x"], centre["y"], steps=2)
        page.wait_for_function(f"({TOOLTIP})() !== null", timeout=3000)
        pairs.append((readout_fields(readout), page.evaluate(TOOLTIP)))
        page.mouse.move(0, 0)
        page.locator(chart).focus()
    return pairs


def test_a_charts_keyboard_readout_carries_the_fields_and_values_of_its_tooltip(browser, local_server):
    page, errors = open_book_page(browser, f"{local_server}/index.html")
    # the landing page's one chart, the overview of every dated event (its id follows its spec)
    chart = "#" + page.locator("[id^=altair-viz-]").first.get_attribute("id")
    pairs = read_and_hover(page, chart, 8)
    page.context.close()
    print(f"{len(pairs)} marks read and hovered; the first: {pairs[0] if pairs else None}")
    assert len(pairs) >= 5, "too few marks could be hovered alone"
    for keys, mouse in pairs:
        assert keys == mouse, f"the readout says {keys}, the tooltip {mouse}"
    assert not errors, errors


#: A chart made on the page, compiled here as the build compiles the book's, and drawn by the book's
#: page script: its one bar's tooltip has a title, a field with no value, a nested value, a list
#: and a number.
SPECIAL_SPEC = {
    "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
    "data": {"values": [{"who": "Kerry", "n": 3}]},
    "mark": {
        "type": "bar",
        "tooltip": {
            "expr": "{'title': datum.who + ' visits', 'Count': datum.n, 'Missing': datum.nothing, "
            "'Nested': {'who': datum.who, 'n': datum.n}, 'Listed': [datum.who, datum.n]}"
        },
    },
    "encoding": {"x": {"field": "who", "type": "nominal"}, "y": {"field": "n", "type": "quantitative"}},
    "width": 200,
    "height": 200,
}
SPECIAL = """(payload) => {
  const div = document.createElement('div');
  div.id = 'thawbook-test-readout';
  div.className = 'thawbook-chart';
  div.tabIndex = 0;
  const script = document.createElement('script');
  script.type = 'application/json';
  script.textContent = JSON.stringify(payload);
  document.querySelector('article, main, body').prepend(div, script);
  return window.thawbookCharts.add(div, script).then(() => true);
}"""


def test_the_readout_shows_a_tooltips_title_and_its_special_values_as_the_tooltip_does(browser, local_server):
    page, errors = open_book_page(browser, f"{local_server}/index.html")
    page.evaluate(SPECIAL, chart_assets.compile_chart(SPECIAL_SPEC))
    chart = "#thawbook-test-readout"
    page.wait_for_selector(f"{chart} svg g path", state="attached", timeout=10000)
    page.locator(chart).scroll_into_view_if_needed()
    pairs = read_and_hover(page, chart, 1)
    page.context.close()
    assert pairs, "the test chart's bar could not be hovered"
    keys, mouse = pairs[0]
    print(f"readout {keys}\ntooltip {mouse}")
    assert ["", "Kerry visits"] in mouse and not any(field == "Missing" for field, _ in mouse)
    assert keys == mouse, f"the readout says {keys}, the tooltip {mouse}"
    assert not errors, errors


#: A chart made here that draws each of its three events twice (a bar and a point with the same
#: tooltip) and one label with no tooltip: its readout counts 3 events, not 6 marks.
TWICE_SPEC = {
    "data": {"values": [{"what": w, "n": n} for w, n in (("Talks", 3), ("Visit", 5), ("Ban", 2))]},
    "encoding": {
        "y": {"field": "what", "type": "nominal"},
        "x": {"field": "n", "type": "quantitative"},
        "tooltip": [{"field": "what", "title": "Event"}, {"field": "n", "title": "Count"}],
    },
    "layer": [
        {"mark": "bar"},
        {"mark": "point"},
        {"mark": {"type": "text", "dx": 8}, "encoding": {"text": {"value": "x"}, "tooltip": None}},
    ],
    "width": 200,
}


def test_the_readout_counts_events_each_once_not_the_marks_that_draw_them(browser, local_server):
    page, errors = open_book_page(browser, f"{local_server}/index.html")
    page.evaluate(SPECIAL, chart_assets.compile_chart(TWICE_SPEC))
    chart = "#thawbook-test-readout"
    page.wait_for_selector(f"{chart} svg g path", state="attached", timeout=10000)
    page.locator(chart).focus()
    said = []
    for _ in range(4):
        page.locator(chart).press("ArrowRight")
        said.append(page.locator(f"#thawbook-readout-{chart[1:]}").inner_text())
    marks = page.evaluate(f"document.querySelectorAll('{chart} g[class*=role-mark] > path').length")
    page.context.close()
    print(said, f"{marks} marks drawn")
    assert marks >= 6
    assert [s.split(".")[0] for s in said] == ["1 of 3", "2 of 3", "3 of 3", "1 of 3"], said
    assert said[0] == said[3] and len(set(said[:3])) == 3
    assert not errors, errors


#: The centre of the first drawn mark with a tooltip in the page's first chart, scrolled into view,
#: and the fields of that tooltip as the readout would show them.
FIRST_MARK = """() => {
  const view = window.thawbookCharts.charts[0].view;
  let found = null;
  (function walk(node) { (node.items || []).forEach(item => {
    if (!found && item.mark && item.mark.marktype !== 'group' && item.tooltip != null && item._svg) found = item;
    if (item.items) walk(item); }); })(view.scenegraph().root);
  found._svg.scrollIntoView({block: 'center'});
  const box = found._svg.getBoundingClientRect();
  return {x: box.left + box.width / 2, y: box.top + box.height / 2, title: found.tooltip.title || null};
}"""


def test_a_tap_on_a_chart_mark_opens_its_tooltip_and_a_tap_elsewhere_closes_it(browser, local_server):
    # a touch screen moves no pointer, so vega's own tooltip (on pointermove) never opens on a tap
    page, errors = open_book_page(browser, f"{local_server}/chapters/04_chronology.html", phone=True)
    mark = page.evaluate(FIRST_MARK)
    page.touchscreen.tap(mark["x"], mark["y"])
    page.wait_for_function(f"({TOOLTIP})() !== null", timeout=3000)
    shown = page.evaluate(TOOLTIP)
    hint = page.locator(".thawbook-chart-readout").first.inner_text()
    page.touchscreen.tap(20, 120)
    page.wait_for_function(f"({TOOLTIP})() === null", timeout=3000)
    page.touchscreen.tap(mark["x"], mark["y"])  # open again, then scroll: the tooltip closes
    page.wait_for_function(f"({TOOLTIP})() !== null", timeout=3000)
    page.mouse.wheel(0, 400)
    page.wait_for_function(f"({TOOLTIP})() === null", timeout=3000)
    page.context.close()
    print(f"tapped {mark}: tooltip {shown}")
    assert shown and (mark["title"] is None or ["", mark["title"]] in shown), shown
    assert "Arrow keys" not in hint, "a tap shows the keyboard hint, which only a keyboard can use"
    assert not errors, errors
