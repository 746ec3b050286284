"""The small print on a phone: captions in the body's weight, heading anchors that read at 4.5:1
when a hover shows them, download names that wrap between words, sources without headlines in words."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def contrast(a: list[float], b: list[float]) -> float:
    def lum(rgb):
        c = [v / 255 for v in rgb[:3]]
        c = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    high, low = sorted((lum(a), lum(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


MEASURE = """() => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const caption = document.querySelector('figcaption p') || document.querySelector('figcaption');
  const anchor = document.querySelector('h2:hover > a.headerlink');
  const download = document.querySelector('a.thawbook-download');
  const name = download.querySelector('.thawbook-filename');
  return {
    weight: Number(getComputedStyle(caption).fontWeight),
    anchor: rgb(getComputedStyle(anchor).color),
    shown: getComputedStyle(anchor).visibility,
    page: rgb(getComputedStyle(document.body).backgroundColor),
    overflow: download.getBoundingClientRect().right - document.documentElement.clientWidth,
    breaks: name.querySelectorAll('wbr').length,
    text: document.body.innerText,
  };
}"""


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_on_a_phone_captions_anchors_downloads_and_untitled_sources_read_plainly(browser, local_server, mode):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(
        f"localStorage.setItem('theme', '{mode}'); localStorage.setItem('mode', '{mode}');"
    )
    page = context.new_page()
    page.goto(f"{local_server}/chapters/10_thaw_index.html", wait_until="load")
    page.locator("h2:has(> a.headerlink)").first.hover()
    got = page.evaluate(MEASURE)
    context.close()
    ratio = contrast(got["anchor"], got["page"])
    print(
        f"{mode}: caption weight {got['weight']}, anchor {ratio:.2f}:1 ({got['shown']}), {got['breaks']} breaks"
    )
    assert got["weight"] >= 400
    assert got["shown"] == "visible" and ratio >= 4.5
    assert got["overflow"] <= 0 and got["breaks"] > 0
    assert "headline not shown" not in got["text"] and "the page shows no headline" in got["text"]
