"""The source policy for data/context.csv: a row that breaks it stops the load, naming file, row, column and rule."""

from __future__ import annotations

from tests.inputs.test_tables import expect, rows, set_cell
from thawbook.inputs import source_policy
from thawbook.inputs.checks import RULES
from thawbook.inputs.tables import load_table

CONTEXT = "data/context.csv"


def _row_of(path, context_id):
    table = rows(path)
    return next(number for number, row in enumerate(table, start=1) if row[0] == context_id)


def test_the_committed_context_table_follows_the_policy():
    context = load_table("context")
    assert source_policy.violations(context.astype({"source_date": str, "accessed": str})) == []
    assert set(context["source_type"]) <= {"primary", "wire", "newspaper", "state_media", "other"}


def test_every_policy_rule_is_listed_among_the_load_rules():
    assert {rule.name for rule in source_policy.RULES} <= {rule.name for rule in RULES}


def test_a_wikipedia_source_is_rejected(tmp_data):
    path = tmp_data / "context.csv"
    number = _row_of(path, "cx-apec-2023")
    set_cell(path, number, "source_url", "https://en.wikipedia.org/wiki/APEC_United_States_2023")
    expect(tmp_data, "context", CONTEXT, number, "source_type", "no_reference_works")


def test_a_reference_work_is_rejected_whatever_its_address(tmp_data):
    path = tmp_data / "context.csv"
    number = _row_of(path, "cx-apec-2023")
    set_cell(path, number, "source_type", "reference")
    expect(tmp_data, "context", CONTEXT, number, "source_type", "no_reference_works")


def test_an_email_notice_is_rejected(tmp_data):
    path = tmp_data / "context.csv"
    number = _row_of(path, "cx-glaser-gmf-title")
    set_cell(path, number, "source_title", "Fwd: RSVP for a book talk with Bonnie Glaser")
    expect(tmp_data, "context", CONTEXT, number, "source_title", "no_email_notices")


def test_a_title_rebuilt_from_the_url_is_rejected(tmp_data):
    path = tmp_data / "context.csv"
    number = _row_of(path, "cx-micron-cac")
    set_cell(path, number, "source_title", "China bars US chipmaker Micron (title reconstructed from URL)")
    expect(tmp_data, "context", CONTEXT, number, "source_title", "source_title_not_reconstructed")


def test_state_media_cannot_source_a_fact_about_another_state(tmp_data):
    path = tmp_data / "context.csv"
    number = _row_of(path, "cx-xie-feng-arrival")
    set_cell(path, number, "source_type", "state_media")
    set_cell(path, number, "source_state", "RUS")
    message = expect(tmp_data, "context", CONTEXT, number, "claim", "state_media_only_for_its_state")
    assert "RUS" in message


def test_state_media_needs_the_state_it_speaks_for(tmp_data):
    path = tmp_data / "context.csv"
    number = _row_of(path, "cx-qin-gang-guardrails")
    set_cell(path, number, "source_state", "")
    expect(tmp_data, "context", CONTEXT, number, "claim", "state_media_only_for_its_state")


def test_state_media_may_report_what_its_own_state_said():
    row = {
        "source_type": "state_media",
        "source_state": "CHN",
        "claim": "China's foreign ministry said the US should lift sanctions.",
    }
    assert source_policy._state_media(row) is None
    row["claim"] = "The forum was held in Beijing from March 25 to 27."
    assert "attribute" in source_policy._state_media(row)


def test_a_source_read_before_it_was_published_is_rejected(tmp_data):
    path = tmp_data / "context.csv"
    number = _row_of(path, "cx-micron-cac")
    set_cell(path, number, "accessed", "2023-01-01")
    expect(tmp_data, "context", CONTEXT, number, "accessed", "accessed_not_before_source")


def test_a_row_without_an_access_date_is_rejected(tmp_data):
    path = tmp_data / "context.csv"
    number = _row_of(path, "cx-micron-cac")
    set_cell(path, number, "accessed", "")
    expect(tmp_data, "context", CONTEXT, number, "accessed", "constraint-error")
