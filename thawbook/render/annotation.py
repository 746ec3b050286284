"""The annotated source as HTML: the article with every grounded span highlighted and linked.

:func:`render` writes the article paragraph by paragraph (the headline is paragraph 0) from
the rows of :func:`thawbook.analysis.annotation.grounded_rows`, cut into pieces by
:func:`thawbook.analysis.annotation.paragraph_segments`: an empty ``<span id="span-S-E">`` at the start
of each distinct span (the target of :func:`thawbook.inputs.seed.anchor` links from every table of
the book), each covered piece as a focusable link described by a popup (``role="tooltip"``)
that lists the rows it supports, each linking to its row in the table at the end of the page
(:func:`rows_table`), as does the highlight itself; the popup shows on hover and focus with CSS
only, and ``_static/thawbook-annotate.js`` makes a tap, click, Enter or Space open it without
following the link (Escape closes it); and after each garbled span its likely reading with the
correction's id (``data/corrections.csv``). :func:`legend` is the key to the styles, which
live in ``_static/thawbook-annotate.css``. Every value passes through :mod:`thawbook.render.display`'s
escaping.
"""

from __future__ import annotations

import re

import pandas as pd
from IPython.display import HTML

from thawbook.analysis.annotation import KINDS, paragraph_segments
from thawbook.charts.theme import HIGHLIGHTS
from thawbook.inputs.seed import paragraph_bounds, read_seed
from thawbook.paths import ROOT
from thawbook.render import display
from thawbook.render.labels import humanise

MAX_LAYERS = 4  # underlines stacked under one piece of text; the popup lists every row


def row_target(kind: str, row_id: str) -> str:
    """The HTML id of a row in the rows table at the end of the page: ``row-<code>-<row id>``."""
    return f"row-{KINDS[kind][0]}-{row_id}"


def _classes(kinds: list[str], count: int) -> str:
    layers = [KINDS[kind][0] for kind in sorted(set(kinds), key=list(KINDS).index)][:MAX_LAYERS]
    depth = min(count, 3)
    return " ".join(["hl", f"k{depth}"] + [f"{'abcd'[i]}-{code}" for i, code in enumerate(layers)])


def row_names(rows: pd.DataFrame) -> dict[str, str]:
    """Row id -> the words a reader knows the row by: an event's title, an actor's name (the
    first field of its summary, :func:`thawbook.analysis.annotation.grounded_rows`), a measure's
    summary (its instrument, who imposes it and on whom)."""
    named = rows[rows["kind"].isin(["events", "actors", "measures"])]
    return {
        r.row_id: r.summary if r.kind == "measures" else re.split(r";| \(", r.summary, maxsplit=1)[0].strip()
        for r in named.itertuples()
    }


def ids_in_words(text: str, names: dict[str, str]) -> str:
    """``text`` with every row id of ``names`` replaced by its name in quotation marks, so that
    a summary written for the data ("orders ev-a before ev-b") reads without ids."""
    if not names:
        return text
    pattern = "|".join(re.escape(key) for key in sorted(names, key=len, reverse=True))
    return re.sub(rf"(?<![\w-])({pattern})(?![\w-])", lambda m: f"“{names[m.group(1)]}”", text)


def _popup(rows: pd.DataFrame, covering, names: dict[str, str]) -> str:
    chosen = rows.loc[sorted(covering)].sort_values(["kind_rank", "row_id"])
    return "<br>".join(
        f"<b>{display.escape_html(KINDS[r.kind][1])}</b>: "
        f'<a href="#{display.escape_html(row_target(r.kind, r.row_id))}">'
        f"{display.escape_html(ids_in_words(r.summary, names))}</a>"
        for r in chosen.itertuples()
    )


def render(rows: pd.DataFrame, text: str | None = None) -> str:
    """The whole article as HTML with every span of ``rows`` highlighted (see the module docstring)."""
    text = read_seed() if text is None else text
    starts: dict[int, list[tuple[int, int]]] = {}
    for s, e in sorted(set(zip(rows["start"], rows["end"])), key=lambda se: (se[0], -se[1])):
        starts.setdefault(s, []).append((s, e))
    notes: dict[int, list[str]] = {}
    for r in rows[rows["likely"].astype(bool)].itertuples():
        notes.setdefault(r.end, []).append(
            f'<span class="likely">[likely: {display.escape_html(r.likely)}]</span>'
        )
    tip, names = 0, row_names(rows)
    out = ['<div class="annotated-source">']
    for number, ((a, b), pieces) in enumerate(zip(paragraph_bounds(text), paragraph_segments(rows, text))):
        kind = "headline" if number == 0 else "body"
        parts = [f'<p class="src-para {kind}" id="src-para-{number}"><span class="pno">¶{number}</span> ']
        for piece in pieces:
            parts += notes.get(piece.start, []) if piece.start != a else []
            parts += [f'<span id="span-{s}-{e}"></span>' for s, e in starts.get(piece.start, [])]
            words = display.escape_html(text[piece.start : piece.end])
            if not piece.covering:
                parts.append(words)
                continue
            covering = rows.loc[sorted(piece.covering)]
            classes = _classes(list(covering["kind"]), len(covering))
            if not re.search(r"\w", text[piece.start : piece.end]):
                parts.append(f'<span class="{classes}">{words}</span>')  # no name to give a link
                continue
            tip += 1
            inner = (
                covering.assign(length=covering["end"] - covering["start"])
                .sort_values(["length", "kind_rank"])
                .iloc[0]
            )
            parts.append(
                f'<span class="s"><a class="{classes}" href="#{row_target(inner["kind"], inner["row_id"])}" '
                f'aria-describedby="t{tip}">{words}</a><span role="tooltip" id="t{tip}">'
                f"{_popup(rows, piece.covering, names)}</span></span>"
            )
        parts += notes.get(b, [])
        parts.append("</p>")
        out.append("".join(parts))
    out.append("</div>")
    return "\n".join(out)


def legend(rows: pd.DataFrame) -> str:
    """A key to the styles: a sample of each kind's underline, its meaning and its row count."""
    counts = rows["kind"].value_counts()
    items = "".join(
        f'<li><span class="{_classes([kind], 1)}">{display.escape_html(label)}</span> '
        f"{display.escape_html(meaning)} ({int(counts.get(kind, 0))} rows)</li>"
        for kind, (_, label, meaning) in KINDS.items()
    )
    return (
        f'<div class="annotated-source"><ul class="legend">{items}</ul>'
        '<p class="legend-note">A deeper background means more rows rest on the same words; '
        "stacked underlines show which kinds. Hover over, tap or tab to a highlight to list its rows.</p></div>"
    )


def page(rows: pd.DataFrame, text: str | None = None) -> HTML:
    """The legend and the annotated article, for output by a notebook cell."""
    return HTML(legend(rows) + render(rows, text))


def rows_table(rows: pd.DataFrame) -> HTML:
    """Every grounded row as a sortable table (kind, id, dates, evidence); each ``<tr>``
    carries the id :func:`row_target` that the highlights link to."""
    frame = rows.assign(kind=rows["kind"].map(lambda k: KINDS[k][1]))[
        ["kind", "row_id", "date_start", "date_end", "evidence"]
    ]
    out = display.table(
        frame,
        "Every grounded row, in reading order: its kind, id, resolved dates and evidence",
        download="grounded-rows.csv",
    ).data
    head, body = out.split("<tbody>", 1)
    pieces = body.split("<tr>")
    ids = [row_target(k, r) for k, r in zip(rows["kind"], rows["row_id"])]
    if len(pieces) - 1 != len(ids):
        raise ValueError("rows table has an unexpected shape")
    body = pieces[0] + "".join(f'<tr id="{display.escape_html(i)}">{p}' for i, p in zip(ids, pieces[1:]))
    return HTML('<div class="annotated-source">' + head + "<tbody>" + body + "</div>")


# ------------------------------------------------------------------ the highlight colours
PALETTE_STYLESHEET = "thawbook-annotate-palette.css"


def palette_stylesheet() -> str:
    """The CSS custom properties ``--hl-<code>`` of :data:`thawbook.charts.theme.HIGHLIGHTS`, light and
    dark, which ``_static/thawbook-annotate.css`` uses for the underlines."""
    name = {code: humanise(kind, capital=False) for kind, (code, _, _) in KINDS.items()}
    light = "".join(f"  --hl-{code}: {pair[0]};  /* {name[code]} */\n" for code, pair in HIGHLIGHTS.items())
    dark = "".join(f"  --hl-{code}: {pair[1]};\n" for code, pair in HIGHLIGHTS.items() if pair[1] != pair[0])
    return (
        "/* Generated by thawbook.render.annotation.write_palette_stylesheet() from\n"
        "   thawbook.charts.theme.HIGHLIGHTS; do not edit. */\n"
        f".annotated-source {{\n{light}}}\n"
        f'html[data-theme="dark"] .annotated-source {{\n{dark}}}\n'
    )


def write_palette_stylesheet(static_dir=None):
    """Write :func:`palette_stylesheet` to ``_static/``; a test fails when the committed file is stale."""
    from pathlib import Path

    target = Path(static_dir or ROOT / "_static") / PALETTE_STYLESHEET
    target.write_text(palette_stylesheet(), encoding="utf-8")
    return target
