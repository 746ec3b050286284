"""Behaviour of thawbook.analysis.chronology: imprecision, time order, the stance rule, the outside-date check.

Hand checks use small made-up frames; the rest run on the real data and print their figures.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from thawbook.analysis import chronology as tl
from thawbook.dates.intervals import Interval
from thawbook.inputs.tables import load_tables

T = pd.Timestamp


@pytest.fixture(scope="module")
def tables():
    return load_tables("events", "context")


@pytest.fixture(scope="module")
def events(tables):
    return tables["events"]


def frame(*rows):
    """Minimal events: (event_id, theme, start, end, precision, evidence_start)."""
    return pd.DataFrame(
        [
            {
                "event_id": e,
                "title": e.upper(),
                "theme": th,
                "date_start": T(s),
                "date_end": T(n),
                "date_precision": p,
                "date_expression": "",
                "date_basis": "relative",
                "status": "occurred",
                "evidence": f"span {e}",
                "evidence_start": pos,
                "paragraph": 1,
            }
            for e, th, s, n, p, pos in rows
        ]
    )


# ------------------------------------------------------------------ imprecision and tidying


def test_only_a_single_day_at_day_precision_counts_as_exact():
    f = frame(
        ("ev-a", "trade", "2023-05-23", "2023-05-23", "day", 0),
        ("ev-b", "trade", "2023-05-01", "2023-05-31", "month", 1),
        ("ev-c", "trade", "2023-05-26", "2023-06-04", "day", 2),
        ("ev-d", "trade", "2023-05-22", "2023-05-28", "week", 3),
    )
    assert list(tl.is_imprecise(f)) == [False, True, True, True]


def test_real_data_has_both_exact_days_and_intervals(events):
    imprecise = tl.is_imprecise(events)
    print(f"{int(imprecise.sum())} imprecise, {int((~imprecise).sum())} exact of {len(events)} events")
    assert 0 < imprecise.sum() < len(events)
    assert not imprecise[events["event_id"] == "ev-xie-feng-arrives"].iloc[0]
    assert imprecise[events["event_id"] == "ev-sullivan-wang-vienna"].iloc[0]


def test_interval_text_shows_one_day_once_and_a_range_with_both_ends():
    assert tl.interval_text(T("2023-05-23"), T("2023-05-23")) == "2023-05-23"
    assert tl.interval_text(T("2023-05-01"), T("2023-05-31")) == "2023-05-01 to 2023-05-31"


def test_time_order_breaks_ties_by_end_then_by_order_of_telling():
    f = frame(
        ("ev-late-end", "trade", "2023-05-01", "2023-05-31", "month", 0),
        ("ev-told-second", "trade", "2023-05-01", "2023-05-10", "day", 9),
        ("ev-told-first", "trade", "2023-05-01", "2023-05-10", "day", 5),
        ("ev-earliest", "trade", "2023-04-01", "2023-04-30", "month", 7),
    )
    assert list(tl.time_order(f)["event_id"]) == [
        "ev-earliest",
        "ev-told-first",
        "ev-told-second",
        "ev-late-end",
    ]
    assert list(tl.text_order(f)["event_id"]) == [
        "ev-late-end",
        "ev-told-first",
        "ev-earliest",
        "ev-told-second",
    ]


def test_timeline_rows_bar_covers_the_last_day_and_names_missing_dating_words():
    rows = tl.timeline_rows(frame(("ev-a", "export_controls", "2023-05-22", "2023-05-28", "week", 0)))
    row = rows.iloc[0]
    assert row["bar_end"] == T("2023-05-29")
    assert row["said"] == "(no dating words)"
    assert row["theme_label"] == "export controls"
    assert row["shape"] == tl.SHAPE_INTERVAL
    assert (row["text_rank"], row["time_rank"]) == (1, 1)


def test_event_table_lists_every_title_with_iso_dates_in_time_order(events):
    table = tl.event_table(events)
    assert sorted(table["event"]) == sorted(events["title"])
    assert "Ambassador Xie Feng arrives in Washington" in set(table["event"])
    assert table["date_start"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert list(table["date_start"]) == sorted(table["date_start"])
    titles = dict(zip(events["event_id"], events["title"]))
    assert [titles[e] for e in table["event_id"]] == table["event"].tolist()
    assert {
        "event_id",
        "article's dating words",
        "date_end",
        "precision",
        "basis",
        "theme",
        "status",
        "evidence",
    } <= set(table)


def test_within_keeps_only_events_wholly_inside_the_window():
    f = frame(
        ("ev-in", "trade", "2023-05-02", "2023-05-03", "day", 0),
        ("ev-straddles", "trade", "2023-04-30", "2023-05-02", "day", 1),
    )
    assert list(tl.within(f, Interval(date(2023, 5, 1), date(2023, 5, 31)))) == [True, False]


# ------------------------------------------------------------------ stance rule


def test_stance_follows_theme_unless_overridden():
    f = frame(
        ("ev-talks", "diplomacy", "2023-05-01", "2023-05-01", "day", 0),
        ("ev-visit", "business", "2023-05-01", "2023-05-01", "day", 1),
        ("ev-ban", "export_controls", "2023-05-01", "2023-05-01", "day", 2),
        ("ev-li-austin-handshake", "military", "2023-06-02", "2023-06-02", "day", 3),
        ("ev-shangri-la-dialogue", "military", "2023-06-03", "2023-06-04", "day", 4),
        ("ev-intercept", "military", "2023-05-26", "2023-05-26", "day", 5),
    )
    assert list(tl.classify_stance(f)) == [
        "engagement",
        "engagement",
        "friction",
        "engagement",
        "setting",
        "friction",
    ]


def test_a_theme_without_a_stance_rule_is_an_error_naming_the_event():
    with pytest.raises(ValueError, match="ev-odd"):
        tl.classify_stance(frame(("ev-odd", "weather", "2023-05-01", "2023-05-01", "day", 0)))


def test_every_theme_in_the_schema_has_exactly_one_stance():
    from thawbook.inputs.tables import resource

    field = next(f for f in resource("events")["schema"]["fields"] if f["name"] == "theme")
    themes = set(field["constraints"]["enum"])
    assert themes == set(tl.ENGAGEMENT_THEMES) | set(tl.FRICTION_THEMES)
    assert not set(tl.ENGAGEMENT_THEMES) & set(tl.FRICTION_THEMES)


def test_run_up_keeps_events_ending_in_the_window_and_drops_those_outside(events):
    run = tl.run_up(events)
    ids = set(run["event_id"])
    assert {
        "ev-micron-ban",
        "ev-jet-intercept",
        "ev-xie-feng-arrives",
        "ev-qin-musk-meeting",
        "ev-china-declines-li-austin-meeting",
    } <= ids
    assert not ids & {"ev-china-recovery", "ev-li-appointed", "ev-apec-san-francisco", "ev-us-sanctions-li"}
    stance = dict(zip(run["event_id"], run["stance"]))
    assert stance["ev-micron-ban"] == stance["ev-jet-intercept"] == "friction"
    assert stance["ev-sullivan-wang-vienna"] == stance["ev-qin-musk-meeting"] == "engagement"
    assert stance["ev-shangri-la-dialogue"] == "setting"
    print(run["stance"].value_counts().to_dict())


def test_weekly_stance_counts_only_events_placed_in_one_week(events):
    weeks = tl.weekly_stance(tl.run_up(events)).set_index("week")
    assert list(weeks.index) == ["week of 2023-05-22", "week of 2023-05-29"]
    # "last week" now spans 21-28 May (both week conventions), so the People's Daily commentary
    # and the Micron ban straddle two Monday weeks and are not placed in one
    assert weeks.loc["week of 2023-05-22", ["engagement", "friction"]].tolist() == [1, 1]
    assert "US military calls the intercept" not in " ".join(weeks["events"])  # spans two weeks


# ------------------------------------------------------------------ outside dates


def test_date_check_finds_inside_overlapping_and_outside_dates(tables):
    check = tl.date_check(tables["events"], tables["context"]).set_index("event_id")
    assert check.loc["ev-jet-intercept", "verdict"] == "inside"
    assert check.loc["ev-sullivan-wang-vienna", "verdict"] == "inside"
    assert check.loc["ev-micron-ban", "verdict"] == "inside"  # 21 May opens "last week" counted from Sunday
    # the forum is dated from all the article says of it, Friday (its opening dinner) to Sunday
    assert check.loc["ev-shangri-la-dialogue", "verdict"] == "inside"
    assert check.loc["ev-sullivan-wang-vienna", ["days_resolved", "days_outside"]].tolist() == [31, 2]
    # read from "this weekend's" alone, Saturday and Sunday, it would only overlap the outside 2-4 June
    weekend = tables["events"].copy()
    forum = weekend["event_id"] == "ev-shangri-la-dialogue"
    weekend.loc[forum, "date_start"] = pd.Timestamp("2023-06-03")
    narrow = tl.date_check(weekend, tables["context"]).set_index("event_id")
    assert narrow.loc["ev-shangri-la-dialogue", "verdict"] == "overlaps"
    late = tables["events"].copy()
    late.loc[forum, ["date_start", "date_end"]] += pd.Timedelta(days=14)
    missed = tl.date_check(late, tables["context"]).set_index("event_id")
    assert missed.loc["ev-shangri-la-dialogue", "verdict"] == "outside"


def test_date_check_rejects_undated_context_and_unknown_events(tables):
    with pytest.raises(ValueError, match="cx-sanctions-no-bar"):
        tl.date_check(tables["events"], tables["context"], {"cx-sanctions-no-bar": "ev-jet-intercept"})
    with pytest.raises(KeyError, match="ev-nothing"):
        tl.date_check(tables["events"], tables["context"], {"cx-micron-cac": "ev-nothing"})


def test_an_outside_fact_that_speaks_to_two_events_is_counted_once_with_the_event_it_dates(tables):
    from thawbook.dates.agreement import event_context_pairs

    none = pd.DataFrame({"correction_id": [], "category": [], "context_id": []})
    pairs = event_context_pairs(tables["events"], tables["context"], none)
    # the intercept's outside day speaks both to the intercept and to the US statement on it
    assert (pairs["context_id"] == "cx-j16-rc135-intercept").sum() == 2
    once = tl.one_per_fact(pairs)
    assert once["context_id"].is_unique and len(once) == pairs["context_id"].nunique()
    assert once.set_index("context_id").at["cx-j16-rc135-intercept", "event_id"] == "ev-jet-intercept"
    check = tl.date_check(tables["events"], tables["context"])
    assert check["context_id"].is_unique and "ev-us-military-condemns-intercept" not in set(check["event_id"])


def test_agreement_is_counted_by_the_width_of_the_articles_interval(tables):
    events = tables["events"]
    pairs = pd.DataFrame(
        {
            "event_id": ["ev-jet-intercept", "ev-micron-ban", "ev-sullivan-wang-vienna", "ev-li-appointed"],
            "verdict": ["contains", "contains", "contains", "recorded"],
        }
    )
    # by hand: "Last Friday" is one day, "last week" 21-28 May (8 days), "in May" a month; a
    # date outside its interval is not agreement of any width
    assert tl.agreement_by_width(pairs, events) == {
        "to the day": 1,
        "within a fortnight": 1,
        "within a month": 1,
        "only within a wider span": 0,
    }
