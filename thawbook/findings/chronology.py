"""Findings of chapter 04, the chronology: what the article dates, how precisely, in what order."""

from __future__ import annotations

import pandas as pd

from thawbook.analysis import chronology, chronology_order, coding
from thawbook.dates.agreement import event_context_pairs
from thawbook.dates.publication import infer_publication_interval
from thawbook.findings.core import Falsifier, Finding, count, finding, listing, move, share, verb
from thawbook.findings.readings import Reading
from thawbook.render.labels import humanise
from thawbook.render.numbers import MINUS

CHAPTER = "chapters/04_chronology"

#: "close to what a random shuffle would give": a random order lands at least this far from 0
#: more often than this.
RANDOM_LIKE_P = 0.05
#: "only a few": the share of events the article pins to a single day is below this.
FEW_EXACT = 1 / 4
#: Why the record does not bear on these findings.
ABOUT_WORDS = "it is about how the article's own words date events, which the record cannot change"

FALSIFIERS = {
    "chron-span": move(
        "ev-us-sanctions-li",
        "2019-01-01",
        "2019-12-31",
        "the sanctions on Li dated from 2019 instead of 2018, so that the events span less than five years",
    ),
    "chron-few-exact-days": Falsifier(
        "the Vienna meeting and the trade talks each dated to one day, so that a quarter of the events are "
        "pinned to a day",
        lambda tables: move("ev-trade-talks-washington", "2023-05-25", None, "").change(
            move("ev-sullivan-wang-vienna", "2023-05-10", None, "").change(tables)
        ),
    ),
    "chron-told-out-of-order": move(
        "ev-us-chip-controls",
        "2023-10-01",
        "2023-10-31",
        "the chip controls' 'in October', which names no year, read as the coming October, so that fewer than "
        "half the pairs are told the wrong way round",
    ),
    "chron-same-weeks": move(
        "ev-xie-feng-arrives",
        "2023-05-30",
        None,
        "the ambassador's arrival dated a week later, so that only one week holds both engagement and friction",
    ),
    "chron-outside-dates-agree": move(
        "ev-micron-ban",
        "2023-05-22",
        "2023-05-28",
        "the Micron ban's 'last week' read from Monday only, which leaves out the regulator's Sunday announcement",
    ),
}


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _weeks_md(placed: pd.DataFrame) -> str:
    """Each week with its engagement and friction events, as Markdown."""
    parts = []
    for week, group in placed.groupby("week", sort=True):
        stances = [
            f"{s} ({', '.join(f'*{t}*' for t in group.loc[group['stance'] == s, 'title'])})"
            for s in chronology.STANCES
            if (group["stance"] == s).any()
        ]
        parts.append(f"in the week of {week:%-d %B}, {' and '.join(stances)}")
    return "; ".join(parts)


def _misses_words(sources: pd.DataFrame) -> str:
    """The outside dates that fall outside the article's intervals, in words ("" when none does)."""
    recorded = sources.loc[sources["verdict"] == "recorded", "title"]
    unrecorded = sources.loc[sources["verdict"] == "unrecorded", "title"]
    if recorded.empty and unrecorded.empty:
        return ""
    parts = []
    if not recorded.empty:
        parts.append(
            f"{count(len(recorded), 'other')} {verb(len(recorded), 'falls', 'fall')} outside, recorded as a "
            f"correction ({listing(f'*{t}*' for t in recorded)})"
        )
    if not unrecorded.empty:
        parts.append(
            f"{count(len(unrecorded), 'other')} {verb(len(unrecorded), 'falls', 'fall')} outside with no "
            f"correction ({listing(f'*{t}*' for t in unrecorded)})"
        )
    return "; " + " and ".join(parts)


def findings(tables: dict[str, pd.DataFrame], reading: Reading) -> list[Finding]:
    """The chronology chapter's findings under ``reading`` (dates, weeks and placement matter)."""
    events, context = tables["events"], tables["context"]
    published, _ = infer_publication_interval(reading.week_start)
    rows = chronology.timeline_rows(events)
    exact = rows[~rows["imprecise"]]
    imprecise = rows[rows["imprecise"]]
    in_may_june = chronology.within(rows, chronology.MAY_JUNE)
    earliest = rows.iloc[0]
    latest = rows[rows["date_start"] == rows["date_start"].max()].iloc[0]

    told = chronology_order.telling_sequence(events)
    agreement = chronology_order.events_order_agreement(events)
    pairs = chronology_order.dated_pairs(events)
    by_id = told.set_index("event_id")
    oldest = told.loc[told["date_start"].idxmin()]
    forthcoming = told[told["status"] == "forthcoming"].iloc[0]

    run = chronology.run_up(events)
    if reading.stance == "act":
        quads = coding.coded_events(tables).set_index("event_id")["quad_class"]
        acted = run["event_id"].isin(quads.index)
        run.loc[acted, "stance"] = run.loc[acted, "event_id"].map(quads).map(coding.stance_of_act)
    placed = chronology.placed_in_weeks(run, reading.bins, reading.placement)
    placed = placed[placed["stance"] != "setting"]
    week_stances = placed.groupby("week")["stance"].agg(set)
    both = [w for w, s in week_stances.items() if {"engagement", "friction"} <= s]
    engagement_days = placed.loc[placed["stance"] == "engagement", "day"]
    friction_days = placed.loc[placed["stance"] == "friction", "day"]

    sources = chronology.one_per_fact(event_context_pairs(events, context, tables["corrections"]))
    widths = chronology.agreement_by_width(sources, events)
    misses = sources[sources["verdict"] != "contains"]
    chips = rows.set_index("event_id").loc["ev-us-chip-controls"]

    return [
        finding(
            "chron-span",
            CHAPTER,
            "The article dates {chron_n_events} events. {chron_n_may_june} of them ({chron_pct_may_june}%) fall "
            "wholly within {chron_may_june}, but it reaches back more than five years, to {chron_earliest_year}, "
            "and forward to {chron_latest_event}.",
            {
                "chron_n_events": len(rows),
                "chron_n_may_june": int(in_may_june.sum()),
                "chron_pct_may_june": round(100 * in_may_june.sum() / len(rows)),
                "chron_may_june": f"{chronology.MAY_JUNE.start:%B} and {chronology.MAY_JUNE.end:%B %Y}",
                "chron_earliest_year": int(earliest["date_start"].year),
                "chron_latest_event": f"*{latest['title']}* ({latest['interval']})",
                "chron_published": f"{published.start:%a %d} to {published.end:%a %d %B %Y}",
                "chron_oldest_year": int(told["date_start"].min().year),
                "chron_chip_controls": f"{chips['date_start']:%B %Y}",
                "_first": earliest["date_start"],
                "_last": latest["date_end"],
            },
            # "reaches back more than five years" from its latest event, "and forward" past June 2023
            lambda v: (
                v["_first"] + pd.DateOffset(years=5) < v["_last"]
                and v["_last"] > pd.Timestamp(chronology.MAY_JUNE.end)
            ),
        ),
        finding(
            "chron-few-exact-days",
            CHAPTER,
            "The article's words pin only {chron_exact_words} to an exact day, fewer than a quarter of them. The "
            "other {chron_n_imprecise} are known only to within {chron_imprecise_words}, and for "
            "{chron_inferred_words} the article gives no dating words at all.",
            {
                "chron_n_exact": len(exact),
                "chron_exact_words": count(len(exact), "event"),
                "chron_inferred_words": count(
                    int((rows["date_basis"] == "inferred").sum()), "event", zero="none of"
                ),
                "chron_n_imprecise": len(imprecise),
                "chron_imprecise_words": chronology.precision_words(imprecise),
                "chron_n_inferred": int((rows["date_basis"] == "inferred").sum()),
                "chron_n_explicit": int((rows["date_basis"] == "explicit").sum()),
                "chron_n_relative": int((rows["date_basis"] == "relative").sum()),
                "_n_events": len(rows),
            },
            # "only ..., fewer than a quarter of them"
            lambda v: v["chron_n_exact"] < FEW_EXACT * v["_n_events"],
            about_the_article=ABOUT_WORDS,
        ),
        finding(
            "chron-told-out-of-order",
            CHAPTER,
            "Of the {chron_n_dated_pairs} pairs of events whose dates put one before the other, more than half, "
            "{chron_n_dated_inverted} ({chron_pct_dated_inverted}%), are told the wrong way round: the later "
            "event first. Kendall's tau-b "
            "between order of telling and order of events is {chron_tau_text}, close to the 0 of a random "
            "shuffle: a random order lands farther from 0 {chron_shuffle_pct}% of the time.",
            {
                "chron_n_dated_pairs": pairs.ordered,
                "chron_n_dated_inverted": pairs.inverted,
                "chron_pct_dated_inverted": round(100 * pairs.share_inverted),
                "chron_n_overlapping_pairs": pairs.overlapping,
                "_tau": agreement.tau_b,
                "chron_tau_text": f"{agreement.tau_b:.3f}".replace("-", MINUS),
                "chron_shuffle_pct": round(100 * chronology_order.shuffle_p_value(agreement)),
                "chron_n_pairs": agreement.pairs,
                "chron_n_concordant": agreement.concordant,
                "chron_n_inversions": agreement.discordant,
                "chron_n_tied": agreement.tied,
                "chron_n_back_jumps": int((told["jump"] == "back").sum()),
                "chron_n_forward_jumps": int((told["jump"] == "forward").sum()),
                "chron_first_told": f"*{told.iloc[0]['title']}*",
                "chron_last_told": f"*{told.iloc[-1]['title']}*",
                "chron_last_told_rank_in_time": int(
                    rows.set_index("event_id").loc[told.iloc[-1]["event_id"], "time_rank"]
                ),
                "chron_oldest_rank": _ordinal(int(oldest["text_rank"])),
                "chron_oldest_paragraph": int(oldest["paragraph"]),
                "chron_first_forthcoming_rank": _ordinal(int(forthcoming["text_rank"])),
                "_p": chronology_order.shuffle_p_value(agreement),
                "_apec": int(by_id.loc["ev-apec-san-francisco", "text_rank"]),
                "_balloon": int(by_id.loc["ev-balloon-downed", "text_rank"]),
                "_oldest_id": oldest["event_id"],
            },
            # "more than half", "close to a random shuffle"; the prose: APEC is told before the
            # balloon, and the oldest event is the sanctions on Li
            lambda v: (
                v["_p"] > RANDOM_LIKE_P
                and 2 * v["chron_n_dated_inverted"] > v["chron_n_dated_pairs"]
                and v["_apec"] < v["_balloon"]
                and v["_oldest_id"] == "ev-us-sanctions-li"
            ),
        ),
        finding(
            "chron-same-weeks",
            CHAPTER,
            "Through the Shangri-La Dialogue, the article sets {chron_n_engagement} signs of engagement against "
            "{chron_n_friction} of friction. The two come in the same weeks, not one after the other: "
            "{chron_weeks_both_words}.",
            {
                "chron_n_run_up": len(run),
                "chron_n_engagement": int((run["stance"] == "engagement").sum()),
                "chron_n_friction": int((run["stance"] == "friction").sum()),
                "chron_n_weeks_both": len(both),
                "chron_n_weeks": len(week_stances),
                "chron_weeks_both_words": f"{share(len(both), len(week_stances), 'week')} with events placed in "
                f"them {verb(len(both), 'holds', 'hold')} both",
                "chron_weeks_md": _weeks_md(placed),
                "chron_engagement_themes": ", ".join(
                    humanise(t, capital=False) for t in chronology.ENGAGEMENT_THEMES
                ),
                "chron_friction_themes": ", ".join(
                    humanise(t, capital=False) for t in chronology.FRICTION_THEMES
                ),
                "chron_n_overrides": len(chronology.STANCE_OVERRIDES),
                "chron_run_up_window": f"{chronology.RUN_UP.start:%-d %B} and {chronology.RUN_UP.end:%-d %B %Y}",
                "_first_engagement": engagement_days.min(),
                "_last_engagement": engagement_days.max(),
                "_first_friction": friction_days.min(),
                "_last_friction": friction_days.max(),
            },
            # "in the same weeks": at least two weeks hold both stances; "not one after the other":
            # neither stance's placed events all come before the other's
            lambda v: (
                v["chron_n_weeks_both"] >= 2
                and v["_first_friction"] <= v["_last_engagement"]
                and v["_first_engagement"] <= v["_last_friction"]
            ),
        ),
        finding(
            "chron-outside-dates-agree",
            CHAPTER,
            "Of the dates that outside sources give for the article's events, each counted once, "
            "{chron_check_inside_words} fall inside the interval resolved from the article's words"
            "{chron_check_misses_words}. How much that agreement says depends on the interval: it is a single "
            "day for {chron_check_day}, at most a fortnight for {chron_check_fortnight}, at most a month for "
            "{chron_check_month} and wider for {chron_check_wide}.",
            {
                "chron_n_check_inside": int((sources["verdict"] == "contains").sum()),
                "chron_n_checked": len(sources),
                "chron_check_inside_words": share(
                    int((sources["verdict"] == "contains").sum()), len(sources), "date"
                ),
                "chron_check_misses_words": _misses_words(sources),
                "chron_check_day": widths["to the day"],
                "chron_check_fortnight": widths["within a fortnight"],
                "chron_check_month": widths["within a month"],
                "chron_check_wide": widths["only within a wider span"],
                "chron_n_check_recorded": int((sources["verdict"] == "recorded").sum()),
                "chron_n_check_unrecorded": int((sources["verdict"] == "unrecorded").sum()),
                "chron_check_misses": "; ".join(
                    f"*{t}*, `{c}`" if c else f"*{t}*, no correction"
                    for t, c in zip(misses["title"], misses["correction_id"])
                )
                or "none",
            },
            # every disagreement between the article's dates and an outside date is on record
            lambda v: v["chron_n_check_unrecorded"] == 0,
            about_the_article="it compares the article's dates with the record's",
            otherwise=(
                "Not every date that outside sources give for the article's events falls inside the interval resolved "
                "from the article's words: {chron_check_inside_words} do{chron_check_misses_words}. Of those inside, "
                "the interval is a single day for {chron_check_day}, at most a fortnight for "
                "{chron_check_fortnight}, at most a month for {chron_check_month} and wider for {chron_check_wide}."
            ),
        ),
    ]
