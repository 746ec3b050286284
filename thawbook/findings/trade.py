"""Findings of chapter 06, trade and business: the economic domain, its voices, and the military beside it.

The economic and military domains are those of :data:`thawbook.analysis.thaw.DOMAINS` (economic:
trade, business, climate finance; military: military), the definition the thaw-index chapter
uses. Events themed sanctions or export controls belong to neither, and that choice matters:
see ``trade-domains-friction`` and ``data/theme_alternatives.csv``.
"""

from __future__ import annotations

import pandas as pd

from thawbook.analysis import coding, contacts, trade
from thawbook.charts import theme
from thawbook.findings.core import Falsifier, Finding, count, finding, move, recode, share, verb
from thawbook.findings.readings import Reading

CHAPTER = "chapters/06_trade_and_business"

#: The garbled passages in the article's economic section (see ``data/corrections.csv``).
ECONOMIC_CORRECTIONS = (
    "co-yellen-finance-minister",
    "co-kerry-short-term",
    "co-seeking-court-business",
    "co-shen-we-wanted",
)
#: Why the record does not bear on these findings.
ABOUT_WORDS = "it is about how precisely the article's own words date events, which the record cannot change"

FALSIFIERS = {
    "trade-one-exact-day": move(
        "ev-trade-talks-washington",
        "2023-05-25",
        None,
        "the trade talks dated to one day, so that two economic contacts are dated to a day",
    ),
    "trade-americans-open": Falsifier(
        "Kerry's invitation coded with China as the one who acts and Kerry as the one invited, since the "
        "article says China was inviting him",
        lambda tables: recode(
            "events", "event_id", "ev-kerry-invitation-remark", "actor2_id", "ac-john-kerry", ""
        ).change(
            recode(
                "events", "event_id", "ev-kerry-invitation-remark", "actor1_id", "ac-china-government", ""
            ).change(tables)
        ),
    ),
    "trade-chinese-voices": recode(
        "actors",
        "actor_id",
        "ac-shen-dingli",
        "side",
        "china_government",
        "Shen, a professor at a state university, coded as a voice of the Chinese government, not an analyst",
    ),
    "trade-domains-friction": recode(
        "events",
        "event_id",
        "ev-micron-ban",
        "theme",
        "trade",
        "the Micron purchase ban themed trade, which makes it an economic friction",
    ),
    "trade-military-dated-closer": move(
        "ev-trade-talks-washington",
        "2023-05-25",
        None,
        "the trade talks dated to one day, so that half the economic events of these weeks fall on a single day",
    ),
    "trade-common-ground-unmet": recode(
        "event_coding",
        "event_id",
        "ev-kerry-invitation-remark",
        "cameo_code",
        "042",
        "Kerry's remark coded as a visit made rather than an invitation",
    ),
    "trade-corrections": recode(
        "corrections",
        "correction_id",
        "co-seeking-court-business",
        "category",
        "inverted_meaning",
        "the 'seeking court business' passage read as inverting who courts whom",
    ),
}


def _names(frame: pd.DataFrame) -> str:
    names = list(frame)
    if not names:
        return "none"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _beyond_wording(fixes: pd.DataFrame) -> str:
    """The garbled passages that change more than wording, quoted, with what they change."""
    if fixes.empty:
        return "none changes more than wording"
    quoted = _names(
        (e if "“" in e else f"“{e}”") + f" ({a})" for e, a in zip(fixes["evidence"], fixes["affects"])
    )
    n = len(fixes)
    whole = share(n, n, "passage")
    return f"{whole} that {verb(n, 'changes', 'change')} more than wording {verb(n, 'is', 'are')} {quoted}"


def _remarks(n: int, of: int) -> str:
    """ "both are remarks about a visit to come", "1 of them is a remark ...", ..."""
    what = verb(n, "a remark", "remarks") + " about a visit to come"
    if n == of:
        return {1: f"it is {what}", 2: f"both are {what}"}.get(of, f"all {of} are {what}")
    if n == 0:
        return "none is a remark about a visit to come"
    return f"{n} of them {verb(n, 'is', 'are')} {what}"


def _of_them(n: int, of: int) -> str:
    """ "none of those frictions is a statement", "1 of those ... is a statement", "4 of those ... are
    statements", "all 3 of those ... are statements"."""
    if n == 0:
        return "none of those frictions is a statement"
    which = f"all {of}" if n == of and of > 2 else str(n)
    return f"{which} of those frictions {verb(n, 'is a statement', 'are statements')}"


def _frictions(n: int, of: int) -> str:
    """How many of ``of`` events are frictions, as a clause: "none of them a friction", ..."""
    if n == 0:
        return "none of them a friction" if of > 1 else "not a friction"
    return f"{n} of them {verb(n, 'a friction', 'frictions')}"


def _china_opens_words(opened: pd.DataFrame) -> str:
    """The contacts the Chinese government acts in, by title and counterpart: "none", "one, *A*,
    with a businessman, not a US official", "2, *A* and *B*, with Micron and Musk"."""
    if opened.empty:
        return "none"
    titles = _names(f"*{t}*" for t in opened["title"])
    business = set(opened["actor2_side"]) == {"business"}
    who = verb(len(opened), "a businessman", "businessmen") if business else _names(sorted(opened["actor2"]))
    shown = f"one, {titles}" if len(opened) == 1 else f"{len(opened)}, {titles}"
    return f"{shown}, with {who}" + (", not a US official" if business else "")


def _exact_words(exact: pd.DataFrame) -> str:
    """Which contacts the article dates to a single day, in words that read right for 0, 1 or more."""
    if exact.empty:
        return "none of them to a single day"
    named = _names(f"*{t}* ({contacts.day_words(d)})" for t, d in zip(exact["title"], exact["date_start"]))
    if len(exact) == 1:
        return f"only one of them to a single day: {named}"
    return f"{len(exact)} of them to a single day: {named}"


def findings(tables: dict[str, pd.DataFrame], reading: Reading) -> list[Finding]:
    """The trade chapter's findings under ``reading`` (the themes and the dates matter here)."""
    events, actors = tables["events"], tables["actors"]
    economic = trade.economic_events(events, actors, contacts_only=True)
    background = trade.economic_events(events, actors)
    exact = economic[economic["date_start"] == economic["date_end"]]
    people = trade.participants(economic)
    sides = people.drop_duplicates("name")
    american = economic["actor1_side"].isin(["us_government", "business"])
    us_opens = economic[american & (economic["actor2_side"] == "china_government")]
    china_opens = economic[economic["actor1_side"] == "china_government"]

    quoted = trade.quotes_of(
        tables["quotes"],
        actors,
        events,
        event_ids=economic["event_id"],
        extra_ids=trade.ECONOMIC_QUOTES_WITHOUT_EVENT,
    )
    country = actors.set_index("actor_id")["country"]
    quoted["country"] = quoted["actor_id"].map(country).fillna("")
    words = quoted.groupby("speaker")["words"].sum()
    us_words = quoted.loc[quoted["side"] == "us_government", "words"]

    domains = trade.domain_contacts(events, actors, tables["event_coding"], tables["cameo_codebook"])
    every = trade.domain_contacts(
        events, actors, tables["event_coding"], tables["cameo_codebook"], window=None
    )
    domains = coding.counted(domains, reading.counting)
    econ, mil = domains[domains["domain"] == "economic"], domains[domains["domain"] == "military"]
    climate = every[every["theme"] == "climate_finance"]
    friction_statements = int(((mil["act"] == "friction") & coding.is_statement(mil)).sum())
    climate_window = domains[domains["theme"] == "climate_finance"]
    outside = tables["events"].set_index("event_id")

    fixes = tables["corrections"].set_index("correction_id").loc[list(ECONOMIC_CORRECTIONS)]
    beyond_wording = fixes[fixes["affects"] != "wording only"]

    qin_musk = outside.loc["ev-qin-musk-meeting"]
    talks, musk = outside.loc["ev-trade-talks-washington"], outside.loc["ev-musk-visit"]
    return [
        finding(
            "trade-one-exact-day",
            CHAPTER,
            "The article mentions {trade_n_contacts} economic contacts (trade talks, invitations and business "
            "visits) but dates {trade_exact_words}.",
            {
                "trade_n_contacts": len(economic),
                "trade_n_exact": len(exact),
                "trade_exact_contacts": _names(
                    f"*{t}* ({contacts.day_words(d)})" for t, d in zip(exact["title"], exact["date_start"])
                ),
                "trade_qin_musk_day": contacts.day_words(qin_musk["date_start"]),
                "trade_talks_interval": contacts.interval_words(talks["date_start"], talks["date_end"]),
                "trade_musk_interval": contacts.interval_words(musk["date_start"], musk["date_end"]),
                "trade_n_background": len(background) - len(economic),
                "trade_exact_words": _exact_words(exact),
            },
            # "only one of them"
            lambda v: v["trade_n_exact"] <= 1,
            about_the_article=ABOUT_WORDS,
        ),
        finding(
            "trade-americans-open",
            CHAPTER,
            "As the article tells them, an American is the actor in {trade_us_opens_words}, and the Chinese "
            "government the one visited, met or spoken of; the Chinese government acts in {trade_china_opens_words}. "
            "The American side is {trade_n_business} chief executives ({trade_business_names}) and "
            "{trade_n_us_gov} US government actors ({trade_us_gov_names}).",
            {
                "trade_n_us_opens": len(us_opens),
                "trade_us_opens_words": share(len(us_opens), len(economic), "economic contact"),
                "trade_china_opens_words": _china_opens_words(china_opens),
                "trade_n_business": int((sides["side"] == "business").sum()),
                "trade_business_names": _names(sorted(sides.loc[sides["side"] == "business", "name"])),
                "trade_n_us_gov": int((sides["side"] == "us_government").sum()),
                "trade_us_gov_names": _names(sorted(sides.loc[sides["side"] == "us_government", "name"])),
                "_n_china_opens": len(china_opens),
                "_china_counterparts": set(china_opens["actor2_side"]),
                "_n_contacts": len(economic),
            },
            # an American acts in every contact China does not; China never acts towards a US official
            lambda v: (
                v["trade_n_us_opens"] + v["_n_china_opens"] == v["_n_contacts"]
                and "us_government" not in v["_china_counterparts"]
            ),
            otherwise=(
                "As the article tells them, an American is the actor in {trade_us_opens_words}; the Chinese "
                "government acts in {trade_china_opens_words}: not the pattern of Americans acting and Beijing "
                "being met in every contact but those it has with business. The American side is {trade_n_business} "
                "chief executives ({trade_business_names}) and {trade_n_us_gov} US government actors "
                "({trade_us_gov_names})."
            ),
        ),
        finding(
            "trade-chinese-voices",
            CHAPTER,
            "Chinese voices carry the quoted words of the economic domain: {trade_n_qin_quotes} phrases from Qin "
            "Gang, the foreign minister, come to {trade_qin_words} words and one sentence from the analyst Shen "
            "Dingli to {trade_shen_words}, against {trade_us_words} quoted words from {trade_us_speakers} together.",
            {
                "trade_n_qin_quotes": int((quoted["speaker"] == "Qin Gang").sum()),
                "trade_qin_words": int(words.get("Qin Gang", 0)),
                "trade_shen_words": int(words.get("Shen Dingli", 0)),
                "trade_us_words": int(us_words.sum()),
                "trade_us_speakers": _names(
                    sorted(set(quoted.loc[quoted["side"] == "us_government", "speaker"]))
                ),
                "_chinese_words": int(quoted.loc[quoted["country"] == "CHN", "words"].sum()),
                "_qin_side": actors.set_index("actor_id").at["ac-qin-gang", "side"],
                "_shen_side": actors.set_index("actor_id").at["ac-shen-dingli", "side"],
            },
            # "carry": Chinese speakers have more quoted words than US officials; "the foreign minister" and
            # "the analyst" are what the data say the two are
            lambda v: (
                v["_chinese_words"] > v["trade_us_words"]
                and v["_qin_side"] == "china_government"
                and v["_shen_side"] == "analyst"
            ),
        ),
        finding(
            "trade-domains-friction",
            CHAPTER,
            "Over the same weeks ({trade_window}), with the Micron purchase ban themed {trade_micron_theme}, the "
            "article reports "
            "{trade_dom_economic_words} in the economic domain, {trade_dom_economic_friction_words}, and "
            "{trade_dom_military_words} in the military domain, most of them, {trade_dom_n_military_friction}, "
            "frictions. By the one rule that tells a statement from a deed in both domains, "
            "{trade_dom_friction_statement_words}, as the climate items are.",
            {
                "trade_window": contacts.interval_words(*trade.CONTRAST_WINDOW),
                "trade_dom_n_economic": len(econ),
                "trade_dom_n_economic_friction": int((econ["act"] == "friction").sum()),
                "trade_dom_economic_words": count(len(econ), "event"),
                "trade_dom_military_words": count(len(mil), "event"),
                "trade_dom_economic_friction_words": _frictions(
                    int((econ["act"] == "friction").sum()), len(econ)
                ),
                "trade_dom_n_economic_meeting": int((econ["act"] == "meeting").sum()),
                "trade_dom_n_economic_intent": int((econ["act"] == "intent to meet").sum()),
                "trade_dom_n_military": len(mil),
                "trade_dom_n_military_friction": int((mil["act"] == "friction").sum()),
                "trade_dom_n_military_meeting": int((mil["act"] == "meeting").sum()),
                "trade_dom_n_military_friction_statements": friction_statements,
                "trade_dom_friction_statement_words": _of_them(
                    friction_statements, int((mil["act"] == "friction").sum())
                ),
                "_climate_statements": bool(coding.is_statement(climate).all()) if len(climate) else False,
                "trade_micron_theme": theme.label(outside.at["ev-micron-ban", "theme"]),
            },
            # the contrast as the chapter draws it: no economic friction, and mostly friction in the military
            # domain; "as both climate items are": the same rule makes them statements
            lambda v: (
                v["trade_dom_n_economic_friction"] == 0
                and v["trade_dom_n_military_friction"] > v["trade_dom_n_military"] / 2
                and v["_climate_statements"]
            ),
            otherwise=(
                "Over the same weeks ({trade_window}), with the Micron purchase ban themed {trade_micron_theme}, the "
                "article reports {trade_dom_economic_words} in the economic domain, "
                "{trade_dom_economic_friction_words}, and {trade_dom_military_words} in the military domain, "
                "{trade_dom_n_military_friction} of them frictions: no longer a friction-free economic domain beside "
                "a mostly frictional military one."
            ),
        ),
        finding(
            "trade-military-dated-closer",
            CHAPTER,
            "The article dates {trade_dom_n_military_exact} of the {trade_dom_n_military} military-domain events "
            "of these weeks to a single day, a larger share than {trade_dom_n_economic_exact} of the "
            "{trade_dom_n_economic} economic ones.",
            {
                "trade_dom_n_military_exact": int(mil["exact"].sum()),
                "trade_dom_n_military": len(mil),
                "trade_dom_n_economic_exact": int(econ["exact"].sum()),
                "trade_dom_n_economic": len(econ),
                "trade_dom_n_military_inside": int(mil["inside"].sum()),
            },
            # "a larger share" of single days
            lambda v: (
                v["trade_dom_n_military_exact"] / v["trade_dom_n_military"]
                > v["trade_dom_n_economic_exact"] / v["trade_dom_n_economic"]
            ),
            about_the_article=ABOUT_WORDS,
        ),
        finding(
            "trade-common-ground-unmet",
            CHAPTER,
            "Of the {trade_n_climate_all} climate and finance items the article offers as common ground, none is a "
            "meeting: {trade_climate_intent_words}; {trade_climate_window_words} in the weeks of the contrast.",
            {
                "trade_n_climate_all": len(climate),
                "trade_n_climate_meetings": int((climate["act"] == "meeting").sum()),
                "trade_n_climate_intent": int((climate["act"] == "intent to meet").sum()),
                "trade_n_climate_window": len(climate_window),
                "trade_climate_intent_words": _remarks(
                    int((climate["act"] == "intent to meet").sum()), len(climate)
                ),
                "trade_climate_window_words": f"{count(len(climate_window), 'item', zero='no')} "
                f"{verb(len(climate_window), 'falls', 'fall')}",
            },
            # "none is a meeting", and (the words glued) they are remarks about a visit to come
            lambda v: v["trade_n_climate_all"] > 0 and v["trade_n_climate_meetings"] == 0,
        ),
        finding(
            "trade-corrections",
            CHAPTER,
            "{trade_n_corrections} passages in this part of the article are garbled; none inverts who did what, "
            "and {trade_corrections_affect}.",
            {
                "trade_n_corrections": len(fixes),
                "trade_n_corrections_inverted": int((fixes["category"] == "inverted_meaning").sum()),
                "trade_n_corrections_beyond_wording": len(beyond_wording),
                "trade_corrections_affect": _beyond_wording(beyond_wording),
            },
            lambda v: v["trade_n_corrections_inverted"] == 0,
        ),
    ]
