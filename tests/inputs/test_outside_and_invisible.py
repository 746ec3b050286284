"""Nothing is read from outside data/, and nothing invisible slips into a table.

- A resource path that is absolute, climbs out with ``..`` or leads (through a symlink) to a
  file outside data/ is rejected when the package is parsed, before any file is opened; the
  error names the resource and the rule ``path_inside_data``.
- A text cell holding a bidirectional control or a zero-width character is rejected, naming
  the code point and the column.
- A key with a character outside its pattern (a Cyrillic homoglyph) is reported with the code
  point and the Unicode name of that character.
"""

from __future__ import annotations

import json
import os
import sys

import pytest

from tests.inputs.test_tables import expect, set_cell
from thawbook.inputs.checks import DataError
from thawbook.inputs.tables import load_table


def set_path(directory, name, path):
    package = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    for item in package["resources"]:
        if item["name"] == name:
            item["path"] = path
    (directory / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")


def opened_files(function):
    """Call ``function``; return the files it opened (audit events) and what it raised."""
    opened: list[str] = []
    active = [True]

    def hook(event, args):
        if active[0] and event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            opened.append(os.fsdecode(args[0]))

    sys.addaudithook(hook)
    try:
        function()
    except Exception as error:  # returned for the test to inspect
        return opened, error
    finally:
        active[0] = False
    return opened, None


@pytest.mark.parametrize(
    "path, problem",
    [
        ("/etc/hostname", "is an absolute path"),
        ("../outside.csv", "climbs out of data/ with '..'"),
        ("sub/../../outside.csv", "climbs out of data/ with '..'"),
    ],
)
def test_a_resource_path_outside_data_is_rejected_before_any_file_is_opened(tmp_data, path, problem):
    (tmp_data.parent / "outside.csv").write_bytes((tmp_data / "actors.csv").read_bytes())
    set_path(tmp_data, "actors", path)
    opened, error = opened_files(lambda: load_table("actors", directory=tmp_data))
    print(error)
    assert isinstance(error, DataError), repr(error)
    assert (error.rule, error.column) == ("path_inside_data", "resource 'actors' path")
    assert problem in str(error) and error.file.endswith("datapackage.json")
    assert not [name for name in opened if name.endswith(("outside.csv", "hostname"))], opened


def test_a_table_that_is_a_symlink_to_a_file_outside_data_is_rejected(tmp_data):
    outside = tmp_data.parent / "elsewhere.csv"
    outside.write_bytes((tmp_data / "actors.csv").read_bytes())
    (tmp_data / "actors.csv").unlink()
    (tmp_data / "actors.csv").symlink_to(outside)
    opened, error = opened_files(lambda: load_table("actors", directory=tmp_data))
    print(error)
    assert isinstance(error, DataError), repr(error)
    assert error.rule == "path_inside_data" and "'actors.csv' leads to" in str(error)
    assert str(outside) not in opened


@pytest.mark.parametrize(
    "character, name",
    [
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u2067", "U+2067 RIGHT-TO-LEFT ISOLATE"),
        ("\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\u200f", "U+200F RIGHT-TO-LEFT MARK"),
        ("\u2060", "U+2060 WORD JOINER"),
        ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ],
)
def test_a_text_cell_with_an_invisible_character_is_rejected_naming_code_point_and_column(
    tmp_data, character, name
):
    set_cell(tmp_data / "actors.csv", 3, "name", f"Chinese {character}government")
    message = expect(tmp_data, "actors", "data/actors.csv", 3, "name", "no_invisible_characters")
    assert f"{name} at position 9" in message


def test_a_key_with_a_homoglyph_names_the_code_point_and_its_unicode_name(tmp_data):
    set_cell(tmp_data / "quotes.csv", 4, "quote_id", "qu-thаw")  # the "а" is Cyrillic
    message = expect(tmp_data, "quotes", "data/quotes.csv", 4, "quote_id", "constraint-error")
    assert "U+0430 CYRILLIC SMALL LETTER A at position 6" in message


def test_a_reference_with_a_homoglyph_names_the_code_point_too(tmp_data):
    set_cell(tmp_data / "quotes.csv", 2, "actor_id", "ac-bidеn")  # a Cyrillic "е"
    with pytest.raises(DataError) as caught:
        load_table("quotes", directory=tmp_data)
    print(caught.value)
    assert "U+0435 CYRILLIC SMALL LETTER IE at position 7" in str(caught.value)
