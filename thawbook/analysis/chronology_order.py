"""Chapter 04's order statistics: how far the order of telling departs from the order of events.

:func:`order_agreement` measures two orders against each other (inversions and Kendall's
tau-b), :func:`dated_pairs` counts the pairs the dates alone put in order, and
:func:`telling_sequence` follows the article's order of telling and marks each jump back or
forward in time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from thawbook.analysis.chronology import text_order


@dataclass(frozen=True)
class OrderAgreement:
    """How far the order of telling agrees with the order of events.

    Over all ``pairs`` of events: ``concordant`` pairs are told in time order, ``discordant``
    ones (inversions) the other way round, ``tied`` ones share the same time key and have no
    order. ``tau_b`` is Kendall's tau-b: 1 for a chronological telling, -1 for a reversed one.
    """

    n: int
    pairs: int
    concordant: int
    discordant: int
    tied: int
    tau_b: float

    @property
    def share_inverted(self) -> float:
        """Share of the pairs that have an order (not tied) which the article tells backwards."""
        ordered = self.concordant + self.discordant
        return self.discordant / ordered if ordered else 0.0


def order_agreement(text_positions: list, time_keys: list) -> OrderAgreement:
    """Compare two orders of the same items with Kendall's tau-b and a count of inversions.

    ``text_positions[i]`` is where item ``i`` is told; ``time_keys[i]`` is any comparable key
    for when it happened (e.g. ``(date_start, date_end)``). Equal keys count as ties.
    """
    if len(text_positions) != len(time_keys):
        raise ValueError("the two orders must list the same number of items")
    n = len(text_positions)
    concordant = discordant = tied_text = tied_time = 0
    for i in range(n):
        for j in range(i + 1, n):
            a = (text_positions[i] > text_positions[j]) - (text_positions[i] < text_positions[j])
            b = (time_keys[i] > time_keys[j]) - (time_keys[i] < time_keys[j])
            tied_text += a == 0
            tied_time += b == 0
            if a * b > 0:
                concordant += 1
            elif a * b < 0:
                discordant += 1
    pairs = n * (n - 1) // 2
    denominator = math.sqrt((pairs - tied_text) * (pairs - tied_time))
    tau = (concordant - discordant) / denominator if denominator else float("nan")
    return OrderAgreement(n, pairs, concordant, discordant, tied_time, tau)


def shuffle_p_value(agreement: OrderAgreement) -> float:
    """How often a random order of telling lands at least as far from 0 as ``agreement.tau_b``.

    The normal approximation to Kendall's tau under independence, variance
    ``2(2n+5) / (9n(n-1))`` (without the small correction for ties): two-sided.
    """
    n = agreement.n
    sd = math.sqrt(2 * (2 * n + 5) / (9 * n * (n - 1)))
    return math.erfc(abs(agreement.tau_b) / sd / math.sqrt(2))


@dataclass(frozen=True)
class DatedPairs:
    """Pairs of events whose intervals do not overlap, so that the dates put one before the other.

    ``in_order`` are told earlier-first, ``inverted`` later-first; ``overlapping`` pairs share
    at least one possible day and have no order.
    """

    in_order: int
    inverted: int
    overlapping: int

    @property
    def ordered(self) -> int:
        """Pairs whose dates put one before the other (not overlapping)."""
        return self.in_order + self.inverted

    @property
    def share_inverted(self) -> float:
        """Share of the ordered pairs that the article tells later-first."""
        return self.inverted / self.ordered if self.ordered else 0.0


def dated_pairs(events: pd.DataFrame) -> DatedPairs:
    """Count the pairs whose dates order them (one interval ends before the other starts)."""
    rows = list(zip(events["evidence_start"], events["date_start"], events["date_end"]))
    in_order = inverted = overlapping = 0
    for i, (told_a, start_a, end_a) in enumerate(rows):
        for told_b, start_b, end_b in rows[i + 1 :]:
            if end_a < start_b:
                earlier_told_first = told_a < told_b
            elif end_b < start_a:
                earlier_told_first = told_b < told_a
            else:
                overlapping += 1
                continue
            in_order += earlier_told_first
            inverted += not earlier_told_first
    return DatedPairs(in_order, inverted, overlapping)


def events_order_agreement(events: pd.DataFrame) -> OrderAgreement:
    """:func:`order_agreement` of the events' text positions against ``(date_start, date_end)``."""
    return order_agreement(
        list(events["evidence_start"]),
        list(zip(events["date_start"], events["date_end"])),
    )


def telling_sequence(events: pd.DataFrame) -> pd.DataFrame:
    """The events in the order the article tells them, each marked by how it moves in time.

    ``jump`` compares an event's ``date_start`` with that of the event told just before it:
    "back" (earlier), "forward" (later) or "same"; the first event told is "start".
    ``months_moved`` is the signed jump in whole months.
    """
    told = text_order(events)
    told["text_rank"] = range(1, len(told) + 1)
    previous = told["date_start"].shift(1)
    months = (told["date_start"].dt.year - previous.dt.year) * 12 + (
        told["date_start"].dt.month - previous.dt.month
    )
    told["months_moved"] = months.astype("Int64")
    told["jump"] = "same"
    told.loc[told["date_start"] < previous, "jump"] = "back"
    told.loc[told["date_start"] > previous, "jump"] = "forward"
    told.loc[0, "jump"] = "start"
    return told
