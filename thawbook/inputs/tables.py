"""Load the report's tables, validated on load against ``data/datapackage.json``.

The schemas live in the data package; this module reads them and does not restate them.
Every table is checked as it is read, in the three layers of :mod:`thawbook.inputs.checks`
(bytes and lines, Table Schema, the report's own rules), and the first failure stops
everything with a :class:`~thawbook.inputs.checks.DataError` that names the file, the row, the
column and the rule. Nothing is dropped or coerced silently: a table either loads whole or
raises.
"""

from __future__ import annotations

import io
import os
from functools import cache
from pathlib import Path

import pandas as pd

from thawbook import paths
from thawbook.dates.intervals import ISO_DAY, precision_of
from thawbook.inputs.checks import (
    DataError,
    check_bytes,
    check_header,
    check_rules,
    check_schema,
    parse_lines,
    shown_path,
)
from thawbook.inputs.hygiene import EXPORTS, resource_path_problem
from thawbook.inputs.package import parse_package
from thawbook.inputs.seed import locate
from thawbook.paths import record_read

DATA_ENV = "THAWBOOK_DATA"


def data_dir() -> Path:
    """The data folder: ``data/`` of this checkout, or ``$THAWBOOK_DATA`` when set (tests use it)."""
    return Path(os.environ.get(DATA_ENV, paths.DATA)).resolve()


# ------------------------------------------------------------------ the package
def check_resource_paths(package: dict, directory: Path, shown: str) -> None:
    """Every resource ``path`` of ``package`` (and of its ``thawbook:exports``) names a file
    inside ``directory``, checked before anything is opened: a relative path, without ``..``,
    whose real path (symlinks followed) lies inside the real path of ``directory``. A
    :class:`DataError` names the resource and the rule."""
    root = Path(os.path.realpath(directory))
    entries = [
        (item, item.get("name", f"resources[{index}]"))
        for index, item in enumerate(package.get("resources", []))
    ] + [(item, f"thawbook:exports[{index}]") for index, item in enumerate(package.get(EXPORTS, []) or [])]
    for item, name in entries:
        problem = resource_path_problem(item.get("path"), root)
        if problem:
            raise DataError(
                shown,
                None,
                f"resource {name!r} path",
                f"{problem}; a resource is a file inside data/: give its path relative to data/, "
                "without '..' or a symlink",
                "path_inside_data",
            )


@cache
def _descriptor(package_path: Path, stamp: tuple[int, int] | None = None) -> dict:
    """The parsed package; ``stamp`` (mtime, size) makes an edited file be read again."""
    if not package_path.exists():
        raise FileNotFoundError(f"data package not found: {shown_path(package_path)}")
    shown = shown_path(package_path)
    raw = package_path.read_bytes()
    package = parse_package(raw, shown)
    check_resource_paths(package, package_path.parent, shown)
    return package


def descriptor(directory: Path | None = None) -> dict:
    """The data package descriptor (``datapackage.json``) as a dict."""
    path = (directory or data_dir()) / "datapackage.json"
    record_read(path)
    stat = path.stat() if path.exists() else None
    return _descriptor(path, (stat.st_mtime_ns, stat.st_size) if stat else None)


def resource(name: str, directory: Path | None = None) -> dict:
    """The data package's descriptor entry for resource ``name``."""
    for item in descriptor(directory)["resources"]:
        if item["name"] == name:
            return item
    raise KeyError(f"no resource named {name!r} in the data package")


def resource_names(directory: Path | None = None) -> list[str]:
    """Every resource name in the data package, in descriptor order."""
    return [item["name"] for item in descriptor(directory)["resources"]]


def referenced(name: str, directory: Path | None = None) -> list[str]:
    """``name`` and every resource it reaches through foreign keys, in load order."""
    order: list[str] = []

    def visit(current: str) -> None:
        if current in order:
            return
        for key in resource(current, directory)["schema"].get("foreignKeys", []):
            target = key["reference"]["resource"] or current
            if target != current:
                visit(target)
        order.append(current)

    visit(name)
    return order


# ------------------------------------------------------------------ loading
def _typed(frame: pd.DataFrame, schema: dict) -> pd.DataFrame:
    for field in schema["fields"]:
        name, kind = field["name"], field.get("type", "string")
        if kind == "date":
            frame[name] = pd.to_datetime(frame[name].replace("", None), format=ISO_DAY)
        elif kind == "integer":
            frame[name] = pd.to_numeric(frame[name].replace("", None)).astype("Int64")
        elif kind == "number":
            frame[name] = pd.to_numeric(frame[name].replace("", None))
    return frame


def _with_precision(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Events get ``date_precision``, derived from the interval's width, right after ``date_end``.

    It is never typed in the CSV, so it cannot disagree with the interval
    (see :func:`thawbook.dates.intervals.precision_of`).
    """
    if name == "events" and len(frame):
        derived = [precision_of(s, e) for s, e in zip(frame["date_start"], frame["date_end"])]
        frame.insert(frame.columns.get_loc("date_end") + 1, "date_precision", derived)
    elif name == "events":
        frame.insert(frame.columns.get_loc("date_end") + 1, "date_precision", pd.Series(dtype=str))
    return frame


def _with_provenance(frame: pd.DataFrame) -> pd.DataFrame:
    if "evidence" in frame.columns:
        spans = [locate(text) for text in frame["evidence"]]
        frame["evidence_start"] = [span.start for span in spans]
        frame["evidence_end"] = [span.end for span in spans]
        frame["paragraph"] = [span.paragraph for span in spans]
    return frame


def _read_raw(name: str, directory: Path) -> tuple[Path, pd.DataFrame]:
    item = resource(name, directory)
    path = directory / item["path"]
    # checked again before it is opened: a symlink may have appeared since the package was parsed
    check_resource_paths({"resources": [item]}, directory, shown_path(directory / "datapackage.json"))
    text = check_bytes(path)
    check_header(path, text, item["schema"])
    parse_lines(path, text, item)
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False)
    return path, frame


def load_tables(*names: str, directory: Path | None = None) -> dict[str, pd.DataFrame]:
    """Validate and load the named tables (and those they reference) as typed DataFrames.

    Each frame keeps the CSV's columns in order and adds derived provenance columns:
    ``evidence_start``/``evidence_end`` (character offsets into the seed) and
    ``paragraph`` (0 is the headline). Events also get ``date_precision``, derived from
    the width of their interval.
    """
    directory = Path(directory or data_dir()).resolve()
    wanted: list[str] = []
    for name in names or resource_names(directory):
        for needed in referenced(name, directory):
            if needed not in wanted:
                wanted.append(needed)
    raw = {name: _read_raw(name, directory) for name in wanted}
    check_schema(descriptor(directory), wanted, directory)
    tables = {}
    for name, (path, frame) in raw.items():
        check_rules(path, frame, resource(name, directory)["schema"])
        tables[name] = _with_provenance(
            _with_precision(name, _typed(frame, resource(name, directory)["schema"]))
        )
    return {name: tables[name] for name in (names or wanted)}


def load_table(name: str, directory: Path | None = None) -> pd.DataFrame:
    """One validated table; see :func:`load_tables`."""
    return load_tables(name, directory=directory)[name]
