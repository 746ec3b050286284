"""The FollowTheMoney export of the measures: valid for followthemoney, one Sanction per measure in force."""

from __future__ import annotations

import json
from datetime import date

import pytest
from followthemoney import model
from followthemoney.exc import InvalidData

from thawbook.exports import ftm
from thawbook.inputs.tables import data_dir


@pytest.fixture(scope="module")
def tables():
    return ftm.measure_tables()


@pytest.fixture(scope="module")
def proxies():
    lines = (data_dir() / "measures.ftm.json").read_text(encoding="utf-8").splitlines()
    return [model.get_proxy(json.loads(line), cleaned=False) for line in lines]


def test_measures_ftm_json_on_disk_equals_a_fresh_export(tables):
    path = data_dir() / "measures.ftm.json"
    assert path.read_text(encoding="utf-8") == ftm.measures_ftm_jsonl(tables), (
        "data/measures.ftm.json is stale: run thawbook.exports.ftm.write_measures_ftm()"
    )


def test_every_entity_in_the_file_is_valid_for_its_followthemoney_schema(proxies):
    for proxy in proxies:
        proxy.schema.validate(proxy.to_dict())
        assert all(proxy.has(name) for name in proxy.schema.required), proxy.id


def test_there_is_one_sanction_per_measure_in_force_against_a_named_target(tables, proxies):
    sanctions = {p.id for p in proxies if p.schema.name == "Sanction"}
    expected = {ftm.PREFIX + m for m in ftm.exported_measures(tables)["measure_id"]}
    assert sanctions == expected
    assert "thawbook-me-us-sanctions-li" in sanctions and "thawbook-me-micron-ban" in sanctions


def test_demands_and_warnings_stay_out(tables, proxies):
    measures = tables["measures"].set_index("measure_id")
    for proxy in proxies:
        if proxy.schema.name == "Sanction":
            measure_id = proxy.id.removeprefix(ftm.PREFIX)
            assert measures.loc[measure_id, "instrument"] not in ftm.LEFT_OUT


def test_every_sanction_points_at_a_target_entity_of_the_right_schema(tables, proxies):
    by_id = {p.id: p for p in proxies}
    actors = tables["actors"].set_index("actor_id")
    for proxy in proxies:
        if proxy.schema.name != "Sanction":
            continue
        (target_id,) = proxy.get("entity")
        target = by_id[target_id]
        assert target.schema.is_a("LegalEntity")
        kind = actors.loc[target_id.removeprefix(ftm.PREFIX), "actor_type"]
        assert target.schema.name == ftm.SCHEMATA[kind]
        assert proxy.get("authority") and proxy.get("program"), proxy.id


def test_li_shangfu_is_a_person_sanctioned_by_the_us_since_2018(proxies):
    sanction = next(p for p in proxies if p.id == "thawbook-me-us-sanctions-li")
    assert sanction.get("startDate") == ["2018"]
    assert sanction.get("authority") == ["Government of the United States"]
    person = next(p for p in proxies if p.id == "thawbook-ac-li-shangfu")
    assert person.schema.name == "Person" and person.get("name") == ["Li Shangfu"]


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (date(2023, 5, 26), date(2023, 5, 26), "2023-05-26"),
        (date(2023, 5, 22), date(2023, 5, 28), "2023-05"),
        (date(2018, 1, 1), date(2018, 12, 31), "2018"),
        (date(2022, 12, 1), date(2023, 1, 31), ""),
    ],
)
def test_the_start_date_is_the_most_precise_date_containing_the_interval(start, end, expected):
    assert ftm.date_prefix(start, end) == expected


def test_an_invalid_value_fails_instead_of_being_dropped():
    proxy = model.make_entity("Sanction")
    proxy.id = "thawbook-test"
    with pytest.raises(InvalidData):
        ftm._add(proxy, "startDate", "not a date")


def test_the_ftm_validate_command_keeps_every_entity_as_written(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    source = data_dir() / "measures.ftm.json"
    target = tmp_path / "validated.json"
    cli = Path(sys.executable).parent / "ftm"
    subprocess.run([str(cli), "validate", "-i", str(source), "-o", str(target)], check=True)

    def entities(path):
        return sorted(
            (e["id"], e["schema"], json.dumps(e["properties"], sort_keys=True))
            for e in map(json.loads, path.read_text(encoding="utf-8").splitlines())
        )

    assert entities(target) == entities(source)
