"""How notebooks show tables and outside context in the book.

- :func:`table` renders a DataFrame as an accessible HTML table (caption, column headers with
  ``scope``), sortable in the page by ``_static/thawbook-sortable.js``.
- :func:`context_box` renders rows of ``data/context.csv`` (with the kind of source) as a visibly different
  "Context" admonition with their citations; the book explains the style once, in its
  introduction. Markdown outputs are parsed as MyST (``nb_render_markdown_format: myst``).
- :func:`md` wraps text for ``{glue:md}`` so strings appear without quotes.
"""
from __future__ import annotations

import base64
import html
import re

import pandas as pd
from IPython.display import HTML, Markdown

from thawbook.seed import ANNOTATED_PAGE, anchor


def _cell(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return html.escape(str(value))


def csv_link(frame: pd.DataFrame, filename: str) -> str:
    """A link that downloads ``frame`` as CSV, embedded in the page so it works offline and over file://."""
    payload = base64.b64encode(frame.to_csv(index=False, date_format="%Y-%m-%d").encode("utf-8")).decode("ascii")
    return (f'<a class="thawbook-download" download="{html.escape(filename)}" '
            f'href="data:text/csv;charset=utf-8;base64,{payload}">Download this table as CSV ({html.escape(filename)})</a>')


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


EVIDENCE_COLUMNS = {"evidence", "original (evidence)"}
SPAN_SEPARATOR = " | "  # a cell may quote several spans, as the dating derivation does


def _evidence_cell(value) -> str:
    """Evidence, each span linked to its highlight in the annotated source (pages sit side by side)."""
    if not _cell(value):
        return ""
    return SPAN_SEPARATOR.join(
        f'<a class="thawbook-evidence" href="{ANNOTATED_PAGE}#{anchor(span)}">{html.escape(span)}</a>'
        for span in str(value).split(SPAN_SEPARATOR)
    )


def table(frame: pd.DataFrame, caption: str, *, sortable: bool = True, ident: str | None = None,
          download: str | None = None) -> HTML:
    """A captioned HTML table with a CSV download link; with ``sortable``, a click on a column
    header sorts the rows. ``download`` names the CSV file (default: from the caption).

    A column named ``evidence`` (or ``original (evidence)``) links each span to its span in the annotated source, so every
    row a chapter shows leads back to the words of the article that ground it."""
    classes = "thawbook-table" + (" sortable" if sortable else "")
    attributes = f' id="{html.escape(ident)}"' if ident else ""
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in frame.columns)
    render = [_evidence_cell if str(column) in EVIDENCE_COLUMNS else _cell for column in frame.columns]
    body = "".join(
        "<tr>" + "".join(f"<td>{show(v)}</td>" for show, v in zip(render, row)) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return HTML(
        f'<div class="thawbook-table-wrap"><table class="{classes}"{attributes}>'
        f"<caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>{csv_link(frame, download or slug(caption) + '.csv')}</div>"
    )


#: How the kinds of source (``data/context.csv`` ``source_type``) are named on the page.
SOURCE_TYPES = {"primary": "primary source", "wire": "news agency", "newspaper": "newspaper",
                "state_media": "state media", "reference": "reference work", "other": "other source"}


def source_type_label(source_type: str) -> str:
    """The reader's name for a ``source_type`` value (``"wire"`` -> ``"news agency"``)."""
    return SOURCE_TYPES.get(source_type, source_type)


def context_box(context: pd.DataFrame, ids: list[str], title: str = "Context from outside the article") -> Markdown:
    """A "Context" admonition stating each fact with its citation (source type, publisher, title, date, URL)."""
    rows = context.set_index("context_id").loc[list(ids)]
    lines = [f":::{{admonition}} {title}", ":class: context", ""]
    for context_id, row in rows.iterrows():
        date = f", {row['source_date']:%Y-%m-%d}" if pd.notna(row["source_date"]) else ""
        lines.append(
            f"- {row['claim']} *Source ({source_type_label(row['source_type'])}):* {row['source_publisher']}, "
            f"[{row['source_title']}]({row['source_url']}){date}. `{context_id}`"
        )
    lines.append(":::")
    return Markdown("\n".join(lines))


def md(text: str) -> Markdown:
    """Text for ``{glue:md}``: a glued ``str`` would otherwise show its quotes."""
    return Markdown(text)
