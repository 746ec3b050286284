"""The events a chart draws, named beside it (thawbook.charts.names): Figs 1, 7, 8, 9 and 27."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from thawbook.analysis import chronology, coding
from thawbook.charts import chronology as chronology_charts
from thawbook.charts import names, overview
from thawbook.charts import thaw as thaw_charts
from thawbook.dates.publication import infer_publication_interval
from thawbook.inputs.tables import load_tables


@pytest.fixture(scope="module")
def tables():
    return load_tables("events", "context")


def listed(chart) -> dict:
    return chart.to_dict()["usermeta"][names.NAMES_KEY]


def test_name_lines_keep_the_rows_order_skip_empty_notes_and_name_a_repeated_event_once():
    rows = pd.DataFrame(
        {"title": ["Talks", "Ban", "Talks"], "when": ["2023-05-01", "", "2023-05-01"], "n": ["1", None, "1"]}
    )
    assert names.name_lines(rows, notes=("when", "n")) == ["Talks: 2023-05-01; 1", "Ban"]


def test_with_names_heads_the_list_with_its_count():
    chart = names.with_names(alt.Chart(pd.DataFrame({"a": [1]})).mark_point(), ["A", "B"], "marks")
    assert listed(chart) == {"heading": "The 2 marks in this chart, by name", "names": ["A", "B"]}


def test_every_chart_that_names_its_events_only_in_tooltips_lists_each_of_them_by_title(tables):
    events = tables["events"]
    published, _ = infer_publication_interval()
    check = chronology.date_check(events, tables["context"])
    run = chronology.run_up(events)
    coded = coding.coded_events(coding.coding_tables())
    window = events[
        (events["date_end"] >= overview.OVERVIEW_WINDOW[0])
        & (events["date_start"] <= overview.OVERVIEW_WINDOW[1])
    ]
    scored = thaw_charts.thaw_intervals_chart(coded)
    drawn = {
        row["title"] for row in scored.to_dict()["datasets"][scored.to_dict()["layer"][1]["data"]["name"]]
    }
    cases = {
        "overview (Fig 1)": (overview.events_overview(events), set(window["title"])),
        "timeline (Fig 7)": (
            chronology_charts.chronology_timeline_chart(events, published, check),
            set(events["title"]),
        ),
        "telling (Fig 8)": (chronology_charts.telling_chart(events), set(events["title"])),
        "run-up (Fig 9)": (chronology_charts.run_up_chart(run), set(run["title"])),
        "scored (Fig 27)": (scored, drawn),
    }
    for name, (chart, titles) in cases.items():
        lines = listed(chart)["names"]
        print(f"{name}: {len(lines)} names, the first: {lines[0]}")
        assert len(lines) == len(titles), name
        assert {line.split(": ")[0] for line in lines} == titles, name
        assert listed(chart)["heading"].startswith(f"The {len(titles)} events"), name
