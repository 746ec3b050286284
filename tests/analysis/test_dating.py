"""thawbook.analysis.dating: the publication-date derivation table and the accounting of time words."""

import pandas as pd
import pytest

from thawbook.analysis import dating
from thawbook.dates.intervals import TemporalMention
from thawbook.dates.publication import infer_publication_interval
from thawbook.inputs.tables import load_tables

TEXT = "Xx On Tuesday, he spoke. Later, last week, nothing. And in March it rained."


def mention(expression: str, paragraph: int = 1) -> TemporalMention:
    start = TEXT.index(expression)
    return TemporalMention(expression, start, start + len(expression), paragraph)


def events(**overrides) -> pd.DataFrame:
    row = {
        "event_id": "ev-spoke",
        "title": "He spoke",
        "date_start": pd.Timestamp("2023-05-30"),
        "date_end": pd.Timestamp("2023-05-30"),
        "date_expression": "On Tuesday",
        "theme": "military",
        "status": "occurred",
        "evidence": "On Tuesday, he spoke",
    }
    row.update(overrides)
    row["evidence_start"] = TEXT.index(row["evidence"])
    row["evidence_end"] = row["evidence_start"] + len(row["evidence"])
    return pd.DataFrame([row])


def exclusions(expression="last week", evidence="last week, nothing") -> pd.DataFrame:
    start = TEXT.index(evidence)
    return pd.DataFrame(
        [
            {
                "exclusion_id": "tx-x",
                "expression": expression,
                "evidence": evidence,
                "reason": "not a date",
                "evidence_start": start,
                "evidence_end": start + len(evidence),
            }
        ]
    )


def test_comparable_drops_case_spacing_and_one_leading_preposition():
    assert dating.comparable("On  Tuesday") == "tuesday"
    assert dating.comparable("on May 23") == dating.comparable("May 23") == "may 23"
    assert dating.comparable("since 2018") == "2018"
    assert dating.comparable("last week's") == "last week's"


def test_mention_inside_event_evidence_with_same_expression_is_accounted_by_the_event():
    accounts = dating.account_for_temporal_expressions(events(), exclusions(), [mention("On Tuesday")])
    row = accounts.iloc[0]
    assert (row["accounted_by"], row["account_id"], row["matches"]) == ("event", "ev-spoke", 1)
    assert (row["date_start"], row["date_end"]) == ("2023-05-30", "2023-05-30")
    assert (row["resolved_start"], row["agreement"]) == ("2023-05-30", "agrees")


def test_event_whose_stored_date_differs_from_the_resolver_is_flagged():
    accounts = dating.account_for_temporal_expressions(
        events(date_start=pd.Timestamp("2023-05-23"), date_end=pd.Timestamp("2023-05-23")),
        exclusions(),
        [mention("On Tuesday")],
    )
    assert accounts.iloc[0]["agreement"] == "differs"


def test_forthcoming_event_is_resolved_in_the_future_tense():
    accounts = dating.account_for_temporal_expressions(
        events(
            date_expression="in March",
            evidence="in March it rained",
            status="forthcoming",
            date_start=pd.Timestamp("2024-03-01"),
            date_end=pd.Timestamp("2024-03-31"),
        ),
        exclusions(),
        [mention("in March")],
    )
    assert accounts.iloc[0][["resolved_start", "agreement"]].tolist() == ["2024-03-01", "agrees"]


def test_mention_in_an_exclusion_evidence_is_accounted_by_the_exclusion_with_its_reason():
    accounts = dating.account_for_temporal_expressions(events(), exclusions(), [mention("last week")])
    row = accounts.iloc[0]
    assert (row["accounted_by"], row["account_id"], row["explanation"]) == ("exclusion", "tx-x", "not a date")
    # "last week" in the article: the hull of the Sunday (21-27 May) and Monday (22-28 May) weeks
    assert (row["resolved_start"], row["resolved_end"], row["agreement"]) == (
        "2023-05-21",
        "2023-05-28",
        "no event date",
    )


def test_mention_matching_neither_table_is_kept_as_unaccounted_not_dropped():
    accounts = dating.account_for_temporal_expressions(
        events(), exclusions(), [mention("On Tuesday"), mention("in March")]
    )
    assert len(accounts) == 2
    assert accounts["accounted_by"].tolist() == ["event", "unaccounted"]
    assert dating.coverage(accounts)["unaccounted"] == 1


def test_same_words_outside_the_evidence_span_do_not_count():
    # The event's date_expression matches, but its evidence does not contain the mention.
    accounts = dating.account_for_temporal_expressions(
        events(date_expression="in March"), exclusions(), [mention("in March")]
    )
    assert accounts.iloc[0]["accounted_by"] == "unaccounted"


def test_exclusion_with_a_different_expression_does_not_account_for_the_mention():
    accounts = dating.account_for_temporal_expressions(
        events(), exclusions(expression="nothing"), [mention("last week")]
    )
    assert accounts.iloc[0]["accounted_by"] == "unaccounted"


def test_every_temporal_expression_of_the_article_is_accounted_for_and_dated_as_the_resolver_does():
    tables = load_tables("events", "temporal_exclusions")
    accounts = dating.account_for_temporal_expressions(tables["events"], tables["temporal_exclusions"])
    figures = dating.coverage(accounts)
    print("temporal coverage:", figures)
    print("unaccounted:", accounts.loc[accounts["accounted_by"] == "unaccounted", "expression"].tolist())
    assert figures["mentions"] == 33
    assert figures["unaccounted"] == 0
    assert figures["ambiguous"] == 0
    assert figures["events"] + figures["exclusions"] == figures["mentions"]
    assert figures["differs"] == 0 and figures["not_resolvable"] == 0


def test_the_expressions_that_resolve_to_no_date_are_all_set_aside_so_the_chart_misses_no_event_date():
    tables = load_tables("events", "temporal_exclusions")
    accounts = dating.account_for_temporal_expressions(tables["events"], tables["temporal_exclusions"])
    figures = dating.coverage(accounts)
    unresolved = accounts[accounts["resolved_start"] == ""]
    print("no date:", unresolved["expression"].tolist())
    assert figures["resolved"] + figures["unresolved"] == figures["mentions"]
    assert figures["unresolved"] == len(unresolved) == 8  # by hand: the 8 rows the seed's words leave undated
    assert set(unresolved["accounted_by"]) == {"exclusion"}


def test_derivation_table_ends_with_the_intersection_and_flags_outside_knowledge():
    published, steps = infer_publication_interval()
    table = dating.derivation_table(published, steps)
    assert len(table) == len(steps) + 1
    last = table.iloc[-1]
    assert (last["step"], last["allowed_start"], last["allowed_end"], last["days"]) == (
        "=",
        "2023-06-02",
        "2023-06-04",
        3,
    )
    assert table.iloc[0]["outside_knowledge"] == "yes"
    assert all(
        start <= last["allowed_start"] and end >= last["allowed_end"]
        for start, end in zip(table["allowed_start"], table["allowed_end"])
    )
    for step, cell in zip(steps, table["evidence"]):
        assert all(span in cell for span in step.evidence)


@pytest.mark.parametrize("expression", ["For several weeks", "currently"])
def test_duration_and_status_words_get_no_resolved_interval(expression):
    tables = load_tables("events", "temporal_exclusions")
    accounts = dating.account_for_temporal_expressions(tables["events"], tables["temporal_exclusions"])
    row = accounts[accounts["expression"] == expression].iloc[0]
    assert row["resolved_start"] == "" and row["accounted_by"] == "exclusion"


def test_the_coverage_table_words_every_count_it_shows():
    accounts = pd.DataFrame(
        {
            "accounted_by": ["event", "exclusion"],
            "matches": [1, 1],
            "agreement": ["agrees", ""],
            "resolved_start": ["2023-05-26", ""],
        }
    )
    shown = dating.coverage_table(accounts).set_index("what")["count"]
    assert shown["time words the extractor finds"] == 2
    assert shown["… that date an event"] == 1 and shown["… set aside, each with its reason"] == 1
    assert shown["time words that name no date it can place"] == 1
