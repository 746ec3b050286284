"""Behaviour of thawbook.analysis.sanctions: joins, response chains, layout, demands, charts.

Small hand-made frames test the logic; the last tests check the real data and print the
figures the chapter reports, so the CI log shows them.
"""

import json
import re

import pandas as pd
import pytest

from thawbook.analysis import sanctions as M
from thawbook.charts import sanctions as MC
from thawbook.inputs.seed import read_seed
from thawbook.inputs.tables import load_tables
from thawbook.paths import ROOT

ACTORS = pd.DataFrame(
    {
        "actor_id": ["ac-us", "ac-cn", "ac-prof", "ac-firm"],
        "name": ["Washington", "Beijing", "A Professor", "A Firm"],
        "side": ["us_government", "china_government", "analyst", "business"],
    }
)
EVENTS = pd.DataFrame(
    {
        "event_id": ["ev-a", "ev-c"],
        "date_start": pd.to_datetime(["2022-10-01", "2023-05-30"]),
        "date_end": pd.to_datetime(["2022-10-31", "2023-05-30"]),
        "date_precision": ["month", "day"],
        "date_expression": ["in October", "On Tuesday"],
    }
)


def measures(rows):
    """rows: (measure_id, imposed_by, target, instrument, rationale, responds_to, event_id, evidence)."""
    frame = pd.DataFrame(
        rows,
        columns=[
            "measure_id",
            "imposed_by",
            "target",
            "instrument",
            "stated_rationale",
            "responds_to",
            "event_id",
            "evidence",
        ],
    )
    frame["evidence_start"] = range(0, 100 * len(frame), 100)
    frame["evidence_end"] = frame["evidence_start"] + 50
    return frame


CHAIN = measures(
    [
        ("me-c", "ac-cn", "ac-us", "demand_to_lift", "", "me-b", "ev-c", "lift them"),
        ("me-a", "ac-us", "ac-cn", "export_controls", "to block access", "", "ev-a", "October controls"),
        ("me-b", "ac-cn", "ac-firm", "purchase_ban", "", "me-a", "", "a ban"),
        ("me-z", "ac-prof", "ac-us", "demand_to_lift", "mutual respect", "", "", "we want"),
    ]
)


# ------------------------------------------------------------------------ measure_table


def test_measure_table_names_both_actors_and_keeps_undated_measures_last():
    table = M.measure_table(CHAIN, ACTORS, EVENTS)
    assert len(table) == len(CHAIN)
    assert list(table["measure_id"]) == ["me-a", "me-c", "me-b", "me-z"]
    row = table.set_index("measure_id").loc["me-b"]
    assert (row["imposer"], row["imposer_side"], row["target_name"]) == (
        "Beijing",
        "china_government",
        "A Firm",
    )
    assert pd.isna(row["date_start"]) and not row["dated"]
    assert table.set_index("measure_id").at["me-c", "date_end"] == pd.Timestamp("2023-05-30")


def test_measure_table_rejects_unknown_actor_or_event_instead_of_dropping_the_row():
    bad_actor = CHAIN.assign(target=["ac-nobody", "ac-cn", "ac-firm", "ac-us"])
    with pytest.raises(ValueError, match="ac-nobody"):
        M.measure_table(bad_actor, ACTORS, EVENTS)
    bad_event = CHAIN.assign(event_id=["ev-c", "ev-missing", "", ""])
    with pytest.raises(ValueError, match="ev-missing"):
        M.measure_table(bad_event, ACTORS, EVENTS)


def test_snippet_cuts_at_a_word_boundary_and_marks_the_cut():
    assert M.snippet("short text", 20) == "short text"
    cut = M.snippet("ban on certain companies buying products", 20)
    assert cut == "ban on certain…" and len(cut) <= 20


# ------------------------------------------------------------------------------ chains


def test_chain_depth_counts_links_back_to_the_first_measure():
    assert M.chain_depths(CHAIN) == {"me-a": 0, "me-b": 1, "me-c": 2, "me-z": 0}


def test_longest_chain_lists_measures_first_to_last():
    assert M.longest_chain(CHAIN) == ["me-a", "me-b", "me-c"]
    unlinked = CHAIN.assign(responds_to="")
    assert len(M.longest_chain(unlinked)) == 1


def test_a_cycle_or_a_dangling_link_in_responds_to_raises():
    cycle = CHAIN.assign(responds_to=["me-b", "me-c", "me-a", ""])
    with pytest.raises(ValueError, match="cycle"):
        M.chain_depths(cycle)
    dangling = CHAIN.assign(responds_to=["me-b", "", "me-gone", ""])
    with pytest.raises(ValueError, match="me-gone"):
        M.chain_depths(dangling)


def test_layout_gives_every_measure_its_own_row_and_puts_answers_below_and_right():
    table = M.measure_table(CHAIN, ACTORS, EVENTS)
    nodes, edges = M.chain_layout(table)
    assert sorted(nodes["measure_id"]) == sorted(CHAIN["measure_id"])
    assert nodes["row"].is_unique
    at = nodes.set_index("measure_id")
    assert list(at.loc[["me-a", "me-b", "me-c"], "column"]) == [0, 1, 2]
    assert at.at["me-a", "row"] < at.at["me-b", "row"] < at.at["me-c", "row"]
    assert at.at["me-z", "group"] == "unlinked" and at.at["me-z", "row"] == nodes["row"].max()
    # one elbow (three points) per responds_to link, ending at the answering measure
    assert len(edges) == 3 * 2
    last = edges[edges["order"] == 2].set_index("edge")
    assert last.at["me-a → me-b", "row"] == at.at["me-b", "row"]
    assert last.at["me-a → me-b", "column"] == at.at["me-b", "column"]


def test_layout_is_deterministic_whatever_the_input_order():
    one = M.chain_layout(M.measure_table(CHAIN, ACTORS, EVENTS))
    two = M.chain_layout(M.measure_table(CHAIN.iloc[::-1], ACTORS, EVENTS))
    pd.testing.assert_frame_equal(one[0], two[0])
    pd.testing.assert_frame_equal(one[1], two[1])


# ----------------------------------------------------------------------------- tables


def test_rationale_by_side_counts_measures_without_a_stated_reason():
    counts = M.rationale_by_side(M.measure_table(CHAIN, ACTORS, EVENTS)).set_index("side")
    assert counts.at["China government", "measures"] == 2
    assert counts.at["China government", "without_rationale"] == 2
    assert counts.at["US government", "without_rationale"] == 0


def test_demands_take_the_speaker_from_the_quotation_that_overlaps_their_evidence():
    table = M.measure_table(CHAIN, ACTORS, EVENTS)
    quotes = pd.DataFrame(
        {
            "quote_id": ["qu-far", "qu-prof"],
            "actor_id": ["ac-us", "ac-prof"],
            "text": ["elsewhere", "We want respect"],
            "evidence_start": [900, 290],
            "evidence_end": [950, 320],  # me-z spans 300..350
        }
    )
    demands = M.demands_table(table, quotes, ACTORS).set_index("measure")
    assert list(demands.index) == ["me-c", "me-z"]
    assert demands.at["me-z", "voiced by"] == "A Professor"
    assert demands.at["me-z", "quoted words"] == "We want respect"
    assert demands.at["me-c", "voiced by"] == "the article's narration"
    assert demands.at["me-c", "date_start"] == "2023-05-30" and demands.at["me-z", "date_start"] == ""


def test_chapter_table_has_iso_date_strings_and_evidence_for_every_measure():
    out = M.chapter_table(M.measure_table(CHAIN, ACTORS, EVENTS))
    assert len(out) == len(CHAIN)
    assert set(out["date_start"]) == {"2022-10-01", "2023-05-30", ""}
    assert all(re.fullmatch(r"(\d{4}-\d\d-\d\d)?", v) for v in out["date_end"])
    assert out["evidence"].str.len().gt(0).all()


def test_corrections_table_keeps_the_requested_order_and_rejects_unknown_ids():
    corrections = pd.DataFrame(
        {
            "correction_id": ["co-a", "co-b"],
            "evidence": ["x", "y"],
            "likely_reading": ["X", "Y"],
            "confidence": ["high", "low"],
            "affects": ["a", "b"],
        }
    )
    assert list(M.corrections_table(corrections, ["co-b", "co-a"])["correction"]) == ["co-b", "co-a"]
    with pytest.raises(KeyError):
        M.corrections_table(corrections, ["co-zz"])


# ------------------------------------------------------------------------------ charts


def test_time_panels_break_the_axis_at_long_gaps_and_cover_whole_months():
    frame = M.timeline_frame(M.measure_table(CHAIN, ACTORS, EVENTS))
    assert M.time_panels(frame) == [
        (pd.Timestamp("2022-10-01"), pd.Timestamp("2022-10-31")),
        (pd.Timestamp("2023-05-01"), pd.Timestamp("2023-05-31")),
    ]
    assert M.time_panels(frame, gap_days=365) == [(pd.Timestamp("2022-10-01"), pd.Timestamp("2023-05-31"))]


def test_timeline_keeps_undated_measures_in_their_own_panel_and_says_how_many():
    frame = M.timeline_frame(M.measure_table(CHAIN, ACTORS, EVENTS))
    assert set(frame.loc[frame["start"].isna(), "panel"]) == {M.UNDATED}
    spec = MC.measures_timeline_chart(frame).to_dict()
    assert "2 of 4 measures have no date" in json.dumps(spec)
    undated_panel = spec["vconcat"][-1]  # the panels are stacked, the undated one last
    data = undated_panel.get("data") or undated_panel["layer"][0]["data"]
    rows = spec["datasets"][data["name"]]
    assert sorted(r["measure_id"] for r in rows) == ["me-b", "me-z"]


def test_charts_colour_sides_with_the_book_palette_and_tooltip_the_evidence():
    table = M.measure_table(CHAIN, ACTORS, EVENTS)
    for chart in (
        MC.chain_chart(*M.chain_layout(table)),
        MC.measures_timeline_chart(M.timeline_frame(table)),
    ):
        text = json.dumps(chart.to_dict())
        assert '"title": "Evidence"' in text
        assert "#0072B2" in text and "#D55E00" in text and "#009E73" in text
        assert '"business"' not in text  # only imposing sides present appear in the legend


def test_two_answers_with_the_same_words_are_drawn_as_two_lines_in_the_chain_chart():
    table = M.measure_table(CHAIN, ACTORS, EVENTS)
    spec = MC.chain_chart(*M.chain_layout(table)).to_dict()
    lines = spec["layer"][0]
    assert lines["encoding"]["detail"]["field"] == "edge_id"
    rows = spec["datasets"][lines["data"]["name"]]
    assert len({r["edge_id"] for r in rows}) == len(rows) // 3  # three points per line


def test_chain_labels_are_broken_into_lines_that_fit_a_phone():
    long_name = ACTORS.assign(name=["A government with a very long name indeed", *ACTORS["name"][1:]])
    nodes, edges = M.chain_layout(M.measure_table(CHAIN, long_name, EVENTS))
    spec = MC.chain_chart(nodes, edges).to_dict()
    texts = [
        line
        for rows in spec["datasets"].values()
        for row in rows
        for key in ("who_text", "what_text")
        if key in row
        for line in row[key].split("\n")
    ]
    assert texts and max(map(len, texts)) <= max(MC.CHAIN_WHO_CHARS, MC.CHAIN_WHAT_CHARS)
    assert any("\n" in row.get("who_text", "") for rows in spec["datasets"].values() for row in rows)


def test_timeline_panels_are_stacked_and_every_panel_labels_its_own_rows():
    frame = M.timeline_frame(M.measure_table(CHAIN, ACTORS, EVENTS))
    spec = MC.measures_timeline_chart(frame).to_dict()
    assert "hconcat" not in spec and len(spec["vconcat"]) == 3  # two stretches of time, then undated
    for panel in spec["vconcat"]:
        marks = [layer["mark"] for layer in panel["layer"]]
        assert any(m["type"] == "text" for m in marks)  # the labels above the bars


# ------------------------------------------------------------------------- real data


def test_real_measures_form_the_chains_the_chapter_describes():
    t = load_tables("measures", "actors", "events")
    table = M.measure_table(t["measures"], t["actors"], t["events"])
    depths = M.chain_depths(table)
    responses = int((table["responds_to"].fillna("") != "").sum())
    undated = int((~table["dated"]).sum())
    print(
        f"measures={len(table)} responses={responses} longest_chain={len(M.longest_chain(table))} "
        f"undated={undated}"
    )
    assert depths["me-micron-ban"] == 1 and M.longest_chain(table)[0] == "me-us-chip-controls"
    assert (
        table.set_index("measure_id").at["me-china-demand-lift-li-sanctions", "responds_to"]
        == "me-us-sanctions-li"
    )


def test_curly_quoted_words_in_the_chapter_prose_are_verbatim_from_the_article():
    """The chapter quotes the article; a quotation that is not in the seed is a misquote."""
    path = ROOT / "chapters" / "05_sanctions.ipynb"
    if not path.exists():
        pytest.skip("chapter not written yet")
    seed = " ".join(read_seed().split())  # markdown wraps lines; compare with spaces collapsed
    prose = "\n".join(
        "".join(c["source"]) for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "markdown"
    )
    quoted = [" ".join(q.split()) for q in re.findall(r"“([^”]+)”", prose)]
    assert quoted, "the chapter quotes nothing"
    missing = [q for q in quoted if q not in seed]
    assert not missing, f"not verbatim in the seed: {missing}"


def test_every_demand_row_names_the_measure_it_wants_lifted_and_an_unnamed_one_is_a_position():
    # the coding rule of demand_to_lift (data/datapackage.json, measures), applied to every row
    tables = load_tables()
    demands = tables["measures"][tables["measures"]["instrument"] == "demand_to_lift"]
    assert len(demands) and all(M.names_its_object(e) for e in demands["evidence"])
    assert M.names_its_object("stop with sanctions, stop with export controls.")
    assert not M.names_its_object("Washington must \u201curgently correct wrong practices\u201d")
    # the unnamed demand is kept, as a precondition on military talks
    positions = tables["positions"].set_index("position_id")
    assert positions.at["po-cn-correct-wrong-practices", "stance"] == "precondition"
    print(f"{len(demands)} demand rows, each naming its measure")
