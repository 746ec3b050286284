"""The readings a referee asked for (thawbook.findings.readings.REFEREE): every finding re-tested.

"One event per incident" compares the economic and military domains by deeds only (a statement
about an incident, or a remark about a trip, no longer counts beside it); "stance by act" reads
engagement and friction from each event's CAMEO act instead of its theme. The outcomes are
pinned here, so that a change in the data that moves them is seen.
"""

from __future__ import annotations

import pytest

from thawbook.findings import readings, register


@pytest.fixture(scope="module")
def outcomes():
    found = {}
    for reading in readings.REFEREE:
        for chapter in register.CHAPTERS:
            base = {f.id: f for f in register.compute(chapter)}
            for f in register.compute(chapter, reading):
                if not f.holds or f.sentence != base[f.id].sentence:
                    found[(reading.id, f.id)] = f
    for (rid, fid), f in sorted(found.items()):
        print(f"{rid}: {fid}: {'holds' if f.holds else 'FAILS'}: {f.sentence}")
    return found


def test_counted_by_deeds_the_military_domain_is_no_longer_mostly_friction(outcomes):
    friction = outcomes[("acts-only", "trade-domains-friction")]
    assert not friction.holds
    assert (
        friction.values["trade_dom_n_military_friction"] == 2 and friction.values["trade_dom_n_military"] == 4
    )


def test_counted_by_deeds_the_domains_still_pull_apart(outcomes):
    apart = outcomes[("acts-only", "thaw-domains-pull-apart")]
    assert apart.holds and apart.values["thaw_econ_goldstein"] > 0 > apart.values["thaw_mil_goldstein"]


def test_with_stance_from_the_act_engagement_and_friction_still_share_their_weeks(outcomes):
    same = outcomes[("stance-by-act", "chron-same-weeks")]
    assert same.holds
    assert (same.values["chron_n_engagement"], same.values["chron_n_friction"]) == (10, 8)


def test_only_those_findings_fail_under_the_referees_readings(outcomes):
    failing = sorted(key for key, f in outcomes.items() if not f.holds)
    assert failing == [("acts-only", "trade-domains-friction")]


def test_a_reading_with_an_unknown_counting_or_stance_is_refused():
    with pytest.raises(ValueError):
        readings.Reading(counting="words")
    with pytest.raises(ValueError):
        readings.Reading(stance="mood")
