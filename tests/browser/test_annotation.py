"""The annotated source (chapter 02) in Chromium: popups on tap, click and keyboard, and the
landing of evidence links from the other chapters.

Without JavaScript each highlight is a link and its popup shows on hover and focus (CSS only);
``_static/thawbook-annotate.js`` makes the first tap, click, Enter or Space open the popup
instead of following the link, as a named non-modal dialog that takes focus, and Escape or its
Close button close it and give focus back to the highlight. These tests drive the built book.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import reader_context
from thawbook.analysis import annotation
from thawbook.paths import ROOT

pytestmark = pytest.mark.browser

PAGE = "chapters/02_annotated_source.html"


def open_annotated(browser, url: str, *, width: int = 1280, mode: str = "light", touch: bool = False):
    """``url`` at ``width`` CSS px in a colour mode, offline; the page and its console errors."""
    context = reader_context(browser, width, mode, has_touch=touch)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.goto(url, wait_until="load", timeout=60000)
    return page, errors


def enhanced(page) -> None:
    """Wait until thawbook-annotate.js has set up the popups."""
    page.wait_for_selector(".annotated-source.popups-enhanced", state="attached", timeout=10000)


def popup_of(page, highlight):
    return page.locator("#" + highlight.get_attribute("aria-describedby"))


# ------------------------------------------------------------------ touch
def test_a_tap_opens_the_popup_without_following_the_link_and_escape_closes_it(browser, local_server):
    page, errors = open_annotated(browser, f"{local_server}/{PAGE}", width=390, touch=True)
    enhanced(page)
    highlight = page.locator(".annotated-source a.hl").nth(5)
    popup = popup_of(page, highlight)
    assert highlight.get_attribute("aria-controls") == popup.get_attribute("id")
    assert highlight.get_attribute("aria-expanded") == "false"
    highlight.scroll_into_view_if_needed()
    before = page.url
    assert not popup.is_visible()

    highlight.tap()
    popup.wait_for(state="visible", timeout=3000)
    page.wait_for_timeout(300)  # a navigation, had one started, would have changed the URL by now
    assert page.url == before, f"the tap followed the link to {page.url}"
    assert highlight.get_attribute("aria-expanded") == "true"
    rows = popup.locator('a[href^="#row-"]')
    assert rows.count() >= 1
    box, width = popup.bounding_box(), page.evaluate("document.documentElement.clientWidth")
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, ("popup wider than the phone", box, width)
    print(f"tapped {highlight.inner_text()!r}: popup with {rows.count()} row link(s), URL unchanged")

    page.keyboard.press("Escape")
    popup.wait_for(state="hidden", timeout=3000)
    assert highlight.get_attribute("aria-expanded") == "false"
    assert page.evaluate(
        "(id) => document.activeElement.getAttribute('aria-describedby') === id", popup.get_attribute("id")
    )

    # a tap opens it again, and the row link inside it goes to the row
    highlight.tap()
    popup.wait_for(state="visible", timeout=3000)
    target = rows.first.get_attribute("href")
    rows.first.tap()
    page.wait_for_url(re.compile(re.escape(target) + "$"), timeout=5000)
    assert page.locator(target).is_visible()
    assert not errors, errors
    page.context.close()


def test_a_second_tap_on_an_open_highlight_follows_its_link(browser, local_server):
    page, _ = open_annotated(browser, f"{local_server}/{PAGE}", width=390, touch=True)
    enhanced(page)
    highlight = page.locator(".annotated-source a.hl").nth(8)
    highlight.scroll_into_view_if_needed()
    highlight.tap()
    popup_of(page, highlight).wait_for(state="visible", timeout=3000)
    highlight.tap()
    href = highlight.get_attribute("href")
    page.wait_for_url(re.compile(re.escape(href) + "$"), timeout=5000)
    assert highlight.get_attribute("aria-expanded") == "false"
    page.context.close()


def test_a_tap_elsewhere_closes_the_open_popup(browser, local_server):
    page, _ = open_annotated(browser, f"{local_server}/{PAGE}", width=390, touch=True)
    enhanced(page)
    highlight = page.locator(".annotated-source a.hl").nth(5)
    highlight.scroll_into_view_if_needed()
    highlight.tap()
    popup = popup_of(page, highlight)
    popup.wait_for(state="visible", timeout=3000)
    page.locator(".annotated-source .pno").nth(2).tap()
    popup.wait_for(state="hidden", timeout=3000)
    assert highlight.get_attribute("aria-expanded") == "false"
    page.context.close()


# ------------------------------------------------------------------ keyboard
@pytest.mark.parametrize("key", ["Enter", " "])
def test_enter_or_space_opens_the_popup_tab_enters_it_and_escape_returns_focus(browser, local_server, key):
    page, errors = open_annotated(browser, f"{local_server}/{PAGE}")
    enhanced(page)
    highlight = page.locator(".annotated-source a.hl").nth(5)
    popup = popup_of(page, highlight)
    highlight.focus()
    before = page.url
    page.keyboard.press(key)
    page.wait_for_timeout(200)
    assert page.url == before, f"{key!r} followed the link"
    assert highlight.get_attribute("aria-expanded") == "true"
    assert popup.is_visible()
    assert page.evaluate("document.activeElement.id") == popup.get_attribute("id"), "focus stayed outside"

    page.keyboard.press("Tab")
    focused = page.evaluate(
        "[document.activeElement.closest('[role=dialog]')?.id, document.activeElement.href]"
    )
    assert focused[0] == popup.get_attribute("id"), f"Tab went to {focused}, not into the popup"
    assert "#row-" in focused[1]

    page.keyboard.press("Escape")
    popup.wait_for(state="hidden", timeout=3000)
    assert highlight.get_attribute("aria-expanded") == "false"
    assert page.evaluate(
        "(id) => document.activeElement.getAttribute('aria-describedby') === id", popup.get_attribute("id")
    )
    assert not errors, errors
    page.context.close()


@pytest.mark.parametrize("how", ["click", "Enter"])
def test_the_open_popup_is_a_named_dialog_that_takes_focus_and_close_gives_it_back(
    browser, local_server, how
):
    page, errors = open_annotated(browser, f"{local_server}/{PAGE}")
    enhanced(page)
    highlight = page.locator(".annotated-source a.hl").nth(7)
    popup = popup_of(page, highlight)
    words = " ".join(highlight.inner_text().split())
    assert highlight.get_attribute("aria-haspopup") == "dialog"
    if how == "click":
        highlight.click()
    else:
        highlight.focus()
        page.keyboard.press("Enter")
    popup.wait_for(state="visible", timeout=3000)

    # a non-modal dialog, named after the highlighted words, as Chromium's accessibility tree has it
    assert popup.get_attribute("role") == "dialog"
    assert popup.get_attribute("aria-modal") != "true"
    named = page.get_by_role("dialog", name=f"Rows on “{words}”", exact=True)
    assert named.count() == 1 and named.get_attribute("id") == popup.get_attribute("id")
    assert page.evaluate("document.activeElement.id") == popup.get_attribute("id"), (
        "focus did not move into it"
    )

    # Tab goes through its row links to its Close button; Close closes it and focus goes back
    links = popup.locator("a").count()
    for _ in range(links + 1):
        page.keyboard.press("Tab")
    close = popup.get_by_role("button", name="Close", exact=True)
    assert page.evaluate("document.activeElement.className") == "thawbook-popup-close"
    close.press("Enter") if how == "Enter" else close.click()
    popup.wait_for(state="hidden", timeout=3000)
    assert highlight.get_attribute("aria-expanded") == "false"
    assert page.evaluate(
        "(id) => document.activeElement.getAttribute('aria-describedby') === id", popup.get_attribute("id")
    ), "focus did not go back to the highlight"
    print(f"{how}: dialog {popup.get_attribute('aria-label')!r} with {links} row link(s) and Close")
    assert not errors, errors
    page.context.close()


def test_closed_popups_keep_their_row_links_out_of_the_tab_order(browser, local_server):
    page, _ = open_annotated(browser, f"{local_server}/{PAGE}")
    enhanced(page)
    page.locator(".annotated-source a.hl").nth(5).focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('a.hl')"), "Tab went into a closed popup"
    page.context.close()


AXE = ROOT / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_an_open_popup_on_a_phone_has_no_serious_accessibility_violations(browser, local_server, mode):
    """axe-core, as tests/browser/test_pages.py runs it on every page, here with a popup open by a tap."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make browser` installs axe-core")
    page, _ = open_annotated(browser, f"{local_server}/{PAGE}", width=390, mode=mode, touch=True)
    enhanced(page)
    highlight = page.locator(".annotated-source a.hl").nth(12)
    highlight.scroll_into_view_if_needed()
    highlight.tap()
    popup_of(page, highlight).wait_for(state="visible", timeout=3000)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
        .violations.map(v => ({id: v.id, impact: v.impact, target: v.nodes[0].target}))""")
    print(f"{mode}, popup open: {found}")
    assert not [v for v in found if v["impact"] in {"serious", "critical"}], found
    page.context.close()


# ------------------------------------------------------------------ evidence links land on their span
LANDED = """(id) => {
  let node = document.getElementById(id);
  while (node && !(node.matches('.s'))) node = node.nextElementSibling;
  const hit = node && node.querySelector(':scope > a.hl');
  if (!hit) return null;
  const depth = [...hit.classList].find(c => /^k\\d$/.test(c));
  const other = [...document.querySelectorAll('.annotated-source .s > a.hl.' + depth)]
    .find(a => a !== hit && !a.parentElement.previousElementSibling?.matches(':target'));
  const rect = hit.getBoundingClientRect();
  const css = getComputedStyle(hit);
  return {text: hit.textContent, landed: css.backgroundColor, outline: css.outlineWidth + ' ' + css.outlineStyle,
          other: getComputedStyle(other).backgroundColor, top: rect.top, bottom: rect.bottom,
          height: innerHeight, theme: document.documentElement.dataset.theme};
}"""


def rgb(text: str) -> tuple[int, ...]:
    return tuple(int(v) for v in re.findall(r"\d+", text)[:3])


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_an_evidence_link_lands_on_a_strongly_highlighted_span_in_view(browser, local_server, mode, width):
    chapter, errors = open_annotated(
        browser, f"{local_server}/chapters/04_chronology.html", width=width, mode=mode
    )
    link = chapter.locator("a.thawbook-evidence").first
    href = link.get_attribute("href")
    assert re.search(r"02_annotated_source\.html#span-\d+-\d+$", href), href
    url = chapter.evaluate("(a) => a.href", link.element_handle())
    chapter.context.close()

    page, errors = open_annotated(browser, url, width=width, mode=mode)
    page.wait_for_timeout(500)  # the charts above the article have drawn and the page has settled
    found = page.evaluate(LANDED, url.split("#", 1)[1])
    assert found, f"no highlight after {url}"
    assert found["theme"] == mode
    distance = sum(abs(a - b) for a, b in zip(rgb(found["landed"]), rgb(found["other"])))
    print(
        f"{mode} {width}px: landed on {found['text']!r}: {found['landed']} vs {found['other']}, {found['outline']}"
    )
    assert distance >= 120, f"the landed span ({found['landed']}) looks like any other ({found['other']})"
    assert found["outline"].startswith("3px solid"), found["outline"]
    assert 0 <= found["top"] and found["bottom"] <= found["height"], f"landed span not in view: {found}"
    assert not errors, errors
    page.context.close()


# ------------------------------------------------------------------ focus, and the chronology's links (moved from
# test_annotate.py)
AFTER_ANCHOR = """(id) => {
  const start = document.getElementById(id);
  if (!start) return null;
  const walker = document.createTreeWalker(start.closest('p') || document.body, NodeFilter.SHOW_TEXT);
  let out = '';
  while (walker.nextNode() && out.length < 600) {
    const node = walker.currentNode;
    if (!(start.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
    if (node.parentElement.closest('[role="tooltip"], [role="dialog"], .likely')) continue;
    out += node.textContent;
  }
  return out;
}"""


def check_annotated_pages(browser, html_root: Path) -> None:
    """The checks of the browser test, against any built book (the test passes the real one)."""
    ids = {r.row_id for r in annotation.grounded_rows(annotation.annotation_tables()).itertuples()}
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))

    # (1) focus shows a highlight's popup, and the popup names a row
    annotated = html_root / "chapters" / "02_annotated_source.html"
    assert annotated.exists(), f"{annotated} is missing: the built book is older than the annotated source"
    page.goto(annotated.as_uri(), wait_until="load")
    highlight = page.locator("a.hl").nth(3)
    tooltip = page.locator("#" + highlight.get_attribute("aria-describedby"))
    assert not tooltip.is_visible()
    highlight.focus()
    tooltip.wait_for(state="visible", timeout=3000)
    # it names its rows by kind and summary; each links to its row, whose id only the link's target carries
    targets = tooltip.locator('a[href^="#row-"]').evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    listed = {re.sub(r"^#row-[a-z]{2}-", "", target) for target in targets}
    print(f"focused highlight {highlight.inner_text()!r}: popup lists {sorted(listed)}")
    assert listed & ids
    assert not any(row_id in tooltip.inner_text() for row_id in listed), "a row id shows in the popup"
    page.keyboard.press("Tab")
    following = page.locator("a.hl").nth(4)
    page.locator("#" + following.get_attribute("aria-describedby")).wait_for(state="visible", timeout=3000)
    assert not tooltip.is_visible()

    # (3) no console errors on the annotated page
    assert not errors, errors

    # (2) an evidence link of the chronology's events table lands on its span
    page.goto((html_root / "chapters" / "04_chronology.html").as_uri(), wait_until="load")
    tables = page.locator("table.thawbook-table", has=page.locator("a.thawbook-evidence"))
    assert tables.count(), "the chronology shows no table with evidence links"
    events = tables.filter(has=page.locator("caption", has_text=re.compile("event", re.I)))
    table = events.last if events.count() else tables.first
    links = table.locator("a.thawbook-evidence").evaluate_all(
        "els => els.map(e => [e.getAttribute('href'), e.textContent])"
    )
    link = table.locator("a.thawbook-evidence").first
    link.click()
    page.wait_for_url(re.compile(r"02_annotated_source\.html#span-\d+-\d+$"), timeout=15000)
    fragment = page.url.split("#", 1)[1]
    assert page.url.split("#")[0].endswith("chapters/02_annotated_source.html")
    assert fragment == links[0][0].split("#", 1)[1]
    for href, evidence in links:
        target = href.split("#", 1)[1]
        after = page.evaluate(AFTER_ANCHOR, target)
        assert after is not None, f"no element with id {target}"
        assert " ".join(after.split()).startswith(" ".join(evidence.split())), (target, evidence, after[:120])
    print(f"chronology: {len(links)} evidence links land on their spans; followed {links[0]}")
    context.close()


def test_built_page_shows_popups_on_focus_and_receives_evidence_links(browser, built_book):
    check_annotated_pages(browser, built_book)
