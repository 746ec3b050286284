"""Fuzzing the table loader with hypothesis: whatever bytes a CSV holds, it either loads or
raises the project's DataError naming the file and the row, and never anything else (no
pandas, csv, frictionless or Unicode error escapes, and no traceback reaches the reader)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thawbook.inputs.checks import DataError
from thawbook.inputs.tables import load_table

# A small package of one table, with the kinds of field the real package has: a keyed id with a
# pattern, a required text cell, an enum, a number and an integer (named as a resource whose
# field types thawbook.inputs.package.FIELD_TYPES knows).
PACKAGE = {
    "profile": "tabular-data-package",
    "name": "fuzz",
    "resources": [
        {
            "name": "cameo_codebook",
            "path": "things.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "encoding": "utf-8",
            "schema": {
                "fields": [
                    {
                        "name": "thing_id",
                        "type": "string",
                        "constraints": {"required": True, "pattern": "^th-[a-z]+$"},
                    },
                    {"name": "title", "type": "string", "constraints": {"required": True}},
                    {"name": "kind", "type": "string", "constraints": {"enum": ["a", "b"]}},
                    {"name": "goldstein", "type": "number"},
                    {"name": "quad_class", "type": "integer"},
                ],
                "primaryKey": ["thing_id"],
            },
        }
    ],
}
HEADER = b"thing_id,title,kind,goldstein,quad_class\n"

BYTES = st.sampled_from(
    [
        b",",
        b'"',
        b'""',
        b"\n",
        b"\r\n",
        b"\r",
        b"\x00",
        b"\xff",
        b"\xef\xbb\xbf",
        b"\xe2\x80\xae",
        b"\xc3",
        b"th-a",
        b"th-b",
        b"x",
        b" ",
        b"a",
        b"b",
        b"2023-06-01",
        b"2023-13-45",
        b"7",
        b"-1",
        b"1e3",
        b"\xd0\xb0",
        b"\t",
        b"\\",
        b"'",
        b"\x1b",
        b"\xe2\x80\x8b",
    ]
)
BODY = st.one_of(st.binary(max_size=80), st.lists(BYTES, max_size=30).map(b"".join))
CSV = st.one_of(
    BODY,
    BODY.map(lambda body: HEADER + body),
    BODY.map(lambda body: HEADER + b"th-a,Title,a,-2.5,1\n" + body),
)


@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(CSV)
def test_any_bytes_either_load_or_raise_a_data_error_naming_the_file_and_the_row(content):
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        (directory / "datapackage.json").write_text(json.dumps(PACKAGE), encoding="utf-8")
        (directory / "things.csv").write_bytes(content)
        try:
            frame = load_table("cameo_codebook", directory=directory)
        except DataError as error:
            message = str(error)
            assert error.file.endswith("things.csv"), message
            assert error.row is not None and f"things.csv row {error.row}" in message, message
            assert error.row >= 1 and "[rule: " in message, message
        else:
            assert list(frame.columns)[:5] == ["thing_id", "title", "kind", "goldstein", "quad_class"]
