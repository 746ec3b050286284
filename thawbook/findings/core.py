"""What a finding is, and how one is checked.

A *finding* is something the book asserts: a number, a comparison, "none", "all", "the most".
Each is computed in the package by one function per chapter (``thawbook.findings.<chapter>``)
and carries a *predicate*: the condition under which its sentence is true. The book glues the
finding's values into its prose, and :func:`check` stops the build when a predicate is false,
naming the finding, so that a sentence the data no longer support cannot ship.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


class FindingError(AssertionError):
    """A finding's predicate is false: its sentence no longer holds for the data."""


@dataclass(frozen=True)
class Finding:
    """One assertion of the book, with the values it glues and whether it holds.

    ``statement`` is the sentence with ``{name}`` placeholders for ``values``; ``values`` maps
    glue names to what is glued (numbers are rounded as shown; names starting with ``_`` are
    not glued and serve the predicate); ``holds`` is the predicate evaluated on ``values``.
    """

    id: str
    chapter: str
    statement: str
    values: dict = field(default_factory=dict)
    holds: bool = True

    @property
    def sentence(self) -> str:
        """The statement with its values filled in."""
        shown = {k: _plain(v) for k, v in self.values.items()}
        return self.statement.format(**shown)

    @property
    def glued(self) -> dict:
        """The values the book glues (names not starting with ``_``)."""
        return {k: v for k, v in self.values.items() if not k.startswith("_")}


def _plain(value) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(v) for v in sorted(value))
    return str(value)


def finding(
    id: str, chapter: str, statement: str, values: dict, predicate: Callable[[dict], bool]
) -> Finding:
    """Build a :class:`Finding`, evaluating ``predicate`` on ``values``.

    A predicate that raises (a missing week, an empty list) counts as false.
    """
    try:
        holds = bool(predicate(values))
    except (KeyError, IndexError, ValueError, ZeroDivisionError, TypeError):
        holds = False
    return Finding(id, chapter, statement, dict(values), holds)


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
