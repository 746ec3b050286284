"""Event coding with CAMEO and Goldstein, a weekly cooperation–conflict index, voices and positions.

The coding lives in ``data/event_coding.csv`` (one CAMEO code per event) and
``data/cameo_codebook.csv`` (label, Goldstein value and QuadClass of each code used). This
module joins them to the events, exports a GDELT-like table (``data/events_cameo.csv``),
spreads imprecisely dated events over their date interval to build a weekly index, and
tidies the article's quotations (voices) and the two governments' positions.

QuadClass follows GDELT 2.0's grouping of CAMEO root codes (:data:`QUAD_ROOTS`): roots 01–05
are verbal cooperation, 06–08 material cooperation, 09–13 verbal conflict and 14–20
material conflict.
"""
from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import altair as alt
import pandas as pd

from thawbook import theme
from thawbook.dates import infer_publication_interval, week_of
from thawbook.seed import read_seed, sentences, words
from thawbook.tables import data_dir, load_tables

# ------------------------------------------------------------------ the scheme
QUAD_ROOTS = {1: range(1, 6), 2: range(6, 9), 3: range(9, 14), 4: range(14, 21)}
QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
# Okabe–Ito colours: cooperation in blues, conflict in warm colours.
QUAD_COLORS = {
    "verbal cooperation": "#56B4E9",
    "material cooperation": "#0072B2",
    "verbal conflict": "#E69F00",
    "material conflict": "#D55E00",
}
WINDOW_START = date(2023, 1, 2)  # Monday of ISO week 2023-W01
WINDOW_END = date(2023, 6, 4)  # Sunday of ISO week 2023-W22, the last possible publication day
TABLES = ("events", "actors", "quotes", "corrections", "context", "cameo_codebook", "event_coding", "positions")
ATTRIBUTION_CATEGORIES = ("wrong_pronoun", "wrong_title_or_office", "wrong_institution_name")
GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "DateEnd", "date_precision", "Actor1Code", "Actor2Code", "EventCode",
    "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "evidence",
]


def quad_class_for_root(root: str | int) -> int:
    """The QuadClass (1–4) of a CAMEO root code ("01"–"20" or 1–20), by GDELT 2.0's grouping.

    Raises ``ValueError`` for anything that is not a root code from 1 to 20.
    """
    text = str(root)
    if not text.isdigit() or len(text) > 2:
        raise ValueError(f"not a CAMEO root code: {root!r}")
    number = int(text)
    for quad, roots in QUAD_ROOTS.items():
        if number in roots:
            return quad
    raise ValueError(f"CAMEO root codes run from 01 to 20, got {root!r}")


def load(directory: Path | None = None) -> dict[str, pd.DataFrame]:
    """The tables this module needs, validated (see :func:`thawbook.tables.load_tables`)."""
    return load_tables(*TABLES, directory=directory)


def coded_events(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Events joined to their CAMEO code, label, Goldstein value and QuadClass, in date order."""
    events = tables["events"][["event_id", "title", "date_start", "date_end", "date_precision", "theme", "status"]]
    coding = tables["event_coding"][["event_id", "cameo_code", "actor1_code", "actor2_code", "fit", "rationale",
                                     "evidence"]]
    codebook = tables["cameo_codebook"][["cameo_code", "root_code", "label", "goldstein", "quad_class"]]
    frame = events.merge(coding, on="event_id", how="left", validate="one_to_one")
    frame = frame.merge(codebook, on="cameo_code", how="left", validate="many_to_one")
    frame["quad"] = frame["quad_class"].map(QUAD_CLASSES)
    frame["days"] = (frame["date_end"] - frame["date_start"]).dt.days + 1
    return frame.sort_values(["date_start", "date_end", "event_id"]).reset_index(drop=True)


def events_table(coded: pd.DataFrame) -> pd.DataFrame:
    """Every event with its code, Goldstein value and QuadClass, dates as YYYY-MM-DD strings."""
    frame = coded.assign(
        date_start=coded["date_start"].dt.strftime("%Y-%m-%d"),
        date_end=coded["date_end"].dt.strftime("%Y-%m-%d"),
        actors=(coded["actor1_code"].fillna("") + " → " + coded["actor2_code"].fillna("")).str.strip(" →"),
    )
    columns = {"event_id": "event", "title": "title", "date_start": "date_start", "date_end": "date_end",
               "cameo_code": "CAMEO", "label": "label", "actors": "actors", "goldstein": "Goldstein",
               "quad": "QuadClass", "fit": "fit", "rationale": "rationale", "evidence": "evidence"}
    return frame[list(columns)].rename(columns=columns)


# ------------------------------------------------------------------ GDELT-like export
def events_cameo(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The coded events in GDELT-like columns, for joining with GDELT or ICEWS.

    ``GLOBALEVENTID`` is our ``event_id``; ``SQLDATE`` and ``DateEnd`` are the interval's first
    and last day as YYYYMMDD integers (GDELT has one date; ``DateEnd`` and ``date_precision``
    say how imprecise it is). Rows are sorted by date, then id.
    """
    coded = coded_events(tables)
    frame = pd.DataFrame({
        "GLOBALEVENTID": coded["event_id"],
        "SQLDATE": coded["date_start"].dt.strftime("%Y%m%d").astype(int),
        "DateEnd": coded["date_end"].dt.strftime("%Y%m%d").astype(int),
        "date_precision": coded["date_precision"],
        "Actor1Code": coded["actor1_code"].fillna(""),
        "Actor2Code": coded["actor2_code"].fillna(""),
        "EventCode": coded["cameo_code"],
        "EventBaseCode": coded["cameo_code"].str[:3],
        "EventRootCode": coded["root_code"],
        "QuadClass": coded["quad_class"].astype(int),
        "GoldsteinScale": coded["goldstein"].astype(float),
        "evidence": coded["evidence"],
    })
    return frame[GDELT_COLUMNS].sort_values(["SQLDATE", "DateEnd", "GLOBALEVENTID"]).reset_index(drop=True)


def events_cameo_csv(tables: dict[str, pd.DataFrame]) -> str:
    """:func:`events_cameo` as CSV text (UTF-8, ``\\n`` line ends, codes keep their leading zeros)."""
    buffer = io.StringIO()
    events_cameo(tables).to_csv(buffer, index=False, lineterminator="\n", float_format="%.1f")
    return buffer.getvalue()


def write_events_cameo(path: Path | None = None, tables: dict[str, pd.DataFrame] | None = None) -> Path:
    """Write the export (default ``data/events_cameo.csv``) and return its path."""
    path = Path(path or data_dir() / "events_cameo.csv")
    path.write_text(events_cameo_csv(tables or load()), encoding="utf-8")
    return path


# ------------------------------------------------------------------ weekly index
def window(week_start: str | None = None) -> tuple[date, date]:
    """The index window under a week convention: from the first day of the first week of 2023
    to the last possible publication day (None: the book's own reading, Monday weeks)."""
    if week_start is None:
        return WINDOW_START, WINDOW_END
    published, _ = infer_publication_interval(week_start)
    return week_of(WINDOW_START, week_start).start, published.end


def spread_weights(coded: pd.DataFrame, start: date = WINDOW_START, end: date = WINDOW_END,
                   placement: str = "spread") -> pd.DataFrame:
    """One row per event and day of the window: each event's weight 1 placed on its interval.

    With ``placement`` "spread" (the book's reading) the weight is spread evenly: an event
    dated to a month puts 1/31 on each day of it, one dated to a day puts 1 on that day. With
    "start" or "end" the whole weight falls on the interval's first or last day. Days outside
    ``[start, end]`` are dropped, so an event straddling the window keeps only its share inside it.
    """
    rows = []
    for event in coded.itertuples(index=False):
        first, last = event.date_start.date(), event.date_end.date()
        if placement == "start":
            last = first
        elif placement == "end":
            first = last
        share = 1 / ((last - first).days + 1)
        day = max(first, start)
        while day <= min(last, end):
            rows.append({"event_id": event.event_id, "day": pd.Timestamp(day), "weight": share})
            day += timedelta(days=1)
    return pd.DataFrame(rows, columns=["event_id", "day", "weight"])


def window_summary(coded: pd.DataFrame, start: date = WINDOW_START, end: date = WINDOW_END) -> dict[str, float]:
    """How the events relate to the window: placeholders, wholly inside, straddling, outside."""
    scored = coded[coded["fit"] != "placeholder"]
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    inside = (scored["date_start"] >= first) & (scored["date_end"] <= last)
    outside = (scored["date_end"] < first) | (scored["date_start"] > last)
    weights = spread_weights(scored, start, end)
    return {
        "events": len(coded),
        "placeholders": int((coded["fit"] == "placeholder").sum()),
        "scored": len(scored),
        "inside": int(inside.sum()),
        "straddling": int((~inside & ~outside).sum()),
        "outside": int(outside.sum()),
        "weight_in_window": float(weights["weight"].sum()),
    }


def weekly_index(tables: dict[str, pd.DataFrame], start: date = WINDOW_START,
                 end: date = WINDOW_END) -> pd.DataFrame:
    """The weekly cooperation–conflict curve for the Monday–Sunday weeks of the window.

    Placeholder codings are left out. Per week: the Goldstein sum (weight × Goldstein value),
    the weighted count of events in each QuadClass, all events, conflict (QuadClass 3 and 4)
    and cooperation (1 and 2), and the events contributing to it with their evidence.
    See :func:`weekly_curve`, which does the work on any set of coded events.
    """
    return weekly_curve(coded_events(tables), start, end)


def weekly_curve(coded: pd.DataFrame, start: date = WINDOW_START, end: date = WINDOW_END,
                 week_start: str = "monday", placement: str = "spread") -> pd.DataFrame:
    """:func:`weekly_index` for a given frame of coded events (a subset, or an alternative coding).

    ``coded`` has the columns of :func:`coded_events`. Every week of the window gets a row, with
    zeros where no event falls. Weeks start on ``week_start`` ("monday" or "sunday"); the
    ``week`` label is the ISO week for Monday weeks and "wk of <first day>" for Sunday weeks.
    ``placement`` is passed to :func:`spread_weights`.
    """
    coded = coded[coded["fit"] != "placeholder"]
    daily = spread_weights(coded, start, end, placement).merge(
        coded[["event_id", "title", "goldstein", "quad_class", "evidence"]], on="event_id")
    offset = daily["day"].dt.day_of_week if week_start == "monday" else (daily["day"].dt.day_of_week + 1) % 7
    daily["week_start"] = daily["day"] - pd.to_timedelta(offset, unit="D")
    daily["score"] = daily["weight"] * daily["goldstein"]
    first = pd.Timestamp(week_of(start, week_start).start)
    weeks = pd.DataFrame({"week_start": pd.date_range(first, end, freq="W-MON" if week_start == "monday" else "W-SUN")})
    per_event = (daily.groupby(["week_start", "event_id", "title", "evidence"], as_index=False)["weight"].sum()
                 .sort_values(["week_start", "weight", "event_id"], ascending=[True, False, True]))
    per_event["item"] = per_event["title"] + " (" + per_event["weight"].round(2).astype(str) + ")"
    listing = per_event.groupby("week_start").agg(events=("item", "; ".join), evidence=("evidence", " | ".join))
    frame = weeks.merge(daily.groupby("week_start")["score"].sum().rename("goldstein").reset_index(),
                        how="left", on="week_start")
    for quad, name in QUAD_CLASSES.items():
        counts = daily[daily["quad_class"] == quad].groupby("week_start")["weight"].sum().rename(name)
        frame = frame.merge(counts.reset_index(), how="left", on="week_start")
    frame = frame.merge(listing.reset_index(), how="left", on="week_start").fillna(
        {"goldstein": 0.0, **{name: 0.0 for name in QUAD_CLASSES.values()}, "events": "", "evidence": ""})
    frame["all events"] = frame[list(QUAD_CLASSES.values())].sum(axis=1)
    frame["conflict"] = frame["verbal conflict"] + frame["material conflict"]
    frame["cooperation"] = frame["verbal cooperation"] + frame["material cooperation"]
    frame["week"] = (frame["week_start"].dt.strftime("%G-W%V") if week_start == "monday"
                     else "wk of " + frame["week_start"].dt.strftime("%Y-%m-%d"))
    frame["week_end"] = frame["week_start"] + pd.Timedelta(days=6)
    return frame


def weekly_long(weekly: pd.DataFrame) -> pd.DataFrame:
    """The weekly counts by QuadClass in long form (one row per week and class), for stacked bars."""
    frame = weekly.melt(id_vars=["week_start", "week", "events", "evidence"], value_vars=list(QUAD_CLASSES.values()),
                        var_name="quad", value_name="weight")
    frame["order"] = frame["quad"].map({name: quad for quad, name in QUAD_CLASSES.items()})
    return frame.sort_values(["week_start", "order"]).reset_index(drop=True)


def peak_week(weekly: pd.DataFrame, column: str = "conflict") -> dict:
    """The week with the most of ``column`` (first on ties), its value and its share of the total."""
    row = weekly.sort_values([column, "week_start"], ascending=[False, True]).iloc[0]
    total = weekly[column].sum()
    return {"week": row["week"], "week_start": row["week_start"], "value": float(row[column]),
            "share": float(row[column] / total) if total else 0.0, "total": float(total)}


def week_row(weekly: pd.DataFrame, day: date) -> pd.Series:
    """The row of the week containing ``day``."""
    stamp = pd.Timestamp(day)
    match = weekly[(weekly["week_start"] <= stamp) & (weekly["week_end"] >= stamp)]
    if match.empty:
        raise ValueError(f"{day} is not in the window")
    return match.iloc[0]


# ------------------------------------------------------------------ economic and military domains
DOMAINS = {"economic": ("trade", "business", "climate_finance"), "military": ("military",)}
DOMAIN_COLORS = {"economic": theme.THEME_COLORS["trade"], "military": theme.THEME_COLORS["military"]}


def domain_of(event_theme: str) -> str:
    """The domain (:data:`DOMAINS`) an event theme belongs to, or ``"other"``.

    Diplomacy, sanctions and export controls belong to neither domain.
    """
    for domain, themes in DOMAINS.items():
        if event_theme in themes:
            return domain
    return "other"


def domain_weekly(coded: pd.DataFrame, start: date = WINDOW_START, end: date = WINDOW_END,
                  week_start: str = "monday", placement: str = "spread") -> pd.DataFrame:
    """The weekly curve (:func:`weekly_curve`) computed separately for each domain, stacked long.

    One row per domain and week, with a ``domain`` column, in the order of :data:`DOMAINS`.
    Events of other themes are left out; the weight-spreading is the same as for the whole curve.
    """
    domains = coded["theme"].map(domain_of)
    frames = [weekly_curve(coded[domains == domain], start, end, week_start, placement).assign(domain=domain)
              for domain in DOMAINS]
    return pd.concat(frames, ignore_index=True)


def domain_totals(by_domain: pd.DataFrame, day: date) -> pd.DataFrame:
    """Per domain: weighted events, cooperation, conflict and net Goldstein over the window and in
    the week containing ``day`` (the publication week), one row per domain in :data:`DOMAINS` order."""
    rows = []
    for domain in DOMAINS:
        part = by_domain[by_domain["domain"] == domain]
        week = week_row(part, day)
        rows.append({
            "domain": domain, "events": float(part["all events"].sum()),
            "cooperation": float(part["cooperation"].sum()), "conflict": float(part["conflict"].sum()),
            "goldstein": float(part["goldstein"].sum()), "week": week["week"],
            "week_events": float(week["all events"]), "week_goldstein": float(week["goldstein"]),
        })
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ alternative codings
def load_alternatives(directory: Path | None = None) -> pd.DataFrame:
    """``data/coding_alternatives.csv``, validated (codes are in the codebook, events exist)."""
    return load_tables("coding_alternatives", directory=directory)["coding_alternatives"]


def apply_alternatives(coded: pd.DataFrame, alternatives: pd.DataFrame, codebook: pd.DataFrame) -> pd.DataFrame:
    """``coded`` with each alternative's CAMEO code swapped in for its event.

    The code, root code, label, Goldstein value and QuadClass of the swapped events come from
    ``codebook``; every other row and column is unchanged. An ``alternative_id`` column names the
    alternative applied to each row ("" where none). Raises ``ValueError`` if an alternative's code
    is not in the codebook, its event is not in ``coded``, or an event has two alternatives.
    """
    missing = sorted(set(alternatives["cameo_code"]) - set(codebook["cameo_code"]))
    if missing:
        raise ValueError(f"alternative codes not in the codebook: {', '.join(missing)}")
    unknown = sorted(set(alternatives["event_id"]) - set(coded["event_id"]))
    if unknown:
        raise ValueError(f"alternatives for unknown events: {', '.join(unknown)}")
    if alternatives["event_id"].duplicated().any():
        raise ValueError("an event has more than one alternative in this set")
    book = codebook.set_index("cameo_code")
    chosen = alternatives.set_index("event_id")
    frame = coded.copy()
    swap = frame["event_id"].map(chosen["cameo_code"])
    mask = swap.notna()
    frame["cameo_code"] = swap.where(mask, frame["cameo_code"]).astype(frame["cameo_code"].dtype)
    for column in ("root_code", "label", "goldstein", "quad_class"):
        frame[column] = frame["cameo_code"].map(book[column]).where(mask, frame[column]).astype(frame[column].dtype)
    frame["quad"] = frame["quad_class"].map(QUAD_CLASSES)
    frame["alternative_id"] = frame["event_id"].map(chosen["alternative_id"]).astype(object).where(mask, "")
    return frame


def alternatives_table(alternatives: pd.DataFrame, coded: pd.DataFrame, codebook: pd.DataFrame) -> pd.DataFrame:
    """Each alternative beside the main coding: event, dates, both codes with label and Goldstein value."""
    book = codebook.set_index("cameo_code")
    events = coded.set_index("event_id")
    frame = alternatives.sort_values("alternative_id")
    main = frame["event_id"].map(events["cameo_code"])
    out = pd.DataFrame({
        "alternative": frame["alternative_id"], "event": frame["event_id"].map(events["title"]),
        "date_start": frame["event_id"].map(events["date_start"]).dt.strftime("%Y-%m-%d"),
        "date_end": frame["event_id"].map(events["date_end"]).dt.strftime("%Y-%m-%d"),
        "coded as": main + " " + main.map(book["label"]),
        "Goldstein as coded": main.map(book["goldstein"]),
        "alternative code": frame["cameo_code"] + " " + frame["cameo_code"].map(book["label"]),
        "Goldstein alternative": frame["cameo_code"].map(book["goldstein"]),
        "rationale": frame["rationale"], "evidence": frame["evidence"],
    })
    return out.reset_index(drop=True)


def period_totals(weekly: pd.DataFrame, day: date, weeks: int = 2) -> dict:
    """Net Goldstein over the window, in the week containing ``day`` and in the ``weeks`` weeks
    ending with it (the period around publication), and whether each is net cooperative (> 0)."""
    week = week_row(weekly, day)
    recent = weekly[(weekly["week_start"] <= week["week_start"])
                    & (weekly["week_start"] > week["week_start"] - pd.Timedelta(weeks=weeks))]
    return {
        "window": float(weekly["goldstein"].sum()), "week": float(week["goldstein"]),
        "recent": float(recent["goldstein"].sum()), "week_cooperative": bool(week["goldstein"] > 0),
        "recent_cooperative": bool(recent["goldstein"].sum() > 0),
        "window_cooperative": bool(weekly["goldstein"].sum() > 0),
    }


def sensitivity(coded: pd.DataFrame, alternatives: pd.DataFrame, codebook: pd.DataFrame, day: date,
                start: date = WINDOW_START, end: date = WINDOW_END) -> pd.DataFrame:
    """The answers (:func:`period_totals`) as coded, with each alternative alone, and with all of them.

    One row per scenario: ``as coded``, then each ``alternative_id`` in order, then ``all alternatives``.
    """
    scenarios = [("as coded", alternatives.iloc[0:0])]
    scenarios += [(row.alternative_id, alternatives[alternatives["alternative_id"] == row.alternative_id])
                  for row in alternatives.sort_values("alternative_id").itertuples(index=False)]
    scenarios.append(("all alternatives", alternatives))
    rows = []
    for name, chosen in scenarios:
        weekly = weekly_curve(apply_alternatives(coded, chosen, codebook), start, end)
        rows.append({"scenario": name, **period_totals(weekly, day)})
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ thaw charts
def _short(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    out = frame[columns].copy()
    for column in columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out


def thaw_goldstein_chart(weekly: pd.DataFrame, coded: pd.DataFrame, key_events: list[str]) -> alt.LayerChart:
    """Weekly Goldstein sum as bars (blue above zero, vermillion below), key events labelled above."""
    data = _short(weekly.assign(sign=weekly["goldstein"].ge(0).map({True: "cooperative", False: "conflictual"})),
                  ["week_start", "week", "goldstein", "all events", "conflict", "sign", "events", "evidence"])
    keys = coded[coded["event_id"].isin(key_events)].copy()
    keys["mid"] = keys["date_start"] + (keys["date_end"] - keys["date_start"]) / 2
    keys = keys.sort_values(["mid", "event_id"]).reset_index(drop=True)
    top = float(max(weekly["goldstein"].max(), 1.0))
    # One row per key event above the bars, so that no two labels share a line; a label runs
    # left of its line in the right half of the window, and breaks into short lines, so that
    # it stays in the view on a phone too. The rows take about as much height as the bars.
    step = 1.4 * (top - float(min(weekly["goldstein"].min(), 0.0))) / (len(keys) + 0.6)
    keys["y"] = top + step * (0.8 + keys.index)
    first, last = weekly["week_start"].min(), weekly["week_start"].max()
    keys["side"] = (keys["mid"] > first + (last - first) * 0.5).map({True: "right", False: "left"})
    keys["label"] = [theme.wrap_text(title, 28) for title in keys["title"]]
    keys["from_day"], keys["to_day"] = keys["date_start"].dt.strftime("%Y-%m-%d"), keys["date_end"].dt.strftime("%Y-%m-%d")
    y_top = float(keys["y"].max() + step * 0.6) if len(keys) else top
    bars = alt.Chart(data).mark_bar(width=14).encode(
        x=alt.X("week_start:T", title="Week (Monday–Sunday)",
                axis=alt.Axis(format="%d %b", labelOverlap=True, labelSeparation=8, tickCount={"interval": "week", "step": 4})),
        y=alt.Y("goldstein:Q", title="Goldstein sum (weighted)", scale=alt.Scale(domainMax=y_top, nice=False)),
        color=alt.Color("sign:N", title="Week's balance", scale=alt.Scale(
            domain=["cooperative", "conflictual"],
            range=[QUAD_COLORS["material cooperation"], QUAD_COLORS["material conflict"]])),
        tooltip=[alt.Tooltip("week:N", title="ISO week"),
                 alt.Tooltip("week_start:T", title="Monday", timeUnit="utcyearmonthdate", format="%Y-%m-%d"),
                 alt.Tooltip("goldstein:Q", title="Goldstein sum", format=".2f"),
                 alt.Tooltip("all events:Q", title="Events (weighted)", format=".2f"),
                 alt.Tooltip("events:N", title="Events (weight)")],
    )
    keys = _short(keys, ["title", "label", "from_day", "to_day", "mid", "y", "side", "cameo_code",
                         "goldstein", "evidence"])
    tips = [alt.Tooltip("title:N", title="Event"), alt.Tooltip("from_day:N", title="From"),
            alt.Tooltip("to_day:N", title="To"), alt.Tooltip("cameo_code:N", title="CAMEO"),
            alt.Tooltip("goldstein:Q", title="Goldstein"), alt.Tooltip("evidence:N", title="Evidence")]
    spans = alt.Chart(keys).mark_rule(color=theme.NEUTRAL, strokeDash=[3, 3]).encode(
        x="mid:T", y="y:Q", y2=alt.datum(0), tooltip=tips)
    labels = [alt.Chart(keys[keys["side"] == side]).mark_text(
        align=side, dx=4 if side == "left" else -4, baseline="middle", lineBreak="\n", fontSize=11,
        color=theme.INK).encode(
        x="mid:T", y="y:Q", text="label:N", tooltip=tips) for side in ("left", "right")]
    return alt.layer(bars, spans, *labels).properties(
        width=620, height=480,
        title=alt.Title("The thaw week by week: weighted Goldstein sum",
                        subtitle="Imprecisely dated events are spread over their interval; placeholders left out"))


def thaw_quad_chart(long: pd.DataFrame) -> alt.Chart:
    """Weighted event counts per week, stacked by QuadClass."""
    data = long[["week_start", "week", "quad", "order", "weight", "events", "evidence"]].assign(
        week_start=long["week_start"].dt.strftime("%Y-%m-%d"))
    return alt.Chart(data).mark_bar(width=14).encode(
        x=alt.X("week_start:T", title="Week (Monday–Sunday)",
                axis=alt.Axis(format="%d %b", labelOverlap=True, labelSeparation=8, tickCount={"interval": "week", "step": 4})),
        y=alt.Y("weight:Q", title="Events (weighted count)", stack="zero"),
        color=alt.Color("quad:N", title="QuadClass", scale=theme.scale_for(QUAD_COLORS, labelled=False)),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("week:N", title="ISO week"), alt.Tooltip("quad:N", title="QuadClass"),
                 alt.Tooltip("weight:Q", title="Weighted count", format=".2f"),
                 alt.Tooltip("events:N", title="Events that week (weight)"),
                 alt.Tooltip("evidence:N", title="Evidence")],
    ).properties(width=620, height=260, title=alt.Title(
        "Events per week by QuadClass", subtitle="Each event has weight 1, spread evenly over its date interval"))


def thaw_intervals_chart(coded: pd.DataFrame, start: date = WINDOW_START, end: date = WINDOW_END) -> alt.LayerChart:
    """Each scored event in the window as its date interval (a bar) at its Goldstein value."""
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    frame = coded[(coded["fit"] != "placeholder") & (coded["date_end"] >= first) & (coded["date_start"] <= last)]
    frame = frame.assign(shown_end=frame["date_end"] + pd.Timedelta(days=1))
    data = _short(frame, ["title", "date_start", "date_end", "shown_end", "cameo_code", "label",
                          "goldstein", "quad", "evidence"])
    base = alt.Chart(data).encode(
        x=alt.X("date_start:T", title="Date (interval the article allows)",
                axis=alt.Axis(format="%d %b", labelOverlap=True, labelSeparation=8),
                scale=alt.Scale(domain=[first.strftime("%Y-%m-%d"), (last + pd.Timedelta(days=1)).strftime("%Y-%m-%d")])),
        y=alt.Y("goldstein:Q", title="Goldstein value", scale=alt.Scale(domain=[-10, 10])),
        color=alt.Color("quad:N", title="QuadClass", scale=theme.scale_for(QUAD_COLORS, labelled=False)),
        # date_start is read as a date for the axis: shown as an ISO day in UTC, never as epoch ms.
        tooltip=[alt.Tooltip("title:N", title="Event"),
                 alt.Tooltip("date_start:T", title="From", timeUnit="utcyearmonthdate", format="%Y-%m-%d"),
                 alt.Tooltip("date_end:N", title="To"), alt.Tooltip("cameo_code:N", title="CAMEO"),
                 alt.Tooltip("label:N", title="CAMEO label"), alt.Tooltip("goldstein:Q", title="Goldstein"),
                 alt.Tooltip("evidence:N", title="Evidence")],
    )
    # stack=None: without it vega-lite stacks the bars on their value and draws them with no width.
    bars = base.mark_bar(height=7, cornerRadius=2).encode(
        x2="shown_end:T", y=alt.Y("goldstein:Q", title="Goldstein value", scale=alt.Scale(domain=[-10, 10]), stack=None))
    ticks = base.mark_tick(thickness=2, size=12)
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color=theme.NEUTRAL).encode(y="y:Q")
    return (zero + bars + ticks).properties(width=620, height=300, title=alt.Title(
        "Every scored event in the window, as an interval",
        subtitle="Bar length is the date range the article allows; height is the code's Goldstein value"))


def thaw_domains_chart(by_domain: pd.DataFrame) -> alt.FacetChart:
    """Weekly Goldstein sum of the economic and the military events, one panel per domain."""
    data = _short(by_domain, ["domain", "week_start", "week", "goldstein", "all events", "events", "evidence"])
    colors = DOMAIN_COLORS
    return alt.Chart(data).mark_bar(width=14).encode(
        x=alt.X("week_start:T", title="Week (Monday–Sunday)",
                axis=alt.Axis(format="%d %b", labelOverlap=True, labelSeparation=8, tickCount={"interval": "week", "step": 4})),
        # A title shorter than the panel is high: a longer one runs into the next panel.
        y=alt.Y("goldstein:Q", title="Goldstein sum"),
        color=alt.Color("domain:N", title="Domain", scale=alt.Scale(domain=list(colors), range=list(colors.values()))),
        tooltip=[alt.Tooltip("domain:N", title="Domain"), alt.Tooltip("week:N", title="ISO week"),
                 alt.Tooltip("goldstein:Q", title="Goldstein sum", format=".2f"),
                 alt.Tooltip("all events:Q", title="Events (weighted)", format=".2f"),
                 alt.Tooltip("events:N", title="Events (weight)")],
    ).properties(width=620, height=160).facet(
        row=alt.Row("domain:N", title=None, sort=list(DOMAINS), header=alt.Header(labelFontSize=13)),
    ).properties(title=alt.Title(
        "Economic and military events, week by week",
        subtitle="Weighted Goldstein sum; economic: trade, business, climate finance; military: military"))


SCENARIO_COLORS = {"as coded": "#0072B2", "alternative coding": "#E69F00"}


def sensitivity_weekly(base: pd.DataFrame, alternative: pd.DataFrame) -> pd.DataFrame:
    """Two weekly curves stacked long with a ``scenario`` column (``as coded``, ``alternative coding``).

    Each week's evidence is left out: the weekly chart already shows it, and the page stays light."""
    columns = ["week_start", "week", "goldstein", "all events", "events"]
    return pd.concat([base[columns].assign(scenario="as coded"),
                      alternative[columns].assign(scenario="alternative coding")], ignore_index=True)


def thaw_sensitivity_chart(both: pd.DataFrame) -> alt.LayerChart:
    """The weekly Goldstein sum as coded and under the alternative coding, as two step lines."""
    data = _short(both, ["scenario", "week_start", "week", "goldstein", "all events", "events"])
    colors = SCENARIO_COLORS
    lines = alt.Chart(data).mark_line(point=True, interpolate="monotone", strokeWidth=2).encode(
        x=alt.X("week_start:T", title="Week (Monday–Sunday)", axis=alt.Axis(format="%d %b")),
        y=alt.Y("goldstein:Q", title="Goldstein sum (weighted)"),
        color=alt.Color("scenario:N", title="Coding", scale=alt.Scale(domain=list(colors), range=list(colors.values()))),
        strokeDash=alt.StrokeDash("scenario:N", title="Coding", scale=alt.Scale(
            domain=list(colors), range=[[1, 0], [6, 3]])),
        tooltip=[alt.Tooltip("scenario:N", title="Coding"), alt.Tooltip("week:N", title="ISO week"),
                 alt.Tooltip("goldstein:Q", title="Goldstein sum", format=".2f"),
                 alt.Tooltip("events:N", title="Events (weight)")],
    )
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color=theme.NEUTRAL).encode(y="y:Q")
    return (zero + lines).properties(width=620, height=300, title=alt.Title(
        "The weekly curve under the main and the alternative coding",
        subtitle="Three debatable events recoded at once: the jet intercept, Mao Ning's call, the balloon"))


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
        lambda items: ", ".join(i for i, c in items if c in ATTRIBUTION_CATEGORIES))
    frame["wording_corrections"] = found.map(
        lambda items: ", ".join(i for i, c in items if c not in ATTRIBUTION_CATEGORIES))
    events = tables["events"].set_index("event_id")
    frame["date_start"] = frame["event_id"].map(events["date_start"]).dt.strftime("%Y-%m-%d")
    frame["date_end"] = frame["event_id"].map(events["date_end"]).dt.strftime("%Y-%m-%d")
    columns = ["quote_id", "name", "role", "affiliation", "country", "side", "kind", "text", "words",
               "attribution_corrections", "wording_corrections", "event_id", "date_start", "date_end",
               "evidence", "paragraph"]
    return frame[columns].fillna("").reset_index(drop=True)


def voices_table(voice: pd.DataFrame) -> pd.DataFrame:
    """The quotations as a reader's table: speaker, role, affiliation, side, kind, words, corrections."""
    columns = {"quote_id": "quote", "name": "speaker", "role": "role (as printed)",
               "affiliation": "affiliation (as printed)", "side": "side", "kind": "kind", "text": "words quoted",
               "words": "words", "attribution_corrections": "attribution garbled (correction)",
               "wording_corrections": "wording garbled (correction)", "date_start": "date_start",
               "date_end": "date_end", "evidence": "evidence"}
    frame = voice[list(columns)].rename(columns=columns)
    frame["side"] = frame["side"].map(theme.label)
    return frame


def attribution_issues(voice: pd.DataFrame, corrections: pd.DataFrame) -> pd.DataFrame:
    """One row per quotation and attribution correction: the printed words beside the likely reading."""
    rows = voice[voice["attribution_corrections"] != ""][["quote_id", "name", "attribution_corrections", "evidence"]]
    rows = rows.assign(correction_id=rows["attribution_corrections"].str.split(", ")).explode("correction_id")
    fixes = corrections.set_index("correction_id")
    rows["as printed"] = rows["correction_id"].map(fixes["evidence"])
    rows["likely reading"] = rows["correction_id"].map(fixes["likely_reading"])
    rows["category"] = rows["correction_id"].map(fixes["category"]).map(theme.label)
    columns = ["quote_id", "name", "category", "as printed", "likely reading", "correction_id", "evidence"]
    return rows[columns].rename(columns={"quote_id": "quote", "name": "speaker"}).reset_index(drop=True)


def voices_by_speaker(voice: pd.DataFrame) -> pd.DataFrame:
    """Words and quotations per speaker and kind, largest speakers first."""
    frame = (voice.groupby(["name", "side", "kind"], as_index=False)
             .agg(words=("words", "sum"), quotes=("quote_id", "count"), evidence=("evidence", " | ".join)))
    total = frame.groupby("name")["words"].transform("sum")
    frame["speaker_words"] = total
    frame["side_label"] = frame["side"].map(theme.label)
    return frame.sort_values(["speaker_words", "name", "kind"], ascending=[False, True, True]).reset_index(drop=True)


def voices_by_side(voice: pd.DataFrame) -> pd.DataFrame:
    """Words, quotations and speakers per side and kind."""
    frame = (voice.groupby(["side", "kind"], as_index=False)
             .agg(words=("words", "sum"), quotes=("quote_id", "count"), speakers=("name", "nunique"),
                  evidence=("evidence", " | ".join)))
    frame["side_label"] = frame["side"].map(theme.label)
    return frame.sort_values(["side", "kind"]).reset_index(drop=True)


def _side_scale() -> alt.Scale:
    colors = {**theme.SIDE_COLORS, "none": "#B3B3B3"}
    return theme.scale_for(colors)


# Speech is drawn solid; borrowed words (scare quotes, terms) pale, in every voices chart.
KIND_OPACITY = alt.Scale(domain=["speech", "scare_quote", "term"], range=[1.0, 0.45, 0.25])


def voices_speaker_chart(by_speaker: pd.DataFrame) -> alt.Chart:
    """Horizontal bars: words quoted per speaker, coloured by side, speech solid and borrowed words pale."""
    data = by_speaker[["name", "side_label", "kind", "words", "quotes", "speaker_words", "evidence"]]
    data = data.assign(kind_words=data["kind"].map(theme.label))
    order = list(dict.fromkeys(by_speaker["name"]))
    # The legend names the kinds as the subtitle does: speech solid, scare quotes and terms pale.
    kinds = alt.Scale(domain=[theme.label(k) for k in KIND_OPACITY.domain], range=KIND_OPACITY.range)
    return alt.Chart(data).mark_bar().encode(
        y=alt.Y("name:N", title=None, sort=order),
        x=alt.X("words:Q", title="Words quoted", stack="zero"),
        color=alt.Color("side_label:N", title="Side",
                        scale=theme.side_scale(data["side_label"], colors={**theme.SIDE_COLORS, "none": "#B3B3B3"})),
        opacity=alt.Opacity("kind_words:N", title="Quoted as", scale=kinds),
        order=alt.Order("kind:N"),
        tooltip=[alt.Tooltip("name:N", title="Speaker"), alt.Tooltip("side_label:N", title="Side"),
                 alt.Tooltip("kind_words:N", title="Quoted as"), alt.Tooltip("words:Q", title="Words"),
                 alt.Tooltip("quotes:Q", title="Quotations"), alt.Tooltip("evidence:N", title="Evidence")],
    ).properties(width=520, height=alt.Step(20), title=alt.Title(
        "Who speaks, and how much", subtitle="Words inside quotation marks per speaker; pale bars are scare quotes and terms"))


def voices_side_chart(by_side: pd.DataFrame) -> alt.Chart:
    """Bars: words quoted per side, speech apart from scare quotes and terms."""
    data = by_side[["side_label", "kind", "words", "quotes", "speakers", "evidence"]]
    data = data.assign(kind_words=data["kind"].map(theme.label))
    kinds = alt.Scale(domain=[theme.label(k) for k in KIND_OPACITY.domain], range=KIND_OPACITY.range)
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("words:Q", title="Words quoted"),
        y=alt.Y("side_label:N", title=None, sort="-x"),
        # The colour repeats the side named on each bar's row, so it needs no legend of its own.
        color=alt.Color("side_label:N", title="Side", legend=None,
                        scale=theme.side_scale(data["side_label"], colors={**theme.SIDE_COLORS, "none": "#B3B3B3"})),
        opacity=alt.Opacity("kind_words:N", title="Quoted as", scale=kinds),
        order=alt.Order("kind:N"),
        tooltip=[alt.Tooltip("side_label:N", title="Side"), alt.Tooltip("kind_words:N", title="Quoted as"),
                 alt.Tooltip("words:Q", title="Words"), alt.Tooltip("quotes:Q", title="Quotations"),
                 alt.Tooltip("speakers:Q", title="Speakers"), alt.Tooltip("evidence:N", title="Evidence")],
    ).properties(width=520, height=alt.Step(26), title=alt.Title(
        "Words quoted by side",
        subtitle="Analysts outtalk both governments. Colour repeats the side; pale bars are scare quotes and terms"))


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
        rows.append({
            "issue": theme.label(issue),
            "us_stances": ", ".join(sorted(us)),
            "china_stances": ", ".join(sorted(cn)),
            "overlap": bool(set(us) & positive and set(cn) & positive),
            "blocked": bool(("precondition" in set(cn) and (set(us) & (hard | {"offer"})))
                            or ("precondition" in set(us) and set(cn) & (hard | {"offer"}))),
            "positions": len(group),
        })
    return pd.DataFrame(rows).sort_values("issue").reset_index(drop=True)


def china_motive_reporters(pos: pd.DataFrame) -> pd.DataFrame:
    """Who the article cites for China's positions: one row per reporter, with side, country and count."""
    china = pos[pos["side"] == "china_government"]
    frame = (china.groupby(["reported_by", "reporter_side", "reporter_country"], as_index=False)
             .agg(positions=("position_id", "count"), evidence=("evidence", " | ".join)))
    frame["chinese_voice"] = frame["reporter_country"].eq("CHN")
    return frame.sort_values(["positions", "reported_by"], ascending=[False, True]).reset_index(drop=True)


def china_motive_reporters_table(pos: pd.DataFrame) -> pd.DataFrame:
    """:func:`china_motive_reporters` as a reader's table: the reporter's side in words, and
    whether the reporter is a Chinese official (a Chinese voice on the Chinese government's side)."""
    frame = china_motive_reporters(pos)
    official = frame["chinese_voice"] & frame["reporter_side"].eq("china_government")
    return pd.DataFrame({
        "reported by": frame["reported_by"], "reporter's side": frame["reporter_side"].map(theme.label),
        "reporter's country": frame["reporter_country"], "Chinese voice": frame["chinese_voice"],
        "Chinese official": official, "positions": frame["positions"], "evidence": frame["evidence"],
    })


def positions_table(pos: pd.DataFrame) -> pd.DataFrame:
    """The positions as a reader's table, by issue and side."""
    columns = {"position_id": "position", "issue_label": "issue", "side_label": "side", "stance": "stance",
               "statement": "position (our words)", "holder": "held by", "reported_by": "reported by",
               "evidence": "evidence"}
    return pos[list(columns)].rename(columns=columns)


STANCE_SHAPES = {"goal": "circle", "offer": "diamond", "demand": "triangle-up", "precondition": "square",
                 "complaint": "cross"}


def positions_chart(pos: pd.DataFrame) -> alt.Chart:
    """Issue × side grid: one mark per position (shape = stance, colour = side), statement and evidence in tooltips."""
    data = pos[["position_id", "side_label", "issue_label", "stance", "statement", "holder", "reported_by",
                "slot", "evidence"]]
    issues = sorted(data["issue_label"].unique())
    return alt.Chart(data).mark_point(size=150, filled=True, opacity=0.9).encode(
        x=alt.X("side_label:N", title=None, sort=["us government", "china government"],
                axis=alt.Axis(labelAngle=0, orient="top")),
        xOffset=alt.XOffset("slot:O"),
        y=alt.Y("issue_label:N", title="Issue", sort=issues),
        color=alt.Color("side_label:N", title="Side",
                        scale=theme.side_scale(data["side_label"], colors={**theme.SIDE_COLORS, "none": "#B3B3B3"})),
        shape=alt.Shape("stance:N", title="Stance", scale=alt.Scale(
            domain=list(STANCE_SHAPES), range=list(STANCE_SHAPES.values()))),
        tooltip=[alt.Tooltip("issue_label:N", title="Issue"), alt.Tooltip("side_label:N", title="Side"),
                 alt.Tooltip("stance:N", title="Stance"), alt.Tooltip("statement:N", title="Position"),
                 alt.Tooltip("holder:N", title="Held by"), alt.Tooltip("reported_by:N", title="Reported by"),
                 alt.Tooltip("evidence:N", title="Evidence")],
    ).properties(width=alt.Step(34), height=alt.Step(30), title=alt.Title(
        "Positions by issue and side", subtitle="One mark per position; the shape is its stance"))
