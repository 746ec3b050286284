"""Source criticism: where the article is garbled, what that changes, and what it cannot tell.

The article was read sentence by sentence against its own logic and against outside
reporting; every place that reads wrongly is a row of ``data/corrections.csv`` (with the
verbatim ``evidence``, a ``likely_reading``, a ``confidence`` and what it ``affects``).
This module tidies those rows for the page, sorts them into what they change
(:func:`scope_of`), counts them, counts the claims left to unnamed "analysts"
(:func:`unnamed_attributions`) and lays out ``data/context.csv`` as a bibliography
(:func:`bibliography`); :mod:`thawbook.charts.criticism` draws them.

Enumerations (categories, confidence levels) are read from ``datapackage.json``.
"""

from __future__ import annotations

import re

import pandas as pd

from thawbook.charts import theme
from thawbook.dates.intervals import iso
from thawbook.inputs import tables
from thawbook.inputs.seed import read_seed, sentences
from thawbook.render import display

# What a correction changes, read from the start of its `affects` text.
SCOPES = {
    "substance": "what a claim means (who did what, what was said or demanded)",
    "chronology": "when something happened",
    "people": "who someone is (title, office, institution, pronoun)",
    "wording": "wording only",
}
STORY = "substance"


def _enum(resource: str, field: str) -> list[str]:
    for item in tables.resource(resource)["schema"]["fields"]:
        if item["name"] == field:
            return list(item["constraints"]["enum"])
    raise KeyError(f"{resource}.{field} has no enum")


def confidence_levels() -> list[str]:
    """Confidence levels as the data package lists them (surest first)."""
    return _enum("corrections", "confidence")


def categories() -> list[str]:
    """Correction categories as the data package lists them."""
    return _enum("corrections", "category")


def scope_of(affects: str) -> str:
    """Which of :data:`SCOPES` an ``affects`` text belongs to.

    "wording only", "wording of ..." and "terminology: ..." are wording; "people: ..." is
    people; "chronology: ..." is chronology; anything else names a claim whose meaning the
    correction changes, and is substance.
    """
    text = affects.strip().lower()
    if text.startswith(("wording", "terminology:")):
        return "wording"
    if text.startswith("people:"):
        return "people"
    if text.startswith("chronology:"):
        return "chronology"
    return "substance"


def sentence_number(offset: int, text: str | None = None) -> int:
    """The 1-based number (in reading order, headline = 1) of the sentence holding ``offset``."""
    for number, (_, start, end) in enumerate(sentences(text), start=1):
        if start <= offset < end:
            return number
    raise ValueError(f"offset {offset} is not inside a sentence")


def tidy(corrections: pd.DataFrame, text: str | None = None) -> pd.DataFrame:
    """Corrections in reading order with ``sentence``, ``scope``, ``changes_story`` and labels.

    ``changes_story`` is true for corrections whose scope is :data:`STORY`.
    """
    text = read_seed() if text is None else text
    out = corrections.sort_values(["evidence_start", "correction_id"]).reset_index(drop=True).copy()
    out["sentence"] = [sentence_number(offset, text) for offset in out["evidence_start"]]
    out["scope"] = out["affects"].map(scope_of)
    out["changes_story"] = out["scope"] == STORY
    out["category_label"] = out["category"].map(theme.label)
    return out


def examination(corrections: pd.DataFrame, text: str | None = None) -> dict[str, object]:
    """Headline figures: sentences read and flagged, corrections, categories, shares."""
    text = read_seed() if text is None else text
    tidy_rows = tidy(corrections, text)
    n = len(tidy_rows)
    high = int((tidy_rows["confidence"] == "high").sum())
    story = tidy_rows[tidy_rows["changes_story"]]
    return {
        "sentences": len(sentences(text)),
        "sentences_flagged": int(tidy_rows["sentence"].nunique()),
        "paragraphs_flagged": int(tidy_rows["paragraph"].nunique()),
        "corrections": n,
        "categories_used": int(tidy_rows["category"].nunique()),
        "high": high,
        "share_high_pct": round(100 * high / n) if n else 0,
        "story": len(story),
        "story_high": int((story["confidence"] == "high").sum()),
        "with_context": int((tidy_rows["context_id"] != "").sum()),
    }


def paragraph_marks(corrections: pd.DataFrame, text: str | None = None) -> pd.DataFrame:
    """One row per paragraph of the seed (headline = 0): its text, sentences, and corrections.

    Columns: ``paragraph``, ``text`` (the paragraph's sentences joined), ``sentences``,
    ``corrections`` (how many corrections fall in it) and ``story`` (how many of those change
    what a claim means). Every paragraph is listed, zeros kept, in reading order.
    """
    text = read_seed() if text is None else text
    parts: dict[int, list[str]] = {}
    for paragraph, start, end in sentences(text):
        parts.setdefault(paragraph, []).append(text[start:end])
    data = tidy(corrections, text)
    marks = data.groupby("paragraph").size()
    story = data[data["changes_story"]].groupby("paragraph").size()
    rows = [
        {
            "paragraph": p,
            "text": " ".join(s),
            "sentences": len(s),
            "corrections": int(marks.get(p, 0)),
            "story": int(story.get(p, 0)),
        }
        for p, s in sorted(parts.items())
    ]
    return pd.DataFrame(rows, columns=["paragraph", "text", "sentences", "corrections", "story"])


def category_counts(corrections: pd.DataFrame) -> pd.DataFrame:
    """Corrections per category and confidence, every enum value present (zeros kept)."""
    index = pd.MultiIndex.from_product([categories(), confidence_levels()], names=["category", "confidence"])
    counts = corrections.groupby(["category", "confidence"]).size().reindex(index, fill_value=0)
    frame = counts.rename("corrections").reset_index()
    wide = frame.pivot(index="category", columns="confidence", values="corrections")[confidence_levels()]
    wide["total"] = wide.sum(axis=1)
    wide = wide.reset_index().sort_values(["total", "category"], ascending=[False, True])
    wide["category"] = wide["category"].map(theme.label)
    wide.columns.name = None
    return wide.reset_index(drop=True)


def side_by_side(corrections: pd.DataFrame) -> pd.DataFrame:
    """Every correction in reading order: the original words beside the likely reading."""
    data = tidy(corrections)
    return pd.DataFrame(
        {
            "correction": data["correction_id"],
            "paragraph": data["paragraph"],
            "category": data["category_label"],
            "confidence": data["confidence"],
            "original (evidence)": data["evidence"],
            "likely reading": data["likely_reading"],
            "changes": data["scope"],
            "affects": data["affects"],
            "outside source": data["context_id"],
        }
    )


def story_changes(corrections: pd.DataFrame) -> pd.DataFrame:
    """The corrections that change what a claim means, surest first, then in reading order."""
    data = tidy(corrections)
    data = data[data["changes_story"]].copy()
    data["rank"] = data["confidence"].map(confidence_levels().index)
    data = data.sort_values(["rank", "evidence_start"])
    return pd.DataFrame(
        {
            "correction": data["correction_id"],
            "confidence": data["confidence"],
            "original (evidence)": data["evidence"],
            "likely reading": data["likely_reading"],
            "what it changes": data["affects"],
        }
    ).reset_index(drop=True)


def scope_counts(corrections: pd.DataFrame) -> pd.DataFrame:
    """Corrections per scope (what they change), in :data:`SCOPES` order, zeros kept."""
    data = tidy(corrections)
    counts = data["scope"].value_counts().reindex(list(SCOPES), fill_value=0)
    return pd.DataFrame(
        {"changes": list(SCOPES), "meaning": list(SCOPES.values()), "corrections": counts.to_list()}
    )


# ------------------------------------------------------------ limits of the source


def unnamed_attributions(actors: pd.DataFrame, quotes: pd.DataFrame, text: str | None = None) -> pd.DataFrame:
    """Sentences that attribute a claim to an unnamed group of analysts.

    The unnamed groups are actors with ``side == "analyst"`` and ``actor_type == "group"``;
    each sentence of the seed that names such a group (by its ``name``, as a whole word) is
    one claim. Columns: actor_id, name, paragraph, sentence (verbatim), quotes (how many
    quotations the data attributes to that actor).
    """
    text = read_seed() if text is None else text
    groups = actors[(actors["side"] == "analyst") & (actors["actor_type"] == "group")]
    rows = []
    for _, actor in groups.sort_values("actor_id").iterrows():
        pattern = re.compile(rf"\b{re.escape(actor['name'])}\b", re.IGNORECASE)
        quoted = int((quotes["actor_id"] == actor["actor_id"]).sum())
        for number, (paragraph, start, end) in enumerate(sentences(text), start=1):
            if pattern.search(text[start:end]):
                rows.append(
                    {
                        "actor_id": actor["actor_id"],
                        "name": actor["name"],
                        "paragraph": paragraph,
                        "sentence_number": number,
                        "sentence": text[start:end],
                        "quotes": quoted,
                    }
                )
    return pd.DataFrame(
        rows, columns=["actor_id", "name", "paragraph", "sentence_number", "sentence", "quotes"]
    )


def analyst_voices(actors: pd.DataFrame, quotes: pd.DataFrame) -> dict[str, int]:
    """Quotations by named analysts, by unnamed analyst groups, and how many named analysts speak."""
    analysts = actors[actors["side"] == "analyst"]
    named = analysts[analysts["actor_type"] != "group"]["actor_id"]
    unnamed = analysts[analysts["actor_type"] == "group"]["actor_id"]
    by_named = quotes[quotes["actor_id"].isin(named)]
    return {
        "named_quotes": len(by_named),
        "named_speakers": int(by_named["actor_id"].nunique()),
        "unnamed_quotes": int(quotes["actor_id"].isin(unnamed).sum()),
    }


def bibliography(context: pd.DataFrame) -> pd.DataFrame:
    """``data/context.csv`` as a bibliography, with each source's type and the day it was read:
    by publisher, then source date, then id."""
    data = context.copy()
    data["date"] = [iso(d) for d in data["source_date"]]
    data = data.sort_values(["source_publisher", "date", "context_id"], key=lambda s: s.str.lower())
    return pd.DataFrame(
        {
            "context": data["context_id"],
            "claim": data["claim"],
            "source type": data["source_type"].map(display.source_type_label),
            "publisher": data["source_publisher"],
            "title": data["source_title"],
            "source date": data["date"],
            "accessed": [iso(d) for d in data["accessed"]],
            "url": data["source_url"],
            "used for": data["used_for"],
            "evidence": data["evidence"],
        }
    ).reset_index(drop=True)


#: A PRC embassy publishes its foreign ministry's transcripts and releases: one institution.
_MISSIONS = re.compile(r"^Embassy of the PRC\b")


def institution(publisher: str) -> str:
    """The institution behind a ``source_publisher``, as the ``publishers`` count counts it.

    A parenthesis names a medium, a mirror or the original of a repost, not another publisher
    ("South China Morning Post (Bloomberg)" is the South China Morning Post); a Chinese embassy's
    site is its foreign ministry's ("Embassy of the PRC in Nigeria" is the Ministry of Foreign
    Affairs of the PRC), so the ministry's transcripts on five sites count once.
    """
    name = publisher.split(" (")[0].strip()
    return "Ministry of Foreign Affairs of the PRC" if _MISSIONS.match(name) else name


def context_summary(context: pd.DataFrame, corrections: pd.DataFrame) -> dict[str, int]:
    """Counts of outside facts by source type (``type_primary``, ``type_wire``, ...), their
    publishing institutions (:func:`institution`), undated sources, titles reconstructed from a
    URL (the title says so; the source policy now rejects them), and the facts that corrections cite."""
    return {
        **{f"type_{kind}": int((context["source_type"] == kind).sum()) for kind in display.SOURCE_TYPES},
        "titles_reconstructed": int(context["source_title"].str.contains("reconstructed", case=False).sum()),
        "facts": len(context),
        "publishers": int(context["source_publisher"].map(institution).nunique()),
        "undated_sources": int(context["source_date"].isna().sum()),
        "cited_by_corrections": int(corrections.loc[corrections["context_id"] != "", "context_id"].nunique()),
    }
