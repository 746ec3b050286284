"""The built book in a real browser (Debian's chromium), over file:// and from 127.0.0.1.

On every page: no request leaves the machine, every chart draws marks, a tooltip shows on
hover, and the console stays free of errors.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import HTML, book_pages

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
CHARTS = 'div[id^="altair-viz-"]'
MARKS = 'g[class*="role-mark"] > path, g[class*="role-mark"] > line, g[class*="role-mark"] > text, g[class*="role-mark"] > g'


def visit(browser, url: str):
    """Open ``url``; return the page and what it requested from elsewhere and logged as errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    foreign, errors = [], []

    def guard(route):
        parsed = urlparse(route.request.url)
        if parsed.scheme in {"http", "https", "ws", "wss"} and parsed.hostname not in LOCAL_HOSTS:
            foreign.append(route.request.url)
            return route.abort()
        return route.continue_()

    context.route("**/*", guard)
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url)
            if urlparse(r.url).scheme in {"http", "https"} and urlparse(r.url).hostname not in LOCAL_HOSTS
            else None
        ),
    )
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
        mark.scroll_into_view_if_needed()
        mark.hover(force=True)
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


@pytest.mark.parametrize("page_path", page_ids())
def test_page_has_no_serious_or_critical_accessibility_violations(browser, local_server, page_path):
    from axe_playwright_python.sync_playwright import Axe

    page, _, _ = visit(browser, f"{local_server}/{page_path}")
    wait_for_charts(page)
    results = Axe().run(page)
    violations = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    page.context.close()
    summary = [(v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["target"]) for v in violations]
    print(
        f"{page_path}: {len(results.response['violations'])} axe violation(s), {len(violations)} serious or critical"
    )
    assert not violations, summary


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
