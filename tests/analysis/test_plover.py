"""PLOVER beside CAMEO: the crosswalk, the overrides and the JSON export."""

from __future__ import annotations

import json

import pytest

from thawbook.analysis import plover
from thawbook.inputs.seed import read_seed
from thawbook.inputs.tables import data_dir

# Field names of a PLOVER record, from the manual's "PLOVER JSON" table (PLOVER_MANUAL.tex
# at openeventdata/PLOVER 0711e39), and those of its actor, text and citation objects.
MANUAL_FIELDS = {
    "id",
    "has_event",
    "date",
    "time",
    "enddate",
    "endtime",
    "source",
    "recipient",
    "event",
    "event_loc",
    "event_text",
    "quad_code",
    "event_scale",
    "mode",
    "context",
    "link",
    "text",
    "text_info",
    "cite_info",
    "coder",
    "coded_date",
    "coded_time",
    "comment",
}
ACTOR_FIELDS = {
    "code",
    "sector",
    "actor_text",
    "identifier_id",
    "identifier_text",
    "actor_loc",
    "religion",
    "ethnicity",
    "office",
    "gender",
    "age",
}
TEXT_FIELDS = {"sequence", "start", "end", "text_story", "connlu_parse", "treebank_parse"}
CITE_FIELDS = {
    "corpus",
    "citation",
    "url",
    "title",
    "language",
    "publication",
    "license",
    "copyright",
    "coder",
    "codebook",
    "version",
}
OUR_FIELDS = {"edtf", "date_basis"}


@pytest.fixture(scope="module")
def tables():
    return plover.plover_tables()


@pytest.fixture(scope="module")
def records():
    path = data_dir() / "events_plover.json"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# ------------------------------------------------------------------ crosswalk and coding
def test_each_crosswalk_line_parses_to_the_type_mode_and_context_beside_it(tables):
    for row in tables["plover_crosswalk"].itertuples():
        if row.crosswalk_line:
            assert plover.parse_crosswalk_line(row.crosswalk_line) == (row.event_type, row.mode, row.context)
            assert row.crosswalk_line.startswith(f"{row.cameo_code}: ")
        else:
            assert row.cameo_code[:2] in {"01", "02"} and not row.event_type, row.cameo_code


def test_crosswalk_rows_take_type_and_mode_from_the_crosswalk_and_overrides_do_not(tables):
    walk = tables["plover_crosswalk"].set_index("cameo_code")
    codes = tables["event_coding"].set_index("event_id")["cameo_code"]
    for row in tables["event_plover"].itertuples():
        mapped = walk.loc[codes[row.event_id]]
        same = (row.event_type, row.mode) == (mapped["event_type"], mapped["mode"])
        if row.via == "crosswalk":
            assert same, row.event_id
        elif row.via == "override":
            assert not same and row.event_type, row.event_id
        else:
            assert not row.event_type and not mapped["event_type"], row.event_id


def test_dropped_events_are_exactly_those_whose_cameo_root_plover_drops(tables):
    codes = tables["event_coding"].set_index("event_id")["cameo_code"]
    coding_ = tables["event_plover"].set_index("event_id")
    dropped = set(coding_.index[coding_["via"] == "dropped"])
    assert dropped == {event for event, code in codes.items() if code[:2] in {"01", "02"}}


def test_only_host_a_visit_events_swap_source_and_recipient(tables):
    codes = tables["event_coding"].set_index("event_id")["cameo_code"]
    swapped = tables["event_plover"].query("swap_actors == 'yes'")["event_id"]
    assert set(codes[swapped]) == {"043"}


def test_every_coded_event_with_a_type_has_a_context(tables):
    typed = tables["event_plover"].query("event_type != ''")
    assert typed["context"].str.len().gt(0).all()


def test_plover_scores_are_positive_for_cooperation_and_negative_for_conflict(tables):
    book = tables["plover_codebook"]
    assert len(book) == 16
    assert (book.loc[book["quad_code"] <= 2, "score"] > 0).all()
    assert (book.loc[book["quad_code"] >= 3, "score"] < 0).all()


# ------------------------------------------------------------------ the JSON export
def test_events_plover_json_on_disk_equals_a_fresh_export(tables):
    path = data_dir() / "events_plover.json"
    assert path.read_text(encoding="utf-8") == plover.events_plover_jsonl(tables), (
        "data/events_plover.json is stale: run thawbook.analysis.plover.write_events_plover()"
    )


def test_the_export_has_one_record_per_event_with_a_plover_type(tables, records):
    typed = tables["event_plover"].query("event_type != ''")
    assert sorted(record["id"] for record in records) == sorted(typed["event_id"])


def test_every_record_uses_the_manuals_field_names_and_has_its_required_fields(records):
    for record in records:
        assert set(plover.REQUIRED_FIELDS) <= set(record), record["id"]
        assert set(record) <= MANUAL_FIELDS | OUR_FIELDS, set(record) - MANUAL_FIELDS - OUR_FIELDS
        for actor in record["source"] + record["recipient"]:
            assert set(actor) <= ACTOR_FIELDS | {"actor_id"}, actor
        assert set(record["text_info"]) <= TEXT_FIELDS
        assert set(record["cite_info"]) <= CITE_FIELDS
        assert isinstance(record["event"], list) and isinstance(record["mode"], list)
        assert isinstance(record["context"], list) and record["source"], record["id"]


def test_every_record_carries_its_types_quad_code_and_score(tables, records):
    book = tables["plover_codebook"].set_index("event_type")
    for record in records:
        (kind,) = record["event"]
        assert record["quad_code"] == book.loc[kind, "quad_code"]
        assert record["event_scale"] == book.loc[kind, "score"]


def test_every_records_text_offsets_point_at_its_event_text_in_the_seed(records):
    text = read_seed()
    for record in records:
        info = record["text_info"]
        assert text[info["start"] : info["end"]] == record["event_text"][0], record["id"]


def test_every_records_dates_are_iso_days_matching_its_edtf(records):
    from thawbook.exports.edtf import bounds

    for record in records:
        first, last = bounds(record["edtf"])
        assert (first.isoformat(), last.isoformat()) == (record["date"], record["enddate"]), record["id"]


def test_a_visitor_is_the_source_of_a_swapped_visit(records):
    record = next(r for r in records if r["id"] == "ev-qin-musk-meeting")
    assert record["source"][0]["actor_id"] == "ac-elon-musk" and record["mode"] == ["visit"]


def test_every_cameo_coded_event_has_a_plover_row(tables):
    assert sorted(tables["event_plover"]["event_id"]) == sorted(tables["event_coding"]["event_id"])
