"""Chapter 06, trade and business: the economic contacts, who takes part, whose words carry
them, and the economic domain beside the military one over the same weeks.

The economic and military domains are those of :data:`thawbook.analysis.thaw.DOMAINS` (the
definition chapter 10 uses). The charts are in :mod:`thawbook.charts.contacts`.
"""

from __future__ import annotations

import pandas as pd

from thawbook.analysis import thaw
from thawbook.analysis.contacts import dating, with_actors
from thawbook.charts import theme

ECONOMIC_THEMES = thaw.DOMAINS["economic"]
"""Event themes that make up the economic domain (:data:`thawbook.analysis.thaw.DOMAINS`)."""

BACKGROUND_EVENTS = ("ev-covid-zero", "ev-china-recovery")
"""Economic conditions rather than contacts: multi-year periods kept off the contacts timeline."""

ECONOMIC_QUOTES_WITHOUT_EVENT = ("qu-shen-export",)
"""Quotes about the economic stakes that the data tie to no dated event."""


def economic_events(
    events: pd.DataFrame, actors: pd.DataFrame, *, contacts_only: bool = False
) -> pd.DataFrame:
    """The events of the economic domain (themes in :data:`ECONOMIC_THEMES`), named and dated.

    With ``contacts_only`` the background conditions (:data:`BACKGROUND_EVENTS`, the Covid-zero
    years and this year's recovery) are left out, keeping the talks, remarks and visits.
    """
    frame = with_actors(events[events["theme"].isin(ECONOMIC_THEMES)], actors)
    if contacts_only:
        frame = frame[~frame["event_id"].isin(BACKGROUND_EVENTS)].reset_index(drop=True)
    return frame


def participants(events: pd.DataFrame) -> pd.DataFrame:
    """One row per (event, actor) from a :func:`with_actors` frame: who acts and who is met.

    Columns: ``event_id``, ``title``, ``start``, ``role`` ("acts" or "is met / addressed"),
    ``name``, ``side``, ``side_label``, ``evidence``. Events without a counterpart give one row.
    Sorted by start date, event id, then role.
    """
    rows = []
    for _, event in events.iterrows():
        for role, prefix in (("acts", "actor1"), ("is met / addressed", "actor2")):
            if event[prefix]:
                rows.append(
                    {
                        "event_id": event["event_id"],
                        "title": event["title"],
                        "start": event["start"],
                        "role": role,
                        "name": event[prefix],
                        "side": event[f"{prefix}_side"],
                        "side_label": theme.label(event[f"{prefix}_side"]),
                        "evidence": event["evidence"],
                    }
                )
    frame = pd.DataFrame(
        rows, columns=["event_id", "title", "start", "role", "name", "side", "side_label", "evidence"]
    )
    return frame.sort_values(["start", "event_id", "role"], kind="mergesort").reset_index(drop=True)


def side_counts(people: pd.DataFrame) -> dict[str, int]:
    """Distinct actors per side in a :func:`participants` frame, every side of the palette listed."""
    distinct = people.drop_duplicates("name")
    return {side: int((distinct["side"] == side).sum()) for side in theme.SIDE_COLORS}


def quotes_of(
    quotes: pd.DataFrame, actors: pd.DataFrame, events: pd.DataFrame, *, event_ids, extra_ids=()
) -> pd.DataFrame:
    """Quotations tied to ``event_ids`` plus the quotes named in ``extra_ids``, with speakers.

    Adds ``speaker`` (the article's name; "no speaker" for a bare term), ``side``,
    ``side_label``, ``quoted`` (the text inside its curly marks), ``words`` (word count of
    the text), and the dates of the quote's event (``date_start``, ``date_end``, ``dating``;
    empty where the quote has no event). Sorted by position in the article.
    """
    names = actors.set_index("actor_id")
    dated = events.set_index("event_id")
    chosen = quotes[
        quotes["event_id"].isin(list(event_ids)) | quotes["quote_id"].isin(list(extra_ids))
    ].copy()
    chosen["speaker"] = [names.at[i, "name"] if i else "no speaker" for i in chosen["actor_id"]]
    chosen["side"] = [names.at[i, "side"] if i else "" for i in chosen["actor_id"]]
    chosen["side_label"] = chosen["side"].map(theme.label)
    chosen["quoted"] = "“" + chosen["text"] + "”"
    chosen["words"] = chosen["text"].str.split().str.len()
    chosen["date_start"] = [dated.at[i, "date_start"] if i else pd.NaT for i in chosen["event_id"]]
    chosen["date_end"] = [dated.at[i, "date_end"] if i else pd.NaT for i in chosen["event_id"]]
    chosen["dating"] = [
        dating(dated.at[i, "date_start"], dated.at[i, "date_end"], dated.at[i, "date_precision"])
        if i
        else "undated"
        for i in chosen["event_id"]
    ]
    return chosen.sort_values("evidence_start", kind="mergesort").reset_index(drop=True)


# ----------------------------------------------------------------------------- economic vs military
CONTRAST_WINDOW = ("2023-05-01", "2023-06-04")
"""The weeks the economic and military domains are compared over: from the start of May (the
Vienna meeting) to the last possible publication day."""


def act_kind(cameo_code: str, quad_class: int) -> str:
    """What kind of act a CAMEO-coded event is, for the economic/military contrast.

    "intent to meet" (code 036), "meeting" (root 04, consult: meetings, visits, forums),
    "friction" (QuadClass 3 or 4, verbal or material conflict), else "statement".
    """
    if cameo_code == "036":
        return "intent to meet"
    if cameo_code[:2] == "04":
        return "meeting"
    if int(quad_class) in (3, 4):
        return "friction"
    return "statement"


def overlaps(start, end, window: tuple[str, str]) -> bool:
    """Whether the interval ``start``..``end`` (inclusive) shares at least one day with ``window``."""
    return pd.Timestamp(start) <= pd.Timestamp(window[1]) and pd.Timestamp(end) >= pd.Timestamp(window[0])


def domain_labels() -> dict[str, str]:
    """Each domain of :data:`thawbook.analysis.thaw.DOMAINS` with a label naming its themes, unless
    its one theme is the domain itself ("Military domain", not "Military domain: military")."""
    return {
        d: f"{d.capitalize()} domain"
        + ("" if list(themes) == [d] else f": {', '.join(map(theme.label, themes))}")
        for d, themes in thaw.DOMAINS.items()
    }


def domain_contacts(
    events: pd.DataFrame,
    actors: pd.DataFrame,
    coding: pd.DataFrame,
    codebook: pd.DataFrame,
    window: tuple[str, str] | None = CONTRAST_WINDOW,
) -> pd.DataFrame:
    """Events of the economic and military domains (:data:`thawbook.analysis.thaw.DOMAINS`) in ``window``.

    The domain comes from the event's theme alone (:func:`thawbook.analysis.thaw.domain_of`), the
    definition the thaw-index chapter uses. An event is kept if its interval overlaps the
    window (``None``: every date); background conditions (:data:`BACKGROUND_EVENTS`) are left
    out. Adds to :func:`with_actors`: ``domain``, ``domain_label``, ``cameo_code``,
    ``quad_class``, ``act`` (see :func:`act_kind`), ``exact`` (dated to one day) and
    ``inside`` (the whole interval lies in the window). Sorted by domain, start, end, id.
    """
    frame = with_actors(events, actors)
    frame["domain"] = frame["theme"].map(thaw.domain_of)
    frame = frame[frame["domain"].isin(list(thaw.DOMAINS)) & ~frame["event_id"].isin(BACKGROUND_EVENTS)]
    if window is not None:
        frame = frame[[overlaps(s, e, window) for s, e in zip(frame["date_start"], frame["date_end"])]]
    codes = coding.set_index("event_id")["cameo_code"]
    quads = codebook.set_index("cameo_code")["quad_class"]
    frame = frame.copy()
    frame["domain_label"] = frame["domain"].map(domain_labels())
    frame["cameo_code"] = frame["event_id"].map(codes)
    frame["quad_class"] = frame["cameo_code"].map(quads).astype(int)
    frame["act"] = [act_kind(c, q) for c, q in zip(frame["cameo_code"], frame["quad_class"])]
    frame["exact"] = frame["date_start"] == frame["date_end"]
    if window is None:
        frame["inside"] = True
    else:
        frame["inside"] = [
            pd.Timestamp(s) >= pd.Timestamp(window[0]) and pd.Timestamp(e) <= pd.Timestamp(window[1])
            for s, e in zip(frame["date_start"], frame["date_end"])
        ]
    frame["_order"] = frame["domain"].map({d: n for n, d in enumerate(thaw.DOMAINS)})
    frame = frame.sort_values(["_order", "date_start", "date_end", "event_id"], kind="mergesort")
    return frame.drop(columns="_order").reset_index(drop=True)
