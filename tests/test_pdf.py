"""The PDF edition (``make pdf``): every chapter is in it, and printing cuts no table.

The fixture reuses ``_build/pdf/thaw-report.pdf`` when it is newer than every page source and
stylesheet, and otherwise makes it (``python -m thawbook.pdf``: the single-page build, printed by
Chromium). Chapter titles are read from the PDF's outline (its bookmarks): no PDF library is in
the lock, and Chromium writes the outline titles as plain PDF strings.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
import yaml

from thawbook import pdf
from thawbook.paths import ROOT

pytestmark = pytest.mark.browser

#: The printable width of an A4 page with the edition's margins, in CSS pixels (96 per inch).
PRINT_WIDTH_PX = round((210 - 24) / 25.4 * 96)


def toc_documents() -> list[Path]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    out = []
    for name in files:
        for suffix in (".ipynb", ".md"):
            if (ROOT / f"{name}{suffix}").exists():
                out.append(ROOT / f"{name}{suffix}")
    return out


def title_of(path: Path) -> str:
    if path.suffix == ".ipynb":
        text = "".join(json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"])
    else:
        text = path.read_text(encoding="utf-8")
    return re.search(r"^# (.+)$", text, re.M).group(1).strip()


def _pdf_string(raw: bytes) -> str:
    if raw.startswith(b"<"):
        data = bytes.fromhex(raw[1:-1].decode("ascii"))
    else:
        body = raw[1:-1]
        data = re.sub(
            rb"\\([nrtbf()\\]|[0-7]{1,3})",
            lambda m: (
                {
                    b"n": b"\n",
                    b"r": b"\r",
                    b"t": b"\t",
                    b"b": b"\b",
                    b"f": b"\f",
                    b"(": b"(",
                    b")": b")",
                    b"\\": b"\\",
                }.get(m.group(1))
                or bytes([int(m.group(1), 8)])
            ),
            body,
        )
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be")
    return data.decode("latin-1")


def outline_titles(content: bytes) -> list[str]:
    """Every ``/Title`` string of a PDF, including those inside compressed object streams."""
    chunks = [content]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            pass
    titles = []
    for chunk in chunks:
        for raw in re.findall(rb"/Title\s*(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))", chunk):
            titles.append(_pdf_string(raw))
    return titles


@pytest.fixture(scope="module")
def edition() -> Path:
    sources = [*toc_documents(), ROOT / "_static" / "thawbook.css", ROOT / "thawbook" / "pdf.py"]
    fresh = pdf.PDF.exists() and pdf.PDF.stat().st_mtime > max(p.stat().st_mtime for p in sources)
    if not fresh:
        subprocess.run([sys.executable, "-m", "thawbook.pdf"], cwd=ROOT, check=True)
    return pdf.PDF


def test_the_title_parser_reads_plain_and_utf16_strings():
    assert outline_titles(b"<< /Title (A \\(b\\)) >> << /Title <FEFF00E9> >>") == ["A (b)", "é"]


def test_the_pdf_holds_every_chapter_title_in_its_outline(edition):
    titles = set(outline_titles(edition.read_bytes()))
    expected = [title_of(path) for path in toc_documents()]
    print(
        f"{edition.name}: {edition.stat().st_size:,d} bytes, {len(titles)} outline titles, {len(expected)} chapters"
    )
    missing = [title for title in expected if not any(title in entry for entry in titles)]
    assert not missing, missing


def test_printing_cuts_no_table(edition, browser):
    page = browser.new_page(viewport={"width": PRINT_WIDTH_PX, "height": 1100})
    page.route("http*://**", lambda route: route.abort())
    page.goto((pdf.SINGLE / "index.html").as_uri(), wait_until="load")
    page.emulate_media(media="print")
    cut = page.evaluate("""() => Array.from(document.querySelectorAll('table')).filter(t => {
        const box = t.closest('.thawbook-table-wrap') || t.parentElement;
        return t.scrollWidth > t.clientWidth + 1 || box.scrollWidth > box.clientWidth + 1
            || t.getBoundingClientRect().right > document.documentElement.clientWidth + 1;
      }).map(t => (t.querySelector('caption') || t).textContent.slice(0, 80))""")
    tables = page.evaluate("() => document.querySelectorAll('table').length")
    page.close()
    print(f"{tables} tables printed at {PRINT_WIDTH_PX}px, {len(cut)} cut")
    assert tables and not cut, cut
