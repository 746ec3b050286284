"""The codebook of ``measures.rationale_kind``, applied to every row from the seed's words.

The kind of a measure's stated rationale follows from the word that ties the rationale to the
measure in the article (the rule is written once, in the field's description in
``data/datapackage.json``):

- ``over`` (a cause) or ``about`` (what the measure is about) makes it a ``reason``;
- ``to`` (a purpose) makes it a ``reason``, unless ``similarly`` follows: the words then repeat
  the act of the measure they extend, and it is ``action_restated``;
- ``and`` joins a further act asked for or imposed alongside: ``action_restated``;
- ``if`` sets the condition of a warning or demand: ``trigger``;
- no stated rationale: ``none``.
"""

from __future__ import annotations

import re

import pandas as pd

from thawbook.inputs.seed import read_seed

#: The tying word and the kind it gives.
TIES = {"over": "reason", "about": "reason", "to": "reason", "and": "action_restated", "if": "trigger"}


def tie(rationale: str, text: str | None = None) -> str:
    """The word that ties ``rationale`` to its measure: its own first word when that is ``to``,
    ``if`` or ``over``, else the word before it in the seed (quotation marks skipped); "" if none."""
    if not rationale:
        return ""
    first = rationale.split()[0].lower()
    if first in ("to", "if", "over"):
        return first
    text = read_seed() if text is None else text
    before = text[: text.find(rationale)].rstrip(" “")
    found = re.findall(r"[A-Za-z]+$", before)
    return found[0].lower() if found else ""


def rationale_kind_by_rule(rationale: str, text: str | None = None) -> str:
    """The kind the codebook gives a stated rationale (see the module's docstring)."""
    if not rationale:
        return "none"
    word = tie(rationale, text)
    if word == "to" and re.match(r"to similarly\b", rationale):
        return "action_restated"
    return TIES.get(word, f"no rule for a rationale tied by {word!r}")


def rationale_rule_problems(measures: pd.DataFrame, text: str | None = None) -> list[str]:
    """Every row whose ``rationale_kind`` disagrees with the codebook, one sentence each (empty if none)."""
    text = read_seed() if text is None else text
    problems = []
    for row in measures.fillna("").itertuples(index=False):
        if row.stated_rationale and text.count(row.stated_rationale) != 1:
            problems.append(f"{row.measure_id}: the stated rationale is not a unique span of the article")
            continue
        rule = rationale_kind_by_rule(row.stated_rationale, text)
        if row.rationale_kind != rule:
            problems.append(
                f"{row.measure_id}: rationale_kind {row.rationale_kind}, the codebook gives {rule}"
            )
    return problems
