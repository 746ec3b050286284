"""The charts of chapters 06 and 07 (thawbook.charts.trade, thawbook.charts.military)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from thawbook.analysis import military, trade
from thawbook.charts import military as military_charts
from thawbook.charts import theme
from thawbook.charts import trade as trade_charts
from thawbook.inputs.tables import load_tables

T = pd.Timestamp


@pytest.fixture(scope="module")
def tables():
    return load_tables("events", "actors", "quotes", "encounters", "corrections")


# ------------------------------------------------------------------------ charts
def _spec(chart) -> dict:
    return chart.to_dict()


def _datasets(spec: dict) -> list[dict]:
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def test_timeline_draws_exact_days_as_points_and_wider_intervals_as_bars(tables):
    frame = trade.economic_events(tables["events"], tables["actors"], contacts_only=True)
    spec = _spec(trade_charts.economic_timeline(frame))
    rows = _datasets(spec)
    points = {row["title"] for row in rows if row["is_point"]}
    assert points == {"Qin Gang meets Elon Musk"}
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    # The events' titles are written above their rows (text), then the bars and the points.
    assert marks == ["text", "bar", "point"]
    assert all(row["evidence"] for row in rows)
    headings = spec["layer"][0]
    assert headings["encoding"]["y"]["field"] == "heading_y" and headings["mark"]["lineBreak"] == "\n"
    assert spec["width"] == "container", "the calendar takes its column's width"


def test_timeline_colours_themes_with_the_book_palette(tables):
    frame = trade.economic_events(tables["events"], tables["actors"], contacts_only=True)
    scale = _spec(trade_charts.economic_timeline(frame))["layer"][1]["encoding"]["color"]["scale"]
    for name, colour in zip(scale["domain"], scale["range"]):
        assert theme.THEME_COLORS[name.replace(" ", "_")] == colour


def test_military_timeline_shows_only_the_fortnight_window(tables):
    frame = military.military_timeline(tables["encounters"], tables["events"], tables["actors"])
    spec = _spec(military_charts.military_timeline_chart(frame))
    assert spec["layer"][1]["encoding"]["x"]["scale"]["domain"] == list(military_charts.MILITARY_WINDOW)
    shape_scale = spec["layer"][2]["encoding"]["shape"]["scale"]
    assert "intercept" in shape_scale["domain"] and "brief contact" in shape_scale["domain"]
    assert "declined meeting" not in shape_scale["domain"], "only kinds drawn as points get a legend shape"


def test_participants_chart_writes_each_event_title_above_its_names_in_lines_a_phone_holds(tables):
    economic = trade.economic_events(tables["events"], tables["actors"], contacts_only=True)
    people = trade.participants(economic)
    spec = _spec(trade_charts.participants_chart(people))
    headings, dots, names = spec["layer"]
    # no axis over the columns (the subtitle says which is which); the counterparts' column keeps
    # its names inside a phone's column and moves right on a wide one
    assert dots["encoding"]["x"]["axis"] is None and "actor (left)" in json.dumps(spec)
    assert dots["encoding"]["x"]["scale"]["range"][1] == {
        "expr": f"max(width / 2, width - {trade_charts.PARTICIPANT_NAME_PX})"
    }
    assert headings["mark"]["lineBreak"] == names["mark"]["lineBreak"] == "\n"
    assert headings["encoding"]["y"]["bandPosition"] == 0 < dots["encoding"]["y"]["bandPosition"]
    assert dots["encoding"]["y"]["axis"] is None, "the titles are written in the view, not as axis labels"
    rows = [row for row in _datasets(spec) if "role" in row and "name" in row]
    assert {row["heading"].replace("\n", " ") for row in rows} == set(people["title"])
    lines = [line for row in rows for line in row["heading"].split("\n")]
    assert max(map(len, lines)) <= trade_charts.PARTICIPANT_TITLE_CHARS
    most = max(row["heading"].count("\n") + 1 for row in rows)
    assert most * trade_charts.PARTICIPANT_LINE_PX + 14 <= trade_charts.PARTICIPANT_ROW_PX


def test_every_chart_carries_the_evidence_in_its_tooltip(tables):
    events, actors, quotes, encounters = (tables[n] for n in ("events", "actors", "quotes", "encounters"))
    economic = trade.economic_events(events, actors, contacts_only=True)
    charts = [
        trade_charts.economic_timeline(economic),
        trade_charts.participants_chart(trade.participants(economic)),
        trade_charts.quoted_words_chart(
            trade.quotes_of(quotes, actors, events, event_ids=economic["event_id"])
        ),
        military_charts.military_timeline_chart(military.military_timeline(encounters, events, actors)),
        military_charts.characterization_chart(
            military.characterizations(encounters, quotes, events, actors)
        ),
    ]
    for chart in charts:
        text = json.dumps(_spec(chart))
        assert '"field": "evidence"' in text
        assert '"title": {"text": ' in text, "every chart has a title"


# ------------------------------------------------------------------------ economic vs military
@pytest.fixture(scope="module")
def coded():
    return load_tables("events", "actors", "event_coding", "cameo_codebook")


def _domain_frame(coded, window=trade.CONTRAST_WINDOW):
    return trade.domain_contacts(
        coded["events"], coded["actors"], coded["event_coding"], coded["cameo_codebook"], window=window
    )


def test_domain_chart_has_one_panel_per_domain_theme_colours_and_evidence_tooltips(coded):
    spec = _spec(trade_charts.domain_chart(_domain_frame(coded)))
    assert len(spec["vconcat"]) == len(trade.domain_labels())
    text = json.dumps(spec)
    assert '"field": "evidence"' in text
    assert theme.THEME_COLORS["military"] in text and theme.THEME_COLORS["climate_finance"] in text
    assert " ".join(spec["title"]["text"]) == "Economic and military domains over the same weeks"
    assert [panel["title"]["text"] for panel in spec["vconcat"]] == list(trade.domain_labels().values())
