"""Findings of chapter 05, sanctions and export controls: who imposes what, why, and what answers what."""

from __future__ import annotations

import pandas as pd

from thawbook.analysis import sanctions
from thawbook.charts.theme import label
from thawbook.findings.core import Finding, count, drop, finding, move, recode, verb
from thawbook.findings.readings import Reading

CHAPTER = "chapters/05_sanctions"

#: The corrections that repair the article's two sentences about the declined defence meeting.
MEETING_CORRECTIONS = ("co-invitation-by-chinas-minister", "co-not-deterred-li")
#: The measures the chapter names as undated standing conditions rather than events.
STANDING_CONDITIONS = (
    "me-allied-chip-rally",
    "me-china-own-restrictions",
    "me-us-sanctions-officials-companies",
)
#: The article's hedge on the Micron ban's motive (verbatim, once in the seed).
MICRON_MOTIVE = "In what analysts see as a retaliatory move"

FALSIFIERS = {
    "sanc-short-chains": recode(
        "measures",
        "measure_id",
        "me-micron-ban",
        "responds_to",
        "me-allied-chip-rally",
        "the Micron ban read as an answer to the allied chip controls, which answer the US controls: a chain of three",
    ),
    "sanc-us-reasons": recode(
        "measures",
        "measure_id",
        "me-us-warning-lethal-aid",
        "rationale_kind",
        "none",
        "the warning on lethal aid coded as giving no words at all for itself",
    ),
    "sanc-china-reasons": recode(
        "measures",
        "measure_id",
        "me-micron-ban",
        "rationale_kind",
        "reason",
        "the analysts' 'retaliatory move' coded as the Micron ban's stated reason",
    ),
    "sanc-demands-of-washington": drop(
        "measures",
        "measure_id",
        "me-china-demand-lift-li-sanctions",
        "Mao Ning's call to lift the sanctions on Li counted as a precondition for talks rather than a demand, "
        "so that the spokesperson makes none of them",
    ),
    "sanc-undated-and-gaps": recode(
        "measures",
        "measure_id",
        "me-allied-chip-rally",
        "event_id",
        "ev-us-chip-controls",
        "the allied chip controls dated with the October controls",
    ),
    "sanc-micron-date": move(
        "ev-micron-ban",
        "2023-05-22",
        "2023-05-28",
        "the Micron ban's 'last week' read from Monday only, which leaves out the regulator's Sunday announcement",
    ),
    "sanc-meeting-corrections": recode(
        "corrections",
        "correction_id",
        "co-not-deterred-li",
        "category",
        "mistranslated_idiom_or_term",
        "the 'not deterred' sentence coded as a mistranslated phrase rather than an inversion",
    ),
}


def _days(n: int) -> str:
    return f"{n} day" + ("" if n == 1 else "s")


def _relation(start: pd.Timestamp, end: pd.Timestamp, day: pd.Timestamp) -> str:
    """Where ``day`` lies against the interval ``start``..``end``, in words."""
    if start <= day <= end:
        return "inside it"
    if day < start:
        return f"{_days((start - day).days)} before it"
    return f"{_days((day - end).days)} after it"


def _reason_voices(reasons: pd.DataFrame, quotes: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Who voices each stated reason: the speakers (``name``, ``side``) of the quotations holding its words."""
    held = quotes[[any(r in q for r in reasons["stated_rationale"]) for q in quotes["text"]]]
    return held.merge(actors[["actor_id", "name", "side"]], on="actor_id")[["name", "side"]].drop_duplicates()


def _reason_words(n: int, of: int) -> str:
    """ "Only 1 of the 6 Chinese measures comes with a stated reason, a demand", "None of ...", "2 of ..."."""
    if n == 0:
        return f"None of the {of} Chinese measures comes with a stated reason"
    if n == 1:
        return f"Only 1 of the {of} Chinese measures comes with a stated reason, a demand"
    return f"{n} of the {of} Chinese measures come with a stated reason, all of them demands"


def _voices_words(voices: pd.DataFrame) -> str:
    """ ", and it is the analyst Paul Haenle's reading, not a Chinese official's"."""
    if voices.empty:
        return ""
    who = " and ".join(
        f"the {label(side).lower()} {name}'s" for name, side in zip(voices["name"], voices["side"])
    )
    return f", and it is {who} reading, not a Chinese official's"


def findings(tables: dict[str, pd.DataFrame], reading: Reading) -> list[Finding]:
    """The sanctions chapter's findings under ``reading`` (only the events' dates can change)."""
    rows = sanctions.measure_table(tables["measures"], tables["actors"], tables["events"])
    nodes, _ = sanctions.chain_layout(rows)
    chain = sanctions.longest_chain(rows)
    answers = rows["responds_to"].fillna("").loc[lambda r: r != ""].value_counts()
    reasons = sanctions.reasons_by_side(rows).set_index("side")
    us, china = reasons.loc["US government"], reasons.loc["China government"]
    china_rows = rows[rows["imposer_side"] == "china_government"]
    counter = china_rows[china_rows["instrument"].isin(sanctions.COUNTER_MEASURES)]
    china_reasons = china_rows[china_rows["rationale_kind"] == "reason"]
    voices = _reason_voices(china_reasons, tables["quotes"], tables["actors"])
    demands = sanctions.demands_table(rows, tables["quotes"], tables["actors"])
    demand_rows = rows[rows["instrument"] == "demand_to_lift"]
    timeline = sanctions.timeline_frame(rows)
    panels = sanctions.time_panels(timeline)
    gaps = [(later[0] - earlier[1]).days for earlier, later in zip(panels, panels[1:])]
    undated = rows.loc[~rows["dated"], "measure_id"]
    corrections = tables["corrections"].set_index("correction_id")
    micron = tables["events"].set_index("event_id").loc["ev-micron-ban"]
    outside = tables["context"].set_index("context_id").loc["cx-micron-cac"]

    return [
        finding(
            "sanc-short-chains",
            CHAPTER,
            "The article names {sanc_n_measures} sanctions, export controls, bans, demands and warnings; it "
            "presents {sanc_n_responses} of them as responses to another, and no chain is longer than "
            "{sanc_longest_chain} measures, a measure and its answer; the October chip controls draw the most "
            "answers, {sanc_most_answers}.",
            {
                "sanc_n_measures": len(rows),
                "sanc_n_responses": int((rows["responds_to"].fillna("") != "").sum()),
                "sanc_most_answers": int(answers.max()) if len(answers) else 0,
                "_most_answered": set(answers[answers == answers.max()].index) if len(answers) else set(),
                "sanc_longest_chain": len(chain),
                "sanc_n_chains": int(nodes.loc[nodes["group"] != "unlinked", "group"].nunique()),
            },
            # "no chain is longer than two: a measure and its answer"; there is an answer; "the most
            # answers": the October controls, and they alone
            lambda v: (
                v["sanc_longest_chain"] <= 2
                and v["sanc_n_responses"] > 0
                and v["_most_answered"] == {"me-us-chip-controls"}
            ),
        ),
        finding(
            "sanc-us-reasons",
            CHAPTER,
            "{sanc_n_us_reason} of the {sanc_n_us_measures} US measures come with a stated reason; the words "
            "given for the other {sanc_n_us_not_reason} only restate the action ({sanc_n_us_restated}) or name "
            "the trigger of a warning ({sanc_n_us_trigger}).",
            {
                "sanc_n_us_reason": int(us["with_reason"]),
                "sanc_n_us_measures": int(us["measures"]),
                "sanc_n_us_not_reason": int(us["measures"] - us["with_reason"]),
                "sanc_n_us_restated": int(us["action_restated"]),
                "sanc_n_us_trigger": int(us["trigger"]),
                "_us_none": int(us["none"]),
            },
            # "the other ... only restate the action or name a trigger": none comes with no words at all
            lambda v: v["_us_none"] == 0 and v["sanc_n_us_not_reason"] > 0,
        ),
        finding(
            "sanc-china-reasons",
            CHAPTER,
            "{sanc_china_reason_words}{sanc_china_reason_voices}; neither of China's {sanc_n_china_counter} "
            "counter-measures (its own restrictions and the Micron ban) has one, and for the Micron ban the motive "
            "is supplied by unnamed analysts.",
            {
                "sanc_n_china_reason": int(china["with_reason"]),
                "sanc_n_china_measures": int(china["measures"]),
                "sanc_n_china_no_reason": int(china["measures"] - china["with_reason"]),
                "sanc_n_china_counter": len(counter),
                "sanc_china_reason_words": _reason_words(int(china["with_reason"]), int(china["measures"])),
                "sanc_china_reason_voices": _voices_words(voices),
                "_voice_sides": set(voices["side"]),
                "_reason_instruments": set(china_reasons["instrument"]),
                "_counter_kinds": set(counter["rationale_kind"]),
                "_counter_ids": set(counter["measure_id"]),
            },
            # "a demand", "not a Chinese official's"; "neither of ... the two counter-measures, named, has one"
            lambda v: (
                v["_reason_instruments"] <= {"demand_to_lift"}
                and "china_government" not in v["_voice_sides"]
                and v["_counter_kinds"] == {"none"}
                and v["_counter_ids"] == {"me-china-own-restrictions", "me-micron-ban"}
            ),
        ),
        finding(
            "sanc-demands-of-washington",
            CHAPTER,
            "All {sanc_n_demands} demands to lift or stop a measure are aimed at Washington; "
            "{sanc_n_demands_quoted} of them rest on quoted words, and only {sanc_n_demands_mao} {_mao_verb} from "
            "the Chinese government's own spokesperson.",
            {
                "sanc_n_demands": len(demands),
                "sanc_n_demands_quoted": int((demands["quoted words"] != "").sum()),
                "sanc_n_demands_mao": int((demands["voiced by"] == "Mao Ning").sum()),
                "_mao_verb": verb(int((demands["voiced by"] == "Mao Ning").sum()), "comes", "come"),
                "_target_sides": set(
                    demand_rows["target"].map(tables["actors"].set_index("actor_id")["side"])
                ),
            },
            # "all ... at Washington": every target is on the US government's side; "only": a minority
            lambda v: (
                v["_target_sides"] == {"us_government"}
                and 0 < v["sanc_n_demands_mao"] < v["sanc_n_demands"] / 2
            ),
        ),
        finding(
            "sanc-undated-and-gaps",
            CHAPTER,
            "{sanc_n_undated} of the {sanc_n_measures} measures carry no date at all, among them the allied "
            "chip controls, China's own restrictions and the sanctions on officials and companies; the "
            "{sanc_n_dated} dated ones fall into {sanc_n_time_panels} stretches of time, with at least "
            "{sanc_longest_gap_days} days between the edges of their intervals in which no dated measure falls.",
            {
                "sanc_n_undated": len(undated),
                "sanc_n_measures": len(rows),
                "sanc_n_dated": int(rows["dated"].sum()),
                "sanc_n_time_panels": len(panels),
                "sanc_longest_gap_days": max(gaps) if gaps else 0,
                "_undated": set(undated),
            },
            # "stretches" (more than one), and the named standing conditions are among the undated
            lambda v: v["sanc_n_time_panels"] >= 2 and set(STANDING_CONDITIONS) <= v["_undated"],
        ),
        finding(
            "sanc-micron-date",
            CHAPTER,
            "The article dates the Micron ban “last week”, {sanc_micron_week}; the outside source's day for the "
            "announcement, {sanc_micron_context_day}, lies {sanc_micron_relation}.",
            {
                "sanc_micron_week": f"{micron['date_start']:%-d} to {micron['date_end']:%-d %B %Y}",
                "sanc_micron_context_day": f"{outside['date_start']:%A %-d %B}",
                "sanc_micron_relation": _relation(
                    micron["date_start"], micron["date_end"], outside["date_start"]
                ),
            },
            lambda v: v["sanc_micron_relation"] == "inside it",
            about_the_article="it compares the article's date with the record's",
            otherwise=(
                "The article dates the Micron ban “last week”, {sanc_micron_week}; the outside source's day for the "
                "announcement, {sanc_micron_context_day}, is not inside it: it lies {sanc_micron_relation}."
            ),
        ),
        finding(
            "sanc-meeting-corrections",
            CHAPTER,
            "Read as printed, the article says Li invited Austin and was not deterred; both sentences invert the "
            "meaning ({sanc_meeting_inverted_words} of kind inverted meaning, {sanc_meeting_confidence} "
            "confidence).",
            {
                "sanc_n_meeting_inverted": int(
                    (corrections.loc[list(MEETING_CORRECTIONS), "category"] == "inverted_meaning").sum()
                ),
                "sanc_meeting_inverted_words": count(
                    int((corrections.loc[list(MEETING_CORRECTIONS), "category"] == "inverted_meaning").sum()),
                    "correction",
                ),
                "sanc_meeting_confidence": " and ".join(
                    sorted(set(corrections.loc[list(MEETING_CORRECTIONS), "confidence"]))
                ),
            },
            lambda v: (
                v["sanc_n_meeting_inverted"] == len(MEETING_CORRECTIONS)
                and v["sanc_meeting_confidence"] == "high"
            ),
        ),
    ]
