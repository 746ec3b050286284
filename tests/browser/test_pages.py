"""The built book in a real browser (Debian's chromium), over file:// and from 127.0.0.1.

On every page: no request leaves the machine, every chart draws marks, a tooltip shows on
hover, and the console stays free of errors.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import HTML, ROOT, book_pages, is_foreign, reader_context

CHARTS = 'div[id^="altair-viz-"]'
MARKS = ", ".join(f'g[class*="role-mark"] > {tag}' for tag in ("path", "line", "text", "g"))


def visit(browser, url: str):
    """Open ``url``; return the page and what it requested from elsewhere and logged as errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    foreign, errors = [], []

    def guard(route):
        if is_foreign(route.request.url):
            foreign.append(route.request.url)
            return route.abort()
        return route.continue_()

    context.route("**/*", guard)
    page.on("request", lambda r: foreign.append(r.url) if is_foreign(r.url) else None)
    page.on("console", lambda m: errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.goto(url, wait_until="load", timeout=60000)
    return page, foreign, errors


def wait_for_charts(page) -> int:
    count = page.locator(CHARTS).count()
    if count:
        page.wait_for_function(
            """([charts, marks]) => [...document.querySelectorAll(charts)]
                 .every(c => c.querySelector('svg') && c.querySelectorAll(marks).length > 0)""",
            arg=[CHARTS, MARKS],
            timeout=30000,
        )
    return count


def hover_until_tooltip(page, tries: int = 40) -> str | None:
    """Hover over chart marks one by one (some, like rules or labels, carry no tooltip) until a tooltip shows."""
    marks = page.locator(f"{CHARTS} g[class*='role-mark'] > path")
    tooltip = page.locator("#vg-tooltip-element")
    for index in range(min(marks.count(), tries)):
        mark = marks.nth(index)
        if not mark.is_visible():
            continue
        try:  # a bar clipped at the view's edge may lie far outside it: try the next mark
            mark.scroll_into_view_if_needed(timeout=2000)
            mark.hover(force=True, timeout=2000)
        except Exception:
            continue
        try:
            tooltip.wait_for(state="visible", timeout=500)
        except Exception:
            continue
        text = tooltip.inner_text().strip()
        if text:
            return text
    return None


def page_ids():
    return [str(p.relative_to(HTML)) for p in book_pages()]


@pytest.mark.parametrize("mode", ["file", "http"])
@pytest.mark.parametrize("page_path", page_ids())
def test_page_is_offline_renders_its_charts_and_logs_no_errors(
    browser, built_book, local_server, mode, page_path
):
    url = (built_book / page_path).as_uri() if mode == "file" else f"{local_server}/{page_path}"
    page, foreign, errors = visit(browser, url)
    charts = wait_for_charts(page)
    unlabelled = page.evaluate(f"""() => [...document.querySelectorAll('{CHARTS}')]
        .filter(chart => !(chart.getAttribute('aria-label') || '').trim()).length""")
    tooltip_text = hover_until_tooltip(page) if charts else None
    page.context.close()
    if charts:
        assert tooltip_text, "no mark showed a tooltip on hover"
    assert unlabelled == 0, f"{unlabelled} chart(s) have no text alternative (aria-label)"
    print(
        f"{page_path} over {mode}: {charts} chart(s), {len(foreign)} foreign request(s), {len(errors)} error(s)"
    )
    assert not foreign, f"requests left the machine: {foreign}"
    assert not errors, f"console errors: {errors}"


def test_every_page_is_visited():
    pages = page_ids()
    assert "index.html" in pages
    assert any(p.startswith("chapters/") for p in pages)


AXE = ROOT / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"phone": 390, "desktop": 1400}


#: The most a page may load, every request together (issue #23: light pages).
PAGE_BUDGET_BYTES = 1_500_000


def loaded_bytes(browser, url: str, width: int) -> tuple[int, dict[str, int]]:
    """Every byte a page loads at ``width`` px until its charts are drawn: each response's body."""
    context = reader_context(browser, width, "light")
    page = context.new_page()
    sizes: dict[str, int] = {}

    def count(response):
        try:
            sizes[response.url] = len(response.body())
        except Exception:  # a redirect or an aborted request has no body
            sizes.setdefault(response.url, 0)

    page.on("response", count)
    page.goto(url, wait_until="load", timeout=60000)
    wait_for_charts(page)
    page.wait_for_timeout(500)
    context.close()
    return sum(sizes.values()), sizes


@pytest.mark.parametrize("screen", list(WIDTHS))
@pytest.mark.parametrize("page_path", page_ids())
def test_every_page_loads_at_most_one_and_a_half_megabytes(browser, local_server, page_path, screen):
    total, sizes = loaded_bytes(browser, f"{local_server}/{page_path}", WIDTHS[screen])
    heaviest = sorted(sizes.items(), key=lambda item: -item[1])[:5]
    print(f"{page_path} at {WIDTHS[screen]} px: {total:,d} bytes in {len(sizes)} requests")
    page_itself = (HTML / page_path).stat().st_size
    assert total > page_itself and len(sizes) > 5, "the count missed the page's own requests"
    assert total <= PAGE_BUDGET_BYTES, f"{total:,d} bytes loaded; the heaviest: {heaviest}"


def open_page(browser, url: str, width: int, mode: str):
    """``url`` at ``width`` CSS px in the ``light`` or ``dark`` colour mode, charts drawn."""
    context = reader_context(browser, width, mode)
    page = context.new_page()
    page.goto(url, wait_until="load", timeout=60000)
    charts = wait_for_charts(page)
    if charts:  # thawbook-charts.js has fitted and labelled every chart
        page.wait_for_function(
            f"""() => [...document.querySelectorAll('{CHARTS}')]
            .every(c => c.classList.contains('thawbook-chart') && c.querySelector('svg'))""",
            timeout=30000,
        )
        page.wait_for_timeout(300)
    return page, charts


def chart_page_ids():
    return [p for p in page_ids() if 'id="altair-viz-' in (HTML / p).read_text(encoding="utf-8")]


# Reads whether a chart with bars (rect marks) draws any of them at least 1 px each way (a
# bar of a zero value, or of a one-day interval beside its point, may rightly be flat; a chart
# whose bars are all flat draws nothing); every drawn chart text's font size as rendered (the
# SVG's scale included); whether two visible texts of one chart overlap by more than a pixel
# each way (as drawn, so axis labels count); and whether the chart's picture is wider than its
# column or the page than the window.
MEASURE = """(charts) => {
  const out = {small: [], wide: [], overflow: document.documentElement.scrollWidth - window.innerWidth, inks: [],
               overlaps: [], flat: []};
  for (const chart of document.querySelectorAll(charts)) {
    const svg = chart.querySelector('svg');
    const box = svg.getBoundingClientRect();
    const scale = box.width / (svg.width.baseVal.value || box.width);
    const column = chart.parentElement.getBoundingClientRect();
    if (box.right > Math.min(column.right, window.innerWidth) + 1)
      out.wide.push([chart.id, Math.round(box.width), Math.round(column.width)]);
    for (const text of svg.querySelectorAll('text')) {
      if (!text.textContent.trim() || getComputedStyle(text).opacity === '0') continue;
      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (size < 10 - 0.01) out.small.push([text.textContent.slice(0, 30), Math.round(size * 10) / 10]);
    }
    const boxes = [];
    for (const text of svg.querySelectorAll('text')) {
      if (!text.textContent.trim() || getComputedStyle(text).opacity === '0') continue;
      if (text.closest('[opacity="0"]')) continue;
      const r = text.getBoundingClientRect();
      if (r.width >= 1 && r.height >= 1) boxes.push([text.textContent.slice(0, 30), r]);
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [a, p] = boxes[i], [b, q] = boxes[j];
      const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
      const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
      if (w > 1 && h > 1) out.overlaps.push([chart.id, a, b]);
    }
    const bars = [...svg.querySelectorAll('g.mark-rect > path')].map(bar => bar.getBoundingClientRect());
    if (bars.length && !bars.some(r => r.width >= 1 && r.height >= 1)) out.flat.push([chart.id, bars.length]);
    const label = svg.querySelector('.role-axis-label text, .role-legend-label text, .role-title-text text');
    if (label) out.inks.push(getComputedStyle(label).fill);
  }
  return out;
}"""


# Charts whose drawn text (labels beside marks, rows of long titles) cannot yet narrow to a
# 390 px column: they scroll sideways inside their own box (never the page) and keep their text
# at full size. A count per page, so that a new wide chart fails; to be brought to zero.
KNOWN_WIDE_ON_A_PHONE = {}
# Charts whose texts still collide at 390 px, as Chromium draws them (pairs per page), as listed
# in tests/whole/test_chart_geometry.py too. Exact counts: a fix must remove its entry. None today.
KNOWN_OVERLAPS_ON_A_PHONE: dict[str, int] = {}


def luminance(css_colour: str) -> float:
    r, g, b = [int(v) for v in css_colour[css_colour.index("(") + 1 : css_colour.index(")")].split(",")[:3]]
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("screen", list(WIDTHS))
@pytest.mark.parametrize("page_path", chart_page_ids())
def test_charts_fit_the_column_with_readable_text_in_both_modes(
    browser, local_server, page_path, screen, mode
):
    page, charts = open_page(browser, f"{local_server}/{page_path}", WIDTHS[screen], mode)
    measured = page.evaluate(MEASURE, CHARTS)
    theme = page.evaluate("document.documentElement.dataset.theme")
    page.context.close()
    print(
        f"{page_path} at {WIDTHS[screen]} px, {mode}: {charts} chart(s), {len(measured['small'])} text(s) under 10 px, "
        f"{len(measured['wide'])} too wide, {len(measured['overlaps'])} overlapping text pair(s), "
        f"page overflow {measured['overflow']} px"
    )
    assert theme == mode
    assert not measured["small"], f"chart text under 10 px: {measured['small'][:5]}"
    assert not measured["flat"], f"charts whose bars all draw nothing (chart, bars): {measured['flat']}"
    expected = KNOWN_OVERLAPS_ON_A_PHONE.get(page_path, 0) if screen == "phone" else 0
    assert len(measured["overlaps"]) == expected, (
        f"chart texts drawn over one another: {measured['overlaps'][:5]}"
    )
    allowed = KNOWN_WIDE_ON_A_PHONE.get(page_path, 0) if screen == "phone" else 0
    assert len(measured["wide"]) <= allowed, f"charts wider than their column: {measured['wide']}"
    assert measured["overflow"] <= 0, f"the page scrolls sideways by {measured['overflow']} px"
    dark_ink = [ink for ink in measured["inks"] if (luminance(ink) > 0.5) != (mode == "dark")]
    assert not dark_ink, f"chart text colours that do not suit the {mode} mode: {dark_ink[:3]}"


def test_in_dark_mode_no_output_of_any_page_sits_on_a_light_panel(browser, local_server):
    # The theme paints HTML outputs light in its dark mode (for HTML that assumes a white page);
    # the book's tables, charts and boxes draw their own dark colours, so no panel may show.
    light = {}
    for page_path in page_ids():
        page, _ = open_page(browser, f"{local_server}/{page_path}", 1400, "dark")
        colours = page.evaluate(
            """() => [...document.querySelectorAll('.cell_output .output')]
                .map(o => getComputedStyle(o).backgroundColor).filter(c => c !== 'rgba(0, 0, 0, 0)')"""
        )
        page.context.close()
        panels = [c for c in colours if luminance(c) > 0.5]
        if panels:
            light[page_path] = len(panels)
    assert not light, f"outputs on a light panel in dark mode, per page: {light}"


def test_the_reader_toggling_dark_mode_recolours_the_charts(browser, local_server):
    page, _ = open_page(browser, f"{local_server}/chapters/10_thaw_index.html", 1400, "light")
    before = page.evaluate(MEASURE, CHARTS)["inks"]
    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    page.wait_for_timeout(1500)
    after = page.evaluate(MEASURE, CHARTS)["inks"]
    page.context.close()
    assert before and all(luminance(c) < 0.5 for c in before)
    assert after and all(luminance(c) > 0.5 for c in after), after


@pytest.mark.parametrize("page_path", ["chapters/07_military_contact.html", "chapters/10_thaw_index.html"])
def test_keyboard_reaches_every_chart_and_each_is_named_by_its_finding(browser, local_server, page_path):
    page, charts = open_page(browser, f"{local_server}/{page_path}", 1400, "light")
    expected = page.evaluate(f"[...document.querySelectorAll('{CHARTS}')].map(c => c.id)")
    reached, names = [], {}
    for _ in range(400):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement;
            return e ? [e.id, e.getAttribute('role'), e.getAttribute('aria-label')] : null; }""")
        if focused and focused[0] in expected and focused[0] not in reached:
            reached.append(focused[0])
            names[focused[0]] = focused[1:]
            if len(reached) == len(expected):
                break
    page.context.close()
    print(f"{page_path}: {len(reached)} of {len(expected)} charts reached by Tab")
    assert reached == expected, f"charts never reached by Tab: {sorted(set(expected) - set(reached))}"
    for role, label in names.values():
        assert role == "figure" and label and len(label) > 20, (role, label)


def tab_to(page, predicate: str, tries: int = 400):
    """Press Tab until the focused element satisfies the JavaScript ``predicate`` (given ``e``)."""
    for _ in range(tries):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const e = document.activeElement; return !!e && ({predicate}); }}"):
            return True
    return False


# Every string and number in a chart's data, as text: what a tooltip line can show.
DATA_VALUES = """(id) => {
  const entry = window.thawbookCharts.charts.find(c => c.el.id === id);
  const values = new Set();
  for (const data of entry.spec.data || [])
    for (const row of data.values || []) for (const v of Object.values(row || {}))
      if (v !== null && typeof v !== 'object' && String(v).length >= 3) values.add(String(v));
  return [...values];
}"""


@pytest.mark.parametrize("page_path", ["chapters/07_military_contact.html", "chapters/10_thaw_index.html"])
def test_keys_alone_read_a_charts_marks_aloud_and_escape_clears_them(browser, local_server, page_path):
    page, charts = open_page(browser, f"{local_server}/{page_path}", 1400, "light")
    first = page.evaluate(f"document.querySelector('{CHARTS}').id")
    assert tab_to(page, f"e.id === '{first}'"), "Tab never reached the first chart"
    readout = page.locator(f"#thawbook-readout-{first}")
    assert readout.get_attribute("aria-live") == "polite"
    page.keyboard.press("ArrowRight")
    first_mark = readout.inner_text().strip()
    page.keyboard.press("ArrowRight")
    second_mark = readout.inner_text().strip()
    page.keyboard.press("ArrowLeft")
    back = readout.inner_text().strip()
    ring = page.locator(f"#{first} .thawbook-mark-ring").bounding_box()
    values = page.evaluate(DATA_VALUES, first)
    visible = readout.is_visible()
    page.keyboard.press("Escape")
    cleared = readout.inner_text().strip()
    page.context.close()
    print(f"{page_path}: keys read {first_mark!r}, then {second_mark!r}")
    assert re.match(r"1 of \d+\. ", first_mark) and visible, first_mark
    assert re.match(r"2 of \d+\. ", second_mark) and second_mark != first_mark
    assert back == first_mark
    shown = [v for v in values if v in first_mark]
    assert shown, f"the readout names no value of the chart's data: {first_mark!r}"
    assert ring and ring["width"] > 0 and ring["height"] > 0, "no ring shows which mark is read"
    assert cleared == ""


def test_keys_alone_operate_the_timeline_legend_filter(browser, local_server):
    page, _ = open_page(browser, f"{local_server}/chapters/04_chronology.html", 1400, "light")
    chart = page.evaluate(
        "document.querySelector('.thawbook-chart-filter').parentElement.previousElementSibling"
        ".previousElementSibling.id"
    )
    faded = (
        f"() => [...document.querySelectorAll('#{chart} g[class*=role-mark] > path')]"
        ".filter(p => +p.getAttribute('opacity') < 0.5).length"
    )
    faded_before = page.evaluate(faded)  # the publication band is pale by design
    assert tab_to(page, "e.tagName === 'BUTTON' && e.textContent === 'sanctions'"), (
        "no button for the legend entry"
    )
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    pressed = page.evaluate("document.activeElement.getAttribute('aria-pressed')")
    faded_after = page.evaluate(faded)
    store = page.evaluate(
        f"window.thawbookCharts.charts.find(c => c.el.id === '{chart}').view.data('theme_filter_store')"
    )
    legend_opacities = page.evaluate(
        f"[...document.querySelectorAll('#{chart} .role-legend-symbol path')].map(p => p.getAttribute('opacity'))"
    )
    page.keyboard.press("Shift+Tab")  # back to "all"
    while page.evaluate("document.activeElement.textContent") != "all":
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    page.wait_for_timeout(300)
    faded_again = page.evaluate(faded)
    page.context.close()
    print(f"filter: {faded_after} mark(s) faded, store {store}")
    assert pressed == "true"
    assert len(store) == 1 and store[0]["values"] == ["sanctions"]
    assert faded_after > faded_before, "choosing a theme faded no mark"
    assert len(set(legend_opacities)) > 1, "the legend does not show the choice"
    assert faded_again == faded_before, "'all' did not bring every mark back"


def test_keys_alone_move_the_range_of_dates_the_timeline_shows_and_put_it_back(browser, local_server):
    # The brush on the timeline's overview strip needs a pointer; its buttons do not. They move the
    # brush itself, so its box, its store and the detail view it drives agree.
    page, _ = open_page(browser, f"{local_server}/chapters/04_chronology.html", 390, "light")
    chart = page.evaluate(
        "document.querySelector('.thawbook-chart-brush').parentElement.previousElementSibling"
        ".previousElementSibling.id"
    )
    store = (
        f"() => window.thawbookCharts.charts.find(c => c.el.id === '{chart}')"
        ".view.data('brush_store')[0].values[0].map(Number)"
    )
    labels = f"() => [...document.querySelectorAll('#{chart} .role-axis-label text')].map(t => t.textContent).join(' ')"
    box = f"() => document.querySelector('#{chart} g.brush_brush > path').getBoundingClientRect().left"
    seen = {"first": (page.evaluate(store), page.evaluate(labels), page.evaluate(box))}
    for name, key in (("earlier", "Enter"), ("wider", "Space"), ("as at first", "Enter")):
        assert tab_to(page, f"e.tagName === 'BUTTON' && e.textContent === '{name}'"), f"no button '{name}'"
        page.keyboard.press(key)
        page.wait_for_timeout(400)
        seen[name] = (page.evaluate(store), page.evaluate(labels), page.evaluate(box))
    page.context.close()
    print({name: [round(v / 86400000) for v in values[0]] for name, values in seen.items()})
    (first, first_labels, first_box), (earlier, earlier_labels, earlier_box) = seen["first"], seen["earlier"]
    span = first[1] - first[0]
    assert (
        abs(earlier[0] - (first[0] - span / 2)) < 0.05 * span
        and abs(earlier[1] - earlier[0] - span) < 0.05 * span
    )
    assert earlier_labels != first_labels and earlier_box < first_box, (
        "the view or the brush's box did not move"
    )
    assert seen["wider"][0][1] - seen["wider"][0][0] > 1.2 * span
    assert seen["as at first"][0] == first and seen["as at first"][1] == first_labels


def test_offline_search_for_micron_finds_the_sanctions_chapter(browser, local_server):
    page, foreign, errors = visit(browser, f"{local_server}/search.html?q=Micron")
    page.wait_for_selector("#search-results li", timeout=15000)
    links = page.locator("#search-results li a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    page.context.close()
    print("search results for Micron:", links)
    assert any("05_sanctions" in link for link in links)
    assert not foreign and not errors


def download_from(browser, url: str, selector: str) -> bytes:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(url)
    with page.expect_download() as caught:
        page.locator(selector).first.click()
    content = open(caught.value.path(), "rb").read()
    context.close()
    return content


def test_the_whole_data_package_downloads_from_the_landing_page_over_file(browser, built_book):
    import io
    import zipfile

    content = download_from(browser, (built_book / "index.html").as_uri(), "a[href$='thaw-data-package.zip']")
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    print(f"data package archive: {len(content):,d} bytes, {len(names)} files")
    assert "thaw-data-package/datapackage.json" in names
    assert "thaw-data-package/events.csv" in names


@pytest.mark.parametrize("page_path", [p for p in page_ids() if p.startswith("chapters/")])
def test_each_chapter_table_downloads_as_csv_over_file(browser, built_book, page_path):
    page_url = (built_book / page_path).as_uri()
    html = (built_book / page_path).read_text(encoding="utf-8")
    tables, downloads = html.count('<table class="thawbook-table'), html.count('class="thawbook-download"')
    assert tables == downloads, f"{page_path}: {tables} tables but {downloads} download links"
    if not tables:
        pytest.skip(f"{page_path} has no data table")
    content = download_from(browser, page_url, "a.thawbook-download").decode("utf-8")
    header = content.splitlines()[0]
    print(f"{page_path}: first table downloads as CSV with columns {header}")
    assert "," in header and len(content.splitlines()) > 1


@pytest.mark.parametrize("page_path", page_ids())
def test_no_page_scrolls_sideways_on_a_phone(browser, local_server, page_path):
    # chart pages are measured in every mode above; this holds the text-only pages too (page 90's
    # commit hashes once widened it by 31 px)
    page, _ = open_page(browser, f"{local_server}/{page_path}", WIDTHS["phone"], "light")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    page.context.close()
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px"


@pytest.mark.parametrize(
    "toggle, dialog", [("primary", "pst-primary-sidebar-modal"), ("secondary", "pst-secondary-sidebar-modal")]
)
def test_a_tap_on_the_menu_or_contents_button_opens_it_on_a_phone(browser, local_server, toggle, dialog):
    # the theme binds its toggles to the first .primary-toggle / .secondary-toggle of the page; a
    # hidden second header once took them, and a tap on the visible buttons did nothing
    context = reader_context(browser, WIDTHS["phone"], "light", has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{local_server}/chapters/05_sanctions.html", wait_until="load")
    page.locator(f".{toggle}-toggle:visible").first.tap()
    page.wait_for_timeout(500)
    opened = page.evaluate(f"() => document.getElementById('{dialog}').open")
    context.close()
    assert opened, f"a tap on the {toggle} toggle left its sidebar closed"
