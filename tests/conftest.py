"""Shared fixtures: paths of the built book, and a Chromium browser driven by playwright."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from thawbook.paths import ROOT

HTML = ROOT / "_build" / "html"
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
        message = (
            f"{CHROMIUM} is missing: install Debian's browser with `apt-get install -y chromium` "
            "(make test does this as root)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def is_foreign(url: str) -> bool:
    """Whether a request for ``url`` would leave the machine."""
    parsed = urlparse(url)
    return parsed.scheme in {"http", "https", "ws", "wss"} and parsed.hostname not in LOCAL_HOSTS


def reader_context(browser, width: int, mode: str, **options):
    """A browser context as a reader's: ``width`` CSS px, the ``light`` or ``dark`` colour mode
    (also where pydata-sphinx-theme keeps the reader's choice, localStorage), and every request
    that would leave the machine aborted. ``options`` go to ``new_context`` (``has_touch``)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=mode, **options)
    context.add_init_script(
        f"try {{ localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}'); }} catch (e) {{}}"
    )
    context.route("**/*", lambda route: route.abort() if is_foreign(route.request.url) else route.continue_())
    return context


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
    the findings tests count against, sharing no code with thawbook.inputs.tables."""
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


# ------------------------------------------------------------------ build tests' copies
BUILD = ROOT / "_build"


def seed_execution_state(checkout: Path, build: Path = BUILD) -> bool:
    """Give a copied checkout the execution cache, the per-notebook records and the findings
    register of the shared build (``make test`` builds the book first), so its first build executes only the notebooks
    whose inputs differ from the working tree's. False, and nothing copied, when there is none.

    The copy's build is still a build of its own: Sphinx reads and writes every page again, and
    the copy's freshness checks decide, from its own files, what must execute.
    """
    cache, deps = build / ".jupyter_cache", build / "thawbook-deps"
    if not (cache / "global.db").exists() or not deps.is_dir():
        return False
    shutil.copytree(cache, checkout / "_build" / ".jupyter_cache")
    (checkout / "_build" / "thawbook-deps").mkdir(parents=True, exist_ok=True)
    for record in deps.glob("*.json"):  # committed fingerprints and durations, not pending ones
        shutil.copy2(record, checkout / "_build" / "thawbook-deps" / record.name)
    if (build / "thawbook-findings").is_dir():  # the register, kept under the hash of its inputs
        shutil.copytree(build / "thawbook-findings", checkout / "_build" / "thawbook-findings")
    return True


PROBE_TITLES = "chapters/98_events_probe"
PROBE_SLOW = "chapters/99_events_probe_slow"
SLOW_ENV = "THAWBOOK_TEST_PROBE_SLEEP"


def _probe(path: Path, title: str, code: str) -> None:
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    notebook = new_notebook(cells=[new_markdown_cell(f"# {title}"), new_code_cell(code)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)


def without_downloads(config: Path) -> None:
    """Set ``thawbook_downloads: false`` in a test book's ``_config.yml``: the book links no data
    zip, so its build neither computes the findings register nor writes the zip."""
    import yaml

    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings.setdefault("sphinx", {}).setdefault("config", {})["thawbook_downloads"] = False
    config.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")


def small_book(checkout: Path) -> Path:
    """Trim a copied checkout to a small book that a data change re-executes cheaply: a one-line
    landing page, the real chapter *About the source* (which reads no table) and two probe notebooks that read
    ``data/events.csv`` through the package. The first prints every event title; the second
    sleeps for ``THAWBOOK_TEST_PROBE_SLEEP`` seconds when that is set, so that a test can stop
    a build after the first executed and before any page is written."""
    _probe(
        checkout / f"{PROBE_TITLES}.ipynb",
        "Events probe",
        "from thawbook.inputs.tables import load_table\n\nprint('\\n'.join(load_table('events')['title']))",
    )
    _probe(
        checkout / f"{PROBE_SLOW}.ipynb",
        "Slow events probe",
        "import os, time\nfrom thawbook.inputs.tables import load_table\n\n"
        f"events = load_table('events')\ntime.sleep(float(os.environ.get('{SLOW_ENV}', '0')))",
    )
    without_downloads(checkout / "_config.yml")
    (checkout / "index.ipynb").unlink()  # the landing page evaluates every finding: too slow here
    (checkout / "index.md").write_text("# A small book\n", encoding="utf-8")
    (checkout / "_toc.yml").write_text(
        "format: jb-book\nroot: index\nchapters:\n  - file: chapters/01_about_the_source\n"
        f"  - file: {PROBE_TITLES}\n  - file: {PROBE_SLOW}\n",
        encoding="utf-8",
    )
    return checkout
