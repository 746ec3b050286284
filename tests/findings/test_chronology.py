"""The chronology chapter's findings, checked against counts made another way."""

from __future__ import annotations

import random
from datetime import date

import pytest

from tests.conftest import chapter_findings, chapter_values, csv_rows
from thawbook.findings import readings, register
from thawbook.inputs.seed import read_seed

CHAPTER = "chapters/04_chronology"


_rows = csv_rows
found = pytest.fixture(scope="module")(lambda: chapter_findings(CHAPTER))
values = pytest.fixture(scope="module")(lambda: chapter_values(CHAPTER))


def _day(text):
    return date.fromisoformat(text)


def _width(row):
    return (_day(row["date_end"]) - _day(row["date_start"])).days + 1


def test_every_chronology_finding_holds_as_the_book_reads_the_data(found):
    assert set(found) == {
        "chron-span",
        "chron-few-exact-days",
        "chron-told-out-of-order",
        "chron-same-weeks",
        "chron-outside-dates-agree",
    }
    assert all(f.holds for f in found.values())


def test_half_the_events_lie_wholly_in_may_and_june_counted_from_the_csv(values):
    events = _rows("events")
    inside = [r for r in events if r["date_start"] >= "2023-05-01" and r["date_end"] <= "2023-06-30"]
    # by hand: the 15 events from the Vienna meeting ("in May") to the Shangri-La forum
    # (29 events: "Pentagon officials say" is a standing position, not an event, by the inclusion rule)
    assert values["chron_n_events"] == len(events) == 29
    assert values["chron_n_may_june"] == len(inside) == 15
    assert values["chron_pct_may_june"] == 52
    assert values["chron_earliest_year"] == min(int(r["date_start"][:4]) for r in events) == 2018
    assert "APEC forum in San Francisco" in values["chron_latest_event"]


def test_six_events_are_one_day_wide_and_none_of_the_rest_is_labelled_a_day(values):
    events = _rows("events")
    one_day = sorted(r["event_id"] for r in events if r["date_start"] == r["date_end"])
    # by hand from the seed: "on May 23", "Last Friday", "On Tuesday" (twice), "On Thursday"
    # and the dinner "Friday" are the only words that name a single day
    assert one_day == [
        "ev-austin-provocative",
        "ev-jet-intercept",
        "ev-li-austin-handshake",
        "ev-mao-ning-reiterates",
        "ev-qin-musk-meeting",
        "ev-xie-feng-arrives",
    ]
    assert values["chron_n_exact"] == 6 and values["chron_n_imprecise"] == 23
    assert values["chron_n_inferred"] == sum(r["date_basis"] == "inferred" for r in events) == 7


def test_imprecise_events_are_described_by_widths_counted_from_the_csv(values):
    widths = [_width(r) for r in _rows("events") if r["date_start"] != r["date_end"]]
    # the ten-day US condemnation and the eight-day "last week"/"this week" events are a
    # fortnight, the two-day forum a week: no interval wider than one day is called a day
    assert sum(w <= 7 for w in widths) == 1
    assert sum(7 < w <= 14 for w in widths) == 4
    assert sum(14 < w <= 31 for w in widths) == 11
    assert "a week (1), a fortnight (4), a month (11)" in values["chron_imprecise_words"]
    assert "day" not in values["chron_imprecise_words"]


def test_inverted_pairs_match_a_plain_count_over_non_overlapping_intervals(values):
    seed = read_seed()
    events = [
        (seed.index(r["evidence"]), _day(r["date_start"]), _day(r["date_end"])) for r in _rows("events")
    ]
    inverted = ordered = 0
    for a in events:
        for b in events:
            if a[2] < b[1]:  # a ends before b starts: a came first
                ordered += 1
                inverted += a[0] > b[0]
    # the forum now opens on Friday 2 June, the day of the handshake: that pair overlaps, so 257
    assert values["chron_n_dated_pairs"] == ordered == 257
    assert values["chron_n_dated_inverted"] == inverted == 144


def test_tau_is_as_close_to_zero_as_most_random_shuffles(values):
    # a simulation in place of the normal approximation: shuffle the order of telling
    seed = read_seed()
    rows = _rows("events")
    told = [seed.index(r["evidence"]) for r in rows]
    keys = [(r["date_start"], r["date_end"]) for r in rows]

    def tau(order):
        n = len(order)
        c = d = tx = ty = 0
        for i in range(n):
            for j in range(i + 1, n):
                a = (order[i] > order[j]) - (order[i] < order[j])
                b = (keys[i] > keys[j]) - (keys[i] < keys[j])
                tx += a == 0
                ty += b == 0
                c += a * b > 0
                d += a * b < 0
        pairs = n * (n - 1) // 2
        return (c - d) / ((pairs - tx) * (pairs - ty)) ** 0.5

    observed = tau(told)
    assert abs(observed - values["_tau"]) < 1e-12
    rng = random.Random(0)
    farther = sum(abs(tau(rng.sample(told, len(told)))) >= abs(observed) for _ in range(300)) / 300
    assert farther > 0.8 and abs(farther - values["_p"]) < 0.1


def test_engagement_and_friction_share_both_monday_weeks_placed_by_hand(values):
    # by hand: single-day run-up events in Monday weeks (the forum itself is the setting);
    # week of 22 May: Xie Feng arrives (engagement), jet intercept (friction);
    # week of 29 May: Qin-Musk, handshake (engagement), Mao Ning, Austin (friction)
    weeks = {
        "22 May": ("Ambassador Xie Feng arrives", "Chinese jet intercepts"),
        "29 May": ("Qin Gang meets Elon Musk", "Austin calls some of China's activities provocative"),
    }
    assert values["chron_n_weeks"] == len(weeks) == 2
    assert values["chron_n_weeks_both"] == 2
    text = values["chron_weeks_md"]
    for week, (engagement, friction) in weeks.items():
        start = text.index(f"week of {week}")
        following = text.find("week of", start + 1)
        part = text[start : following if following > 0 else None]
        assert engagement in part and friction in part
    assert values["chron_n_engagement"] == 9 and values["chron_n_friction"] == 8


def test_same_weeks_holds_with_weeks_from_sunday_and_with_events_at_either_end():
    for reading in (
        readings.Reading("s", week_start="sunday"),
        readings.Reading("p", placement="start"),
        readings.Reading("e", placement="end"),
    ):
        same = {f.id: f for f in register.compute(CHAPTER, reading)}["chron-same-weeks"]
        assert same.holds, (reading, same.sentence)
        assert same.values["chron_n_weeks_both"] >= 2


def test_outside_dates_all_agree_as_read_and_micron_misses_with_monday_weeks(found):
    context = {r["context_id"]: r for r in _rows("context")}
    events = {r["event_id"]: r for r in _rows("events")}
    micron = events["ev-micron-ban"]
    # the outside day (Sunday 21 May) is the first day of the hull "last week" = 21-28 May
    assert micron["date_start"] == context["cx-micron-cac"]["date_start"] == "2023-05-21"
    # by hand: the forum's interval comes from all the article says of it, "this weekend's" and its
    # opening dinner "Friday", so it opens on Friday 2 June, the outside source's first day
    forum = events["ev-shangri-la-dialogue"]
    assert (forum["date_start"], forum["date_end"]) == ("2023-06-02", "2023-06-04")
    assert forum["date_start"] == events["ev-li-austin-handshake"]["date_start"]
    values = found["chron-outside-dates-agree"].values
    assert (values["chron_n_check_recorded"], values["chron_n_check_unrecorded"]) == (0, 0)
    assert values["chron_n_check_inside"] == values["chron_n_checked"]
    assert values["chron_check_misses_words"] == ""
    # each outside fact once: the intercept's day is not counted again for the statement on it
    # (23 pairs of an event and an outside row, 22 outside rows)
    assert values["chron_n_checked"] == 22
    # by hand, the one-day intervals that contain their outside day: the intercept, Xie Feng's
    # arrival, Mao Ning's Tuesday, Qin and Musk, Austin's Thursday and the handshake
    assert values["chron_check_day"] == 6
    widths = ("chron_check_day", "chron_check_fortnight", "chron_check_month", "chron_check_wide")
    assert sum(values[w] for w in widths) == values["chron_n_check_inside"]
    monday = {f.id: f for f in register.compute(CHAPTER, readings.Reading("m", week_start="monday"))}
    # with Monday weeks "last week" is 22-28 May and the Micron day (21 May) falls outside, unrecorded
    assert monday["chron-outside-dates-agree"].values["chron_n_check_unrecorded"] == 1
    assert not monday["chron-outside-dates-agree"].holds


def test_the_micron_ban_stays_friction_when_a_reader_files_it_under_trade():
    reading = readings.Reading("ta-micron-ban-trade", themes=("ta-micron-ban-trade",))
    same = {f.id: f for f in register.compute(CHAPTER, reading)}["chron-same-weeks"]
    # by hand: the run-up holds the same 9 engagement and 8 friction events whatever the ban's theme
    assert (same.values["chron_n_engagement"], same.values["chron_n_friction"]) == (9, 8)
