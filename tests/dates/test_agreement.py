"""Every event that a dated outside source speaks to agrees with it, or the disagreement is recorded."""

from __future__ import annotations

import csv

import pandas as pd

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
