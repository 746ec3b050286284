"""The source-criticism chapter's findings, checked against counts made another way (the CSVs
read with the csv module, the seed split at blank lines)."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest

from tests.conftest import chapter_values, csv_rows
from thawbook.findings import criticism, readings, register
from thawbook.inputs.seed import read_seed

CHAPTER = "chapters/08_source_criticism"
WORD_LEVEL = {
    "mistranslated_idiom_or_term",
    "wrong_title_or_office",
    "wrong_institution_name",
    "wrong_pronoun",
}


@pytest.fixture(scope="module")
def values():
    return chapter_values(CHAPTER)


_rows = csv_rows


def _paragraph_of_each_correction():
    """Paragraph (headline = 0) of each correction, found by splitting the seed at blank lines."""
    paragraphs = read_seed().split("\n\n")
    found = {}
    for row in _rows("corrections"):
        hits = [n for n, text in enumerate(paragraphs) if row["evidence"] in text]
        assert len(hits) == 1, row["correction_id"]
        found[row["correction_id"]] = hits[0]
    return paragraphs, found


def test_every_criticism_finding_holds_as_the_book_reads_the_data():
    found = register.evaluate(CHAPTER)
    assert len(found) == 5 and all(f.holds for f in found)


def test_corrections_are_spread_over_more_than_half_the_paragraphs_a_tenth_at_most_in_one(values):
    # counted again from the CSV and the seed; the figures themselves are the register's to state
    paragraphs, where = _paragraph_of_each_correction()
    per_paragraph = Counter(where.values())
    print(f"{len(where)} corrections in {len(per_paragraph)} of {len(paragraphs)} paragraphs")
    assert values["cr_n_corrections"] == len(where)
    assert values["cr_n_paragraphs"] == len(paragraphs)
    assert values["cr_n_paragraphs_flagged"] == len(per_paragraph) > len(paragraphs) / 2
    assert values["cr_max_per_paragraph"] == max(per_paragraph.values()) <= len(where) / 10


def test_the_crowded_paragraphs_are_counted_as_the_sentence_says(values):
    paragraphs, where = _paragraph_of_each_correction()
    counts = Counter(where.values())
    crowded = [n for n, c in counts.items() if c == max(counts.values())]
    assert values["cr_n_crowded_paragraphs"] == len(crowded)


def test_most_errors_are_of_a_single_word_and_idioms_lead(values):
    categories = Counter(r["category"] for r in _rows("corrections"))
    # by hand: 9 idioms or terms, 2 titles, 2 institutions, 2 pronouns = 15 of 24
    assert values["cr_n_word_errors"] == sum(categories[c] for c in WORD_LEVEL) == 15
    assert values["cr_n_idiom"] == categories["mistranslated_idiom_or_term"] == 9
    assert categories.most_common(2)[1][1] < 9
    assert values["cr_n_categories"] == len(categories) == 7  # no factual_slip is left


def test_most_corrections_are_high_confidence(values):
    high = sum(1 for r in _rows("corrections") if r["confidence"] == "high")
    total = len(_rows("corrections"))
    assert values["cr_n_high"] == high > total / 2
    assert values["cr_share_high"] == round(100 * high / total)


def test_eight_corrections_change_a_claim_seven_of_them_in_the_first_half(values):
    paragraphs, where = _paragraph_of_each_correction()
    story = [
        r
        for r in _rows("corrections")
        if not r["affects"].lower().startswith(("wording", "terminology:", "people:", "chronology:"))
    ]
    assert values["cr_n_story"] == len(story) == 8
    assert values["cr_n_story_high"] == sum(1 for r in story if r["confidence"] == "high") == 5
    # first half: paragraphs 0-12 of 27; only the People's Daily "détente" (paragraph 25) is later
    assert values["cr_n_story_first_half"] == sum(1 for r in story if where[r["correction_id"]] < 13) == 7
    # the declined meeting is told in paragraphs 4 and 6: the invitation, the reluctance and "not deterred"
    assert values["cr_n_story_defence"] == sum(1 for r in story if where[r["correction_id"]] in (4, 6)) == 3
    assert where["co-invitation-by-chinas-minister"] == 4


def test_most_corrections_change_only_a_word_title_or_pronoun(values):
    scopes = [r["affects"].lower() for r in _rows("corrections")]
    cosmetic = sum(1 for a in scopes if a.startswith(("wording", "terminology:", "people:")))
    assert values["cr_n_cosmetic"] == cosmetic == 14


def test_unnamed_analysts_are_never_quoted_but_twice_relied_on(values):
    seed = read_seed()
    actors = {r["actor_id"]: r for r in _rows("actors")}
    quotes = _rows("quotes")
    named = [
        q
        for q in quotes
        if q["actor_id"]
        and actors[q["actor_id"]]["side"] == "analyst"
        and actors[q["actor_id"]]["actor_type"] != "group"
    ]
    # by hand: Thompson 2, Shen 3, Glaser 2, Haenle 2
    assert values["cr_named_quotes"] == len(named) == 9
    assert values["cr_named_speakers"] == len({q["actor_id"] for q in named}) == 4
    assert values["cr_unnamed_quotes"] == sum(1 for q in quotes if q["actor_id"] == "ac-analysts") == 0
    # "what analysts see as a retaliatory move" and "analysts say"
    assert values["cr_n_unnamed_claims"] == seed.count("analysts") == 2


def test_context_rows_publishers_and_citations_counted_from_the_csvs(values):
    context = _rows("context")
    cited = [r["context_id"] for r in _rows("corrections") if r["context_id"]]
    assert values["cr_n_context"] == len(context) == 39  # the BIS rule is split in two rows
    # by hand: 34 publisher names; the foreign ministry's five (its own site, four embassies') are one,
    # and the South China Morning Post and The Straits Times each also appear with a wire in brackets
    assert len({r["source_publisher"] for r in context}) == 34
    assert values["cr_n_publishers"] == 34 - 4 - 1 - 1 == 28
    assert values["cr_n_context_cited"] == len(set(cited))
    assert values["cr_n_with_context"] == len(cited)
    assert values["cr_n_undated_sources"] == sum(1 for r in context if not r["source_date"]) == 3


def test_a_fourth_correction_in_glasers_paragraph_breaks_the_spread_finding():
    tables = dict(register.tables())
    corrections = tables["corrections"]
    glaser = corrections[corrections["correction_id"] == "co-glaser-he"].iloc[0].to_dict()
    extra = pd.DataFrame([{**glaser, "correction_id": "co-test-extra"}])
    tables["corrections"] = pd.concat([corrections, extra], ignore_index=True)
    found = {f.id: f for f in criticism.findings(tables, readings.AS_READ)}
    assert not found["crit-corrections-spread"].holds
