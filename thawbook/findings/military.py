"""Findings of chapter 07, military contact.

Every key point and every conclusion of the chapter's prose, computed from the encounters,
events, quotes and positions as ``reading`` sees them. The dates move with the week
convention (the Musk visit is "this week", the refusal ends on the last publication day);
the positions move with the attribution reading.
"""

from __future__ import annotations

import pandas as pd

from thawbook.analysis import contacts, military
from thawbook.dates.publication import infer_publication_interval
from thawbook.findings.core import Finding, finding, move, recode, verb
from thawbook.findings.readings import Reading

CHAPTER = "chapters/07_military_contact"

#: The two defence ministers, whose contacts the chapter calls "defence contacts".
MINISTERS = ("ac-lloyd-austin", "ac-li-shangfu")
#: The correction that turns the article's invitation "by China's defense minister" around.
INVITATION_CORRECTION = "co-invitation-by-chinas-minister"
#: What the chapter says fills the fortnight before publication.
FORTNIGHT_ROWS = (
    "ev-jet-intercept",
    "ev-us-military-condemns-intercept",
    "ev-mao-ning-reiterates",
    "ev-austin-provocative",
    "ev-li-austin-handshake",
)
#: The two characterizations the chapter says treat the danger as shared.
SHARED_DANGER = ("en-regular-patrols", "qu-glaser-sleepwalking")
#: Widths the derived precision calls "a month" or narrower.
WITHIN_A_MONTH = ("day", "week", "fortnight", "month")

FALSIFIERS = {
    "mil-encounters-span": move(
        "ev-austin-provocative",
        "2023-06-03",
        None,
        "Austin's 'provocative' remark dated to the Saturday of the forum, after the handshake",
    ),
    "mil-one-defence-contact-refused": recode(
        "events",
        "event_id",
        "ev-china-declines-li-austin-meeting",
        "actor1_id",
        "ac-li-shangfu",
        "the refusal read as printed, with Li rather than China declining",
    ),
    "mil-refusal-undated": move(
        "ev-china-declines-li-austin-meeting",
        "2023-05-01",
        "2023-05-29",
        "the refusal bounded by the Pentagon's 'early May invitation' and its statement of 29 May",
    ),
    "mil-intercept-before-musk": move(
        "ev-musk-visit",
        "2023-05-21",
        "2023-06-04",
        "Musk's visit read as beginning the week before, on Sunday 21 May",
    ),
    "mil-accusations-both-ways": recode(
        "encounters",
        "encounter_id",
        "en-jet-intercept",
        "characterized_by",
        "",
        "'unnecessarily aggressive' read as the article's own words rather than the US military's",
    ),
    "mil-different-aims": recode(
        "positions",
        "position_id",
        "po-cn-correct-wrong-practices",
        "stance",
        "goal",
        "China's call to correct wrong practices coded as a goal rather than a precondition",
    ),
}


def _shared_words(n: int) -> str:
    """ "none treats", "only 1 treats", "only 2 treat" (the danger as shared)."""
    return "none treats" if n == 0 else f"only {n} {verb(n, 'treats', 'treat')}"


def _day(events: pd.DataFrame, event_id: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    row = events.set_index("event_id").loc[event_id]
    return pd.Timestamp(row["date_start"]), pd.Timestamp(row["date_end"])


def findings(tables: dict[str, pd.DataFrame], reading: Reading) -> list[Finding]:
    """The military chapter's findings under ``reading``."""
    events, actors = tables["events"], tables["actors"]
    encounters = military.encounter_rows(tables["encounters"], events, actors)
    exact = encounters[(encounters["start"] != "") & (encounters["start"] == encounters["end"])]
    exact = exact.sort_values(["date_start", "encounter_id"], kind="mergesort")
    first, last = exact.iloc[0], exact.iloc[-1]

    ministers = encounters[encounters["us_party"].isin(MINISTERS) & encounters["china_party"].isin(MINISTERS)]
    declined = encounters.set_index("encounter_id").loc["en-declined-meeting"]
    corrections = tables["corrections"].set_index("correction_id")

    published = infer_publication_interval(reading.week_start)[0]
    last_day = pd.Timestamp(published.end)
    fortnight_start = last_day - pd.Timedelta(days=13)
    timeline = military.military_timeline(tables["encounters"], events, actors)
    inside = timeline[(timeline["date_start"] >= fortnight_start) & (timeline["date_end"] <= last_day)]
    appointed, _ = _day(events, "ev-li-appointed")

    intercept, _ = _day(events, "ev-jet-intercept")
    musk_start, musk_end = _day(events, "ev-musk-visit")
    qin_musk, _ = _day(events, "ev-qin-musk-meeting")

    said = military.characterizations(tables["encounters"], tables["quotes"], events, actors)
    ways = military.direction_counts(said)

    positions = tables["positions"]
    talks = positions[positions["issue"] == "military_communication"]
    us_stances = sorted(talks.loc[talks["side"] == "us_government", "stance"])
    cn_stances = sorted(talks.loc[talks["side"] == "china_government", "stance"])

    return [
        finding(
            "mil-encounters-span",
            CHAPTER,
            "The article records {mil_n_encounters} military encounters and complaints between the two sides, "
            "{mil_n_dated} of them placed in time, to a day or within an interval; those dated to the day run from "
            "a jet intercept on {mil_intercept_day} "
            "to a handshake in Singapore on {mil_handshake_day}, {mil_days_between} days later.",
            {
                "mil_n_encounters": len(encounters),
                "mil_n_dated": int((encounters["start"] != "").sum()),
                "mil_intercept_day": contacts.day_words(first["date_start"]),
                "mil_handshake_day": contacts.day_words(last["date_start"]),
                "mil_days_between": int((last["date_start"] - first["date_start"]).days),
                "_first": first["encounter_id"],
                "_last": last["encounter_id"],
            },
            # "run from the intercept to the handshake": the earliest and latest exact-day encounters
            lambda v: v["_first"] == "en-jet-intercept" and v["_last"] == "en-dinner-handshake",
        ),
        finding(
            "mil-one-defence-contact-refused",
            CHAPTER,
            "The article reports {mil_n_minister_contacts} dealings between the two defence ministers, a refusal "
            "and a handshake: China declined a US invitation for Li Shangfu to meet Austin (read as printed, the "
            "article says the reverse; the likely reading is a correction made with {_confidence} confidence), "
            "and the two shook hands and spoke briefly at the forum's opening dinner.",
            {
                "mil_n_minister_contacts": len(ministers),
                "_kinds": sorted(ministers["kind"]),
                "_decliner": events.set_index("event_id").at[declined["event_id"], "actor1_id"],
                "_correction": INVITATION_CORRECTION,
                "_confidence": corrections.at[INVITATION_CORRECTION, "confidence"],
            },
            # one refusal and one brief contact, nothing else; China declines; the reading is a sure one
            lambda v: (
                v["_kinds"] == ["brief_contact", "declined_meeting"]
                and v["_decliner"] == "ac-china-government"
                and v["_confidence"] == "high"
            ),
        ),
        finding(
            "mil-refusal-undated",
            CHAPTER,
            "Most of the {mil_n_timeline} military contacts and statements placed in time, {mil_n_fortnight}, fall "
            "in the fortnight before publication; the article gives the refusal no date words at all: the data bound "
            "it by "
            "Li's appointment and the publication date, {mil_declined_interval}, so it is known only to within a "
            "{mil_declined_precision}.",
            {
                "mil_n_fortnight": len(inside),
                "mil_n_timeline": len(timeline),
                "mil_declined_interval": contacts.interval_words(
                    declined["date_start"], declined["date_end"]
                ),
                "mil_declined_precision": events.set_index("event_id").at[
                    declined["event_id"], "date_precision"
                ],
                "_inside": sorted(inside["event_id"]),
                "_start": pd.Timestamp(declined["date_start"]),
                "_end": pd.Timestamp(declined["date_end"]),
                "_appointed": appointed,
                "_last_day": last_day,
            },
            # "most"; the refusal is wider than a month and bounded by exactly the two things the
            # sentence names
            lambda v: (
                2 * v["mil_n_fortnight"] > v["mil_n_timeline"]
                and v["mil_declined_precision"] not in WITHIN_A_MONTH
                and v["_start"].to_period("M") == v["_appointed"].to_period("M")
                and v["_end"] == v["_last_day"]
            ),
        ),
        finding(
            "mil-intercept-before-musk",
            CHAPTER,
            "The intercept on {_intercept_day} came before Elon Musk's visit, which the article places "
            "\u201cthis week\u201d ({mil_musk_interval}); Qin Gang met Musk on {mil_qin_musk_day}, "
            "{mil_intercept_to_qin_musk} days after the intercept.",
            {
                "_intercept_day": contacts.day_words(intercept),
                "mil_musk_interval": contacts.interval_words(musk_start, musk_end),
                "mil_qin_musk_day": contacts.day_words(qin_musk),
                "mil_intercept_to_qin_musk": int((qin_musk - intercept).days),
                "_intercept": intercept,
                "_musk_start": musk_start,
                "_musk_end": musk_end,
                "_qin_musk": qin_musk,
            },
            # "before", not "in the same days": the intercept ends before the visit's earliest day, and
            # the Qin-Musk meeting falls inside the visit
            lambda v: v["_intercept"] < v["_musk_start"] <= v["_qin_musk"] <= v["_musk_end"],
        ),
        finding(
            "mil-accusations-both-ways",
            CHAPTER,
            "Accusations run both ways: of the article's {mil_n_characterizations} characterizations of military "
            "conduct and of the refusal to meet, {mil_us_on_china} come from the US about China, {mil_china_on_us} "
            "from China about the US and {mil_analyst_on_china} from an analyst about China; {mil_on_both_words} "
            "the danger as shared. Counts this small are too few to give the blame a direction: they describe how "
            "this one article spreads it, not a pattern.",
            {
                "mil_n_characterizations": ways["total"],
                "mil_us_on_china": ways["us_on_china"],
                "mil_china_on_us": ways["china_on_us"],
                "mil_analyst_on_china": ways["analyst_on_china"],
                "mil_on_both": ways["on_both"],
                "mil_on_both_words": _shared_words(ways["on_both"]),
                "_shared": sorted(said.loc[said["target_side"] == "both", "source"]),
            },
            # "both ways": each direction at least once; the US about China, counted first, still
            # outnumbers every other way (the sentence gives the counts, not a direction); a minority
            # treats the danger as shared
            lambda v: (
                v["mil_us_on_china"] > max(v["mil_china_on_us"], v["mil_analyst_on_china"], v["mil_on_both"])
                and v["mil_china_on_us"] > 0
                and 0 < 2 * v["mil_on_both"] < v["mil_n_characterizations"]
            ),
        ),
        finding(
            "mil-different-aims",
            CHAPTER,
            "The two sides want different things from military talks: Washington wants open lines of military "
            "communication, Beijing wants Washington to \u201curgently correct wrong practices\u201d "
            "first, and states no aim or offer of its own: Mao Ning's call to \u201ccreate favorable conditions "
            "for dialogue\u201d comes with the demand to lift the sanctions on Li and is coded as restating it.",
            {"_us_stances": us_stances, "_china_stances": cn_stances},
            # a US goal, a Chinese precondition, and no Chinese goal or offer on the issue
            lambda v: (
                "goal" in v["_us_stances"]
                and "precondition" in v["_china_stances"]
                and not {"goal", "offer"} & set(v["_china_stances"])
            ),
        ),
    ]
