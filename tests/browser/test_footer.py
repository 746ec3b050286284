"""The build's date and commit, in every page's footer, as Chromium shows it."""

from __future__ import annotations

import re


def test_in_the_browser_every_footer_shows_the_build_date_and_commit(browser, built_book):
    page = browser.new_page()
    page.route("http*://**", lambda route: route.abort())
    page.goto((built_book / "chapters" / "05_sanctions.html").as_uri(), wait_until="load")
    page.wait_for_function("() => (document.querySelector('.thawbook-build') || {}).textContent")
    text = page.locator(".thawbook-build").first.text_content()
    footer = page.evaluate(
        "() => Array.from(document.querySelectorAll('footer')).map(f => f.textContent).join(' ')"
    )
    page.close()
    print(f"footer stamp: {text!r}")
    assert re.fullmatch(r"Built \d{4}-\d{2}-\d{2} from commit \S+( \+ local changes)?\.", text)
    assert "The thaw report team" in footer and "Built offline" in footer
