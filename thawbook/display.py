"""How notebooks show tables and outside context in the book.

- :func:`table` renders a DataFrame as an accessible HTML table (caption, column headers with
  ``scope``), sortable in the page by ``_static/thawbook-sortable.js``.
- :func:`context_box` renders rows of ``data/context.csv`` (with the kind of source) as a visibly different
  "Context" admonition with their citations; the book explains the style once, in its
  introduction. Markdown outputs are parsed as MyST (``nb_render_markdown_format: myst``).
- :func:`md` wraps text for ``{glue:md}`` so strings appear without quotes.

**Escaping happens here, once.** Every string from the data that reaches a page goes through
:func:`escape_html` (in HTML we build), :func:`escape_markdown` (in Markdown we build) or
:func:`code_md` (in a Markdown code span); :func:`md` neutralises the Markdown it is given, and
:func:`safe_url` admits only http(s) links. Chart specs are escaped for ``<script>`` by
:mod:`thawbook.theme`. So a cell holding ``<img onerror=...>``, ``</script>`` or
``[x](javascript:...)`` shows as those characters and never runs.
"""
from __future__ import annotations

import base64
import html
import re
from urllib.parse import quote, urlsplit

import pandas as pd
from IPython.display import HTML, Markdown

from thawbook.seed import ANNOTATED_PAGE, anchor


# ---------------------------------------------------------------- escaping, in one place
def escape_html(value) -> str:
    """A data value as HTML text or attribute value: ``& < > " '`` become entities."""
    return html.escape(str(value), quote=True)


# Characters that can start Markdown or MyST syntax: raw HTML and autolinks (< >), links and
# images ([ ] ( ) !), roles and substitutions ({ }), math ($), entities (&), code and fences
# (` ~ :), emphasis (* _), headings and tables (# |), lists (+) and the escape itself (\\).
_MARKDOWN_ACTIVE = re.compile(r"""([\\`*_{}\[\]()<>#+!|$&~:])""")


def escape_markdown(value) -> str:
    """A data value as Markdown text that renders as exactly those characters.

    Each such character is backslash-escaped (CommonMark allows that for all ASCII
    punctuation), and line breaks become spaces, so a value can neither open HTML, a link, a
    role, a substitution or math, nor start a block (a directive fence, a heading, a table).
    """
    text = re.sub(r"[\r\n]+", " ", str(value))
    return _MARKDOWN_ACTIVE.sub(r"\\\1", text)


def code_md(value) -> str:
    """A data value as a Markdown code span, fenced with more backticks than it contains."""
    text = re.sub(r"[\r\n]+", " ", str(value))
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def safe_url(value) -> str:
    """An http(s) URL for a Markdown link destination, or a ValueError; characters that could
    end the destination (spaces, parentheses, angle brackets) are percent-encoded."""
    url = str(value).strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"not an http(s) URL: {url[:80]!r}")
    return quote(url, safe=":/?#@!$&'*+,;=%~-._[]")


# Inside text that :func:`md` is given, outside code spans: what could start raw HTML, a
# link or image, a role, a substitution, math, an entity or a block (a directive fence, a
# heading, a table). Emphasis (* _) stays, because the notebooks italicise titles with it; it
# cannot carry markup.
_MD_UNSAFE = re.compile(r"([<>\[\]{}$&\\:|#~!])")
_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.S)


def _neutralise(text: str) -> str:
    out, last = [], 0
    for match in _CODE_SPAN.finditer(text):
        out.append(_MD_UNSAFE.sub(r"\\\1", text[last:match.start()]))
        out.append(match.group())  # a code span shows its content literally, escaped
        last = match.end()
    out.append(_MD_UNSAFE.sub(r"\\\1", text[last:]))
    return "".join(out)


def _cell(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return escape_html(value)


def csv_link(frame: pd.DataFrame, filename: str) -> str:
    """A link that downloads ``frame`` as CSV, embedded in the page so it works offline and over file://."""
    payload = base64.b64encode(frame.to_csv(index=False, date_format="%Y-%m-%d").encode("utf-8")).decode("ascii")
    return (f'<a class="thawbook-download" download="{escape_html(filename)}" '
            f'href="data:text/csv;charset=utf-8;base64,{payload}">Download this table as CSV ({escape_html(filename)})</a>')


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


EVIDENCE_COLUMNS = {"evidence", "original (evidence)"}
SPAN_SEPARATOR = " | "  # a cell may quote several spans, as the dating derivation does


def _evidence_cell(value) -> str:
    """Evidence, each span linked to its highlight in the annotated source (pages sit side by side)."""
    if not _cell(value):
        return ""
    return SPAN_SEPARATOR.join(
        f'<a class="thawbook-evidence" href="{ANNOTATED_PAGE}#{anchor(span)}">{escape_html(span)}</a>'
        for span in str(value).split(SPAN_SEPARATOR)
    )


def table(frame: pd.DataFrame, caption: str, *, sortable: bool = True, ident: str | None = None,
          download: str | None = None) -> HTML:
    """A captioned HTML table with a CSV download link; with ``sortable``, a click on a column
    header sorts the rows. ``download`` names the CSV file (default: from the caption).

    A column named ``evidence`` (or ``original (evidence)``) links each span to its span in the annotated source, so every
    row a chapter shows leads back to the words of the article that ground it."""
    classes = "thawbook-table" + (" sortable" if sortable else "")
    attributes = f' id="{escape_html(ident)}"' if ident else ""
    head = "".join(f'<th scope="col">{escape_html(c)}</th>' for c in frame.columns)
    render = [_evidence_cell if str(column) in EVIDENCE_COLUMNS else _cell for column in frame.columns]
    body = "".join(
        "<tr>" + "".join(f"<td>{show(v)}</td>" for show, v in zip(render, row)) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return HTML(
        f'<div class="thawbook-table-wrap"><table class="{classes}"{attributes}>'
        f"<caption>{escape_html(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>{csv_link(frame, download or slug(caption) + '.csv')}</div>"
    )


#: How the kinds of source (``data/context.csv`` ``source_type``) are named on the page.
SOURCE_TYPES = {"primary": "primary source", "wire": "news agency", "newspaper": "newspaper",
                "state_media": "state media", "reference": "reference work", "other": "other source"}


def source_type_label(source_type: str) -> str:
    """The reader's name for a ``source_type`` value (``"wire"`` -> ``"news agency"``)."""
    return SOURCE_TYPES.get(source_type, source_type)


def context_box(context: pd.DataFrame, ids: list[str], title: str = "Context from outside the article") -> Markdown:
    """A "Context" admonition stating each fact with its citation (source type, publisher, title, date, URL).

    Every value from ``data/context.csv`` is escaped (:func:`escape_markdown`, :func:`code_md`)
    and the link goes only to an http(s) address (:func:`safe_url`)."""
    rows = context.set_index("context_id").loc[list(ids)]
    lines = [f":::{{admonition}} {escape_markdown(title)}", ":class: context", ""]
    for context_id, row in rows.iterrows():
        date = f", {row['source_date']:%Y-%m-%d}" if pd.notna(row["source_date"]) else ""
        lines.append(
            f"- {escape_markdown(row['claim'])} *Source ({escape_markdown(source_type_label(row['source_type']))}):* "
            f"{escape_markdown(row['source_publisher'])}, "
            f"[{escape_markdown(row['source_title'])}]({safe_url(row['source_url'])}){date}. {code_md(context_id)}"
        )
    lines.append(":::")
    return Markdown("\n".join(lines))


def md(text: str) -> Markdown:
    """Text for ``{glue:md}``: a glued ``str`` would otherwise show its quotes.

    The notebooks build this text from data, with emphasis and code spans around the values,
    so everything else that could open markup (raw HTML, links, roles, substitutions, math,
    entities) is escaped here, outside code spans; line breaks become spaces."""
    return Markdown(_neutralise(re.sub(r"[\r\n]+", " ", str(text))))
