"""Tables are for readers: labels, humanised values, captions, full download names, filters on
long tables, row anchors; and the chapters show no raw frames and link the ids they cite."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest

from thawbook.inputs.tables import descriptor
from thawbook.paths import ROOT
from thawbook.render import display
from thawbook.render.labels import field_labels

NOTEBOOKS = sorted([ROOT / "index.ipynb", *(ROOT / "chapters").glob("*.ipynb")])


def cells(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def html_outputs(path: Path) -> list[str]:
    out = []
    for cell in cells(path):
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html")
            if html:
                out.append("".join(html))
    return out


def test_labels_come_from_the_field_titles_of_the_data_package():
    labels = field_labels()
    titles = {f["name"]: f["title"] for r in descriptor()["resources"] for f in r["schema"]["fields"]}
    assert labels["date_start"] == titles["date_start"] == "Start date"
    assert labels["event_id"] == "Event ID"  # the title in the resource it is the key of
    assert labels["source_url"] == "Source URL"
    assert labels["text_rank"] == "Order told" and labels["with_rationale"] == "With a rationale"


def test_a_table_shows_labels_and_words_but_downloads_raw_names_and_values():
    frame = pd.DataFrame(
        {"event_id": ["ev-a"], "category": ["scare_quote"], "side": ["us government"], "imprecise": [True]}
    )
    html = display.table(frame, "A small table", download="small.csv").data
    assert (
        '<th scope="col" class="thawbook-id">Event ID</th>' in html
        and '<th scope="col">Artifact category</th>' in html
    )
    assert (
        "<td>Scare quote</td>" in html
        and "<td>yes</td>" in html
        and '<td class="thawbook-id">ev-a</td>' in html
    )
    assert "scare_quote" not in html.split("<tbody>")[1].split("</tbody>")[0]
    payload = re.search(r'href="data:text/csv;charset=utf-8,([^"]*)"', html).group(1)
    csv = unquote(payload)
    assert csv.splitlines()[0] == "event_id,category,side,imprecise" and "scare_quote" in csv
    assert "<caption" in html and "A small table</caption>" in html


def test_column_labels_start_with_a_capital_and_keep_acronyms():
    assert display.column_label("high", {}) == "High"
    assert display.column_label("original (evidence)", {}) == "Original (evidence)"
    assert display.column_label("us_party", {}) == "US party"
    assert display.column_label("GoldsteinScale", {}) == "GoldsteinScale"


def test_the_default_download_name_is_the_whole_caption_never_cut():
    caption = "Every event the article mentions, in time order, with its resolved interval and evidence"
    html = display.table(pd.DataFrame({"a": [1]}), caption).data
    name = re.search(r'download="([^"]+)"', html).group(1)
    assert (
        name == "every-event-the-article-mentions-in-time-order-with-its-resolved-interval-and-evidence.csv"
    )
    shown = re.search(r'<span class="thawbook-filename">(.*?)</span>', html).group(1)
    assert shown.replace("<wbr>", "") == name and shown.count("<wbr>") == name.count("-")


def test_a_long_table_gets_a_labelled_filter_box_and_a_scrolling_region_a_short_one_not():
    long = display.table(pd.DataFrame({"a": range(display.FILTER_ROWS + 1)}), "Long one").data
    short = display.table(pd.DataFrame({"a": range(display.FILTER_ROWS)}), "Short one").data
    ident = re.search(r'<table class="[^"]*" id="([^"]+)"', long).group(1)
    assert f'<label for="{ident}-filter">Filter rows</label>' in long
    assert f'<input type="search" id="{ident}-filter" data-table="{ident}"' in long
    assert 'tabindex="0" role="region"' in long
    assert "thawbook-filter" not in short and 'role="region"' not in short


def test_a_keyed_table_gives_each_row_its_id_escaped():
    frame = pd.DataFrame({"correction": ["co-a", 'co-"b<'], "x": [1, 2]})
    html = display.table(frame, "Keyed", key="correction").data
    assert '<tr id="co-a">' in html and '<tr id="co--b">' in html and "<b" not in html.replace("<body", "")


def test_the_stylesheet_makes_headers_sticky_and_has_a_print_style():
    css = (ROOT / "_static" / "thawbook.css").read_text(encoding="utf-8")
    assert re.search(r"thead th \{[^}]*position: sticky", css)
    assert "@media print" in css and 'content: " <" attr(href) ">"' in css


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_chapter_shows_a_raw_dataframe(path):
    raw = [h[:80] for h in html_outputs(path) if 'class="dataframe' in h]
    assert not raw, raw


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_code_cell_is_hidden_or_removed(path):
    visible = [
        "".join(c["source"])[:60]
        for c in cells(path)
        if c["cell_type"] == "code"
        and not {"hide-input", "remove-input", "remove-cell", "hide-cell"}
        & set(c["metadata"].get("tags", []))
    ]
    assert not visible, visible


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_table_has_a_caption_and_a_download(path):
    tables = [h for h in html_outputs(path) if "<table" in h and "vega" not in h]
    for html in tables:
        assert html.count("<table") == html.count("<caption") == html.count('class="thawbook-download"'), (
            html[:200]
        )


def test_every_linked_correction_or_context_id_lands_on_a_row_of_chapter_08():
    rows = set(
        re.findall(
            r'<tr id="([^"]+)"', "".join(html_outputs(ROOT / "chapters" / "08_source_criticism.ipynb"))
        )
    )
    linked = {}
    for path in NOTEBOOKS:
        for cell in cells(path):
            if cell["cell_type"] == "markdown":
                # a role may carry words for the reader: {correction}`the correction <co-…>`
                roles = re.findall(r"\{correction\}`([^`]+)`", "".join(cell["source"]))
                targets = [re.sub(r"^.*<([^<>]+)>$", r"\1", t, flags=re.S) for t in roles]
            else:
                targets = [
                    t
                    for o in cell.get("outputs", [])
                    for t in re.findall(
                        r'href="[^"#]*#((?:co|cx)-[^"]+)"',
                        "".join(o.get("data", {}).get("text/markdown", "")),
                    )
                ]
            for target in targets:
                linked.setdefault(target, path.name)
    print(f"{len(linked)} correction or context ids linked; {len(rows)} rows with ids in chapter 08")
    assert any(k.startswith("co-") for k in linked) and any(k.startswith("cx-") for k in linked) and rows
    assert not {k: v for k, v in linked.items() if k not in rows}


def test_no_correction_id_is_left_as_unlinked_code_in_prose():
    unlinked = {}
    for path in NOTEBOOKS:
        for cell in cells(path):
            if cell["cell_type"] == "markdown":
                text = re.sub(r"\{correction\}`[^`]*`", "", "".join(cell["source"]))
                found = re.findall(r"`((?:co|cx)-[a-z0-9-]+)`", text)
                if found:
                    unlinked.setdefault(path.name, []).extend(found)
    assert not unlinked, unlinked


def test_the_embedded_csv_cannot_end_its_link_and_round_trips():
    frame = pd.DataFrame({"text": ['a "quote" <b> & #1 50% “curly”\nnext line']})
    html = display.table(frame, "Hostile").data
    href = re.search(r'href="(data:text/csv[^"]*)"', html).group(1)
    assert not re.search(r'[<>"&#\n]', href)
    assert pd.read_csv(io.StringIO(unquote(href.split(",", 1)[1])))["text"][0] == frame["text"][0]


def _every_event_csv(path: Path) -> str:
    for html in html_outputs(path):
        if "<caption" in html and re.search(r"<caption[^>]*>Every event", html):
            return unquote(re.search(r'href="data:text/csv;charset=utf-8,([^"]*)"', html).group(1))
    raise AssertionError(f"{path.name} has no 'Every event' table")


def test_the_every_event_table_of_chapter_10_downloads_with_its_event_ids():
    rows = list(csv.DictReader(io.StringIO(_every_event_csv(ROOT / "chapters" / "10_thaw_index.ipynb"))))
    assert rows and all(re.match(r"ev-[a-z0-9-]+$", next(iter(row.values()))) for row in rows)


def test_the_every_event_table_of_chapter_04_downloads_with_its_event_ids():
    header = _every_event_csv(ROOT / "chapters" / "04_chronology.ipynb").splitlines()[0]
    assert "event_id" in header.split(",")


def test_a_long_context_box_is_folded_and_says_how_many_facts_it_holds_a_short_one_stays_open():
    context = pd.read_csv(ROOT / "data" / "context.csv", dtype=str)
    context["source_date"] = pd.to_datetime(context["source_date"])
    ids = list(context["context_id"])
    short = display.context_box(context, ids[:2], title="Context").data.splitlines()
    long = display.context_box(
        context, ids[: display.CONTEXT_OPEN_MAX + 1], title="Context"
    ).data.splitlines()
    assert short[1] == ":class: context" and short[0] == ":::{admonition} Context"
    assert long[1] == ":class: context dropdown"
    assert f"{display.CONTEXT_OPEN_MAX + 1} facts from outside sources; tap or click to open" in long[0]


def test_id_columns_and_the_key_column_are_marked_so_that_a_phones_card_shows_them_last():
    frame = pd.DataFrame({"event_id": ["ev-a"], "title": ["Talks"], "said": ["in May"], "valid": [True]})
    markup = display.table(frame, "Events", key="said").data
    heads = re.findall(r"<th scope=\"col\"([^>]*)>([^<]*)</th>", markup)
    cells = re.findall(r"<td([^>]*)>", markup)
    print(heads, cells)
    assert [bool(attrs) for attrs, _ in heads] == [True, False, True, False]
    assert cells == [' class="thawbook-id"', "", ' class="thawbook-id"', ""]
    assert not display.ID_COLUMN.search("valid") and not display.ID_COLUMN.search("paid")


def test_a_source_title_recorded_as_missing_is_said_in_words_and_still_escaped():
    said = display.source_title_words("[headline not shown on the stored page; report of the <b>dinner</b>]")
    assert said == "Report of the <b>dinner</b> (the page shows no headline)"
    assert (
        display.source_title_words("China names Li as defence minister")
        == "China names Li as defence minister"
    )
    context = pd.DataFrame(
        {
            "context_id": ["cx-a"],
            "claim": ["A claim."],
            "source_type": ["outlet_of_record"],
            "source_publisher": ["The Straits Times"],
            "source_title": ["[headline not shown on the stored page; report of the <b>dinner</b>]"],
            "source_url": ["https://example.org/a"],
            "source_date": [None],
        }
    )
    box = display.context_box(context, ["cx-a"]).data
    assert "[headline not shown" not in box and "Report of the" in box and "<b>" not in box
