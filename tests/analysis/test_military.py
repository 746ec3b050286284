"""Chapter 07's rows (thawbook.analysis.military): encounters, the military timeline, characterizations."""

from __future__ import annotations

import pandas as pd
import pytest

from thawbook.analysis import military
from thawbook.inputs.tables import load_tables

T = pd.Timestamp


@pytest.fixture(scope="module")
def tables():
    return load_tables("events", "actors", "quotes", "encounters", "corrections")


# ------------------------------------------------------------------------ military
def test_encounter_rows_date_the_intercept_to_the_day_and_put_undated_encounters_last(tables):
    rows = military.encounter_rows(tables["encounters"], tables["events"], tables["actors"])
    by_id = rows.set_index("encounter_id")
    assert (by_id.at["en-jet-intercept", "start"], by_id.at["en-jet-intercept", "dating"]) == (
        "2023-05-26",
        "exact day",
    )
    assert by_id.at["en-beijing-complaint", "dating"] == "undated"
    dated = list(rows["start"] != "")
    assert dated == sorted(dated, reverse=True), "undated rows must come after dated ones"
    assert by_id.at["en-regular-patrols", "characterized_by_name"] == military.ARTICLE_VOICE
    assert by_id.at["en-dinner-handshake", "characterized_by_name"] == ""


def test_military_timeline_marks_the_handshake_as_both_sides_and_the_intercept_as_china(tables):
    frame = military.military_timeline(tables["encounters"], tables["events"], tables["actors"])
    side = frame.set_index("event_id")["acting_side"]
    assert side["ev-li-austin-handshake"] == "both"
    assert side["ev-jet-intercept"] == "china_government"
    assert side["ev-austin-provocative"] == "us_government"
    assert list(frame["date_start"]) == sorted(frame["date_start"])
    assert "statement" in set(frame["kind"])


def test_characterizations_aim_each_side_at_the_other_and_the_article_voice_at_both(tables):
    frame = military.characterizations(
        tables["encounters"], tables["quotes"], tables["events"], tables["actors"]
    )
    counts = military.direction_counts(frame)
    print(f"characterizations: {counts}")
    by_source = frame.set_index("source")
    assert by_source.at["en-jet-intercept", "direction"] == "US on China"
    assert by_source.at["en-beijing-complaint", "direction"] == "China on US"
    assert (
        by_source.at["en-regular-patrols", "direction"]
        == f"{military.ARTICLE_VOICE} on {military.BOTH_SIDES}"
    )
    assert counts["us_on_china"] == 3 and counts["china_on_us"] == 2 and counts["total"] == len(frame)


def test_direction_counts_count_only_the_named_direction():
    frame = pd.DataFrame(
        {
            "speaker_side": ["us_government", "us_government", "china_government"],
            "target_side": ["china_government", "both", "us_government"],
        }
    )
    assert military.direction_counts(frame) == {
        "us_on_china": 1,
        "china_on_us": 1,
        "analyst_on_china": 0,
        "on_both": 1,
        "total": 3,
    }
