"""What a finding is, and how one is checked.

A *finding* is something the book asserts: a number, a comparison, "none", "all", "the most".
Each is computed in the package by one function per chapter (``thawbook.findings.<chapter>``)
and carries a *predicate*: the condition under which its sentence is true. The book glues the
finding's values into its prose, and :func:`check` stops the build when a predicate is false,
naming the finding, so that a sentence the data no longer support cannot ship.

Every finding can fail: each chapter's module keeps a :class:`Falsifier` per finding, a minimal
realistic change to the data (:func:`move` one event, :func:`recode` or :func:`drop` one row)
under which its sentence would be false, and a test applies each one. Counts reach sentences
through :func:`count`, :func:`share`, :func:`verb` and :func:`listing`, so that 0, 1, 2 and
"all" read right under every reading.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from thawbook.render.numbers import number_text


class FindingError(AssertionError):
    """A finding's predicate is false: its sentence no longer holds for the data."""


@dataclass(frozen=True)
class Finding:
    """One assertion of the book, with the values it glues and whether it holds.

    ``statement`` is the sentence with ``{name}`` placeholders for ``values``; ``values`` maps
    glue names to what is glued (numbers are rounded as shown; names starting with ``_`` are
    not glued and serve the predicate); ``holds`` is the predicate evaluated on ``values``.
    ``about_the_article`` is empty for a claim about events, which the outside record can
    confirm or contradict; for a claim about the article's own words (how it dates things,
    what it says against the record) it says so, and the reading "as the record dates it"
    does not apply to it. ``otherwise`` is the sentence's wording when the predicate is false,
    from the same values: a reading that breaks the finding shows it instead of the statement
    filled with numbers that contradict its words ("more than half, 44 %").
    """

    id: str
    chapter: str
    statement: str
    values: dict = field(default_factory=dict)
    holds: bool = True
    about_the_article: str = ""
    otherwise: str = ""

    @property
    def sentence(self) -> str:
        """The statement with its values filled in; ``otherwise`` instead when it is false and has one."""
        shown = {k: _plain(v) for k, v in self.values.items()}
        template = self.statement if self.holds or not self.otherwise else self.otherwise
        return template.format(**shown)

    @property
    def glued(self) -> dict:
        """The values the book glues (names not starting with ``_``)."""
        return {k: v for k, v in self.values.items() if not k.startswith("_")}


def _plain(value) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(number_text(v) for v in sorted(value))
    return number_text(value)


def finding(
    id: str,
    chapter: str,
    statement: str,
    values: dict,
    predicate: Callable[[dict], bool],
    about_the_article: str = "",
    otherwise: str = "",
) -> Finding:
    """Build a :class:`Finding`, evaluating ``predicate`` on ``values``.

    A predicate that raises (a missing week, an empty list) counts as false. ``otherwise`` is
    the wording when it is false (see :class:`Finding`).
    """
    try:
        holds = bool(predicate(values))
    except (KeyError, IndexError, ValueError, ZeroDivisionError, TypeError):
        holds = False
    return Finding(id, chapter, statement, dict(values), holds, about_the_article, otherwise)


def check(findings: list[Finding]) -> list[Finding]:
    """Return ``findings`` unchanged if every one holds; otherwise raise :class:`FindingError`.

    The message names each false finding by id, with its sentence as computed now.
    """
    false = [f for f in findings if not f.holds]
    if false:
        lines = "\n".join(f"  {f.id} ({f.chapter}): {f.sentence}" for f in false)
        raise FindingError(f"{len(false)} finding(s) no longer hold for the data:\n{lines}")
    ids = [f.id for f in findings]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise FindingError(f"finding ids used twice: {', '.join(duplicated)}")
    return findings


Tables = dict[str, pd.DataFrame]


@dataclass(frozen=True)
class Falsifier:
    """A minimal, realistic change to the data under which a finding's sentence would be false.

    ``words`` says what changes, for a reader (no ids); ``change`` returns the changed tables
    and leaves its input alone. Each chapter's module keeps one per finding in ``FALSIFIERS``,
    and a test applies each one and checks that its finding's predicate then fails.
    """

    words: str
    change: Callable[[Tables], Tables]


def _edited(tables: Tables, name: str, edit: Callable[[pd.DataFrame], pd.DataFrame]) -> Tables:
    out = dict(tables)
    out[name] = edit(tables[name].copy())
    return out


def move(event_id: str, start: str, end: str | None, words: str) -> Falsifier:
    """Move one event to ``start``..``end`` (ISO days; ``end`` None: one day)."""

    def change(tables: Tables) -> Tables:
        from thawbook.dates.intervals import precision_of

        def edit(events: pd.DataFrame) -> pd.DataFrame:
            row = events["event_id"] == event_id
            if not row.any():
                raise KeyError(event_id)
            events.loc[row, "date_start"] = pd.Timestamp(start)
            events.loc[row, "date_end"] = pd.Timestamp(end or start)
            events["date_precision"] = [
                precision_of(s, e) for s, e in zip(events["date_start"], events["date_end"])
            ]
            return events

        return _edited(tables, "events", edit)

    return Falsifier(words, change)


def recode(table: str, key: str, value: str, column: str, new, words: str) -> Falsifier:
    """Set ``column`` to ``new`` in the row of ``table`` whose ``key`` column is ``value``."""

    def change(tables: Tables) -> Tables:
        def edit(frame: pd.DataFrame) -> pd.DataFrame:
            row = frame[key] == value
            if not row.any():
                raise KeyError(value)
            frame.loc[row, column] = new
            return frame

        return _edited(tables, table, edit)

    return Falsifier(words, change)


def drop(table: str, key: str, value: str, words: str) -> Falsifier:
    """Remove the row of ``table`` whose ``key`` column is ``value``."""

    def change(tables: Tables) -> Tables:
        def edit(frame: pd.DataFrame) -> pd.DataFrame:
            row = frame[key] == value
            if not row.any():
                raise KeyError(value)
            return frame[~row].reset_index(drop=True)

        return _edited(tables, table, edit)

    return Falsifier(words, change)


# ------------------------------------------------------------------ counts in words


def count(n: int, noun: str, plural: str | None = None, zero: str = "no") -> str:
    """``n`` things in words: "no events", "1 event", "3 events" (``zero`` replaces "no")."""
    many = plural or f"{noun}s"
    if n == 0:
        return f"{zero} {many}"
    return f"1 {noun}" if n == 1 else f"{n} {many}"


def verb(n: int, singular: str, plural: str) -> str:
    """The verb agreeing with ``n``: ``singular`` for exactly one, ``plural`` otherwise."""
    return singular if n == 1 else plural


def listing(words, empty: str = "none") -> str:
    """``["a", "b", "c"]`` -> "a, b and c"; ``empty`` for no words."""
    words = list(words)
    if not words:
        return empty
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def share(k: int, n: int, noun: str, plural: str | None = None) -> str:
    """``k`` of ``n`` things in words that read right for 0, 1, 2 and all.

    "all 5 weeks", "both weeks", "the one week", "none of the 4 weeks", "2 of the 5 weeks",
    "no weeks" (when there are none at all).
    """
    many = plural or f"{noun}s"
    if n == 0:
        return f"no {many}"
    if k == n:
        return {1: f"the one {noun}", 2: f"both {many}"}.get(n, f"all {n} {many}")
    if k == 0:
        return f"neither of the 2 {many}" if n == 2 else f"none of the {n} {many}"
    return f"{k} of the {n} {many}"


def recode_all(table: str, column: str, old, new, words: str) -> Falsifier:
    """Recode every row of ``table`` whose ``column`` is ``old`` to ``new``: one coding rule changed."""

    def change(tables: Tables) -> Tables:
        def edit(frame: pd.DataFrame) -> pd.DataFrame:
            rows = frame[column] == old
            if not rows.any():
                raise KeyError(old)
            frame.loc[rows, column] = new
            return frame

        return _edited(tables, table, edit)

    return Falsifier(words, change)
