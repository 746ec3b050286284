"""Chapter 10, measuring the thaw: the weekly cooperation–conflict index and its sensitivity.

Each coded event (:func:`thawbook.analysis.coding.coded_events`) has weight 1, spread evenly over its
date interval (:func:`spread_weights`); the weekly curve (:func:`weekly_curve`) sums the
weights and weight × Goldstein value per week. The curve is also computed per *domain*
(:data:`DOMAINS`: economic and military events, the definition chapter 06 shares) and under
the alternative codings of ``data/coding_alternatives.csv`` (:func:`sensitivity`).
The charts are in :mod:`thawbook.charts.thaw`.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from thawbook.analysis.coding import QUAD_CLASSES, coded_events
from thawbook.dates.intervals import iso, week_of
from thawbook.dates.publication import infer_publication_interval
from thawbook.inputs.tables import load_tables

WINDOW_START = date(2023, 1, 2)  # Monday of ISO week 2023-W01
WINDOW_END = date(2023, 6, 4)  # Sunday of ISO week 2023-W22, the last possible publication day


# ------------------------------------------------------------------ weekly index
def window(week_start: str | None = None) -> tuple[date, date]:
    """The index window under a week convention: from the first day of the first week of 2023
    to the last possible publication day (None: the book's own reading, Monday weeks)."""
    if week_start is None:
        return WINDOW_START, WINDOW_END
    published, _ = infer_publication_interval(week_start)
    return week_of(WINDOW_START, week_start).start, published.end


def spread_weights(
    coded: pd.DataFrame, start: date = WINDOW_START, end: date = WINDOW_END, placement: str = "spread"
) -> pd.DataFrame:
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


def window_summary(
    coded: pd.DataFrame, start: date = WINDOW_START, end: date = WINDOW_END
) -> dict[str, float]:
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


def weekly_index(
    tables: dict[str, pd.DataFrame], start: date = WINDOW_START, end: date = WINDOW_END
) -> pd.DataFrame:
    """The weekly cooperation–conflict curve for the Monday–Sunday weeks of the window.

    Placeholder codings are left out. Per week: the Goldstein sum (weight × Goldstein value),
    the weighted count of events in each QuadClass, all events, conflict (QuadClass 3 and 4)
    and cooperation (1 and 2), and the events contributing to it with their evidence.
    See :func:`weekly_curve`, which does the work on any set of coded events.
    """
    return weekly_curve(coded_events(tables), start, end)


def weekly_curve(
    coded: pd.DataFrame,
    start: date = WINDOW_START,
    end: date = WINDOW_END,
    week_start: str = "monday",
    placement: str = "spread",
) -> pd.DataFrame:
    """:func:`weekly_index` for a given frame of coded events (a subset, or an alternative coding).

    ``coded`` has the columns of :func:`coded_events`. Every week of the window gets a row, with
    zeros where no event falls. Weeks start on ``week_start`` ("monday" or "sunday"); the
    ``week`` label is the ISO week for Monday weeks and "wk of <first day>" for Sunday weeks.
    ``placement`` is passed to :func:`spread_weights`.
    """
    coded = coded[coded["fit"] != "placeholder"]
    daily = spread_weights(coded, start, end, placement).merge(
        coded[["event_id", "title", "goldstein", "quad_class", "evidence"]], on="event_id"
    )
    daily["week_start"] = daily["day"].map(lambda day: pd.Timestamp(week_of(day.date(), week_start).start))
    daily["score"] = daily["weight"] * daily["goldstein"]
    first = pd.Timestamp(week_of(start, week_start).start)
    weeks = pd.DataFrame(
        {"week_start": pd.date_range(first, end, freq="W-MON" if week_start == "monday" else "W-SUN")}
    )
    per_event = (
        daily.groupby(["week_start", "event_id", "title", "evidence"], as_index=False)["weight"]
        .sum()
        .sort_values(["week_start", "weight", "event_id"], ascending=[True, False, True])
    )
    per_event["item"] = per_event["title"] + " (" + per_event["weight"].round(2).astype(str) + ")"
    listing = per_event.groupby("week_start").agg(
        events=("item", "; ".join), evidence=("evidence", " | ".join)
    )
    frame = weeks.merge(
        daily.groupby("week_start")["score"].sum().rename("goldstein").reset_index(),
        how="left",
        on="week_start",
    )
    for quad, name in QUAD_CLASSES.items():
        counts = daily[daily["quad_class"] == quad].groupby("week_start")["weight"].sum().rename(name)
        frame = frame.merge(counts.reset_index(), how="left", on="week_start")
    frame = frame.merge(listing.reset_index(), how="left", on="week_start").fillna(
        {"goldstein": 0.0, **{name: 0.0 for name in QUAD_CLASSES.values()}, "events": "", "evidence": ""}
    )
    frame["all events"] = frame[list(QUAD_CLASSES.values())].sum(axis=1)
    frame["conflict"] = frame["verbal conflict"] + frame["material conflict"]
    frame["cooperation"] = frame["verbal cooperation"] + frame["material cooperation"]
    frame["week"] = (
        frame["week_start"].dt.strftime("%G-W%V")
        if week_start == "monday"
        else "wk of " + frame["week_start"].map(iso)
    )
    frame["week_end"] = frame["week_start"] + pd.Timedelta(days=6)
    return frame


def weekly_long(weekly: pd.DataFrame) -> pd.DataFrame:
    """The weekly counts by QuadClass in long form (one row per week and class), for stacked bars."""
    frame = weekly.melt(
        id_vars=["week_start", "week", "events", "evidence"],
        value_vars=list(QUAD_CLASSES.values()),
        var_name="quad",
        value_name="weight",
    )
    frame["order"] = frame["quad"].map({name: quad for quad, name in QUAD_CLASSES.items()})
    return frame.sort_values(["week_start", "order"]).reset_index(drop=True)


def peak_week(weekly: pd.DataFrame, column: str = "conflict") -> dict:
    """The week with the most of ``column`` (first on ties), its value and its share of the total."""
    row = weekly.sort_values([column, "week_start"], ascending=[False, True]).iloc[0]
    total = weekly[column].sum()
    return {
        "week": row["week"],
        "week_start": row["week_start"],
        "value": float(row[column]),
        "share": float(row[column] / total) if total else 0.0,
        "total": float(total),
    }


def week_row(weekly: pd.DataFrame, day: date) -> pd.Series:
    """The row of the week containing ``day``."""
    stamp = pd.Timestamp(day)
    match = weekly[(weekly["week_start"] <= stamp) & (weekly["week_end"] >= stamp)]
    if match.empty:
        raise ValueError(f"{day} is not in the window")
    return match.iloc[0]


# ------------------------------------------------------------------ economic and military domains
DOMAINS = {"economic": ("trade", "business", "climate_finance"), "military": ("military",)}


def domain_of(event_theme: str) -> str:
    """The domain (:data:`DOMAINS`) an event theme belongs to, or ``"other"``.

    Diplomacy, sanctions and export controls belong to neither domain.
    """
    for domain, themes in DOMAINS.items():
        if event_theme in themes:
            return domain
    return "other"


def domain_weekly(
    coded: pd.DataFrame,
    start: date = WINDOW_START,
    end: date = WINDOW_END,
    week_start: str = "monday",
    placement: str = "spread",
) -> pd.DataFrame:
    """The weekly curve (:func:`weekly_curve`) computed separately for each domain, stacked long.

    One row per domain and week, with a ``domain`` column, in the order of :data:`DOMAINS`.
    Events of other themes are left out; the weight-spreading is the same as for the whole curve.
    """
    domains = coded["theme"].map(domain_of)
    frames = [
        weekly_curve(coded[domains == domain], start, end, week_start, placement).assign(domain=domain)
        for domain in DOMAINS
    ]
    return pd.concat(frames, ignore_index=True)


def domain_totals(by_domain: pd.DataFrame, day: date) -> pd.DataFrame:
    """Per domain: weighted events, cooperation, conflict and net Goldstein over the window and in
    the week containing ``day`` (the publication week), one row per domain in :data:`DOMAINS` order."""
    rows = []
    for domain in DOMAINS:
        part = by_domain[by_domain["domain"] == domain]
        week = week_row(part, day)
        rows.append(
            {
                "domain": domain,
                "events": float(part["all events"].sum()),
                "cooperation": float(part["cooperation"].sum()),
                "conflict": float(part["conflict"].sum()),
                "goldstein": float(part["goldstein"].sum()),
                "week": week["week"],
                "week_events": float(week["all events"]),
                "week_goldstein": float(week["goldstein"]),
            }
        )
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ alternative codings
def load_alternatives(directory: Path | None = None) -> pd.DataFrame:
    """``data/coding_alternatives.csv``, validated (codes are in the codebook, events exist)."""
    return load_tables("coding_alternatives", directory=directory)["coding_alternatives"]


def apply_alternatives(
    coded: pd.DataFrame, alternatives: pd.DataFrame, codebook: pd.DataFrame
) -> pd.DataFrame:
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
        frame[column] = (
            frame["cameo_code"].map(book[column]).where(mask, frame[column]).astype(frame[column].dtype)
        )
    frame["quad"] = frame["quad_class"].map(QUAD_CLASSES)
    frame["alternative_id"] = frame["event_id"].map(chosen["alternative_id"]).astype(object).where(mask, "")
    return frame


def alternatives_table(
    alternatives: pd.DataFrame, coded: pd.DataFrame, codebook: pd.DataFrame
) -> pd.DataFrame:
    """Each alternative beside the main coding: event, dates, both codes with label and Goldstein value."""
    book = codebook.set_index("cameo_code")
    events = coded.set_index("event_id")
    frame = alternatives.sort_values("alternative_id")
    main = frame["event_id"].map(events["cameo_code"])
    out = pd.DataFrame(
        {
            "alternative": frame["alternative_id"],
            "event": frame["event_id"].map(events["title"]),
            "date_start": frame["event_id"].map(events["date_start"]).map(iso),
            "date_end": frame["event_id"].map(events["date_end"]).map(iso),
            "coded as": main + " " + main.map(book["label"]),
            "Goldstein as coded": main.map(book["goldstein"]),
            "alternative code": frame["cameo_code"] + " " + frame["cameo_code"].map(book["label"]),
            "Goldstein alternative": frame["cameo_code"].map(book["goldstein"]),
            "rationale": frame["rationale"],
            "evidence": frame["evidence"],
        }
    )
    return out.reset_index(drop=True)


def period_totals(weekly: pd.DataFrame, day: date, weeks: int = 2) -> dict:
    """Net Goldstein over the window, in the week containing ``day`` and in the ``weeks`` weeks
    ending with it (the period around publication), and whether each is net cooperative (> 0)."""
    week = week_row(weekly, day)
    recent = weekly[
        (weekly["week_start"] <= week["week_start"])
        & (weekly["week_start"] > week["week_start"] - pd.Timedelta(weeks=weeks))
    ]
    return {
        "window": float(weekly["goldstein"].sum()),
        "week": float(week["goldstein"]),
        "recent": float(recent["goldstein"].sum()),
        "week_cooperative": bool(week["goldstein"] > 0),
        "recent_cooperative": bool(recent["goldstein"].sum() > 0),
        "window_cooperative": bool(weekly["goldstein"].sum() > 0),
    }


def sensitivity(
    coded: pd.DataFrame,
    alternatives: pd.DataFrame,
    codebook: pd.DataFrame,
    day: date,
    start: date = WINDOW_START,
    end: date = WINDOW_END,
) -> pd.DataFrame:
    """The answers (:func:`period_totals`) as coded, with each alternative alone, and with all of them.

    One row per scenario: ``as coded``, then each ``alternative_id`` in order, then ``all alternatives``.
    """
    scenarios = [("as coded", alternatives.iloc[0:0])]
    scenarios += [
        (row.alternative_id, alternatives[alternatives["alternative_id"] == row.alternative_id])
        for row in alternatives.sort_values("alternative_id").itertuples(index=False)
    ]
    scenarios.append(("all alternatives", alternatives))
    rows = []
    for name, chosen in scenarios:
        weekly = weekly_curve(apply_alternatives(coded, chosen, codebook), start, end)
        rows.append({"scenario": name, **period_totals(weekly, day)})
    return pd.DataFrame(rows)


def sensitivity_weekly(base: pd.DataFrame, alternative: pd.DataFrame) -> pd.DataFrame:
    """Two weekly curves stacked long with a ``scenario`` column (``as coded``, ``alternative coding``).

    Each week's evidence is left out: the weekly chart already shows it, and the page stays light."""
    columns = ["week_start", "week", "goldstein", "all events", "events"]
    return pd.concat(
        [
            base[columns].assign(scenario="as coded"),
            alternative[columns].assign(scenario="alternative coding"),
        ],
        ignore_index=True,
    )


def week_members(coded: pd.DataFrame, week_start: str | None, bins: str, placement: str) -> pd.DataFrame:
    """Which scored events put weight in which week (``event_id``, ``week_start``), with weeks
    from Monday (``bins`` "monday") or Sunday, and imprecise events placed by ``placement``."""
    start, end = window(week_start)
    scored = coded[coded["fit"] != "placeholder"]
    daily = spread_weights(scored, start, end, placement)
    daily["week_start"] = daily["day"].map(lambda day: pd.Timestamp(week_of(day.date(), bins).start))
    return daily[["event_id", "week_start"]].drop_duplicates()


def gross_weight(coded: pd.DataFrame, week_start: str | None, placement: str, first, last) -> float:
    """The Goldstein weight of the days ``first``..``last``, cooperation and conflict both counted positive."""
    start, end = window(week_start)
    scored = coded[coded["fit"] != "placeholder"]
    daily = spread_weights(scored, start, end, placement).merge(scored[["event_id", "goldstein"]])
    inside = daily[(daily["day"] >= first) & (daily["day"] <= last)]
    return float((inside["weight"] * inside["goldstein"].abs()).sum())


def outside_window(coded: pd.DataFrame, start, end) -> pd.Series:
    """Which scored events (not placeholders) lie wholly outside the window ``start``..``end``."""
    return (coded["fit"] != "placeholder") & (
        (coded["date_end"] < pd.Timestamp(start)) | (coded["date_start"] > pd.Timestamp(end))
    )


def coded_weekly(
    tables: dict[str, pd.DataFrame], week_start: str | None, bins: str, placement: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The coded events and their weekly curve for a week convention (window and ``bins``) and a
    ``placement`` of imprecise events."""
    coded = coded_events(tables)
    start, end = window(week_start)
    return coded, weekly_curve(coded, start, end, bins, placement)
