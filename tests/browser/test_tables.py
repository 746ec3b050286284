"""Long tables in Chromium: filtered by keyboard, and a link to a row lands on it."""

from __future__ import annotations


def test_in_the_browser_a_long_table_filters_by_keyboard_and_a_correction_link_lands_on_its_row(
    browser, built_book
):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.route("http*://**", lambda route: route.abort())
    page.goto(
        (built_book / "chapters" / "08_source_criticism.html").as_uri() + "#co-not-deterred-li",
        wait_until="load",
    )
    row = page.locator("tr#co-not-deterred-li")
    assert row.is_visible() and row.evaluate("r => r.matches(':target')")
    box = page.locator("div.thawbook-filter").first
    assert box.is_visible()
    field = box.get_by_label("Filter rows")
    field.focus()
    page.keyboard.type("balloon")
    table = page.locator("#" + field.get_attribute("data-table"))
    shown = table.locator("tbody tr:not([hidden])").count()
    total = table.locator("tbody tr").count()
    message = box.locator(".thawbook-filter-count").text_content()
    sticky = table.locator("thead th").first.evaluate("th => getComputedStyle(th).position")
    page.close()
    print(f"filter 'balloon': {shown} of {total} rows; {message!r}; header position {sticky}")
    assert 0 < shown < total and message == f"{shown} of {total} rows shown" and sticky == "sticky"


#: For every table shown as cards, the label of the topmost line of its first card.
FIRST_LINES = """() => [...document.querySelectorAll('table.thawbook-cards')].map(table => {
  const cells = [...table.querySelectorAll('tbody tr:first-child td')]
    .filter(td => td.getBoundingClientRect().height > 0);
  cells.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
  return cells.length ? [cells[0].getAttribute('data-label'), cells[0].classList.contains('thawbook-id')] : null;
}).filter(Boolean)"""


def test_on_a_phone_a_tables_card_leads_with_what_a_reader_looks_for_and_shows_ids_last(browser, built_book):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.route("http*://**", lambda route: route.abort())
    page.goto((built_book / "chapters" / "04_chronology.html").as_uri(), wait_until="load")
    page.wait_for_selector("table.thawbook-cards", state="attached")
    firsts = page.evaluate(FIRST_LINES)
    ids = page.locator("table.thawbook-cards tbody td.thawbook-id").count()
    page.close()
    print(f"{len(firsts)} tables as cards; their cards lead with {sorted({label for label, _ in firsts})}")
    assert ids > 0, "no id column was marked: the test would prove nothing"
    assert firsts and not [label for label, is_id in firsts if is_id], firsts
