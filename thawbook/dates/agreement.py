"""Do the article's dates agree with the outside sources the report cites?

An event and a dated row of ``data/context.csv`` *speak to each other* when their evidence
spans overlap in the seed, or when :data:`LINKS` ties them (the outside fact dates an event
whose words lie elsewhere in the article). For each such pair the event's interval must contain the context's
dates, or ``data/corrections.csv`` must record the disagreement: a correction of category
``inconsistent_date`` or ``factual_slip`` that cites the context row.
"""

from __future__ import annotations

import pandas as pd

from thawbook.dates.intervals import iso_span

RECORDING_CATEGORIES = ("inconsistent_date", "factual_slip")

#: Outside facts that give the day of an event the article dates loosely, with that event,
#: where their evidence spans need not overlap.
LINKS = {
    "cx-li-shangfu-sanctions-2018": "ev-us-sanctions-li",
    "cx-bis-oct-2022": "ev-us-chip-controls",
    "cx-sullivan-wang-vienna": "ev-sullivan-wang-vienna",
    "cx-biden-thaw-g7": "ev-biden-thaw-prediction",
    "cx-micron-cac": "ev-micron-ban",
    "cx-xie-feng-arrival": "ev-xie-feng-arrives",
    "cx-raimondo-wang-wentao": "ev-trade-talks-washington",
    "cx-j16-rc135-intercept": "ev-jet-intercept",
    "cx-us-invitation-declined": "ev-china-declines-li-austin-meeting",
    "cx-musk-qin-gang": "ev-qin-musk-meeting",
    "cx-shangri-la-2023": "ev-shangri-la-dialogue",
    "cx-mao-ning-may22-sanctions": "ev-mao-ning-lift-sanctions",
    "cx-mao-ning-may30": "ev-mao-ning-reiterates",
    "cx-pentagon-unwillingness": "ev-pentagon-cites-refusal",
    "cx-kerry-near-term": "ev-kerry-invitation-remark",
}
#: Events that a paired outside row speaks to without dating the event itself, with the reason:
#: the record's date is not moved onto them (see :func:`record_dates`).
NOT_DATED_BY = {
    "ev-us-military-condemns-intercept": "the outside row dates the intercept, not the US military's statement on it",
    "ev-china-declines-li-austin-meeting": (
        "the outside row dates the Pentagon's announcement of the refusal, not the refusal itself"
    ),
    "ev-cook-visit": "the outside row dates one day of the visit (his first public remarks), not the visit",
}
VERDICTS = ("contains", "recorded", "unrecorded")


def event_context_pairs(
    events: pd.DataFrame,
    context: pd.DataFrame,
    corrections: pd.DataFrame,
    links: dict[str, str] | None = None,
) -> pd.DataFrame:
    """One row per event and dated context row that speak to each other (see the module).

    Columns: ``event_id``, ``title``, ``event_dates``, ``context_id``, ``context_dates``,
    ``verdict`` (one of :data:`VERDICTS`) and ``correction_id`` (the recording correction, or
    ""). Rows are in the order of the events' evidence in the article.
    """
    dated = context[context["date_start"].notna()]
    recording = corrections[
        corrections["category"].isin(RECORDING_CATEGORIES) & (corrections["context_id"] != "")
    ]
    by_context = recording.groupby("context_id")["correction_id"].first()
    links = LINKS if links is None else links
    rows = []
    for event in events.sort_values("evidence_start").itertuples(index=False):
        for cx in dated.itertuples(index=False):
            overlap = event.evidence_start < cx.evidence_end and cx.evidence_start < event.evidence_end
            if not (overlap or links.get(cx.context_id) == event.event_id):
                continue
            inside = event.date_start <= cx.date_start and cx.date_end <= event.date_end
            correction = by_context.get(cx.context_id, "")
            rows.append(
                {
                    "event_id": event.event_id,
                    "title": event.title,
                    "event_dates": iso_span(event.date_start, event.date_end),
                    "context_id": cx.context_id,
                    "context_dates": iso_span(cx.date_start, cx.date_end),
                    "verdict": "contains" if inside else ("recorded" if correction else "unrecorded"),
                    "correction_id": "" if inside else correction,
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "event_id",
            "title",
            "event_dates",
            "context_id",
            "context_dates",
            "verdict",
            "correction_id",
        ],
    )


def record_dates(events: pd.DataFrame, context: pd.DataFrame, corrections: pd.DataFrame) -> pd.DataFrame:
    """The outside date of every event that a dated outside source places on a day or interval.

    Built on :func:`event_context_pairs`: each pair dates its event, except for the events of
    :data:`NOT_DATED_BY`. An event dated by several rows gets the days they all allow (their
    intersection); rows that allow no common day raise ``ValueError`` naming them. Columns:
    ``event_id``, ``context_ids`` (joined by ", "), ``date_start`` and ``date_end``
    (timestamps), one row per event, in the order of the events' evidence.
    """
    # which rows date which event depends only on the evidence spans and the outside dates: every
    # reading of the events asks the same question, so it is answered once per content
    key = (
        tuple(zip(events["event_id"], events["evidence_start"], events["evidence_end"])),
        tuple(
            zip(
                context["context_id"],
                context["date_start"].astype(str),
                context["date_end"].astype(str),
                context["evidence_start"],
                context["evidence_end"],
            )
        ),
    )
    if key not in _RECORD_CACHE:
        _RECORD_CACHE[key] = _record_dates(events, context, corrections)
    return _RECORD_CACHE[key].copy()


_RECORD_CACHE: dict = {}


def _record_dates(events: pd.DataFrame, context: pd.DataFrame, corrections: pd.DataFrame) -> pd.DataFrame:
    pairs = event_context_pairs(events, context, corrections)
    pairs = pairs[~pairs["event_id"].isin(NOT_DATED_BY)]
    dates = context.set_index("context_id")
    rows = []
    for event_id, group in pairs.groupby("event_id", sort=False):
        ids = list(group["context_id"])
        start, end = dates.loc[ids, "date_start"].max(), dates.loc[ids, "date_end"].min()
        if end < start:
            raise ValueError(f"{event_id}: the outside rows {', '.join(ids)} allow no common day")
        rows.append(
            {"event_id": event_id, "context_ids": ", ".join(ids), "date_start": start, "date_end": end}
        )
    return pd.DataFrame(rows, columns=["event_id", "context_ids", "date_start", "date_end"])
