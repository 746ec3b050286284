"""Sanctions, export controls and the demands to lift them: tables, response chains, timeline frames.

The chapter *Sanctions and export controls* reads ``data/measures.csv`` joined to the actors
who impose and suffer each measure and to the event that dates it. This module holds its
frames (without altair), so the notebook only loads, calls and shows:

- :func:`measure_table` joins measures to actors and events (dates stay intervals);
- :func:`chain_depths`, :func:`longest_chain` and :func:`chain_layout` follow the
  ``responds_to`` links, which say that the article presents one measure as a response to
  (or an extension of) another, and lay the resulting forest out deterministically;
- :func:`timeline_frame`, :func:`time_panels` and :func:`undated_measures` shape the
  timeline; :mod:`thawbook.charts.sanctions` draws it and the response chains;
- :func:`demands_table`, :func:`rationale_by_side` and :func:`corrections_table` give the
  tables the chapter argues from.

Nothing is dropped silently: a measure without an event stays in every table and is drawn in
an "undated" panel of the timeline; a broken ``responds_to`` link raises ``ValueError``.
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from thawbook.charts import theme
from thawbook.dates.intervals import iso

SNIPPET_CHARS = 30
UNDATED = "no date in the article"
PANEL_GAP_DAYS = 180  # a gap longer than this between dated measures breaks the time axis


# ------------------------------------------------------------------------------ tables


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with "…" if cut."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def measure_table(measures: pd.DataFrame, actors: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """One row per measure with names and sides of both actors and the event's date interval.

    Adds ``imposer``/``imposer_side``, ``target_name``/``target_side``, the event's
    ``date_start``, ``date_end``, ``date_precision`` and ``date_expression`` (missing for a
    measure without ``event_id``), ``dated`` and a ``label`` ("instrument · evidence
    snippet"). Rows are sorted by date (undated last), then by ``measure_id``. Raises
    ``ValueError`` if an actor or event id is unknown, rather than losing the row.
    """
    names = actors.set_index("actor_id")[["name", "side"]]
    for column in ("imposed_by", "target"):
        unknown = sorted(set(measures[column]) - set(names.index))
        if unknown:
            raise ValueError(f"measures.{column} names unknown actors: {unknown}")
    linked = measures["event_id"].fillna("").astype(str)
    unknown = sorted(set(linked[linked != ""]) - set(events["event_id"]))
    if unknown:
        raise ValueError(f"measures.event_id names unknown events: {unknown}")

    table = measures.copy()
    table["imposer"] = table["imposed_by"].map(names["name"])
    table["imposer_side"] = table["imposed_by"].map(names["side"])
    table["target_name"] = table["target"].map(names["name"])
    table["target_side"] = table["target"].map(names["side"])
    dates = events.set_index("event_id")[["date_start", "date_end", "date_precision", "date_expression"]]
    for column in dates.columns:
        table[column] = linked.map(dates[column])
    table["date_start"] = pd.to_datetime(table["date_start"])
    table["date_end"] = pd.to_datetime(table["date_end"])
    table["dated"] = table["date_start"].notna()
    table["label"] = [
        f"{theme.label(instrument)} · {snippet(evidence)}"
        for instrument, evidence in zip(table["instrument"], table["evidence"])
    ]
    table = table.sort_values(["dated", "date_start", "measure_id"], ascending=[False, True, True])
    return table.reset_index(drop=True)


def rationale_by_side(table: pd.DataFrame) -> pd.DataFrame:
    """Per imposing side: how many measures, and how many the article gives a stated reason for."""
    has_reason = table["stated_rationale"].fillna("").str.strip() != ""
    counts = (
        table.assign(with_rationale=has_reason)
        .groupby("imposer_side")
        .agg(measures=("measure_id", "size"), with_rationale=("with_rationale", "sum"))
        .reset_index()
        .rename(columns={"imposer_side": "side"})
    )
    counts["without_rationale"] = counts["measures"] - counts["with_rationale"]
    counts["side"] = counts["side"].map(theme.label)
    return counts.sort_values(["measures", "side"], ascending=[False, True]).reset_index(drop=True)


#: The kinds of ``rationale_kind`` (see ``data/datapackage.json``); only "reason" is a stated reason.
RATIONALE_KINDS = ("reason", "action_restated", "trigger", "none")
#: Instruments by which a side acts, as against demands to lift and warnings.
COUNTER_MEASURES = ("sanctions", "export_controls", "purchase_ban", "restrictions")
#: What a demand must name, in its evidence, to be a measure: the measure to be lifted or stopped.
DEMAND_OBJECTS = ("sanctions", "export controls")


def names_its_object(evidence: str) -> bool:
    """Whether a demand's evidence names the measure it wants lifted or stopped (the coding rule
    of ``demand_to_lift``: "correct wrong practices", which names none, is a position instead)."""
    return any(word in evidence.lower() for word in DEMAND_OBJECTS)


def reasons_by_side(table: pd.DataFrame) -> pd.DataFrame:
    """Per imposing side: how many measures, and how many of each ``rationale_kind``.

    Unlike :func:`rationale_by_side`, a rationale that only restates the action or names the
    trigger of a warning does not count as a reason: ``with_reason`` counts "reason" only.
    One row per side (in words), with columns ``measures``, ``with_reason`` and one per kind
    in :data:`RATIONALE_KINDS`; sorted by number of measures, then side.
    """
    counts = pd.crosstab(table["imposer_side"], table["rationale_kind"])
    counts = counts.reindex(columns=list(RATIONALE_KINDS), fill_value=0)
    counts.insert(0, "measures", counts.sum(axis=1))
    counts.insert(1, "with_reason", counts["reason"])
    counts = counts.rename_axis("side").reset_index()
    counts.columns.name = None
    counts["side"] = counts["side"].map(theme.label)
    return counts.sort_values(["measures", "side"], ascending=[False, True]).reset_index(drop=True)


def _spoken_by(table: pd.DataFrame, quotes: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """For each measure row, the quotation whose evidence overlaps the measure's evidence."""
    names = actors.set_index("actor_id")["name"]
    rows = []
    for row in table.itertuples(index=False):
        overlapping = quotes[
            (quotes["evidence_start"] < row.evidence_end) & (row.evidence_start < quotes["evidence_end"])
        ]
        overlapping = overlapping.sort_values(["evidence_start", "quote_id"])
        if len(overlapping):
            quote = overlapping.iloc[0]
            speaker = names.get(quote["actor_id"], "") if quote["actor_id"] else ""
            rows.append((row.measure_id, speaker, quote["text"], quote["quote_id"]))
        else:
            rows.append((row.measure_id, "the article's narration", "", ""))
    return pd.DataFrame(rows, columns=["measure_id", "voiced_by", "quoted_words", "quote_id"])


def demands_table(table: pd.DataFrame, quotes: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """The ``demand_to_lift`` rows: who demands, of whom, in whose words, on what condition.

    ``voiced_by`` is the speaker of the quotation whose evidence overlaps the measure's
    evidence in the seed (or "the article's narration" when none does), ``quoted_words`` that
    quotation's text. Dates are ``YYYY-MM-DD`` strings, empty when undated.
    """
    demands = table[table["instrument"] == "demand_to_lift"]
    voices = _spoken_by(demands, quotes, actors)
    merged = demands.merge(voices, on="measure_id", how="left", validate="one_to_one")
    out = pd.DataFrame(
        {
            "measure": merged["measure_id"],
            "demander": merged["imposer"],
            "voiced by": merged["voiced_by"],
            "of": merged["target_name"],
            "responds to": merged["responds_to"].fillna(""),
            "quoted words": merged["quoted_words"],
            "condition or aim": merged["stated_rationale"].fillna(""),
            "date_start": merged["date_start"].map(iso),
            "date_end": merged["date_end"].map(iso),
            "evidence": merged["evidence"],
        }
    )
    return out


def chapter_table(table: pd.DataFrame) -> pd.DataFrame:
    """Every measure the chapter uses, with resolved dates as ``YYYY-MM-DD`` strings and evidence."""
    return pd.DataFrame(
        {
            "measure": table["measure_id"],
            "imposed by": table["imposer"],
            "side": table["imposer_side"].map(theme.label),
            "on": table["target_name"],
            "instrument": table["instrument"].map(theme.label),
            "stated rationale": table["stated_rationale"].fillna(""),
            "kind of rationale": table["rationale_kind"].map(theme.label)
            if "rationale_kind" in table
            else "",
            "responds to": table["responds_to"].fillna(""),
            "event": table["event_id"].fillna(""),
            "date_start": table["date_start"].map(iso),
            "date_end": table["date_end"].map(iso),
            "evidence": table["evidence"],
        }
    )


def corrections_table(corrections: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """The named corrections, in the order given: the article's words beside the likely reading."""
    indexed = corrections.set_index("correction_id")
    missing = [i for i in ids if i not in indexed.index]
    if missing:
        raise KeyError(f"unknown correction ids: {missing}")
    rows = indexed.loc[list(ids)].reset_index()
    return pd.DataFrame(
        {
            "correction": rows["correction_id"],
            "the article's words": rows["evidence"],
            "likely reading": rows["likely_reading"],
            "confidence": rows["confidence"],
            "what it changes": rows["affects"],
        }
    )


# ------------------------------------------------------------------------ response chains


def _parents(measures: pd.DataFrame) -> dict[str, str]:
    ids = set(measures["measure_id"])
    parents = {}
    for child, parent in zip(measures["measure_id"], measures["responds_to"].fillna("")):
        if parent:
            if parent not in ids:
                raise ValueError(f"{child} responds to unknown measure {parent}")
            if parent == child:
                raise ValueError(f"{child} responds to itself")
            parents[child] = parent
    return parents


def chain_depths(measures: pd.DataFrame) -> dict[str, int]:
    """How many ``responds_to`` links separate each measure from the start of its chain.

    A measure that responds to nothing has depth 0. Raises ``ValueError`` on a link to an
    unknown measure or on a cycle.
    """
    parents = _parents(measures)
    depths: dict[str, int] = {}
    for start in sorted(measures["measure_id"]):
        path, node = [], start
        while node not in depths and node in parents:
            if node in path:
                raise ValueError(f"responds_to forms a cycle: {' -> '.join(path + [node])}")
            path.append(node)
            node = parents[node]
        depths.setdefault(node, 0)
        for step in reversed(path):
            depths[step] = depths[parents[step]] + 1
    return depths


def longest_chain(measures: pd.DataFrame) -> list[str]:
    """The measures of the longest ``responds_to`` chain, first to last.

    Its length counts measures, so a measure answering another gives a chain of 2 and an
    unlinked measure one of 1. Ties go to the chain whose last measure id sorts first.
    """
    depths = chain_depths(measures)
    parents = _parents(measures)
    deepest = max(depths.values())
    end = sorted(node for node, depth in depths.items() if depth == deepest)[0]
    chain = [end]
    while chain[-1] in parents:
        chain.append(parents[chain[-1]])
    return chain[::-1]


def chain_layout(table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Deterministic positions for the response graph: nodes and elbow-shaped edges.

    Columns are chain depths. Rows follow a depth-first walk of each chain, so every node
    has a row of its own and a node's answers sit below it; chains are ordered by the date
    of their first measure (undated last), then by id, and separated by a blank row.
    Measures that neither respond to nor are answered by another come last, under the group
    "unlinked". Returns ``(nodes, edges)``; edges hold three points each (``order`` 0-2):
    down from the parent's column, then across to the answering measure.
    """
    depths = chain_depths(table)
    parents = _parents(table)
    order = {mid: i for i, mid in enumerate(table["measure_id"])}  # table is sorted by date
    children: dict[str, list[str]] = {}
    for child, parent in parents.items():
        children.setdefault(parent, []).append(child)
    for kids in children.values():
        kids.sort(key=order.get)
    roots = sorted((m for m in table["measure_id"] if m not in parents), key=order.get)
    linked_roots = [r for r in roots if r in children]
    unlinked = [r for r in roots if r not in children]

    rows: dict[str, int] = {}
    groups: dict[str, str] = {}
    row = 0

    def walk(node: str, group: str) -> None:
        nonlocal row
        rows[node], groups[node] = row, group
        row += 1
        for kid in children.get(node, []):
            walk(kid, group)

    for number, root in enumerate(linked_roots, start=1):
        walk(root, f"chain {number}")
        row += 1  # blank row between chains
    for node in unlinked:
        walk(node, "unlinked")

    info = table.set_index("measure_id")
    nodes = pd.DataFrame(
        {
            "measure_id": list(rows),
            "column": [depths[m] for m in rows],
            "row": list(rows.values()),
            "group": [groups[m] for m in rows],
        }
    )
    nodes["who"] = [
        f"{info.at[m, 'imposer']} → {info.at[m, 'target_name']} ({theme.label(info.at[m, 'instrument'])})"
        for m in nodes["measure_id"]
    ]
    nodes["what"] = [snippet(info.at[m, "evidence"], 52) for m in nodes["measure_id"]]
    nodes["side"] = [theme.label(info.at[m, "imposer_side"]) for m in nodes["measure_id"]]
    nodes["instrument"] = [theme.label(info.at[m, "instrument"]) for m in nodes["measure_id"]]
    nodes["rationale"] = [info.at[m, "stated_rationale"] or "(none given)" for m in nodes["measure_id"]]
    nodes["responds_to"] = [info.at[m, "responds_to"] or "" for m in nodes["measure_id"]]
    nodes["evidence"] = [info.at[m, "evidence"] for m in nodes["measure_id"]]
    nodes = nodes.sort_values("row").reset_index(drop=True)

    points = []
    for child in sorted(parents, key=rows.get):
        parent = parents[child]
        edge = f"{parent} → {child}"
        for step, (column, line_row) in enumerate(
            [(depths[parent], rows[parent]), (depths[parent], rows[child]), (depths[child], rows[child])]
        ):
            points.append((edge, step, column, line_row, info.at[child, "evidence"]))
    edges = pd.DataFrame(points, columns=["edge", "order", "column", "row", "evidence"])
    return nodes, edges


# ------------------------------------------------------------------------------ timeline


def timeline_frame(table: pd.DataFrame) -> pd.DataFrame:
    """The columns the timeline needs, one row per measure; undated measures are kept.

    ``end_excl`` is the day after ``date_end`` so that a one-day interval has width;
    ``panel`` numbers the stretches of time between gaps of more than ``PANEL_GAP_DAYS``
    (see :func:`time_panels`), with ``UNDATED`` for measures without an event.
    """
    frame = pd.DataFrame(
        {
            "measure_id": table["measure_id"],
            "label": table["label"],
            "instrument": table["instrument"].map(theme.label),
            "side": table["imposer_side"].map(theme.label),
            "who": table["imposer"] + " → " + table["target_name"],
            "start": table["date_start"],
            "end": table["date_end"],
            "end_excl": table["date_end"] + timedelta(days=1),
            "precision": table["date_precision"].fillna(""),
            "expression": table["date_expression"].fillna(""),
            "rationale": table["stated_rationale"].fillna("").replace("", "(none given)"),
            "evidence": table["evidence"],
        }
    )
    panels = time_panels(frame)
    frame["panel"] = UNDATED
    for number, (first, last) in enumerate(panels):
        inside = frame["start"].notna() & (frame["start"] >= first) & (frame["end"] <= last)
        frame.loc[inside, "panel"] = str(number)
    frame["first_day"] = frame["start"].map(iso)
    frame["last_day"] = frame["end"].map(iso)
    return frame


def undated_measures(frame: pd.DataFrame) -> pd.DataFrame:
    """The measures of a :func:`timeline_frame` that have no date: id, who, instrument, evidence."""
    return frame.loc[frame["panel"] == UNDATED, ["measure_id", "who", "instrument", "evidence"]].reset_index(
        drop=True
    )


def time_panels(
    frame: pd.DataFrame, gap_days: int = PANEL_GAP_DAYS
) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """Stretches of time covering the dated intervals, broken where nothing happens for longer
    than ``gap_days``; each stretch is widened to whole months."""
    dated = frame.dropna(subset=["start"]).sort_values("start")
    stretches: list[list[pd.Timestamp]] = []
    for start, end in zip(dated["start"], dated["end"]):
        if stretches and (start - stretches[-1][1]).days <= gap_days:
            stretches[-1][1] = max(stretches[-1][1], end)
        else:
            stretches.append([start, end])
    return [
        (first.to_period("M").start_time, last.to_period("M").end_time.normalize())
        for first, last in stretches
    ]
