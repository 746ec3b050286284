"""Behaviour of thawbook.contacts on small hand-made frames and on the real data.

The hand-made frames check the logic in isolation; the real-data checks print their figures
so a CI log shows the state of the two chapters (trade and business, military contact).
"""
from __future__ import annotations

import json
import re

import nbformat
import pandas as pd
import pytest

from thawbook import contacts, theme
from thawbook.paths import ROOT
from thawbook.seed import read_seed
from thawbook.tables import load_tables

T = pd.Timestamp


@pytest.fixture(scope="module")
def tables():
    return load_tables("events", "actors", "quotes", "encounters", "corrections")


def _actors():
    return pd.DataFrame({
        "actor_id": ["ac-a", "ac-b", "ac-c"],
        "name": ["Alpha", "Beta", "Gamma"],
        "side": ["us_government", "china_government", "business"],
    })


def _events():
    return pd.DataFrame({
        "event_id": ["ev-late", "ev-early", "ev-bg"],
        "title": ["Late", "Early", "Background"],
        "date_start": [T("2023-05-30"), T("2023-03-01"), T("2020-01-01")],
        "date_end": [T("2023-05-30"), T("2023-03-31"), T("2022-12-31")],
        "date_precision": ["day", "month", "year"],
        "theme": ["business", "trade", "trade"],
        "actor1_id": ["ac-b", "ac-a", "ac-b"],
        "actor2_id": ["ac-c", "ac-b", ""],
        "evidence": ["late words", "early words", "background words"],
    })


# ------------------------------------------------------------------------ dating words
def test_single_day_is_an_exact_day_and_wider_intervals_name_their_unit():
    assert contacts.dating(T("2023-05-26"), T("2023-05-26"), "day") == "exact day"
    assert contacts.dating(T("2023-06-02"), T("2023-06-04"), "day") == "a run of 3 days"
    assert contacts.dating(T("2023-03-01"), T("2023-03-31"), "month") == "within a month"


def test_iso_writes_dates_as_yyyy_mm_dd_and_missing_dates_as_empty():
    assert contacts.iso(T("2023-05-26")) == "2023-05-26"
    assert contacts.iso(pd.NaT) == ""


# ------------------------------------------------------------------------ joins
def test_with_actors_names_both_actors_leaves_missing_counterpart_empty_and_sorts_by_date():
    frame = contacts.with_actors(_events(), _actors())
    assert list(frame["event_id"]) == ["ev-bg", "ev-early", "ev-late"]
    early = frame.set_index("event_id").loc["ev-early"]
    assert (early["actor1"], early["actor1_side"], early["actor2"]) == ("Alpha", "us_government", "Beta")
    assert frame.set_index("event_id").at["ev-bg", "actor2"] == ""
    assert early["start"] == "2023-03-01" and early["end"] == "2023-03-31"


def test_economic_events_without_background_drop_the_covid_years_and_the_recovery(tables):
    events, actors = tables["events"], tables["actors"]
    everything = contacts.economic_events(events, actors)
    kept = contacts.economic_events(events, actors, contacts_only=True)
    print(f"economic events: {len(everything)}, contacts among them: {len(kept)}")
    assert set(contacts.BACKGROUND_EVENTS) <= set(everything["event_id"])
    assert not set(contacts.BACKGROUND_EVENTS) & set(kept["event_id"])
    assert set(kept["theme"]) <= set(contacts.ECONOMIC_THEMES)
    assert {"ev-qin-musk-meeting", "ev-cook-visit", "ev-musk-visit", "ev-trade-talks-washington"} <= set(kept["event_id"])


def test_participants_give_one_row_per_actor_role_and_skip_a_missing_counterpart():
    people = contacts.participants(contacts.with_actors(_events(), _actors()))
    assert len(people) == 5  # two events with a counterpart, one without
    late = people[people["event_id"] == "ev-late"].set_index("role")
    assert late.at["acts", "name"] == "Beta" and late.at["is met / addressed", "name"] == "Gamma"
    assert contacts.side_counts(people) == {
        "us_government": 1, "china_government": 1, "analyst": 0, "business": 1, "media": 0, "third_party": 0}


def test_quotes_of_keeps_event_quotes_and_named_extras_in_article_order_with_word_counts(tables):
    quoted = contacts.quotes_of(tables["quotes"], tables["actors"], tables["events"],
                                event_ids=["ev-qin-musk-meeting"], extra_ids=["qu-shen-export"])
    assert list(quoted["evidence_start"]) == sorted(quoted["evidence_start"])
    assert set(quoted["quote_id"]) == {"qu-qin-healthy-stable-constructive", "qu-qin-slam-brakes",
                                       "qu-qin-dangerous-driving", "qu-qin-accelerator", "qu-shen-export"}
    brakes = quoted.set_index("quote_id").loc["qu-qin-slam-brakes"]
    assert (brakes["words"], brakes["quoted"], brakes["speaker"]) == (4, "“slam on the brakes”", "Qin Gang")
    assert contacts.iso(brakes["date_start"]) == "2023-05-30"
    assert quoted.set_index("quote_id").at["qu-shen-export", "dating"] == "undated"


def test_corrections_for_puts_the_article_words_beside_the_reading_and_rejects_unknown_ids(tables):
    shown = contacts.corrections_for(tables["corrections"], ["co-yellen-finance-minister", "co-kerry-short-term"])
    assert list(shown["correction"]) == ["co-yellen-finance-minister", "co-kerry-short-term"]
    assert shown.at[0, "the article's words"] == "Finance Minister Janet Yellen"
    assert "Treasury Secretary" in shown.at[0, "likely reading"]
    with pytest.raises(KeyError, match="co-no-such-thing"):
        contacts.corrections_for(tables["corrections"], ["co-no-such-thing"])


# ------------------------------------------------------------------------ military
def test_encounter_rows_date_the_intercept_to_the_day_and_put_undated_encounters_last(tables):
    rows = contacts.encounter_rows(tables["encounters"], tables["events"], tables["actors"])
    by_id = rows.set_index("encounter_id")
    assert (by_id.at["en-jet-intercept", "start"], by_id.at["en-jet-intercept", "dating"]) == ("2023-05-26", "exact day")
    assert by_id.at["en-beijing-complaint", "dating"] == "undated"
    dated = list(rows["start"] != "")
    assert dated == sorted(dated, reverse=True), "undated rows must come after dated ones"
    assert by_id.at["en-regular-patrols", "characterized_by_name"] == contacts.ARTICLE_VOICE
    assert by_id.at["en-dinner-handshake", "characterized_by_name"] == ""


def test_military_timeline_marks_the_handshake_as_both_sides_and_the_intercept_as_china(tables):
    frame = contacts.military_timeline(tables["encounters"], tables["events"], tables["actors"])
    side = frame.set_index("event_id")["acting_side"]
    assert side["ev-li-austin-handshake"] == "both"
    assert side["ev-jet-intercept"] == "china_government"
    assert side["ev-austin-provocative"] == "us_government"
    assert list(frame["date_start"]) == sorted(frame["date_start"])
    assert "statement" in set(frame["kind"])


def test_characterizations_aim_each_side_at_the_other_and_the_article_voice_at_both(tables):
    frame = contacts.characterizations(tables["encounters"], tables["quotes"], tables["events"], tables["actors"])
    counts = contacts.direction_counts(frame)
    print(f"characterizations: {counts}")
    by_source = frame.set_index("source")
    assert by_source.at["en-jet-intercept", "direction"] == "US on China"
    assert by_source.at["en-beijing-complaint", "direction"] == "China on US"
    assert by_source.at["en-regular-patrols", "direction"] == f"{contacts.ARTICLE_VOICE} on {contacts.BOTH_SIDES}"
    assert counts["us_on_china"] == 3 and counts["china_on_us"] == 2 and counts["total"] == len(frame)


def test_direction_counts_count_only_the_named_direction():
    frame = pd.DataFrame({"speaker_side": ["us_government", "us_government", "china_government"],
                          "target_side": ["china_government", "both", "us_government"]})
    assert contacts.direction_counts(frame) == {
        "us_on_china": 1, "china_on_us": 1, "analyst_on_china": 0, "on_both": 1, "total": 3}


# ------------------------------------------------------------------------ rows used
def test_rows_used_keeps_first_of_duplicate_ids_and_lists_undated_rows_last():
    first = pd.DataFrame({"event_id": ["ev-b", "ev-a"], "title": ["B", "A"],
                          "date_start": [T("2023-05-02"), pd.NaT], "date_end": [T("2023-05-02"), pd.NaT],
                          "evidence": ["b", "a"]})
    again = pd.DataFrame({"event_id": ["ev-b"], "title": ["B again"], "evidence": ["b"]})
    table = contacts.rows_used(first, again)
    assert list(table["id"]) == ["ev-b", "ev-a"]
    assert table.at[0, "what"] == "B" and table.at[0, "date_start"] == "2023-05-02"
    assert table.at[1, "date_start"] == ""


# ------------------------------------------------------------------------ charts
def _spec(chart) -> dict:
    return chart.to_dict()


def _datasets(spec: dict) -> list[dict]:
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def test_timeline_draws_exact_days_as_points_and_wider_intervals_as_bars(tables):
    frame = contacts.economic_events(tables["events"], tables["actors"], contacts_only=True)
    spec = _spec(contacts.economic_timeline(frame))
    rows = _datasets(spec)
    points = {row["title"] for row in rows if row["is_point"]}
    assert points == {"Qin Gang meets Elon Musk"}
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["bar", "point"]
    assert all(row["evidence"] for row in rows)


def test_timeline_colours_themes_with_the_book_palette(tables):
    frame = contacts.economic_events(tables["events"], tables["actors"], contacts_only=True)
    scale = _spec(contacts.economic_timeline(frame))["layer"][0]["encoding"]["color"]["scale"]
    for name, colour in zip(scale["domain"], scale["range"]):
        assert theme.THEME_COLORS[name.replace(" ", "_")] == colour


def test_military_timeline_shows_only_the_fortnight_window(tables):
    frame = contacts.military_timeline(tables["encounters"], tables["events"], tables["actors"])
    spec = _spec(contacts.military_timeline_chart(frame))
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == list(contacts.MILITARY_WINDOW)
    shape_scale = spec["layer"][1]["encoding"]["shape"]["scale"]
    assert "intercept" in shape_scale["domain"] and "brief contact" in shape_scale["domain"]
    assert "declined meeting" not in shape_scale["domain"], "only kinds drawn as points get a legend shape"


def test_every_chart_carries_the_evidence_in_its_tooltip(tables):
    events, actors, quotes, encounters = (tables[n] for n in ("events", "actors", "quotes", "encounters"))
    economic = contacts.economic_events(events, actors, contacts_only=True)
    charts = [
        contacts.economic_timeline(economic),
        contacts.participants_chart(contacts.participants(economic)),
        contacts.quoted_words_chart(contacts.quotes_of(quotes, actors, events, event_ids=economic["event_id"])),
        contacts.military_timeline_chart(contacts.military_timeline(encounters, events, actors)),
        contacts.characterization_chart(contacts.characterizations(encounters, quotes, events, actors)),
    ]
    for chart in charts:
        text = json.dumps(_spec(chart))
        assert '"field": "evidence"' in text
        assert '"title": {"text": ' in text, "every chart has a title"


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
    stripped = re.sub(r"\{(glue:\w+|numref)\}`[^`]*`|```\{glue:figure\}[^\n]*\n:name:[^\n]*|```|`[^`]*`|“[^”]*”", "", prose)
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


# ------------------------------------------------------------------------ economic vs military
@pytest.fixture(scope="module")
def coded():
    return load_tables("events", "actors", "event_coding", "cameo_codebook")


def _domain_frame(coded, window=contacts.CONTRAST_WINDOW):
    return contacts.domain_contacts(coded["events"], coded["actors"], coded["event_coding"], coded["cameo_codebook"],
                                    window=window)


def test_act_kind_reads_intent_meetings_and_conflict_from_the_cameo_code():
    assert contacts.act_kind("036", 1) == "intent to meet"
    assert contacts.act_kind("042", 1) == "meeting"
    assert contacts.act_kind("044", 1) == "meeting"
    assert contacts.act_kind("111", 3) == "friction"
    assert contacts.act_kind("150", 4) == "friction"
    assert contacts.act_kind("013", 1) == "statement"


def test_overlap_counts_an_interval_touching_the_window_edge_and_excludes_one_before_it():
    window = ("2023-05-01", "2023-06-04")
    assert contacts.overlaps(T("2023-03-01"), T("2023-05-01"), window)
    assert contacts.overlaps(T("2023-06-04"), T("2023-06-04"), window)
    assert not contacts.overlaps(T("2023-04-01"), T("2023-04-30"), window)
    assert not contacts.overlaps(T("2023-06-05"), T("2023-06-05"), window)


def test_domain_contacts_in_the_window_leave_out_april_and_march_contacts_and_the_background(coded):
    frame = _domain_frame(coded)
    ids = set(frame["event_id"])
    assert "ev-kerry-invitation-remark" in ids and "ev-jet-intercept" in ids
    assert "ev-yellen-visit-remark" not in ids  # said in April, before the window
    assert "ev-cook-visit" not in ids and "ev-li-appointed" not in ids
    assert not ids & set(contacts.BACKGROUND_EVENTS)
    assert "ev-sullivan-wang-vienna" not in ids  # diplomacy belongs to no domain
    assert set(frame["domain"]) == {"economic", "military"}


def test_domain_chart_has_one_panel_per_domain_theme_colours_and_evidence_tooltips(coded):
    spec = _spec(contacts.domain_chart(_domain_frame(coded)))
    assert len(spec["vconcat"]) == len(contacts.domain_labels())
    text = json.dumps(spec)
    assert '"field": "evidence"' in text
    assert theme.THEME_COLORS["military"] in text and theme.THEME_COLORS["climate_finance"] in text
    assert '"text": "Economic and military domains over the same weeks"' in text
    assert [panel["title"]["text"] for panel in spec["vconcat"]] == list(contacts.domain_labels().values())
