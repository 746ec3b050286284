"""Findings of chapter 10, measuring the thaw with CAMEO codes and Goldstein values."""

from __future__ import annotations

import pandas as pd

from thawbook.analysis import coding, thaw, thaw_plover
from thawbook.dates.intervals import iso
from thawbook.dates.publication import infer_publication_interval
from thawbook.findings.core import Finding, count, drop, finding, listing, move, recode, verb
from thawbook.findings.readings import ON_RECORD, Reading, apply
from thawbook.render.numbers import signed_text

CHAPTER = "chapters/10_thaw_index"
#: The events the chapter names as making its most conflictual week.
LOW_WEEK_EVENTS = ("ev-jet-intercept", "ev-micron-ban")
#: How many weeks before the publication week the comparison weeks lie ("a month earlier").
EARLIER = (4, 3)
#: "nearly cancel": the week's net Goldstein sum is less than this share of its gross (the
#: cooperative and the conflictual Goldstein weight added up, both taken as positive)
NEARLY_CANCEL = 1 / 5

FALSIFIERS = {
    "thaw-every-event-coded": drop(
        "event_coding",
        "event_id",
        "ev-shangri-la-dialogue",
        "the forum's coding row dropped, leaving one event without a CAMEO code",
    ),
    "thaw-conflict-clusters-late": move(
        "ev-jet-intercept",
        "2023-05-19",
        None,
        "the jet intercept's 'Last Friday' counted a week further back, to Friday 19 May",
    ),
    "thaw-low-week": move(
        "ev-micron-ban",
        "2023-05-15",
        "2023-05-21",
        "the Micron ban's 'last week' read as the week before the intercept's",
    ),
    "thaw-publication-week-busier": move(
        "ev-mao-ning-reiterates",
        "2023-05-23",
        None,
        "Mao Ning's 'On Tuesday' read as the Tuesday of the week before",
    ),
    "thaw-publication-week-sign": move(
        "ev-mao-ning-reiterates",
        "2023-05-23",
        None,
        "Mao Ning's 'On Tuesday' read as the Tuesday of the week before, which leaves cooperation well ahead",
    ),
    "thaw-domains-pull-apart": recode(
        "events",
        "event_id",
        "ev-micron-ban",
        "theme",
        "trade",
        "the Micron purchase ban themed trade, which puts a conflict in the economic domain",
    ),
    "thaw-plover-agrees": recode(
        "event_plover",
        "event_id",
        "ev-jet-intercept",
        "event_type",
        "ACCUSE",
        "the jet intercept typed as an accusation in PLOVER rather than a show of force",
    ),
    "thaw-codings-keep-signs": recode(
        "coding_alternatives",
        "alternative_id",
        "al-jet-intercept-threaten",
        "cameo_code",
        "042",
        "the debatable coding of the jet intercept replaced by 'make a visit'",
    ),
}


def _r(x: float) -> float:
    return round(float(x), 1)


def _named(coded: pd.DataFrame, members) -> str:
    """The key events (:data:`LOW_WEEK_EVENTS`) among ``members``, named in words."""
    titles = {"ev-jet-intercept": "the jet intercept", "ev-micron-ban": "the Micron ban"}
    present = [titles[e] for e in LOW_WEEK_EVENTS if e in set(members)]
    if not present:
        return "a week without the jet intercept or the Micron ban"
    return "the week of " + " and ".join(present)


def _week(week_start) -> str:
    """A week in words, by its first day: "the week of 22 May 2023"."""
    return f"the week of {pd.Timestamp(week_start):%-d %B %Y}"


def _weeks(starts) -> str:
    """Several weeks in words: "the weeks of 1 May 2023 and 8 May 2023"."""
    return "the weeks of " + listing(f"{pd.Timestamp(w):%-d %B %Y}" for w in starts)


def _alternative_words(tables: dict[str, pd.DataFrame], scenario: str) -> str:
    """A coding alternative in words: the event and the code it takes instead (no ids)."""
    if scenario == "all alternatives":
        return "all of them together"
    row = tables["coding_alternatives"].set_index("alternative_id").loc[scenario]
    title = tables["events"].set_index("event_id").at[row["event_id"], "title"]
    label = tables["cameo_codebook"].set_index("cameo_code").at[row["cameo_code"], "label"]
    return f"*{title}* coded “{label}”"


def _flips(sens: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> str:
    """Which recodings flip the publication week's sign, in words."""
    base = sens.iloc[0]
    flipped = sens[sens["week_cooperative"] != base["week_cooperative"]]
    if flipped.empty:
        return "no recoding flips it"
    names = listing(
        f"{_alternative_words(tables, row.scenario)} ({signed_text(row.week)})"
        for row in flipped.itertuples(index=False)
    )
    return f"it flips from {signed_text(base['week'])} under {names}"


def _disagree_words(n: int, weeks: int) -> str:
    """ "none of the 22 weeks changes", "1 of the 22 weeks changes", "3 of the 22 weeks change"."""
    if n == 0:
        return f"none of the {weeks} weeks changes"
    return f"{n} of the {weeks} weeks {verb(n, 'changes', 'change')}"


def _key_events(coded: pd.DataFrame, members) -> str:
    """The scored conflict events with weight in a week, named: "the week of X and Y"."""
    rows = coded[coded["event_id"].isin(set(members)) & (coded["goldstein"] < 0)]
    rows = rows.sort_values(["goldstein", "event_id"])
    if rows.empty:
        return "a week without conflict"
    return "the week of " + listing(f"*{t}*" for t in rows["title"].head(2))


def findings(tables: dict[str, pd.DataFrame], reading: Reading) -> list[Finding]:
    """The thaw chapter's findings under ``reading``."""
    coded, weekly = thaw.coded_weekly(tables, reading.week_start, reading.bins, reading.placement)
    start, end = thaw.window(reading.week_start)
    summary = thaw.window_summary(coded, start, end)
    published, _ = infer_publication_interval(reading.week_start)
    members = thaw.week_members(coded, reading.week_start, reading.bins, reading.placement)
    pub = thaw.week_row(weekly, published.start)
    position = weekly.index.get_loc(pub.name)
    earlier = weekly.iloc[[position - k for k in EARLIER]]
    peak = thaw.peak_week(weekly, "conflict")
    low = weekly.sort_values(["goldstein", "week_start"]).iloc[0]
    last_two = weekly.iloc[position - 1 : position + 1]
    by_domain = thaw.domain_totals(
        thaw.domain_weekly(
            coding.counted(coded, reading.counting), start, end, reading.bins, reading.placement
        ),
        published.start,
    ).set_index("domain")
    both = thaw_plover.compare(thaw_plover.weekly_both(tables, reading.week_start, reading.placement))
    record = apply(ON_RECORD, tables)
    record_coded, record_weekly = thaw.coded_weekly(
        record, reading.week_start, reading.bins, reading.placement
    )
    record_low = record_weekly.sort_values(["goldstein", "week_start"]).iloc[0]
    record_members = thaw.week_members(record_coded, reading.week_start, reading.bins, reading.placement)
    record_micron = record["events"].set_index("event_id").loc["ev-micron-ban"]
    plover_low = both.sort_values(["plover", "week_start"]).iloc[0]
    alternatives = tables["coding_alternatives"]
    sens = thaw.sensitivity(coded, alternatives, tables["cameo_codebook"], published.start, start, end)
    signs = sens[["week_cooperative", "recent_cooperative", "window_cooperative"]]
    base = sens.iloc[0]
    every = sens.set_index("scenario").loc["all alternatives"]
    return [
        finding(
            "thaw-every-event-coded",
            CHAPTER,
            "All {thaw_n_events} events carry a code in the CAMEO export, but {thaw_placeholders_words} no CAMEO "
            "category that fits: they carry the neutral code 010 only as a placeholder and stay out of the index; "
            "{thaw_outside_words} outside its window.",
            {
                "thaw_n_events": summary["events"],
                "thaw_n_placeholders": summary["placeholders"],
                "thaw_n_outside": summary["outside"],
                "_uncoded": int(coded["cameo_code"].isna().sum() + (coded["cameo_code"] == "").sum()),
                "_coded_events": int(coded["event_id"].nunique()),
                "thaw_placeholders_words": f"{count(summary['placeholders'], 'event', zero='no')} "
                f"{verb(summary['placeholders'], 'has', 'have')}",
                "thaw_outside_words": f"{count(summary['outside'], 'event', zero='no')} "
                f"{verb(summary['outside'], 'lies', 'lie')}",
                "thaw_n_inside": summary["inside"],
                "thaw_n_straddling": summary["straddling"],
                "thaw_window": f"{iso(start)} to {iso(end)}",
                "thaw_n_weeks": len(weekly),
                "thaw_n_codes": len(tables["cameo_codebook"]),
                "thaw_n_direct": int((coded["fit"] == "direct").sum()),
                "thaw_n_closest": int((coded["fit"] == "closest").sum()),
                "thaw_outside_titles": "; ".join(coded.loc[thaw.outside_window(coded, start, end), "title"]),
                "thaw_placeholder_titles": "; ".join(coded.loc[coded["fit"] == "placeholder", "title"]),
            },
            # "all ... carry a code in the CAMEO export"
            lambda v: v["_uncoded"] == 0 and v["_coded_events"] == v["thaw_n_events"],
        ),
        finding(
            "thaw-conflict-clusters-late",
            CHAPTER,
            "More than half of the window's weighted conflict, {thaw_late_conflict_pct} %, falls in its last two "
            "weeks, and the week with the most, {thaw_peak_conflict_week}, is one of them, with "
            "{thaw_peak_conflict_pct} %.",
            {
                "thaw_late_conflict_pct": round(100 * last_two["conflict"].sum() / weekly["conflict"].sum()),
                "thaw_peak_conflict_week": _week(peak["week_start"]),
                "thaw_peak_conflict_pct": round(100 * peak["share"]),
                "thaw_total_conflict": _r(peak["total"]),
                "thaw_peak_conflict": _r(peak["value"]),
                "_late_weeks": list(last_two["week_start"]),
                "_peak_start": peak["week_start"],
                "_late_share": last_two["conflict"].sum() / weekly["conflict"].sum(),
            },
            # "more than half ... in the last two weeks", and the peak is one of them
            lambda v: v["_late_share"] > 0.5 and v["_peak_start"] in v["_late_weeks"],
            otherwise=(
                "The window's last two weeks hold {thaw_late_conflict_pct} % of its weighted conflict, and the week "
                "with the most is {thaw_peak_conflict_week}, with {thaw_peak_conflict_pct} %: not more than half of "
                "it in the last two weeks with the week of the most among them."
            ),
        ),
        finding(
            "thaw-low-week",
            CHAPTER,
            "As the article dates its events, the most conflictual week by Goldstein sum is {thaw_low_week} "
            "({thaw_low_goldstein}), {thaw_low_named}. The record's dates contradict that picture: they put the "
            "Micron ban on {thaw_record_micron_day}, and the most conflictual week becomes "
            "{thaw_record_low_week} ({thaw_record_low_goldstein}), {thaw_record_low_named}.",
            {
                "thaw_low_week": _week(low["week_start"]),
                "thaw_low_goldstein": _r(low["goldstein"]),
                "thaw_low_named": _named(
                    coded, members.loc[members["week_start"] == low["week_start"], "event_id"]
                ),
                "_members": sorted(members.loc[members["week_start"] == low["week_start"], "event_id"]),
                "thaw_record_micron_day": f"{record_micron['date_start']:%A %-d %B}"
                if record_micron["date_start"] == record_micron["date_end"]
                else f"{record_micron['date_start']:%-d} to {record_micron['date_end']:%-d %B}",
                "thaw_record_low_week": _week(record_low["week_start"]),
                "thaw_record_low_goldstein": _r(record_low["goldstein"]),
                "thaw_record_low_named": _key_events(
                    record_coded,
                    record_members.loc[record_members["week_start"] == record_low["week_start"], "event_id"],
                ),
                "_record_members": sorted(
                    record_members.loc[record_members["week_start"] == record_low["week_start"], "event_id"]
                ),
            },
            # the article's picture: its worst week holds both; the record's worst week does not
            lambda v: (
                set(LOW_WEEK_EVENTS) <= set(v["_members"])
                and not set(LOW_WEEK_EVENTS) <= set(v["_record_members"])
            ),
            about_the_article="it states the article's picture and what the record's dates make of it",
            otherwise=(
                "As the article dates its events, the most conflictual week by Goldstein sum is {thaw_low_week} "
                "({thaw_low_goldstein}), {thaw_low_named}. With the record's dates, the Micron ban on "
                "{thaw_record_micron_day}, it is {thaw_record_low_week} ({thaw_record_low_goldstein}), "
                "{thaw_record_low_named}: the record does not set its own worst week against the article's."
            ),
        ),
        finding(
            "thaw-publication-week-busier",
            CHAPTER,
            "The publication week, {thaw_pub_week}, has more cooperation and more conflict than any week before "
            "it: {thaw_pub_events} weighted events, {thaw_pub_cooperation} cooperative and {thaw_pub_conflict} "
            "conflictual; a month earlier, {thaw_earlier_weeks} have at most "
            "{thaw_earlier_events}, {thaw_earlier_cooperation} and {thaw_earlier_conflict}.",
            {
                "thaw_pub_week": _week(pub["week_start"]),
                "thaw_pub_events": _r(pub["all events"]),
                "thaw_pub_cooperation": _r(pub["cooperation"]),
                "thaw_pub_conflict": _r(pub["conflict"]),
                "thaw_earlier_weeks": _weeks(earlier["week_start"]),
                "thaw_earlier_events": _r(earlier["all events"].max()),
                "thaw_earlier_cooperation": _r(earlier["cooperation"].max()),
                "thaw_earlier_conflict": _r(earlier["conflict"].max()),
                "thaw_pub_compare": "more cooperation and more conflict at once"
                if pub["cooperation"] > earlier["cooperation"].max()
                and pub["conflict"] > earlier["conflict"].max()
                else "not more of both at once",
                "_pub_cooperation": float(pub["cooperation"]),
                "_pub_conflict": float(pub["conflict"]),
                "_before_cooperation": float(weekly.iloc[:position]["cooperation"].max()),
                "_before_conflict": float(weekly.iloc[:position]["conflict"].max()),
            },
            # "busier": "more cooperation and more conflict than any week before it"
            lambda v: (
                v["_pub_cooperation"] > v["_before_cooperation"]
                and v["_pub_conflict"] > v["_before_conflict"]
            ),
            otherwise=(
                "The publication week, {thaw_pub_week}, does not have more cooperation and more conflict than every "
                "week before it: {thaw_pub_events} weighted events, {thaw_pub_cooperation} cooperative and "
                "{thaw_pub_conflict} conflictual; a month earlier, {thaw_earlier_weeks} have at most "
                "{thaw_earlier_events}, {thaw_earlier_cooperation} and {thaw_earlier_conflict}."
            ),
        ),
        finding(
            "thaw-publication-week-sign",
            CHAPTER,
            "As coded, the publication week nets a Goldstein sum of {thaw_pub_goldstein}: cooperation and "
            "conflict nearly cancel, with conflict just ahead.",
            {
                "thaw_pub_goldstein": _r(pub["goldstein"]),
                "_exact": float(pub["goldstein"]),
                "thaw_pub_ahead": "conflict" if pub["goldstein"] < 0 else "cooperation",
                "_gross": thaw.gross_weight(
                    coded, reading.week_start, reading.placement, pub["week_start"], pub["week_end"]
                ),
            },
            # "conflict just ahead": negative; "nearly cancel": the net is under a fifth of the gross
            lambda v: v["_exact"] < 0 and abs(v["_exact"]) < NEARLY_CANCEL * v["_gross"],
            otherwise=(
                "As coded, the publication week nets a Goldstein sum of {thaw_pub_goldstein}: not a near balance with "
                "conflict just ahead."
            ),
        ),
        finding(
            "thaw-domains-pull-apart",
            CHAPTER,
            "The two domains pull apart: economic events net {thaw_econ_goldstein} over the window, with no "
            "conflict among them, military events {thaw_mil_goldstein}.",
            {
                "thaw_econ_goldstein": _r(by_domain.loc["economic", "goldstein"]),
                "thaw_mil_goldstein": _r(by_domain.loc["military", "goldstein"]),
                "thaw_econ_events": _r(by_domain.loc["economic", "events"]),
                "thaw_mil_events": _r(by_domain.loc["military", "events"]),
                "thaw_econ_conflict": _r(by_domain.loc["economic", "conflict"]),
                "thaw_mil_conflict": _r(by_domain.loc["military", "conflict"]),
                "thaw_mil_cooperation": _r(by_domain.loc["military", "cooperation"]),
            },
            # "pull apart": opposite signs; "no conflict among them"
            lambda v: v["thaw_econ_goldstein"] > 0 > v["thaw_mil_goldstein"] and v["thaw_econ_conflict"] == 0,
            otherwise=(
                "The two domains do not pull apart as stated: economic events net {thaw_econ_goldstein} over the "
                "window, with {thaw_econ_conflict} weighted conflict among them, military events "
                "{thaw_mil_goldstein}."
            ),
        ),
        finding(
            "thaw-plover-agrees",
            CHAPTER,
            "Scored with PLOVER's type scores instead of CAMEO's Goldstein values, {thaw_plover_disagree_words} "
            "sign or rank; the most conflictual week is {thaw_plover_low_week} on both scales, at "
            "{thaw_plover_low} against {thaw_plover_low_goldstein}.",
            {
                "thaw_plover_n_disagree": int((both["disagreement"] != "").sum()),
                "thaw_plover_n_weeks": len(both),
                "thaw_plover_low_week": _week(plover_low["week_start"]),
                "thaw_plover_disagree_words": _disagree_words(
                    int((both["disagreement"] != "").sum()), len(both)
                ),
                "thaw_plover_low": _r(plover_low["plover"]),
                "thaw_plover_low_goldstein": _r(plover_low["goldstein"]),
                "thaw_plover_weeks": "; ".join(
                    f"{w} ({d})" for w, d in zip(both["week"], both["disagreement"]) if d
                )
                or "none",
                "_low_goldstein_week": _week(
                    both.sort_values(["goldstein", "week_start"]).iloc[0]["week_start"]
                ),
            },
            # "the two scales agree on the direction and order of every week, and on the worst one"
            lambda v: (
                v["thaw_plover_n_disagree"] == 0 and v["thaw_plover_low_week"] == v["_low_goldstein_week"]
            ),
            otherwise=(
                "Scored with PLOVER's type scores instead of CAMEO's Goldstein values, {thaw_plover_disagree_words} "
                "sign or rank; PLOVER's most conflictual week is {thaw_plover_low_week}, at {thaw_plover_low} against "
                "{thaw_plover_low_goldstein}: the two scales do not agree on every week."
            ),
        ),
        finding(
            "thaw-codings-keep-signs",
            CHAPTER,
            "Recoding the {thaw_n_alternatives} most debatable events, alone or together, leaves the sign of the "
            "fortnight ending with publication and of the whole window unchanged: with all of them the "
            "fortnight nets {thaw_alt_recent_goldstein} against {thaw_recent_goldstein} as coded, and the window "
            "{thaw_alt_window_goldstein} against {thaw_window_goldstein}. The publication week's sign is less "
            "firm: {thaw_pub_flips}.",
            {
                "thaw_n_alternatives": len(alternatives),
                "thaw_alt_pub_goldstein": _r(every["week"]),
                "thaw_alt_recent_goldstein": _r(every["recent"]),
                "thaw_recent_goldstein": _r(base["recent"]),
                "thaw_window_goldstein": _r(base["window"]),
                "thaw_alt_window_goldstein": _r(every["window"]),
                "thaw_pub_flips": _flips(sens, tables),
                "_same": bool(
                    (
                        signs[["recent_cooperative", "window_cooperative"]]
                        == signs[["recent_cooperative", "window_cooperative"]].iloc[0]
                    )
                    .all()
                    .all()
                ),
            },
            lambda v: v["_same"],
        ),
    ]
