"""The charts of chapters 09 and 10 (thawbook.charts.voices, thawbook.charts.thaw)."""

from __future__ import annotations

import pytest

from thawbook.analysis import coding, thaw, voices
from thawbook.charts import thaw as thaw_charts
from thawbook.charts import voices as voices_charts


@pytest.fixture(scope="module")
def tables():
    return coding.coding_tables()


@pytest.fixture(scope="module")
def coded(tables):
    return coding.coded_events(tables)


def test_thaw_index_charts_carry_evidence_in_tooltips(tables, coded):
    weekly = thaw.weekly_index(tables)
    charts = [
        thaw_charts.thaw_goldstein_chart(weekly, coded, ["ev-jet-intercept"]),
        thaw_charts.thaw_intervals_chart(coded),
        thaw_charts.thaw_domains_chart(thaw.domain_weekly(coded)),
    ]
    for chart in charts:
        spec = chart.to_json()
        assert '"evidence' in spec and '"title"' in spec
    # the QuadClass chart names each week's events; their evidence is the Goldstein chart's
    quad = thaw_charts.thaw_quad_chart(thaw.weekly_long(weekly)).to_json()
    assert '"events"' in quad and '"evidence' not in quad


def test_voices_charts_carry_evidence_in_tooltips():
    tables = voices.voices_tables()
    voice = voices.voices(tables)
    charts = [
        voices_charts.voices_speaker_chart(voices.voices_by_speaker(voice)),
        voices_charts.voices_side_chart(voices.voices_by_side(voice)),
        voices_charts.positions_chart(voices.positions(tables)),
    ]
    for chart in charts:
        spec = chart.to_json()
        assert '"evidence' in spec and '"title"' in spec


def test_the_sensitivity_chart_names_each_weeks_events_and_leaves_their_evidence_to_the_weekly_chart(tables):
    weekly = thaw.weekly_index(tables)
    spec = thaw_charts.thaw_sensitivity_chart(thaw.sensitivity_weekly(weekly, weekly)).to_json()
    assert '"field": "events"' in spec and '"field": "evidence"' not in spec


def test_the_key_event_strip_orders_its_rows_so_that_no_dashed_line_crosses_a_label_below_it(tables, coded):
    keys = ["ev-balloon-downed", "ev-sullivan-wang-vienna", "ev-xie-feng-arrives", "ev-micron-ban"]
    spec = thaw_charts.thaw_goldstein_chart(thaw.weekly_index(tables), coded, keys).to_dict()
    rows = next(rows for rows in spec["datasets"].values() if rows and "line_top" in rows[0])
    rows = sorted(rows, key=lambda r: r["py"])
    sides = [r["side"] for r in rows]
    print([(r["side"], r["mid"][:10]) for r in rows])
    # the window's left half first (labels run rightwards from their lines, so every line above
    # a label lies left of it), then the right half (labels run leftwards: every line of that
    # half above a label lies right of it; the left half's lines lie a half window away)
    assert sides == sorted(sides) and "right" in sides, "the left half's labels come first"
    for i, row in enumerate(rows):
        above = [r["mid"] for r in rows[:i] if r["side"] == row["side"]]
        if row["side"] == "right":
            assert all(mid > row["mid"] for mid in above), (row["title"], above)
        else:
            assert all(mid < row["mid"] for mid in above), (row["title"], above)


def test_the_quadclass_bars_stack_from_zero_each_week():
    long = thaw.weekly_long(thaw.weekly_index(coding.coding_tables()))
    spec = thaw_charts.thaw_quad_chart(long).to_dict()
    stack = spec["transform"][0]
    assert stack["stack"] == "weight" and stack["groupby"] == ["week_start"]
    assert spec["encoding"]["y"]["field"] == "base" and spec["encoding"]["y2"]["field"] == "top"
