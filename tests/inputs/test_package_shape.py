"""A datapackage.json that parses but has the wrong shape stops with a DataError naming the file,
the place and [rule: package_shape], never a KeyError or TypeError from deep inside the loader."""

from __future__ import annotations

import json

import pytest

from thawbook.inputs.checks import DataError
from thawbook.inputs.tables import descriptor, load_tables


def _edit(package: dict, how: str):
    first = package["resources"][0]
    if how == "empty object":
        return {}
    if how == "a list":
        return []
    if how == "resources null":
        package["resources"] = None
    elif how == "a resource without a name":
        del first["name"]
    elif how == "a resource without a schema":
        del first["schema"]
    elif how == "fields not a list":
        first["schema"]["fields"] = {"a": 1}
    elif how == "a field without a name":
        del first["schema"]["fields"][0]["name"]
    elif how == "a pattern that does not compile":
        first["schema"]["fields"][0].setdefault("constraints", {})["pattern"] = "(["
    elif how == "a foreign key to no resource":
        first["schema"]["foreignKeys"] = [
            {"fields": "x", "reference": {"resource": "nowhere", "fields": "y"}}
        ]
    elif how == "exports not a list":
        package["thawbook:exports"] = {"a": 1}
    elif how == "a resource named twice":
        package["resources"].append(dict(first))
    elif how == "a NUL in a path":
        first["path"] = "events\x00.csv"
    return package


CASES = [
    "empty object",
    "a list",
    "resources null",
    "a resource without a name",
    "a resource without a schema",
    "fields not a list",
    "a field without a name",
    "a pattern that does not compile",
    "a foreign key to no resource",
    "exports not a list",
    "a resource named twice",
    "a NUL in a path",
]


@pytest.mark.parametrize("how", CASES)
def test_a_package_of_the_wrong_shape_stops_with_one_data_error(tmp_data, monkeypatch, how):
    path = tmp_data / "datapackage.json"
    path.write_text(json.dumps(_edit(json.loads(path.read_text(encoding="utf-8")), how)), encoding="utf-8")
    monkeypatch.setenv("THAWBOOK_DATA", str(tmp_data))
    with pytest.raises(DataError) as raised:
        load_tables("events")
    print(raised.value)
    assert raised.value.rule == "package_shape" and "datapackage.json" in str(raised.value)


def test_the_real_package_has_the_right_shape():
    assert descriptor()["resources"]
