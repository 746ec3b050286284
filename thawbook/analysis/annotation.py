"""The annotated source: the article itself, every grounded span laid over it, and its coverage.

Every table of the data package that has an ``evidence`` column grounds its rows in a
verbatim span of the seed. This module shapes those spans into frames; the page's markup is
:mod:`thawbook.render.annotation`, its charts :mod:`thawbook.charts.annotation`.

1. :func:`grounded_rows` gathers one row per grounded thing (its *kind* is its table, plus
   the clues of the publication-date derivation in :mod:`thawbook.dates.intervals`, whose spans other
   chapters link to as well), with a one-line summary for the popup;
2. :func:`segment` cuts a paragraph at every span boundary, so each piece of text knows
   the set of rows covering it (overlaps stay readable: a piece covered by an event and a
   quote is one piece, drawn with both styles); :func:`thawbook.render.annotation.render` writes
   the article as HTML from those pieces;
3. :func:`sentence_coverage` says which sentences ground no row, so a reader can judge
   whether anything was lost, and :func:`density` how many rows each paragraph grounds.

Each kind has a CSS code, a label and a meaning (:data:`KINDS`); its style (a coloured
underline, stacked when kinds overlap) is in ``_static/thawbook-annotate.css``, and its colour
in :data:`thawbook.charts.theme.HIGHLIGHTS`.
Bad evidence is not handled here: :func:`thawbook.inputs.tables.load_tables` raises
:class:`thawbook.inputs.checks.DataError` and the page is not rendered at all.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from thawbook.charts import theme
from thawbook.dates.intervals import iso
from thawbook.inputs import tables
from thawbook.inputs.seed import locate, paragraph_bounds, read_seed, sentences
from thawbook.render import display

DATING = "dating"  # the publication-date clues of thawbook.dates.intervals, shown as a kind of their own

# kind: (CSS code, label, what a highlight of this kind means). The order is the order of
# the stacked underlines, the legend and the charts. Each table with an `evidence` column
# must be listed (see evidence_tables); the colours are in theme.HIGHLIGHTS, by code.
KINDS: dict[str, tuple[str, str, str]] = {
    "events": (
        "ev",
        "event",
        "something the article reports as happening; the popup gives its resolved dates and theme",
    ),
    "quotes": ("qu", "quote", "words in quotation marks; the popup names the speaker"),
    "actors": ("ac", "actor", "a person, government or body the article names, with its side"),
    "measures": ("me", "measure", "a sanction, export control, ban, warning or demand to lift one"),
    "positions": ("po", "position", "a government's stance on an issue"),
    "encounters": ("en", "encounter", "a military or diplomatic contact, or a refused one"),
    "event_coding": ("ec", "CAMEO code", "the event's code in the CAMEO event scheme"),
    "coding_alternatives": (
        "al",
        "alternative code",
        "an alternative CAMEO code for a debatable event, used to test the thaw index",
    ),
    "theme_alternatives": (
        "ta",
        "alternative theme",
        "a theme a reader could assign instead, used to test the findings",
    ),
    "corrections": ("co", "correction", "garbled wording; its likely reading follows in brackets"),
    "context": ("cx", "context", "a point where the report brings in an outside source"),
    "temporal_exclusions": (
        "tx",
        "not a date",
        "a time expression that names no date (a duration or a sequence word)",
    ),
    DATING: ("dt", "dating clue", "a clue the report uses to date the article itself"),
}


# ------------------------------------------------------------------ data
def evidence_tables() -> list[str]:
    """Names of the data package's tables with an ``evidence`` field, in package order."""
    names = [
        name
        for name in tables.resource_names()
        if any(field["name"] == "evidence" for field in tables.resource(name)["schema"]["fields"])
    ]
    unknown = [name for name in names if name not in KINDS]
    if unknown:
        raise KeyError(f"tables with evidence but no style in thawbook.analysis.annotation.KINDS: {unknown}")
    return names


def annotation_tables() -> dict[str, pd.DataFrame]:
    """Every evidence table, plus the CAMEO codebook for code labels (validated; may raise DataError)."""
    return tables.load_tables(*evidence_tables(), "cameo_codebook")


def shorten(text, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis if it is longer."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _day(value) -> str:
    return iso(value) if isinstance(value, pd.Timestamp) and pd.notna(value) else ""


def _summaries(name: str, frame: pd.DataFrame, data: dict[str, pd.DataFrame]) -> list[str]:
    """The key fields of each row, as one short line for the popup and the rows table."""
    actor = data["actors"].set_index("actor_id")["name"].to_dict()

    def who(key: str) -> str:
        return actor.get(key, key) or "unnamed"

    out = []
    for row in frame.to_dict("records"):
        if name == "events":
            dates = f"{_day(row['date_start'])} to {_day(row['date_end'])}"
            text = f"{shorten(row['title'], 48)}; {dates}; {theme.label(row['theme'])}"
        elif name == "quotes":
            text = f"said by {who(row['actor_id'])} ({theme.label(row['kind'])})"
        elif name == "actors":
            text = f"{row['name']} ({theme.label(row['side'])})"
        elif name == "measures":
            text = f"{theme.label(row['instrument'])} by {who(row['imposed_by'])} on {who(row['target'])}"
        elif name == "positions":
            text = f"{theme.label(row['side'])} {row['stance']} on {theme.label(row['issue'])}"
        elif name == "encounters":
            said = f", called “{row['characterization']}”" if row["characterization"] else ""
            text = f"{theme.label(row['kind'])}{said}"
        elif name in ("event_coding", "coding_alternatives"):
            labels = data["cameo_codebook"].set_index("cameo_code")["label"].to_dict()
            prefix = "alternative " if name == "coding_alternatives" else ""
            text = f"{prefix}CAMEO {row['cameo_code']} {shorten(labels.get(row['cameo_code'], ''), 40)}"
        elif name == "theme_alternatives":
            text = f"alternative theme: {theme.label(row['theme'])}"
        elif name == "corrections":
            text = f"likely reading: {shorten(row['likely_reading'], 80)} ({row['confidence']} confidence)"
        elif name == "context":
            text = f"{shorten(row['claim'], 48)} ({shorten(row['source_publisher'], 30)})"
        elif name == "temporal_exclusions":
            text = f"{row['reason'].split(':')[0]}"
        else:
            raise KeyError(name)
        out.append(text)
    return out


def grounded_rows(data: dict[str, pd.DataFrame], *, dating: bool = True) -> pd.DataFrame:
    """One row per grounded thing: ``kind, row_id, start, end, paragraph, evidence, summary,
    date_start, date_end, likely`` in reading order (by start, longest span first, then kind).

    ``data`` holds the evidence tables (see :func:`load`). With ``dating``, the evidence spans
    of the publication-date derivation are added as kind ``dating`` (row ids ``dating-<step>``).
    """
    parts = []
    for name in evidence_tables():
        frame = data[name]
        key = tables.resource(name)["schema"]["primaryKey"]
        key = key if isinstance(key, str) else key[0]
        parts.append(
            pd.DataFrame(
                {
                    "kind": name,
                    "row_id": frame[key].astype(str),
                    "start": frame["evidence_start"].astype(int),
                    "end": frame["evidence_end"].astype(int),
                    "paragraph": frame["paragraph"].astype(int),
                    "evidence": frame["evidence"],
                    "summary": _summaries(name, frame, data),
                    "date_start": [_day(v) for v in frame["date_start"]] if "date_start" in frame else "",
                    "date_end": [_day(v) for v in frame["date_end"]] if "date_end" in frame else "",
                    "likely": frame["likely_reading"] if name == "corrections" else "",
                }
            )
        )
    if dating:
        from thawbook.dates.publication import infer_publication_interval

        _, steps = infer_publication_interval()
        records = []
        for number, step in enumerate(steps, start=1):
            for evidence in step.evidence:
                span = locate(evidence)
                records.append(
                    {
                        "kind": DATING,
                        "row_id": f"dating-{number}",
                        "start": span.start,
                        "end": span.end,
                        "paragraph": span.paragraph,
                        "evidence": evidence,
                        "summary": f"step {number} of the publication date: {step.name}; allows "
                        f"{iso(step.interval.start)} to {iso(step.interval.end)}",
                        "date_start": "",
                        "date_end": "",
                        "likely": "",
                    }
                )
        parts.append(pd.DataFrame(records))
    rows = pd.concat(parts, ignore_index=True)
    rows["kind_rank"] = rows["kind"].map(list(KINDS).index)
    rows["length"] = rows["end"] - rows["start"]
    rows = rows.sort_values(["start", "length", "kind_rank", "row_id"], ascending=[True, False, True, True])
    return rows.drop(columns="length").reset_index(drop=True)


# ------------------------------------------------------------------ segmentation
@dataclass(frozen=True)
class Segment:
    """``text[start:end]``, covered by the spans numbered in ``covering`` (may be empty)."""

    start: int
    end: int
    covering: frozenset


def segment(start: int, end: int, spans: list[tuple[int, int]]) -> list[Segment]:
    """Cut ``[start, end)`` at every boundary of ``spans`` that falls inside it.

    The segments tile the interval exactly once, in order; each carries the indices of the
    spans that cover it whole (a span covers a segment when ``s <= seg.start`` and
    ``seg.end <= e``).
    """
    cuts = {start, end}
    for s, e in spans:
        cuts.update(x for x in (s, e) if start < x < end)
    cuts = sorted(cuts)
    return [
        Segment(a, b, frozenset(i for i, (s, e) in enumerate(spans) if s <= a and b <= e))
        for a, b in zip(cuts, cuts[1:])
    ]


def paragraph_segments(rows: pd.DataFrame, text: str | None = None) -> list[list[Segment]]:
    """:func:`segment` for each paragraph of the seed; ``covering`` holds indices into ``rows``."""
    text = read_seed() if text is None else text
    spans = list(zip(rows["start"], rows["end"]))
    out = []
    for a, b in paragraph_bounds(text):
        inside = [(s, e) if a <= s and e <= b else (0, 0) for s, e in spans]
        out.append(segment(a, b, inside))
    return out


# ------------------------------------------------------------------ coverage
def package_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows that come from the data package (without the dating clues)."""
    return rows[rows["kind"] != DATING]


def sentence_coverage(rows: pd.DataFrame, text: str | None = None) -> pd.DataFrame:
    """One row per sentence of :func:`thawbook.inputs.seed.sentences`: ``sentence`` (1 is the headline),
    ``paragraph``, ``position`` (within the paragraph), ``start``, ``end``, ``text``, ``rows``
    (how many rows' evidence overlaps it), ``row_ids`` and ``grounded``."""
    text = read_seed() if text is None else text
    out = []
    position: dict[int, int] = {}
    for number, (paragraph, s, e) in enumerate(sentences(text), start=1):
        position[paragraph] = position.get(paragraph, 0) + 1
        hit = rows[(rows["start"] < e) & (rows["end"] > s)]
        out.append(
            {
                "sentence": number,
                "paragraph": paragraph,
                "position": position[paragraph],
                "start": s,
                "end": e,
                "text": text[s:e],
                "rows": len(hit),
                "row_ids": ", ".join(hit["row_id"]),
                "grounded": len(hit) > 0,
            }
        )
    return pd.DataFrame(out)


def figures(rows: pd.DataFrame, coverage: pd.DataFrame, text: str | None = None) -> dict:
    """The page's numbers: rows, spans, sentences grounded, depth of overlap, share of text highlighted."""
    text = read_seed() if text is None else text
    package = package_rows(rows)
    depth = [0] * len(text)
    for s, e in set(zip(rows["start"], rows["end"])):
        for i in range(s, e):
            depth[i] += 1
    body = [i for a, b in paragraph_bounds(text) for i in range(a, b)]
    return {
        "rows": len(package),
        "tables": package["kind"].nunique(),
        "spans": len(set(zip(rows["start"], rows["end"]))),
        "package_spans": len(set(zip(package["start"], package["end"]))),
        "dating_clues": int((rows["kind"] == DATING).sum()),
        "corrections": int((rows["kind"] == "corrections").sum()),
        "sentences": len(coverage),
        "grounded": int(coverage["grounded"].sum()),
        "ungrounded": int((~coverage["grounded"]).sum()),
        "share_grounded": float(coverage["grounded"].mean()),
        "share_characters": sum(depth[i] > 0 for i in body) / len(body),
        "max_depth": max(depth),
    }


def annotation_figures(
    data: dict[str, pd.DataFrame], rows: pd.DataFrame, coverage: pd.DataFrame, headline_correction: str
) -> dict:
    """Everything chapter 02 glues, by glue name: :func:`figures`, the paragraph with the most
    rows (:func:`density`), and the headline's words with the likely reading of
    ``headline_correction`` (as Markdown)."""
    f = figures(rows, coverage)
    by_paragraph = density(rows).groupby("paragraph")["rows"].sum()
    fix = data["corrections"].set_index("correction_id").loc[headline_correction]
    out = {
        "an_n_rows": f["rows"],
        "an_n_tables": f["tables"],
        "an_n_spans": f["spans"],
        "an_n_package_spans": f["package_spans"],
        "an_n_dating": f["dating_clues"],
        "an_n_corrections": f["corrections"],
        "an_n_sentences": f["sentences"],
        "an_n_grounded": f["grounded"],
        "an_n_ungrounded": f["ungrounded"],
        "an_share_grounded": f["share_grounded"],
        "an_share_characters": f["share_characters"],
        "an_max_depth": f["max_depth"],
    }
    out["an_top_paragraph"] = int(by_paragraph.idxmax())
    out["an_top_rows"] = int(by_paragraph.max())
    out["an_headline_words"] = display.md(f"“{fix['evidence']}”")
    out["an_headline_likely"] = display.md(f"“{fix['likely_reading']}”")
    return out


def ungrounded_sentences(coverage: pd.DataFrame) -> pd.DataFrame:
    """The sentences no row rests on, for a table: sentence number, paragraph and text."""
    return coverage.loc[~coverage["grounded"], ["sentence", "paragraph", "text"]].reset_index(drop=True)


def density(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows grounded per paragraph and kind: ``paragraph, kind, kind_label, rows``, sorted by
    paragraph and kind order."""
    grouped = rows.groupby(["paragraph", "kind", "kind_rank"], as_index=False).agg(rows=("row_id", "size"))
    grouped["kind_label"] = grouped["kind"].map(lambda k: KINDS[k][1])
    grouped = grouped.sort_values(["paragraph", "kind_rank"]).reset_index(drop=True)
    return grouped[["paragraph", "kind", "kind_label", "rows"]]
