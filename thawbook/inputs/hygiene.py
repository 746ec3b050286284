"""Text hygiene and safe paths for the inputs: what :mod:`thawbook.inputs.checks` rejects and how
it names it.

- :data:`INVISIBLE`: bidirectional controls and zero-width characters, which no text cell holds;
  :func:`code_point` names a character as ``U+0430 CYRILLIC SMALL LETTER A``.
- :func:`characters_outside`: the characters of a key that its pattern does not admit (a
  homoglyph), by code point and name.
- :func:`resource_path_problem`: a resource path must name a file inside ``data/``, checked
  before anything is opened.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

#: The package's generated files that are not tables (``datapackage.json``): also published.
EXPORTS = "thawbook:exports"

# Bidirectional embeddings, overrides and isolates (they can show a title reversed), and the
# zero-width and invisible characters (they make two different keys look alike).
INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2060\ufeff]")


def code_point(character: str) -> str:
    """``character`` as its code point and Unicode name: ``U+0430 CYRILLIC SMALL LETTER A``."""
    name = unicodedata.name(character, "") or (
        "<control>" if unicodedata.category(character) == "Cc" else "<unnamed>"
    )
    return f"U+{ord(character):04X} {name}"


def pattern_of(schema: dict, column: str | None) -> str | None:
    """The ``pattern`` constraint of field ``column`` of a Table Schema, if it has one."""
    for field in schema.get("fields", []):
        if field["name"] == column:
            return field.get("constraints", {}).get("pattern")
    return None


def allowed(character: str, pattern: str) -> bool:
    """Whether ``character`` occurs in ``pattern``, literally or in one of its ``[...]`` classes."""
    for found in re.finditer(r"\[(?:\\.|[^\]])+\]", pattern):
        if re.fullmatch(found.group(), character):
            return True
    return character.isascii() and character in re.sub(r"\[(?:\\.|[^\]])+\]", "", pattern)


def characters_outside(cell, schema: dict, column: str | None) -> str:
    """The characters of a key or id that its pattern does not admit (or, without a pattern,
    that are not ASCII), by code point and Unicode name, so that a homoglyph shows: a Cyrillic
    ``а`` looks like a Latin ``a`` in the value itself."""
    if not isinstance(cell, str) or not cell:
        return ""
    pattern = pattern_of(schema, column)
    strange = []
    for position, character in enumerate(cell, start=1):
        if (not allowed(character, pattern)) if pattern else not character.isascii():
            strange.append(f"{code_point(character)} at position {position}")
    if not strange:
        return ""
    return "; it holds " + ", ".join(strange[:5]) + (" and more" if len(strange) > 5 else "")


def resource_path_problem(value, root: Path) -> str | None:
    """Why ``value`` is not a safe resource path inside the real folder ``root``, or None."""
    if not isinstance(value, str) or not value:
        return f"{value!r} is not a file name"
    if value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value) or "://" in value:
        return f"{value!r} is an absolute path or a URL"
    parts = re.split(r"[\\/]", value)
    if ".." in parts:
        return f"{value!r} climbs out of data/ with '..'"
    if any(part in ("", ".") for part in parts):
        return f"{value!r} is not a plain file name (no '.' or empty parts: write it as 'name.csv')"
    real = Path(os.path.realpath(root / value))
    if not real.is_relative_to(root):
        return f"{value!r} leads to {real}, outside data/ (a symlink?)"
    if real.is_dir():
        return f"{value!r} is a folder, not a file"
    return None


def shown_name(name: str) -> str:
    """A file name as a message shows it: as it is, or escaped (``'a\\u202eb'``) when it holds
    a control, invisible or bidirectional character that would garble or reverse the line."""
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name):
        return repr(name)
    return name
