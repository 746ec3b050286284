"""The article's chronology: its own publication date, and how every time word in it is used.

Two questions are answered here, both from evidence inside the article:

* :func:`derivation_table` lays out the steps of
  :func:`thawbook.dates.publication.infer_publication_interval`, the publication date the article's
  words allow (it has no dateline).
* :func:`account_for_temporal_expressions` takes every temporal expression that
  :func:`thawbook.dates.intervals.find_temporal_expressions` finds and says what accounts for it: the
  event row that it dates, or the row of ``temporal_exclusions.csv`` that says why it dates
  nothing. A mention that neither explains is kept and marked ``"unaccounted"``, never
  dropped. For event rows the stored interval is compared with the resolver's independent
  reading (:func:`thawbook.dates.intervals.resolve`).

The charts of both (chapter 03) are in :mod:`thawbook.charts.dating`.
"""

from __future__ import annotations

import re

import pandas as pd

from thawbook.dates.intervals import Interval, TemporalMention, find_temporal_expressions, iso
from thawbook.dates.publication import Constraint, resolve_in_article
from thawbook.render.display import SPAN_SEPARATOR

_LEADING = re.compile(r"^(?:on|in|since)\s+", re.IGNORECASE)

#: The name of the derivation's last row, the interval every constraint allows.
PUBLICATION = "publication interval"


def comparable(expression: str) -> str:
    """An expression as compared across tables: lower case, single spaces, no leading On/in/since.

    ``"On Tuesday"`` and ``"Tuesday"`` compare equal; so do ``"on May 23"`` and ``"May 23"``.
    """
    text = " ".join(str(expression).split()).lower()
    return _LEADING.sub("", text)


# ------------------------------------------------------------ publication date


def derivation_table(published: Interval, steps: list[Constraint]) -> pd.DataFrame:
    """One row per derivation step, then the resulting publication interval.

    Columns: step (1-based order, "=" for the result), constraint, evidence (the verbatim
    spans, verbatim, joined by " / "), allowed_start, allowed_end (ISO strings), days, outside_knowledge
    ("yes"/"no") and reasoning.
    """
    rows = [
        {
            "step": str(number),
            "constraint": step.name,
            "evidence": SPAN_SEPARATOR.join(step.evidence),
            "allowed_start": step.interval.start.isoformat(),
            "allowed_end": step.interval.end.isoformat(),
            "days": step.interval.days,
            "outside_knowledge": "yes" if step.needs_context else "no",
            "reasoning": step.reasoning,
        }
        for number, step in enumerate(steps, start=1)
    ]
    rows.append(
        {
            "step": "=",
            "constraint": PUBLICATION,
            "evidence": "",  # the result rests on the steps above, not on a span of its own
            "allowed_start": published.start.isoformat(),
            "allowed_end": published.end.isoformat(),
            "days": published.days,
            "outside_knowledge": "yes" if any(step.needs_context for step in steps) else "no",
            "reasoning": "The days every constraint allows (their intersection).",
        }
    )
    return pd.DataFrame(rows)


# ------------------------------------------------------------ temporal accounting


def _events_at(events: pd.DataFrame, mention: TemporalMention) -> list[str]:
    key = comparable(mention.expression)
    hits = events[
        (events["evidence_start"] <= mention.start)
        & (events["evidence_end"] >= mention.end)
        & (events["date_expression"].map(comparable) == key)
    ]
    return sorted(hits["event_id"])


def _exclusions_at(exclusions: pd.DataFrame, mention: TemporalMention) -> list[str]:
    key = comparable(mention.expression)
    hits = exclusions[
        (exclusions["evidence_start"] <= mention.start)
        & (exclusions["evidence_end"] >= mention.end)
        & (exclusions["expression"].map(comparable) == key)
    ]
    return sorted(hits["exclusion_id"])


def account_for_temporal_expressions(
    events: pd.DataFrame,
    exclusions: pd.DataFrame,
    mentions: list[TemporalMention] | None = None,
    week_start: str | None = None,
) -> pd.DataFrame:
    """What accounts for each temporal expression of the article, one row per mention.

    ``events`` and ``exclusions`` are the loaded tables (with ``evidence_start`` and
    ``evidence_end``). A mention is accounted for by an event when the event's evidence
    span contains the mention and its ``date_expression`` equals the mention under
    :func:`comparable`; otherwise by an exclusion whose evidence span contains it and whose
    ``expression`` equals it. A mention that matches neither is kept with
    ``accounted_by == "unaccounted"``. ``matches`` counts every row that fits (1 is clean).

    For event mentions the stored ``date_start``/``date_end`` are given, and
    :func:`thawbook.dates.publication.resolve_in_article` is run independently on the expression, against
    the publication interval the article's own words allow (future tense for
    forthcoming events, past otherwise); ``agreement`` is "agrees", "differs", or "not
    resolvable" when the resolver does not support the expression. Exclusions get the
    resolver's reading where it has one, and agreement "no event date". With ``week_start``
    None the resolver takes the hull over both week conventions
    (:func:`thawbook.dates.publication.resolve_in_article`); otherwise it uses that one.
    """
    mentions = find_temporal_expressions() if mentions is None else mentions
    by_event = events.set_index("event_id")
    by_exclusion = exclusions.set_index("exclusion_id")
    rows = []
    for number, mention in enumerate(mentions, start=1):
        event_ids = _events_at(events, mention)
        exclusion_ids = _exclusions_at(exclusions, mention)
        row = {
            "mention": number,
            "expression": mention.expression,
            "paragraph": mention.paragraph,
            "start": mention.start,
            "end": mention.end,
            "accounted_by": "unaccounted",
            "account_id": "",
            "matches": len(event_ids) + len(exclusion_ids),
            "evidence": "",
            "explanation": "",
            "theme": "",
            "date_start": "",
            "date_end": "",
            "resolved_start": "",
            "resolved_end": "",
            "agreement": "",
        }
        tense = "past"
        if event_ids:
            event = by_event.loc[event_ids[0]]
            tense = "future" if event["status"] == "forthcoming" else "past"
            row.update(
                accounted_by="event",
                account_id=event_ids[0],
                evidence=event["evidence"],
                explanation=event["title"],
                theme=event["theme"],
                date_start=iso(event["date_start"]),
                date_end=iso(event["date_end"]),
            )
        elif exclusion_ids:
            exclusion = by_exclusion.loc[exclusion_ids[0]]
            row.update(
                accounted_by="exclusion",
                account_id=exclusion_ids[0],
                evidence=exclusion["evidence"],
                explanation=exclusion["reason"],
            )
        try:
            resolved = resolve_in_article(mention.expression, tense=tense, week_start=week_start)
        except ValueError:
            resolved = None
        if resolved is not None:
            row.update(resolved_start=resolved.start.isoformat(), resolved_end=resolved.end.isoformat())
        if row["accounted_by"] == "event":
            if resolved is None:
                row["agreement"] = "not resolvable"
            elif (row["resolved_start"], row["resolved_end"]) == (row["date_start"], row["date_end"]):
                row["agreement"] = "agrees"
            else:
                row["agreement"] = "differs"
        elif row["accounted_by"] == "exclusion":
            row["agreement"] = "no event date"
        rows.append(row)
    return pd.DataFrame(rows)


def coverage(accounts: pd.DataFrame) -> dict[str, int]:
    """Counts for the page and the test log: mentions, by what they are accounted for, agreement."""
    by = accounts["accounted_by"].value_counts()
    agreement = accounts["agreement"].value_counts()
    return {
        "mentions": len(accounts),
        "events": int(by.get("event", 0)),
        "exclusions": int(by.get("exclusion", 0)),
        "unaccounted": int(by.get("unaccounted", 0)),
        "ambiguous": int((accounts["matches"] > 1).sum()),
        "agrees": int(agreement.get("agrees", 0)),
        "differs": int(agreement.get("differs", 0)),
        "not_resolvable": int(agreement.get("not resolvable", 0)),
        "resolved": int((accounts["resolved_start"] != "").sum()),
        # expressions that name no date the resolver can place (durations, states, habits, vague
        # spans): chapter 03's chart draws the resolved ones only, and says why the rest are absent
        "unresolved": int((accounts["resolved_start"] == "").sum()),
    }


#: The reader's words for the counts of :func:`coverage`, in the order the page lists them.
COVERAGE_WORDS = {
    "mentions": "time words the extractor finds",
    "events": "… that date an event",
    "exclusions": "… set aside, each with its reason",
    "unaccounted": "… accounted for by no row",
    "agrees": "event dates the resolver gives back exactly",
    "differs": "event dates it gives back differently",
    "resolved": "time words it can place on the calendar",
    "unresolved": "time words that name no date it can place",
}


def coverage_table(accounts: pd.DataFrame) -> pd.DataFrame:
    """:func:`coverage` as a reader's two-column table (what is counted, how many)."""
    counts = coverage(accounts)
    return pd.DataFrame({"what": list(COVERAGE_WORDS.values()), "count": [counts[k] for k in COVERAGE_WORDS]})


def accounts_table(accounts: pd.DataFrame) -> pd.DataFrame:
    """The accounting as a reader's table, in text order, with worded column names."""
    return accounts.rename(
        columns={
            "mention": "#",
            "expression": "expression",
            "paragraph": "paragraph",
            "accounted_by": "accounted for by",
            "account_id": "row",
            "explanation": "event or reason",
            "date_start": "date_start",
            "date_end": "date_end",
            "resolved_start": "resolver start",
            "resolved_end": "resolver end",
            "agreement": "stored vs resolver",
            "evidence": "evidence",
        }
    )[
        [
            "#",
            "expression",
            "paragraph",
            "accounted for by",
            "row",
            "event or reason",
            "date_start",
            "date_end",
            "resolver start",
            "resolver end",
            "stored vs resolver",
            "evidence",
        ]
    ]
