"""CAMEO coding, the weekly index, voices and positions (thawbook.coding).

Data tests print their figures so the CI log shows the state of the coding.
"""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from thawbook import coding
from thawbook.tables import data_dir


@pytest.fixture(scope="module")
def tables():
    return coding.load()


@pytest.fixture(scope="module")
def coded(tables):
    return coding.coded_events(tables)


@pytest.fixture(scope="module")
def alternatives():
    return coding.load_alternatives()


# ------------------------------------------------------------------ the scheme
@pytest.mark.parametrize("root, quad", [
    ("01", 1), ("05", 1), ("06", 2), ("08", 2), ("09", 3), ("13", 3), ("14", 4), ("20", 4), (3, 1), (17, 4),
])
def test_root_code_maps_to_gdelt_quad_class(root, quad):
    assert coding.quad_class_for_root(root) == quad


@pytest.mark.parametrize("root", ["00", "21", "036", "x1", -1])
def test_quad_class_for_a_non_root_code_is_refused(root):
    with pytest.raises(ValueError):
        coding.quad_class_for_root(root)


def test_codebook_quad_class_and_root_follow_the_documented_mapping(tables):
    book = tables["cameo_codebook"]
    assert (book["root_code"] == book["cameo_code"].str[:2]).all()
    assert (book["quad_class"] == book["root_code"].map(coding.quad_class_for_root)).all()
    assert book["goldstein"].between(-10, 10).all()


# ------------------------------------------------------------------ the coding
def test_every_event_has_exactly_one_coding_row(tables):
    events, codes = tables["events"]["event_id"], tables["event_coding"]["event_id"]
    print(f"{len(events)} events, {len(codes)} coding rows")
    assert sorted(events) == sorted(codes)
    assert codes.is_unique


def test_every_code_used_is_in_the_codebook(tables):
    used = set(tables["event_coding"]["cameo_code"])
    book = set(tables["cameo_codebook"]["cameo_code"])
    print(f"{len(used)} codes used, {len(book)} in the codebook")
    assert used <= book


def test_codebook_lists_only_codes_that_are_used(tables, alternatives):
    used = set(tables["event_coding"]["cameo_code"]) | set(alternatives["cameo_code"])
    assert set(tables["cameo_codebook"]["cameo_code"]) == used


def test_coded_events_carry_the_codebooks_goldstein_and_quad_class(tables, coded):
    book = tables["cameo_codebook"].set_index("cameo_code")
    assert (coded["goldstein"] == coded["cameo_code"].map(book["goldstein"])).all()
    assert (coded["quad_class"] == coded["cameo_code"].map(book["quad_class"])).all()
    export = coding.events_cameo(tables).set_index("GLOBALEVENTID")
    assert (export["GoldsteinScale"] == export["EventCode"].map(book["goldstein"])).all()
    assert (export["QuadClass"] == export["EventCode"].map(book["quad_class"])).all()


def test_coding_evidence_is_the_events_evidence(tables):
    merged = tables["event_coding"].merge(tables["events"], on="event_id", suffixes=("", "_event"))
    assert (merged["evidence"] == merged["evidence_event"]).all()


def test_placeholder_codings_are_neutral_statements(tables):
    placeholders = tables["event_coding"][tables["event_coding"]["fit"] == "placeholder"]
    print(f"{len(placeholders)} placeholder codings: {', '.join(placeholders['event_id'])}")
    assert set(placeholders["cameo_code"]) <= {"010"}


# ------------------------------------------------------------------ the export
def test_events_cameo_csv_on_disk_equals_a_fresh_export(tables):
    path = data_dir() / "events_cameo.csv"
    assert path.read_text(encoding="utf-8") == coding.events_cameo_csv(tables), (
        "data/events_cameo.csv is stale: run thawbook.coding.write_events_cameo()")


def test_events_cameo_csv_reads_back_as_the_same_events(tables):
    dtypes = {"GLOBALEVENTID": str, "SQLDATE": "int64", "DateEnd": "int64", "date_precision": str,
              "Actor1Code": str, "Actor2Code": str, "EventCode": str, "EventBaseCode": str,
              "EventRootCode": str, "QuadClass": "int64", "GoldsteinScale": "float64", "evidence": str}
    back = pd.read_csv(data_dir() / "events_cameo.csv", dtype=dtypes, keep_default_na=False)
    fresh = coding.events_cameo(tables)
    assert list(back.columns) == coding.GDELT_COLUMNS
    for column in coding.GDELT_COLUMNS:
        assert back[column].tolist() == fresh[column].tolist(), column
    assert back["EventCode"].str.len().ge(3).all(), "codes lost their leading zeros"


def test_export_has_gdelt_columns_and_yyyymmdd_dates(tables):
    export = coding.events_cameo(tables)
    assert list(export.columns) == coding.GDELT_COLUMNS
    assert export["SQLDATE"].between(19000101, 21001231).all()
    assert (export["SQLDATE"] <= export["DateEnd"]).all()
    assert (export["EventRootCode"] == export["EventCode"].str[:2]).all()


# ------------------------------------------------------------------ spreading weights
def test_a_month_dated_event_spreads_weight_one_over_its_days():
    frame = pd.DataFrame({"event_id": ["ev-a"], "date_start": [pd.Timestamp("2023-05-01")],
                          "date_end": [pd.Timestamp("2023-05-31")]})
    weights = coding.spread_weights(frame, date(2023, 1, 2), date(2023, 6, 4))
    assert len(weights) == 31
    assert weights["weight"].sum() == pytest.approx(1.0)
    assert weights["weight"].nunique() == 1


def test_an_event_straddling_the_window_keeps_only_its_share_inside():
    frame = pd.DataFrame({"event_id": ["ev-a"], "date_start": [pd.Timestamp("2023-06-01")],
                          "date_end": [pd.Timestamp("2023-06-10")]})
    weights = coding.spread_weights(frame, date(2023, 1, 2), date(2023, 6, 4))
    assert weights["weight"].sum() == pytest.approx(0.4)


def test_weights_in_a_window_covering_every_event_sum_to_the_number_of_events(coded):
    weights = coding.spread_weights(coded, date(2018, 1, 1), date(2023, 12, 31))
    assert weights["weight"].sum() == pytest.approx(len(coded))
    assert weights.groupby("event_id")["weight"].sum().round(9).eq(1).all()


def test_weekly_index_conserves_the_weight_of_the_events_in_the_window(tables, coded):
    summary = coding.window_summary(coded)
    weekly = coding.weekly_index(tables)
    print(summary)
    assert summary["inside"] + summary["straddling"] + summary["outside"] == summary["scored"]
    assert summary["scored"] + summary["placeholders"] == summary["events"]
    assert weekly["all events"].sum() == pytest.approx(summary["weight_in_window"])
    if summary["straddling"] == 0:
        assert weekly["all events"].sum() == pytest.approx(summary["inside"])


def test_weekly_index_has_every_week_of_the_window_and_goldstein_is_weighted(tables, coded):
    weekly = coding.weekly_index(tables)
    assert len(weekly) == 22 and weekly["week"].iloc[0] == "2023-W01" and weekly["week"].iloc[-1] == "2023-W22"
    scored = coded[coded["fit"] != "placeholder"]
    inside = scored[(scored["date_start"] >= pd.Timestamp(coding.WINDOW_START))
                    & (scored["date_end"] <= pd.Timestamp(coding.WINDOW_END))]
    assert weekly["goldstein"].sum() == pytest.approx(inside["goldstein"].sum())


def test_weekly_index_leaves_placeholders_out(tables):
    weekly = coding.weekly_index(tables)
    assert not weekly["events"].str.contains("ambassadorship in Washington falls vacant").any()


# ------------------------------------------------------------------ domains
@pytest.mark.parametrize("theme, domain", [
    ("trade", "economic"), ("business", "economic"), ("climate_finance", "economic"), ("military", "military"),
    ("diplomacy", "other"), ("sanctions", "other"), ("export_controls", "other"),
])
def test_theme_maps_to_its_domain(theme, domain):
    assert coding.domain_of(theme) == domain


def test_domain_curves_each_carry_only_their_own_events(coded):
    by_domain = coding.domain_weekly(coded)
    assert list(dict.fromkeys(by_domain["domain"])) == list(coding.DOMAINS)
    for domain, themes in coding.DOMAINS.items():
        part = by_domain[by_domain["domain"] == domain]
        assert len(part) == 22
        expected = coding.weekly_curve(coded[coded["theme"].isin(themes)])
        assert part["goldstein"].tolist() == pytest.approx(expected["goldstein"].tolist())
    assert not by_domain[by_domain["domain"] == "economic"]["events"].str.contains("jet").any()
    assert by_domain[by_domain["domain"] == "military"]["events"].str.contains("jet").any()


def test_domain_totals_add_up_and_sum_of_domains_is_at_most_the_whole(tables, coded):
    by_domain = coding.domain_weekly(coded)
    totals = coding.domain_totals(by_domain, date(2023, 6, 2)).set_index("domain")
    print(totals)
    for domain in coding.DOMAINS:
        part = by_domain[by_domain["domain"] == domain]
        assert totals.loc[domain, "goldstein"] == pytest.approx(part["goldstein"].sum())
        assert totals.loc[domain, "week"] == "2023-W22"
    whole = coding.weekly_index(tables)
    assert totals["events"].sum() <= whole["all events"].sum() + 1e-9


def test_weekly_curve_of_all_coded_events_is_the_weekly_index(tables, coded):
    pd.testing.assert_frame_equal(coding.weekly_curve(coded), coding.weekly_index(tables))


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
    swapped = coding.apply_alternatives(coded, alternatives, tables["cameo_codebook"])
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
    same = coding.apply_alternatives(coded, alternatives.iloc[0:0], tables["cameo_codebook"])
    pd.testing.assert_frame_equal(same.drop(columns="alternative_id"), coded)


def test_an_alternative_with_a_code_missing_from_the_codebook_is_refused(tables, coded, alternatives):
    bad = alternatives.head(1).assign(cameo_code="0874")
    with pytest.raises(ValueError, match="not in the codebook"):
        coding.apply_alternatives(coded, bad, tables["cameo_codebook"])


def test_two_alternatives_for_one_event_are_refused(tables, coded, alternatives):
    twice = pd.concat([alternatives.head(1), alternatives.head(1).assign(alternative_id="al-other")])
    with pytest.raises(ValueError, match="more than one"):
        coding.apply_alternatives(coded, twice, tables["cameo_codebook"])


def test_sensitivity_starts_as_coded_and_moves_by_the_goldstein_difference(tables, coded, alternatives):
    table = coding.sensitivity(coded, alternatives, tables["cameo_codebook"], date(2023, 6, 2))
    print(table.to_string())
    assert table["scenario"].tolist() == ["as coded", *sorted(alternatives["alternative_id"]), "all alternatives"]
    base = coding.period_totals(coding.weekly_index(tables), date(2023, 6, 2))
    assert table.iloc[0]["window"] == pytest.approx(base["window"])
    # The jet intercept lies wholly inside the window: its swap moves the window total by the difference.
    book = tables["cameo_codebook"].set_index("cameo_code")["goldstein"]
    jet = alternatives[alternatives["event_id"] == "ev-jet-intercept"].iloc[0]
    row = table.set_index("scenario").loc[jet["alternative_id"]]
    assert row["window"] - base["window"] == pytest.approx(book[jet["cameo_code"]] - book["150"])


def test_period_totals_sum_the_publication_week_and_the_week_before():
    weeks = pd.DataFrame({"week_start": pd.date_range("2023-05-15", periods=3, freq="W-MON"),
                          "goldstein": [5.0, -3.0, 1.0]})
    weeks["week_end"] = weeks["week_start"] + pd.Timedelta(days=6)
    weeks["week"] = weeks["week_start"].dt.strftime("%G-W%V")
    totals = coding.period_totals(weeks, date(2023, 6, 2))
    assert totals == {"window": 3.0, "week": 1.0, "recent": -2.0, "week_cooperative": True,
                      "recent_cooperative": False, "window_cooperative": True}


# ------------------------------------------------------------------ voices and positions
def test_voices_count_words_and_flag_garbled_pronouns(tables):
    voice = coding.voices(tables).set_index("quote_id")
    assert len(voice) == len(tables["quotes"])
    assert voice.loc["qu-glaser-sleepwalking", "attribution_corrections"] == "co-glaser-he"
    assert voice.loc["qu-mao-correct-wrong-practices", "attribution_corrections"] == "co-mao-ning-he"
    assert "co-mao-ning-spokesman" in voice.loc["qu-mao-favorable-conditions", "attribution_corrections"]
    assert voice.loc["qu-thompson-their-terms", "words"] == 12
    assert voice.loc["qu-covid-zero", "side"] == "none"


def test_words_by_side_add_up_to_all_quoted_words(tables):
    voice = coding.voices(tables)
    assert coding.voices_by_side(voice)["words"].sum() == voice["words"].sum()
    assert coding.voices_by_speaker(voice)["words"].sum() == voice["words"].sum()


def test_positions_reference_existing_actors(tables):
    actors = set(tables["actors"]["actor_id"])
    pos = tables["positions"]
    reporters = set(pos["reported_by_actor_id"].dropna()) - {""}
    print(f"{len(pos)} positions, {pos['holder_actor_id'].nunique()} holders, {len(reporters)} reporters")
    assert set(pos["holder_actor_id"]) <= actors
    assert reporters <= actors


def test_position_side_matches_its_holders_camp(tables):
    sides = tables["actors"].set_index("actor_id")["side"]
    pos = tables["positions"]
    holder_side = pos["holder_actor_id"].map(sides)
    # The People's Daily (media) speaks for the Chinese government's line.
    mismatched = pos[(holder_side != pos["side"]) & (holder_side != "media")]
    assert mismatched.empty, mismatched[["position_id", "side", "holder_actor_id"]]


def test_issue_summary_finds_overlap_and_blocking_preconditions():
    pos = pd.DataFrame({
        "issue": ["a", "a", "b", "b"], "side": ["us_government", "china_government"] * 2,
        "stance": ["goal", "offer", "offer", "precondition"], "position_id": ["p1", "p2", "p3", "p4"],
    })
    summary = coding.issue_summary(pos).set_index("issue")
    assert summary.loc["a", "overlap"] and not summary.loc["a", "blocked"]
    assert summary.loc["b", "blocked"]


def test_charts_carry_evidence_in_tooltips(tables, coded):
    weekly = coding.weekly_index(tables)
    voice = coding.voices(tables)
    charts = [
        coding.thaw_goldstein_chart(weekly, coded, ["ev-jet-intercept"]),
        coding.thaw_quad_chart(coding.weekly_long(weekly)),
        coding.thaw_intervals_chart(coded),
        coding.voices_speaker_chart(coding.voices_by_speaker(voice)),
        coding.voices_side_chart(coding.voices_by_side(voice)),
        coding.positions_chart(coding.positions(tables)),
        coding.thaw_domains_chart(coding.domain_weekly(coded)),
    ]
    for chart in charts:
        spec = chart.to_json()
        assert '"evidence' in spec and '"title"' in spec


def test_the_sensitivity_chart_names_each_weeks_events_and_leaves_their_evidence_to_the_weekly_chart(tables):
    weekly = coding.weekly_index(tables)
    spec = coding.thaw_sensitivity_chart(coding.sensitivity_weekly(weekly, weekly)).to_json()
    assert '"field": "events"' in spec and '"field": "evidence"' not in spec
