"""Chapter 09, voices and positions: who the article quotes, and what each government wants.

:func:`voices` tidies the quotations (speaker, side, kind, words, the corrections that garble
their attribution); :func:`positions` the two governments' positions by issue, with who the
article cites for them. The charts are in :mod:`thawbook.charts.voices`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from thawbook.charts import theme
from thawbook.dates.intervals import iso
from thawbook.inputs.seed import paragraph_bounds, read_seed, sentences, words
from thawbook.inputs.tables import load_tables

TABLES = ("events", "actors", "quotes", "corrections", "context", "positions")
ATTRIBUTION_CATEGORIES = ("wrong_pronoun", "wrong_title_or_office", "wrong_institution_name")


def voices_tables(directory: Path | None = None) -> dict[str, pd.DataFrame]:
    """The tables this module needs, validated (see :func:`thawbook.inputs.tables.load_tables`)."""
    return load_tables(*TABLES, directory=directory)


# ------------------------------------------------------------------ the kind of a quotation
#: Forms whose words the article reports as said or written: a whole sentence, or words with a verb.
SPEECH_FORMS = ("sentence", "clause")
#: The verbs of saying the article attributes quotations with.
SAYING = re.compile(r"\b(said|saying|says|reiterated|convey|called|calling)\b")
CONTINUATION = "Attributed by continuation"


def kind_by_rule(actor_id: str, form: str) -> str:
    """The kind of a quotation, by the rule of ``quotes.kind`` in ``datapackage.json``: ``term``
    without a speaker, else ``speech`` for a sentence or clause and ``scare_quote`` for a word or phrase."""
    if not actor_id:
        return "term"
    return "speech" if form in SPEECH_FORMS else "scare_quote"


def quotation_rule_problems(quotes: pd.DataFrame, text: str | None = None) -> list[str]:
    """Every row whose kind or form disagrees with the coding rule, one sentence each (empty if none).

    Checked from the seed: the kind follows :func:`kind_by_rule`; ``sentence`` is the form of
    exactly the quotations that open a sentence of the article with a capital letter; ``word`` of
    exactly the one-word quotations; and a speech row is attributed by a verb of saying in its
    evidence, or, noted as attributed by continuation, earlier in its paragraph.
    """
    text = read_seed() if text is None else text
    problems = []
    for row in quotes.fillna("").itertuples(index=False):
        start = text.find(row.evidence) + row.evidence.find(f"“{row.text}”")
        before = text[:start].rstrip(" ")
        opens = (not before or before[-1] in ".”\n") and row.text[:1].isupper()
        rule = kind_by_rule(row.actor_id, row.form)
        if row.kind != rule:
            problems.append(f"{row.quote_id}: kind {row.kind}, the rule gives {rule} ({row.form})")
        if opens != (row.form == "sentence"):
            verb = "opens" if opens else "does not open"
            problems.append(f"{row.quote_id}: form {row.form}, but the quotation {verb} its sentence")
        if (len(words(row.text)) == 1) != (row.form == "word"):
            problems.append(f"{row.quote_id}: form {row.form} for {len(words(row.text))} words")
        if row.kind == "speech" and not SAYING.search(row.evidence):
            earlier = next(text[a:start] for a, b in paragraph_bounds(text) if a <= start < b)
            if not (row.note.startswith(CONTINUATION) and SAYING.search(earlier)):
                problems.append(f"{row.quote_id}: speech with no verb of saying in its evidence or paragraph")
    return problems


# ------------------------------------------------------------------ voices
def _overlapping_corrections(evidence: str, corrections: pd.DataFrame, text: str) -> list[tuple[str, str]]:
    start = text.find(evidence)
    end = start + len(evidence)
    touched = [(a, b) for _, a, b in sentences(text) if a < end and start < b]
    low, high = min(a for a, _ in touched), max(b for _, b in touched)
    found = []
    for row in corrections.itertuples(index=False):
        s = text.find(row.evidence)
        if s < high and low < s + len(row.evidence):
            found.append((row.correction_id, row.category))
    return sorted(found)


def voices(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every quotation with its speaker, role, affiliation, side, kind and number of words.

    Corrections (``data/corrections.csv``) whose evidence lies in a sentence the quotation's
    evidence touches are attached: those about the attribution (a wrong pronoun, title or
    institution) in ``attribution_corrections``, the others in ``wording_corrections``.
    Terms with no speaker get the side ``none``. Rows keep the article's order.
    """
    text = read_seed()
    quotes = tables["quotes"].sort_values("evidence_start")
    actors = tables["actors"][["actor_id", "name", "role", "affiliation", "country", "side"]]
    frame = quotes.merge(actors, on="actor_id", how="left")
    frame["name"] = frame["name"].fillna("(no speaker)")
    frame["side"] = frame["side"].fillna("none")
    frame["words"] = frame["text"].map(lambda value: len(words(value)))
    found = frame["evidence"].map(lambda value: _overlapping_corrections(value, tables["corrections"], text))
    frame["attribution_corrections"] = found.map(
        lambda items: ", ".join(i for i, c in items if c in ATTRIBUTION_CATEGORIES)
    )
    frame["wording_corrections"] = found.map(
        lambda items: ", ".join(i for i, c in items if c not in ATTRIBUTION_CATEGORIES)
    )
    events = tables["events"].set_index("event_id")
    frame["date_start"] = frame["event_id"].map(events["date_start"]).map(iso)
    frame["date_end"] = frame["event_id"].map(events["date_end"]).map(iso)
    columns = [
        "quote_id",
        "name",
        "role",
        "affiliation",
        "country",
        "side",
        "kind",
        "text",
        "words",
        "attribution_corrections",
        "wording_corrections",
        "event_id",
        "date_start",
        "date_end",
        "evidence",
        "paragraph",
    ]
    return frame[columns].fillna("").reset_index(drop=True)


def voices_table(voice: pd.DataFrame) -> pd.DataFrame:
    """The quotations as a reader's table: speaker, role, affiliation, side, kind, words, corrections."""
    columns = {
        "quote_id": "quote",
        "name": "speaker",
        "role": "role (as printed)",
        "affiliation": "affiliation (as printed)",
        "side": "side",
        "kind": "kind",
        "text": "words quoted",
        "words": "words",
        "attribution_corrections": "attribution garbled (correction)",
        "wording_corrections": "wording garbled (correction)",
        "date_start": "date_start",
        "date_end": "date_end",
        "evidence": "evidence",
    }
    frame = voice[list(columns)].rename(columns=columns)
    frame["side"] = frame["side"].map(theme.label)
    return frame


def attribution_issues(voice: pd.DataFrame, corrections: pd.DataFrame) -> pd.DataFrame:
    """One row per quotation and attribution correction: the printed words beside the likely reading."""
    rows = voice[voice["attribution_corrections"] != ""][
        ["quote_id", "name", "attribution_corrections", "evidence"]
    ]
    rows = rows.assign(correction_id=rows["attribution_corrections"].str.split(", ")).explode("correction_id")
    fixes = corrections.set_index("correction_id")
    rows["as printed"] = rows["correction_id"].map(fixes["evidence"])
    rows["likely reading"] = rows["correction_id"].map(fixes["likely_reading"])
    rows["category"] = rows["correction_id"].map(fixes["category"]).map(theme.label)
    columns = ["quote_id", "name", "category", "as printed", "likely reading", "correction_id", "evidence"]
    return rows[columns].rename(columns={"quote_id": "quote", "name": "speaker"}).reset_index(drop=True)


def voices_by_speaker(voice: pd.DataFrame) -> pd.DataFrame:
    """Words and quotations per speaker and kind, largest speakers first."""
    frame = voice.groupby(["name", "side", "kind"], as_index=False).agg(
        words=("words", "sum"), quotes=("quote_id", "count"), evidence=("evidence", " | ".join)
    )
    total = frame.groupby("name")["words"].transform("sum")
    frame["speaker_words"] = total
    frame["side_label"] = frame["side"].map(theme.label)
    return frame.sort_values(["speaker_words", "name", "kind"], ascending=[False, True, True]).reset_index(
        drop=True
    )


def voices_by_side(voice: pd.DataFrame) -> pd.DataFrame:
    """Words, quotations and speakers per side and kind."""
    frame = voice.groupby(["side", "kind"], as_index=False).agg(
        words=("words", "sum"),
        quotes=("quote_id", "count"),
        speakers=("name", "nunique"),
        evidence=("evidence", " | ".join),
    )
    frame["side_label"] = frame["side"].map(theme.label)
    return frame.sort_values(["side", "kind"]).reset_index(drop=True)


# ------------------------------------------------------------------ positions
def positions(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Positions with holder and reporter names, the reporter's side and country, by issue and side."""
    actors = tables["actors"].set_index("actor_id")
    frame = tables["positions"].copy()
    frame["holder"] = frame["holder_actor_id"].map(actors["name"])
    frame["reported_by"] = frame["reported_by_actor_id"].map(actors["name"]).fillna("the article itself")
    frame["reporter_side"] = frame["reported_by_actor_id"].map(actors["side"]).fillna("narration")
    frame["reporter_country"] = frame["reported_by_actor_id"].map(actors["country"]).fillna("")
    frame["side_label"] = frame["side"].map(theme.label)
    frame["issue_label"] = frame["issue"].map(theme.label)
    frame = frame.sort_values(["issue", "side", "stance", "position_id"]).reset_index(drop=True)
    frame["slot"] = frame.groupby(["issue", "side"]).cumcount()
    return frame


def issue_summary(pos: pd.DataFrame) -> pd.DataFrame:
    """Per issue: each side's stances, whether both sides hold goals or offers on it (overlap),
    and whether a precondition of one side meets a demand, complaint or precondition of the other (block)."""
    rows = []
    for issue, group in pos.groupby("issue"):
        us = group[group["side"] == "us_government"]["stance"]
        cn = group[group["side"] == "china_government"]["stance"]
        positive = {"goal", "offer"}
        hard = {"demand", "complaint", "precondition"}
        rows.append(
            {
                "issue": theme.label(issue),
                "us_stances": ", ".join(sorted(us)),
                "china_stances": ", ".join(sorted(cn)),
                "overlap": bool(set(us) & positive and set(cn) & positive),
                "blocked": bool(
                    ("precondition" in set(cn) and (set(us) & (hard | {"offer"})))
                    or ("precondition" in set(us) and set(cn) & (hard | {"offer"}))
                ),
                "positions": len(group),
            }
        )
    return pd.DataFrame(rows).sort_values("issue").reset_index(drop=True)


def china_motive_reporters(pos: pd.DataFrame) -> pd.DataFrame:
    """Who the article cites for China's positions: one row per reporter, with side, country and count."""
    china = pos[pos["side"] == "china_government"]
    frame = china.groupby(["reported_by", "reporter_side", "reporter_country"], as_index=False).agg(
        positions=("position_id", "count"), evidence=("evidence", " | ".join)
    )
    frame["chinese_voice"] = frame["reporter_country"].eq("CHN")
    return frame.sort_values(["positions", "reported_by"], ascending=[False, True]).reset_index(drop=True)


def china_motive_reporters_table(pos: pd.DataFrame) -> pd.DataFrame:
    """:func:`china_motive_reporters` as a reader's table: the reporter's side in words, and
    whether the reporter is a Chinese official (a Chinese voice on the Chinese government's side)."""
    frame = china_motive_reporters(pos)
    official = frame["chinese_voice"] & frame["reporter_side"].eq("china_government")
    return pd.DataFrame(
        {
            "reported by": frame["reported_by"],
            "reporter's side": frame["reporter_side"].map(theme.label),
            "reporter's country": frame["reporter_country"],
            "Chinese voice": frame["chinese_voice"],
            "Chinese official": official,
            "positions": frame["positions"],
            "evidence": frame["evidence"],
        }
    )


def positions_table(pos: pd.DataFrame) -> pd.DataFrame:
    """The positions as a reader's table, by issue and side."""
    columns = {
        "position_id": "position",
        "issue_label": "issue",
        "side_label": "side",
        "stance": "stance",
        "statement": "position (our words)",
        "holder": "held by",
        "reported_by": "reported by",
        "evidence": "evidence",
    }
    return pos[list(columns)].rename(columns=columns)
