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
