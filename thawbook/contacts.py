"""Economic and military contacts: the rows, tidy frames and charts of two chapters.

``chapters/06_trade_and_business`` reads the trade talks, the visits and invitations and the
Qin–Musk meeting; ``chapters/07_military_contact`` reads the jet intercept, the declined
defence meeting, the handshake and the accusations each way. Both draw on the same pieces:

- :func:`with_actors` names each event's actors and the sides they speak for;
- :func:`timeline_rows` and :func:`timeline_chart` put events on a calendar, an exact day as
  a point and any wider interval as a bar (never a fake-precise point);
- :func:`corrections_for` sets the article's garbled words beside their likely reading;
- :func:`rows_used` lists the rows a chapter relies on, with resolved dates and evidence.

Colours come from :mod:`thawbook.theme`, so a side or theme has one colour in the whole book.
Every function sorts its rows explicitly, so charts and tables are deterministic.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from thawbook import coding as cameo
from thawbook import theme

ECONOMIC_THEMES = cameo.DOMAINS["economic"]
"""Event themes that make up the economic domain (:data:`thawbook.coding.DOMAINS`)."""

BACKGROUND_EVENTS = ("ev-covid-zero", "ev-china-recovery")
"""Economic conditions rather than contacts: multi-year periods kept off the contacts timeline."""

ECONOMIC_QUOTES_WITHOUT_EVENT = ("qu-shen-export",)
"""Quotes about the economic stakes that the data tie to no dated event."""

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
KIND_SHAPES = {
    "intercept": "triangle-up",
    "declined_meeting": "cross",
    "brief_contact": "circle",
    "accusation": "diamond",
    "patrols": "square",
    "statement": "square",
}

_SIDE_OR_BOTH = {**theme.SIDE_COLORS, "both": theme.NEUTRAL}
_MILITARY_STATEMENTS = ("ev-us-military-condemns-intercept", "ev-pentagon-cites-refusal", "ev-mao-ning-reiterates")


# ----------------------------------------------------------------------------- tidy rows
def iso(value) -> str:
    """A date cell as ``YYYY-MM-DD``; empty string for a missing date."""
    if value is None or pd.isna(value):
        return ""
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def dating(start, end, precision: str) -> str:
    """How exactly the article dates a row, in words: "exact day", "a run of 3 days", "within a month"...

    A single day is "exact day"; any wider interval is "within a <precision>" unless it is a
    run of days, which is counted.
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if start == end:
        return "exact day"
    if precision == "day":
        return f"a run of {(end - start).days + 1} days"
    return f"within a {precision}"


def day_words(value) -> str:
    """A day in words for prose: ``2023-05-26`` -> "Friday 26 May 2023"."""
    day = pd.Timestamp(value)
    return f"{day:%A} {day.day} {day:%B %Y}"


def interval_words(start, end) -> str:
    """An interval in words: one day as :func:`day_words`, else "1 May 2023 to 4 June 2023"."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if start == end:
        return day_words(start)
    return f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"


def with_actors(events: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Events with the names and sides of the main actor and counterpart, dates as strings.

    Adds ``actor1``, ``actor1_side``, ``actor2``, ``actor2_side`` (empty where there is no
    counterpart), ``start`` and ``end`` (``YYYY-MM-DD``), ``dating`` (see :func:`dating`) and
    ``theme_label`` (the theme in words). Sorted by start date, then end date, then id.
    """
    names = actors.set_index("actor_id")
    frame = events.copy()
    for role in ("actor1", "actor2"):
        ids = frame[f"{role}_id"]
        frame[role] = [names.at[i, "name"] if i else "" for i in ids]
        frame[f"{role}_side"] = [names.at[i, "side"] if i else "" for i in ids]
    frame["start"] = frame["date_start"].map(iso)
    frame["end"] = frame["date_end"].map(iso)
    frame["dating"] = [dating(s, e, p) for s, e, p in zip(frame["date_start"], frame["date_end"], frame["date_precision"])]
    frame["theme_label"] = frame["theme"].map(theme.label)
    return frame.sort_values(["date_start", "date_end", "event_id"], kind="mergesort").reset_index(drop=True)


def economic_events(events: pd.DataFrame, actors: pd.DataFrame, *, contacts_only: bool = False) -> pd.DataFrame:
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
                rows.append({
                    "event_id": event["event_id"], "title": event["title"], "start": event["start"],
                    "role": role, "name": event[prefix], "side": event[f"{prefix}_side"],
                    "side_label": theme.label(event[f"{prefix}_side"]), "evidence": event["evidence"],
                })
    frame = pd.DataFrame(rows, columns=["event_id", "title", "start", "role", "name", "side", "side_label", "evidence"])
    return frame.sort_values(["start", "event_id", "role"], kind="mergesort").reset_index(drop=True)


def side_counts(people: pd.DataFrame) -> dict[str, int]:
    """Distinct actors per side in a :func:`participants` frame, every side of the palette listed."""
    distinct = people.drop_duplicates("name")
    return {side: int((distinct["side"] == side).sum()) for side in theme.SIDE_COLORS}


def quotes_of(quotes: pd.DataFrame, actors: pd.DataFrame, events: pd.DataFrame, *, event_ids,
              extra_ids=()) -> pd.DataFrame:
    """Quotations tied to ``event_ids`` plus the quotes named in ``extra_ids``, with speakers.

    Adds ``speaker`` (the article's name; "no speaker" for a bare term), ``side``,
    ``side_label``, ``quoted`` (the text inside its curly marks), ``words`` (word count of
    the text), and the dates of the quote's event (``date_start``, ``date_end``, ``dating``;
    empty where the quote has no event). Sorted by position in the article.
    """
    names = actors.set_index("actor_id")
    dated = events.set_index("event_id")
    chosen = quotes[quotes["event_id"].isin(list(event_ids)) | quotes["quote_id"].isin(list(extra_ids))].copy()
    chosen["speaker"] = [names.at[i, "name"] if i else "no speaker" for i in chosen["actor_id"]]
    chosen["side"] = [names.at[i, "side"] if i else "" for i in chosen["actor_id"]]
    chosen["side_label"] = chosen["side"].map(theme.label)
    chosen["quoted"] = "“" + chosen["text"] + "”"
    chosen["words"] = chosen["text"].str.split().str.len()
    chosen["date_start"] = [dated.at[i, "date_start"] if i else pd.NaT for i in chosen["event_id"]]
    chosen["date_end"] = [dated.at[i, "date_end"] if i else pd.NaT for i in chosen["event_id"]]
    chosen["dating"] = [
        dating(dated.at[i, "date_start"], dated.at[i, "date_end"], dated.at[i, "date_precision"]) if i else "undated"
        for i in chosen["event_id"]
    ]
    return chosen.sort_values("evidence_start", kind="mergesort").reset_index(drop=True)


def corrections_for(corrections: pd.DataFrame, ids) -> pd.DataFrame:
    """The named corrections as a reader's table: the article's words beside the likely reading.

    Raises ``KeyError`` naming any id that is not in the corrections table. Rows keep the
    order of ``ids``.
    """
    ids = list(ids)
    missing = [i for i in ids if i not in set(corrections["correction_id"])]
    if missing:
        raise KeyError(f"no such correction: {', '.join(missing)}")
    frame = corrections.set_index("correction_id").loc[ids].reset_index()
    return pd.DataFrame({
        "correction": frame["correction_id"],
        "the article's words": frame["evidence"],
        "likely reading": frame["likely_reading"],
        "kind of problem": frame["category"].map(theme.label),
        "confidence": frame["confidence"],
    })


# ----------------------------------------------------------------------------- military
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
    """Dated military contacts and the statements about them, ready for :func:`timeline_chart`.

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
    for column in ("title", "date_start", "date_end", "date_precision", "start", "end", "dating", "actor1_side"):
        frame[column] = [named.at[i, column] for i in frame["event_id"]]
    frame["acting_side"] = ["both" if k == "brief_contact" else s for k, s in zip(frame["kind"], frame["actor1_side"])]
    frame["kind_label"] = frame["kind"].map(KIND_LABELS)
    return frame.sort_values(["date_start", "date_end", "event_id"], kind="mergesort").reset_index(drop=True)


def characterizations(encounters: pd.DataFrame, quotes: pd.DataFrame, events: pd.DataFrame,
                      actors: pd.DataFrame) -> pd.DataFrame:
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
        rows.append((row["encounter_id"], row["characterization"], names.at[by, "name"] if by else ARTICLE_VOICE,
                     side, target, row["evidence"], row["evidence_start"]))
    chosen = quotes.set_index("quote_id")
    for quote_id, target in CHARACTERIZING_QUOTES.items():
        quote = chosen.loc[quote_id]
        rows.append((quote_id, quote["text"], names.at[quote["actor_id"], "name"],
                     names.at[quote["actor_id"], "side"], target, quote["evidence"], quote["evidence_start"]))
    frame = pd.DataFrame(rows, columns=["source", "words", "speaker", "speaker_side", "target_side",
                                        "evidence", "evidence_start"])
    frame["speaker_side_label"] = frame["speaker_side"].map(_side_words)
    frame["target_side_label"] = frame["target_side"].map(_side_words)
    frame["direction"] = frame["speaker_side_label"] + " on " + frame["target_side_label"]
    order = {side: n for n, side in enumerate([*theme.SIDE_COLORS, "article"])}
    frame["_order"] = frame["speaker_side"].map(order)
    frame = frame.sort_values(["_order", "evidence_start"], kind="mergesort").drop(columns="_order")
    return frame.reset_index(drop=True)


def _side_words(side: str) -> str:
    return {"us_government": "US", "china_government": "China", "both": BOTH_SIDES,
            "article": ARTICLE_VOICE}.get(side, theme.label(side))


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


# ----------------------------------------------------------------------------- the rows used
def rows_used(*frames: pd.DataFrame) -> pd.DataFrame:
    """One table of the rows a chapter uses: id, what, dates (``YYYY-MM-DD``), dating, evidence.

    Each frame must have an id column (``encounter_id``, ``quote_id``, ``measure_id``,
    ``source`` or ``event_id``), an ``evidence`` column, and may have a description
    (``title``, ``kind_label``, ``quoted``, ``text`` or ``words``)
    and ``date_start``/``date_end``. Duplicate ids keep their first row; rows are sorted by
    start date (undated last) and then id.
    """
    parts = []
    for frame in frames:
        key = next(c for c in ("encounter_id", "quote_id", "measure_id", "source", "event_id") if c in frame.columns)
        what = next((frame[c] for c in ("title", "kind_label", "quoted", "text", "words") if c in frame.columns),
                    frame[key])
        part = pd.DataFrame({
            "id": frame[key].values,
            "what": what.values,
            "date_start": frame["date_start"].map(iso).values if "date_start" in frame else "",
            "date_end": frame["date_end"].map(iso).values if "date_end" in frame else "",
            "dating": frame["dating"].values if "dating" in frame else "",
            "evidence": frame["evidence"].values,
        })
        parts.append(part)
    table = pd.concat(parts, ignore_index=True).drop_duplicates("id")
    table["_undated"] = table["date_start"] == ""
    table = table.sort_values(["_undated", "date_start", "id"], kind="mergesort").drop(columns="_undated")
    return table.reset_index(drop=True)


# ----------------------------------------------------------------------------- charts
def _interval_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["is_point"] = out["start"] == out["end"]
    # A bar covers whole days: it ends at the start of the day after date_end.
    out["bar_end"] = (pd.to_datetime(out["end"]) + pd.Timedelta(days=1)).dt.strftime("%Y-%m-%d")
    out["mid"] = (pd.to_datetime(out["start"]) + pd.Timedelta(hours=12)).dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    return out


def timeline_chart(frame: pd.DataFrame, *, title: str, subtitle: str, color: str, colors: dict[str, str],
                   color_title: str, words=theme.label, shape: str | None = None,
                   shapes: dict[str, str] | None = None, shape_title: str = "",
                   domain: tuple[str, str] | None = None) -> alt.LayerChart:
    """Events on a calendar: bars for intervals, points for exact days, one row per event.

    ``frame`` needs ``title``, ``start``, ``end``, ``dating``, ``evidence`` and the ``color``
    column, whose values are keys of ``colors`` (a palette from :mod:`thawbook.theme`); the
    legend shows them through ``words`` (default :func:`thawbook.theme.label`). With ``shape``/``shapes`` points also encode a category.
    Rows are ordered top to bottom by start date. With ``domain`` (two ``YYYY-MM-DD`` days)
    the axis shows only that window and bars reaching outside it are cut at its edge.
    """
    data = _interval_frame(frame)
    data["color_label"] = data[color].map(words)
    scale = theme.scale_present(colors, data[color], words=words)
    order = list(data.sort_values(["start", "end", "title"], kind="mergesort")["title"].drop_duplicates())
    # The dates the tooltip shows are ISO words, apart from the fields the axis parses as dates.
    data["from_day"], data["to_day"] = data["start"].map(iso), data["end"].map(iso)
    keep = ["title", "start", "end", "from_day", "to_day", "bar_end", "mid", "dating", "evidence", "color_label",
            "is_point"]
    if shape:
        data["shape_label"] = data[shape].map(KIND_LABELS)
        keep.append("shape_label")
    data = data[keep]
    tooltip = [alt.Tooltip("title:N", title="Event"), alt.Tooltip("from_day:N", title="From"),
               alt.Tooltip("to_day:N", title="To"), alt.Tooltip("dating:N", title="Dating"),
               alt.Tooltip("color_label:N", title=color_title)]
    if shape:
        tooltip.append(alt.Tooltip("shape_label:N", title=shape_title))
    tooltip.append(alt.Tooltip("evidence:N", title="The article's words"))
    y = alt.Y("title:N", title=None, sort=order, axis=theme.wrapped_axis(44))
    colour = alt.Color("color_label:N", title=color_title, scale=scale)
    x_scale = alt.Scale(type="utc", domain=list(domain)) if domain else alt.Scale(type="utc")
    base = alt.Chart(data, title=alt.Title(title, subtitle=subtitle))
    bars = base.transform_filter("!datum.is_point").mark_bar(height=10, opacity=0.55, clip=True).encode(
        x=alt.X("start:T", title="Date (intervals where the article dates loosely)", scale=x_scale,
                axis=alt.Axis(format="%d %b %Y", labelAngle=0, tickCount=6 if not domain else 8)),
        x2="bar_end:T", y=y, color=colour, tooltip=tooltip)
    point_encoding = dict(x=alt.X("mid:T", scale=x_scale), y=y, color=colour, tooltip=tooltip)
    if shape:
        present_shapes = [k for k in shapes if KIND_LABELS[k] in set(data.loc[data["is_point"], "shape_label"])]
        point_encoding["shape"] = alt.Shape("shape_label:N", title=shape_title, scale=alt.Scale(
            domain=[KIND_LABELS[k] for k in present_shapes], range=[shapes[k] for k in present_shapes]))
    points = base.transform_filter("datum.is_point").mark_point(size=140, filled=True, opacity=1, clip=True).encode(
        **point_encoding)
    return alt.layer(bars, points).properties(width=360, height=alt.Step(30)).configure_legend(
        orient="bottom", direction="vertical")


def economic_timeline(frame: pd.DataFrame) -> alt.LayerChart:
    """The talks, remarks and visits of the economic domain, coloured by theme."""
    return timeline_chart(
        frame, title="Trade talks, invitations and business visits, as the article dates them",
        subtitle="Points are exact days; bars are the interval the article's wording allows",
        color="theme", colors=theme.THEME_COLORS, color_title="Theme")


MILITARY_WINDOW = ("2023-05-20", "2023-06-05")
"""The fortnight before publication that the military timeline shows."""


def military_timeline_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Military contacts and the statements about them in :data:`MILITARY_WINDOW`,
    coloured by the side that acts and shaped by kind; bars that start earlier are cut."""
    return timeline_chart(
        frame, title="Military contacts around the Shangri-La Dialogue, as the article dates them",
        subtitle=["Points: exact days, shaped by kind; bars: the interval loose wording allows",
                  "Bars cut at the left edge start earlier (hover for their dates)"],
        domain=MILITARY_WINDOW,
        color="acting_side", colors=_SIDE_OR_BOTH, color_title="Side that acts", words=_side_words,
        shape="kind", shapes=KIND_SHAPES, shape_title="Kind")


def participants_chart(people: pd.DataFrame) -> alt.LayerChart:
    """Who acts and who is met in each economic event, each actor coloured by side."""
    data = people[["title", "start", "role", "name", "side_label", "evidence"]]
    scale = theme.side_scale(data["side_label"])
    order = list(people.sort_values(["start", "event_id"], kind="mergesort")["title"].drop_duplicates())
    tooltip = [alt.Tooltip("title:N", title="Event"), alt.Tooltip("name:N", title="Actor"),
               alt.Tooltip("side_label:N", title="Side"), alt.Tooltip("role:N", title="Role"),
               alt.Tooltip("evidence:N", title="The article's words")]
    base = alt.Chart(data, title=alt.Title(
        "Who reaches out, and to whom, in the economic domain",
        subtitle="Each event's main actor (left) and counterpart (right), coloured by the side they act for"))
    encode = dict(
        # Each dot sits near the left of its column, so that the name beside it stays in the column.
        x=alt.X("role:N", title=None, sort=["acts", "is met / addressed"], bandPosition=0.08,
                scale=alt.Scale(type="band"),
                axis=alt.Axis(labelAngle=0, orient="top", labelAlign="left", bandPosition=0.08)),
        y=alt.Y("title:N", title=None, sort=order, axis=theme.wrapped_axis(40)))
    dots = base.mark_circle(size=180, opacity=1).encode(
        color=alt.Color("side_label:N", title="Side", scale=scale), tooltip=tooltip, **encode)
    names = base.mark_text(align="left", dx=12, fontSize=12).encode(text="name:N", tooltip=tooltip, **encode)
    return alt.layer(dots, names).properties(width=alt.Step(190), height=alt.Step(34)).configure_legend(
        orient="bottom")


def quoted_words_chart(quoted: pd.DataFrame) -> alt.Chart:
    """Words quoted from each speaker in the economic domain, one bar segment per quotation."""
    data = quoted[["quote_id", "speaker", "side_label", "quoted", "words", "evidence", "evidence_start"]]
    scale = theme.side_scale(data["side_label"])
    totals = data.groupby("speaker")["words"].sum()
    order = sorted(totals.index, key=lambda name: (-totals[name], name))
    return alt.Chart(data, title=alt.Title(
        "Whose words carry the economic story",
        subtitle="Words inside quotation marks, one segment per quotation")).mark_bar(
        stroke="white", strokeWidth=1.5).encode(
        x=alt.X("words:Q", title="Words quoted"),
        y=alt.Y("speaker:N", title=None, sort=order),
        color=alt.Color("side_label:N", title="Side", scale=scale),
        order=alt.Order("evidence_start:Q"),
        tooltip=[alt.Tooltip("speaker:N", title="Speaker"), alt.Tooltip("quoted:N", title="Quoted words"),
                 alt.Tooltip("words:Q", title="Words"), alt.Tooltip("evidence:N", title="The article's words")],
    ).properties(width=420, height=alt.Step(28)).configure_legend(orient="bottom", direction="horizontal")


def characterization_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Who characterises whose military conduct: speaker (left dot) to target (right dot)."""
    rows = []
    for _, row in frame.iterrows():
        label = f"{row['speaker']}: {row['words']}"
        for end, side in (("said by", row["speaker_side"]), ("about", row["target_side"])):
            rows.append({"label": label, "end": end, "side_label": _side_words(side),
                         "speaker": row["speaker"], "words": row["words"], "direction": row["direction"],
                         "evidence": row["evidence"]})
    data = pd.DataFrame(rows)
    colors = {**theme.SIDE_COLORS, "both": theme.NEUTRAL, "article": "#B3B3B3"}
    scale = theme.side_scale(data["side_label"], words=_side_words, colors=colors)
    order = list(dict.fromkeys(data["label"]))
    x_order = ["said by", "about"]
    tooltip = [alt.Tooltip("speaker:N", title="Said by"), alt.Tooltip("direction:N", title="Direction"),
               alt.Tooltip("words:N", title="Characterization"), alt.Tooltip("evidence:N", title="The article's words")]
    base = alt.Chart(data, title=alt.Title(
        "Who characterises whose military conduct",
        subtitle=["Each row: who says it and the words, from the side that says it",
                  "(left dot) to the side it is aimed at (right dot)"]))
    y = alt.Y("label:N", title=None, sort=order, axis=theme.wrapped_axis(48))
    x = alt.X("end:N", title=None, sort=x_order, scale=alt.Scale(domain=x_order),
              axis=alt.Axis(labelAngle=0, orient="top"))
    line = base.mark_line(color="#B3B3B3", strokeWidth=2).encode(x=x, y=y, detail="label:N")
    dots = base.mark_circle(size=220, opacity=1).encode(
        x=x, y=y, color=alt.Color("side_label:N", title="Side", scale=scale), tooltip=tooltip)
    return alt.layer(line, dots).properties(width=alt.Step(90), height=alt.Step(44)).configure_legend(
        orient="bottom", direction="horizontal", columns=3, titleOrient="top")


# ----------------------------------------------------------------------------- economic vs military
CONTRAST_WINDOW = ("2023-05-01", "2023-06-04")
"""The weeks the economic and military domains are compared over: from the start of May (the
Vienna meeting) to the last possible publication day."""

ACT_SHAPES = {"meeting": "circle", "intent to meet": "diamond", "friction": "triangle-up", "statement": "square"}
"""Marker shape of each kind of act in :func:`domain_chart`."""


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
    """Each domain of :data:`thawbook.coding.DOMAINS` with a label naming its themes."""
    return {d: f"{d.capitalize()} domain: {', '.join(theme.label(t) for t in themes)}"
            for d, themes in cameo.DOMAINS.items()}


def domain_contacts(events: pd.DataFrame, actors: pd.DataFrame, coding: pd.DataFrame, codebook: pd.DataFrame,
                    window: tuple[str, str] | None = CONTRAST_WINDOW) -> pd.DataFrame:
    """Events of the economic and military domains (:data:`thawbook.coding.DOMAINS`) in ``window``.

    The domain comes from the event's theme alone (:func:`thawbook.coding.domain_of`), the
    definition the thaw-index chapter uses. An event is kept if its interval overlaps the
    window (``None``: every date); background conditions (:data:`BACKGROUND_EVENTS`) are left
    out. Adds to :func:`with_actors`: ``domain``, ``domain_label``, ``cameo_code``,
    ``quad_class``, ``act`` (see :func:`act_kind`), ``exact`` (dated to one day) and
    ``inside`` (the whole interval lies in the window). Sorted by domain, start, end, id.
    """
    frame = with_actors(events, actors)
    frame["domain"] = frame["theme"].map(cameo.domain_of)
    frame = frame[frame["domain"].isin(list(cameo.DOMAINS)) & ~frame["event_id"].isin(BACKGROUND_EVENTS)]
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
        frame["inside"] = [pd.Timestamp(s) >= pd.Timestamp(window[0]) and pd.Timestamp(e) <= pd.Timestamp(window[1])
                           for s, e in zip(frame["date_start"], frame["date_end"])]
    frame["_order"] = frame["domain"].map({d: n for n, d in enumerate(cameo.DOMAINS)})
    frame = frame.sort_values(["_order", "date_start", "date_end", "event_id"], kind="mergesort")
    return frame.drop(columns="_order").reset_index(drop=True)


def domain_chart(frame: pd.DataFrame, window: tuple[str, str] = CONTRAST_WINDOW) -> alt.VConcatChart:
    """A :func:`domain_contacts` frame over the same weeks, one panel per domain.

    Bars for intervals (cut at the window's edges), points for exact days shaped by the kind
    of act; colours are the themes' colours from :data:`thawbook.theme.THEME_COLORS`.
    """
    return _contrast_panels(frame, domain_labels(), window, "Economic and military domains over the same weeks")


def _contrast_panels(frame: pd.DataFrame, labels: dict[str, str], window: tuple[str, str],
                     title: str) -> alt.VConcatChart:
    data = _interval_frame(frame)
    data["theme_label"] = data["theme"].map(theme.label)
    data["act_label"] = data["act"]
    data["from_day"], data["to_day"] = data["start"].map(iso), data["end"].map(iso)
    keep = ["domain_label", "title", "start", "end", "from_day", "to_day", "bar_end", "mid", "dating", "theme_label",
            "act_label", "evidence", "is_point"]
    data = data[keep]
    colour = alt.Color("theme_label:N", title="Theme", scale=theme.scale_present(theme.THEME_COLORS, data["theme_label"]))
    acts = [a for a in ACT_SHAPES if a in set(data.loc[data["is_point"], "act_label"])]
    shape = alt.Shape("act_label:N", title="Kind of act (points)",
                      scale=alt.Scale(domain=acts, range=[ACT_SHAPES[a] for a in acts]))
    tooltip = [alt.Tooltip("title:N", title="Event"), alt.Tooltip("from_day:N", title="From"),
               alt.Tooltip("to_day:N", title="To"), alt.Tooltip("dating:N", title="Dating"),
               alt.Tooltip("theme_label:N", title="Theme"), alt.Tooltip("act_label:N", title="Kind of act"),
               alt.Tooltip("evidence:N", title="The article's words")]
    x_scale = alt.Scale(type="utc", domain=[window[0], (pd.Timestamp(window[1]) + pd.Timedelta(days=1)).strftime("%Y-%m-%d")])
    panels = []
    for number, (domain, label) in enumerate(labels.items()):
        part = data[data["domain_label"] == label]
        order = list(part.sort_values(["start", "end", "title"], kind="mergesort")["title"].drop_duplicates())
        y = alt.Y("title:N", title=None, sort=order, axis=theme.wrapped_axis(44))
        base = alt.Chart(part)
        bars = base.transform_filter("!datum.is_point").mark_bar(height=10, opacity=0.55, clip=True).encode(
            # One axis title, under the last panel, so that it does not run into the next panel.
            x=alt.X("start:T", title="Date (bars where the article dates loosely)" if number == len(labels) - 1 else None,
                    scale=x_scale,
                    axis=alt.Axis(format="%d %b", labelAngle=0, tickCount=8)),
            x2="bar_end:T", y=y, color=colour, tooltip=tooltip)
        points = base.transform_filter("datum.is_point").mark_point(size=140, filled=True, opacity=1, clip=True).encode(
            x=alt.X("mid:T", scale=x_scale), y=y, color=colour, shape=shape, tooltip=tooltip)
        panels.append(alt.layer(bars, points, title=alt.Title(label, fontSize=13)).properties(
            width=360, height=alt.Step(30)))
    return alt.vconcat(*panels, title=alt.Title(
        title,
        subtitle=[f"{interval_words(*window)}; points are exact days, bars the interval the wording allows",
                  "Bars cut at the left edge start earlier (hover for their dates)"]),
    ).resolve_scale(y="independent").configure_legend(orient="bottom", direction="vertical")
