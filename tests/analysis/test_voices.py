"""Voices and positions (thawbook.analysis.voices)."""

from __future__ import annotations

import pandas as pd
import pytest

from thawbook.analysis import voices


@pytest.fixture(scope="module")
def tables():
    return voices.voices_tables()


# ------------------------------------------------------------------ voices and positions
def test_voices_count_words_and_flag_garbled_pronouns(tables):
    voice = voices.voices(tables).set_index("quote_id")
    assert len(voice) == len(tables["quotes"])
    assert voice.loc["qu-glaser-sleepwalking", "attribution_corrections"] == "co-glaser-he"
    assert voice.loc["qu-mao-correct-wrong-practices", "attribution_corrections"] == "co-mao-ning-he"
    assert "co-mao-ning-spokesman" in voice.loc["qu-mao-favorable-conditions", "attribution_corrections"]
    assert voice.loc["qu-thompson-their-terms", "words"] == 12
    assert voice.loc["qu-covid-zero", "side"] == "none"


def test_words_by_side_add_up_to_all_quoted_words(tables):
    voice = voices.voices(tables)
    assert voices.voices_by_side(voice)["words"].sum() == voice["words"].sum()
    assert voices.voices_by_speaker(voice)["words"].sum() == voice["words"].sum()


def test_positions_reference_existing_actors(tables):
    actors = set(tables["actors"]["actor_id"])
    pos = tables["positions"]
    reporters = set(pos["reported_by_actor_id"].dropna()) - {""}
    print(f"{len(pos)} positions, {pos['holder_actor_id'].nunique()} holders, {len(reporters)} reporters")
    assert set(pos["holder_actor_id"]) <= actors
    assert reporters <= actors


def test_position_side_matches_its_holders_camp(tables):
    sides = tables["actors"].set_index("actor_id")["side"]
    pos = tables["positions"]
    holder_side = pos["holder_actor_id"].map(sides)
    # The People's Daily (media) speaks for the Chinese government's line.
    mismatched = pos[(holder_side != pos["side"]) & (holder_side != "media")]
    assert mismatched.empty, mismatched[["position_id", "side", "holder_actor_id"]]


def test_issue_summary_finds_overlap_and_blocking_preconditions():
    pos = pd.DataFrame(
        {
            "issue": ["a", "a", "b", "b"],
            "side": ["us_government", "china_government"] * 2,
            "stance": ["goal", "offer", "offer", "precondition"],
            "position_id": ["p1", "p2", "p3", "p4"],
        }
    )
    summary = voices.issue_summary(pos).set_index("issue")
    assert summary.loc["a", "overlap"] and not summary.loc["a", "blocked"]
    assert summary.loc["b", "blocked"]


# ------------------------------------------------------------------ the kind of a quotation
def test_every_quotation_is_coded_by_the_one_rule_of_its_kind(tables):
    quotes = tables["quotes"]
    problems = voices.quotation_rule_problems(quotes)
    counts = quotes.groupby(["form", "kind"]).size().to_dict()
    print(f"{len(quotes)} quotations by form and kind: {counts}")
    assert problems == []
    assert len(quotes) == 25


def test_the_referees_cases_are_coded_alike_qin_and_yellen_adjectives_are_scare_quotes(tables):
    kinds = tables["quotes"].set_index("quote_id")["kind"]
    assert kinds["qu-qin-healthy-stable-constructive"] == kinds["qu-yellen-constructive"] == "scare_quote"
    assert kinds["qu-qin-slam-brakes"] == "speech"


@pytest.mark.parametrize(
    ("quote_id", "column", "value", "expected"),
    [
        ("qu-qin-healthy-stable-constructive", "kind", "speech", "the rule gives scare_quote"),
        ("qu-provocative", "form", "clause", "for 1 words"),
        ("qu-shen-lift-sanctions", "form", "clause", "opens its sentence"),
        ("qu-thaw", "form", "sentence", "does not open its sentence"),
        ("qu-shen-lift-sanctions", "note", "", "no verb of saying"),
    ],
)
def test_a_row_against_the_rule_is_named(tables, quote_id, column, value, expected):
    quotes = tables["quotes"].copy()
    quotes.loc[quotes["quote_id"] == quote_id, column] = value
    problems = voices.quotation_rule_problems(quotes)
    assert any(p.startswith(quote_id) and expected in p for p in problems), problems


def test_kind_by_rule_covers_every_form():
    assert [voices.kind_by_rule("ac-x", f) for f in ("sentence", "clause", "phrase", "word")] == [
        "speech",
        "speech",
        "scare_quote",
        "scare_quote",
    ]
    assert voices.kind_by_rule("", "phrase") == "term"
