"""Accessibility of every page of the built book, checked with the current axe-core (from npm,
installed by ``make browser``) injected into Debian's chromium: 1400 px and 390 px, light and
dark. (Its own file, so that the test runner can run it beside the other browser tests.)"""

from __future__ import annotations

import pytest

from tests.browser.test_pages import AXE, WIDTHS, open_page, page_ids


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const results = await axe.run(document, {resultTypes: ['violations']});
        return {version: axe.version, violations: results.violations.map(v => ({id: v.id, impact: v.impact,
                nodes: v.nodes.length, target: v.nodes[0].target}))};
    }""")


@pytest.mark.parametrize("view", ["desktop-light", "desktop-dark", "phone-light", "phone-dark"])
@pytest.mark.parametrize("page_path", page_ids())
def test_page_has_no_serious_or_critical_accessibility_violations(browser, local_server, page_path, view):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make browser` installs axe-core")
    screen, mode = view.split("-")
    page, _ = open_page(browser, f"{local_server}/{page_path}", WIDTHS[screen], mode)
    found = axe_violations(page)
    page.context.close()
    serious = [v for v in found["violations"] if v["impact"] in {"serious", "critical"}]
    print(
        f"{page_path} ({view}, axe-core {found['version']}): {len(found['violations'])} violation(s), "
        f"{len(serious)} serious or critical"
    )
    assert found["version"].startswith("4.14")
    assert not serious, serious
