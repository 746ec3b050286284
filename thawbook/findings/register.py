"""The findings register: every chapter's findings, checked and stress-tested.

:data:`CHAPTERS` names the function that computes each chapter's findings. :func:`evaluate`
runs one chapter under the book's own reading and stops on a false finding;
:func:`robustness` re-runs it under every alternative reading (:mod:`thawbook.findings.readings`) and
records, per finding, whether it still holds and, if not, the first reading that breaks it and
what it becomes. :func:`glue_items` gives a notebook everything to glue, verdicts included,
and :func:`register` the whole table that the build writes to ``findings.csv``.
"""

from __future__ import annotations

import json
import os
from functools import cache, lru_cache
from importlib import import_module
from pathlib import Path

import pandas as pd

from thawbook.findings import readings
from thawbook.findings.core import Finding, FindingError, check
from thawbook.inputs.tables import load_tables
from thawbook.paths import ROOT, record_read
from thawbook.render.display import md

#: chapter document -> module of ``thawbook.findings`` with its ``findings(tables, reading)``
CHAPTERS = {
    "chapters/03_dating": "dating",
    "chapters/04_chronology": "chronology",
    "chapters/05_sanctions": "sanctions",
    "chapters/06_trade_and_business": "trade",
    "chapters/07_military_contact": "military",
    "chapters/08_source_criticism": "criticism",
    "chapters/09_voices": "voices",
    "chapters/10_thaw_index": "thaw",
}
COLUMNS = [
    "finding_id",
    "chapter",
    "statement",
    "holds",
    "robust",
    "alternatives_tested",
    "fails_under",
    "becomes",
]


@lru_cache(maxsize=1)
def _tables() -> dict[str, pd.DataFrame]:
    return load_tables()


def tables() -> dict[str, pd.DataFrame]:
    """All tables, validated, loaded once per process (callers must not modify them)."""
    return _tables()


def compute(chapter: str, reading: readings.Reading = readings.AS_READ) -> list[Finding]:
    """The findings of ``chapter`` (a key of :data:`CHAPTERS`) under ``reading``, unchecked.

    Computed once per process for each chapter and reading; callers must not modify them.
    """
    return list(_compute(chapter, reading))


@cache
def _compute(chapter: str, reading: readings.Reading) -> tuple[Finding, ...]:
    if reading != readings.AS_READ and os.environ.get("THAWBOOK_REGISTER_LOG"):  # tests count these
        with open(os.environ["THAWBOOK_REGISTER_LOG"], "a", encoding="utf-8") as log:
            log.write(f"{os.environ.get('THAWBOOK_NOTEBOOK') or 'register'} {chapter} {reading.id}\n")
    module = import_module(f"thawbook.findings.{CHAPTERS[chapter]}")
    return tuple(module.findings(readings.apply(reading, tables()), reading))


def evaluate(chapter: str) -> list[Finding]:
    """The chapter's findings as the book reads the data; raises FindingError if one is false."""
    return check(compute(chapter))


def robustness(chapter: str) -> pd.DataFrame:
    """One row per finding of ``chapter`` with the columns of :data:`COLUMNS`.

    ``robust`` is true when the finding holds under every alternative reading;
    ``fails_under`` names the first reading under which it does not, and ``becomes`` is its
    sentence under that reading.
    """
    if (stored := computed_register()) is not None:
        return stored[stored["chapter"] == chapter].reset_index(drop=True)
    base = evaluate(chapter)
    alternatives = readings.alternatives(tables())
    under = {r.id: {f.id: f for f in compute(chapter, r)} for r in alternatives}
    label = {r.id: r.label for r in alternatives}
    rows = []
    for f in base:
        broken = [rid for rid in under if not (f.id in under[rid] and under[rid][f.id].holds)]
        first = broken[0] if broken else ""
        becomes = under[first][f.id].sentence if first and f.id in under[first] else ""
        rows.append(
            {
                "finding_id": f.id,
                "chapter": chapter,
                "statement": f.sentence,
                "holds": f.holds,
                "robust": not broken,
                "alternatives_tested": len(alternatives),
                "fails_under": label[first] if first else "",
                "becomes": becomes,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def verdict(row: pd.Series) -> str:
    """The marker shown after a finding: robust, or fragile with what it becomes.

    Plain Markdown, so that it renders inline wherever it is glued; the chapters and the page
    ``chapters/92_robustness`` explain the readings.
    """
    if row["robust"]:
        return f"*(robust: it holds under all {row['alternatives_tested']} alternative readings)*"
    return f"(**fragile**: with {row['fails_under']}, it becomes: “{row['becomes']}”)"


def glue_items(chapter: str) -> list[tuple[str, object]]:
    """Everything a chapter glues: each finding's values, and ``<finding id>-verdict``.

    Strings are glued as Markdown, numbers as they are. Raises FindingError if a finding is
    false, so that the notebook, and so the build, stops.
    """
    findings = evaluate(chapter)
    verdicts = robustness(chapter).set_index("finding_id")
    items, seen = [], {}
    for f in findings:
        for name, value in f.glued.items():
            if name in seen:  # two findings of one chapter may share a quantity; glue it once
                if seen[name] != value:
                    raise FindingError(f"{name} is {seen[name]!r} in one finding and {value!r} in {f.id}")
                continue
            seen[name] = value
            items.append((name, md(value) if isinstance(value, str) else value))
        # the verdict quotes the finding's sentence, which carries data: it is neutralised too
        items.append((f"{f.id}-verdict", md(verdict(verdicts.loc[f.id]))))
    return items


def glue_findings(ids: list[str]) -> list[tuple[str, object]]:
    """What a page that restates other chapters' findings glues: those findings' items only.

    Glue names are the chapters' own, so the same name carries the same value on every page.
    """
    wanted = set(ids)
    chapters = [c for c in CHAPTERS if any(f.id in wanted for f in compute(c))]
    found = {f.id for c in chapters for f in compute(c)}
    missing = sorted(wanted - found)
    if missing:
        raise KeyError(f"no such finding: {', '.join(missing)}")
    items = []
    for chapter in chapters:
        names = {n for f in compute(chapter) if f.id in wanted for n in [*f.glued, f"{f.id}-verdict"]}
        items += [(name, value) for name, value in glue_items(chapter) if name in names]
    return items


def summary(reg: pd.DataFrame) -> dict[str, int]:
    """Counts for the robustness page: findings, robust, fragile, readings, chapters."""
    return {
        "reg_n_findings": len(reg),
        "reg_n_robust": int(reg["robust"].sum()),
        "reg_n_fragile": int((~reg["robust"]).sum()),
        "reg_n_readings": int(reg["alternatives_tested"].max()),
        "reg_n_chapters": reg["chapter"].nunique(),
    }


def readings_table() -> pd.DataFrame:
    """The alternative readings, one row each: id and what it changes."""
    rows = [{"reading": r.id, "what changes": r.label} for r in readings.alternatives(tables())]
    return pd.DataFrame(rows)


def findings_table(reg: pd.DataFrame) -> pd.DataFrame:
    """The register for a reader: one row per finding, its verdict and what breaks it."""
    return pd.DataFrame(
        {
            "finding": reg["finding_id"],
            "chapter": reg["chapter"].str.replace("chapters/", "", regex=False),
            "statement": reg["statement"],
            "verdict": reg["robust"].map({True: "robust", False: "fragile"}),
            "fails under": reg["fails_under"],
            "becomes": reg["becomes"],
        }
    )


def register() -> pd.DataFrame:
    """Every chapter's robustness rows, in chapter order: the table written to ``findings.csv``."""
    if (stored := computed_register()) is not None:
        return stored
    return pd.concat([robustness(chapter) for chapter in CHAPTERS], ignore_index=True)


def write_csv(path: str) -> None:
    """Compute the register, chapters side by side on every core, and write it to ``path`` as
    ``findings.csv`` (atomically)."""
    from concurrent.futures import ProcessPoolExecutor

    tables()  # loaded once, before the processes fork
    with ProcessPoolExecutor() as pool:  # the last chapters, which take longest, first
        parts = dict(zip(reversed(CHAPTERS), pool.map(robustness, reversed(CHAPTERS))))
    table = pd.concat([parts[chapter] for chapter in CHAPTERS], ignore_index=True)
    Path(f"{path}.tmp").write_text(table.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    os.replace(f"{path}.tmp", path)


@cache
def computed_register() -> pd.DataFrame | None:
    """The register the book build computed before this kernel started (``THAWBOOK_REGISTER``,
    :func:`thawbook.book.execute.current_register`), with what it read recorded as this notebook's
    reads; None elsewhere (nbval, ``make refresh``), where it is computed."""
    path = os.environ.get("THAWBOOK_REGISTER")
    if not path:
        return None
    for read in json.loads(Path(path).with_suffix(".json").read_text(encoding="utf-8"))["reads"]:
        record_read(ROOT / read)
    return pd.read_csv(path, keep_default_na=False)
