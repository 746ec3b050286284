"""Chapter 05's charts (thawbook.charts.sanctions): the article's words shown whole where they fit."""

from __future__ import annotations

from thawbook.analysis import sanctions
from thawbook.charts import sanctions as sanctions_charts
from thawbook.inputs.tables import load_tables


def test_a_label_takes_two_lines_before_it_is_cut_and_is_cut_only_beyond_them():
    two = sanctions_charts._two_lines("demand to lift · Washington must urgently correct wrong practices", 46)
    assert two == "demand to lift · Washington must urgently\ncorrect wrong practices"
    long = sanctions_charts._two_lines("word " * 40, 20)
    lines = long.split("\n")
    assert len(lines) == 2 and all(len(line) <= 20 for line in lines) and long.endswith("…")


def test_the_timeline_names_every_measure_by_its_instrument_and_words_on_at_most_two_lines():
    tables = load_tables("measures", "actors", "events")
    rows = sanctions.measure_table(tables["measures"], tables["actors"], tables["events"])
    spec = sanctions_charts.measures_timeline_chart(sanctions.timeline_frame(rows)).to_dict()
    shown = [row["shown"] for rows in spec["datasets"].values() for row in rows if "shown" in row]
    print(f"{len(set(shown))} labels; cut: {sum(s.endswith('…') for s in set(shown))}")
    assert len(set(shown)) == len(rows)
    assert all(
        s.count("\n") <= 1 and max(map(len, s.split("\n"))) <= sanctions_charts.TIMELINE_LABEL_CHARS
        for s in shown
    )
