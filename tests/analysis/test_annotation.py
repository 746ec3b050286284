"""thawbook.analysis.annotation, annotate_html and annotate_charts: the article with every grounded span
highlighted, and its coverage.

The checks of anchors, popups and coverage compare the rendered page with figures computed
here a different way: straight from the CSV files and the seed, with string search and
offset arithmetic, never through the module's segments.
"""

from __future__ import annotations

import csv
import html
import json
import re

import pytest

from thawbook.analysis import annotation
from thawbook.charts import annotation as annotation_charts
from thawbook.charts import theme
from thawbook.inputs.checks import DataError
from thawbook.inputs.seed import paragraph_bounds, read_seed, sentences
from thawbook.paths import CHAPTERS, DATA, ROOT
from thawbook.render import annotation as annotation_html

STYLESHEET = ROOT / "_static" / "thawbook-annotate.css"

TEXT = read_seed()
TIP = re.compile(
    r'<a class="(hl[^"]*)" href="#([^"]+)" aria-describedby="(t\d+)">(.*?)</a>'
    r'<span role="tooltip" id="\3">(.*?)</span></span>'
)
ROW_LINK = re.compile(r'<a href="#([^"]+)">([^<]+)</a>')


ROW_ENTRY = re.compile(r'</b>: <a href="#row-[a-z]{2}-([^"]+)">([^<]*)</a>')


def tip_text(tip: str) -> str:
    """A popup's HTML with each row's entry as ``</b> <row id>: <summary>``: the id read from the
    link's target (the reader sees the kind and the summary, never the id)."""
    return ROW_ENTRY.sub(r"</b> \1: \2", tip)


@pytest.fixture(scope="module")
def rows():
    return annotation.grounded_rows(annotation.annotation_tables())


@pytest.fixture(scope="module")
def page(rows):
    return annotation_html.render(rows)


def csv_evidence() -> dict[str, list[tuple[str, str]]]:
    """table -> [(row id, evidence)] read with the csv module, for every CSV with an evidence column."""
    out = {}
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    for item in package["resources"]:
        with open(DATA / item["path"], encoding="utf-8", newline="") as handle:
            records = list(csv.DictReader(handle))
        if records and "evidence" in records[0]:
            key = next(iter(records[0]))  # the id is the first column of every table
            out[item["name"]] = [(r[key], r["evidence"]) for r in records]
    return out


# ------------------------------------------------------------------ segmentation
def test_segments_tile_each_paragraph_exactly_once_in_order(rows):
    pieces = annotation.paragraph_segments(rows)
    assert len(pieces) == len(paragraph_bounds(TEXT))
    for (a, b), segments in zip(paragraph_bounds(TEXT), pieces):
        assert segments[0].start == a and segments[-1].end == b
        assert all(left.end == right.start for left, right in zip(segments, segments[1:]))
        assert "".join(TEXT[s.start : s.end] for s in segments) == TEXT[a:b]


def test_overlapping_spans_produce_a_segment_covered_by_both():
    segments = annotation.segment(0, 20, [(2, 10), (5, 15), (30, 40)])
    assert [(s.start, s.end, set(s.covering)) for s in segments] == [
        (0, 2, set()),
        (2, 5, {0}),
        (5, 10, {0, 1}),
        (10, 15, {1}),
        (15, 20, set()),
    ]


def test_overlapping_rows_of_the_real_data_share_a_popup(rows, page):
    """An event and an actor overlap in the article; some highlight's popup lists both."""
    events, actors = rows[rows["kind"] == "events"], rows[rows["kind"] == "actors"]
    pairs = [
        (e.row_id, a.row_id)
        for e in events.itertuples()
        for a in actors.itertuples()
        if a.start < e.end and e.start < a.end
    ]
    assert pairs, "no event overlaps an actor"
    tips = [tip_text(m.group(5)) for m in TIP.finditer(page)]
    for event_id, actor_id in pairs:
        assert any(f" {event_id}:" in tip and f" {actor_id}:" in tip for tip in tips), (event_id, actor_id)


# ------------------------------------------------------------------ anchors and popups
def test_every_distinct_evidence_span_of_every_table_has_exactly_one_anchor(page):
    tables = csv_evidence()
    assert set(tables) == set(annotation.evidence_tables())
    spans = set()
    for name, records in tables.items():
        for _, evidence in records:
            start = TEXT.find(evidence)
            assert start >= 0 and TEXT.find(evidence, start + 1) < 0, (name, evidence)
            spans.add((start, start + len(evidence)))
    for start, end in spans:
        assert page.count(f'id="span-{start}-{end}"') == 1, (start, end, TEXT[start:end])
    anchors = re.findall(r'id="span-(\d+)-(\d+)"', page)
    print(
        f"annotated source: {sum(map(len, tables.values()))} rows of {len(tables)} tables, "
        f"{len(spans)} distinct spans, {len(anchors)} anchors (with the dating clues)"
    )
    assert len(anchors) == len(set(anchors)) >= len(spans)


def test_links_from_other_chapters_land_on_an_anchor(page):
    linked = set()
    for notebook in sorted(CHAPTERS.glob("*.ipynb")) + [ROOT / "index.ipynb"]:
        linked |= set(
            re.findall(r"02_annotated_source\.html#(span-\d+-\d+)", notebook.read_text(encoding="utf-8"))
        )
    missing = sorted(i for i in linked if f'id="{i}"' not in page)
    print(
        f"links into the annotated source from the chapters' outputs: {len(linked)}, unresolved: {len(missing)}"
    )
    assert not missing


def test_popup_of_each_highlight_lists_every_row_id_covering_it(rows, page):
    """The row ids are computed from the rows' offsets, not from the segments' covering sets."""
    focusable = [
        s
        for segments in annotation.paragraph_segments(rows)
        for s in segments
        if s.covering and re.search(r"\w", TEXT[s.start : s.end])
    ]
    found = list(TIP.finditer(page))
    assert len(found) == len(focusable)
    for segment, match in zip(focusable, found):
        assert html.unescape(match.group(4)) == TEXT[segment.start : segment.end]
        expected = rows[(rows["start"] <= segment.start) & (rows["end"] >= segment.end)]
        listed = re.findall(r"</b> ([^:<]+):", tip_text(match.group(5)))
        assert sorted(listed) == sorted(expected["row_id"]), TEXT[segment.start : segment.end]


def test_every_row_is_listed_in_some_popup_and_is_a_link_target(rows, page):
    tips = " ".join(tip_text(m.group(5)) for m in TIP.finditer(page))
    missing = [r.row_id for r in rows.itertuples() if f"</b> {r.row_id}:" not in tips]
    assert not missing
    table = annotation_html.rows_table(rows).data
    targets = {m.group(2) for m in TIP.finditer(page)}
    assert all(f'<tr id="{t}">' in table for t in targets)
    assert table.count("<tr id=") == len(rows)


def test_each_row_in_a_popup_links_to_its_own_row_of_the_rows_table(rows, page):
    """Each row link reads as its row's summary and points at the table row of that id: the popup
    is the way to every row a highlight supports, not only to the one its own link goes to."""
    table = annotation_html.rows_table(rows).data
    names = annotation_html.row_names(rows)
    summaries = {
        annotation_html.row_target(r.kind, r.row_id): annotation_html.ids_in_words(r.summary, names)
        for r in rows.itertuples()
    }
    links = [link for m in TIP.finditer(page) for link in ROW_LINK.findall(m.group(5))]
    assert len(links) >= len(rows)
    for target, words in links:
        assert html.unescape(words) == summaries[target], (target, words)
        assert f'<tr id="{target}">' in table, target


def test_no_popup_shows_a_row_id_to_the_reader(rows, page):
    """A popup names each row by its kind and its summary; the id stays in the link's target."""
    visible = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", m.group(5))) for m in TIP.finditer(page))
    shown = sorted(
        {
            r.row_id
            for r in rows.itertuples()
            if re.search(rf"(?<![\w-]){re.escape(r.row_id)}(?![\w-])", visible)
        }
    )
    print(f"row ids in the popups' visible text: {len(shown)}")
    assert not shown, shown[:5]


def test_each_correction_shows_its_likely_reading_right_after_its_words(page):
    with open(DATA / "corrections.csv", encoding="utf-8", newline="") as handle:
        corrections = list(csv.DictReader(handle))
    assert corrections
    for row in corrections:
        start = TEXT.find(row["evidence"])
        anchor = page.index(f'<span id="span-{start}-{start + len(row["evidence"])}"')
        note = page.index(f"[likely: {html.escape(row['likely_reading'])}]", anchor)
        shown = re.sub(
            r'<span role="tooltip".*?</span></span>|<span class="likely">.*?\]</span>|<[^>]+>',
            "",
            page[anchor:note].split('<span class="likely">[likely: ' + html.escape(row["likely_reading"]))[0],
        )
        assert html.unescape(shown) == row["evidence"], row["correction_id"]


def test_bad_evidence_raises_and_nothing_is_rendered(tmp_data, monkeypatch):
    path = tmp_data / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    record = next(csv.reader([lines[1]]))
    record[header.index("evidence")] = "the"  # occurs many times in the article
    buffer = __import__("io").StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(record)
    path.write_text(lines[0] + buffer.getvalue() + "".join(lines[2:]), encoding="utf-8")
    monkeypatch.setenv("THAWBOOK_DATA", str(tmp_data))
    with pytest.raises(DataError, match="evidence_in_seed"):
        annotation.grounded_rows(annotation.annotation_tables())


def test_a_table_with_evidence_but_no_style_is_refused(monkeypatch):
    kinds = dict(annotation.KINDS)
    kinds.pop("quotes")
    monkeypatch.setattr(annotation, "KINDS", kinds)
    with pytest.raises(KeyError, match="quotes"):
        annotation.evidence_tables()


# ------------------------------------------------------------------ coverage
def test_coverage_share_equals_an_independent_count_from_the_csv_files(rows):
    spans = [(TEXT.find(e), TEXT.find(e) + len(e)) for records in csv_evidence().values() for _, e in records]
    grounded = 0
    for _, s, e in sentences(TEXT):
        grounded += any(a < e and b > s for a, b in spans)
    total = len(sentences(TEXT))
    coverage = annotation.sentence_coverage(annotation.package_rows(rows))
    figures = annotation.figures(rows, coverage)
    print(
        f"sentence coverage: {grounded} of {total} sentences ground at least one row ({grounded / total:.1%}); "
        f"module says {figures['grounded']} ({figures['share_grounded']:.1%}); ungrounded sentences: "
        f"{list(annotation.ungrounded_sentences(coverage)['sentence'])}; {figures['share_characters']:.1%} of "
        f"characters highlighted; deepest overlap {figures['max_depth']} spans"
    )
    assert figures["sentences"] == total
    assert figures["grounded"] == grounded
    assert figures["share_grounded"] == pytest.approx(grounded / total)
    assert figures["rows"] == len(spans)
    assert figures["ungrounded"] == len(annotation.ungrounded_sentences(coverage)) == total - grounded


def test_a_sentence_touched_by_one_character_of_evidence_counts_as_grounded():
    text = "Head\n\nOne two. Three four."
    frame = __import__("pandas").DataFrame(
        {
            "start": [text.index("two") + 2],
            "end": [text.index("Three") + 1],
            "row_id": ["x"],
            "kind": ["events"],
        }
    )
    coverage = annotation.sentence_coverage(frame, text)
    assert list(coverage["grounded"]) == [False, True, True]


# ------------------------------------------------------------------ style and charts
def contrast(foreground: str, background: str) -> float:
    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    high, low = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def highlight_colours(css: str, scope: str) -> tuple[str, list[str]]:
    """The text colour and the k1, k2, k3 backgrounds of highlighted words under ``scope``."""
    hl = re.search(re.escape(scope) + r"\.annotated-source \.hl \{([^}]*)\}", css).group(1)
    text = re.search(r"color: (#[0-9A-F]{6})", hl).group(1)
    depths = [re.search(r"background: (#[0-9A-F]{6})", hl).group(1)] + [
        re.search(
            re.escape(scope) + rf"\.annotated-source \.hl\.k{k} \{{ background: (#[0-9A-F]{{6}})", css
        ).group(1)
        for k in (2, 3)
    ]
    return text, depths


def test_highlight_and_popup_text_meet_wcag_aa_contrast():
    css = STYLESHEET.read_text(encoding="utf-8")
    for scope in ("", 'html[data-theme="dark"] '):
        text, depths = highlight_colours(css, scope)
        for background in depths:
            assert contrast(text, background) >= 4.5, (scope, background)
    tip = re.search(r'\[role="tooltip"\] \{([^}]*)\}', css).group(1)
    tip_background = re.search(r"background: (#[0-9A-F]{6})", tip).group(1)
    for colour in [
        re.search(r"[^-]color: (#[0-9A-F]{6})", tip).group(1),
        re.search(r'\[role="tooltip"\] b \{ color: (#[0-9A-F]{6})', css).group(1),
    ]:
        assert contrast(colour, tip_background) >= 4.5


def test_more_rows_on_the_words_means_a_stronger_highlight_in_light_and_dark_mode():
    css = STYLESHEET.read_text(encoding="utf-8")
    for scope, page in (("", "#FFFFFF"), ('html[data-theme="dark"] ', "#121212")):
        _, depths = highlight_colours(css, scope)
        strength = [contrast(page, background) for background in depths]
        print(scope or "light", depths, [round(x, 2) for x in strength])
        assert strength == sorted(strength) and len(set(strength)) == 3, (scope, depths)


def test_palette_gives_every_kind_a_colour_and_the_chart_uses_it(rows):
    colours = annotation_charts.palette()
    assert set(colours) == set(annotation.KINDS)
    spec = annotation_charts.density_chart(annotation.density(rows)).to_dict()
    scale = spec["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"])) == {
        annotation.KINDS[k][1]: colours[k] for k in annotation.KINDS if k in set(rows["kind"])
    }
    css = STYLESHEET.read_text(encoding="utf-8")
    for code, _, _ in annotation.KINDS.values():
        assert all(f".{layer}-{code}{{" in css for layer in "abcd"), code


def test_the_committed_palette_stylesheet_is_the_one_generated_from_the_colours():
    committed = (ROOT / "_static" / annotation_html.PALETTE_STYLESHEET).read_text(encoding="utf-8")
    assert committed == annotation_html.palette_stylesheet(), (
        "run thawbook.render.annotation.write_palette_stylesheet()"
    )
    declared = dict(re.findall(r"--hl-([a-z]+): (#[0-9A-F]{6});", committed.split("html[")[0]))
    assert declared == {code: light for code, (light, _) in theme.HIGHLIGHTS.items()}
    assert {code for code, _, _ in annotation.KINDS.values()} == set(theme.HIGHLIGHTS)
    assert "--hl-" not in STYLESHEET.read_text(encoding="utf-8").split("*/", 1)[1].replace("var(--hl-", "")


def test_density_counts_every_row_once(rows):
    per_paragraph = annotation.density(rows)
    assert per_paragraph["rows"].sum() == len(rows)
    assert set(per_paragraph["paragraph"]) <= set(range(len(paragraph_bounds(TEXT))))


def test_an_id_inside_a_summary_reads_as_its_name_and_a_longer_id_is_not_cut():
    names = {"ev-a": "A meets B", "ev-a-b": "A and B trade"}
    text = "orders ev-a before ev-a-b; not xev-a or ev-a-bc."
    assert annotation_html.ids_in_words(text, names) == (
        "orders “A meets B” before “A and B trade”; not xev-a or ev-a-bc."
    )
