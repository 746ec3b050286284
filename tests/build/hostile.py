"""Hostile data for the build tests: markup and script payloads in every free-text column."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

PAYLOADS = (
    "<img src=x onerror=document.title='pwned'>",
    "</script><script>document.title='pwned'</script>",
    "[x](javascript:document.title='pwned')",
)
PAYLOAD = " ".join(PAYLOADS)

# Free text the report writes about the article, never matched against the seed or another
# table: evidence must stay a verbatim span of the seed, and ids, enums, keys, dates and URLs
# have their own checks.
TEXT_COLUMNS = {
    "title",
    "claim",
    "note",
    "rationale",
    "statement",
    "likely_reading",
    "reasoning",
    "stated_rationale",
    "source_title",
    "source_publisher",
    "reason",
    "label",
    "role",
    "affiliation",
    "location",
    "characterization",
    "source",
}


def inject(data: Path) -> dict[str, list[str]]:
    """Append :data:`PAYLOAD` to every non-empty cell of every free-text column, and to the
    package's, each resource's and each field's title and description (the data dictionary
    shows them); return the columns per file.

    Empty cells stay empty: an empty characterization means the article characterises nothing,
    and filling it would change what the data say, which the findings rightly refuse."""
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    for described in [
        package,
        *package["resources"],
        *(field for item in package["resources"] for field in item["schema"]["fields"]),
    ]:
        for key in ("title", "description"):
            if key in described:
                described[key] = f"{described[key]} {PAYLOAD}"
    (data / "datapackage.json").write_text(
        json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    touched: dict[str, list[str]] = {"datapackage.json": ["title", "description"]}
    for item in package["resources"]:
        fields = [
            f
            for f in item["schema"]["fields"]
            if f["name"] in TEXT_COLUMNS
            and not f.get("constraints", {}).get("enum")
            and not f.get("constraints", {}).get("pattern")
        ]
        if not fields:
            continue
        path = data / item["path"]
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        columns = [rows[0].index(f["name"]) for f in fields]
        for row in rows[1:]:
            for index in columns:
                if row[index]:
                    row[index] = f"{row[index]} {PAYLOAD}"
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
        touched[item["path"]] = [f["name"] for f in fields]
    return touched
