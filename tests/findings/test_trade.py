"""The trade chapter's findings, checked against counts made another way."""

from __future__ import annotations

import pytest

from tests.conftest import chapter_findings, chapter_values, csv_rows
from thawbook.findings import readings, register

CHAPTER = "chapters/06_trade_and_business"
ECONOMIC = ("trade", "business", "climate_finance")
BACKGROUND = ("ev-covid-zero", "ev-china-recovery")


_rows = csv_rows
found = pytest.fixture(scope="module")(lambda: chapter_findings(CHAPTER))
values = pytest.fixture(scope="module")(lambda: chapter_values(CHAPTER))


def _under(alternative_id):
    reading = readings.Reading(alternative_id, themes=(alternative_id,))
    return {f.id: f for f in register.compute(CHAPTER, reading)}


def _in_window(row):
    return row["date_start"] <= "2023-06-04" and row["date_end"] >= "2023-05-01"


def test_every_trade_finding_holds_as_the_book_reads_the_data(found):
    assert set(found) == {
        "trade-one-exact-day",
        "trade-americans-open",
        "trade-chinese-voices",
        "trade-domains-friction",
        "trade-military-dated-closer",
        "trade-common-ground-unmet",
        "trade-corrections",
    }
    assert all(f.holds for f in found.values())


def test_six_economic_contacts_and_only_qin_musk_is_one_day(values):
    contacts = [r for r in _rows("events") if r["theme"] in ECONOMIC and r["event_id"] not in BACKGROUND]
    # by hand: Kerry, Yellen, the trade talks, Cook, Musk and Qin-Musk ("On Tuesday")
    assert values["trade_n_contacts"] == len(contacts) == 6
    assert [r["event_id"] for r in contacts if r["date_start"] == r["date_end"]] == ["ev-qin-musk-meeting"]
    assert values["trade_n_exact"] == 1


def test_one_exact_day_still_reads_right_when_qin_musk_is_read_as_diplomacy():
    # the claim is "only one": with the meeting filed under diplomacy none is left, and the sentence says so
    under = _under("ta-qin-musk-diplomacy")["trade-one-exact-day"]
    assert under.holds and under.values["trade_n_exact"] == 0 and under.values["trade_n_contacts"] == 5
    assert "dates none of them to a single day" in under.sentence


def test_an_american_acts_in_every_economic_contact_but_the_one_china_has_with_musk(values):
    sides = {r["actor_id"]: r["side"] for r in _rows("actors")}
    contacts = [r for r in _rows("events") if r["theme"] in ECONOMIC and r["event_id"] not in BACKGROUND]
    # by hand: Cook, Musk, Yellen, Kerry and "Washington" act towards Beijing; Qin Gang meets Musk
    american = [r["event_id"] for r in contacts if sides[r["actor1_id"]] in ("us_government", "business")]
    chinese = [r for r in contacts if sides[r["actor1_id"]] == "china_government"]
    assert values["trade_n_us_opens"] == len(american) == 5
    assert [sides[r["actor2_id"]] for r in chinese] == ["business"]
    assert "with a businessman, not a US official" in values["trade_china_opens_words"]
    assert values["trade_n_business"] == 2 and values["trade_n_us_gov"] == 3


def test_the_chinese_contacts_read_right_for_none_and_for_two():
    under = _under("ta-qin-musk-diplomacy")["trade-americans-open"]
    assert under.holds and under.values["trade_china_opens_words"] == "none"
    assert "all 5 economic contacts" in under.sentence


def test_quoted_words_counted_by_splitting_the_quotes(values):
    quotes = {r["quote_id"]: r for r in _rows("quotes")}
    words = lambda ids: sum(len(quotes[i]["text"].split()) for i in ids)  # noqa: E731
    qin = [
        "qu-qin-healthy-stable-constructive",
        "qu-qin-slam-brakes",
        "qu-qin-dangerous-driving",
        "qu-qin-accelerator",
    ]
    # "healthy, stable, and constructive" 4 + "slam on the brakes" 4 + "avoid dangerous driving," 3
    # + "step on the accelerator" 4
    assert values["trade_qin_words"] == words(qin) == 15 and values["trade_n_qin_quotes"] == 4
    assert values["trade_shen_words"] == words(["qu-shen-export"]) == 29
    # "short term" 2 + "constructive" 1 + "healthy" 1
    assert (
        values["trade_us_words"]
        == words(["qu-kerry-short-term", "qu-yellen-constructive", "qu-yellen-healthy"])
        == 4
    )


def test_qin_is_the_official_and_shen_the_analyst():
    sides = {r["actor_id"]: r["side"] for r in _rows("actors")}
    assert sides["ac-qin-gang"] == "china_government" and sides["ac-shen-dingli"] == "analyst"


def test_no_economic_friction_in_the_weeks_as_themed_but_one_with_micron_as_trade(values):
    coding = {r["event_id"]: r["cameo_code"] for r in _rows("event_coding")}
    quad = {r["cameo_code"]: r["quad_class"] for r in _rows("cameo_codebook")}
    events = [r for r in _rows("events") if _in_window(r) and r["event_id"] not in BACKGROUND]
    economic = [r for r in events if r["theme"] in ECONOMIC]
    military = [r for r in events if r["theme"] == "military"]
    friction = lambda rows: sum(quad[coding[r["event_id"]]] in ("3", "4") for r in rows)  # noqa: E731
    assert values["trade_dom_n_economic"] == len(economic) == 4 and friction(economic) == 0
    assert values["trade_dom_n_military"] == len(military) == 8
    assert values["trade_dom_n_military_friction"] == friction(military) == 6
    under = _under("ta-micron-ban-trade")["trade-domains-friction"]
    # the ban (CAMEO 163, material conflict) dated "last week" lies in the window
    assert not under.holds and under.values["trade_dom_n_economic_friction"] == 1
    assert under.values["trade_micron_theme"] == "trade"


def test_military_days_outnumber_economic_days(values):
    events = [r for r in _rows("events") if _in_window(r) and r["event_id"] not in BACKGROUND]
    one_day = lambda rows: sum(r["date_start"] == r["date_end"] for r in rows)  # noqa: E731
    # by hand: intercept, Mao Ning's Tuesday, Austin's Thursday, the Friday handshake
    assert (
        values["trade_dom_n_military_exact"] == one_day([r for r in events if r["theme"] == "military"]) == 4
    )
    assert values["trade_dom_n_economic_exact"] == one_day([r for r in events if r["theme"] in ECONOMIC]) == 1


def test_climate_items_are_two_remarks_and_no_meeting(values):
    climate = [r for r in _rows("events") if r["theme"] == "climate_finance"]
    coding = {r["event_id"]: r["cameo_code"] for r in _rows("event_coding")}
    assert sorted(r["event_id"] for r in climate) == ["ev-kerry-invitation-remark", "ev-yellen-visit-remark"]
    assert {coding[r["event_id"]] for r in climate} == {"036"}
    assert values["trade_n_climate_all"] == 2 and values["trade_n_climate_meetings"] == 0
    # Kerry's remark is "last month" (May), Yellen's "in April", before the weeks
    assert values["trade_n_climate_window"] == 1


def test_no_economic_correction_inverts_meaning(values):
    rows = {r["correction_id"]: r for r in _rows("corrections")}
    ids = [
        "co-yellen-finance-minister",
        "co-kerry-short-term",
        "co-seeking-court-business",
        "co-shen-we-wanted",
    ]
    assert all(rows[i]["category"] != "inverted_meaning" for i in ids)
    assert values["trade_n_corrections"] == 4
    assert (
        values["trade_n_corrections_beyond_wording"]
        == sum(rows[i]["affects"] != "wording only" for i in ids)
        == 1  # Yellen's office; "short term" for "near term" is wording only
    )


def test_the_domain_chart_has_one_non_empty_panel_per_domain_of_the_thaw_index():
    from thawbook.analysis import thaw, trade
    from thawbook.charts import trade as trade_charts
    from thawbook.inputs.tables import load_tables

    t = load_tables("events", "actors", "event_coding", "cameo_codebook")
    frame = trade.domain_contacts(t["events"], t["actors"], t["event_coding"], t["cameo_codebook"])
    spec = trade_charts.domain_chart(frame).to_dict()
    titles = [panel["title"]["text"] for panel in spec["vconcat"]]
    assert titles == [trade.domain_labels()[d] for d in thaw.DOMAINS]
    rows = [len(spec["datasets"][panel["data"]["name"]]) for panel in spec["vconcat"]]
    # by hand: 4 economic and 8 military events overlap the weeks
    assert rows == [4, 8]


def test_military_frictions_and_climate_items_are_split_into_statements_by_one_rule(values):
    # by hand from the coding: the US military's "unnecessarily aggressive" (111), the Pentagon's
    # citing of the refusal (112), Mao Ning's Tuesday demand (10x) and Austin's "provocative" (11x)
    # are statements; the intercept and the refusal itself are deeds; both climate items are 036
    assert values["trade_dom_n_military_friction"] == 6
    assert values["trade_dom_n_military_friction_statements"] == 4
    assert values["trade_dom_friction_statement_words"] == "4 of those frictions are statements"
