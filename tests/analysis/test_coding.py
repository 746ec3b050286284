"""CAMEO coding and its GDELT-like export (thawbook.analysis.coding).

Data tests print their figures so the CI log shows the state of the coding.
"""

from __future__ import annotations

import pandas as pd
import pytest

from thawbook.analysis import coding, thaw
from thawbook.inputs.tables import data_dir


@pytest.fixture(scope="module")
def tables():
    return coding.coding_tables()


@pytest.fixture(scope="module")
def coded(tables):
    return coding.coded_events(tables)


@pytest.fixture(scope="module")
def alternatives():
    return thaw.load_alternatives()


# ------------------------------------------------------------------ the scheme
@pytest.mark.parametrize(
    "root, quad",
    [
        ("01", 1),
        ("05", 1),
        ("06", 2),
        ("08", 2),
        ("09", 3),
        ("13", 3),
        ("14", 4),
        ("20", 4),
        (3, 1),
        (17, 4),
    ],
)
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
        "data/events_cameo.csv is stale: run thawbook.analysis.coding.write_events_cameo()"
    )


def test_events_cameo_csv_reads_back_as_the_same_events(tables):
    dtypes = {
        "GLOBALEVENTID": str,
        "SQLDATE": "int64",
        "DateEnd": "int64",
        "date_precision": str,
        "Actor1Code": str,
        "Actor2Code": str,
        "EventCode": str,
        "EventBaseCode": str,
        "EventRootCode": str,
        "QuadClass": "int64",
        "GoldsteinScale": "float64",
        "evidence": str,
    }
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


def test_counting_by_deeds_leaves_out_statements_and_keeps_meetings_refusals_and_force():
    frame = pd.DataFrame({"cameo_code": ["036", "043", "111", "125", "150", "1042"]})
    assert list(coding.counted(frame, "acts")["cameo_code"]) == ["043", "125", "150"]
    assert coding.counted(frame, "events").equals(frame)


def test_the_stance_of_an_act_follows_its_quad_class():
    assert [coding.stance_of_act(q) for q in (1, 2, 3, 4)] == [
        "engagement",
        "engagement",
        "friction",
        "friction",
    ]


# ------------------------------------------------------------------ the event-inclusion rule


@pytest.fixture(scope="module")
def every_table():
    from thawbook.inputs.tables import load_tables

    return load_tables()


def _statement_events(tables) -> pd.DataFrame:
    """The events that are a government's statement: a statement root, not a placeholder."""
    events = tables["events"].merge(tables["event_coding"][["event_id", "cameo_code", "fit"]], on="event_id")
    roots = events["cameo_code"].astype(str).str[:2].astype(int)
    return events[roots.isin(coding.STATEMENT_ROOTS) & (events["fit"] != "placeholder")]


def _sentence_of(offset: int) -> str:
    from thawbook.inputs.seed import read_seed, sentences

    text = read_seed()
    return next(text[a:b] for _, a, b in sentences(text) if a <= offset < b)


def test_reporting_tense_reads_the_verb_that_reports_a_statement():
    assert (
        coding.reporting_tense("On Thursday, Austin said some of China's activities were provocative.")
        == "past"
    )
    assert coding.reporting_tense("Pentagon officials say this has not deterred Mr. Li.") == "present"
    assert coding.reporting_tense("But China argues that sanctions are an obstacle.") == "present"
    assert coding.reporting_tense("Mr. Biden has talked of building fences.") == "present"
    assert coding.reporting_tense("Then the two countries' top trade officials held talks.") == ""


def test_every_statement_event_is_told_in_the_simple_past_on_either_side(every_table):
    # the rule of data/datapackage.json (events): a government's statement is an event only when
    # told as made once, with a simple past reporting verb; applied to every statement event
    tables = every_table
    statements = _statement_events(tables)
    tenses = {
        e: coding.reporting_tense(_sentence_of(s))
        for e, s in zip(statements["event_id"], statements["evidence_start"])
    }
    assert {e for e, t in tenses.items() if t != "past"} == set(), tenses
    sides = tables["actors"].set_index("actor_id")["side"]
    print(
        f"{len(statements)} statement events, all told in the past:",
        {k: int(v) for k, v in statements["actor1_id"].map(sides).value_counts().items()},
    )


def test_a_standing_position_has_no_statement_event_and_a_past_statement_has_one_on_either_side(every_table):
    tables = every_table
    sides = tables["actors"].set_index("actor_id")["side"]
    statements = _statement_events(tables)
    speakers = set(tables["events"]["actor1_id"])
    checked = {"present": 0, "past": 0}
    for row in tables["positions"].itertuples(index=False):
        speaker = row.reported_by_actor_id or row.holder_actor_id
        if sides[speaker] not in ("us_government", "china_government", "media"):
            continue  # analysts' remarks to the reporter are quotations, not events
        sentence = _sentence_of(row.evidence_start)
        tense = coding.reporting_tense(sentence)
        if tense == "present":  # "Pentagon officials say", "China argues", "Beijing blames"
            assert not any(sentence.find(e) >= 0 for e in statements["evidence"]), row.position_id
        elif tense == "past":  # "Mao Ning ... said", "Austin said", "the article also blamed ..., saying"
            assert speaker in speakers, row.position_id
        checked[tense] = checked.get(tense, 0) + 1
    assert checked["present"] >= 5 and checked["past"] >= 5
    print("government positions by reporting tense:", checked)


def test_a_statement_is_told_from_a_deed_by_its_cameo_root_alone():
    frame = pd.DataFrame({"cameo_code": ["036", "111", "0214", "043", "12", "1711"]})
    assert coding.is_statement(frame).tolist() == [True, True, True, False, False, False]
    assert coding.counted(frame, "acts")["cameo_code"].tolist() == ["043", "12", "1711"]


def test_the_cameo_actors_follow_the_events_actors_on_every_row(every_table):
    # one actor convention (data/datapackage.json, events.actor1_id): a remark is its speaker's
    # act in chapter 06 (who acts) and in the CAMEO coding of chapter 10 alike
    country = every_table["actors"].set_index("actor_id")["country"]
    coded = every_table["events"].merge(every_table["event_coding"], on="event_id")
    for row in coded.itertuples(index=False):
        assert (row.actor1_code or "")[:3] == (country.get(row.actor1_id, "") or ""), row.event_id
        if row.actor2_id:  # a CAMEO target may be coded where the row names none (a vacancy, a trend)
            assert (row.actor2_code or "")[:3] == (country.get(row.actor2_id, "") or ""), row.event_id
    kerry = coded.set_index("event_id").loc["ev-kerry-invitation-remark"]
    assert (kerry["actor1_code"], kerry["actor2_code"]) == ("USAGOV", "CHNGOV")
