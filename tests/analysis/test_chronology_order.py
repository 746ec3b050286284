"""Behaviour of thawbook.analysis.chronology_order: the order of telling against the order of events."""

from __future__ import annotations

import pandas as pd
import pytest

from thawbook.analysis import chronology_order
from thawbook.inputs.tables import load_tables

T = pd.Timestamp


@pytest.fixture(scope="module")
def tables():
    return load_tables("events", "context")


@pytest.fixture(scope="module")
def events(tables):
    return tables["events"]


# ------------------------------------------------------------------ two orders


def test_a_chronological_telling_scores_tau_one_and_no_inversions():
    result = chronology_order.order_agreement([1, 2, 3, 4], [10, 20, 30, 40])
    assert (result.concordant, result.discordant, result.tau_b) == (6, 0, 1.0)


def test_a_reversed_telling_scores_tau_minus_one_and_all_pairs_inverted():
    result = chronology_order.order_agreement([1, 2, 3, 4], [40, 30, 20, 10])
    assert (result.discordant, result.tau_b, result.share_inverted) == (6, -1.0, 1.0)


def test_one_swapped_pair_of_three_is_one_inversion_and_tau_one_third():
    result = chronology_order.order_agreement([1, 2, 3], [10, 30, 20])
    assert (result.concordant, result.discordant) == (2, 1)
    assert result.tau_b == pytest.approx(1 / 3)


def test_events_with_the_same_time_key_are_ties_not_inversions_and_tau_b_corrects_for_them():
    result = chronology_order.order_agreement([1, 2, 3], [(1, 2), (1, 2), (3, 3)])
    assert (result.concordant, result.discordant, result.tied) == (2, 0, 1)
    assert result.tau_b == pytest.approx(2 / (3 * 2) ** 0.5)


def test_orders_of_different_lengths_are_rejected():
    with pytest.raises(ValueError):
        chronology_order.order_agreement([1, 2], [1])


def test_real_article_order_is_far_from_chronological(events):
    result = chronology_order.events_order_agreement(events)
    print(
        f"pairs {result.pairs}: concordant {result.concordant}, inversions {result.discordant}, "
        f"tied {result.tied}, tau-b {result.tau_b:.3f}"
    )
    assert (
        result.concordant + result.discordant + result.tied
        == result.pairs
        == len(events) * (len(events) - 1) // 2
    )
    assert -1 <= result.tau_b < 0.5


def test_telling_sequence_marks_jumps_back_and_forward_in_time(events):
    told = chronology_order.telling_sequence(events)
    assert told.iloc[0]["jump"] == "start"
    assert list(told["text_rank"]) == list(range(1, len(events) + 1))
    sanctions = told[told["event_id"] == "ev-us-sanctions-li"].iloc[0]
    assert sanctions["jump"] == "back" and sanctions["months_moved"] < -12
    assert told[told["event_id"] == "ev-apec-san-francisco"].iloc[0]["jump"] == "forward"
    print(told["jump"].value_counts().to_dict())
