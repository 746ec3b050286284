"""Chapter 07, military contact: the encounters, the statements about them, and who
characterises whose conduct. The charts are in :mod:`thawbook.charts.contacts`."""

from __future__ import annotations

import pandas as pd

from thawbook.analysis.contacts import dating, with_actors
from thawbook.charts import theme
from thawbook.dates.intervals import iso

ARTICLE_VOICE = "the article itself"
BOTH_SIDES = "both sides"

# The characterizations of military conduct that are quotations rather than encounter rows,
# with the side each is aimed at ("both" where it concerns the two militaries together).
CHARACTERIZING_QUOTES = {
    "qu-mao-correct-wrong-practices": "us_government",
    "qu-thompson-access-reward": "china_government",
    "qu-glaser-sleepwalking": "both",
}

KIND_LABELS = {
    "intercept": "intercept",
    "declined_meeting": "declined meeting",
    "brief_contact": "brief contact",
    "accusation": "accusation",
    "patrols": "patrols",
    "statement": "statement about an encounter",
}
_MILITARY_STATEMENTS = (
    "ev-us-military-condemns-intercept",
    "ev-pentagon-cites-refusal",
    "ev-mao-ning-reiterates",
)


def encounter_rows(encounters: pd.DataFrame, events: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Encounters with their event's dates and the parties' names.

    Adds ``kind_label``, ``start``/``end`` (empty for undated or habitual encounters),
    ``dating``, ``us_party_name``, ``china_party_name`` and ``characterized_by_name``
    (:data:`ARTICLE_VOICE` where the characterization is the article's own, empty where there
    is none). Dated encounters come first, by date; undated ones after, in article order.
    """
    names = actors.set_index("actor_id")["name"]
    dated = events.set_index("event_id")
    frame = encounters.copy()
    frame["kind_label"] = frame["kind"].map(KIND_LABELS)
    starts, ends, precisions = [], [], []
    for event_id in frame["event_id"]:
        if event_id:
            starts.append(dated.at[event_id, "date_start"])
            ends.append(dated.at[event_id, "date_end"])
            precisions.append(dated.at[event_id, "date_precision"])
        else:
            starts.append(pd.NaT), ends.append(pd.NaT), precisions.append("")
    frame["date_start"], frame["date_end"] = starts, ends
    frame["start"] = frame["date_start"].map(iso)
    frame["end"] = frame["date_end"].map(iso)
    frame["dating"] = [dating(s, e, p) if p else "undated" for s, e, p in zip(starts, ends, precisions)]
    frame["us_party_name"] = [names[i] if i else "" for i in frame["us_party"]]
    frame["china_party_name"] = [names[i] if i else "" for i in frame["china_party"]]
    frame["characterized_by_name"] = [
        names[by] if by else (ARTICLE_VOICE if words else "")
        for by, words in zip(frame["characterized_by"], frame["characterization"])
    ]
    frame["_undated"] = frame["start"] == ""
    frame = frame.sort_values(["_undated", "date_start", "date_end", "evidence_start"], kind="mergesort")
    return frame.drop(columns="_undated").reset_index(drop=True)


def military_timeline(encounters: pd.DataFrame, events: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Dated military contacts and statements about them, for :func:`.contacts_charts.contact_timeline_chart`.

    One row per dated encounter (its ``kind``) and per statement event about an encounter
    (kind "statement"). ``acting_side`` is the side of the event's main actor, or "both" for
    a brief contact, where neither side acts alone. Sorted by date.
    """
    named = with_actors(events, actors).set_index("event_id")
    rows = []
    for _, encounter in encounters[encounters["event_id"] != ""].iterrows():
        rows.append((encounter["event_id"], encounter["kind"], encounter["evidence"]))
    for event_id in _MILITARY_STATEMENTS:
        rows.append((event_id, "statement", named.at[event_id, "evidence"]))
    frame = pd.DataFrame(rows, columns=["event_id", "kind", "evidence"])
    for column in (
        "title",
        "date_start",
        "date_end",
        "date_precision",
        "start",
        "end",
        "dating",
        "actor1_side",
    ):
        frame[column] = [named.at[i, column] for i in frame["event_id"]]
    frame["acting_side"] = [
        "both" if k == "brief_contact" else s for k, s in zip(frame["kind"], frame["actor1_side"])
    ]
    frame["kind_label"] = frame["kind"].map(KIND_LABELS)
    return frame.sort_values(["date_start", "date_end", "event_id"], kind="mergesort").reset_index(drop=True)


def characterizations(
    encounters: pd.DataFrame, quotes: pd.DataFrame, events: pd.DataFrame, actors: pd.DataFrame
) -> pd.DataFrame:
    """Who characterises whose military conduct, and in which words.

    One row per encounter with a characterization and per quote in
    :data:`CHARACTERIZING_QUOTES`. Columns: ``source`` (the encounter or quote id),
    ``words`` (verbatim), ``speaker``, ``speaker_side``, ``target_side`` ("both" where both
    militaries are meant), their ``..._label`` forms, ``direction`` ("US on China", "China on
    US", ...) and ``evidence``. The target of an encounter's characterization is the party of
    the other side; the article's own voice, and a characterization with no other party, is
    aimed at both. Sorted by speaker side, then position in the article.
    """
    names = actors.set_index("actor_id")
    rows = []
    for _, row in encounters[encounters["characterization"] != ""].iterrows():
        by = row["characterized_by"]
        side = names.at[by, "side"] if by else "article"
        if side == "us_government" and row["china_party"]:
            target = names.at[row["china_party"], "side"]
        elif side == "china_government" and row["us_party"]:
            target = names.at[row["us_party"], "side"]
        else:
            target = "both"
        rows.append(
            (
                row["encounter_id"],
                row["characterization"],
                names.at[by, "name"] if by else ARTICLE_VOICE,
                side,
                target,
                row["evidence"],
                row["evidence_start"],
            )
        )
    chosen = quotes.set_index("quote_id")
    for quote_id, target in CHARACTERIZING_QUOTES.items():
        quote = chosen.loc[quote_id]
        rows.append(
            (
                quote_id,
                quote["text"],
                names.at[quote["actor_id"], "name"],
                names.at[quote["actor_id"], "side"],
                target,
                quote["evidence"],
                quote["evidence_start"],
            )
        )
    frame = pd.DataFrame(
        rows,
        columns=["source", "words", "speaker", "speaker_side", "target_side", "evidence", "evidence_start"],
    )
    frame["speaker_side_label"] = frame["speaker_side"].map(_side_words)
    frame["target_side_label"] = frame["target_side"].map(_side_words)
    frame["direction"] = frame["speaker_side_label"] + " on " + frame["target_side_label"]
    order = {side: n for n, side in enumerate([*theme.SIDE_COLORS, "article"])}
    frame["_order"] = frame["speaker_side"].map(order)
    frame = frame.sort_values(["_order", "evidence_start"], kind="mergesort").drop(columns="_order")
    return frame.reset_index(drop=True)


def _side_words(side: str) -> str:
    return {
        "us_government": "US",
        "china_government": "China",
        "both": BOTH_SIDES,
        "article": ARTICLE_VOICE,
    }.get(side, theme.label(side))


def direction_counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many characterizations go each way: keys ``us_on_china``, ``china_on_us``,
    ``analyst_on_china``, ``on_both`` (anyone on both sides) and ``total``."""
    speaker, target = frame["speaker_side"], frame["target_side"]
    return {
        "us_on_china": int(((speaker == "us_government") & (target == "china_government")).sum()),
        "china_on_us": int(((speaker == "china_government") & (target == "us_government")).sum()),
        "analyst_on_china": int(((speaker == "analyst") & (target == "china_government")).sum()),
        "on_both": int((target == "both").sum()),
        "total": int(len(frame)),
    }
