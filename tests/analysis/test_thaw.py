"""The weekly thaw index, its domains and its sensitivity to alternative codings (thawbook.analysis.thaw).

Data tests print their figures so the CI log shows the state of the index.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from thawbook.analysis import coding, thaw


@pytest.fixture(scope="module")
def tables():
    return coding.coding_tables()


@pytest.fixture(scope="module")
def coded(tables):
    return coding.coded_events(tables)


@pytest.fixture(scope="module")
def alternatives():
    return thaw.load_alternatives()


# ------------------------------------------------------------------ spreading weights
def test_a_month_dated_event_spreads_weight_one_over_its_days():
    frame = pd.DataFrame(
        {
            "event_id": ["ev-a"],
            "date_start": [pd.Timestamp("2023-05-01")],
            "date_end": [pd.Timestamp("2023-05-31")],
        }
    )
    weights = thaw.spread_weights(frame, date(2023, 1, 2), date(2023, 6, 4))
    assert len(weights) == 31
    assert weights["weight"].sum() == pytest.approx(1.0)
    assert weights["weight"].nunique() == 1


def test_an_event_straddling_the_window_keeps_only_its_share_inside():
    frame = pd.DataFrame(
        {
            "event_id": ["ev-a"],
            "date_start": [pd.Timestamp("2023-06-01")],
            "date_end": [pd.Timestamp("2023-06-10")],
        }
    )
    weights = thaw.spread_weights(frame, date(2023, 1, 2), date(2023, 6, 4))
    assert weights["weight"].sum() == pytest.approx(0.4)


def test_weights_in_a_window_covering_every_event_sum_to_the_number_of_events(coded):
    weights = thaw.spread_weights(coded, date(2018, 1, 1), date(2023, 12, 31))
    assert weights["weight"].sum() == pytest.approx(len(coded))
    assert weights.groupby("event_id")["weight"].sum().round(9).eq(1).all()


def test_weekly_index_conserves_the_weight_of_the_events_in_the_window(tables, coded):
    summary = thaw.window_summary(coded)
    weekly = thaw.weekly_index(tables)
    print(summary)
    assert summary["inside"] + summary["straddling"] + summary["outside"] == summary["scored"]
    assert summary["scored"] + summary["placeholders"] == summary["events"]
    assert weekly["all events"].sum() == pytest.approx(summary["weight_in_window"])
    if summary["straddling"] == 0:
        assert weekly["all events"].sum() == pytest.approx(summary["inside"])


def test_weekly_index_has_every_week_of_the_window_and_goldstein_is_weighted(tables, coded):
    weekly = thaw.weekly_index(tables)
    assert (
        len(weekly) == 22 and weekly["week"].iloc[0] == "2023-W01" and weekly["week"].iloc[-1] == "2023-W22"
    )
    scored = coded[coded["fit"] != "placeholder"]
    inside = scored[
        (scored["date_start"] >= pd.Timestamp(thaw.WINDOW_START))
        & (scored["date_end"] <= pd.Timestamp(thaw.WINDOW_END))
    ]
    assert weekly["goldstein"].sum() == pytest.approx(inside["goldstein"].sum())


def test_weekly_index_leaves_placeholders_out(tables):
    weekly = thaw.weekly_index(tables)
    assert not weekly["events"].str.contains("ambassadorship in Washington falls vacant").any()


# ------------------------------------------------------------------ domains
@pytest.mark.parametrize(
    "theme, domain",
    [
        ("trade", "economic"),
        ("business", "economic"),
        ("climate_finance", "economic"),
        ("military", "military"),
        ("diplomacy", "other"),
        ("sanctions", "other"),
        ("export_controls", "other"),
    ],
)
def test_theme_maps_to_its_domain(theme, domain):
    assert thaw.domain_of(theme) == domain


def test_domain_curves_each_carry_only_their_own_events(coded):
    by_domain = thaw.domain_weekly(coded)
    assert list(dict.fromkeys(by_domain["domain"])) == list(thaw.DOMAINS)
    for domain, themes in thaw.DOMAINS.items():
        part = by_domain[by_domain["domain"] == domain]
        assert len(part) == 22
        expected = thaw.weekly_curve(coded[coded["theme"].isin(themes)])
        assert part["goldstein"].tolist() == pytest.approx(expected["goldstein"].tolist())
    assert not by_domain[by_domain["domain"] == "economic"]["events"].str.contains("jet").any()
    assert by_domain[by_domain["domain"] == "military"]["events"].str.contains("jet").any()


def test_domain_totals_add_up_and_sum_of_domains_is_at_most_the_whole(tables, coded):
    by_domain = thaw.domain_weekly(coded)
    totals = thaw.domain_totals(by_domain, date(2023, 6, 2)).set_index("domain")
    print(totals)
    for domain in thaw.DOMAINS:
        part = by_domain[by_domain["domain"] == domain]
        assert totals.loc[domain, "goldstein"] == pytest.approx(part["goldstein"].sum())
        assert totals.loc[domain, "week"] == "2023-W22"
    whole = thaw.weekly_index(tables)
    assert totals["events"].sum() <= whole["all events"].sum() + 1e-9


def test_weekly_curve_of_all_coded_events_is_the_weekly_index(tables, coded):
    pd.testing.assert_frame_equal(thaw.weekly_curve(coded), thaw.weekly_index(tables))


# ------------------------------------------------------------------ alternative codings
def test_every_alternative_code_is_in_the_codebook_and_differs_from_the_main_code(tables, alternatives):
    book = set(tables["cameo_codebook"]["cameo_code"])
    main = tables["event_coding"].set_index("event_id")["cameo_code"]
    print(alternatives[["alternative_id", "event_id", "cameo_code"]].to_string())
    assert set(alternatives["cameo_code"]) <= book
    assert (alternatives["cameo_code"] != alternatives["event_id"].map(main)).all()
    assert alternatives["event_id"].is_unique


def test_alternative_evidence_is_the_events_evidence(tables, alternatives):
    evidence = tables["events"].set_index("event_id")["evidence"]
    assert (alternatives["evidence"] == alternatives["event_id"].map(evidence)).all()


def test_applying_alternatives_changes_only_the_swapped_events(tables, coded, alternatives):
    book = tables["cameo_codebook"].set_index("cameo_code")
    swapped = thaw.apply_alternatives(coded, alternatives, tables["cameo_codebook"])
    assert swapped["event_id"].tolist() == coded["event_id"].tolist()
    changed = swapped["event_id"].isin(alternatives["event_id"])
    untouched = swapped.loc[~changed].drop(columns="alternative_id")
    pd.testing.assert_frame_equal(untouched, coded.loc[~changed])
    chosen = alternatives.set_index("event_id")
    rows = swapped[changed].set_index("event_id")
    assert (rows["cameo_code"] == chosen["cameo_code"].reindex(rows.index)).all()
    assert (rows["goldstein"] == rows["cameo_code"].map(book["goldstein"])).all()
    assert (rows["quad_class"] == rows["cameo_code"].map(book["quad_class"])).all()
    assert (rows["alternative_id"] == chosen["alternative_id"].reindex(rows.index)).all()
    assert (swapped.loc[~changed, "alternative_id"] == "").all()


def test_applying_no_alternative_leaves_the_coding_as_it_is(tables, coded, alternatives):
    same = thaw.apply_alternatives(coded, alternatives.iloc[0:0], tables["cameo_codebook"])
    pd.testing.assert_frame_equal(same.drop(columns="alternative_id"), coded)


def test_an_alternative_with_a_code_missing_from_the_codebook_is_refused(tables, coded, alternatives):
    bad = alternatives.head(1).assign(cameo_code="0874")
    with pytest.raises(ValueError, match="not in the codebook"):
        thaw.apply_alternatives(coded, bad, tables["cameo_codebook"])


def test_two_alternatives_for_one_event_are_refused(tables, coded, alternatives):
    twice = pd.concat([alternatives.head(1), alternatives.head(1).assign(alternative_id="al-other")])
    with pytest.raises(ValueError, match="more than one"):
        thaw.apply_alternatives(coded, twice, tables["cameo_codebook"])


def test_sensitivity_starts_as_coded_and_moves_by_the_goldstein_difference(tables, coded, alternatives):
    table = thaw.sensitivity(coded, alternatives, tables["cameo_codebook"], date(2023, 6, 2))
    print(table.to_string())
    assert table["scenario"].tolist() == [
        "as coded",
        *sorted(alternatives["alternative_id"]),
        "all alternatives",
    ]
    base = thaw.period_totals(thaw.weekly_index(tables), date(2023, 6, 2))
    assert table.iloc[0]["window"] == pytest.approx(base["window"])
    # The jet intercept lies wholly inside the window: its swap moves the window total by the difference.
    book = tables["cameo_codebook"].set_index("cameo_code")["goldstein"]
    jet = alternatives[alternatives["event_id"] == "ev-jet-intercept"].iloc[0]
    row = table.set_index("scenario").loc[jet["alternative_id"]]
    assert row["window"] - base["window"] == pytest.approx(book[jet["cameo_code"]] - book["150"])


def test_period_totals_sum_the_publication_week_and_the_week_before():
    weeks = pd.DataFrame(
        {"week_start": pd.date_range("2023-05-15", periods=3, freq="W-MON"), "goldstein": [5.0, -3.0, 1.0]}
    )
    weeks["week_end"] = weeks["week_start"] + pd.Timedelta(days=6)
    weeks["week"] = weeks["week_start"].dt.strftime("%G-W%V")
    totals = thaw.period_totals(weeks, date(2023, 6, 2))
    assert totals == {
        "window": 3.0,
        "week": 1.0,
        "recent": -2.0,
        "week_cooperative": True,
        "recent_cooperative": False,
        "window_cooperative": True,
    }


def test_week_members_put_an_event_in_its_week_under_either_convention(coded):
    monday = thaw.week_members(coded, None, "monday", "spread")
    sunday = thaw.week_members(coded, None, "sunday", "spread")
    # the jet intercept, Friday 26 May 2023: the week of Monday 22 May, or of Sunday 21 May
    assert set(monday.loc[monday["event_id"] == "ev-jet-intercept", "week_start"]) == {
        pd.Timestamp("2023-05-22")
    }
    assert set(sunday.loc[sunday["event_id"] == "ev-jet-intercept", "week_start"]) == {
        pd.Timestamp("2023-05-21")
    }


def test_gross_weight_of_a_week_is_at_least_its_net_goldstein_sum(coded):
    week = thaw.weekly_curve(coded).set_index("week_start").loc[pd.Timestamp("2023-05-29")]
    gross = thaw.gross_weight(coded, None, "spread", week.name, week["week_end"])
    # cooperation and conflict nearly cancel in the publication week: the gross is far above the net
    assert gross > 10 * abs(week["goldstein"]) > 0


def test_outside_window_names_the_scored_events_wholly_before_or_after_it(coded):
    outside = thaw.outside_window(coded, *thaw.window())
    assert set(coded.loc[outside, "event_id"]) == {
        "ev-us-sanctions-li",
        "ev-covid-zero",
        "ev-us-chip-controls",
        "ev-apec-san-francisco",
        "ev-possible-biden-xi-meeting",
    }
