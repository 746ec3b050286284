"""Findings of chapter 06, trade and business: the economic domain, its voices, and the military beside it.

The economic and military domains are those of :data:`thawbook.analysis.thaw.DOMAINS` (economic:
trade, business, climate finance; military: military), the definition the thaw-index chapter
uses. Events themed sanctions or export controls belong to neither, and that choice matters:
see ``trade-domains-friction`` and ``data/theme_alternatives.csv``.
"""

from __future__ import annotations

import pandas as pd

from thawbook.analysis import contacts, trade
from thawbook.charts import theme
from thawbook.findings.core import Finding, finding
from thawbook.findings.readings import Reading

CHAPTER = "chapters/06_trade_and_business"

#: The garbled passages in the article's economic section (see ``data/corrections.csv``).
ECONOMIC_CORRECTIONS = (
    "co-yellen-finance-minister",
    "co-kerry-short-term",
    "co-seeking-court-business",
    "co-shen-we-wanted",
)


def _names(frame: pd.DataFrame) -> str:
    names = list(frame)
    if not names:
        return "none"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def findings(tables: dict[str, pd.DataFrame], reading: Reading) -> list[Finding]:
    """The trade chapter's findings under ``reading`` (the themes and the dates matter here)."""
    events, actors = tables["events"], tables["actors"]
    economic = trade.economic_events(events, actors, contacts_only=True)
    background = trade.economic_events(events, actors)
    exact = economic[economic["date_start"] == economic["date_end"]]
    people = trade.participants(economic)
    sides = people.drop_duplicates("name")
    with_china = economic[
        (economic["actor1_side"] == "china_government") | (economic["actor2_side"] == "china_government")
    ]

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
    econ, mil = domains[domains["domain"] == "economic"], domains[domains["domain"] == "military"]
    climate = every[every["theme"] == "climate_finance"]
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
            "visits) but dates only {trade_n_exact} of them to a single day: {trade_exact_contacts}.",
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
                "_exact_ids": list(exact["event_id"]),
            },
            lambda v: v["_exact_ids"] == ["ev-qin-musk-meeting"] and v["trade_n_contacts"] > 1,
        ),
        finding(
            "trade-china-at-one-end",
            CHAPTER,
            "The Chinese government is at one end of all {trade_n_with_china} economic contacts; across the table "
            "sit {trade_n_business} chief executives ({trade_business_names}) and {trade_n_us_gov} US government "
            "actors ({trade_us_gov_names}).",
            {
                "trade_n_with_china": len(with_china),
                "trade_n_business": int((sides["side"] == "business").sum()),
                "trade_business_names": _names(sorted(sides.loc[sides["side"] == "business", "name"])),
                "trade_n_us_gov": int((sides["side"] == "us_government").sum()),
                "trade_us_gov_names": _names(sorted(sides.loc[sides["side"] == "us_government", "name"])),
                "_n_contacts": len(economic),
            },
            # "all": every economic contact has the Chinese government at one end
            lambda v: v["trade_n_with_china"] == v["_n_contacts"] > 0,
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
            # "carry": Chinese speakers have more quoted words than US officials; each named voice speaks
            lambda v: (
                v["_chinese_words"] > v["trade_us_words"]
                and v["trade_qin_words"] > 0
                and v["trade_shen_words"] > 0
                and v["_qin_side"] == "china_government"
                and v["_shen_side"] == "analyst"
            ),
        ),
        finding(
            "trade-domains-friction",
            CHAPTER,
            "Over the same weeks ({trade_window}), with the Micron purchase ban themed {trade_micron_theme}, the "
            "article reports "
            "{trade_dom_n_economic} events in the economic domain, {trade_dom_n_economic_friction} of them "
            "frictions, and {trade_dom_n_military} in the military domain, {trade_dom_n_military_friction} of them "
            "frictions.",
            {
                "trade_window": contacts.interval_words(*trade.CONTRAST_WINDOW),
                "trade_dom_n_economic": len(econ),
                "trade_dom_n_economic_friction": int((econ["act"] == "friction").sum()),
                "trade_dom_n_economic_meeting": int((econ["act"] == "meeting").sum()),
                "trade_dom_n_economic_intent": int((econ["act"] == "intent to meet").sum()),
                "trade_dom_n_military": len(mil),
                "trade_dom_n_military_friction": int((mil["act"] == "friction").sum()),
                "trade_dom_n_military_meeting": int((mil["act"] == "meeting").sum()),
                "trade_micron_theme": theme.label(outside.at["ev-micron-ban", "theme"]),
            },
            # the contrast as the chapter draws it: no economic friction, and mostly friction in the military domain
            lambda v: (
                v["trade_dom_n_economic_friction"] == 0
                and v["trade_dom_n_military_friction"] > v["trade_dom_n_military"] / 2
            ),
        ),
        finding(
            "trade-military-dated-closer",
            CHAPTER,
            "{trade_dom_n_military_exact} of the {trade_dom_n_military} military-domain events of these weeks fall on "
            "a single day, against {trade_dom_n_economic_exact} of the {trade_dom_n_economic} economic ones.",
            {
                "trade_dom_n_military_exact": int(mil["exact"].sum()),
                "trade_dom_n_military": len(mil),
                "trade_dom_n_economic_exact": int(econ["exact"].sum()),
                "trade_dom_n_economic": len(econ),
                "trade_dom_n_military_inside": int(mil["inside"].sum()),
            },
            # "dated more exactly": a larger share of single days
            lambda v: (
                v["trade_dom_n_military_exact"] / v["trade_dom_n_military"]
                > v["trade_dom_n_economic_exact"] / v["trade_dom_n_economic"]
            ),
        ),
        finding(
            "trade-common-ground-unmet",
            CHAPTER,
            "Of the {trade_n_climate_all} climate and finance items the article offers as common ground, "
            "{trade_n_climate_meetings} are meetings and {trade_n_climate_intent} are remarks about a visit to come; "
            "{trade_n_climate_window} falls in the weeks of the contrast.",
            {
                "trade_n_climate_all": len(climate),
                "trade_n_climate_meetings": int((climate["act"] == "meeting").sum()),
                "trade_n_climate_intent": int((climate["act"] == "intent to meet").sum()),
                "trade_n_climate_window": len(climate_window),
            },
            lambda v: (
                v["trade_n_climate_all"] > 0
                and v["trade_n_climate_meetings"] == 0
                and v["trade_n_climate_intent"] == v["trade_n_climate_all"]
            ),
        ),
        finding(
            "trade-corrections",
            CHAPTER,
            "{trade_n_corrections} passages in this part of the article are garbled; none inverts who did what "
            "({trade_n_corrections_inverted} inverted meanings), and the {trade_n_corrections_beyond_wording} that "
            "change more than wording are {trade_corrections_affect}.",
            {
                "trade_n_corrections": len(fixes),
                "trade_n_corrections_inverted": int((fixes["category"] == "inverted_meaning").sum()),
                "trade_n_corrections_beyond_wording": len(beyond_wording),
                "trade_corrections_affect": _names(
                    f"`{i}` ({a})" for i, a in zip(beyond_wording.index, beyond_wording["affects"])
                ),
            },
            lambda v: v["trade_n_corrections_inverted"] == 0,
        ),
    ]
