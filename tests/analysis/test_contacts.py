"""Behaviour of thawbook.analysis.contacts, the rows chapters 06 and 07 share, on hand-made frames and on the real
data; and the two chapters' prose against the seed.

The real-data checks print their figures so a CI log shows the state of the two chapters.
"""

from __future__ import annotations

import re

import nbformat
import pandas as pd
import pytest

from tests.analysis.contact_frames import actors as _actors
from tests.analysis.contact_frames import events as _events
from thawbook.analysis import contacts
from thawbook.inputs.seed import read_seed
from thawbook.inputs.tables import load_tables
from thawbook.paths import ROOT

T = pd.Timestamp


@pytest.fixture(scope="module")
def tables():
    return load_tables("events", "actors", "quotes", "encounters", "corrections")


# ------------------------------------------------------------------------ dating words
def test_single_day_is_an_exact_day_and_wider_intervals_name_their_unit():
    assert contacts.dating(T("2023-05-26"), T("2023-05-26"), "day") == "exact day"
    assert contacts.dating(T("2023-06-02"), T("2023-06-04"), "day") == "a run of 3 days"
    assert contacts.dating(T("2023-03-01"), T("2023-03-31"), "month") == "within a month"


# ------------------------------------------------------------------------ joins
def test_with_actors_names_both_actors_leaves_missing_counterpart_empty_and_sorts_by_date():
    frame = contacts.with_actors(_events(), _actors())
    assert list(frame["event_id"]) == ["ev-bg", "ev-early", "ev-late"]
    early = frame.set_index("event_id").loc["ev-early"]
    assert (early["actor1"], early["actor1_side"], early["actor2"]) == ("Alpha", "us_government", "Beta")
    assert frame.set_index("event_id").at["ev-bg", "actor2"] == ""
    assert early["start"] == "2023-03-01" and early["end"] == "2023-03-31"


def test_corrections_for_puts_the_article_words_beside_the_reading_and_rejects_unknown_ids(tables):
    shown = contacts.corrections_for(
        tables["corrections"], ["co-yellen-finance-minister", "co-kerry-short-term"]
    )
    assert list(shown["correction"]) == ["co-yellen-finance-minister", "co-kerry-short-term"]
    assert shown.at[0, "the article's words"] == "Finance Minister Janet Yellen"
    assert "Treasury Secretary" in shown.at[0, "likely reading"]
    with pytest.raises(KeyError, match="co-no-such-thing"):
        contacts.corrections_for(tables["corrections"], ["co-no-such-thing"])


# ------------------------------------------------------------------------ rows used
def test_rows_used_keeps_first_of_duplicate_ids_and_lists_undated_rows_last():
    first = pd.DataFrame(
        {
            "event_id": ["ev-b", "ev-a"],
            "title": ["B", "A"],
            "date_start": [T("2023-05-02"), pd.NaT],
            "date_end": [T("2023-05-02"), pd.NaT],
            "evidence": ["b", "a"],
        }
    )
    again = pd.DataFrame({"event_id": ["ev-b"], "title": ["B again"], "evidence": ["b"]})
    table = contacts.rows_used(first, again)
    assert list(table["id"]) == ["ev-b", "ev-a"]
    assert table.at[0, "what"] == "B" and table.at[0, "date_start"] == "2023-05-02"
    assert table.at[1, "date_start"] == ""


# ------------------------------------------------------------------------ the chapters' prose
CHAPTERS = ["06_trade_and_business.ipynb", "07_military_contact.ipynb"]


def chapter_prose(name: str) -> str:
    """The Markdown cells of a chapter notebook: the prose a reader reads."""
    notebook = nbformat.read(ROOT / "chapters" / name, as_version=4)
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_curly_quotation_in_a_chapter_is_verbatim_from_the_seed(name):
    seed = read_seed()
    prose = chapter_prose(name)
    quoted = [" ".join(q.split()) for q in re.findall(r"“[^”]*”", prose)]
    print(f"{name}: {len(quoted)} quotations checked")
    assert quoted, "a chapter should quote the article"
    assert [q for q in quoted if q not in seed] == []


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_prose_types_no_digits_outside_ids_and_glue(name):
    prose = chapter_prose(name)
    stripped = re.sub(
        r"\{(glue:\w+|numref)\}`[^`]*`|```\{glue:figure\}[^\n]*\n:name:[^\n]*|```|`[^`]*`|“[^”]*”", "", prose
    )
    assert re.findall(r"\d", stripped) == []


def test_dates_in_words_name_the_weekday_of_a_single_day_and_both_ends_of_an_interval():
    assert contacts.day_words(T("2023-05-26")) == "Friday 26 May 2023"
    assert contacts.interval_words(T("2023-05-30"), T("2023-05-30")) == "Tuesday 30 May 2023"
    assert contacts.interval_words(T("2023-05-01"), T("2023-06-04")) == "1 May 2023 to 4 June 2023"


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_straight_quoted_article_span_in_a_chapter_is_verbatim_from_the_seed(name):
    seed = read_seed()
    prose = chapter_prose(name)
    quoted = [" ".join(q.split()) for q in re.findall(r'"([^"]+)"', prose)]
    print(f"{name}: {len(quoted)} straight-quoted spans checked")
    assert [q for q in quoted if q not in seed] == []
