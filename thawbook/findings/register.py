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
from IPython.display import Markdown

from thawbook.findings import readings
from thawbook.findings.core import Finding, FindingError, check
from thawbook.inputs.tables import load_tables
from thawbook.paths import ROOT, record_read
from thawbook.render import robustness as robustness_marks
from thawbook.render.display import md
from thawbook.render.numbers import shown

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
    "reached_by",
    "fails_under",
    "breaks_under",
    "becomes",
    "on_record",
    "on_record_why",
    "falsifier",
]
#: The values of the ``on_record`` column.
ON_RECORD = ("holds", "fails", "not applicable")


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


def falsifiers(chapter: str) -> dict:
    """The chapter's falsifiers by finding id (``FALSIFIERS`` of its module)."""
    return import_module(f"thawbook.findings.{CHAPTERS[chapter]}").FALSIFIERS


def on_record(f: Finding, record: Finding | None, reads_dates: bool = True) -> tuple[str, str]:
    """Whether ``f`` holds as the record dates the events (``record``: ``f`` under that reading).

    "not applicable" when the finding is about the article's own words, or when it reads no
    event's date (``reads_dates``: see :func:`date_readers`); otherwise "holds" or "fails". The
    second item says why it does not apply ("" when it does).
    """
    if f.about_the_article:
        return "not applicable", f.about_the_article
    if not reads_dates:
        return "not applicable", "it reads no event's date"
    return ("holds" if record is not None and record.holds else "fails"), ""


@cache
def date_readers(chapter: str) -> frozenset[str]:
    """The ids of the chapter's findings that read events' dates.

    Two probes move the events: all a week later, and each by a different number of weeks (which
    changes their order too). A finding whose values change under either (or that goes missing,
    or whose chapter then fails to compute) reads dates.
    """
    base = compute(chapter)
    module = import_module(f"thawbook.findings.{CHAPTERS[chapter]}")
    readers = set()
    n = len(tables()["events"])
    for weeks in ([1] * n, [1 + i % 5 for i in range(n)]):
        shifted = dict(tables())
        events = shifted["events"].copy()
        offset = pd.to_timedelta([7 * w for w in weeks], unit="D")
        events["date_start"] = events["date_start"] + offset
        events["date_end"] = events["date_end"] + offset
        shifted["events"] = events
        try:
            probed = {
                f.id: f for f in module.findings(readings.apply(readings.AS_READ, shifted), readings.AS_READ)
            }
        except Exception:  # noqa: BLE001 - a chapter that cannot compute with moved dates reads them
            return frozenset(f.id for f in base)
        readers |= {f.id for f in base if f.id not in probed or not _same(probed[f.id].values, f.values)}
    return frozenset(readers)


def _same(a: dict, b: dict) -> bool:
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def evaluate(chapter: str) -> list[Finding]:
    """The chapter's findings as the book reads the data; raises FindingError if one is false."""
    return check(compute(chapter))


def robustness(chapter: str) -> pd.DataFrame:
    """One row per finding of ``chapter`` with the columns of :data:`COLUMNS`.

    ``robust`` is true when the finding holds under every alternative reading; ``reached_by``
    counts the readings that change its values at all (0: no reading tests it, only its falsifier);
    ``fails_under`` names the first reading under which it does not, and ``becomes`` is its
    sentence under that reading. ``on_record`` says whether it holds as the outside record
    dates the events (:func:`on_record`, with ``on_record_why``), and ``falsifier`` the change
    to the data under which it would be false.
    """
    if (stored := computed_register()) is not None:
        return stored[stored["chapter"] == chapter].reset_index(drop=True)
    base = evaluate(chapter)
    alternatives = readings.alternatives(tables())
    under = {r.id: {f.id: f for f in compute(chapter, r)} for r in alternatives}
    label = {r.id: r.label for r in alternatives}
    recorded = {f.id: f for f in compute(chapter, readings.ON_RECORD)}
    falsified = falsifiers(chapter)
    rows = []
    for f in base:
        status, why = on_record(f, recorded.get(f.id), f.id in date_readers(chapter))
        broken = [rid for rid in under if not (f.id in under[rid] and under[rid][f.id].holds)]
        reached = [
            rid for rid in under if f.id not in under[rid] or not _same(under[rid][f.id].values, f.values)
        ]
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
                "reached_by": len(reached),
                "fails_under": label[first] if first else "",
                "breaks_under": " ".join(broken),
                "becomes": becomes,
                "on_record": status,
                "on_record_why": why,
                "falsifier": falsified[f.id].words,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def verdict(row: pd.Series, breaking: list[readings.Reading] | None = None) -> str:
    """The compact mark shown after a finding, as MyST that links to its entry on the robustness page.

    "✓ holds under all 18 readings" ("✓ no reading changes it; tested by its falsifier" when
    ``reached_by`` is 0), or "⚠ depends on the week convention" naming every kind of
    choice in ``breaking`` (the readings that make it false; by default the one named in
    ``fails_under``). The long form, every breaking reading in words and the sentence the finding
    becomes, is on ``chapters/92_robustness``, not in the key point.
    """
    if breaking is None:
        by_label = {r.label: r for r in readings.alternatives(tables())}
        breaking = [by_label[row["fails_under"]]] if row.get("fails_under") in by_label else []
    reached = int(row.get("reached_by", 1) or 0) > 0
    return robustness_marks.mark(
        row["finding_id"], bool(row["robust"]), int(row["alternatives_tested"]), breaking, reached
    )


def breaking_readings(chapter: str) -> dict[str, list[readings.Reading]]:
    """For each finding of ``chapter``, every alternative reading under which it is false or
    absent, in the order of :func:`thawbook.findings.readings.alternatives`: read from the
    register's ``breaks_under`` (reading ids), so that nothing is computed twice."""
    by_id = {r.id: r for r in readings.alternatives(tables())}
    rows = robustness(chapter)
    return {
        row.finding_id: [by_id[rid] for rid in str(row.breaks_under).split()] for row in rows.itertuples()
    }


def glue_items(chapter: str) -> list[tuple[str, object]]:
    """Everything a chapter glues: each finding's values, and ``<finding id>-verdict``.

    Strings are glued as Markdown, numbers as the prose prints them (:func:`thawbook.render.numbers.shown`:
    whole ones without decimals, negative ones with a minus sign). Raises FindingError if a finding is
    false, so that the notebook, and so the build, stops. The verdict is built here from
    words, numbers and the finding's id only (no data), so it is glued as MyST, link included.
    """
    findings = evaluate(chapter)
    verdicts = robustness(chapter).set_index("finding_id", drop=False)
    broken = breaking_readings(chapter)
    items, seen = [], {}
    for f in findings:
        for name, value in f.glued.items():
            if name in seen:  # two findings of one chapter may share a quantity; glue it once
                if seen[name] != value:
                    raise FindingError(f"{name} is {seen[name]!r} in one finding and {value!r} in {f.id}")
                continue
            seen[name] = value
            items.append((name, md(value) if isinstance(value, str) else shown(value)))
        items.append((f"{f.id}-verdict", Markdown(verdict(verdicts.loc[f.id], broken.get(f.id, [])))))
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
    """Counts for the robustness page: findings, robust, fragile, robust ones that no reading
    changes (unreached), readings, chapters, and how many hold, fail or are not applicable as the
    record dates the events."""
    return {
        "reg_n_findings": len(reg),
        "reg_n_robust": int(reg["robust"].sum()),
        "reg_n_fragile": int((~reg["robust"]).sum()),
        "reg_n_unreached": int((reg["robust"] & (reg["reached_by"] == 0)).sum()),
        "reg_n_readings": int(reg["alternatives_tested"].max()),
        "reg_n_chapters": reg["chapter"].nunique(),
        "reg_n_on_record_holds": int((reg["on_record"] == "holds").sum()),
        "reg_n_on_record_fails": int((reg["on_record"] == "fails").sum()),
        "reg_n_on_record_not_applicable": int((reg["on_record"] == "not applicable").sum()),
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
            "on the record": reg["on_record"],
            "false if": reg["falsifier"],
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
