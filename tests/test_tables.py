"""Loaders validate on load: every corruption stops with the file, row, column and rule.

Each test corrupts a copy of data/ (the ``tmp_data`` fixture) in one way and checks the
exact place the error names. Nothing is dropped or coerced silently.
"""
from __future__ import annotations

import csv
import io
import re

import pytest

from thawbook.paths import ROOT
from thawbook.tables import DataError, RULES, load_table, load_tables


def rows(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def write_rows(path, table):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(table)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def set_cell(path, row_number, column, value):
    """Set the cell at spreadsheet row ``row_number`` (header = 1) and named column."""
    table = rows(path)
    table[row_number - 1][table[0].index(column)] = value
    write_rows(path, table)


def expect(directory, table, file, row, column, rule):
    with pytest.raises(DataError) as caught:
        load_table(table, directory=directory)
    error = caught.value
    message = str(error)
    print(message)
    assert (error.file.endswith(file), error.row, error.column, error.rule) == (True, row, column, rule), message
    assert message.startswith(error.file) and f"[rule: {rule}]" in message
    if row is not None:
        assert f" row {row}" in message
    return message


def test_the_real_data_loads_and_derives_provenance():
    tables = load_tables()
    for name, frame in tables.items():
        print(f"{name}: {len(frame)} rows")
        assert len(frame) > 0
        if "evidence" in frame:
            assert {"evidence_start", "evidence_end", "paragraph"} <= set(frame.columns)


def test_unparseable_date_names_row_and_column(tmp_data):
    set_cell(tmp_data / "events.csv", 4, "date_start", "2023-02-30")
    message = expect(tmp_data, "events", "data/events.csv", 4, "date_start", "type-error")
    assert "2023-02-30" in message


def test_event_with_end_before_start_is_rejected_with_row_and_column(tmp_data):
    table = rows(tmp_data / "events.csv")
    start = table[6][table[0].index("date_start")]
    set_cell(tmp_data / "events.csv", 7, "date_end", "2017-01-01")
    message = expect(tmp_data, "events", "data/events.csv", 7, "date_end", "end_not_before_start")
    assert f"2017-01-01 is before date_start {start}" in message


def test_precision_is_derived_from_the_interval_not_read_from_the_csv():
    events = load_table("events").set_index("event_id")
    assert "date_precision" not in (ROOT / "data" / "events.csv").read_text(encoding="utf-8").splitlines()[0]
    # 23 May is one day; "last week" spans 21-28 May (both week conventions); "in May" 31 days
    assert events.loc["ev-xie-feng-arrives", "date_precision"] == "day"
    assert events.loc["ev-micron-ban", "date_precision"] == "fortnight"
    assert events.loc["ev-sullivan-wang-vienna", "date_precision"] == "month"


def test_unknown_actor_id_breaks_the_foreign_key(tmp_data):
    set_cell(tmp_data / "events.csv", 5, "actor1_id", "ac-nobody")
    message = expect(tmp_data, "events", "data/events.csv", 5, "actor1_id", "foreign-key")
    assert "ac-nobody" in message


def test_unknown_measure_in_responds_to_breaks_the_self_reference(tmp_data):
    set_cell(tmp_data / "measures.csv", 2, "responds_to", "me-never-imposed")
    expect(tmp_data, "measures", "data/measures.csv", 2, "responds_to", "foreign-key")


def test_duplicate_id_is_rejected_as_not_unique(tmp_data):
    table = rows(tmp_data / "actors.csv")
    set_cell(tmp_data / "actors.csv", 6, "actor_id", table[1][0])
    expect(tmp_data, "actors", "data/actors.csv", 6, "actor_id", "unique-error")


def test_evidence_that_is_not_in_the_seed_is_rejected(tmp_data):
    set_cell(tmp_data / "actors.csv", 3, "evidence", "a phrase the article never wrote")
    message = expect(tmp_data, "actors", "data/actors.csv", 3, "evidence", "evidence_in_seed")
    assert "not a verbatim span" in message


def test_evidence_that_occurs_twice_is_rejected(tmp_data):
    set_cell(tmp_data / "actors.csv", 3, "evidence", "Beijing")
    message = expect(tmp_data, "actors", "data/actors.csv", 3, "evidence", "evidence_in_seed")
    assert re.search(r"occurs \d+ times", message)


def test_missing_required_column_is_named(tmp_data):
    table = rows(tmp_data / "events.csv")
    index = table[0].index("evidence")
    write_rows(tmp_data / "events.csv", [row[:index] + row[index + 1:] for row in table])
    expect(tmp_data, "events", "data/events.csv", 1, "evidence", "known_columns")


def test_unknown_extra_column_is_named(tmp_data):
    table = rows(tmp_data / "events.csv")
    write_rows(tmp_data / "events.csv", [row + (["mood"] if i == 0 else ["sunny"]) for i, row in enumerate(table)])
    expect(tmp_data, "events", "data/events.csv", 1, "mood", "known_columns")


def test_empty_file_is_rejected(tmp_data):
    (tmp_data / "quotes.csv").write_text("", encoding="utf-8")
    expect(tmp_data, "quotes", "data/quotes.csv", None, None, "not_empty")


def test_non_utf8_bytes_name_row_and_column(tmp_data):
    path = tmp_data / "actors.csv"
    table = rows(path)
    name_column = table[0].index("name")
    lines = path.read_bytes().split(b"\n")
    lines[4] = lines[4].replace(table[4][name_column].encode(), table[4][name_column].encode() + b"\xe9", 1)
    path.write_bytes(b"\n".join(lines))
    message = expect(tmp_data, "actors", "data/actors.csv", 5, "name", "utf8")
    assert "0xe9" in message


def test_quote_whose_text_is_not_inside_its_evidence_is_rejected(tmp_data):
    set_cell(tmp_data / "quotes.csv", 2, "text", "words nobody said")
    expect(tmp_data, "quotes", "data/quotes.csv", 2, "text", "quote_inside_evidence")


def test_blank_required_cell_is_rejected(tmp_data):
    set_cell(tmp_data / "measures.csv", 3, "instrument", "")
    expect(tmp_data, "measures", "data/measures.csv", 3, "instrument", "constraint-error")


def test_id_that_breaks_its_pattern_is_rejected(tmp_data):
    set_cell(tmp_data / "quotes.csv", 4, "quote_id", "Quote 4")
    expect(tmp_data, "quotes", "data/quotes.csv", 4, "quote_id", "constraint-error")


def test_a_table_is_validated_against_the_tables_it_references(tmp_data):
    set_cell(tmp_data / "actors.csv", 2, "side", "martian")
    with pytest.raises(DataError, match=r"actors\.csv row 2, side"):
        load_table("quotes", directory=tmp_data)


def test_error_message_reads_file_row_column_problem_and_rule():
    error = DataError("data/events.csv", 7, "date_end", "2023-05-20 is before date_start 2023-05-26",
                      "end_not_before_start")
    assert str(error) == ("data/events.csv row 7, date_end: 2023-05-20 is before date_start 2023-05-26 "
                          "[rule: end_not_before_start]")


def test_every_report_rule_is_exercised_by_a_corruption_test():
    from pathlib import Path

    here = Path(__file__).parent
    source = "".join(path.read_text(encoding="utf-8") for path in (here / "test_tables.py", here / "test_source_policy.py"))
    for rule in RULES:
        assert f'"{rule.name}"' in source, f"no corruption test for rule {rule.name}"


def test_frictionless_validates_the_whole_data_package():
    import subprocess
    import sys
    from pathlib import Path

    from thawbook.paths import DATAPACKAGE

    cli = Path(sys.executable).parent / "frictionless"
    result = subprocess.run([str(cli), "validate", str(DATAPACKAGE)], capture_output=True, text=True)
    print(result.stdout[-1500:])
    assert result.returncode == 0, result.stdout + result.stderr
