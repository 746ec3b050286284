"""How a finding's robustness reads on the page: a short mark after the key point, the row on 92.

A key point ends with a compact mark, "✓ holds under all 18 readings" or "⚠ depends on the
week convention" (:func:`mark`), that links to the finding's entry on the robustness page
(:func:`entry_label`). That page, not the key point, carries the long form: every reading that
breaks the finding, named in words (:func:`reading_words`), and the sentence it would then read
(:func:`register_markdown`). Nothing here names a reading by its id.

Everything from the data goes through :mod:`thawbook.render.display`: event titles through
``escape_markdown``, statements and "becomes" sentences through ``md`` (which keeps their
emphasis and code spans); only the structure is typed here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from thawbook.findings.readings import Reading
from thawbook.render.display import escape_markdown, md
from thawbook.render.labels import humanise

ROBUST_SIGN = "✓"
FRAGILE_SIGN = "⚠"

#: What each kind of choice is called in a mark, in the order a mark lists them.
KINDS = {
    "week": "the week convention",
    "placement": "where imprecise dates fall",
    "coding": "a coding choice",
    "theme": "a disputed theme",
    "attribution": "who voices a position",
    "counting": "how events are counted",
    "stance": "how stance is read",
    "record": "the outside record's dates",
}


def entry_label(finding_id: str) -> str:
    """The Sphinx label of a finding's entry on the robustness page."""
    return f"finding-{finding_id}"


def kind(reading: Reading) -> str:
    """Which choice ``reading`` changes: a key of :data:`KINDS`."""
    if reading.week_start is not None:
        return "week"
    if reading.placement != "spread":
        return "placement"
    if reading.codings:
        return "coding"
    if reading.themes:
        return "theme"
    if reading.record:
        return "record"
    if reading.counting != "events":
        return "counting"
    if reading.stance != "theme":
        return "stance"
    return "attribution"


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


#: The mark of a robust finding that no reading changes: its only test is its falsifier.
UNREACHED = f"{ROBUST_SIGN} no reading changes it; tested by its falsifier"


def mark_text(robust: bool, tested: int, breaking: Iterable[Reading] = (), reached: bool = True) -> str:
    """The words of the mark: ``✓ holds under all 18 readings`` or ``⚠ depends on …``.

    A robust finding that no reading changes (``reached`` false: its values are the same under
    every reading, as for a claim about the article's own words) says so instead of "holds under
    all", which would claim a test it never met (:data:`UNREACHED`). A fragile finding names the
    kind of choice that breaks it, or the two kinds; with three or more it gives their number (its
    entry on the robustness page names them all); with no reading given, it says only that it
    depends on a reading."""
    if robust:
        return f"{ROBUST_SIGN} holds under all {tested} readings" if reached else UNREACHED
    kinds = list(dict.fromkeys(kind(r) for r in breaking))
    kinds.sort(key=list(KINDS).index)
    if not kinds:
        return f"{FRAGILE_SIGN} depends on the reading"
    if len(kinds) > 2:  # the entry on the robustness page names them all
        return f"{FRAGILE_SIGN} depends on {len(kinds)} of the choices the article leaves open"
    return f"{FRAGILE_SIGN} depends on {_join([KINDS[k] for k in kinds])}"


def mark(
    finding_id: str, robust: bool, tested: int, breaking: Iterable[Reading] = (), reached: bool = True
) -> str:
    """The mark as MyST: its words, linking to the finding's entry on the robustness page.

    The ``{ref}`` role resolves on every page (and in the single-page PDF edition), so the same
    glued text serves the chapter and the landing page."""
    return f"{{ref}}`{mark_text(robust, tested, breaking, reached)} <{entry_label(finding_id)}>`"


def reading_words(reading: Reading, tables: Mapping[str, pd.DataFrame]) -> str:
    """A reading named in words, never by id: "weeks counted from Monday only",
    "Micron ban filed under trade", ... Needs ``events``, ``coding_alternatives``,
    ``theme_alternatives`` and ``cameo_codebook`` in ``tables`` for codings and themes."""
    if reading.week_start is not None:
        return f"weeks counted from {reading.week_start.capitalize()} only"
    if reading.placement != "spread":
        where = "first" if reading.placement == "start" else "last"
        return f"every imprecisely dated event put on the {where} day it could have happened"
    titles = tables["events"].set_index("event_id")["title"]
    if reading.codings:
        if len(reading.codings) > 1:
            return f"all {len(reading.codings)} alternative codings at once"
        alt = tables["coding_alternatives"].set_index("alternative_id").loc[reading.codings[0]]
        codebook = tables["cameo_codebook"].set_index("cameo_code")["label"]
        name = codebook.get(alt["cameo_code"], alt["cameo_code"])
        return f"{titles.get(alt['event_id'], 'one event')}: coded as “{name}”"
    if reading.record:
        return "every event an outside source dates moved to that date"
    if reading.themes:
        if len(reading.themes) > 1:
            return f"all {len(reading.themes)} disputed themes at once"
        alt = tables["theme_alternatives"].set_index("alternative_id").loc[reading.themes[0]]
        return (
            f"{titles.get(alt['event_id'], 'one event')}: filed under {humanise(alt['theme'], capital=False)}"
        )
    if reading.counting != "events":
        return "the economic and military domains compared by deeds only, one event per incident"
    if reading.stance != "theme":
        return "engagement and friction read from each event's act, not its theme"
    return "only the positions a government states in its own voice"


def readings_frame(alternatives: list[Reading], tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per alternative reading: the choice it changes and the reading in words."""
    return pd.DataFrame(
        {
            "choice": [KINDS[kind(r)].removeprefix("the ").removeprefix("a ") for r in alternatives],
            "alternative reading": [reading_words(r, tables) for r in alternatives],
        }
    )


def entry(
    finding_id: str,
    statement: str,
    robust: bool,
    tested: int,
    breaking: list[Reading],
    becomes: str,
    tables: Mapping[str, pd.DataFrame],
    on_record: str = "",
    on_record_why: str = "",
    reached: bool = True,
) -> str:
    """One finding's entry on the robustness page, as MyST: a target, the mark and the
    statement; for a fragile finding the readings that break it and what it becomes; and,
    where the register says, whether it holds with events on the dates the outside record gives."""
    lines = [
        f"({entry_label(finding_id)})=",
        f"**{mark_text(robust, tested, breaking, reached)}.** {md(statement).data}",
    ]
    if not robust:
        named = "; ".join(f"*{escape_markdown(reading_words(r, tables))}*" for r in breaking)
        if len(breaking) == 1:
            fails = f"It fails under one of the {tested} readings, {named}, and would then read"
        else:
            fails = f"It fails under {len(breaking)} of the {tested} readings: {named}. Under the first, it would read"
        lines += ["", f"> {fails}: “{md(becomes).data}”"]
    if on_record in ("holds", "fails"):
        why = f" {md(on_record_why).data}" if on_record_why else ""
        lines += ["", f"*With events on the dates the outside record gives, it {on_record}.*{why}"]
    return "\n".join(lines)


def register_markdown(
    reg: pd.DataFrame, breaking: Mapping[str, list[Reading]], tables: Mapping[str, pd.DataFrame]
) -> str:
    """The whole register as entries grouped by chapter, each chapter linked by its title:
    one column of text, which reads on a phone without scrolling sideways."""
    blocks = []
    for chapter, rows in reg.groupby("chapter", sort=False):
        robust = int(rows["robust"].sum())
        page = chapter.removeprefix("chapters/")
        blocks.append(
            f"**From {{doc}}`{page}`**: {len(rows)} findings, {robust} robust, {len(rows) - robust} fragile."
        )
        for row in rows.itertuples(index=False):
            blocks.append(
                entry(
                    row.finding_id,
                    row.statement,
                    bool(row.robust),
                    int(row.alternatives_tested),
                    breaking.get(row.finding_id, []),
                    row.becomes,
                    tables,
                    str(getattr(row, "on_record", "") or ""),
                    str(getattr(row, "on_record_why", "") or ""),
                    int(getattr(row, "reached_by", 1) or 0) > 0,
                )
            )
    return "\n\n".join(blocks) + "\n"
