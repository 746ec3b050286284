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
    page.on("request", lambda r: foreign.append(r.url)
            if urlparse(r.url).scheme in {"http", "https"} and urlparse(r.url).hostname not in LOCAL_HOSTS else None)
    page.on("console", lambda m: errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return page, foreign, errors


def wait_for_charts(page) -> int:
    count = page.locator(CHARTS).count()
    if count:
        page.wait_for_function(
            """([charts, marks]) => [...document.querySelectorAll(charts)]
                 .every(c => c.querySelector('svg') && c.querySelectorAll(marks).length > 0)""",
            arg=[CHARTS, MARKS], timeout=15000,
        )
    return count


def page_ids():
    return [str(p.relative_to(HTML)) for p in book_pages()]


@pytest.mark.parametrize("mode", ["file", "http"])
@pytest.mark.parametrize("page_path", page_ids())
def test_page_is_offline_renders_its_charts_and_logs_no_errors(browser, built_book, local_server, mode, page_path):
    url = (built_book / page_path).as_uri() if mode == "file" else f"{local_server}/{page_path}"
    page, foreign, errors = visit(browser, url)
    charts = wait_for_charts(page)
    if charts:
        first_mark = page.locator(f"{CHARTS} g[class*='role-mark'] > path").first
        first_mark.scroll_into_view_if_needed()
        first_mark.hover(force=True)
        tooltip = page.locator("#vg-tooltip-element")
        tooltip.wait_for(state="visible", timeout=5000)
        assert tooltip.inner_text().strip(), "the tooltip is empty"
    page.context.close()
    print(f"{page_path} over {mode}: {charts} chart(s), {len(foreign)} foreign request(s), {len(errors)} error(s)")
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
    print(f"{page_path}: {len(results.response['violations'])} axe violation(s), {len(violations)} serious or critical")
    assert not violations, summary


def test_offline_search_for_micron_finds_the_sanctions_chapter(browser, built_book):
    page, foreign, errors = visit(browser, (built_book / "search.html").as_uri() + "?q=Micron")
    page.wait_for_selector("#search-results li", timeout=15000)
    links = page.locator("#search-results li a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    page.context.close()
    print("search results for Micron:", links)
    assert any("04_sanctions" in link for link in links)
    assert not foreign and not errors
