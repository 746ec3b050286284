"""Parse ``datapackage.json`` and check it before anything uses it: UTF-8 without a byte-order
mark, valid JSON (line and column), the right shape (resources, names, paths, schemas, fields,
patterns, foreign keys; ``[rule: package_shape]``), and field types the code is written for
(:data:`FIELD_TYPES`)."""

from __future__ import annotations

import codecs
import json
import re

from thawbook.inputs.checks import BOM_PROBLEM, DataError
from thawbook.inputs.hygiene import EXPORTS


def parse_package(raw: bytes, shown: str) -> dict:
    """The data package descriptor parsed from the bytes of ``datapackage.json``, checked as it is read.

    The file is UTF-8 without a byte-order mark and valid JSON, and each field's type is the one
    :data:`FIELD_TYPES` expects; a :class:`DataError` naming ``shown`` and the line says which rule
    failed.
    """
    if raw.startswith(codecs.BOM_UTF8):
        raise DataError(shown, None, None, BOM_PROBLEM, "no_bom", line=1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError(
            shown,
            None,
            None,
            f"byte 0x{raw[error.start]:02x} at offset {error.start} is not UTF-8",
            "utf8",
            line=raw[: error.start].count(b"\n") + 1,
        ) from None
    try:
        package = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataError(
            shown,
            None,
            f"column {error.colno}",
            f"invalid JSON: {error.msg}",
            "valid_json",
            line=error.lineno,
        ) from None
    check_package_shape(package, shown)
    _check_field_types(package, shown)
    return package


# Types of the fields the package's code is written for: every field not named here must be a
# string. The schemas themselves live in datapackage.json; this is the contract between them
# and the code, so that a changed type (a date turned into a string) stops the load at once,
# naming the field, instead of failing three chapters later with a confusing error.
FIELD_TYPES: dict[str, dict[str, str]] = {
    "events": {"date_start": "date", "date_end": "date"},
    "context": {"date_start": "date", "date_end": "date", "source_date": "date", "accessed": "date"},
    "cameo_codebook": {"goldstein": "number", "quad_class": "integer"},
    "events_edtf": {"date_start": "date", "date_end": "date"},
    "plover_codebook": {"quad_code": "integer", "score": "number"},
}


def _check_field_types(package: dict, shown: str) -> None:
    for item in package.get("resources", []):
        expected = FIELD_TYPES.get(item.get("name"), {})
        for field in item.get("schema", {}).get("fields", []):
            found, wanted = field.get("type", "string"), expected.get(field["name"], "string")
            if found != wanted:
                raise DataError(
                    shown,
                    None,
                    f"{item['name']}.{field['name']}",
                    f"type is {found!r}, the code expects {wanted!r} (change thawbook.inputs.checks.FIELD_TYPES "
                    "and the code that uses the field together)",
                    "field_type",
                )


def package_shape_problem(package) -> tuple[str, str] | None:
    """What is wrong with the shape of a parsed ``datapackage.json``, as (where, problem), or
    None: the resources, their names, paths, schemas, fields, patterns and foreign keys must be
    there, with the right types, before any of them is used."""
    if not isinstance(package, dict):
        return "the package", f"is a JSON {type(package).__name__}, not an object"
    resources = package.get("resources")
    if not isinstance(resources, list) or not resources:
        return "resources", "is missing or not a non-empty list"
    if not isinstance(package.get(EXPORTS, []), list):
        return EXPORTS, "is not a list"
    names = [item.get("name") if isinstance(item, dict) else None for item in resources]
    for index, item in enumerate(resources):
        where = f"resources[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            return where, "is not an object with a string name"
        where = f"resource {item['name']!r}"
        if names.count(item["name"]) > 1:
            return where, "is named twice"
        if not isinstance(item.get("path"), str) or "\x00" in item["path"]:
            return f"{where} path", "is not a string naming a file"
        schema = item.get("schema")
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
            return f"{where} schema", "has no list of fields"
        for field in schema["fields"]:
            if not isinstance(field, dict) or not isinstance(field.get("name"), str):
                return f"{where} schema", "has a field that is not an object with a string name"
            pattern = (field.get("constraints") or {}).get("pattern")
            if pattern is not None:
                try:
                    re.compile(pattern)
                except (re.error, TypeError) as error:
                    return f"{where} field {field['name']!r}", f"pattern does not compile ({error})"
        for key in schema.get("foreignKeys", []) or []:
            target = (key.get("reference") or {}).get("resource") if isinstance(key, dict) else None
            if target is None or (target and target not in names):
                return f"{where} foreign key", f"refers to no resource of the package ({target!r})"
    return None


def check_package_shape(package, shown: str) -> None:
    """Stop with a :class:`DataError` naming the file, the place and ``[rule: package_shape]``
    when :func:`package_shape_problem` finds one."""
    problem = package_shape_problem(package)
    if problem:
        where, what = problem
        raise DataError(shown, None, where, f"{what}: fix datapackage.json", "package_shape")
