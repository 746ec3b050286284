"""The dating chapter's findings, checked against counts made another way."""

from __future__ import annotations

import pytest

from tests.conftest import chapter_values, csv_rows
from thawbook.findings import register

CHAPTER = "chapters/03_dating"


@pytest.fixture(scope="module")
def values():
    return chapter_values(CHAPTER)


_rows = csv_rows


def test_every_dating_finding_holds_as_the_book_reads_the_data():
    assert all(f.holds for f in register.evaluate(CHAPTER))


def test_publication_is_friday_2_to_sunday_4_june_by_hand(values):
    # By hand: the arrival on Tue 23 May was "last week"; the week after it is 28 May-3 June
    # (from Sunday) or 29 May-4 June (from Monday); "this weekend's" forum is still ahead and the
    # "Friday" dinner is past, so Fri 2, Sat 3 or Sun 4 June: three days.
    assert values["pub_days"] == 3
    assert values["pub_start"] == "Friday 2 June 2023" and values["pub_end"] == "Sunday 4 June 2023"


def test_event_dates_counted_from_the_csv_equal_the_finding(values):
    dated = [r for r in _rows("events") if r["date_expression"]]
    # the forum is dated from two phrases ("this weekend's" and its opening dinner "Friday"), so it has
    # no single date_expression and its "this weekend's" is accounted for as an exclusion
    assert values["n_by_events"] == len(dated) == 21
    assert values["n_agree"] == 21  # every stored event date is the resolver's reading


def test_set_aside_expressions_are_the_exclusions_less_the_four_sequence_words(values):
    # "First", "Then", "finally" and "ahead of" are exclusions the extractor does not look for.
    exclusions = _rows("temporal_exclusions")
    assert values["n_by_exclusions"] == len(exclusions) - 4 == 12
    assert values["n_extra_exclusions"] == 4
    assert values["n_mentions"] == 21 + 12 and values["n_unaccounted"] == 0


def test_only_the_year_needs_outside_knowledge(values):
    assert values["n_outside_steps"] == 1
