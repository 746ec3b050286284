"""The voices chapter's findings, checked against counts made another way (the CSVs read with
the csv module, quotation marks counted in the seed), as read and under "own-words"."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import chapter_values, csv_rows
from thawbook.findings import readings, register, voices
from thawbook.inputs.seed import read_seed

CHAPTER = "chapters/09_voices"
OWN_WORDS = readings.Reading("own-words", "", attribution="own-words")


@pytest.fixture(scope="module")
def values():
    return chapter_values(CHAPTER)


@pytest.fixture(scope="module")
def own_words():
    return {f.id: f for f in register.compute(CHAPTER, OWN_WORDS)}


_rows = csv_rows


def _actors():
    return {r["actor_id"]: r for r in _rows("actors")}


def _own_voice(row, actors):
    """By the rule of the attribution reading: no reporter, or a reporter of the holder's side."""
    return not row["reported_by_actor_id"] or actors[row["reported_by_actor_id"]]["side"] == row["side"]


def test_every_voices_finding_holds_as_the_book_reads_the_data():
    found = register.evaluate(CHAPTER)
    assert len(found) == 7 and all(f.holds for f in found)


def test_25_spans_in_curly_quotes_16_of_them_speech(values):
    quotes = _rows("quotes")
    assert values["voices_n_quotes"] == read_seed().count("“") == len(quotes) == 25
    assert values["voices_n_speech"] == sum(1 for q in quotes if q["kind"] == "speech") == 16
    assert values["voices_n_borrowed"] == 9
    assert values["voices_n_speakers"] == len({q["actor_id"] for q in quotes if q["actor_id"]}) == 12


def test_analysts_supply_143_words_and_us_officials_no_speech(values):
    actors = _actors()
    quotes = _rows("quotes")
    side = {q["quote_id"]: actors[q["actor_id"]]["side"] if q["actor_id"] else "none" for q in quotes}
    words = {
        s: sum(len(q["text"].split()) for q in quotes if side[q["quote_id"]] == s) for s in set(side.values())
    }
    # whitespace words: analysts 143, China's officials 24, US officials 9
    assert values["voices_analyst_words"] == words["analyst"] == 143
    assert values["voices_china_words"] == words["china_government"] == 24
    assert values["voices_us_words"] == words["us_government"] == 9
    assert not [q for q in quotes if side[q["quote_id"]] == "us_government" and q["kind"] == "speech"]
    assert words["analyst"] > words["china_government"] + words["media"] + words["us_government"]


def test_quoted_words_total_205_as_a_reader_counts_them(values):
    quotes = _rows("quotes")
    assert values["voices_total_words"] == sum(len(q["text"].split()) for q in quotes) == 205


def test_seven_quotations_have_a_garbled_attribution_two_by_pronoun(values):
    # by hand: Thompson's "reward" (Lee Kuan Yew "High School"), Mao Ning's two ("a spokesman",
    # "he"), Glaser's two (title and institution; "he"), Yellen's two ("Finance Minister")
    assert values["voices_n_attrib_quotes"] == 7
    assert values["voices_n_pronoun_quotes"] == 2  # Mao Ning's "he", Glaser's "he"
    assert values["voices_n_title_quotes"] == 5


def test_china_has_19_positions_ten_from_chinese_voices_four_from_officials(values):
    actors = _actors()
    china = [r for r in _rows("positions") if r["side"] == "china_government"]
    reporter = [actors.get(r["reported_by_actor_id"]) for r in china]
    assert values["voices_china_positions"] == len(china) == 19
    assert values["voices_china_by_narration"] == sum(1 for a in reporter if a is None) == 5
    assert values["voices_china_by_chinese"] == sum(1 for a in reporter if a and a["country"] == "CHN") == 10
    assert (
        values["voices_china_by_officials"]
        == sum(1 for a in reporter if a and a["country"] == "CHN" and a["side"] == "china_government")
        == 4
    )
    assert values["voices_china_by_others"] == sum(1 for a in reporter if a and a["country"] == "USA") == 4
    assert (
        values["voices_shen_positions"]
        == sum(1 for r in china if r["reported_by_actor_id"] == "ac-shen-dingli")
        == 5
    )


def test_five_preconditions_all_chinese_only_mao_nings_two_in_the_governments_voice(values):
    actors = _actors()
    pre = [r for r in _rows("positions") if r["stance"] == "precondition"]
    assert values["voices_n_preconditions"] == len(pre) == 5
    assert {r["side"] for r in pre} == {"china_government"} and values["voices_us_preconditions"] == 0
    own = [r for r in pre if _own_voice(r, actors)]
    assert values["voices_china_preconditions_own"] == len(own) == 2
    assert {r["reported_by_actor_id"] for r in own} == {"ac-mao-ning"}
    assert values["voices_preconditions_other_voices"] == "Drew Thompson, People's Daily and Shen Dingli"


def test_thompsons_reading_of_china_is_recorded_as_his_not_the_governments():
    row = next(r for r in _rows("positions") if r["position_id"] == "po-cn-access-to-reward")
    assert row["reported_by_actor_id"] == "ac-drew-thompson"
    assert _actors()["ac-drew-thompson"]["side"] == "analyst"
    assert row["statement"].startswith("Drew Thompson's reading of China")


def test_under_own_words_the_precondition_finding_shrinks_to_mao_nings_two(own_words):
    found = own_words["voices-preconditions-china-attributed"]
    assert not found.holds
    assert found.values["voices_n_preconditions"] == found.values["voices_china_preconditions_own"] == 2


def test_under_own_words_shen_carries_no_chinese_position(own_words):
    found = own_words["voices-china-positions-sources"]
    assert not found.holds and found.values["voices_shen_positions"] == 0
    assert found.values["voices_china_by_officials"] == found.values["voices_china_by_chinese"] == 4


def test_shared_goals_are_climate_crisis_avoidance_and_trade_each_on_both_sides(values):
    rows = _rows("positions")
    both = sorted(
        {r["issue"] for r in rows}
        - {
            i
            for i in {r["issue"] for r in rows}
            for side in ("us_government", "china_government")
            if not any(
                r["issue"] == i and r["side"] == side and r["stance"] in ("goal", "offer") for r in rows
            )
        }
    )
    assert both == ["climate", "crisis_avoidance", "market_access_trade"]
    assert values["voices_overlap_issues"] == "climate, crisis avoidance and trade"


def test_under_own_words_climate_drops_out_because_only_kerry_reports_chinas_invitation(own_words):
    kerry = next(r for r in _rows("positions") if r["position_id"] == "po-cn-invites-kerry")
    assert kerry["reported_by_actor_id"] == "ac-john-kerry"
    found = own_words["voices-shared-goals"]
    assert not found.holds and found.values["voices_overlap_issues"] == "crisis avoidance and trade"


def test_no_position_is_about_taiwan():
    rows = _rows("positions")
    assert not [r for r in rows if "taiwan" in r["issue"] or "Taiwan" in r["evidence"]]
    # Taiwan is named once in the seed, in Glaser's quotation
    assert read_seed().count("Taiwan") == 1


def test_chinese_preconditions_meet_us_offers_on_military_talks_and_li_sanctions(values):
    rows = _rows("positions")
    for issue in ("military_communication", "sanctions_on_li"):
        assert any(
            r["issue"] == issue and r["side"] == "china_government" and r["stance"] == "precondition"
            for r in rows
        )
        assert any(
            r["issue"] == issue and r["side"] == "us_government" and r["stance"] == "offer" for r in rows
        )
    assert values["voices_blocked_issues"] == "military communication and sanctions on Li"


def test_a_us_precondition_would_break_the_all_chinese_preconditions_finding():
    tables = dict(register.tables())
    extra = pd.DataFrame(
        [{**tables["positions"].iloc[0].to_dict(), "position_id": "po-us-test", "stance": "precondition"}]
    )
    tables["positions"] = pd.concat([tables["positions"], extra], ignore_index=True)
    found = {f.id: f for f in voices.findings(tables, readings.AS_READ)}
    assert not found["voices-preconditions-china-attributed"].holds
