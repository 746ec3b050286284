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
