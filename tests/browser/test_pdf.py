"""The PDF edition (``make pdf``): every chapter is in it and starts a page, no page is blank,
the outline reads each heading once, links print their address, printing cuts no table, and every
chart fits a page with its text at 7 pt or more.

The fixture reuses ``_build/pdf/thaw-report.pdf`` when it is newer than every page source and
stylesheet, and otherwise makes it (``python -m thawbook.tasks.pdf``: the single-page build, printed by
Chromium). No PDF library is in the lock, so the PDF is read here, as far as these tests need:
Chromium (Skia) writes an uncompressed object table, Flate-compressed page contents, fonts with a
``/ToUnicode`` map, and an outline whose items point at their page with ``/Dest [page /XYZ ...]``.
"""

from __future__ import annotations

import html.parser
import json
import re
import subprocess
import sys
import unicodedata
import zlib
from pathlib import Path

import pytest
import yaml

from thawbook.paths import ROOT
from thawbook.tasks import pdf

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
    # as the page shows it: Sphinx's smart quotes turn an apostrophe into a right single quote
    return re.search(r"^# (.+)$", text, re.M).group(1).strip().replace("'", "\u2019")


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


_REF = re.compile(rb"(\d+) 0 R")
#: The footer that pdf.FOOTER prints on every page, as the text reader returns it.
_FOOTER = re.compile(r"The 2023 US–China thaw, read from one article · \s*\d+\s*/\s*\d+\s*")


class PdfReader:
    """Just enough of a PDF reader for Chromium's output: pages, their text, the outline."""

    def __init__(self, content: bytes):
        self.content = content
        self.objects = {}
        for match in re.finditer(rb"(?<![0-9])(\d+) 0 obj\s*", content):
            end = content.find(b"endobj", match.end())
            self.objects[int(match.group(1))] = content[match.end() : end]
        self._cmaps: dict[int, dict[int, str]] = {}

    def head(self, number: int) -> bytes:
        """The dictionary of an object, without its stream."""
        body = self.objects[number]
        cut = body.find(b"stream")
        return body if cut < 0 else body[:cut]

    def stream(self, number: int) -> bytes:
        """The decoded stream of an object (Flate or none)."""
        body, head = self.objects[number], self.head(number)
        start = body.index(b"stream") + len(b"stream")
        start += 2 if body[start : start + 2] == b"\r\n" else 1
        raw = body[start : start + int(re.search(rb"/Length (\d+)", head).group(1))]
        return zlib.decompress(raw) if b"/FlateDecode" in head else raw

    def _ref(self, number: int, key: bytes) -> int | None:
        match = re.search(rb"/" + key + rb" (\d+) 0 R", self.head(number))
        return int(match.group(1)) if match else None

    def pages(self) -> list[int]:
        """The page objects in reading order (the page tree, depth first)."""
        catalog = int(re.search(rb"/Root (\d+) 0 R", self.content).group(1))
        out = []

        def walk(number):
            head = self.head(number)
            if re.search(rb"/Type /Pages\b", head):
                for kid in _REF.findall(re.search(rb"/Kids \[([^\]]*)\]", head).group(1)):
                    walk(int(kid))
            else:
                out.append(number)

        walk(self._ref(catalog, b"Pages"))
        return out

    def _cmap(self, font: int) -> dict[int, str]:
        if font not in self._cmaps:
            table, unicode = {}, self._ref(font, b"ToUnicode")
            text = self.stream(unicode) if unicode else b""
            for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
                for code, value in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                    table[int(code, 16)] = bytes.fromhex(value.decode()).decode("utf-16-be")
            for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
                for low, high, value in re.findall(
                    rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
                ):
                    first = int(value, 16)
                    for offset in range(int(high, 16) - int(low, 16) + 1):
                        table[int(low, 16) + offset] = chr(first + offset)
            self._cmaps[font] = table
        return self._cmaps[font]

    def page_text(self, page: int) -> str:
        """The text a page shows, in painting order; each text object ends with a line break."""
        head = self.head(page)
        fonts = {}
        if match := re.search(rb"/Font <<(.*?)>>", head, re.S):
            fonts = {name: int(ref) for name, ref in re.findall(rb"/(\w+) (\d+) 0 R", match.group(1))}
        contents = re.search(rb"/Contents (\[[^\]]*\]|\d+ 0 R)", head).group(1)
        program = b"\n".join(self.stream(int(ref)) for ref in _REF.findall(contents))
        out, cmap = [], {}
        operators = rb"/(\w+) [\d.]+ Tf|<([0-9A-Fa-f]*)> Tj|\[((?:<[0-9A-Fa-f]*>|[-\d. ])*)\] TJ|\bET\b"
        for op in re.finditer(operators, program):
            if op.group(1):
                cmap = self._cmap(fonts[op.group(1)]) if op.group(1) in fonts else {}
            elif op.group(0) == b"ET":
                out.append("\n")
            else:
                for hexa in (
                    [op.group(2)]
                    if op.group(2) is not None
                    else re.findall(rb"<([0-9A-Fa-f]*)>", op.group(3))
                ):
                    raw = bytes.fromhex(hexa.decode())
                    out.append(
                        "".join(
                            cmap.get(int.from_bytes(raw[i : i + 2], "big"), "\ufffd")
                            for i in range(0, len(raw), 2)
                        )
                    )
        return "".join(out)

    def body_text(self, page: int) -> str:
        """A page's text without the footer that every page carries."""
        return _FOOTER.sub("", self.page_text(page))

    def has_image(self, page: int) -> bool:
        """Whether a page draws an image XObject."""
        names = re.search(rb"/XObject <<(.*?)>>", self.head(page), re.S)
        refs = _REF.findall(names.group(1)) if names else []
        return any(b"/Subtype /Image" in self.head(int(ref)) for ref in refs)

    def outline(self) -> list[tuple[str, int | None, float | None]]:
        """Every outline item (bookmark), depth first: its title, the index of its page and how
        far below the page's top edge it points, in points."""
        catalog = int(re.search(rb"/Root (\d+) 0 R", self.content).group(1))
        index = {number: i for i, number in enumerate(self.pages())}
        out = []

        def walk(number):
            while number is not None:
                head = self.head(number)
                title = re.search(rb"/Title\s*(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))", head)
                dest = re.search(rb"/Dest \[(\d+) 0 R /XYZ [-\d.]+ ([-\d.]+)", head)
                page, below = None, None
                if dest:
                    page = index.get(int(dest.group(1)))
                    box = re.search(
                        rb"/MediaBox \[[-\d.]+ [-\d.]+ [-\d.]+ ([-\d.]+)\]", self.head(int(dest.group(1)))
                    )
                    below = float(box.group(1)) - float(dest.group(2))
                out.append((_pdf_string(title.group(1)), page, below))
                walk(self._ref(number, b"First"))
                number = self._ref(number, b"Next")

        root = self._ref(catalog, b"Outlines")
        walk(self._ref(root, b"First") if root else None)
        return out

    def uris(self) -> list[str]:
        """The address of every link annotation that leaves the document."""
        return [_pdf_string(raw) for raw in re.findall(rb"/URI\s*(\((?:\\.|[^\\)])*\))", self.content)]


class _Headings(html.parser.HTMLParser):
    """The text of every heading of an HTML page (``h1``-``h6`` and ``role="heading"``, as the
    printed table of contents has), without its hidden "#" permalink."""

    def __init__(self):
        super().__init__()
        self.texts, self._open, self._tag, self._skip = [], None, None, 0

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag) or dict(attrs).get("role") == "heading":
            self._open, self._tag = [], tag
        elif self._open is not None and "headerlink" in (dict(attrs).get("class") or ""):
            self._skip += 1

    def handle_endtag(self, tag):
        if self._skip and tag == "a":
            self._skip -= 1
        elif self._open is not None and tag == self._tag:
            self.texts.append(" ".join("".join(self._open).split()))
            self._open = None

    def handle_data(self, data):
        if self._open is not None and not self._skip:
            self._open.append(data)


def heading_texts(page: Path) -> set[str]:
    """The texts of the headings of an HTML page, white space collapsed."""
    parser = _Headings()
    parser.feed(page.read_text(encoding="utf-8"))
    return set(parser.texts)


def squash(text: str) -> str:
    """Text with its white space collapsed and ligatures (the PDF's "ﬁ") spelt out."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture(scope="module")
def edition() -> Path:
    sources = [*toc_documents(), ROOT / "_static" / "thawbook.css", Path(pdf.__file__)]
    fresh = pdf.PDF.exists() and pdf.PDF.stat().st_mtime > max(p.stat().st_mtime for p in sources)
    if not fresh:
        subprocess.run([sys.executable, "-m", "thawbook.tasks.pdf"], cwd=ROOT, check=True)
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


@pytest.fixture(scope="module")
def reader(edition) -> PdfReader:
    return PdfReader(edition.read_bytes())


def test_the_reader_reads_text_through_the_fonts_unicode_map_and_drops_the_footer():
    cmap = b"beginbfchar\n<0003> <0020>\nendbfchar\nbeginbfrange\n<0024> <0026> <0041>\nendbfrange"
    page = b"BT\n/F1 8 Tf\n<00240003> Tj\n[<0025> -12 <0026>] TJ\nET\n"
    objects = [
        b"<</Type /Catalog /Pages 2 0 R>>",
        b"<</Type /Pages /Kids [3 0 R]>>",
        b"<</Type /Page /Resources <</Font <</F1 5 0 R>>>> /Contents 4 0 R /Parent 2 0 R>>",
        b"<</Length %d>>\nstream\n%s\nendstream" % (len(page), page),
        b"<</Type /Font /ToUnicode 6 0 R>>",
        b"<</Length %d>>\nstream\n%s\nendstream" % (len(cmap), cmap),
    ]
    content = b"%PDF-1.4\n" + b"".join(b"%d 0 obj\n%s\nendobj\n" % (i, o) for i, o in enumerate(objects, 1))
    content += b"trailer\n<</Root 1 0 R>>\n"
    pdf_file = PdfReader(content)
    (only,) = pdf_file.pages()
    assert pdf_file.page_text(only) == "A BC\n"
    assert (
        _FOOTER.sub("", "Fig. 1\nThe 2023 US–China thaw, read from one article · \n3\n / \n169\n")
        == "Fig. 1\n"
    )


def test_no_page_of_the_pdf_is_blank(reader):
    pages = reader.pages()
    blank = [
        i + 1
        for i, page in enumerate(pages)
        if not reader.body_text(page).strip() and not reader.has_image(page)
    ]
    print(f"{len(pages)} pages, blank: {blank}")
    assert len(pages) > 20
    assert not blank, f"pages with nothing but the footer: {blank}"


#: How far below a page's top edge a chapter title may start: the top margin (14 mm, 40 pt), the
#: title's own margin (about 27 pt) and a little. A heading further down has text above it.
CHAPTER_TOP_PT = 90


def test_every_chapter_title_begins_a_page(reader):
    pages = reader.pages()
    first_item = {}
    for title, page, below in reader.outline():
        first_item.setdefault(squash(title), (page, below))
    late = {}
    for path in toc_documents():
        title = squash(title_of(path))
        page, below = first_item.get(title, (None, None))
        assert page is not None, f"{title!r} has no bookmark pointing at a page"
        if below > CHAPTER_TOP_PT or title not in squash(reader.body_text(pages[page])):
            late[title] = (page + 1, round(below))
    print(f"{len(toc_documents())} chapters, {len(late)} not at the top of a page")
    assert not late, f"chapters that do not begin a page (page, points below its top): {late}"


def test_the_outline_reads_each_heading_once(reader):
    headings = heading_texts(pdf.SINGLE / "index.html")
    titles = [squash(title) for title, _, _ in reader.outline()]
    doubled = [t for t in titles if len(t) % 2 == 0 and t[: len(t) // 2] == t[len(t) // 2 :]]
    unknown = [t for t in titles if t not in headings]
    print(f"{len(titles)} bookmarks, {len(headings)} headings in the single page")
    assert len(titles) > 50
    assert not doubled, f"bookmarks that repeat their title: {doubled}"
    assert not unknown, f"bookmarks that are no heading's text (joined or cut words?): {unknown}"


def test_every_outside_link_prints_its_address_and_no_link_points_at_a_local_file(reader):
    text = "".join(squash(reader.page_text(page)).replace(" ", "") for page in reader.pages())
    uris = set(reader.uris())
    outside = {uri for uri in uris if uri.startswith(("http://", "https://"))}
    local = sorted(uri for uri in uris if uri not in outside and not uri.startswith("mailto:"))
    unprinted = sorted(uri for uri in outside if uri not in text)  # after the text, or as the text
    print(f"{len(outside)} outside addresses, {len(local)} local ones")
    assert outside, "no link to an outside source in the PDF"
    assert not local, f"links to files of the build machine: {local[:5]}"
    assert not unprinted, f"outside links printed without their address: {unprinted[:5]}"
    assert "<#" not in text and ".html#" not in text, "an internal link prints an address"


def test_the_charts_keyboard_controls_are_not_printed(reader):
    text = "".join(squash(reader.page_text(page)).replace(" ", "") for page in reader.pages())
    assert "Range:earlierlaterwidernarrowerreset" not in text, "a chart's brush buttons are printed"


#: The smallest chart text on paper, in points, and the printable height of an A4 page with the
#: print stylesheet's margins (16 mm and 18 mm), in CSS pixels.
PRINT_TEXT_PT = 7
PRINT_HEIGHT_PX = round((297 - 34) / 25.4 * 96)


@pytest.fixture(scope="module")
def printed_charts(edition, browser) -> list[dict]:
    """Every chart of the single page as print lays it out: its smallest text in points on paper,
    its height in CSS pixels, and the start of its caption."""
    page = browser.new_page(viewport={"width": 1000, "height": 1400})
    page.route("http*://**", lambda route: route.abort())
    page.goto((pdf.SINGLE / "index.html").as_uri(), wait_until="load")
    page.wait_for_function(pdf.charts_drawn_script(), timeout=120_000)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": PRINT_WIDTH_PX, "height": 1000})
    page.wait_for_timeout(500)
    charts = page.evaluate("""() => Array.from(document.querySelectorAll('.vega-embed svg')).map(svg => {
      let smallest = Infinity;
      for (const text of svg.querySelectorAll('text')) {
        if (!text.textContent.trim()) continue;
        const m = text.getScreenCTM();  // the chart's scale on paper, times the text's own
        smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize) * Math.hypot(m.a, m.b));
      }
      const caption = (svg.closest('figure') || svg).querySelector('figcaption');
      return {pt: smallest * 0.75, height: svg.getBoundingClientRect().height,
              caption: caption ? caption.textContent.trim().slice(0, 50) : '(no caption)'};
    })""")
    page.close()
    return charts


def test_every_chart_prints_its_text_at_7pt_or_more(printed_charts):
    small = [(round(c["pt"], 2), c["caption"]) for c in printed_charts if c["pt"] < PRINT_TEXT_PT]
    smallest = min(c["pt"] for c in printed_charts)
    print(f"{len(printed_charts)} charts printed; smallest chart text {smallest:.2f} pt")
    assert len(printed_charts) > 20
    assert not small, f"charts whose text prints under {PRINT_TEXT_PT} pt: {small}"


def test_every_chart_fits_one_printed_page(printed_charts):
    # a figure avoids breaks inside it, so a chart no taller than a page is never cut: when it does
    # not fit below the text before it, it starts a page of its own (a long caption may follow it)
    tall = [(round(c["height"]), c["caption"]) for c in printed_charts if c["height"] > PRINT_HEIGHT_PX]
    print(f"tallest printed chart {max(c['height'] for c in printed_charts):.0f} px of {PRINT_HEIGHT_PX}")
    assert not tall, f"charts taller than a printed page ({PRINT_HEIGHT_PX} px): {tall}"
