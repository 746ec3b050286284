"""Shared fixtures: paths of the built book, and a Chromium browser driven by playwright."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from thawbook.paths import ROOT

HTML = ROOT / "_build" / "html"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-quic",
]


@pytest.fixture(scope="session")
def built_book() -> Path:
    if not (HTML / "index.html").exists():
        pytest.fail("the book is not built: run `make book` (make test does it first)")
    return HTML


def book_pages(html: Path = HTML) -> list[Path]:
    return sorted(p for p in html.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: install Debian's browser with `apt-get install -y chromium` (make test does this as root)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test log readable
        pass


@pytest.fixture(scope="session")
def local_server(built_book):
    handler = functools.partial(_QuietHandler, directory=str(built_book))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def tmp_data(tmp_path) -> Path:
    """A writable copy of data/ for corrupting."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


# ------------------------------------------------------------------ findings tests
def csv_rows(name: str) -> list[dict]:
    """The rows of ``data/<name>.csv`` read with the csv module: the independent reading that
    the findings tests count against, sharing no code with thawbook.tables."""
    import csv

    with open(ROOT / "data" / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def chapter_values(chapter: str) -> dict:
    """Every value of a chapter's findings as the book reads the data, by name."""
    from thawbook.findings import register

    return {k: v for f in register.evaluate(chapter) for k, v in f.values.items()}


def chapter_findings(chapter: str) -> dict:
    """A chapter's findings as the book reads the data, by id."""
    from thawbook.findings import register

    return {f.id: f for f in register.evaluate(chapter)}
