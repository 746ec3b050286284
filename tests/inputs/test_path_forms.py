"""Resource paths must be plain file names inside data/, and file names in messages cannot
garble the line (a fresh reviewer's findings after the first fault round)."""

from __future__ import annotations

import json

import pytest

from thawbook.inputs.checks import DataError
from thawbook.inputs.hygiene import shown_name
from thawbook.inputs.tables import load_tables


@pytest.mark.parametrize(
    ("path", "words"),
    [("./events.csv", "not a plain file name"), (".", "not a plain file name"), ("sub//events.csv", "plain")],
)
def test_a_resource_path_that_is_not_a_plain_file_name_is_named_with_its_rule(
    tmp_data, monkeypatch, path, words
):
    package = json.loads((tmp_data / "datapackage.json").read_text(encoding="utf-8"))
    next(r for r in package["resources"] if r["name"] == "events")["path"] = path
    (tmp_data / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    monkeypatch.setenv("THAWBOOK_DATA", str(tmp_data))
    with pytest.raises(DataError) as raised:
        load_tables("events")
    assert raised.value.rule == "path_inside_data" and words in str(raised.value)


def test_a_resource_that_is_a_folder_is_named_as_one(tmp_data, monkeypatch):
    (tmp_data / "folder.csv").mkdir()
    package = json.loads((tmp_data / "datapackage.json").read_text(encoding="utf-8"))
    next(r for r in package["resources"] if r["name"] == "events")["path"] = "folder.csv"
    (tmp_data / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    monkeypatch.setenv("THAWBOOK_DATA", str(tmp_data))
    with pytest.raises(DataError, match="is a folder, not a file"):
        load_tables("events")


def test_a_file_name_with_a_newline_or_a_bidi_override_is_shown_escaped():
    assert shown_name("data/a\nb.csv") == repr("data/a\nb.csv")
    assert "\u202e" not in shown_name("data/a\u202eb.csv") and "u202e" in shown_name("data/a\u202eb.csv")
    assert shown_name("data/events.csv") == "data/events.csv"
