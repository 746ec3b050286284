"""The PDF edition: the single-page HTML build, printed by Chromium (``make pdf``).

``jupyter-book build . --builder singlehtml`` writes the whole book as one page; Chromium opens
it over ``file://`` (no request leaves the machine: the charts draw from the book's own vega
bundle), waits until every chart has drawn, and prints it with the print stylesheet of
``_static/thawbook.css`` into ``_build/pdf/thaw-report.pdf``, with a PDF outline (bookmarks)
of its headings. ``python -m thawbook.tasks.pdf [--no-build]``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from thawbook.paths import ROOT

SINGLE = ROOT / "_build" / "singlehtml"
PDF = ROOT / "_build" / "pdf" / "thaw-report.pdf"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
CHARTS = ".vega-embed"
#: The footer of every printed page: title and page number.
FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:center;color:#555">'
    'The 2023 US–China thaw, read from one article · <span class="pageNumber"></span>'
    ' / <span class="totalPages"></span></div>'
)


def build_single_page(root: Path = ROOT) -> Path:
    """Build the single-page HTML book (strict, like ``make book``) and return its index.html."""
    command = [
        str(Path(sys.executable).parent / "jupyter-book"),
        "build",
        str(root),
        "--builder",
        "singlehtml",
        "-n",
        "-W",
        "--keep-going",
    ]
    subprocess.run(command, cwd=root, check=True)
    return root / "_build" / "singlehtml" / "index.html"


def charts_drawn_script() -> str:
    """JavaScript that is true once every chart container holds a drawn SVG or canvas."""
    return (
        f"() => Array.from(document.querySelectorAll('{CHARTS}'))"
        ".every(c => c.querySelector('svg g, canvas'))"
    )


def local_links_script() -> str:
    """JavaScript that points the single page's links to other pages of the book at itself.

    Links written as raw HTML by the book's extensions (evidence spans, context and correction
    ids, citations, glossary terms) name a page of the multi-page book, such as
    ``02_annotated_source.html#span-849-889``. In the single-page build those files do not exist,
    and Chromium would print each as a ``file://`` address of the build machine. A link whose
    target is in the page becomes ``#target`` (an internal link of the PDF); one whose target is
    not (a download) loses its address and prints as its text. An outside link whose text is
    already its address gets the class ``thawbook-address-shown``, so the print stylesheet does
    not print the address twice. Returns the two counts.
    """
    return """() => {
      let local = 0, dropped = 0;
      for (const a of document.querySelectorAll('a[href]')) {
        const href = a.getAttribute('href');
        if (/^https?:/i.test(href) && a.textContent.trim() === href) a.classList.add('thawbook-address-shown');
        if (/^(https?:|mailto:|#)/i.test(href)) continue;
        const hash = href.includes('#') ? decodeURIComponent(href.slice(href.indexOf('#') + 1)) : '';
        const page = href.split('#')[0].replace(/^(\\.\\/)+/, '').replace(/\\.html$/, '');
        const target = [hash, `document-${page}`, `document-chapters/${page}`]
          .find(id => id && document.getElementById(id));
        if (target) { a.setAttribute('href', `#${target}`); local += 1; }
        else { a.removeAttribute('href'); dropped += 1; }
      }
      return [local, dropped];
    }"""


def print_pdf(page: Path, target: Path = PDF, timeout_ms: int = 120_000) -> Path:
    """Print ``page`` with Chromium's print media into ``target`` (A4, outline, page numbers)."""
    from playwright.sync_api import sync_playwright

    target.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1000, "height": 1400})
            tab = context.new_page()
            tab.route("http*://**", lambda route: route.abort())  # offline: nothing leaves the machine
            tab.goto(page.resolve().as_uri(), wait_until="load", timeout=timeout_ms)
            tab.wait_for_function(charts_drawn_script(), timeout=timeout_ms)
            tab.evaluate(local_links_script())
            tab.emulate_media(media="print")
            tab.wait_for_timeout(500)
            tab.pdf(
                path=str(target),
                format="A4",
                print_background=True,
                outline=True,
                tagged=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=FOOTER,
                margin={"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"},
            )
        finally:
            browser.close()
    return target


def main(argv: list[str]) -> int:
    """``make pdf``: build the single-page book (unless ``--no-build``) and print it to PDF."""
    page = SINGLE / "index.html" if "--no-build" in argv else build_single_page()
    target = print_pdf(page)
    print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size:,d} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
