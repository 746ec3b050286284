"""The thaw chapter's findings, checked against a second, plainer computation of the weekly index.

The reference below reads the CSV files with the csv module, spreads each event's weight of 1
evenly over its days with datetime arithmetic, and sums Goldstein values per ISO week. It shares
no code with thawbook.analysis.coding.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import pytest

from tests.conftest import chapter_values, csv_rows
from thawbook.findings import register

CHAPTER = "chapters/10_thaw_index"
ECONOMIC, MILITARY = {"trade", "business", "climate_finance"}, {"military"}


_rows = csv_rows


def _weekly(themes=None, codes=None, scores=None):
    """ISO week -> [score sum, conflict weight, cooperation weight] over 2 Jan - 4 Jun 2023.

    ``codes`` overrides events' CAMEO codes; ``scores`` maps events to a score that replaces the
    Goldstein value (events missing from it are left out, as PLOVER leaves out statements).
    """
    book = {r["cameo_code"]: r for r in _rows("cameo_codebook")}
    coding = {r["event_id"]: dict(r) for r in _rows("event_coding")}
    for event_id, code in (codes or {}).items():
        coding[event_id]["cameo_code"] = code
    start, end = date(2023, 1, 2), date(2023, 6, 4)
    weeks = defaultdict(lambda: [0.0, 0.0, 0.0])
    for ev in _rows("events"):
        code = coding[ev["event_id"]]
        if code["fit"] == "placeholder" or (themes and ev["theme"] not in themes):
            continue
        if scores is not None and ev["event_id"] not in scores:
            continue
        first, last = date.fromisoformat(ev["date_start"]), date.fromisoformat(ev["date_end"])
        share = 1 / ((last - first).days + 1)
        entry = book[code["cameo_code"]]
        day = first
        while day <= last:
            if start <= day <= end:
                year, week, _ = day.isocalendar()
                cell = weeks[f"{year}-W{week:02d}"]
                value = scores[ev["event_id"]] if scores is not None else float(entry["goldstein"])
                cell[0] += share * value
                cell[1 if int(entry["quad_class"]) >= 3 else 2] += share
            day += timedelta(days=1)
    return weeks


@pytest.fixture(scope="module")
def values():
    return chapter_values(CHAPTER)


def test_every_thaw_finding_holds_as_the_book_reads_the_data():
    assert all(f.holds for f in register.evaluate(CHAPTER))


def test_the_lowest_week_and_its_sum_match_the_plain_computation(values):
    weeks = _weekly()
    low = min(weeks, key=lambda w: (weeks[w][0], w))
    # the sentence names weeks by their Monday in words, never by the ISO label
    assert low == "2023-W21" and values["thaw_low_week"] == "the week of 22 May 2023"
    assert values["thaw_low_goldstein"] == pytest.approx(weeks[low][0], abs=0.051)


def test_the_publication_week_figures_match_the_plain_computation(values):
    pub = _weekly()["2023-W22"]  # Fri 2 - Sun 4 June lie in ISO week 22
    assert values["thaw_pub_week"] == "the week of 29 May 2023"
    assert values["thaw_pub_goldstein"] == pytest.approx(pub[0], abs=0.051)
    assert values["thaw_pub_conflict"] == pytest.approx(pub[1], abs=0.051)
    assert values["thaw_pub_cooperation"] == pytest.approx(pub[2], abs=0.051)


def test_late_conflict_share_matches_the_plain_computation(values):
    weeks = _weekly()
    total = sum(c for _, c, _ in weeks.values())
    late = weeks["2023-W21"][1] + weeks["2023-W22"][1]
    assert values["thaw_late_conflict_pct"] == round(100 * late / total)


def test_domain_sums_match_the_plain_computation(values):
    economic = sum(g for g, _, _ in _weekly(ECONOMIC).values())
    military = sum(g for g, _, _ in _weekly(MILITARY).values())
    assert values["thaw_econ_goldstein"] == pytest.approx(economic, abs=0.051)
    assert values["thaw_mil_goldstein"] == pytest.approx(military, abs=0.051)
    assert economic > 0 > military


def test_three_events_are_placeholders_by_hand(values):
    # the vacancy, the uneven recovery and Li's appointment are states or appointments, not acts
    placeholders = [r["event_id"] for r in _rows("event_coding") if r["fit"] == "placeholder"]
    assert values["thaw_n_placeholders"] == len(placeholders) == 3


def test_all_three_recodings_keep_the_fortnight_and_window_signs_by_the_plain_computation(values):
    codes = {r["event_id"]: r["cameo_code"] for r in _rows("coding_alternatives")}
    weeks = _weekly(codes=codes)
    fortnight = weeks["2023-W21"][0] + weeks["2023-W22"][0]
    window = sum(g for g, _, _ in weeks.values())
    assert values["thaw_alt_recent_goldstein"] == pytest.approx(fortnight, abs=0.051)
    assert values["thaw_alt_window_goldstein"] == pytest.approx(window, abs=0.051)
    assert fortnight < 0 and window < 0  # as coded both are negative too
    assert values["thaw_recent_goldstein"] < 0 and values["thaw_window_goldstein"] < 0


def test_plover_scores_give_the_same_lowest_week_by_the_plain_computation(values):
    score = {r["event_type"]: float(r["score"]) for r in _rows("plover_codebook")}
    scores = {r["event_id"]: score[r["event_type"]] for r in _rows("event_plover") if r["event_type"]}
    weeks = _weekly(scores=scores)
    low = min(weeks, key=lambda w: (weeks[w][0], w))
    assert low == "2023-W21" and values["thaw_plover_low_week"] == "the week of 22 May 2023"
    assert values["thaw_plover_low"] == pytest.approx(weeks[low][0], abs=0.051)


def test_the_publication_week_against_a_month_earlier_by_the_plain_computation(values):
    weeks = _weekly()
    earlier = [weeks["2023-W18"], weeks["2023-W19"]]  # four and three weeks before ISO week 22
    assert values["thaw_earlier_weeks"] == "the weeks of 1 May 2023 and 8 May 2023"
    assert values["thaw_earlier_cooperation"] == pytest.approx(max(w[2] for w in earlier), abs=0.051)
    assert values["thaw_earlier_conflict"] == pytest.approx(max(w[1] for w in earlier), abs=0.051)
    assert weeks["2023-W22"][2] > max(w[2] for w in earlier) and weeks["2023-W22"][1] > max(
        w[1] for w in earlier
    )
