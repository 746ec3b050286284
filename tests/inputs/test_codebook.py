"""The codebook of a measure's rationale (thawbook.inputs.codebook), applied to every row."""

from __future__ import annotations

import pytest

from thawbook.inputs import codebook
from thawbook.inputs.tables import load_tables


@pytest.fixture(scope="module")
def measures():
    return load_tables("measures")["measures"]


def test_every_measure_is_coded_by_the_codebook_of_rationale_kinds(measures):
    counts = measures["rationale_kind"].value_counts().to_dict()
    print(f"{len(measures)} measures by rationale kind: {counts}")
    assert codebook.rationale_rule_problems(measures) == []


def test_mao_nings_and_shens_second_demands_are_coded_alike(measures):
    kinds = measures.set_index("measure_id")["rationale_kind"]
    assert (
        kinds["me-china-demand-lift-li-sanctions"]
        == kinds["me-shen-demand-lift-sanctions"]
        == "action_restated"
    )


@pytest.mark.parametrize(
    ("rationale", "tie", "kind"),
    [
        ("over purchases of military equipment from Russia", "over", "reason"),
        ("to block Beijing's access to critical US technology, such as semiconductors", "to", "reason"),
        ("to similarly cut chip exports to China", "to", "action_restated"),
        ("create favorable conditions for dialogue", "and", "action_restated"),
        ("getting the US to reduce strategic pressure on China", "about", "reason"),
        ("if China provided lethal aid to Russia", "if", "trigger"),
        ("", "", "none"),
    ],
)
def test_the_tying_word_decides_the_kind(rationale, tie, kind):
    assert codebook.tie(rationale) == tie
    assert codebook.rationale_kind_by_rule(rationale) == kind


def test_a_row_against_the_codebook_is_named(measures):
    changed = measures.copy()
    changed.loc[changed["measure_id"] == "me-us-warning-lethal-aid", "rationale_kind"] = "reason"
    assert codebook.rationale_rule_problems(changed) == [
        "me-us-warning-lethal-aid: rationale_kind reason, the codebook gives trigger"
    ]


def test_a_rationale_tied_by_an_unknown_word_has_no_rule():
    assert codebook.rationale_kind_by_rule(
        "deliver on its promises", "they must deliver on its promises"
    ).startswith("no rule")
