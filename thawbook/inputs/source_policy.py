"""The source policy for outside facts (``data/context.csv``), checked when the table loads.

Each rule looks at one row and returns a problem or nothing; :func:`violations` runs them
all. When :mod:`thawbook.inputs.tables` loads the table, :mod:`thawbook.inputs.checks` turns the first
violation into a :class:`~thawbook.inputs.checks.DataError` naming the file, the row, the column
and the rule, so a row that breaks the policy stops the build. The rules (also listed in the
data dictionary through :data:`RULES`):

- ``no_reference_works``: an encyclopedia or other reference work (``source_type``
  ``reference``, or any Wikipedia address) is not a source for a fact;
- ``no_email_notices``: a forwarded or replied e-mail ("Fwd:", "Re:", "RSVP" in the title) is
  not a source for a fact;
- ``source_title_not_reconstructed``: the title is the page's own, not rebuilt from its URL;
- ``state_media_only_for_its_state``: state media (``source_type`` ``state_media``, with the
  owning state in ``source_state``) may only be used for what that state says: the claim
  must name the state and attribute the words ("China's foreign minister ... said");
  ``source_state`` is filled exactly for state media;
- ``accessed_not_before_source``: a source cannot be read before it was published.

What the policy cannot check by machine (that a claim says no more than its one source,
that primary or wire sources were preferred) is the editors' job; the ``accessed`` date
records when they did it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

# Words that name a state in a claim, by ISO 3166-1 alpha-3 code.
STATE_NAMES = {
    "CHN": ("China", "Chinese", "Beijing", "PRC"),
    "RUS": ("Russia", "Russian", "Moscow", "Kremlin"),
    "IRN": ("Iran", "Iranian", "Tehran"),
    "USA": ("United States", "US", "U.S.", "American", "Washington"),
}
ATTRIBUTION = re.compile(
    r"\b(said|says|say|told|asked|stated|announced|called|warned|according to|quoted)\b", re.IGNORECASE
)
EMAIL_TITLE = re.compile(r"^\s*(fwd?|re|fw)\s*:|\brsvp\b", re.IGNORECASE)


@dataclass(frozen=True)
class PolicyRule:
    """One rule outside facts must follow: its name, wording, column and check."""

    name: str
    description: str
    column: str
    check: Callable[[pd.Series], str | None]


def _blank(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or str(value).strip() == ""


def _no_reference(row: pd.Series) -> str | None:
    if row["source_type"] == "reference":
        return "a reference work is not a source for a fact; cite the source it relies on"
    if "wikipedia.org" in str(row["source_url"]).lower():
        return f"{row['source_url']} is Wikipedia, a reference work, not a source for a fact"
    return None


def _no_email(row: pd.Series) -> str | None:
    if EMAIL_TITLE.search(str(row["source_title"])):
        return f"{row['source_title']!r} is an e-mail notice, not a source for a fact"
    return None


def _title_not_reconstructed(row: pd.Series) -> str | None:
    if "reconstructed" in str(row["source_title"]).lower():
        return "the title was rebuilt from the URL; give the page's own title or a better source"
    return None


def _names_state(claim: str, state: str) -> bool:
    return any(
        re.search(rf"(?<!\w){re.escape(word)}(?!\w)", claim) for word in STATE_NAMES.get(state, (state,))
    )


def _state_media(row: pd.Series) -> str | None:
    state, claim = row["source_state"], str(row["claim"])
    if row["source_type"] != "state_media":
        return None if _blank(state) else "source_state is only for state media"
    if _blank(state):
        return "state media needs source_state, the state that owns or directs it"
    if not _names_state(claim, state) or not ATTRIBUTION.search(claim):
        return (
            f"state media ({state}) may only source what {state} says: the claim must name the state "
            'and attribute the words (e.g. "China\'s foreign minister said ...")'
        )
    return None


def _accessed_after_source(row: pd.Series) -> str | None:
    published, accessed = row["source_date"], row["accessed"]
    if _blank(published) or _blank(accessed):
        return None
    if pd.Timestamp(accessed) < pd.Timestamp(published):
        accessed_on, published_on = pd.Timestamp(accessed), pd.Timestamp(published)
        return f"accessed {accessed_on:%Y-%m-%d} is before the source's date {published_on:%Y-%m-%d}"
    return None


RULES = [
    PolicyRule(
        "no_reference_works",
        "context: a reference work (e.g. Wikipedia) is not a source for a fact",
        "source_type",
        _no_reference,
    ),
    PolicyRule(
        "no_email_notices", "context: an e-mail notice is not a source for a fact", "source_title", _no_email
    ),
    PolicyRule(
        "source_title_not_reconstructed",
        "context: a source's title is the page's own, not rebuilt from its URL",
        "source_title",
        _title_not_reconstructed,
    ),
    PolicyRule(
        "state_media_only_for_its_state",
        "context: state media only for what its state says (the claim names the state and says who said it)",
        "claim",
        _state_media,
    ),
    PolicyRule(
        "accessed_not_before_source",
        "context: a source is not read before it was published",
        "accessed",
        _accessed_after_source,
    ),
]


def violations(frame: pd.DataFrame) -> list[tuple[int, str, str, str]]:
    """Every ``(index, column, problem, rule)`` of ``frame`` (context rows) that breaks the policy, in row order."""
    found = []
    for index, row in frame.iterrows():
        for rule in RULES:
            problem = rule.check(row)
            if problem:
                found.append((index, rule.column, problem, rule.name))
    return found
