"""Validate the report's tables: the checks that ``thawbook.inputs.tables`` runs as it loads them.

The schemas live in ``data/datapackage.json``; these checks read them and do not restate them.
Validation happens in three layers, and the first failure stops everything with a
:class:`DataError` that names the file, the row, the column and the rule:

1. bytes and lines: the file exists, is not empty, is UTF-8 without a byte-order mark,
   every line has as many cells as the header, no quoted cell is left open, no text cell
   holds a control character, and the table has at least one record (unless its resource
   says ``"thawbook:mayBeEmpty": true``);
2. Table Schema, checked by ``frictionless``: header, types, required cells, enums,
   patterns, primary keys and foreign keys; before that, each field's type is checked
   against :data:`FIELD_TYPES`, the types the package's code is written for;
3. the report's own rules (:data:`RULES`): evidence occurs exactly once in the seed, an
   interval does not end before it starts, a quote's text sits inside its evidence, a
   required text cell is not blank, a source URL is http(s), and outside facts follow the
   source policy (:mod:`thawbook.inputs.source_policy`).

Rows are numbered as in a spreadsheet: the header is row 1, the first record row 2.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from thawbook import paths
from thawbook.inputs import source_policy
from thawbook.inputs.hygiene import INVISIBLE, characters_outside, code_point
from thawbook.inputs.seed import EvidenceError, locate, read_seed
from thawbook.paths import read_recorded


class DataError(ValueError):
    """A table broke a rule. ``str(error)`` reads ``data/x.csv row N, column: problem [rule: name]``.

    A problem found in a file's text rather than in a record (a JSON syntax error) names the
    ``line`` instead: ``data/datapackage.json line N, column C: problem [rule: name]``.
    """

    def __init__(
        self,
        file: str,
        row: int | None,
        column: str | None,
        problem: str,
        rule: str,
        *,
        line: int | None = None,
    ):
        self.file, self.row, self.column, self.problem, self.rule = file, row, column, problem, rule
        self.line = line
        where = file
        if row is not None:
            where += f" row {row}"
        elif line is not None:
            where += f" line {line}"
        if column:
            where += f", {column}"
        super().__init__(f"{where}: {problem} [rule: {rule}]")


def shown_path(path: Path) -> str:
    """A path as the error messages show it: relative to the checkout when it lies inside it."""
    path = Path(path).resolve()
    return str(path.relative_to(paths.ROOT)) if path.is_relative_to(paths.ROOT) else str(path)


# ------------------------------------------------------------------ the package descriptor
# ------------------------------------------------------------------ layer 1: bytes
BOM_PROBLEM = "file starts with a UTF-8 byte-order mark (BOM); save it as UTF-8 without a BOM"
EMPTY_ALLOWED = "thawbook:mayBeEmpty"
# C0 and C1 control characters and DEL; a text cell holds none of them (not even a line break).
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def check_bytes(path: Path) -> str:
    """The text of a table's file, once it is found to exist, be non-empty and be UTF-8 without a BOM.

    Records the read (:func:`thawbook.paths.read_recorded`).
    """
    shown = shown_path(path)
    if not path.exists():
        raise DataError(shown, None, None, "file not found", "file_exists")
    raw = read_recorded(path)
    if raw.startswith(codecs.BOM_UTF8):
        raise DataError(shown, 1, None, BOM_PROBLEM, "no_bom")
    if not raw.strip():
        raise DataError(shown, 1, None, "file is empty; it needs at least a header row", "not_empty")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        row = raw[: error.start].count(b"\n") + 1
        text = raw.decode("utf-8", errors="replace")
        column = None
        try:  # the column, if the lines are sound enough to tell
            header = next(csv.reader(io.StringIO(text, newline="")))
            line = text.split("\n")[row - 1]
            for name, cell in zip(header, next(csv.reader(io.StringIO(line, newline="")), [])):
                if "\ufffd" in cell:
                    column = name
        except (csv.Error, StopIteration, IndexError):
            column = None
        raise DataError(
            shown, row, column, f"byte 0x{raw[error.start]:02x} at offset {error.start} is not UTF-8", "utf8"
        ) from None


def check_header(path: Path, text: str, schema: dict) -> None:
    """The header names every field of ``schema``, no other column, in schema order."""
    try:
        header = next(csv.reader(io.StringIO(text, newline=""), strict=True), [])
    except csv.Error as error:
        raise DataError(
            shown_path(path), 1, None, f"line 1: malformed CSV header: {error}", "csv-syntax"
        ) from None
    fields = [field["name"] for field in schema["fields"]]
    for name in fields:
        if name not in header:
            raise DataError(shown_path(path), 1, name, "column is missing from the header", "known_columns")
    for name in header:
        if name not in fields:
            raise DataError(shown_path(path), 1, name, "column is not in the schema", "known_columns")
    if header != fields:
        raise DataError(
            shown_path(path), 1, None, f"columns must be in schema order {fields}", "column_order"
        )


def parse_lines(path: Path, text: str, item: dict) -> tuple[list[str], list[list[str]]]:
    """The header and records, read strictly: a line with more or fewer cells than the header,
    a quoted cell left open, or a control character stops here with the file, row and line."""
    shown = shown_path(path)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    header: list[str] = []
    row = 0
    try:
        for cells in reader:
            if not cells:
                continue  # a blank line, as pandas and frictionless skip it
            row += 1
            if row == 1:
                header = cells
                continue
            line = reader.line_num
            if len(cells) > len(header):
                extra = ", ".join(repr(cell) for cell in cells[len(header) :])
                raise DataError(
                    shown,
                    row,
                    None,
                    f"line {line} has {len(cells)} cells, the header {len(header)}: extra cell {extra} after "
                    f"the last column {header[-1]!r} (an unquoted comma?)",
                    "extra-cell",
                )
            if len(cells) < len(header):
                missing = header[len(cells) :]
                raise DataError(
                    shown,
                    row,
                    missing[0],
                    f"line {line} has {len(cells)} cells, the header {len(header)}: "
                    f"{', '.join(missing)} missing (a truncated line?)",
                    "missing-cell",
                )
            for name, cell in zip(header, cells):
                found = CONTROL.search(cell)
                if found:
                    raise DataError(
                        shown,
                        row,
                        name,
                        f"control character U+{ord(found.group()):04X} at position {found.start() + 1} "
                        f"of the cell (line {line}); text cells hold no control characters",
                        "no_control_characters",
                    )
                found = INVISIBLE.search(cell)
                if found:
                    raise DataError(
                        shown,
                        row,
                        name,
                        f"invisible character {code_point(found.group())} at position {found.start() + 1} "
                        f"of the cell (line {line}); text cells hold no bidirectional controls or "
                        "zero-width characters: delete it",
                        "no_invisible_characters",
                    )
            records.append(cells)
    except csv.Error as error:
        line = reader.line_num
        raise DataError(
            shown,
            row + 1,
            None,
            f"line {line}: malformed CSV: {error} (a quoted cell is left open?)",
            "csv-syntax",
        ) from None
    if not records and not item.get(EMPTY_ALLOWED, False):
        raise DataError(
            shown,
            2,
            None,
            f"the table has a header but no records; a table that may be empty says "
            f'"{EMPTY_ALLOWED}": true in datapackage.json',
            "not_empty",
        )
    return header, records


# ------------------------------------------------------------------ layer 2: Table Schema
def check_schema(full: dict, names: list[str], directory: Path) -> None:
    """The named resources of the package descriptor ``full`` against their Table Schemas, with frictionless.

    ``directory`` holds the package's files; the first error found is raised as a :class:`DataError`.
    """
    from frictionless import Package

    resources = {item["name"]: item for item in full["resources"]}
    subset = {
        **{k: v for k, v in full.items() if k != "resources"},
        "resources": [resources[name] for name in names],
    }
    package = Package(subset, basepath=str(directory))
    report = package.validate()
    for task in report.tasks:
        for error in task.errors:
            item = resources[task.name]
            shown = shown_path(directory / item["path"])
            column = getattr(error, "field_name", None)
            if error.type == "primary-key":
                column = _key_text(item["schema"]["primaryKey"])
            if error.type == "foreign-key":
                column = _foreign_key_column(error.note, item["schema"])
            problem = _problem(error) + characters_outside(
                getattr(error, "cell", None), item["schema"], column
            )
            raise DataError(shown, getattr(error, "row_number", None), column, problem, error.type)


def _key_text(key) -> str:
    return key if isinstance(key, str) else ", ".join(key)


def _foreign_key_column(note: str, schema: dict) -> str | None:
    for key in schema.get("foreignKeys", []):
        fields = _key_text(key["fields"])
        if f'for "{fields}"' in note:
            return fields
    return None


def _problem(error) -> str:
    cell = getattr(error, "cell", None)
    prefix = f"{cell!r}: " if cell not in (None, "") else ""
    note = error.note or getattr(error, "description", "") or error.title
    return prefix + note


# ------------------------------------------------------------------ layer 3: report rules
@dataclass(frozen=True)
class Rule:
    """One of the report's own data rules: its name and wording."""

    name: str
    description: str


RULES = [
    Rule("evidence_in_seed", "every `evidence` is a verbatim span of the seed that occurs exactly once"),
    Rule("end_not_before_start", "a row's `date_end` is not before its `date_start`"),
    Rule("quote_inside_evidence", "a quotation's `text`, with its curly marks, lies inside its `evidence`"),
    Rule("not_blank", "a required text cell holds more than white space"),
    Rule("http_url", "a `source_url` is an http(s) address with a host"),
    *(Rule(rule.name, rule.description) for rule in source_policy.RULES),
]


def _required_text_fields(schema: dict) -> list[str]:
    return [
        field["name"]
        for field in schema["fields"]
        if field.get("type", "string") == "string" and field.get("constraints", {}).get("required")
    ]


def _check_url(value: str) -> str | None:
    """Why ``value`` is not an http(s) URL with a host, or None if it is one."""
    parsed = urlsplit(value.strip())
    if parsed.scheme.lower() not in {"http", "https"}:
        return f"{value[:80]!r} is not an http(s) URL (scheme {parsed.scheme or 'missing'!r})"
    if not parsed.netloc:
        return f"{value[:80]!r} has no host"
    return None


def check_rules(path: Path, frame: pd.DataFrame, schema: dict | None = None) -> None:
    """Every row of a loaded table (text cells, before typing) against the report's own :data:`RULES`."""
    shown = shown_path(path)
    seed = read_seed()
    required = _required_text_fields(schema) if schema else []
    for index, row in frame.iterrows():
        number = int(index) + 2
        for name in required:
            if not str(row[name]).strip():
                raise DataError(shown, number, name, "required cell is blank (white space only)", "not_blank")
        for name in frame.columns:
            if (name == "source_url" or name.endswith("_url")) and row[name]:
                problem = _check_url(row[name])
                if problem:
                    raise DataError(shown, number, name, problem, "http_url")
        if "evidence" in frame.columns:
            try:
                locate(row["evidence"], seed)
            except EvidenceError as error:
                raise DataError(shown, number, "evidence", str(error), "evidence_in_seed") from None
        if {"date_start", "date_end"} <= set(frame.columns) and row["date_start"] and row["date_end"]:
            if row["date_end"] < row["date_start"]:
                raise DataError(
                    shown,
                    number,
                    "date_end",
                    f"{row['date_end']} is before date_start {row['date_start']}",
                    "end_not_before_start",
                )
        if "text" in frame.columns and "evidence" in frame.columns and path.stem == "quotes":
            if f"“{row['text']}”" not in row["evidence"]:
                raise DataError(
                    shown,
                    number,
                    "text",
                    f"“{row['text']}” is not inside the evidence",
                    "quote_inside_evidence",
                )
    if path.stem == "context":
        for index, column, problem, rule in source_policy.violations(frame)[:1]:
            raise DataError(shown, int(index) + 2, column, problem, rule)
