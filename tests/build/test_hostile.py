"""The build under hostile data: nothing injected.

One throwaway copy of the checkout gets markup and script payloads in every free-text column
of every table (``tests/build/hostile.py``) and is built once (from the shared execution cache, so
only what the payloads make stale executes): every page opened in Chromium runs none of the
payloads, and no page holds one as markup. (Its own file, so that the test runner can build it
while another worker runs the fault tests of ``test_faults.py``.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.build.hostile import PAYLOADS, inject
from tests.build.test_build import make_book
from tests.conftest import book_pages, seed_execution_state
from thawbook.render.chart_assets import has_chart
from thawbook.tasks.checkout import copy_checkout


@pytest.fixture(scope="module")
def hostile_copy(tmp_path_factory) -> Path:
    checkout = copy_checkout(tmp_path_factory.mktemp("hostile") / "checkout")
    seed_execution_state(checkout)
    touched = inject(checkout / "data")
    print("payloads injected into", touched)
    result = make_book(checkout)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return checkout


def test_hostile_text_in_every_table_reaches_pages_only_as_text(hostile_copy, browser):
    html = hostile_copy / "_build" / "html"
    shown: dict[str, int] = {}
    for path in book_pages(html):
        page = browser.new_page()
        try:
            page.goto(path.as_uri(), wait_until="load")
            page.wait_for_timeout(200)  # let charts render and any injected handler fire
            found = page.evaluate("""() => ({
                title: document.title,
                injected: document.querySelectorAll('img[src="x"], [onerror]').length,
                scripts: [...document.scripts].filter(s => s.textContent.trim().startsWith("document.title")).length,
                links: [...document.querySelectorAll('[href]')].filter(
                    a => /^\\s*javascript:/i.test(a.getAttribute('href'))).length,
                shown: (document.body.innerText.match(/onerror=document\\.title='pwned'/g) || []).length,
            })""")
        finally:
            page.close()
        print(path.relative_to(html), found)
        assert "pwned" not in found["title"], path
        assert found["injected"] == found["scripts"] == found["links"] == 0, (path, found)
        shown[str(path.relative_to(html))] = found["shown"]
    # the payloads must reach the pages as text, or this test proves nothing
    assert sum(count > 0 for count in shown.values()) >= 10, shown
    assert shown["chapters/90_data_dictionary.html"] > 0 and shown["chapters/04_chronology.html"] > 0, shown


def test_pages_hold_no_payload_as_markup_and_chart_specs_cannot_end_their_script(hostile_copy):
    chart_pages = 0
    for path in book_pages(hostile_copy / "_build" / "html"):
        text = path.read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", text, re.S)
        assert not any(script.strip().startswith("document.title") for script in scripts), path
        assert not any("<!--" in script for script in scripts), path
        outside = re.sub(r"<script\b[^>]*>.*?</script>", "", text, flags=re.S)
        for payload in PAYLOADS[:2]:
            assert payload not in outside, (path, payload)  # in a script, a chart's data, it is inert
        assert 'href="javascript:' not in text.lower(), path
        chart_pages += has_chart(text) and "\\u003c/script><script>document.title" in text
    assert chart_pages >= 3, "no chart carried a payload, so the spec escaping is untested"
