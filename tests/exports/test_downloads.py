"""The data-package download carries the exports, and each loads with its reference library."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from thawbook.exports.downloads import data_archive_bytes

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


# ------------------------------------------------------------------ only what is declared
def test_the_download_holds_exactly_the_declared_files_the_readme_and_the_seed(archive):
    from thawbook.inputs.tables import descriptor
    from thawbook.paths import SEED

    package = descriptor()
    declared = {item["path"] for item in package["resources"] + package["thawbook:exports"]}
    expected = declared | {"datapackage.json", "README.md", f"seeds/{SEED.name}"}
    assert {name.removeprefix(FOLDER) for name in archive.namelist()} == expected


@pytest.mark.parametrize(
    "name, says",
    [
        (
            ".env",
            "data/.env is hidden (its name starts with a dot), and the data folder is published: move it out of data/",
        ),
        (
            "notes.csv",
            "data/notes.csv is not declared in datapackage.json, and only declared files are published",
        ),
        ("drafts/old.csv", "data/drafts/old.csv is not declared in datapackage.json"),
    ],
)
def test_a_file_the_package_does_not_declare_stops_the_zip_naming_it_and_the_fix(tmp_data, name, says):
    from thawbook.exports.downloads import PublishError

    (tmp_data / name).parent.mkdir(exist_ok=True)
    (tmp_data / name).write_text("TOKEN=secret\n", encoding="utf-8")
    with pytest.raises(PublishError) as caught:
        data_archive_bytes(tmp_data)
    message = str(caught.value).replace(str(tmp_data), "data")
    print(message)
    assert says in message and "\n" not in message


def test_a_symlink_in_data_stops_the_zip_and_its_target_is_never_read(tmp_data, tmp_path):
    from thawbook.exports.downloads import PublishError

    outside = tmp_path / "secret.txt"
    outside.write_text("a system file\n", encoding="utf-8")
    (tmp_data / "README.md").unlink()
    (tmp_data / "README.md").symlink_to(outside)
    with pytest.raises(PublishError) as caught:
        data_archive_bytes(tmp_data)
    assert str(caught.value).endswith(
        "README.md is a symlink: the data zip publishes only files inside data/; replace the link with the "
        "file itself, or remove it"
    )


def test_the_build_stops_with_one_line_on_an_undeclared_file(tmp_data, monkeypatch, capsys):
    from types import SimpleNamespace

    from thawbook.book import sphinxext
    from thawbook.exports import downloads

    (tmp_data / ".env").write_text("TOKEN=secret\n", encoding="utf-8")
    monkeypatch.setattr(downloads, "ROOT", tmp_data.parent)
    monkeypatch.setenv("THAWBOOK_DATA", str(tmp_data))
    app = SimpleNamespace(
        builder=SimpleNamespace(format="html"), config=SimpleNamespace(thawbook_downloads=True)
    )
    with pytest.raises(SystemExit) as stopped:
        sphinxext.check_data_folder(app)
    assert stopped.value.code == 2
    err = capsys.readouterr().err.replace(f"{tmp_data.parent}/", "").splitlines()
    assert err == [
        "thawbook: data/.env is hidden (its name starts with a dot), and the data folder is published: move it out of "
        "data/ (or delete it)"
    ]
