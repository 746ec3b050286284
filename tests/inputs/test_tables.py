"""Loaders validate on load: every corruption stops with the file, row, column and rule.

Each test corrupts a copy of data/ (the ``tmp_data`` fixture) in one way and checks the
exact place the error names. Nothing is dropped or coerced silently.
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from thawbook.inputs.checks import RULES, DataError
from thawbook.inputs.tables import load_table, load_tables
from thawbook.paths import ROOT


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
    assert (error.file.endswith(file), error.row, error.column, error.rule) == (True, row, column, rule), (
        message
    )
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
    write_rows(tmp_data / "events.csv", [row[:index] + row[index + 1 :] for row in table])
    expect(tmp_data, "events", "data/events.csv", 1, "evidence", "known_columns")


def test_unknown_extra_column_is_named(tmp_data):
    table = rows(tmp_data / "events.csv")
    write_rows(
        tmp_data / "events.csv", [row + (["mood"] if i == 0 else ["sunny"]) for i, row in enumerate(table)]
    )
    expect(tmp_data, "events", "data/events.csv", 1, "mood", "known_columns")


def test_empty_file_is_rejected(tmp_data):
    (tmp_data / "quotes.csv").write_text("", encoding="utf-8")
    expect(tmp_data, "quotes", "data/quotes.csv", 1, None, "not_empty")  # row 1: the header is missing


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
    error = DataError(
        "data/events.csv", 7, "date_end", "2023-05-20 is before date_start 2023-05-26", "end_not_before_start"
    )
    assert str(error) == (
        "data/events.csv row 7, date_end: 2023-05-20 is before date_start 2023-05-26 "
        "[rule: end_not_before_start]"
    )


def test_every_report_rule_is_exercised_by_a_corruption_test():
    from pathlib import Path

    here = Path(__file__).parent
    source = "".join(
        path.read_text(encoding="utf-8") for path in (here / "test_tables.py", here / "test_source_policy.py")
    )
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


# ------------------------------------------------------------------ hostile and damaged inputs
def test_header_only_table_is_rejected_unless_its_schema_allows_it(tmp_data):
    import json

    path = tmp_data / "positions.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    message = expect(tmp_data, "positions", "data/positions.csv", 2, None, "not_empty")
    assert "no records" in message
    package = json.loads((tmp_data / "datapackage.json").read_text(encoding="utf-8"))
    next(r for r in package["resources"] if r["name"] == "positions")["thawbook:mayBeEmpty"] = True
    (tmp_data / "datapackage.json").write_text(json.dumps(package, indent=1), encoding="utf-8")
    assert len(load_table("positions", directory=tmp_data)) == 0


def test_required_text_cell_of_white_space_is_rejected(tmp_data):
    set_cell(tmp_data / "events.csv", 5, "title", "   ")
    expect(tmp_data, "events", "data/events.csv", 5, "title", "not_blank")


@pytest.mark.parametrize("character", ["\x00", "\x07", "\n", "\x1b", "\x85"])
def test_control_character_in_a_text_cell_is_rejected(tmp_data, character):
    table = rows(tmp_data / "events.csv")
    set_cell(tmp_data / "events.csv", 6, "note", table[5][table[0].index("note")] + f"a{character}b")
    message = expect(tmp_data, "events", "data/events.csv", 6, "note", "no_control_characters")
    assert f"U+{ord(character):04X}" in message


def test_utf8_bom_is_reported_as_a_bom(tmp_data):
    path = tmp_data / "actors.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    message = expect(tmp_data, "actors", "data/actors.csv", 1, None, "no_bom")
    assert "byte-order mark" in message


def test_line_with_an_extra_cell_names_file_row_and_line(tmp_data):
    path = tmp_data / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[6] = lines[6].rstrip("\n") + ",stray\n"
    path.write_text("".join(lines), encoding="utf-8")
    message = expect(tmp_data, "events", "data/events.csv", 7, None, "extra-cell")
    assert "line 7" in message and "'stray'" in message


def test_truncated_last_line_names_the_missing_columns(tmp_data):
    path = tmp_data / "events.csv"
    table = rows(path)
    last = table[-1]
    write_rows(path, table[:-1])
    with open(path, "a", encoding="utf-8") as handle:  # the last line cut after its fourth cell
        csv.writer(handle, lineterminator="").writerow(last[:4])
    message = expect(tmp_data, "events", "data/events.csv", len(table), table[0][4], "missing-cell")
    assert f"line {len(table)} has 4 cells" in message and "truncated" in message


def test_quoted_cell_left_open_names_the_line(tmp_data):
    path = tmp_data / "events.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + ',"unclosed\n', encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_table("events", directory=tmp_data)
    print(caught.value)
    assert caught.value.file.endswith("data/events.csv") and "line " in str(caught.value)
    assert caught.value.rule in {"csv-syntax", "extra-cell"}


def test_invalid_json_in_the_package_names_file_line_and_column(tmp_data):
    path = tmp_data / "datapackage.json"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].rstrip().rstrip(",") + "\n"  # drop a comma between two members
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_table("events", directory=tmp_data)
    message = str(caught.value)
    print(message)
    assert caught.value.rule == "valid_json"
    assert re.match(r".*data/datapackage\.json line 4, column \d+: invalid JSON: ", message)


def test_a_changed_field_type_is_caught_on_load(tmp_data):
    import json

    path = tmp_data / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    events = next(r for r in package["resources"] if r["name"] == "events")
    next(f for f in events["schema"]["fields"] if f["name"] == "date_end")["type"] = "string"
    path.write_text(json.dumps(package, indent=1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_table("actors", directory=tmp_data)  # any table: the whole package is checked
    message = str(caught.value)
    print(message)
    assert caught.value.rule == "field_type" and caught.value.column == "events.date_end"
    assert "'string'" in message and "'date'" in message


@pytest.mark.parametrize(
    "url",
    [
        "javascript:document.title='pwned'",
        "JavaScript:alert(1)",
        "data:text/html,<b>x</b>",
        "file:///etc/passwd",
        "https://",
    ],
)
def test_source_url_must_be_http_or_https(tmp_data, url):
    set_cell(tmp_data / "context.csv", 3, "source_url", url)
    expect(tmp_data, "context", "data/context.csv", 3, "source_url", "http_url")


def test_source_url_the_schema_already_rejects_is_named_too(tmp_data):
    set_cell(tmp_data / "context.csv", 3, "source_url", "//example.org/x")
    with pytest.raises(DataError, match=r"context\.csv row 3, source_url: .*\[rule: (type-error|http_url)\]"):
        load_table("context", directory=tmp_data)


def test_frictionless_error_without_a_note_still_states_a_problem():
    from types import SimpleNamespace

    from thawbook.inputs.checks import _problem

    error = SimpleNamespace(
        cell=None, note="", description="A row has fewer cells than the header.", title="Missing Cell"
    )
    assert _problem(error) == "A row has fewer cells than the header."
