"""The article's chronology: its own publication date, and how every time word in it is used.

Two questions are answered here, both from evidence inside the article:

* :func:`derivation_table` and :func:`publication_chart` lay out the steps of
  :func:`thawbook.dates.infer_publication_interval`, the publication date the article's
  words allow (it has no dateline).
* :func:`account_for_temporal_expressions` takes every temporal expression that
  :func:`thawbook.dates.find_temporal_expressions` finds and says what accounts for it: the
  event row that it dates, or the row of ``temporal_exclusions.csv`` that says why it dates
  nothing. A mention that neither explains is kept and marked ``"unaccounted"``, never
  dropped. For event rows the stored interval is compared with the resolver's independent
  reading (:func:`thawbook.dates.resolve`); :func:`mentions_chart` draws them on a time axis.
"""

from __future__ import annotations

import re
from datetime import timedelta

import altair as alt
import pandas as pd

from thawbook import theme
from thawbook.dates import (
    Constraint,
    Interval,
    TemporalMention,
    find_temporal_expressions,
    iso,
    resolve_in_article,
)
from thawbook.display import SPAN_SEPARATOR

_LEADING = re.compile(r"^(?:on|in|since)\s+", re.IGNORECASE)

# Neutral tones for charts that show no side and no theme: darker means more certain.
INK = "#1A1A1A"
LIGHT = "#BDBDBD"
BAND = "#EDEDED"

PUBLICATION = "publication interval"
EXCLUDED = "excluded (dates no event)"


def comparable(expression: str) -> str:
    """An expression as compared across tables: lower case, single spaces, no leading On/in/since.

    ``"On Tuesday"`` and ``"Tuesday"`` compare equal; so do ``"on May 23"`` and ``"May 23"``.
    """
    text = " ".join(str(expression).split()).lower()
    return _LEADING.sub("", text)


# ------------------------------------------------------------ publication date


def derivation_table(published: Interval, steps: list[Constraint]) -> pd.DataFrame:
    """One row per derivation step, then the resulting publication interval.

    Columns: step (1-based order, "=" for the result), constraint, evidence (the verbatim
    spans, verbatim, joined by " / "), allowed_start, allowed_end (ISO strings), days, outside_knowledge
    ("yes"/"no") and reasoning.
    """
    rows = [
        {
            "step": str(number),
            "constraint": step.name,
            "evidence": SPAN_SEPARATOR.join(step.evidence),
            "allowed_start": step.interval.start.isoformat(),
            "allowed_end": step.interval.end.isoformat(),
            "days": step.interval.days,
            "outside_knowledge": "yes" if step.needs_context else "no",
            "reasoning": step.reasoning,
        }
        for number, step in enumerate(steps, start=1)
    ]
    rows.append(
        {
            "step": "=",
            "constraint": PUBLICATION,
            "evidence": "",  # the result rests on the steps above, not on a span of its own
            "allowed_start": published.start.isoformat(),
            "allowed_end": published.end.isoformat(),
            "days": published.days,
            "outside_knowledge": "yes" if any(step.needs_context for step in steps) else "no",
            "reasoning": "The days every constraint allows (their intersection).",
        }
    )
    return pd.DataFrame(rows)


def _bars(frame: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    """Add ``bar_start``/``bar_end`` (end + 1 day) so a one-day interval has a visible width."""
    out = frame.copy()
    out["bar_start"] = pd.to_datetime(out[start])
    out["bar_end"] = pd.to_datetime(out[end]) + timedelta(days=1)
    return out


def publication_chart(derivation: pd.DataFrame) -> alt.VConcatChart:
    """Each constraint's allowed dates as a bar, narrowing to the publication interval.

    Two panels share the rows: the whole allowed range (a year), and a close-up of the
    weeks around publication. The publication interval is drawn in ink and shaded behind
    every row; constraints that lean on outside knowledge are lighter.
    """
    data = _bars(derivation, "allowed_start", "allowed_end")
    data["row"] = [f"{s}. {c}" if s != "=" else f"= {c}" for s, c in zip(data["step"], data["constraint"])]
    data["kind"] = [
        PUBLICATION if s == "=" else ("needs outside knowledge" if o == "yes" else "from the article alone")
        for s, o in zip(data["step"], data["outside_knowledge"])
    ]
    data = data[["row", "kind", "bar_start", "bar_end", "allowed_start", "allowed_end", "days", "evidence"]]
    order = list(data["row"])
    final = data[data["kind"] == PUBLICATION].iloc[0]
    kinds = ["from the article alone", "needs outside knowledge", PUBLICATION]
    colour = alt.Color(
        "kind:N", title="Constraint", scale=alt.Scale(domain=kinds, range=[theme.NEUTRAL, LIGHT, INK])
    )
    tooltip = [
        alt.Tooltip("row:N", title="Step"),
        alt.Tooltip("allowed_start:N", title="Allowed from"),
        alt.Tooltip("allowed_end:N", title="Allowed to"),
        alt.Tooltip("days:Q", title="Days"),
        alt.Tooltip("evidence:N", title="Evidence"),
    ]

    def panel(domain, title, fmt):
        x = alt.X("bar_start:T", title=title, scale=alt.Scale(domain=domain), axis=alt.Axis(format=fmt))
        band = (
            alt.Chart(pd.DataFrame({"a": [final["bar_start"]], "b": [final["bar_end"]]}))
            .mark_rect(color=BAND)
            .encode(x=alt.X("a:T", scale=alt.Scale(domain=domain)), x2="b:T")
        )
        bars = (
            alt.Chart(data)
            .mark_bar(height=16, clip=True)
            .encode(
                x=x,
                x2="bar_end:T",
                y=alt.Y("row:N", title=None, sort=order, axis=alt.Axis(labelLimit=0)),
                color=colour,
                tooltip=tooltip,
            )
        )
        return (band + bars).properties(width=420, height=30 * len(order))

    year = [f"{final['bar_start'].year}-01-01", f"{final['bar_start'].year + 1}-01-01"]
    close = [
        (final["bar_start"] - timedelta(days=14)).strftime("%Y-%m-%d"),
        (final["bar_end"] + timedelta(days=5)).strftime("%Y-%m-%d"),
    ]
    return alt.vconcat(
        panel(year, "Allowed publication dates: the whole year", "%b"),
        panel(close, "Close-up: the weeks around publication", "%d %b"),
        title=alt.Title(
            "Each clue narrows the publication date",
            subtitle=f"Publication interval {final['allowed_start']} to {final['allowed_end']} (shaded)",
        ),
    )


# ------------------------------------------------------------ temporal accounting


def _events_at(events: pd.DataFrame, mention: TemporalMention) -> list[str]:
    key = comparable(mention.expression)
    hits = events[
        (events["evidence_start"] <= mention.start)
        & (events["evidence_end"] >= mention.end)
        & (events["date_expression"].map(comparable) == key)
    ]
    return sorted(hits["event_id"])


def _exclusions_at(exclusions: pd.DataFrame, mention: TemporalMention) -> list[str]:
    key = comparable(mention.expression)
    hits = exclusions[
        (exclusions["evidence_start"] <= mention.start)
        & (exclusions["evidence_end"] >= mention.end)
        & (exclusions["expression"].map(comparable) == key)
    ]
    return sorted(hits["exclusion_id"])


def account_for_temporal_expressions(
    events: pd.DataFrame,
    exclusions: pd.DataFrame,
    mentions: list[TemporalMention] | None = None,
    week_start: str | None = None,
) -> pd.DataFrame:
    """What accounts for each temporal expression of the article, one row per mention.

    ``events`` and ``exclusions`` are the loaded tables (with ``evidence_start`` and
    ``evidence_end``). A mention is accounted for by an event when the event's evidence
    span contains the mention and its ``date_expression`` equals the mention under
    :func:`comparable`; otherwise by an exclusion whose evidence span contains it and whose
    ``expression`` equals it. A mention that matches neither is kept with
    ``accounted_by == "unaccounted"``. ``matches`` counts every row that fits (1 is clean).

    For event mentions the stored ``date_start``/``date_end`` are given, and
    :func:`thawbook.dates.resolve_in_article` is run independently on the expression, against
    the publication interval the article's own words allow (future tense for
    forthcoming events, past otherwise); ``agreement`` is "agrees", "differs", or "not
    resolvable" when the resolver does not support the expression. Exclusions get the
    resolver's reading where it has one, and agreement "no event date". With ``week_start``
    None the resolver takes the hull over both week conventions
    (:func:`thawbook.dates.resolve_in_article`); otherwise it uses that one.
    """
    mentions = find_temporal_expressions() if mentions is None else mentions
    by_event = events.set_index("event_id")
    by_exclusion = exclusions.set_index("exclusion_id")
    rows = []
    for number, mention in enumerate(mentions, start=1):
        event_ids = _events_at(events, mention)
        exclusion_ids = _exclusions_at(exclusions, mention)
        row = {
            "mention": number,
            "expression": mention.expression,
            "paragraph": mention.paragraph,
            "start": mention.start,
            "end": mention.end,
            "accounted_by": "unaccounted",
            "account_id": "",
            "matches": len(event_ids) + len(exclusion_ids),
            "evidence": "",
            "explanation": "",
            "theme": "",
            "date_start": "",
            "date_end": "",
            "resolved_start": "",
            "resolved_end": "",
            "agreement": "",
        }
        tense = "past"
        if event_ids:
            event = by_event.loc[event_ids[0]]
            tense = "future" if event["status"] == "forthcoming" else "past"
            row.update(
                accounted_by="event",
                account_id=event_ids[0],
                evidence=event["evidence"],
                explanation=event["title"],
                theme=event["theme"],
                date_start=iso(event["date_start"]),
                date_end=iso(event["date_end"]),
            )
        elif exclusion_ids:
            exclusion = by_exclusion.loc[exclusion_ids[0]]
            row.update(
                accounted_by="exclusion",
                account_id=exclusion_ids[0],
                evidence=exclusion["evidence"],
                explanation=exclusion["reason"],
            )
        try:
            resolved = resolve_in_article(mention.expression, tense=tense, week_start=week_start)
        except ValueError:
            resolved = None
        if resolved is not None:
            row.update(resolved_start=resolved.start.isoformat(), resolved_end=resolved.end.isoformat())
        if row["accounted_by"] == "event":
            if resolved is None:
                row["agreement"] = "not resolvable"
            elif (row["resolved_start"], row["resolved_end"]) == (row["date_start"], row["date_end"]):
                row["agreement"] = "agrees"
            else:
                row["agreement"] = "differs"
        elif row["accounted_by"] == "exclusion":
            row["agreement"] = "no event date"
        rows.append(row)
    return pd.DataFrame(rows)


def coverage(accounts: pd.DataFrame) -> dict[str, int]:
    """Counts for the page and the test log: mentions, by what they are accounted for, agreement."""
    by = accounts["accounted_by"].value_counts()
    agreement = accounts["agreement"].value_counts()
    return {
        "mentions": len(accounts),
        "events": int(by.get("event", 0)),
        "exclusions": int(by.get("exclusion", 0)),
        "unaccounted": int(by.get("unaccounted", 0)),
        "ambiguous": int((accounts["matches"] > 1).sum()),
        "agrees": int(agreement.get("agrees", 0)),
        "differs": int(agreement.get("differs", 0)),
        "not_resolvable": int(agreement.get("not resolvable", 0)),
        "resolved": int((accounts["resolved_start"] != "").sum()),
    }


def accounts_table(accounts: pd.DataFrame) -> pd.DataFrame:
    """The accounting as a reader's table, in text order, with worded column names."""
    return accounts.rename(
        columns={
            "mention": "#",
            "expression": "expression",
            "paragraph": "paragraph",
            "accounted_by": "accounted for by",
            "account_id": "row",
            "explanation": "event or reason",
            "date_start": "date_start",
            "date_end": "date_end",
            "resolved_start": "resolver start",
            "resolved_end": "resolver end",
            "agreement": "stored vs resolver",
            "evidence": "evidence",
        }
    )[
        [
            "#",
            "expression",
            "paragraph",
            "accounted for by",
            "row",
            "event or reason",
            "date_start",
            "date_end",
            "resolver start",
            "resolver end",
            "stored vs resolver",
            "evidence",
        ]
    ]


def mentions_chart(accounts: pd.DataFrame, published: Interval) -> alt.VConcatChart:
    """Every datable mention as an interval bar on a time axis, in two panels.

    The bar is the event's stored interval (coloured by the event's theme) or, for a mention
    that dates no event, the resolver's reading (grey). A thin black line marks the resolver's
    own reading for event mentions, as a thin line under the bar, so that disagreement would show.
    The top panel shows the whole range; the lower one the weeks before publication, where most
    mentions fall, with only the rows that reach into them.
    """
    data = accounts.copy()
    data["shown_start"] = [d or r for d, r in zip(data["date_start"], data["resolved_start"])]
    data["shown_end"] = [d or r for d, r in zip(data["date_end"], data["resolved_end"])]
    data = data[data["shown_start"] != ""]
    data = _bars(data, "shown_start", "shown_end")
    data["colour"] = [theme.label(t) if t else EXCLUDED for t in data["theme"]]
    data["label"] = [f"¶{p} {e}" for p, e in zip(data["paragraph"], data["expression"])]
    data = data.sort_values(["bar_start", "bar_end", "start"])
    data = data[
        [
            "label",
            "colour",
            "bar_start",
            "bar_end",
            "shown_start",
            "shown_end",
            "resolved_start",
            "resolved_end",
            "account_id",
            "agreement",
            "evidence",
        ]
    ]
    resolver = data[(data["colour"] != EXCLUDED) & (data["resolved_start"] != "")].copy()
    resolver["r_start"] = pd.to_datetime(resolver["resolved_start"])
    resolver["r_end"] = pd.to_datetime(resolver["resolved_end"]) + timedelta(days=1)
    present = theme.scale_present({**theme.THEME_COLORS, EXCLUDED: LIGHT}, data["colour"])
    domain, colours = present.domain, present.range
    tooltip = [
        alt.Tooltip("label:N", title="Expression"),
        alt.Tooltip("shown_start:N", title="From"),
        alt.Tooltip("shown_end:N", title="To"),
        alt.Tooltip("agreement:N", title="Stored vs resolver"),
        alt.Tooltip("evidence:N", title="Evidence"),
    ]

    def panel(domain_x, title, fmt):
        scale = alt.Scale(domain=domain_x)
        lo, hi = pd.Timestamp(domain_x[0]), pd.Timestamp(domain_x[1])
        rows = data[(data["bar_end"] > lo) & (data["bar_start"] < hi)]
        shown = list(rows["label"])
        y = alt.Y("label:N", title=None, sort=shown, axis=alt.Axis(labelLimit=0))
        pub = (
            alt.Chart(
                pd.DataFrame(
                    {
                        "a": [published.start.isoformat()],
                        "b": [(published.end + timedelta(days=1)).isoformat()],
                    }
                )
            )
            .mark_rect(color=BAND)
            .encode(x=alt.X("a:T", scale=scale), x2="b:T")
        )
        bars = (
            alt.Chart(rows)
            .mark_bar(height=8, yOffset=-2, clip=True)
            .encode(
                x=alt.X("bar_start:T", title=title, scale=scale, axis=alt.Axis(format=fmt)),
                x2="bar_end:T",
                y=y,
                color=alt.Color(
                    "colour:N", title="Event theme", scale=alt.Scale(domain=domain, range=colours)
                ),
                tooltip=tooltip,
            )
        )
        check = (
            alt.Chart(resolver[(resolver["r_end"] > lo) & (resolver["r_start"] < hi)])
            .mark_bar(height=2, yOffset=5, color=INK, clip=True)
            .encode(
                x=alt.X("r_start:T", scale=scale),
                x2="r_end:T",
                y=y,
                tooltip=tooltip,
            )
        )
        return (pub + bars + check).properties(width=440, height=16 * len(shown))

    first = data["bar_start"].min().strftime("%Y-01-01")
    last = (data["bar_end"].max() + timedelta(days=31)).strftime("%Y-%m-01")
    close = [
        (pd.Timestamp(published.start) - timedelta(days=45)).strftime("%Y-%m-%d"),
        (pd.Timestamp(published.end) + timedelta(days=4)).strftime("%Y-%m-%d"),
    ]
    return alt.vconcat(
        panel([first, last], "Date (whole range)", "%Y"),
        panel(close, "Date (the weeks before publication; only the expressions that reach them)", "%d %b"),
        title=alt.Title(
            "What the article's time words refer to",
            subtitle=[
                "Bars: stored event interval or, in grey, the resolver's reading of an expression that dates no event",
                "Thin black line under a bar: the resolver's own reading. Shaded: the publication interval",
            ],
        ),
    )
