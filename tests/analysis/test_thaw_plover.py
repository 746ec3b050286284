"""The weekly thaw index with Goldstein and with PLOVER scores, and the weeks where they disagree."""

from __future__ import annotations

import pandas as pd
import pytest

from thawbook.analysis import plover, thaw, thaw_plover
from thawbook.charts import thaw_plover as thaw_plover_charts


@pytest.fixture(scope="module")
def tables():
    return plover.plover_tables()


def test_the_goldstein_curve_of_the_comparison_is_the_books_weekly_index(tables):
    both = thaw_plover.weekly_both(tables)
    base = thaw.weekly_index(tables)
    assert both["goldstein"].tolist() == base["goldstein"].tolist()


def test_the_plover_curve_leaves_out_the_events_plover_drops(tables):
    both = thaw_plover.weekly_both(tables)
    assert (both["events_plover"] <= both["events_goldstein"] + 1e-9).all()
    assert both["events_plover"].sum() < both["events_goldstein"].sum()


def _weeks(goldstein, plover_values):
    n = len(goldstein)
    return pd.DataFrame(
        {
            "week_start": pd.date_range("2023-01-02", periods=n, freq="W-MON"),
            "week": [f"2023-W{i + 1:02d}" for i in range(n)],
            "goldstein": goldstein,
            "plover": plover_values,
            "events": "",
            "evidence": "",
        }
    )


def test_a_week_whose_sign_flips_is_a_disagreement():
    frame = thaw_plover.disagreements(_weeks([1.0, -3.0, 0.5], [1.0, -3.0, -0.2]))
    assert frame["week"].tolist() == ["2023-W03"] and frame["disagreement"].tolist() == ["sign"]


def test_two_weeks_that_swap_rank_disagree_in_rank_only():
    frame = thaw_plover.disagreements(_weeks([2.0, 1.0, -1.0], [1.0, 2.0, -1.0]))
    assert frame["week"].tolist() == ["2023-W01", "2023-W02"]
    assert set(frame["disagreement"]) == {"rank"}


def test_identical_curves_never_disagree():
    assert thaw_plover.disagreements(_weeks([2.0, 0.0, -1.0], [2.0, 0.0, -1.0])).empty


def test_the_comparison_chart_draws_both_scores_and_rings_disagreeing_weeks():
    spec = thaw_plover_charts.comparison_chart(_weeks([1.0, -3.0, 0.5], [1.0, -3.0, -0.2])).to_dict()
    scales = {row["scale"] for name, rows in spec["datasets"].items() for row in rows if "scale" in row}
    assert scales == set(thaw_plover.SCALES)
    ringed = [rows for rows in spec["datasets"].values() if rows and "disagreement" in rows[0]]
    assert ringed and [row["week"] for row in ringed[0]] == ["2023-W03"]
