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
:mod:`thawbook.charts.theme`. So a cell holding ``<img onerror=...>``, ``</script>`` or
``[x](javascript:...)`` shows as those characters and never runs.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

import pandas as pd
from IPython.display import HTML, Markdown

from thawbook.dates.intervals import ISO_DAY, iso
from thawbook.inputs.seed import ANNOTATED_PAGE, anchor
from thawbook.render.labels import enum_fields, field_labels, humanise


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
    # CommonMark takes one space off each end when both ends have one (and the text is not all
    # spaces): a pad keeps a value that starts or ends with a backtick or space exactly as it is.
    stripped = text.startswith(" ") and text.endswith(" ") and text.strip()
    pad = " " if text.startswith("`") or text.endswith("`") or stripped else ""
    return f"{fence}{pad}{text or ' '}{pad}{fence}"  # "``" would be two backticks, not a span


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
_BACKTICK_RUN = re.compile(r"`+")


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Where the code spans of ``text`` are, found as CommonMark finds them: a run of backticks
    opens a span only if a later run of the same length closes it (the first such run), and a
    run that nothing closes is literal backticks. Backslashes are not looked at: outside the
    spans :func:`_neutralise` escapes every one, so none escapes a backtick in its output."""
    runs = [(found.start(), found.end()) for found in _BACKTICK_RUN.finditer(text)]
    spans, index = [], 0
    while index < len(runs):
        start, end = runs[index]
        closing = next(
            (
                later
                for later in range(index + 1, len(runs))
                if runs[later][1] - runs[later][0] == end - start
            ),
            None,
        )
        if closing is None:
            index += 1  # literal backticks; a later, shorter or longer run may still open a span
            continue
        spans.append((start, runs[closing][1]))
        index = closing + 1
    return spans


def _escape_outside_code(text: str) -> str:
    return _MD_UNSAFE.sub(r"\\\1", text).replace("`", "\\`")  # stray backticks are literal


def _neutralise(text: str) -> str:
    """``text`` with its code spans kept and everything outside them that could open markup
    escaped (see :data:`_MD_UNSAFE`), including every backtick that opens no code span."""
    out, last = [], 0
    for start, end in _code_spans(text):
        out.append(_escape_outside_code(text[last:start]))
        out.append(text[start:end])  # a code span shows its content literally
        last = end
    out.append(_escape_outside_code(text[last:]))
    result = "".join(out)
    # "(name)=" alone on a line is a MyST target: a line that starts with an escaped "(" is not one.
    indent = len(result) - len(result.lstrip(" "))
    if result[indent : indent + 1] == "(":
        result = f"{result[:indent]}\\{result[indent:]}"
    return result


def _cell(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return iso(value)
    return escape_html(value)


#: What a CSV may keep literally in a ``data:`` link: everything else (``% # & " < >``, line
#: breaks, non-ASCII) is percent-encoded, so the link cannot end its attribute or its URL.
_CSV_URL_SAFE = " ,.;:/()-_'!*?=+@$~[]{}|^"


def csv_link(frame: pd.DataFrame, filename: str) -> str:
    """A link that downloads ``frame`` as CSV, embedded in the page so it works offline and over file://.

    The CSV is percent-encoded rather than base64-encoded: most of it stays as it is, which
    keeps pages with long tables a quarter lighter. The file name shown may break after any of
    its hyphens (``<wbr>``), so that a long one wraps between words on a phone."""
    text = frame.to_csv(index=False, date_format=ISO_DAY)
    payload = quote(text, safe=_CSV_URL_SAFE)
    return (
        f'<a class="thawbook-download" download="{escape_html(filename)}" '
        f'href="data:text/csv;charset=utf-8,{payload}">Download this table as CSV '
        f'(<span class="thawbook-filename">{escape_html(filename).replace("-", "-<wbr>")}</span>)</a>'
    )


def slug(text: str, limit: int | None = 60) -> str:
    """``text`` as lowercase words joined by hyphens; over ``limit`` characters it is cut at a
    word boundary, never inside a word (``None``: never cut, as for download file names)."""
    out = re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")
    if limit is not None and len(out) > limit:
        out = out[: limit + 1].rsplit("-", 1)[0] if "-" in out[: limit + 1] else out[:limit]
    return out


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


#: Tables with more rows than this get a filter box and a scrolling box with a sticky header.
FILTER_ROWS = 25


def column_label(name, labels: dict[str, str]) -> str:
    """The reader's name of a column: its field title, else the name in words with a capital
    (``with_rationale`` -> ``With rationale``, ``original (evidence)`` -> ``Original (evidence)``)."""
    name = str(name)
    if name in labels:
        return labels[name]
    text = humanise(name, capital=False)
    return text[:1].upper() + text[1:] if text[:1].islower() else text


#: A column that holds ids (``event_id``, ``id``): shown last on a phone's card.
ID_COLUMN = re.compile(r"(?:^|_)id$")


def row_id(value) -> str:
    """The HTML id a keyed row carries (its key, made safe): links land on the row."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", str(value)).strip("-") or "row"


def table(
    frame: pd.DataFrame,
    caption: str,
    *,
    sortable: bool = True,
    ident: str | None = None,
    download: str | None = None,
    key: str | None = None,
    labels: bool = True,
) -> HTML:
    """A captioned HTML table with a CSV download link; with ``sortable``, a click on a column
    header sorts the rows. ``download`` names the CSV file (default: from the caption).

    With ``labels``, headers show the field titles of ``data/datapackage.json``
    (:func:`thawbook.render.labels.field_labels`), enum values and booleans are humanised
    (:func:`humanise`); the CSV keeps the raw names and values. With ``key``, each row carries
    its key as HTML ``id`` (:func:`row_id`), so a link can land on it. Over
    :data:`FILTER_ROWS` rows, the table scrolls in its own box under a sticky header and gets a
    labelled filter box (``_static/thawbook-sortable.js``).

    A column named ``evidence`` (or ``original (evidence)``) links each span to its span in the
    annotated source, so every row a chapter shows leads back to the words of the article that
    ground it."""
    names = field_labels() if labels else {}
    enums = (enum_fields() - {"theme"}) if labels else set()
    long = len(frame) > FILTER_ROWS
    classes = "thawbook-table" + (" sortable" if sortable else "")
    filename = download or slug(caption, limit=None) + ".csv"
    ident = ident or "table-" + slug(filename.removesuffix(".csv"))
    attributes = f' id="{escape_html(ident)}"'
    # An id column is marked, so that a phone's card puts it last, after what a reader looks for.
    marks = [' class="thawbook-id"' if ID_COLUMN.search(str(c)) or c == key else "" for c in frame.columns]
    head = "".join(
        f'<th scope="col"{m}>{escape_html(column_label(c, names))}</th>' for c, m in zip(frame.columns, marks)
    )

    def plain(value) -> str:
        if isinstance(value, bool) or type(value).__name__ == "bool_":
            return humanise(value) if labels else escape_html(value)
        return _cell(value)

    def enum(value) -> str:
        text = _cell(value)
        return escape_html(humanise(value)) if text else text

    render = [
        _evidence_cell if str(c) in EVIDENCE_COLUMNS else enum if str(c) in enums else plain
        for c in frame.columns
    ]
    keys = list(frame[key]) if key is not None else [None] * len(frame)
    body = "".join(
        (f'<tr id="{escape_html(row_id(k))}">' if k is not None else "<tr>")
        + "".join(f"<td{m}>{show(v)}</td>" for show, m, v in zip(render, marks, row))
        + "</tr>"
        for k, row in zip(keys, frame.itertuples(index=False))
    )
    caption_id = escape_html(ident + "-caption")
    wrap = (
        '<div class="thawbook-table-wrap thawbook-long" tabindex="0" role="region" '
        f'aria-labelledby="{caption_id}">'
        if long
        else '<div class="thawbook-table-wrap">'
    )
    search = (
        f'<div class="thawbook-filter" hidden><label for="{escape_html(ident)}-filter">Filter rows</label> '
        f'<input type="search" id="{escape_html(ident)}-filter" data-table="{escape_html(ident)}" '
        f'autocomplete="off"> <span class="thawbook-filter-count" aria-live="polite"></span></div>'
        if long
        else ""
    )
    return HTML(
        f'<div class="thawbook-table-block">{search}{wrap}<table class="{classes}"{attributes}>'
        f'<caption id="{caption_id}">{escape_html(caption)}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>{csv_link(frame, filename)}</div>"
    )


#: How the kinds of source (``data/context.csv`` ``source_type``) are named on the page.
SOURCE_TYPES = {
    "primary": "primary source",
    "wire": "news agency",
    "outlet_of_record": "outlet of record",
    "state_media": "state media",
    "reference": "reference work",
    "other": "other source",
}


def source_type_label(source_type: str) -> str:
    """The reader's name for a ``source_type`` value (``"wire"`` -> ``"news agency"``)."""
    return SOURCE_TYPES.get(source_type, source_type)


#: Where the list of outside sources is, relative to a chapter page; its rows carry their ids.
CONTEXT_LIST = "08_source_criticism.html"


def context_link(context_id) -> str:
    """A link, in words, to a context row in the list of outside sources (chapter 08); the id
    stays in the address, where the list's id column shows it, not in the prose."""
    return (
        f'<a class="thawbook-ref" href="{CONTEXT_LIST}#{escape_html(row_id(context_id))}">'
        "In the list of sources</a>"
    )


#: A source title that the data records as missing: "[headline not shown on the stored page; <what it is>]".
NO_HEADLINE = re.compile(r"^\[headline not shown on the stored page; (.+)\]$", re.S)


def source_title_words(title: str) -> str:
    """A source's title as a reader reads it: a missing headline, recorded in brackets, said in
    words ("Report of … (the page shows no headline)"); any other title as it is."""
    missing = NO_HEADLINE.match(str(title).strip())
    if not missing:
        return str(title)
    what = missing.group(1).strip()
    return f"{what[:1].upper()}{what[1:]} (the page shows no headline)"


# A context box of more facts than this is folded: chapter 04's 21 facts, open, were about ten
# phone screens between the chart and the prose that reads it.
CONTEXT_OPEN_MAX = 4


def context_box(
    context: pd.DataFrame, ids: list[str], title: str = "Context from outside the article"
) -> Markdown:
    """A "Context" admonition stating each fact with its citation (source type, publisher, title, date, URL).

    Every value from ``data/context.csv`` is escaped (:func:`escape_markdown`, :func:`escape_html`)
    and the source link goes only to an http(s) address (:func:`safe_url`); the context id links
    to its row in the list of outside sources (:func:`context_link`). A box of more than
    :data:`CONTEXT_OPEN_MAX` facts is folded, its title saying how many it holds."""
    rows = context.set_index("context_id").loc[list(ids)]
    folded = len(rows) > CONTEXT_OPEN_MAX
    if folded:  # a long box is folded, so that the page reads on past it (sphinx-togglebutton)
        title = f"{title} ({len(rows)} facts from outside sources; tap or click to open)"
    lines = [
        f":::{{admonition}} {escape_markdown(title)}",
        f":class: context{' dropdown' if folded else ''}",
        "",
    ]
    for context_id, row in rows.iterrows():
        date = f", {iso(row['source_date'])}" if pd.notna(row["source_date"]) else ""
        lines.append(
            f"- {escape_markdown(row['claim'])} *Source ({escape_markdown(source_type_label(row['source_type']))}):* "
            f"{escape_markdown(row['source_publisher'])}, "
            f"[{escape_markdown(source_title_words(row['source_title']))}]({safe_url(row['source_url'])})"
            f"{date}. {context_link(context_id)}"
        )
    lines.append(":::")
    return Markdown("\n".join(lines))


def md(text: str) -> Markdown:
    """Text for ``{glue:md}``: a glued ``str`` would otherwise show its quotes.

    The notebooks build this text from data, with emphasis and code spans around the values,
    so everything else that could open markup (raw HTML, links, roles, substitutions, math,
    entities) is escaped here, outside code spans; line breaks become spaces."""
    shown = Markdown("")  # given the text, IPython would fetch it if it began "http", or read
    shown.data = _neutralise(re.sub(r"[\r\n]+", " ", str(text)))  # a file it named
    return shown
