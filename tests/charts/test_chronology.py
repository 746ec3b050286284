"""Chapter 04's charts (thawbook.charts.chronology): brush, intervals, forthcoming events, tooltips, palette."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from thawbook.analysis import chronology as tl
from thawbook.charts import chronology as chronology_charts
from thawbook.dates.publication import infer_publication_interval
from thawbook.inputs.tables import load_tables

T = pd.Timestamp


@pytest.fixture(scope="module")
def tables():
    return load_tables("events", "context")


@pytest.fixture(scope="module")
def events(tables):
    return tables["events"]


# ------------------------------------------------------------------ charts


def _walk(spec):
    if isinstance(spec, dict):
        yield spec
        for value in spec.values():
            yield from _walk(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from _walk(value)


def test_timeline_brush_starts_on_may_june_and_drives_the_detail_domain(tables):
    published, _ = infer_publication_interval()
    spec = chronology_charts.chronology_timeline_chart(
        tables["events"], published, tl.date_check(tables["events"], tables["context"])
    ).to_dict()
    params = {p["name"]: p for p in spec["params"]}
    brush = params["brush"]
    assert brush["select"]["encodings"] == ["x"]
    start, end = brush["value"]["x"]
    assert (start["year"], start["month"], start["date"]) == (2023, 5, 1)
    assert (end["year"], end["month"], end["date"]) == (2023, 6, 10)
    assert params["theme_filter"]["bind"] == "legend"
    domains = [
        node["scale"]["domain"]
        for node in _walk(spec)
        if isinstance(node.get("scale"), dict) and node["scale"].get("domain") == {"param": "brush"}
    ]
    assert domains, "no scale takes its domain from the brush"
    text = json.dumps(spec)
    assert '"evidence:N"' in text or '"field": "evidence"' in text
    assert "Published (inferred)" in text


def test_timeline_draws_intervals_as_bars_and_exact_days_as_points(events):
    published, _ = infer_publication_interval()
    spec = chronology_charts.chronology_timeline_chart(events, published).to_dict()
    marks = {}
    for node in _walk(spec):
        mark = node.get("mark")
        for item in node.get("transform", []):
            if "filter" in item:
                marks[json.dumps(item["filter"])] = mark["type"] if isinstance(mark, dict) else mark
    assert marks[json.dumps(f"(datum.shape === '{tl.SHAPE_INTERVAL}')")] == "bar"
    assert marks[json.dumps(f"(datum.shape === '{tl.SHAPE_DAY}')")] == "point"


def test_forthcoming_events_are_hollow_and_dashed(events):
    published, _ = infer_publication_interval()
    spec = chronology_charts.chronology_timeline_chart(events, published).to_dict()
    fill = next(
        n["fillOpacity"] for n in _walk(spec) if "fillOpacity" in n and isinstance(n["fillOpacity"], dict)
    )
    dash = next(
        n["strokeDash"] for n in _walk(spec) if "strokeDash" in n and isinstance(n["strokeDash"], dict)
    )
    forthcoming = fill["scale"]["domain"].index("forthcoming")
    assert fill["scale"]["range"][forthcoming] == 0
    assert dash["scale"]["range"][dash["scale"]["domain"].index("forthcoming")] != [1, 0]


def test_every_chart_has_a_title_and_evidence_in_its_tooltips(events):
    published, _ = infer_publication_interval()
    charts = [
        chronology_charts.chronology_timeline_chart(events, published),
        chronology_charts.telling_chart(events),
        chronology_charts.run_up_chart(tl.run_up(events)),
    ]
    for chart in charts:
        spec = chart.to_dict()
        assert spec["title"]["text"]
        tooltips = [t for n in _walk(spec) if isinstance(n.get("tooltip"), list) for t in n["tooltip"]]
        assert any(t.get("field") == "evidence" for t in tooltips)


def test_theme_colours_come_from_the_book_palette(events):
    from thawbook.charts import theme

    spec = chronology_charts.telling_chart(events).to_dict()
    colour = next(
        n["color"] for n in _walk(spec) if isinstance(n.get("color"), dict) and "scale" in n["color"]
    )
    assert colour["scale"]["range"] == list(theme.THEME_COLORS.values())


def test_telling_chart_puts_each_event_at_its_rank_in_time_and_in_the_text_with_the_count_in_its_title(
    events,
):
    spec = chronology_charts.telling_chart(events).to_dict()
    rows = [row for rows in spec["datasets"].values() for row in rows if "time_rank" in row]
    assert sorted(r["time_rank"] for r in rows) == list(range(1, len(events) + 1))
    assert sorted(r["text_rank"] for r in rows) == list(range(1, len(events) + 1))
    dots = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "circle")
    assert dots["encoding"]["x"]["field"] == "time_rank" and dots["encoding"]["y"]["field"] == "text_rank"
    # The title's count, made another way: events told more than two places from their time rank.
    ranked = tl.timeline_rows(events)
    moved = sum(abs(a - b) > 2 for a, b in zip(ranked["text_rank"], ranked["time_rank"]))
    assert f"tells {moved} of its {len(events)} events" in " ".join(spec["title"]["text"])
    assert spec["width"] == "container" and spec["height"] <= 400


def test_overview_and_run_up_put_events_in_lanes_that_never_overlap(events):
    from thawbook.charts import overview

    for chart in (overview.events_overview(events), chronology_charts.run_up_chart(tl.run_up(events))):
        spec = chart.to_dict()
        rows = [row for rows in spec["datasets"].values() for row in rows if "lane_y" in row]
        assert rows
        by_lane: dict = {}
        for row in rows:
            by_lane.setdefault(row["lane_y"], []).append(row)
        for lane in by_lane.values():
            lane.sort(key=lambda r: r["date_start"])
            for a, b in zip(lane, lane[1:]):
                end = a.get("drawn_end") or a.get("bar_end")
                assert b["date_start"] >= end, f"{a['title']} and {b['title']} share a lane on the same dates"
