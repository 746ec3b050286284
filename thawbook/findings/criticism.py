"""Findings of chapter 08, reading the source critically.

The corrections, the context rows and the quotations do not depend on the week convention,
the placement of imprecise events, the codings, the themes or the attribution of positions,
so every reading sees the same tables here; the findings are recomputed under each all the
same, so that a future reading that touches these tables is tested too.
"""

from __future__ import annotations

import pandas as pd

from thawbook.analysis import criticism
from thawbook.findings.core import Falsifier, Finding, count, drop, finding, recode, recode_all, verb
from thawbook.findings.readings import Reading

CHAPTER = "chapters/08_source_criticism"

#: Errors of a single word or name: a mistranslated term, a wrong title, institution or pronoun.
WORD_CATEGORIES = (
    "mistranslated_idiom_or_term",
    "wrong_title_or_office",
    "wrong_institution_name",
    "wrong_pronoun",
)
#: The correction the chapter calls the most consequential: who invited whom to Singapore.
INVITATION = "co-invitation-by-chinas-minister"
#: The paragraph a falsifier crowds with one more correction.
PENTAGON_PARAGRAPH = "co-reluctance-military-matters"
#: Words that mark the paragraphs on the declined defence meeting.
DEFENCE_MEETING_MARKERS = ("declined an invitation", "refusal to meet")
#: Words of the two claims the article leaves to unnamed "analysts".
UNNAMED_CLAIMS = ("retaliatory move", "rapprochement")

FALSIFIERS = {
    "crit-corrections-spread": Falsifier(
        "one more correction in the paragraph on the Pentagon's reading of the refusal",
        lambda tables: {
            **tables,
            "corrections": pd.concat(
                [
                    tables["corrections"],
                    tables["corrections"]
                    .loc[tables["corrections"]["correction_id"] == PENTAGON_PARAGRAPH]
                    .assign(correction_id="co-falsifier-extra"),
                ],
                ignore_index=True,
            ),
        },
    ),
    "crit-word-level-errors": recode_all(
        "corrections",
        "category",
        "mistranslated_idiom_or_term",
        "garbled_syntax",
        "mistranslated idioms and terms counted as garbled syntax, one coding rule changed",
    ),
    "crit-story-changes": recode(
        "corrections",
        "correction_id",
        "co-invitation-by-chinas-minister",
        "affects",
        "wording only",
        "the invitation 'by China's defense minister' judged a slip of wording that leaves the meaning intact",
    ),
    "crit-unnamed-analysts": recode(
        "quotes",
        "quote_id",
        "qu-thompson-access-reward",
        "actor_id",
        "ac-analysts",
        "Thompson's quotation on access as a reward left to the unnamed analysts",
    ),
    "crit-outside-sources": drop(
        "context",
        "context_id",
        "cx-yellen-treasury",
        "the outside source for Yellen's office dropped while the correction of her title still cites it",
    ),
}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def findings(tables: dict[str, pd.DataFrame], reading: Reading) -> list[Finding]:
    """The source-criticism chapter's findings under ``reading``."""
    corrections, context = tables["corrections"], tables["context"]
    figures = criticism.examination(corrections)
    paragraphs = criticism.paragraph_marks(corrections)
    most = int(paragraphs["corrections"].max())
    crowded = paragraphs[paragraphs["corrections"] == most]
    half = len(paragraphs) // 2
    defence = paragraphs[[any(m in t for m in DEFENCE_MEETING_MARKERS) for t in paragraphs["text"]]]

    by_category = corrections["category"].value_counts()
    ranked = sorted(by_category.items(), key=lambda item: (-item[1], item[0]))
    story = criticism.story_changes(corrections).set_index("correction")
    scopes = criticism.scope_counts(corrections).set_index("changes")
    invitation_paragraph = criticism.tidy(corrections).set_index("correction_id").at[INVITATION, "paragraph"]

    voices = criticism.analyst_voices(tables["actors"], tables["quotes"])
    unnamed = criticism.unnamed_attributions(tables["actors"], tables["quotes"])
    sources = criticism.context_summary(context, corrections)
    cited = set(corrections["context_id"]) - {""}

    return [
        finding(
            "crit-corrections-spread",
            CHAPTER,
            "Read sentence by sentence, the article has {cr_n_corrections} places that the book corrects or clarifies, "
            "spread across it: they fall in {cr_n_sentences_flagged} of its {cr_n_sentences} sentences and in more "
            "than half of its paragraphs, {cr_n_paragraphs_flagged} of {cr_n_paragraphs}; no paragraph holds more "
            "than {cr_max_per_paragraph}, and {cr_crowded_words} that many.",
            {
                "cr_n_corrections": figures["corrections"],
                "cr_n_sentences_flagged": figures["sentences_flagged"],
                "cr_n_sentences": figures["sentences"],
                "cr_n_paragraphs_flagged": figures["paragraphs_flagged"],
                "cr_n_paragraphs": len(paragraphs),
                "cr_max_per_paragraph": most,
                "cr_n_crowded_paragraphs": len(crowded),
                "cr_crowded_words": f"{len(crowded)} {verb(len(crowded), 'holds', 'hold')}",
            },
            # "spread" (defined in the prose): more than half the paragraphs hold one, and none
            # holds more than a tenth of them
            lambda v: (
                2 * v["cr_n_paragraphs_flagged"] > v["cr_n_paragraphs"]
                and 10 * v["cr_max_per_paragraph"] <= v["cr_n_corrections"]
            ),
        ),
        finding(
            "crit-word-level-errors",
            CHAPTER,
            "The errors fall into {cr_n_categories} categories; most, {cr_n_word_errors} of {_n_corrections}, are "
            "errors of a single word or name (a mistranslated term, a wrong title, institution or pronoun), and "
            "mistranslated idioms and terms lead with {cr_n_idiom}. Most corrections, {cr_n_high} "
            "({cr_share_high}%), are made with high confidence.",
            {
                "cr_n_categories": figures["categories_used"],
                "cr_n_word_errors": int(corrections["category"].isin(WORD_CATEGORIES).sum()),
                "_n_corrections": figures["corrections"],
                "cr_n_idiom": int(by_category.get("mistranslated_idiom_or_term", 0)),
                "cr_n_high": figures["high"],
                "cr_share_high": figures["share_high_pct"],
                "_leader": ranked[0][0],
                "_runner_up_count": ranked[1][1],
            },
            lambda v: (
                2 * v["cr_n_word_errors"] > v["_n_corrections"]
                and v["_leader"] == "mistranslated_idiom_or_term"
                and v["cr_n_idiom"] > v["_runner_up_count"]
                and 2 * v["cr_n_high"] > v["_n_corrections"]
            ),
        ),
        finding(
            "crit-story-changes",
            CHAPTER,
            "{cr_n_story} corrections change what a claim means, {cr_n_story_high} of them with high confidence; "
            "most of them, {cr_n_story_first_half}, sit in the first half of the article, {cr_n_story_defence} in the "
            "paragraphs on the declined defence meeting, among them the most consequential: who invited whom. "
            "Most corrections, {cr_n_cosmetic} of {_n_corrections}, change only a word, a title or a pronoun.",
            {
                "cr_n_story": figures["story"],
                "cr_n_story_high": figures["story_high"],
                "cr_n_cosmetic": int(scopes.loc[["wording", "people"], "corrections"].sum()),
                "_n_corrections": figures["corrections"],
                "cr_n_story_first_half": int(paragraphs.loc[paragraphs["paragraph"] < half, "story"].sum()),
                "cr_n_story_defence": int(defence["story"].sum()),
                "_invitation_confidence": story["confidence"].get(INVITATION, ""),
                "_invitation_in_defence": invitation_paragraph in set(defence["paragraph"]),
            },
            # "mostly in the first half"; the invitation is a sure change of meaning in those paragraphs
            lambda v: (
                2 * v["cr_n_story_first_half"] > v["cr_n_story"]
                and 2 * v["cr_n_cosmetic"] > v["_n_corrections"]
                and v["_invitation_confidence"] == "high"
                and v["_invitation_in_defence"]
            ),
        ),
        finding(
            "crit-unnamed-analysts",
            CHAPTER,
            "The named analysts get {cr_named_quotes} quotations from {cr_named_speakers} people; the unnamed "
            "\u201canalysts\u201d get {cr_unnamed_quotes_words}, yet carry {cr_unnamed_claims_words} of their own.",
            {
                "cr_named_quotes": voices["named_quotes"],
                "cr_named_speakers": voices["named_speakers"],
                "cr_unnamed_quotes": voices["unnamed_quotes"],
                "cr_unnamed_quotes_words": count(voices["unnamed_quotes"], "quotation", zero="no"),
                "cr_unnamed_claims_words": count(len(unnamed), "claim", zero="no"),
                "cr_n_unnamed_claims": len(unnamed),
                "_sentences": list(unnamed["sentence"]),
            },
            # "get none, yet carry claims": no quotation, and the claims the prose names are theirs
            lambda v: (
                v["cr_unnamed_quotes"] == 0
                and v["cr_n_unnamed_claims"] > 0
                and all(sum(w in s for s in v["_sentences"]) == 1 for w in UNNAMED_CLAIMS)
            ),
        ),
        finding(
            "crit-outside-sources",
            CHAPTER,
            "Outside facts come from {cr_n_context} rows citing {cr_n_publishers} publishing institutions (a "
            "ministry's transcripts on its embassies' sites, or an outlet's wire copy, count once); "
            "{cr_n_context_cited} of the rows support a correction, and {cr_n_with_context} corrections rest on one, "
            "every one of them on a row that exists. {cr_undated_words} no publication date, and "
            "{cr_reconstructed_words} from its URL.",
            {
                "cr_n_context": sources["facts"],
                "cr_n_publishers": sources["publishers"],
                "cr_n_context_cited": sources["cited_by_corrections"],
                "cr_n_with_context": figures["with_context"],
                "cr_n_undated_sources": sources["undated_sources"],
                "cr_n_titles_reconstructed": sources["titles_reconstructed"],
                "cr_undated_words": _capital(
                    f"{count(sources['undated_sources'], 'row', zero='no')} "
                    f"{verb(sources['undated_sources'], 'carries', 'carry')}"
                ),
                "cr_reconstructed_words": "no title was reconstructed"
                if sources["titles_reconstructed"] == 0
                else f"{count(sources['titles_reconstructed'], 'title')} "
                f"{verb(sources['titles_reconstructed'], 'was', 'were')} reconstructed",
                "_dangling": sorted(cited - set(context["context_id"])),
            },
            # "every one of them on a row that exists"
            lambda v: not v["_dangling"],
        ),
    ]
