"""The strict build: it fails on a raising cell, on missing or bad data, and never ships stale output.

These tests run real Jupyter Book builds, in throwaway folders, with the project's own
``_config.yml`` and the Makefile's flags. The copies of the checkout start from the shared
build's execution cache (``seed_execution_state``), so they execute only what their own changes
make stale; the data-change test uses a small book (``small_book``) whose re-execution is cheap.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tests.conftest import PROBE_TITLES, seed_execution_state, small_book, without_downloads
from thawbook.paths import ROOT
from thawbook.tasks.checkout import copy_checkout

JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
FLAGS = re.search(r"^JB_FLAGS := (.+)$", (ROOT / "Makefile").read_text(), re.M).group(1).split()


def mini_book(folder: Path, code: str) -> Path:
    """A one-chapter book that uses the project's configuration and runs ``code``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "_config.yml", folder / "_config.yml")
    shutil.copy(ROOT / "references.bib", folder / "references.bib")  # the configuration names it
    without_downloads(folder / "_config.yml")
    (folder / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n  - file: chapter\n")
    (folder / "index.md").write_text("# Test book\n")
    notebook = new_notebook(cells=[new_markdown_cell("# Chapter"), new_code_cell(code)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, folder / "chapter.ipynb")
    return folder


def build(folder: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(JUPYTER_BOOK), "build", str(folder), "--builder", "html", *FLAGS],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=600,
    )


def test_a_mini_book_with_a_sound_cell_builds_cleanly_so_the_failures_below_are_its_cells_own(tmp_path):
    result = build(mini_book(tmp_path / "book", "print(1 + 1)"))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "2" in (tmp_path / "book" / "_build" / "html" / "chapter.html").read_text(encoding="utf-8")
    assert not (tmp_path / "book" / "_build" / "html" / "findings.csv").exists()  # no downloads


def test_build_fails_when_a_cell_raises(tmp_path):
    result = build(mini_book(tmp_path / "book", "raise RuntimeError('this cell is broken')"))
    print(result.stdout[-2000:], result.stderr[-2000:])
    assert result.returncode != 0
    assert "this cell is broken" in result.stdout + result.stderr
    # named by the notebook and the cell, before Sphinx reads anything
    assert re.search(
        r"chapter\.ipynb: cell 1 \(\"raise RuntimeError.*\"\) failed: RuntimeError: this cell is broken",
        result.stdout + result.stderr,
    ), result.stdout[-2000:] + result.stderr[-2000:]


def test_build_fails_and_names_the_path_when_data_is_missing(tmp_path):
    missing = tmp_path / "no-such-data"
    code = "from thawbook.inputs.tables import load_table\nload_table('events')"
    result = build(mini_book(tmp_path / "book", code), THAWBOOK_DATA=str(missing))
    assert result.returncode != 0
    assert str(missing / "datapackage.json") in result.stdout + result.stderr


def test_build_fails_with_file_row_column_and_rule_on_bad_data(tmp_path, tmp_data):
    events = tmp_data / "events.csv"
    lines = events.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = re.sub(r",(\d{4}-\d{2}-\d{2}),", ",2023-02-30,", lines[1], count=1)
    events.write_text("".join(lines), encoding="utf-8")
    code = "from thawbook.inputs.tables import load_table\nload_table('events')"
    result = build(mini_book(tmp_path / "book", code), THAWBOOK_DATA=str(tmp_data))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(r"events\.csv row 2, date_start: .*2023-02-30.* \[rule: type-error\]", output), output[
        -3000:
    ]
    # ... and says so last, after Jupyter Book's traceback, instead of ~70 lines up
    last = [line for line in result.stderr.splitlines() if line.strip()][-1]
    assert re.search(r"^  DataError: .*events\.csv row 2, date_start: .*\[rule: type-error\]$", last), (
        result.stderr[-3000:]
    )


def test_build_refuses_an_edited_seed_naming_the_file_last(tmp_path):
    checkout = copy_checkout(tmp_path / "checkout")
    seed = checkout / "seeds" / "000_efb7a1c38396a014.txt"
    seed.write_bytes(seed.read_bytes() + b"\n")
    env = {**os.environ, "PYTHONPATH": str(checkout)}  # the copy's package, and so its seed
    result = subprocess.run(
        [str(JUPYTER_BOOK), "build", str(checkout), "--builder", "html", *FLAGS],
        cwd=checkout,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode != 0
    last = [line for line in result.stderr.splitlines() if line.strip()][-1]
    print(result.stderr[-1500:])
    assert re.search(
        r"^  SeedError: seeds/000_efb7a1c38396a014\.txt: SHA-256 is [0-9a-f]{64}, seeds/README\.md records "
        r"06dd7ff0.*\[rule: seed_sha256\]$",
        last,
    )
    assert not (checkout / "_build" / "html" / "index.html").exists()


def test_build_warning_fails_the_build(tmp_path):
    book = mini_book(tmp_path / "book", "1 + 1")
    (book / "index.md").write_text("# Test book\n\nSee {numref}`fig-that-does-not-exist`.\n")
    result = build(book)
    assert result.returncode != 0
    assert "fig-that-does-not-exist" in result.stdout + result.stderr


def make_book(checkout: Path, **env) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(checkout), **env}  # the copy's package, not this checkout's
    return subprocess.run(
        ["make", "book", f"VENV={ROOT / '.venv'}"],
        cwd=checkout,
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
    )


# Fields of the built HTML that may differ between two builds of the same commit, and why.
# None: altair's random chart ids are replaced by ids derived from the spec (thawbook.charts.theme),
# and generated assets exist before pages are written (thawbook.book.sphinxext). The copy starts
# from the shared execution cache; that executing a notebook again reproduces its outputs
# exactly is what nbval checks, cell by cell, against the stored notebooks.
VOLATILE: dict[str, str] = {}


def normalised(html: str) -> str:
    for pattern in VOLATILE:
        html = re.sub(pattern, "VOLATILE", html)
    return html


@pytest.fixture(scope="module")
def built_copy(tmp_path_factory):
    # A cold build: no execution cache, no records, no register. Every computation of a finding
    # under an alternative reading is logged (THAWBOOK_REGISTER_LOG), whichever process makes it.
    checkout = copy_checkout(tmp_path_factory.mktemp("copy") / "checkout")
    log = checkout.parent / "register.log"
    result = make_book(checkout, THAWBOOK_REGISTER_LOG=str(log))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return checkout


def test_a_cold_build_computes_the_findings_register_once_for_every_page_that_glues_from_it(built_copy):
    from thawbook.findings.readings import ON_RECORD
    from thawbook.findings.register import CHAPTERS

    log = (built_copy.parent / "register.log").read_text(encoding="utf-8")
    computed = [line.split() for line in log.splitlines()]  # who (notebook or register), chapter, reading
    with open(built_copy / "_build" / "html" / "findings.csv", encoding="utf-8", newline="") as handle:
        readings = {int(row["alternatives_tested"]) for row in csv.DictReader(handle)}
    assert len(readings) == 1
    readings = readings.pop()
    print(f"{len(computed)} computations, by {sorted({who for who, *_ in computed})}")
    # the build computed each chapter under each alternative reading, and as the record dates the
    # events, once, before the notebooks; no notebook computed any (the landing page, chapters
    # 03-10 and page 92 each used to)
    assert {who for who, *_ in computed} == {"register"}
    assert len(computed) == len({(c, r) for _, c, r in computed}) == len(CHAPTERS) * (readings + 1)
    assert sum(r == ON_RECORD.id for *_, r in computed) == len(CHAPTERS)
    assert {c for _, c, _ in computed} == set(CHAPTERS)


@pytest.fixture(scope="module")
def small_copy(tmp_path_factory):
    checkout = small_book(copy_checkout(tmp_path_factory.mktemp("small") / "checkout"))
    seed_execution_state(checkout)
    result = make_book(checkout)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    executed = re.findall(r"thawbook: executing \d+ notebooks, \d+ at a time: (.*)", result.stdout)
    assert executed and "chapters/01_about_the_source" not in executed[0], executed  # it came from the cache
    return checkout


def test_executing_stale_notebooks_records_each_notebooks_own_reads(small_copy):
    deps = small_copy / "_build" / "thawbook-deps"
    probe = json.loads((deps / (PROBE_TITLES.replace("/", "__") + ".json")).read_text())
    about = json.loads((deps / "chapters__01_about_the_source.json").read_text())
    # Each record holds what its own kernel read: the probe reads the events table, the chapter
    # imports the chart module; neither record holds what only the other read.
    assert "data/events.csv" in probe["reads"] and "thawbook/charts/overview.py" not in probe["reads"]
    assert "thawbook/charts/overview.py" in about["reads"] and "data/events.csv" not in about["reads"]


def test_two_builds_of_the_same_commit_give_identical_html_apart_from_volatile_fields(built_copy):
    ours, theirs = ROOT / "_build" / "html", built_copy / "_build" / "html"
    pages = sorted(p.relative_to(ours) for p in ours.rglob("*.html") if "_static" not in p.parts)
    differing = [
        str(p)
        for p in pages
        if normalised((ours / p).read_text(encoding="utf-8"))
        != normalised((theirs / p).read_text(encoding="utf-8"))
    ]
    print(f"{len(pages)} pages compared, {len(differing)} differ beyond {list(VOLATILE)}")
    assert pages and not differing


def test_changing_a_data_value_changes_the_built_page_without_clearing_any_cache(small_copy):
    checkout = small_copy
    page = checkout / "_build" / "html" / f"{PROBE_TITLES}.html"
    old = "Ambassador Xie Feng arrives in Washington"
    new = "Ambassador Xie Feng lands in Washington (changed by a test)"
    assert old in page.read_text(encoding="utf-8")

    events = checkout / "data" / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    second = make_book(checkout)
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    html = page.read_text(encoding="utf-8")
    assert new in html and old not in html
    reran = re.findall(r"re-executing notebooks whose data or package changed: (.*)", second.stdout)
    print("re-executed after the change:", reran)
    assert reran and PROBE_TITLES in reran[0]
    assert "chapters/01_about_the_source" not in reran[0], "a notebook that does not read events re-ran"


def test_editing_a_module_re_executes_only_the_notebooks_that_import_it(built_copy):
    # thawbook/analysis/annotation.py is imported, directly or through other modules, by the annotated
    # source alone: the build records each notebook's imports as it records its data reads.
    module = built_copy / "thawbook" / "analysis" / "annotation.py"
    original = module.read_text(encoding="utf-8")
    module.write_text(original + "\n# edited by a test: no change of behaviour\n", encoding="utf-8")
    try:
        result = make_book(built_copy)
    finally:
        module.write_text(original, encoding="utf-8")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    reran = re.findall(r"re-executing notebooks whose data or package changed: (.*)", result.stdout)
    print("re-executed after the module edit:", reran)
    assert reran and reran[0].strip().split(", ") == ["chapters/02_annotated_source"]
    record = json.loads((built_copy / "_build" / "thawbook-deps" / "index.json").read_text())
    assert "thawbook/findings/register.py" in record["reads"]  # imports are recorded transitively


def test_moving_one_event_into_another_week_fails_the_build_and_names_the_finding(built_copy):
    # The jet intercept of "Last Friday" (26 May) moved a week earlier, to 19 May: "Last Friday"
    # no longer resolves to the stored date, so the first chapter to notice, the dating chapter,
    # stops the build on its finding "dating-resolver-agrees" and names it with its sentence.
    events = built_copy / "data" / "events.csv"
    original = events.read_text(encoding="utf-8")
    line = next(row for row in original.splitlines() if row.startswith("ev-jet-intercept,"))
    events.write_text(
        original.replace(line, line.replace("2023-05-26,2023-05-26", "2023-05-19,2023-05-19")),
        encoding="utf-8",
    )
    try:
        result = make_book(built_copy)
    finally:
        events.write_text(original, encoding="utf-8")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(r"FindingError.*no longer hold", output), output[-3000:]
    expected = (
        "dating-resolver-agrees (chapters/03_dating): Resolved again from the article's dating words alone"
    )
    assert expected in output and "for 20 of the 21 event dates" in output, output[-3000:]
