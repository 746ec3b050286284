"""thawbook.render.dictionary: the appendix is rendered from datapackage.json and covers every column."""

import csv

from thawbook.inputs.checks import RULES
from thawbook.inputs.tables import data_dir, descriptor, load_tables
from thawbook.render import dictionary

RESOURCE = {
    "name": "things",
    "path": "things.csv",
    "title": "Things",
    "description": "One row per thing.",
    "schema": {
        "fields": [
            {
                "name": "thing_id",
                "type": "string",
                "description": "Id.",
                "constraints": {"required": True, "unique": True, "pattern": "^th-[a-z]+$"},
            },
            {
                "name": "colour",
                "type": "string",
                "description": "Colour.",
                "constraints": {"enum": ["red", "green"]},
            },
            {"name": "owner_id", "type": "string", "description": "Owner."},
            {"name": "weight", "type": "number", "constraints": {"minimum": 0}},
        ],
        "primaryKey": "thing_id",
        "foreignKeys": [{"fields": "owner_id", "reference": {"resource": "owners", "fields": "owner_id"}}],
    },
}


def test_fields_table_renders_types_required_enums_patterns_and_keys():
    table = dictionary.fields_table(RESOURCE).set_index("field")
    assert list(table.index) == ["thing_id", "colour", "owner_id", "weight"]
    assert table.loc["thing_id", "required"] == "yes" and table.loc["colour", "required"] == "no"
    assert "primary key" in table.loc["thing_id", "constraints"]
    assert "pattern `^th-[a-z]+$`" in table.loc["thing_id", "constraints"]
    assert table.loc["colour", "constraints"] == "one of: `red`, `green`"
    assert table.loc["owner_id", "constraints"] == "refers to owners"
    assert table.loc["weight", "constraints"] == "at least 0"
    assert table.loc["weight", "description"] == ""


def test_resource_summary_gives_file_rows_and_keys():
    summary = dictionary.resource_summary(RESOURCE, rows=3)
    assert summary["file"] == "data/things.csv" and summary["rows"] == 3
    assert summary["primary_key"] == "thing_id"
    assert summary["foreign_keys"] == ["owner_id → owners.owner_id"]
    text = dictionary.summary_markdown(summary)
    assert "### Things (`things`)" in text and ": 3 (records" in text


def test_self_reference_names_the_resource_itself():
    resource = {
        **RESOURCE,
        "schema": {
            **RESOURCE["schema"],
            "foreignKeys": [{"fields": "owner_id", "reference": {"resource": "", "fields": "thing_id"}}],
        },
    }
    assert dictionary.foreign_keys(resource) == ["owner_id → things.thing_id"]


def test_every_column_of_every_csv_header_appears_in_the_dictionary():
    package = descriptor()
    for resource in package["resources"]:
        with open(data_dir() / resource["path"], encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        fields = dictionary.fields_table(resource)
        assert list(fields["field"]) == header, resource["name"]
        assert (fields["description"] != "").all(), f"{resource['name']} has a field without description"


def test_every_enum_of_the_package_is_rendered_in_full():
    rendered = 0
    for resource in descriptor()["resources"]:
        table = dictionary.fields_table(resource).set_index("field")
        for field in resource["schema"]["fields"]:
            for value in field.get("constraints", {}).get("enum", []):
                assert f"`{value}`" in table.loc[field["name"], "constraints"]
                rendered += 1
    print("enum values rendered:", rendered)
    assert rendered > 0


def test_overview_counts_records_of_the_loaded_tables():
    package = descriptor()
    counts = {name: len(frame) for name, frame in load_tables().items()}
    overview = dictionary.overview(package, counts)
    print(overview[["resource", "records", "fields"]].to_string(index=False))
    assert list(overview["resource"]) == [item["name"] for item in package["resources"]]
    assert overview.set_index("resource").loc["corrections", "records"] == counts["corrections"]


def test_rules_table_lists_every_report_rule():
    table = dictionary.rules_table()
    assert list(table["rule"]) == [rule.name for rule in RULES]
