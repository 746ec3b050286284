"""The military chapter's findings, checked against counts made another way (the CSVs read
with the csv module, and dates worked out by hand from the seed)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from tests.conftest import chapter_values, csv_rows
from thawbook.findings import military, readings, register

CHAPTER = "chapters/07_military_contact"


@pytest.fixture(scope="module")
def values():
    return chapter_values(CHAPTER)


_rows = csv_rows


def _holds_under(tables, finding_id):
    found = {f.id: f for f in military.findings(tables, readings.AS_READ)}
    return found[finding_id].holds


def test_every_military_finding_holds_as_the_book_reads_the_data():
    found = register.evaluate(CHAPTER)
    assert len(found) == 6 and all(f.holds for f in found)


def test_six_encounters_of_which_four_are_tied_to_a_dated_event(values):
    encounters = _rows("encounters")
    # by hand: intercept, declined meeting, handshake, Austin's "provocative" have events;
    # Beijing's complaint and the regular patrols have none
    assert values["mil_n_encounters"] == len(encounters) == 6
    assert values["mil_n_dated"] == sum(1 for r in encounters if r["event_id"]) == 4


def test_intercept_last_friday_and_handshake_friday_are_seven_days_apart(values):
    # by hand: published Fri 2-Sun 4 June 2023; "Last Friday" is 26 May, the forum's opening
    # dinner "Friday" is 2 June: 7 days apart
    assert values["mil_intercept_day"] == "Friday 26 May 2023"
    assert values["mil_handshake_day"] == "Friday 2 June 2023"
    assert values["mil_days_between"] == 7


def test_the_two_ministers_have_two_contacts_a_refusal_and_a_handshake(values):
    kinds = sorted(
        r["kind"]
        for r in _rows("encounters")
        if {r["us_party"], r["china_party"]} == {"ac-lloyd-austin", "ac-li-shangfu"}
    )
    assert kinds == ["brief_contact", "declined_meeting"]
    assert values["mil_n_minister_contacts"] == 2
    invitation = [r for r in _rows("corrections") if r["correction_id"] == "co-invitation-by-chinas-minister"]
    assert invitation and invitation[0]["confidence"] == "high"


def test_refusal_spans_96_days_so_it_is_not_known_to_within_a_month(values):
    # by hand: Li appointed "in March" (from 1 March) to the last publication day, 4 June:
    # 31 + 30 + 31 + 4 = 96 days, wider than a quarter (92), within four months (123)
    assert values["mil_declined_interval"] == "1 March 2023 to 4 June 2023"
    assert values["mil_declined_precision"] == "four-month span"


def test_five_of_the_seven_timeline_rows_fall_in_the_fortnight_before_publication(values):
    # by hand: 4 dated encounters + 3 statements about them = 7 rows; 22 May-4 June holds the
    # intercept (26 May), the US condemnation (26 May-4 June), Mao Ning's Tuesday (30 May),
    # Austin's Thursday (1 June) and the handshake (2 June); the refusal and the Pentagon's
    # comment on it start on 1 March
    assert values["mil_n_timeline"] == 7 and values["mil_n_fortnight"] == 5


def test_intercept_comes_before_musks_week_and_four_days_before_qin_meets_musk(values):
    # by hand: "this week" is 28 May-3 June (Sunday weeks) or 29 May-4 June (Monday weeks),
    # hull 28 May-4 June; "On Tuesday" is 30 May; the intercept is Friday 26 May
    assert values["mil_musk_interval"] == "28 May 2023 to 4 June 2023"
    assert values["mil_qin_musk_day"] == "Tuesday 30 May 2023"
    assert values["mil_intercept_to_qin_musk"] == 4


def test_intercept_stays_before_musks_visit_under_either_week_convention():
    for week_start in ("monday", "sunday"):
        reading = readings.Reading(f"week-{week_start}", "", week_start=week_start)
        found = {f.id: f for f in register.compute(CHAPTER, reading)}
        assert found["mil-intercept-before-musk"].holds, week_start


def test_intercept_moved_into_musks_week_breaks_the_before_finding():
    tables = dict(register.tables())
    events = tables["events"].copy()
    moved = events["event_id"] == "ev-jet-intercept"
    events.loc[moved, ["date_start", "date_end"]] = pd.Timestamp("2023-05-31")
    tables["events"] = events
    assert not _holds_under(tables, "mil-intercept-before-musk")


def test_characterizations_counted_from_encounters_and_three_quotes(values):
    characterized = [r for r in _rows("encounters") if r["characterization"]]
    # by hand: the intercept, the refusal (the Pentagon) and Austin's remark are US on China;
    # Beijing's complaint is China on US; the patrols are the article's own, on both
    assert len(characterized) == 5
    # plus the quotes: Mao Ning (China on US), Thompson (analyst on China), Glaser (both)
    assert values["mil_n_characterizations"] == 5 + 3
    assert (
        values["mil_us_on_china"],
        values["mil_china_on_us"],
        values["mil_analyst_on_china"],
        values["mil_on_both"],
    ) == (3, 2, 1, 2)


def test_on_military_talks_the_us_has_a_goal_and_china_only_a_precondition():
    talks = [r for r in _rows("positions") if r["issue"] == "military_communication"]
    us = {r["stance"] for r in talks if r["side"] == "us_government"}
    china = {r["stance"] for r in talks if r["side"] == "china_government"}
    assert "goal" in us and china == {"precondition"}


def test_a_chinese_offer_on_military_talks_would_break_the_different_aims_finding():
    tables = dict(register.tables())
    extra = pd.DataFrame(
        [
            {
                **tables["positions"].iloc[0].to_dict(),
                "position_id": "po-cn-test",
                "side": "china_government",
                "issue": "military_communication",
                "stance": "offer",
            }
        ]
    )
    tables["positions"] = pd.concat([tables["positions"], extra], ignore_index=True)
    assert not _holds_under(tables, "mil-different-aims")


def test_both_governments_state_their_military_talk_positions_in_their_own_voice():
    # the attribution reading leaves the military positions on both sides in place
    own = replace(readings.AS_READ, id="own-words", attribution="own-words")
    found = {f.id: f for f in register.compute(CHAPTER, own)}
    assert found["mil-different-aims"].holds
