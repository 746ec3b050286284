"""Chapter 06's rows (thawbook.analysis.trade): economic events, participants, quotes, and the economic
domain beside the military one.
"""

from __future__ import annotations

import pandas as pd
import pytest

from tests.analysis.contact_frames import actors as _actors
from tests.analysis.contact_frames import events as _events
from thawbook.analysis import contacts, trade
from thawbook.dates.intervals import iso
from thawbook.inputs.tables import load_tables

T = pd.Timestamp


@pytest.fixture(scope="module")
def tables():
    return load_tables("events", "actors", "quotes", "encounters", "corrections")


def test_economic_events_without_background_drop_the_covid_years_and_the_recovery(tables):
    events, actors = tables["events"], tables["actors"]
    everything = trade.economic_events(events, actors)
    kept = trade.economic_events(events, actors, contacts_only=True)
    print(f"economic events: {len(everything)}, contacts among them: {len(kept)}")
    assert set(trade.BACKGROUND_EVENTS) <= set(everything["event_id"])
    assert not set(trade.BACKGROUND_EVENTS) & set(kept["event_id"])
    assert set(kept["theme"]) <= set(trade.ECONOMIC_THEMES)
    assert {"ev-qin-musk-meeting", "ev-cook-visit", "ev-musk-visit", "ev-trade-talks-washington"} <= set(
        kept["event_id"]
    )


def test_participants_give_one_row_per_actor_role_and_skip_a_missing_counterpart():
    people = trade.participants(contacts.with_actors(_events(), _actors()))
    assert len(people) == 5  # two events with a counterpart, one without
    late = people[people["event_id"] == "ev-late"].set_index("role")
    assert late.at["acts", "name"] == "Beta" and late.at["is met / addressed", "name"] == "Gamma"
    assert trade.side_counts(people) == {
        "us_government": 1,
        "china_government": 1,
        "analyst": 0,
        "business": 1,
        "media": 0,
        "third_party": 0,
    }


def test_quotes_of_keeps_event_quotes_and_named_extras_in_article_order_with_word_counts(tables):
    quoted = trade.quotes_of(
        tables["quotes"],
        tables["actors"],
        tables["events"],
        event_ids=["ev-qin-musk-meeting"],
        extra_ids=["qu-shen-export"],
    )
    assert list(quoted["evidence_start"]) == sorted(quoted["evidence_start"])
    assert set(quoted["quote_id"]) == {
        "qu-qin-healthy-stable-constructive",
        "qu-qin-slam-brakes",
        "qu-qin-dangerous-driving",
        "qu-qin-accelerator",
        "qu-shen-export",
    }
    brakes = quoted.set_index("quote_id").loc["qu-qin-slam-brakes"]
    assert (brakes["words"], brakes["quoted"], brakes["speaker"]) == (4, "“slam on the brakes”", "Qin Gang")
    assert iso(brakes["date_start"]) == "2023-05-30"
    assert quoted.set_index("quote_id").at["qu-shen-export", "dating"] == "undated"


# ------------------------------------------------------------------------ economic vs military
@pytest.fixture(scope="module")
def coded():
    return load_tables("events", "actors", "event_coding", "cameo_codebook")


def _domain_frame(coded, window=trade.CONTRAST_WINDOW):
    return trade.domain_contacts(
        coded["events"], coded["actors"], coded["event_coding"], coded["cameo_codebook"], window=window
    )


def test_act_kind_reads_intent_meetings_and_conflict_from_the_cameo_code():
    assert trade.act_kind("036", 1) == "intent to meet"
    assert trade.act_kind("042", 1) == "meeting"
    assert trade.act_kind("044", 1) == "meeting"
    assert trade.act_kind("111", 3) == "friction"
    assert trade.act_kind("150", 4) == "friction"
    assert trade.act_kind("013", 1) == "statement"


def test_overlap_counts_an_interval_touching_the_window_edge_and_excludes_one_before_it():
    window = ("2023-05-01", "2023-06-04")
    assert trade.overlaps(T("2023-03-01"), T("2023-05-01"), window)
    assert trade.overlaps(T("2023-06-04"), T("2023-06-04"), window)
    assert not trade.overlaps(T("2023-04-01"), T("2023-04-30"), window)
    assert not trade.overlaps(T("2023-06-05"), T("2023-06-05"), window)


def test_domain_contacts_in_the_window_leave_out_april_and_march_contacts_and_the_background(coded):
    frame = _domain_frame(coded)
    ids = set(frame["event_id"])
    assert "ev-kerry-invitation-remark" in ids and "ev-jet-intercept" in ids
    assert "ev-yellen-visit-remark" not in ids  # said in April, before the window
    assert "ev-cook-visit" not in ids and "ev-li-appointed" not in ids
    assert not ids & set(trade.BACKGROUND_EVENTS)
    assert "ev-sullivan-wang-vienna" not in ids  # diplomacy belongs to no domain
    assert set(frame["domain"]) == {"economic", "military"}
