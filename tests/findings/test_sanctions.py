"""The sanctions chapter's findings, checked against counts made another way."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import chapter_findings, chapter_values, csv_rows
from thawbook.findings import readings, register
from thawbook.findings import sanctions as sanctions_findings
from thawbook.inputs.seed import read_seed

CHAPTER = "chapters/05_sanctions"


_rows = csv_rows
found = pytest.fixture(scope="module")(lambda: chapter_findings(CHAPTER))
values = pytest.fixture(scope="module")(lambda: chapter_values(CHAPTER))


def _sides():
    return {r["actor_id"]: r["side"] for r in _rows("actors")}


def test_every_sanctions_finding_holds_as_the_book_reads_the_data(found):
    assert set(found) == {
        "sanc-short-chains",
        "sanc-us-reasons",
        "sanc-china-reasons",
        "sanc-demands-of-washington",
        "sanc-undated-and-gaps",
        "sanc-micron-date",
        "sanc-meeting-corrections",
    }
    assert all(f.holds for f in found.values())


def test_a_rationale_kind_is_none_exactly_when_no_rationale_is_stated():
    for row in _rows("measures"):
        assert (row["rationale_kind"] == "none") == (row["stated_rationale"] == ""), row["measure_id"]


def test_responses_and_the_longest_chain_counted_by_following_links(values):
    rows = _rows("measures")
    parent = {r["measure_id"]: r["responds_to"] for r in rows if r["responds_to"]}

    def length(measure):
        return 1 + (length(parent[measure]) if measure in parent else 0)

    assert values["sanc_n_measures"] == len(rows) == 11
    assert values["sanc_n_responses"] == len(parent) == 5
    assert values["sanc_longest_chain"] == max(length(m["measure_id"]) for m in rows) == 2


def test_three_of_five_us_measures_give_a_reason_by_hand(values):
    # by hand from the seed: "over purchases of military equipment from Russia", "over allegations
    # of human rights abuses ...", "to block Beijing's access" are reasons; "to similarly cut chip
    # exports" restates the rally; "if China provided lethal aid to Russia" triggers the warning
    sides = _sides()
    us = [r for r in _rows("measures") if sides[r["imposed_by"]] == "us_government"]
    assert len(us) == values["sanc_n_us_measures"] == 5
    assert sorted(r["measure_id"] for r in us if r["rationale_kind"] == "reason") == [
        "me-us-chip-controls",
        "me-us-sanctions-li",
        "me-us-sanctions-officials-companies",
    ]
    assert values["sanc_n_us_reason"] == 3 and values["sanc_n_us_not_reason"] == 2
    assert {r["measure_id"]: r["rationale_kind"] for r in us if r["rationale_kind"] != "reason"} == {
        "me-allied-chip-rally": "action_restated",
        "me-us-warning-lethal-aid": "trigger",
    }


def test_chinese_counter_measures_come_without_a_reason_and_the_motive_is_the_analysts(values):
    sides = _sides()
    china = [r for r in _rows("measures") if sides[r["imposed_by"]] == "china_government"]
    counter = [r for r in china if r["instrument"] in ("restrictions", "purchase_ban")]
    assert len(china) == values["sanc_n_china_measures"] == 5
    assert [r["stated_rationale"] for r in counter] == ["", ""] and values["sanc_n_china_counter"] == 2
    with_reason = [r for r in china if r["rationale_kind"] == "reason"]
    # by hand: only Haenle's reading, "getting the US to reduce strategic pressure on China"
    assert len(with_reason) == values["sanc_n_china_reason"] == 1
    assert {r["instrument"] for r in with_reason} == {"demand_to_lift"}
    assert "Paul Haenle" in values["sanc_china_reason_voices"]
    assert read_seed().count("In what analysts see as a retaliatory move") == 1


def test_demands_all_target_washington_and_one_is_mao_nings(values):
    demands = [r for r in _rows("measures") if r["instrument"] == "demand_to_lift"]
    assert {r["target"] for r in demands} == {"ac-us-government"}
    assert values["sanc_n_demands"] == len(demands) == 4
    # by hand: Mao Ning's "should lift sanctions against Li" (her "urgently correct wrong practices"
    # names no measure, so it is a position, not a demand row); Shen and Haenle are quoted; China's
    # general "demanding the lifting" is narration
    assert values["sanc_n_demands_mao"] == 1 and values["sanc_n_demands_quoted"] == 3


def test_undated_measures_and_the_gap_between_2018_and_october_2022(values):
    rows = _rows("measures")
    assert values["sanc_n_undated"] == sum(r["event_id"] == "" for r in rows) == 7
    assert values["sanc_n_dated"] == 4
    # stretches widened to whole months: 2018 ends 31 Dec 2018, the next begins 1 Oct 2022
    assert values["sanc_longest_gap_days"] == (date(2022, 10, 1) - date(2018, 12, 31)).days
    assert values["sanc_n_time_panels"] == 2


def test_micron_outside_day_is_inside_last_week_only_when_it_may_start_on_sunday(found):
    assert found["sanc-micron-date"].values["sanc_micron_relation"] == "inside it"
    sunday = {f.id: f for f in register.compute(CHAPTER, readings.Reading("s", week_start="sunday"))}
    monday = {f.id: f for f in register.compute(CHAPTER, readings.Reading("m", week_start="monday"))}
    # by hand: Sunday weeks make "last week" 21-27 May, Monday weeks 22-28 May; the ban was 21 May
    assert sunday["sanc-micron-date"].values["sanc_micron_relation"] == "inside it"
    assert monday["sanc-micron-date"].values["sanc_micron_relation"] == "1 day before it"


def test_both_meeting_corrections_are_high_confidence_inversions(values):
    rows = {r["correction_id"]: r for r in _rows("corrections")}
    for correction in ("co-invitation-by-chinas-minister", "co-not-deterred-li"):
        assert rows[correction]["category"] == "inverted_meaning" and rows[correction]["confidence"] == "high"
    assert values["sanc_n_meeting_inverted"] == 2


def test_mao_nings_words_read_as_a_reason_would_break_not_a_chinese_officials():
    tables = dict(register.tables())
    measures = tables["measures"].copy()
    measures.loc[measures["measure_id"] == "me-china-demand-lift-li-sanctions", "rationale_kind"] = "reason"
    tables["measures"] = measures
    after = {f.id: f for f in sanctions_findings.findings(tables, readings.AS_READ)}["sanc-china-reasons"]
    assert not after.holds


def test_the_october_controls_draw_the_most_answers_counted_by_hand(values):
    # by hand from the seed: the allied rally ("similarly"), China's own restrictions ("pushing back")
    # and the Micron ban ("retaliatory") answer the October controls; no other measure has more than 1
    answers = [r["measure_id"] for r in _rows("measures") if r["responds_to"] == "me-us-chip-controls"]
    assert sorted(answers) == ["me-allied-chip-rally", "me-china-own-restrictions", "me-micron-ban"]
    assert values["sanc_most_answers"] == 3
