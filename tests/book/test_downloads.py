"""The data-package download carries the exports, and each loads with its reference library."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from thawbook.book.downloads import data_archive_bytes

FOLDER = "thaw-data-package/"


@pytest.fixture(scope="module")
def archive():
    return zipfile.ZipFile(io.BytesIO(data_archive_bytes()))


def _text(archive, name: str) -> str:
    return archive.read(FOLDER + name).decode("utf-8")


@pytest.mark.parametrize(
    "name", ["events_cameo.csv", "events_edtf.csv", "events_plover.json", "measures.ftm.json"]
)
def test_the_download_holds_every_export(archive, name):
    assert FOLDER + name in archive.namelist()


def test_the_downloaded_edtf_values_parse_with_the_edtf_package_to_their_intervals(archive):
    from edtf import parse_edtf

    rows = list(csv.DictReader(io.StringIO(_text(archive, "events_edtf.csv"))))
    assert rows
    for row in rows:
        parsed = parse_edtf(row["edtf"])
        low, high = parsed.lower_strict(), parsed.upper_strict()
        assert f"{low.tm_year:04d}-{low.tm_mon:02d}-{low.tm_mday:02d}" == row["date_start"], row["event_id"]
        assert f"{high.tm_year:04d}-{high.tm_mon:02d}-{high.tm_mday:02d}" == row["date_end"], row["event_id"]


def test_the_downloaded_plover_records_load_as_json_lines_with_plovers_required_fields(archive):
    records = [json.loads(line) for line in _text(archive, "events_plover.json").splitlines()]
    assert records
    for record in records:
        assert {"id", "date", "source", "event"} <= set(record), record.get("id")


def test_the_downloaded_followthemoney_entities_load_and_validate_with_followthemoney(archive):
    from followthemoney import model

    lines = _text(archive, "measures.ftm.json").splitlines()
    proxies = [model.get_proxy(json.loads(line), cleaned=False) for line in lines]
    assert any(proxy.schema.name == "Sanction" for proxy in proxies)
    for proxy in proxies:
        proxy.schema.validate(proxy.to_dict())


def test_the_downloaded_package_validates_with_frictionless(archive, tmp_path):
    from frictionless import Package

    archive.extractall(tmp_path)
    report = Package(str(tmp_path / FOLDER / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "note"])[:5]
