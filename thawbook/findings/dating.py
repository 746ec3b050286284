"""Findings of chapter 03, the source and its date."""

from __future__ import annotations

import pandas as pd

from thawbook.analysis.dating import account_for_temporal_expressions, coverage
from thawbook.dates.publication import infer_publication_interval
from thawbook.findings.core import Finding, finding
from thawbook.findings.readings import Reading

CHAPTER = "chapters/03_dating"


def _day(day) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def findings(tables: dict[str, pd.DataFrame], reading: Reading) -> list[Finding]:
    """The dating chapter's findings under ``reading`` (its week convention matters here)."""
    published, steps = infer_publication_interval(reading.week_start)
    accounts = account_for_temporal_expressions(
        tables["events"], tables["temporal_exclusions"], week_start=reading.week_start
    )
    figures = coverage(accounts)
    return [
        finding(
            "dating-publication-days",
            CHAPTER,
            "The article's own words pin its publication to {pub_days} days, {pub_start} to {pub_end}, "
            "by {n_steps} steps of reasoning.",
            {
                "pub_days": published.days,
                "pub_start": _day(published.start),
                "pub_end": _day(published.end),
                "n_steps": len(steps),
                "_start": published.start,
                "_end": published.end,
            },
            # "pinned to a few days": at most three, all in the week after the ambassador's arrival
            lambda v: v["pub_days"] <= 3 and v["_start"] > pd.Timestamp("2023-05-23").date(),
        ),
        finding(
            "dating-one-outside-step",
            CHAPTER,
            "{n_outside_steps} step of the dating leans on outside knowledge, the year; the week and the "
            "days come from the article alone.",
            {
                "n_outside_steps": sum(s.needs_context for s in steps),
                "_names": [s.name for s in steps if s.needs_context],
            },
            lambda v: v["n_outside_steps"] == 1 and v["_names"] == ["year"],
        ),
        finding(
            "dating-every-time-word-accounted",
            CHAPTER,
            "Of {n_mentions} temporal expressions, {n_by_events} date an event and {n_by_exclusions} are set "
            "aside with a reason; {n_unaccounted} are unaccounted for.",
            {
                "n_mentions": figures["mentions"],
                "n_by_events": figures["events"],
                "n_by_exclusions": figures["exclusions"],
                "n_unaccounted": figures["unaccounted"],
                "n_resolved": figures["resolved"],
                "n_extra_exclusions": len(
                    set(tables["temporal_exclusions"]["exclusion_id"]) - set(accounts["account_id"])
                ),
            },
            lambda v: v["n_unaccounted"] == 0 and v["n_by_events"] + v["n_by_exclusions"] == v["n_mentions"],
        ),
        finding(
            "dating-resolver-agrees",
            CHAPTER,
            "For all {n_agree} of {n_by_events} event dates, an independent resolver reading the same words "
            "returns exactly the stored interval.",
            {"n_agree": figures["agrees"], "n_by_events": figures["events"]},
            lambda v: v["n_agree"] == v["n_by_events"] > 0,
        ),
    ]
