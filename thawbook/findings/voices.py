"""Findings of chapter 09, voices and positions.

The quotations do not move with any reading; the positions move with the attribution
reading. As read, a position counts for the side the article attributes it to, whoever
carries it; under "own-words" (:func:`thawbook.findings.readings.own_voice`) only the positions a
government states in its own voice remain, so the findings about who speaks for China, about
its preconditions and about shared goals are recomputed from fewer rows.
"""

from __future__ import annotations

import pandas as pd

from thawbook.analysis import voices
from thawbook.charts.theme import label
from thawbook.findings.core import Finding, drop, finding, recode
from thawbook.findings.readings import Reading, own_voice

CHAPTER = "chapters/09_voices"

US, CHINA = "us_government", "china_government"
POSITIVE = ("goal", "offer")
#: The issues the chapter's prose names as shared ground: crash avoidance, trade and climate.
SHARED_ISSUES = ("climate", "crisis_avoidance", "market_access_trade")
#: The issues on which the prose sets a Chinese precondition against a US offer.
BLOCKED_ISSUES = ("military_communication", "sanctions_on_li")
#: The academic the prose says carries more of China's positions than any other voice.
SHEN = "Shen Dingli"


FALSIFIERS = {
    "voices-quoted-spans": drop(
        "quotes",
        "quote_id",
        "qu-shen-export",
        "Shen's sentence on exports and market access dropped, so that another speaker is quoted at greater length",
    ),
    "voices-analysts-outtalk-governments": recode(
        "quotes",
        "quote_id",
        "qu-provocative",
        "kind",
        "speech",
        "Austin's 'provocative' counted as speech rather than a scare quote",
    ),
    "voices-garbled-attribution": recode(
        "actors",
        "actor_id",
        "ac-drew-thompson",
        "note",
        "",
        "Drew Thompson's row no longer noting that the article garbles his institution",
    ),
    "voices-china-positions-sources": recode(
        "actors",
        "actor_id",
        "ac-drew-thompson",
        "country",
        "SGP",
        "Drew Thompson counted as a voice from Singapore, where he works, not an American one",
    ),
    "voices-preconditions-china-attributed": recode(
        "actors",
        "actor_id",
        "ac-drew-thompson",
        "side",
        "us_government",
        "Drew Thompson, a former US defence official, counted as a voice of the US government",
    ),
    "voices-shared-goals": drop(
        "positions",
        "position_id",
        "po-us-climate",
        "the US hope of climate cooperation not counted as a goal",
    ),
    "voices-preconditions-against-offers": recode(
        "positions",
        "position_id",
        "po-us-sanctions-no-bar",
        "stance",
        "goal",
        "the Pentagon officials' word that the sanctions are no bar coded as a goal, not an offer",
    ),
}

#: Issue names as the prose writes them, where the enum's words would read wrongly.
ISSUE_WORDS = {"sanctions_on_li": "sanctions on Li", "market_access_trade": "trade"}


def _and(words: list[str]) -> str:
    """``["a", "b", "c"]`` -> "a, b and c"; "no one" for an empty list."""
    if not words:
        return "no one"
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _names(values) -> str:
    return _and(sorted(values))


def _issues(values) -> str:
    return _and([ISSUE_WORDS.get(v, label(v)) for v in sorted(values)])


def _none_or(n: int, plural: str, singular: str) -> str:
    """ "none come", "1 comes", "4 come"."""
    return f"none {plural}" if n == 0 else f"{n} {singular if n == 1 else plural}"


def _most_words(n: int, others: int) -> str:
    """What Shen carries, with the superlative only where it holds."""
    if n == 0:
        return "none of them"
    if n > others:
        return f"{n}, more than any other voice"
    return f"{n}, no more than another voice"


def _officials_words(officials: int, chinese: int) -> str:
    if officials == 0:
        return "none of them by officials"
    if officials == chinese:
        return {1: "that one by an official", 2: "both by officials"}.get(chinese, "all of them by officials")
    return f"only {officials} of them by officials"


def _attributed_words(china: int, us: int, total: int) -> str:
    """ "all 5 preconditions it reports to China, none to the US", and forms for 0, 1, 2."""
    if total == 0:
        return "no preconditions to either side"
    if china == total:
        whole = {1: "the one precondition it reports", 2: "both preconditions it reports"}.get(
            total, f"all {total} preconditions it reports"
        )
        return f"{whole} to China, none to the US"
    return f"{china} of the {total} preconditions it reports to China and {us} to the US"


def _own_words(own: int, china: int, voices: str) -> str:
    if own == 0:
        return "none is the Chinese government's own words"
    if own == china:
        return {1: "it is", 2: "both are"}.get(
            china, "all are"
        ) + f" the Chinese government's own words (spoken by {voices})"
    return f"only {own} {'is' if own == 1 else 'are'} the Chinese government's own words (spoken by {voices})"


def _others_words(others: int, voices: str) -> str:
    if others == 0:
        return ""
    return f"; the other {others} {'is a reading' if others == 1 else 'are readings'} of China by {voices}"


def stances(positions: pd.DataFrame, issue: str, side: str) -> set[str]:
    """The stances ``side`` holds on ``issue``."""
    return set(positions.loc[(positions["issue"] == issue) & (positions["side"] == side), "stance"])


def findings(tables: dict[str, pd.DataFrame], reading: Reading) -> list[Finding]:
    """The voices chapter's findings under ``reading``."""
    voice = voices.voices(tables)
    speech = voice[voice["kind"] == "speech"]
    speakers = voices.voices_by_speaker(voice).drop_duplicates("name")
    words = voice.groupby("side")["words"].sum()
    words_by_speaker = voice.groupby("name")["words"].sum()
    named = voice.groupby("side")["name"].nunique()
    issues = voices.attribution_issues(voice, tables["corrections"])
    pronoun = set(issues.loc[issues["category"] == label("wrong_pronoun"), "quote"])
    flagged = voice[voice["attribution_corrections"] != ""]
    garbled_actors = set(tables["actors"].loc[tables["actors"]["note"].str.startswith("Garbled"), "name"])

    positions = tables["positions"]
    pos = voices.positions(tables)
    china = pos[pos["side"] == CHINA]
    reporters = voices.china_motive_reporters(pos)
    by_reporter = reporters.set_index("reported_by")["positions"]
    named_reporters = reporters[reporters["reporter_side"] != "narration"]
    narration = int(reporters.loc[reporters["reporter_side"] == "narration", "positions"].sum())
    chinese = int(reporters.loc[reporters["chinese_voice"], "positions"].sum())
    officials = int(
        reporters.loc[reporters["chinese_voice"] & (reporters["reporter_side"] == CHINA), "positions"].sum()
    )

    pre = pos[pos["stance"] == "precondition"]
    own_ids = set(own_voice(positions, tables["actors"])["position_id"])
    pre_own = pre[pre["position_id"].isin(own_ids)]
    pre_other = pre[~pre["position_id"].isin(own_ids)]

    summary = voices.issue_summary(pos)
    overlap = sorted(
        i
        for i in pos["issue"].unique()
        if stances(positions, i, US) & set(POSITIVE) and stances(positions, i, CHINA) & set(POSITIVE)
    )
    blocked = sorted(
        i for i in pos["issue"].unique() if label(i) in set(summary.loc[summary["blocked"], "issue"])
    )

    return [
        finding(
            "voices-quoted-spans",
            CHAPTER,
            "The article quotes {voices_n_speakers} speakers in {voices_n_quotes} spans; {voices_n_speech} are "
            "speech, the other {voices_n_borrowed} scare quotes and terms. {_shen} is quoted at the greatest "
            "length ({voices_shen_words_quoted} words).",
            {
                "voices_n_speakers": int(voice.loc[voice["name"] != "(no speaker)", "name"].nunique()),
                "voices_n_quotes": len(voice),
                "voices_n_speech": len(speech),
                "voices_n_borrowed": int(voice["kind"].isin(["scare_quote", "term"]).sum()),
                "voices_top_speaker": speakers.iloc[0]["name"],
                "voices_top_words": int(speakers.iloc[0]["speaker_words"]),
                "_runner_up_words": int(speakers.iloc[1]["speaker_words"]),
                "_shen": SHEN,
                "voices_shen_words_quoted": int(words_by_speaker.get(SHEN, 0)),
            },
            # "the greatest length": Shen is the longest-quoted speaker, with no equal
            lambda v: v["voices_top_speaker"] == SHEN and v["voices_top_words"] > v["_runner_up_words"],
        ),
        finding(
            "voices-analysts-outtalk-governments",
            CHAPTER,
            "Analysts supply {voices_analyst_words} of the {voices_total_words} quoted words "
            "({voices_analyst_pct} %), more than the Chinese government ({voices_china_words}), the People's Daily "
            "({voices_media_words}) and the US government ({voices_us_words}) together. US officials are never "
            "quoted in full sentences: their {voices_us_words} words are all scare quotes.",
            {
                "voices_analyst_words": int(words.get("analyst", 0)),
                "voices_total_words": int(voice["words"].sum()),
                "voices_analyst_pct": round(100 * words.get("analyst", 0) / voice["words"].sum()),
                "voices_analyst_speakers": int(named.get("analyst", 0)),
                "voices_china_words": int(words.get(CHINA, 0)),
                "voices_china_speakers": int(named.get(CHINA, 0)),
                "voices_media_words": int(words.get("media", 0)),
                "voices_us_words": int(words.get(US, 0)),
                "voices_us_speakers": int(named.get(US, 0)),
                "voices_us_speech": int((speech["side"] == US).sum()),
            },
            # "more than ... together" and "never in full sentences" (no US speech, yet US words)
            lambda v: (
                v["voices_analyst_words"]
                > v["voices_china_words"] + v["voices_media_words"] + v["voices_us_words"]
                and v["voices_us_speech"] == 0
                and v["voices_us_words"] > 0
            ),
        ),
        finding(
            "voices-garbled-attribution",
            CHAPTER,
            "The attribution of {voices_n_attrib_quotes} quotations is garbled: {voices_n_pronoun_quotes} by a "
            "pronoun that does not fit the speaker, {voices_n_title_quotes} by a wrong title or institution.",
            {
                "voices_n_attrib_quotes": len(flagged),
                "voices_n_pronoun_quotes": len(pronoun),
                "voices_n_title_quotes": int(issues.loc[~issues["quote"].isin(pronoun), "quote"].nunique()),
                "_speakers": set(flagged["name"]),
                "_garbled_actors": garbled_actors,
            },
            # every speaker whose attribution is garbled is an actor whose row notes the garbling
            lambda v: v["voices_n_attrib_quotes"] > 0 and v["_speakers"] <= v["_garbled_actors"],
        ),
        finding(
            "voices-china-positions-sources",
            CHAPTER,
            "Of the {voices_china_positions} positions the article gives China, {voices_china_by_chinese} are "
            "voiced by Chinese speakers, {voices_china_officials_words}; {voices_china_by_others_words} from "
            "American sources and {voices_china_by_narration} from the article itself. One academic, {_shen}, "
            "carries {voices_shen_words}.",
            {
                "voices_china_positions": len(china),
                "voices_china_by_chinese": chinese,
                "voices_china_by_officials": officials,
                "voices_china_by_others": len(china) - chinese - narration,
                "voices_china_by_narration": narration,
                "voices_chinese_reporters": int(reporters["chinese_voice"].sum()),
                "_shen": SHEN,
                "voices_shen_positions": int(by_reporter.get(SHEN, 0)),
                "voices_shen_words": _most_words(
                    int(by_reporter.get(SHEN, 0)),
                    int(named_reporters.loc[named_reporters["reported_by"] != SHEN, "positions"].max()),
                ),
                "voices_china_officials_words": _officials_words(officials, chinese),
                "voices_china_by_others_words": _none_or(len(china) - chinese - narration, "come", "comes"),
                "_other_voices_most": int(
                    named_reporters.loc[named_reporters["reported_by"] != SHEN, "positions"].max()
                ),
                "_american": int(reporters.loc[reporters["reporter_country"] == "USA", "positions"].sum()),
            },
            # the rest are American; "only": officials are fewer than the Chinese voices; Shen leads
            lambda v: (
                v["voices_china_by_others"] == v["_american"]
                and v["voices_china_by_officials"] < v["voices_china_by_chinese"]
                and v["voices_shen_positions"] > v["_other_voices_most"]
            ),
            otherwise=(
                "Of the {voices_china_positions} positions the article gives China, {voices_china_by_chinese} are "
                "voiced by Chinese speakers, {voices_china_officials_words}; {voices_china_by_others_words} from "
                "American sources and {voices_china_by_narration} from the article itself. The academic {_shen} "
                "carries {voices_shen_words}: not more than any other voice."
            ),
        ),
        finding(
            "voices-preconditions-china-attributed",
            CHAPTER,
            "The article attributes {voices_preconditions_words}; {voices_preconditions_own_words}"
            "{voices_preconditions_others_words}.",
            {
                "voices_n_preconditions": len(pre),
                "voices_china_preconditions": int((pre["side"] == CHINA).sum()),
                "voices_us_preconditions": int((pre["side"] == US).sum()),
                "voices_china_preconditions_own": int((pre_own["side"] == CHINA).sum()),
                "voices_china_preconditions_others": int((pre_other["side"] == CHINA).sum()),
                "voices_preconditions_own_voices": _names(set(pre_own["reported_by"])),
                "voices_preconditions_other_voices": _names(set(pre_other["reported_by"])),
                "_other_sides": set(pre_other["reporter_side"]),
                "voices_preconditions_words": _attributed_words(
                    int((pre["side"] == CHINA).sum()), int((pre["side"] == US).sum()), len(pre)
                ),
                "voices_preconditions_own_words": _own_words(
                    int((pre_own["side"] == CHINA).sum()),
                    int((pre["side"] == CHINA).sum()),
                    _names(set(pre_own["reported_by"])),
                ),
                "voices_preconditions_others_words": _others_words(
                    int((pre_other["side"] == CHINA).sum()), _names(set(pre_other["reported_by"]))
                ),
            },
            # all China's, none the US's; "only": some, not all, in the government's own voice; the rest
            # carried by analysts or the press
            lambda v: (
                v["voices_us_preconditions"] == 0
                and v["voices_china_preconditions"] == v["voices_n_preconditions"] > 0
                and 0 < v["voices_china_preconditions_own"] < v["voices_china_preconditions"]
                and v["_other_sides"] <= {"analyst", "media"}
            ),
            otherwise=(
                "The article attributes {voices_preconditions_words}; "
                "{voices_preconditions_own_words}{voices_preconditions_others_words}: no longer preconditions that "
                "other voices mostly read into China."
            ),
        ),
        finding(
            "voices-shared-goals",
            CHAPTER,
            "The {voices_n_positions} positions fall on {voices_n_issues} issues; both sides hold a goal or an "
            "offer on {voices_overlap_issues}.",
            {
                "voices_n_positions": len(pos),
                "voices_n_issues": int(pos["issue"].nunique()),
                "voices_overlap_issues": _issues(overlap),
                "_overlap": overlap,
                "_summary_overlap": set(summary.loc[summary["overlap"], "issue"]),
            },
            # the issues are the ones the prose names, and the chapter's issue table agrees
            lambda v: (
                v["_overlap"] == sorted(SHARED_ISSUES)
                and v["_summary_overlap"] == {label(i) for i in v["_overlap"]}
            ),
            otherwise=(
                "The {voices_n_positions} positions fall on {voices_n_issues} issues; both sides hold a goal or an "
                "offer on {voices_overlap_issues}, not on each of climate, crisis avoidance and trade."
            ),
        ),
        finding(
            "voices-preconditions-against-offers",
            CHAPTER,
            "On {voices_blocked_issues}, a Chinese precondition meets a US offer that does not grant it: a "
            "meeting with Austin, and the word that the sanctions are no bar to one.",
            {
                "voices_blocked_issues": _issues(blocked),
                "_blocked": blocked,
                "_stances": {i: (stances(positions, i, US), stances(positions, i, CHINA)) for i in blocked},
            },
            lambda v: (
                v["_blocked"] == sorted(BLOCKED_ISSUES)
                and all("offer" in us and "precondition" in cn for us, cn in v["_stances"].values())
            ),
        ),
    ]
