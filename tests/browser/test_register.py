"""The published findings register: findings.csv beside the pages, complete, and marked in the pages."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

from thawbook.findings.register import CHAPTERS, COLUMNS


@pytest.fixture(scope="module")
def register_rows(built_book):
    with open(built_book / "findings.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_findings_csv_has_the_promised_columns_and_at_least_thirty_findings(register_rows, built_book):
    header = (built_book / "findings.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == COLUMNS
    print(f"{len(register_rows)} findings, {sum(r['robust'] == 'False' for r in register_rows)} fragile")
    assert len(register_rows) >= 30
    assert len({r["finding_id"] for r in register_rows}) == len(register_rows)


def test_every_chapter_from_03_to_10_has_findings_and_every_finding_holds_and_was_stress_tested(
    register_rows,
):
    assert {r["chapter"] for r in register_rows} == set(CHAPTERS)
    assert all(r["holds"] == "True" for r in register_rows)
    assert all(int(r["alternatives_tested"]) >= 1 for r in register_rows)


def test_a_fragile_finding_names_what_breaks_it_and_what_it_becomes(register_rows):
    fragile = [r for r in register_rows if r["robust"] == "False"]
    assert fragile, "no finding is fragile: the alternative readings are not biting"
    assert all(r["fails_under"] and r["becomes"] for r in fragile)
    assert all(not r["fails_under"] and not r["becomes"] for r in register_rows if r["robust"] == "True")


def test_each_chapter_page_marks_at_least_as_many_fragile_findings_as_it_has(register_rows, built_book):
    for chapter in CHAPTERS:
        html = (built_book / f"{chapter}.html").read_text(encoding="utf-8")
        expected = sum(r["robust"] == "False" for r in register_rows if r["chapter"] == chapter)
        marked = html.count("⚠")  # each fragile finding's mark: "⚠ depends on ..."
        assert marked >= expected, (chapter, marked, expected)


def test_the_register_is_in_the_data_package_download(built_book):
    archive = zipfile.ZipFile(io.BytesIO((built_book / "_downloads" / "thaw-data-package.zip").read_bytes()))
    inside = archive.read("thaw-data-package/findings.csv")
    assert inside == (built_book / "findings.csv").read_bytes()
