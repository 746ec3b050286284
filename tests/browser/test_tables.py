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
