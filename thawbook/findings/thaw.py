"""Findings of chapter 10, measuring the thaw with CAMEO codes and Goldstein values."""

from __future__ import annotations

import pandas as pd

from thawbook.analysis import coding, thaw, thaw_plover
from thawbook.dates.intervals import iso
from thawbook.dates.publication import infer_publication_interval
from thawbook.findings.core import Finding, finding
from thawbook.findings.readings import Reading

CHAPTER = "chapters/10_thaw_index"
#: The events the chapter names as making its most conflictual week.
LOW_WEEK_EVENTS = ("ev-jet-intercept", "ev-micron-ban")
#: How many weeks before the publication week the comparison weeks lie ("a month earlier").
EARLIER = (4, 3)


def _r(x: float) -> float:
    return round(float(x), 1)


def _events_of(weekly_daily: pd.DataFrame, week_start) -> set[str]:
    return set(weekly_daily.loc[weekly_daily["week_start"] == week_start, "event_id"])


def weekly_for(tables: dict[str, pd.DataFrame], reading: Reading) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The coded events and their weekly curve under ``reading`` (window, weeks and placement)."""
    coded = coding.coded_events(tables)
    start, end = thaw.window(reading.week_start)
    return coded, thaw.weekly_curve(coded, start, end, reading.bins, reading.placement)


def week_members(coded: pd.DataFrame, reading: Reading) -> pd.DataFrame:
    """Which scored events put weight in which week under ``reading``: ``event_id``, ``week_start``."""
    start, end = thaw.window(reading.week_start)
    scored = coded[coded["fit"] != "placeholder"]
    daily = thaw.spread_weights(scored, start, end, reading.placement)
    weekday = daily["day"].dt.day_of_week
    offset = weekday if reading.bins == "monday" else (weekday + 1) % 7
    daily["week_start"] = daily["day"] - pd.to_timedelta(offset, unit="D")
    return daily[["event_id", "week_start"]].drop_duplicates()


def _outside(coded: pd.DataFrame, start, end) -> pd.Series:
    """Scored events wholly outside the window."""
    return (coded["fit"] != "placeholder") & (
        (coded["date_end"] < pd.Timestamp(start)) | (coded["date_start"] > pd.Timestamp(end))
    )


def _named(coded: pd.DataFrame, members) -> str:
    """The key events (:data:`LOW_WEEK_EVENTS`) among ``members``, named in words."""
    titles = {"ev-jet-intercept": "the jet intercept", "ev-micron-ban": "the Micron ban"}
    present = [titles[e] for e in LOW_WEEK_EVENTS if e in set(members)]
    if not present:
        return "a week without the jet intercept or the Micron ban"
    return "the week of " + " and ".join(present)


def _flips(sens: pd.DataFrame) -> str:
    """Which recodings flip the publication week's sign, in words."""
    base = sens.iloc[0]
    flipped = sens[sens["week_cooperative"] != base["week_cooperative"]]
    if flipped.empty:
        return "no recoding flips it"
    names = ", ".join(f"{row.scenario} ({row.week:+.1f})" for row in flipped.itertuples(index=False))
    return f"it flips from {base['week']:+.1f} under {names}"


def findings(tables: dict[str, pd.DataFrame], reading: Reading) -> list[Finding]:
    """The thaw chapter's findings under ``reading``."""
    coded, weekly = weekly_for(tables, reading)
    start, end = thaw.window(reading.week_start)
    summary = thaw.window_summary(coded, start, end)
    published, _ = infer_publication_interval(reading.week_start)
    members = week_members(coded, reading)
    pub = thaw.week_row(weekly, published.start)
    position = weekly.index.get_loc(pub.name)
    earlier = weekly.iloc[[position - k for k in EARLIER]]
    peak = thaw.peak_week(weekly, "conflict")
    low = weekly.sort_values(["goldstein", "week_start"]).iloc[0]
    last_two = weekly.iloc[position - 1 : position + 1]
    by_domain = thaw.domain_totals(
        thaw.domain_weekly(coded, start, end, reading.bins, reading.placement), published.start
    ).set_index("domain")
    both = thaw_plover.compare(thaw_plover.weekly_both(tables, reading.week_start, reading.placement))
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
            "Each of the {thaw_n_events} events has one CAMEO code; {thaw_n_placeholders} have no CAMEO category "
            "and stay out of the index, and {thaw_n_outside} lie outside its window.",
            {
                "thaw_n_events": summary["events"],
                "thaw_n_placeholders": summary["placeholders"],
                "thaw_n_outside": summary["outside"],
                "_uncoded": int(coded["cameo_code"].isna().sum()),
                "thaw_n_inside": summary["inside"],
                "thaw_n_straddling": summary["straddling"],
                "thaw_window": f"{iso(start)} to {iso(end)}",
                "thaw_n_weeks": len(weekly),
                "thaw_n_codes": len(tables["cameo_codebook"]),
                "thaw_n_direct": int((coded["fit"] == "direct").sum()),
                "thaw_n_closest": int((coded["fit"] == "closest").sum()),
                "thaw_outside_titles": "; ".join(coded.loc[_outside(coded, start, end), "title"]),
                "thaw_placeholder_titles": "; ".join(coded.loc[coded["fit"] == "placeholder", "title"]),
            },
            lambda v: v["_uncoded"] == 0 and v["thaw_n_placeholders"] < v["thaw_n_events"],
        ),
        finding(
            "thaw-conflict-clusters-late",
            CHAPTER,
            "{thaw_late_conflict_pct} % of the window's weighted conflict falls in the last two weeks, and "
            "{thaw_peak_conflict_week}, the week with the most, holds {thaw_peak_conflict_pct} %.",
            {
                "thaw_late_conflict_pct": round(100 * last_two["conflict"].sum() / weekly["conflict"].sum()),
                "thaw_peak_conflict_week": peak["week"],
                "thaw_peak_conflict_pct": round(100 * peak["share"]),
                "thaw_total_conflict": _r(peak["total"]),
                "thaw_peak_conflict": _r(peak["value"]),
                "_late_weeks": list(last_two["week"]),
            },
            # "clusters at the end": most of it in the last two weeks, and the peak is one of them
            lambda v: v["thaw_late_conflict_pct"] > 50 and v["thaw_peak_conflict_week"] in v["_late_weeks"],
        ),
        finding(
            "thaw-low-week",
            CHAPTER,
            "The most conflictual week by Goldstein sum is {thaw_low_week} ({thaw_low_goldstein}), "
            "{thaw_low_named}.",
            {
                "thaw_low_week": low["week"],
                "thaw_low_goldstein": _r(low["goldstein"]),
                "thaw_low_named": _named(
                    coded, members.loc[members["week_start"] == low["week_start"], "event_id"]
                ),
                "_members": sorted(members.loc[members["week_start"] == low["week_start"], "event_id"]),
            },
            lambda v: set(LOW_WEEK_EVENTS) <= set(v["_members"]),
        ),
        finding(
            "thaw-publication-week-busier",
            CHAPTER,
            "The publication week, {thaw_pub_week}, has {thaw_pub_events} weighted events, {thaw_pub_cooperation} "
            "cooperative and {thaw_pub_conflict} conflictual; a month earlier, {thaw_earlier_weeks} have at most "
            "{thaw_earlier_events}, {thaw_earlier_cooperation} and {thaw_earlier_conflict}: {thaw_pub_compare}.",
            {
                "thaw_pub_week": pub["week"],
                "thaw_pub_events": _r(pub["all events"]),
                "thaw_pub_cooperation": _r(pub["cooperation"]),
                "thaw_pub_conflict": _r(pub["conflict"]),
                "thaw_earlier_weeks": " and ".join(earlier["week"]),
                "thaw_earlier_events": _r(earlier["all events"].max()),
                "thaw_earlier_cooperation": _r(earlier["cooperation"].max()),
                "thaw_earlier_conflict": _r(earlier["conflict"].max()),
                "thaw_pub_compare": "more cooperation and more conflict at once"
                if pub["cooperation"] > earlier["cooperation"].max()
                and pub["conflict"] > earlier["conflict"].max()
                else "not more of both at once",
            },
            lambda v: (
                v["thaw_pub_cooperation"] > v["thaw_earlier_cooperation"]
                and v["thaw_pub_conflict"] > v["thaw_earlier_conflict"]
            ),
        ),
        finding(
            "thaw-publication-week-sign",
            CHAPTER,
            "As coded, the publication week nets a Goldstein sum of {thaw_pub_goldstein}: cooperation and "
            "conflict nearly cancel, with {thaw_pub_ahead} just ahead.",
            {
                "thaw_pub_goldstein": _r(pub["goldstein"]),
                "_exact": float(pub["goldstein"]),
                "thaw_pub_ahead": "conflict" if pub["goldstein"] < 0 else "cooperation",
                "_scale": float(pub["all events"]),
            },
            # "nearly cancel, conflict just ahead": negative, and small against the week's events
            lambda v: v["_exact"] < 0 and abs(v["_exact"]) < v["_scale"],
        ),
        finding(
            "thaw-domains-pull-apart",
            CHAPTER,
            "The two domains pull apart: economic events net {thaw_econ_goldstein} over the window, military "
            "events {thaw_mil_goldstein}.",
            {
                "thaw_econ_goldstein": _r(by_domain.loc["economic", "goldstein"]),
                "thaw_mil_goldstein": _r(by_domain.loc["military", "goldstein"]),
                "thaw_econ_events": _r(by_domain.loc["economic", "events"]),
                "thaw_mil_events": _r(by_domain.loc["military", "events"]),
                "thaw_econ_conflict": _r(by_domain.loc["economic", "conflict"]),
                "thaw_mil_conflict": _r(by_domain.loc["military", "conflict"]),
                "thaw_mil_cooperation": _r(by_domain.loc["military", "cooperation"]),
            },
            lambda v: v["thaw_econ_goldstein"] > 0 > v["thaw_mil_goldstein"],
        ),
        finding(
            "thaw-plover-agrees",
            CHAPTER,
            "Scored with PLOVER's type scores instead of CAMEO's Goldstein values, {thaw_plover_n_disagree} of "
            "the {thaw_plover_n_weeks} weeks change sign or rank; the most conflictual week is "
            "{thaw_plover_low_week} on both scales, at {thaw_plover_low} against {thaw_plover_low_goldstein}.",
            {
                "thaw_plover_n_disagree": int((both["disagreement"] != "").sum()),
                "thaw_plover_n_weeks": len(both),
                "thaw_plover_low_week": plover_low["week"],
                "thaw_plover_low": _r(plover_low["plover"]),
                "thaw_plover_low_goldstein": _r(plover_low["goldstein"]),
                "thaw_plover_weeks": "; ".join(
                    f"{w} ({d})" for w, d in zip(both["week"], both["disagreement"]) if d
                )
                or "none",
                "_low_goldstein_week": both.sort_values(["goldstein", "week_start"]).iloc[0]["week"],
            },
            # "the two scales agree on the direction and order of every week, and on the worst one"
            lambda v: (
                v["thaw_plover_n_disagree"] == 0 and v["thaw_plover_low_week"] == v["_low_goldstein_week"]
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
                "thaw_pub_flips": _flips(sens),
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
