"""The data dictionary, rendered from ``data/datapackage.json`` rather than written by hand.

:func:`resource_summary` and :func:`fields_table` turn one resource descriptor into a
summary and a table of fields; :func:`rules_table` lists the report's own validation rules
(:data:`thawbook.inputs.checks.RULES`). The appendix page calls these for every resource, so the
page changes whenever the package does.
"""

from __future__ import annotations

import pandas as pd

from thawbook.inputs.checks import RULES
from thawbook.render.display import code_md, escape_markdown


def _key_text(key) -> str:
    if not key:
        return ""
    return key if isinstance(key, str) else ", ".join(key)


def constraints_text(field: dict) -> str:
    """A field's constraints in words: enum values, pattern, uniqueness, bounds.

    ``required`` is reported in its own column by :func:`fields_table` and left out here.
    """
    constraints = field.get("constraints", {})
    parts = []
    if "enum" in constraints:
        parts.append("one of: " + ", ".join(f"`{value}`" for value in constraints["enum"]))
    if "pattern" in constraints:
        parts.append(f"pattern `{constraints['pattern']}`")
    if constraints.get("unique"):
        parts.append("unique")
    for name, words in (
        ("minimum", "at least"),
        ("maximum", "at most"),
        ("minLength", "length at least"),
        ("maxLength", "length at most"),
    ):
        if name in constraints:
            parts.append(f"{words} {constraints[name]}")
    return "; ".join(parts)


def foreign_keys(resource: dict) -> list[str]:
    """Each foreign key as ``"field → resource.field"`` (an empty resource means this one)."""
    out = []
    for key in resource["schema"].get("foreignKeys", []):
        target = key["reference"]["resource"] or resource["name"]
        out.append(f"{_key_text(key['fields'])} → {target}.{_key_text(key['reference']['fields'])}")
    return out


def fields_table(resource: dict) -> pd.DataFrame:
    """One row per field, in schema (and CSV header) order.

    Columns: field, type, required ("yes"/"no"), constraints (see :func:`constraints_text`;
    a primary key and foreign keys are noted too), description.
    """
    schema = resource["schema"]
    primary = schema.get("primaryKey", [])
    primary = [primary] if isinstance(primary, str) else list(primary)
    references = {}
    for key in schema.get("foreignKeys", []):
        fields = [key["fields"]] if isinstance(key["fields"], str) else key["fields"]
        target = key["reference"]["resource"] or resource["name"]
        for name in fields:
            references[name] = f"refers to {target}"
    rows = []
    for field in schema["fields"]:
        notes = []
        if field["name"] in primary:
            notes.append("primary key")
        if field["name"] in references:
            notes.append(references[field["name"]])
        text = constraints_text(field)
        if text:
            notes.append(text)
        rows.append(
            {
                "field": field["name"],
                "type": field.get("type", "string"),
                "required": "yes"
                if field.get("constraints", {}).get("required") or field["name"] in primary
                else "no",
                "constraints": "; ".join(notes),
                "description": field.get("description", ""),
            }
        )
    return pd.DataFrame(rows, columns=["field", "type", "required", "constraints", "description"])


def resource_summary(resource: dict, rows: int | None = None) -> dict[str, object]:
    """Title, description, file, row count (if given), primary key and foreign keys of a resource."""
    return {
        "name": resource["name"],
        "title": resource.get("title", resource["name"]),
        "description": resource.get("description", ""),
        "file": f"data/{resource['path']}",
        "rows": rows,
        "fields": len(resource["schema"]["fields"]),
        "primary_key": _key_text(resource["schema"].get("primaryKey")),
        "foreign_keys": foreign_keys(resource),
    }


def summary_markdown(summary: dict[str, object]) -> str:
    """A resource summary as MyST Markdown: a heading, its description and a definition list."""
    keys = "; ".join(code_md(key) for key in summary["foreign_keys"]) or "none"
    rows = "" if summary["rows"] is None else f"{int(summary['rows'])}"
    return "\n".join(
        [
            f"### {escape_markdown(summary['title'])} ({code_md(summary['name'])})",
            "",
            escape_markdown(summary["description"]),
            "",
            "File",
            f": {code_md(summary['file'])}",
            "",
            "Rows",
            f": {rows} (records, not counting the header)",
            "",
            "Primary key",
            f": {code_md(summary['primary_key'])}" if summary["primary_key"] else ": none",
            "",
            "Foreign keys",
            f": {keys}",
        ]
    )


def overview(descriptor: dict, counts: dict[str, int]) -> pd.DataFrame:
    """One row per resource: name, title, file, records, fields, primary key, foreign keys."""
    rows = []
    for resource in descriptor["resources"]:
        summary = resource_summary(resource, counts.get(resource["name"]))
        rows.append(
            {
                "resource": summary["name"],
                "title": summary["title"],
                "file": summary["file"],
                "records": summary["rows"],
                "fields": summary["fields"],
                "primary key": summary["primary_key"],
                "foreign keys": "; ".join(summary["foreign_keys"]),
            }
        )
    return pd.DataFrame(rows)


def rules_table() -> pd.DataFrame:
    """The report's own validation rules (beyond Table Schema), as name and description."""
    return pd.DataFrame([{"rule": rule.name, "description": rule.description} for rule in RULES])


def package_figures(package: dict, counts: dict[str, int]) -> dict:
    """What the data dictionary glues: tables, fields, records and the report's own rules."""
    return {
        "dd_n_resources": len(package["resources"]),
        "dd_n_fields": sum(len(item["schema"]["fields"]) for item in package["resources"]),
        "dd_n_records": sum(counts.values()),
        "dd_n_rules": len(rules_table()),
    }
