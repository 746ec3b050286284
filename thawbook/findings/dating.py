"""Findings of chapter 03, the source and its date."""

from __future__ import annotations

import pandas as pd

from thawbook.analysis.dating import account_for_temporal_expressions, coverage
from thawbook.dates.publication import COVID_ZERO_BEGAN, INFERRED_YEAR, infer_publication_interval
from thawbook.findings.core import Finding, drop, finding, move, share, verb
from thawbook.findings.readings import Reading

CHAPTER = "chapters/03_dating"
#: Why the record does not bear on these findings.
ABOUT_WORDS = "it is about the article's own dating words, which the record cannot change"

FALSIFIERS = {
    "dating-publication-days": move(
        "ev-li-austin-handshake",
        "2023-06-05",
        None,
        "the handshake, told as past, moved to Monday 5 June, after the days the words allow",
    ),
    "dating-one-outside-step": move(
        "ev-covid-zero",
        "2019-01-01",
        "2022-12-31",
        "Covid zero dated from 2019, so that its three years no longer end the year before 2023",
    ),
    "dating-every-time-word-accounted": drop(
        "temporal_exclusions",
        "exclusion_id",
        "tx-currently",
        "the reason for setting aside 'currently' dropped",
    ),
    "dating-resolver-agrees": move(
        "ev-jet-intercept", "2023-05-25", None, "the jet intercept stored a day before 'Last Friday'"
    ),
}


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
            "by {n_steps} steps of reasoning, and no event it tells as past ends after them.",
            {
                "pub_days": published.days,
                "pub_start": _day(published.start),
                "pub_end": _day(published.end),
                "n_steps": len(steps),
                "_end": published.end,
                "_last_past": tables["events"]
                .loc[tables["events"]["status"] == "occurred", "date_end"]
                .max(),
            },
            # "pinned to a few days": at most three; the past tense is kept: nothing told as past ends later
            lambda v: v["pub_days"] <= 3 and v["_last_past"] <= pd.Timestamp(v["_end"]),
            about_the_article=ABOUT_WORDS,
        ),
        finding(
            "dating-one-outside-step",
            CHAPTER,
            "One step of the dating leans on outside knowledge, the year: three years of Covid zero counted "
            "from {dating_covid_zero_began}, when the data date its start; the week and the days come from the "
            "article alone.",
            {
                "n_outside_steps": sum(s.needs_context for s in steps),
                "dating_covid_zero_began": COVID_ZERO_BEGAN,
                "_names": [s.name for s in steps if s.needs_context],
                "_covid": tuple(
                    tables["events"].set_index("event_id").loc["ev-covid-zero", ["date_start", "date_end"]]
                ),
            },
            # one step, the year; and the outside fact it uses agrees with the data's Covid-zero period
            lambda v: (
                v["_names"] == ["year"]
                and v["_covid"][0].year == COVID_ZERO_BEGAN
                and v["_covid"][1].year + 1 == INFERRED_YEAR
            ),
            about_the_article=ABOUT_WORDS,
        ),
        finding(
            "dating-every-time-word-accounted",
            CHAPTER,
            "Of the article's {n_mentions} temporal expressions, {n_by_events} date an event and "
            "{n_by_exclusions} are set aside with a reason; {dating_unaccounted_words}.",
            {
                "n_mentions": figures["mentions"],
                "n_by_events": figures["events"],
                "n_by_exclusions": figures["exclusions"],
                "n_unaccounted": figures["unaccounted"],
                "dating_unaccounted_words": "none is left unaccounted for"
                if figures["unaccounted"] == 0
                else f"{figures['unaccounted']} {verb(figures['unaccounted'], 'is', 'are')} unaccounted for",
                "n_resolved": figures["resolved"],
                "n_extra_exclusions": len(
                    set(tables["temporal_exclusions"]["exclusion_id"]) - set(accounts["account_id"])
                ),
            },
            lambda v: v["n_unaccounted"] == 0,
            about_the_article=ABOUT_WORDS,
        ),
        finding(
            "dating-resolver-agrees",
            CHAPTER,
            "Resolved again from the article's dating words alone (a consistency check), the dates match "
            "the stored interval exactly for {dating_agree_words} that rest on them.",
            {
                "n_agree": figures["agrees"],
                "n_by_events": figures["events"],
                "dating_agree_words": share(figures["agrees"], figures["events"], "event date"),
            },
            # "exactly the stored interval" for every one of them
            lambda v: v["n_agree"] == v["n_by_events"] > 0,
            about_the_article=ABOUT_WORDS,
        ),
    ]
