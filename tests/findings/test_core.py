"""The findings machinery: a false finding stops the build by name, and readings change only what they say."""

from __future__ import annotations

import pandas as pd
import pytest

from thawbook.findings import readings, register
from thawbook.findings.core import Finding, FindingError, check, finding
from thawbook.inputs.tables import load_tables


def test_a_false_finding_raises_and_names_itself_with_its_sentence():
    ok = finding("ok", "chapters/x", "{n} things", {"n": 1}, lambda v: v["n"] == 1)
    bad = finding("bad-one", "chapters/x", "{n} things, none red", {"n": 2}, lambda v: v["n"] == 1)
    with pytest.raises(FindingError, match=r"bad-one \(chapters/x\): 2 things, none red"):
        check([ok, bad])
    assert check([ok]) == [ok]


def test_a_predicate_that_raises_counts_as_false():
    f = finding("x", "c", "{n}", {"n": []}, lambda v: v["n"][0] > 0)
    assert f.holds is False


def test_two_findings_with_one_id_are_refused():
    a = Finding("same", "c", "a", {}, True)
    with pytest.raises(FindingError, match="used twice"):
        check([a, a])


def test_underscored_values_serve_the_predicate_and_are_not_glued():
    f = finding("x", "c", "{n} of {_all}", {"n": 1, "_all": 2}, lambda v: True)
    assert f.glued == {"n": 1}
    assert f.sentence == "1 of 2"


@pytest.fixture(scope="module")
def tables():
    return load_tables()


def test_alternative_readings_cover_weeks_placement_codings_themes_and_attribution(tables):
    ids = [r.id for r in readings.alternatives(tables)]
    assert {
        "week-monday",
        "week-sunday",
        "placement-start",
        "placement-end",
        "coding-all",
        "themes-all",
        "own-words",
    } <= set(ids)
    assert set(tables["coding_alternatives"]["alternative_id"]) <= set(ids)
    assert set(tables["theme_alternatives"]["alternative_id"]) <= set(ids)
    assert len(ids) == len(set(ids))


def test_the_sunday_reading_moves_last_week_and_leaves_the_tables_untouched(tables):
    before = tables["events"].copy()
    seen = readings.apply(readings.Reading("s", "s", week_start="sunday"), tables)["events"].set_index(
        "event_id"
    )
    assert (seen.loc["ev-micron-ban", "date_start"], seen.loc["ev-micron-ban", "date_end"]) == (
        pd.Timestamp("2023-05-21"),
        pd.Timestamp("2023-05-27"),
    )
    assert seen.loc["ev-micron-ban", "date_precision"] == "week"
    # an undated event bounded by publication ends on Saturday 3 June, the Sunday convention's last day
    assert seen.loc["ev-trade-talks-washington", "date_end"] == pd.Timestamp("2023-06-03")
    pd.testing.assert_frame_equal(tables["events"], before)


def test_a_theme_reading_swaps_only_its_event(tables):
    seen = readings.apply(readings.Reading("t", "t", themes=("ta-micron-ban-trade",)), tables)["events"]
    changed = seen["theme"] != tables["events"]["theme"]
    assert seen.loc[changed, "event_id"].tolist() == ["ev-micron-ban"]
    assert seen.loc[changed, "theme"].tolist() == ["trade"]


def test_a_coding_reading_swaps_only_its_code(tables):
    seen = readings.apply(readings.Reading("c", "c", codings=("al-jet-intercept-threaten",)), tables)[
        "event_coding"
    ]
    changed = seen["cameo_code"] != tables["event_coding"]["cameo_code"]
    assert seen.loc[changed, ["event_id", "cameo_code"]].values.tolist() == [["ev-jet-intercept", "138"]]


def test_own_words_drops_positions_voiced_by_analysts_media_or_the_other_side(tables):
    kept = readings.own_voice(tables["positions"], tables["actors"])
    side = tables["actors"].set_index("actor_id")["side"]
    reporters = kept["reported_by_actor_id"]
    assert ((reporters == "") | (reporters.map(side) == kept["side"])).all()
    dropped = set(tables["positions"]["position_id"]) - set(kept["position_id"])
    by_id = tables["positions"].set_index("position_id")
    # every dropped position is carried by someone who does not speak for its holder's government
    assert dropped and all(
        side[by_id.loc[p, "reported_by_actor_id"]] != by_id.loc[p, "side"] for p in dropped
    )


def test_a_reading_rejects_unknown_choices():
    with pytest.raises(ValueError):
        readings.Reading(week_start="tuesday")
    with pytest.raises(ValueError):
        readings.Reading(placement="middle")


def test_a_verdict_is_a_compact_mark_that_links_the_register():
    from thawbook.render import robustness as marks

    fragile = pd.Series(
        {
            "finding_id": "x-two",
            "robust": False,
            "fails_under": "weeks from Monday only",
            "becomes": "X is 2.",
            "alternatives_tested": 13,
        }
    )
    text = register.verdict(fragile)
    assert text == "{ref}`⚠ depends on the week convention <finding-x-two>`"
    assert "X is 2." not in text  # the long form lives on the robustness page
    robust = pd.Series({"finding_id": "x-one", "robust": True, "alternatives_tested": 13, "fails_under": ""})
    assert register.verdict(robust) == "{ref}`✓ holds under all 13 readings <finding-x-one>`"
    # robust only because no reading changes it: the mark says what tests it instead
    untested = pd.Series(
        {"finding_id": "x-own", "robust": True, "alternatives_tested": 13, "reached_by": 0, "fails_under": ""}
    )
    assert (
        register.verdict(untested)
        == "{ref}`✓ no reading changes it; tested by its falsifier <finding-x-own>`"
    )
    # every kind of choice that breaks a finding is named, in a fixed order
    week, placement = readings.Reading(week_start="monday"), readings.Reading(placement="start")
    assert marks.mark_text(False, 16, [placement, week, week]) == (
        "⚠ depends on the week convention and where imprecise dates fall"
    )
    assert (
        len(marks.mark_text(False, 16, [week, placement, readings.Reading(attribution="own-words")]).split())
        <= 15
    )
