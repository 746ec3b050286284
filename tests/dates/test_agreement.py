"""Every event that a dated outside source speaks to agrees with it, or the disagreement is recorded."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from thawbook.dates.agreement import LINKS, event_context_pairs
from thawbook.inputs.tables import load_tables
from thawbook.paths import DATA, SEED


def _rows(name):
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_event_context_pair_contains_the_date_or_has_a_recorded_correction():
    pairs = event_context_pairs(*load_tables("events", "context", "corrections").values())
    print(pairs["verdict"].value_counts().to_dict())
    assert len(pairs) > 0
    assert (pairs["verdict"] != "unrecorded").all(), pairs[pairs["verdict"] == "unrecorded"].to_string()


def test_pairs_match_an_independent_reading_of_the_csv_files():
    # A second computation: plain csv rows, str.find offsets in the seed, ISO date strings.
    seed = SEED.read_text(encoding="utf-8")
    recorded = {
        r["context_id"]
        for r in _rows("corrections")
        if r["category"] in ("inconsistent_date", "factual_slip") and r["context_id"]
    }
    expected = {}
    for cx in _rows("context"):
        if not cx["date_start"]:
            continue
        c0 = seed.find(cx["evidence"])
        for ev in _rows("events"):
            e0 = seed.find(ev["evidence"])
            linked = LINKS.get(cx["context_id"]) == ev["event_id"]
            if linked or (e0 < c0 + len(cx["evidence"]) and c0 < e0 + len(ev["evidence"])):
                inside = ev["date_start"] <= cx["date_start"] and cx["date_end"] <= ev["date_end"]
                expected[(ev["event_id"], cx["context_id"])] = (
                    "contains" if inside else "recorded" if cx["context_id"] in recorded else "unrecorded"
                )
    pairs = event_context_pairs(*load_tables("events", "context", "corrections").values())
    assert dict(zip(zip(pairs["event_id"], pairs["context_id"]), pairs["verdict"])) == expected


def test_an_event_whose_interval_misses_the_source_date_without_a_correction_is_unrecorded():
    events = pd.DataFrame(
        {
            "event_id": ["ev-a"],
            "title": ["A"],
            "date_start": [pd.Timestamp("2023-05-22")],
            "date_end": [pd.Timestamp("2023-05-28")],
            "evidence_start": [10],
            "evidence_end": [20],
        }
    )
    context = pd.DataFrame(
        {
            "context_id": ["cx-a"],
            "date_start": [pd.Timestamp("2023-05-21")],
            "date_end": [pd.Timestamp("2023-05-21")],
            "evidence_start": [15],
            "evidence_end": [30],
        }
    )
    no_corrections = pd.DataFrame({"correction_id": [], "category": [], "context_id": []})
    assert event_context_pairs(events, context, no_corrections)["verdict"].tolist() == ["unrecorded"]
    recorded = pd.DataFrame(
        {"correction_id": ["co-a"], "category": ["inconsistent_date"], "context_id": ["cx-a"]}
    )
    out = event_context_pairs(events, context, recorded)
    assert out[["verdict", "correction_id"]].values.tolist() == [["recorded", "co-a"]]


# ------------------------------------------------------------------ the record's own dates


def _frames(event_rows, context_rows):
    events = pd.DataFrame(
        event_rows, columns=["event_id", "title", "date_start", "date_end", "evidence_start", "evidence_end"]
    )
    context = pd.DataFrame(
        context_rows, columns=["context_id", "date_start", "date_end", "evidence_start", "evidence_end"]
    )
    for frame in (events, context):
        frame["date_start"] = pd.to_datetime(frame["date_start"])
        frame["date_end"] = pd.to_datetime(frame["date_end"])
    return events, context, pd.DataFrame({"correction_id": [], "category": [], "context_id": []})


def test_record_dates_take_the_days_every_outside_row_allows_and_skip_rows_that_date_something_else():
    from thawbook.dates.agreement import NOT_DATED_BY, record_dates

    skipped = next(iter(NOT_DATED_BY))
    events, context, corrections = _frames(
        [
            ("ev-a", "A", "2023-05-01", "2023-05-31", 10, 20),
            (skipped, "B", "2023-05-01", "2023-05-31", 40, 50),
        ],
        [
            ("cx-1", "2023-05-10", "2023-05-12", 12, 14),
            ("cx-2", "2023-05-11", "2023-05-20", 15, 18),
            ("cx-3", "2023-05-03", "2023-05-03", 41, 45),
        ],
    )
    found = record_dates(events, context, corrections)
    assert found[["event_id", "context_ids"]].values.tolist() == [["ev-a", "cx-1, cx-2"]]
    assert (found.at[0, "date_start"], found.at[0, "date_end"]) == (
        pd.Timestamp("2023-05-11"),
        pd.Timestamp("2023-05-12"),
    )
    disjoint = context.copy()
    disjoint.loc[1, ["date_start", "date_end"]] = [pd.Timestamp("2023-05-20"), pd.Timestamp("2023-05-21")]
    with pytest.raises(ValueError, match="ev-a: the outside rows cx-1, cx-2 allow no common day"):
        record_dates(events, disjoint, corrections)


def test_the_record_reading_moves_exactly_the_events_the_record_dates():
    from thawbook.dates.agreement import NOT_DATED_BY, record_dates
    from thawbook.findings import readings

    tables = load_tables()
    found = record_dates(tables["events"], tables["context"], tables["corrections"]).set_index("event_id")
    seen = readings.apply(readings.ON_RECORD, tables)["events"].set_index("event_id")
    read = tables["events"].set_index("event_id")
    assert len(found) >= 19
    assert not set(found.index) & set(NOT_DATED_BY)
    for event_id in read.index:
        if event_id in found.index:
            assert (seen.at[event_id, "date_start"], seen.at[event_id, "date_end"]) == (
                found.at[event_id, "date_start"],
                found.at[event_id, "date_end"],
            )
        else:
            assert (seen.at[event_id, "date_start"], seen.at[event_id, "date_end"]) == (
                read.at[event_id, "date_start"],
                read.at[event_id, "date_end"],
            )
    # by hand: the regulator's Sunday 21 May for the Micron ban, the White House's 10-11 May for Vienna
    assert (
        seen.at["ev-micron-ban", "date_start"]
        == seen.at["ev-micron-ban", "date_end"]
        == pd.Timestamp("2023-05-21")
    )
    assert seen.at["ev-micron-ban", "date_precision"] == "day"
    assert (
        seen.at["ev-sullivan-wang-vienna", "date_start"],
        seen.at["ev-sullivan-wang-vienna", "date_end"],
    ) == (
        pd.Timestamp("2023-05-10"),
        pd.Timestamp("2023-05-11"),
    )


def test_the_forum_interval_holds_the_opening_dinner_the_article_puts_inside_it():
    # "this weekend's Shangri-La Dialogue" and "the conference's opening dinner Friday": the article's
    # own words put Friday inside the forum, so its interval includes it and no correction is needed
    events = {r["event_id"]: r for r in _rows("events")}
    forum, dinner = events["ev-shangri-la-dialogue"], events["ev-li-austin-handshake"]
    assert forum["date_start"] <= dinner["date_start"] <= forum["date_end"]
    seed = SEED.read_text(encoding="utf-8")
    assert "the conference's opening dinner Friday" in seed and "this weekend's Shangri-La Dialogue" in seed
    pairs = event_context_pairs(*load_tables("events", "context", "corrections").values())
    assert pairs.set_index("event_id").at["ev-shangri-la-dialogue", "verdict"] == "contains"
