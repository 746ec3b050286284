"""CAMEO and Goldstein coding of the events, and its GDELT-like export.

The coding lives in ``data/event_coding.csv`` (one CAMEO code per event) and
``data/cameo_codebook.csv`` (label, Goldstein value and QuadClass of each code used). This
module joins them to the events (:func:`coded_events`) and exports a GDELT-like table
(``data/events_cameo.csv``, written by :func:`write_events_cameo`; ``make exports``).
The weekly index built on the coding is :mod:`thawbook.analysis.thaw`.

QuadClass follows GDELT 2.0's grouping of CAMEO root codes (:data:`QUAD_ROOTS`): roots 01–05
are verbal cooperation, 06–08 material cooperation, 09–13 verbal conflict and 14–20
material conflict.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd

from thawbook.dates.intervals import iso
from thawbook.inputs.tables import data_dir, load_tables

# ------------------------------------------------------------------ the scheme
QUAD_ROOTS = {1: range(1, 6), 2: range(6, 9), 3: range(9, 14), 4: range(14, 21)}
QUAD_CLASSES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
#: CAMEO roots that are statements about something (make a statement, appeal, express intent,
#: demand, disapprove, threaten), as against deeds: meetings, visits, refusals, sanctions, force.
STATEMENT_ROOTS = (1, 2, 3, 10, 11, 13)
#: Reporting verbs by tense: the event-inclusion rule of data/datapackage.json (events). A statement
#: told with a simple past verb is made on one occasion (an event); with a present or present
#: perfect one it is a standing position (a row of positions.csv only), for either side.
REPORTING_PAST = ("said", "called", "cited", "reiterated", "predicted", "announced", "saying")
REPORTING_PRESENT = (
    "say",
    "says",
    "argues",
    "blames",
    "want",
    "wants",
    "has talked",
    "have dismissed",
    "has repeatedly warned",
    "have said",
)


def reporting_tense(sentence: str) -> str:
    """ "past" when ``sentence`` reports a statement with a simple past verb of
    :data:`REPORTING_PAST`, "present" when only with a verb of :data:`REPORTING_PRESENT`, "" when
    it has neither (an act, not a statement)."""
    words = " ".join(sentence.lower().replace("\u2019", "'").split())

    def has(verbs):
        return any(re.search(rf"\b{re.escape(v)}\b", words) for v in verbs)

    if has(REPORTING_PAST):
        return "past"
    return "present" if has(REPORTING_PRESENT) else ""


TABLES = ("events", "actors", "corrections", "context", "cameo_codebook", "event_coding")
GDELT_COLUMNS = [
    "GLOBALEVENTID",
    "SQLDATE",
    "DateEnd",
    "date_precision",
    "Actor1Code",
    "Actor2Code",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "evidence",
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


def coding_tables(directory: Path | None = None) -> dict[str, pd.DataFrame]:
    """The tables this module needs, validated (see :func:`thawbook.inputs.tables.load_tables`)."""
    return load_tables(*TABLES, directory=directory)


def coded_events(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Events joined to their CAMEO code, label, Goldstein value and QuadClass, in date order."""
    events = tables["events"][
        ["event_id", "title", "date_start", "date_end", "date_precision", "theme", "status"]
    ]
    coding = tables["event_coding"][
        ["event_id", "cameo_code", "actor1_code", "actor2_code", "fit", "rationale", "evidence"]
    ]
    codebook = tables["cameo_codebook"][["cameo_code", "root_code", "label", "goldstein", "quad_class"]]
    frame = events.merge(coding, on="event_id", how="left", validate="one_to_one")
    frame = frame.merge(codebook, on="cameo_code", how="left", validate="many_to_one")
    frame["quad"] = frame["quad_class"].map(QUAD_CLASSES)
    frame["days"] = (frame["date_end"] - frame["date_start"]).dt.days + 1
    return frame.sort_values(["date_start", "date_end", "event_id"]).reset_index(drop=True)


def events_table(coded: pd.DataFrame) -> pd.DataFrame:
    """Every event with its code, Goldstein value and QuadClass, dates as YYYY-MM-DD strings."""
    frame = coded.assign(
        date_start=coded["date_start"].map(iso),
        date_end=coded["date_end"].map(iso),
        actors=(coded["actor1_code"].fillna("") + " → " + coded["actor2_code"].fillna("")).str.strip(" →"),
    )
    columns = {
        "event_id": "event",
        "title": "title",
        "date_start": "date_start",
        "date_end": "date_end",
        "cameo_code": "CAMEO",
        "label": "label",
        "actors": "actors",
        "goldstein": "Goldstein",
        "quad": "QuadClass",
        "fit": "fit",
        "rationale": "rationale",
        "evidence": "evidence",
    }
    return frame[list(columns)].rename(columns=columns)


# ------------------------------------------------------------------ GDELT-like export
def events_cameo(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The coded events in GDELT-like columns, for joining with GDELT or ICEWS.

    ``GLOBALEVENTID`` is our ``event_id``; ``SQLDATE`` and ``DateEnd`` are the interval's first
    and last day as YYYYMMDD integers (GDELT has one date; ``DateEnd`` and ``date_precision``
    say how imprecise it is). Rows are sorted by date, then id.
    """
    coded = coded_events(tables)
    frame = pd.DataFrame(
        {
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
        }
    )
    return frame[GDELT_COLUMNS].sort_values(["SQLDATE", "DateEnd", "GLOBALEVENTID"]).reset_index(drop=True)


def events_cameo_csv(tables: dict[str, pd.DataFrame]) -> str:
    """:func:`events_cameo` as CSV text (UTF-8, ``\\n`` line ends, codes keep their leading zeros)."""
    buffer = io.StringIO()
    events_cameo(tables).to_csv(buffer, index=False, lineterminator="\n", float_format="%.1f")
    return buffer.getvalue()


def write_events_cameo(path: Path | None = None, tables: dict[str, pd.DataFrame] | None = None) -> Path:
    """Write the export (default ``data/events_cameo.csv``) and return its path."""
    path = Path(path or data_dir() / "events_cameo.csv")
    path.write_text(events_cameo_csv(tables or coding_tables()), encoding="utf-8")
    return path


def counted(frame: pd.DataFrame, counting: str = "events") -> pd.DataFrame:
    """The rows of a coded frame (with ``cameo_code``) that a count includes: all of them with
    ``counting`` "events"; with "acts" only deeds, no statement (:data:`STATEMENT_ROOTS`), so that
    a statement about an incident or a remark about a trip no longer counts beside the incident
    or the trip: one event per incident."""
    if counting == "events":
        return frame
    return frame[~is_statement(frame)]


def is_statement(frame: pd.DataFrame) -> pd.Series:
    """True for the rows of a coded frame (with ``cameo_code``) that are statements, not deeds
    (:data:`STATEMENT_ROOTS`): the one rule by which a remark is told from an act, in every domain."""
    return frame["cameo_code"].astype(str).str[:2].astype(int).isin(STATEMENT_ROOTS)


def stance_of_act(quad_class: int) -> str:
    """Engagement for a cooperative act or statement (QuadClass 1 or 2), friction for a conflictual one."""
    return "engagement" if int(quad_class) in (1, 2) else "friction"
