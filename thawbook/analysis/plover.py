"""PLOVER beside CAMEO: the events in the Open Event Data Alliance's newer ontology.

PLOVER (Political Language Ontology for Verifiable Event Records) keeps only CAMEO's
two-digit categories, renamed as sixteen event types, and moves CAMEO's detail into a
``mode`` (how) and a ``context`` (why, in which policy area). The coding lives in
``data/event_plover.csv``: each event's type and mode come through the OEDA crosswalk
``CAMEO2PLOVER-2021.txt`` (``data/plover_crosswalk.csv``, the lines for our CAMEO codes,
verbatim) unless the row says ``override`` and why. CAMEO statements and appeals (roots 01
and 02) are dropped by PLOVER, so those events have no PLOVER type.

The score is PLOVER's own: the manual publishes one conflict-cooperation value per type
(the "Schrodt scores", ``data/plover_codebook.csv``), a frequency-weighted average of the
Goldstein values of the CAMEO codes in the type. It goes into the record's ``event_scale``.

:func:`events_plover_jsonl` writes ``data/events_plover.json``: one JSON record per line
(the manual recommends newline-delimited JSON) with the manual's field names.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from thawbook.analysis import coding
from thawbook.analysis.criticism import sentence_number
from thawbook.dates.intervals import iso
from thawbook.exports.edtf import with_edtf
from thawbook.inputs.seed import paragraphs, read_seed, seed_sha256
from thawbook.inputs.tables import data_dir, load_tables

TABLES = (
    "events",
    "actors",
    "event_coding",
    "cameo_codebook",
    "plover_crosswalk",
    "plover_codebook",
    "event_plover",
    "quotes",
    "corrections",
    "context",
    "positions",
)
CROSSWALK = ("openeventdata/PLOVER", "CAMEO2PLOVER-2021.txt", "6b803a4461b3815a093be067f8b03039c053fc35")
MANUAL = ("openeventdata/PLOVER", "PLOVER_MANUAL.tex", "0711e39cd2c69fdf636b91d1e9ecdc9bba243408")
CODEBOOK = (
    f"PLOVER manual v0.7b1 ({MANUAL[0]} {MANUAL[1]} @ {MANUAL[2][:7]}) through "
    f"{CROSSWALK[1]} ({CROSSWALK[0]} @ {CROSSWALK[2][:7]})"
)
CODER = "thawbook: hand coding in data/event_plover.csv"
SEED_NAME = "seeds/000_efb7a1c38396a014.txt"
# The record's top-level fields, in the manual's order ("PLOVER JSON" table), then ours.
RECORD_FIELDS = [
    "id",
    "date",
    "enddate",
    "source",
    "recipient",
    "event",
    "event_text",
    "quad_code",
    "event_scale",
    "mode",
    "context",
    "text_info",
    "cite_info",
    "coder",
    "comment",
    "edtf",
    "date_basis",
]
REQUIRED_FIELDS = ["id", "date", "source", "event"]


def plover_tables(directory: Path | None = None) -> dict[str, pd.DataFrame]:
    """The tables this module needs, validated."""
    return load_tables(*TABLES, directory=directory)


def parse_crosswalk_line(line: str) -> tuple[str, str, str]:
    """``"044: CONSULT, third-party,   # Meet at ..."`` -> ``("CONSULT", "third-party", "")``."""
    body = line.split(":", 1)[1].split("#", 1)[0]
    parts = [part.strip() for part in body.split(",")]
    parts += [""] * (3 - len(parts))
    return parts[0], parts[1], parts[2]


def split_actor_code(code: str) -> dict:
    """A CAMEO-style actor code as a PLOVER actor object: ``"USAGOV"`` -> ``{"code": "USA", "sector": "GOV"}``."""
    if not code:
        return {}
    return {"code": code[:3], **({"sector": code[3:]} if code[3:] else {})}


def plover_events(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every coded event with its CAMEO code, PLOVER type, mode, context, quad code and score.

    ``source_code``/``recipient_code`` and ``source_id``/``recipient_id`` are the PLOVER
    source and recipient (the CAMEO actors, swapped where ``swap_actors`` is ``yes``).
    Dropped events keep their row, with an empty type and no score. Sorted by date, then id.
    """
    events = with_edtf(tables["events"])[
        [
            "event_id",
            "title",
            "date_start",
            "date_end",
            "date_basis",
            "edtf",
            "status",
            "theme",
            "actor1_id",
            "actor2_id",
            "evidence",
            "evidence_start",
            "evidence_end",
        ]
    ]
    coding_ = tables["event_coding"][["event_id", "cameo_code", "actor1_code", "actor2_code"]]
    frame = events.merge(coding_, on="event_id", validate="one_to_one")
    frame = frame.merge(
        tables["event_plover"].drop(columns=["evidence_start", "evidence_end", "paragraph"], errors="ignore"),
        on="event_id",
        validate="one_to_one",
    )
    frame = frame.merge(
        tables["plover_codebook"][["event_type", "quad_code", "score"]],
        on="event_type",
        how="left",
        validate="many_to_one",
    )
    swap = frame["swap_actors"] == "yes"
    frame["source_code"] = frame["actor1_code"].where(~swap, frame["actor2_code"]).fillna("")
    frame["recipient_code"] = frame["actor2_code"].where(~swap, frame["actor1_code"]).fillna("")
    frame["source_id"] = frame["actor1_id"].where(~swap, frame["actor2_id"]).fillna("")
    frame["recipient_id"] = frame["actor2_id"].where(~swap, frame["actor1_id"]).fillna("")
    return frame.sort_values(["date_start", "date_end", "event_id"]).reset_index(drop=True)


def _actor(code: str, actor_id: str, names: pd.Series) -> list[dict]:
    if not code and not actor_id:
        return []
    actor = split_actor_code(code)
    if actor_id:
        actor["actor_text"] = names.get(actor_id, "")
        actor["actor_id"] = actor_id
    return [actor]


def _split(value) -> list[str]:
    return [part for part in str(value or "").split(";") if part]


def plover_records(tables: dict[str, pd.DataFrame]) -> list[dict]:
    """One PLOVER record (a dict with the manual's field names) per event that has a PLOVER type.

    ``date``/``enddate`` are the interval's first and last day; ``event_text`` is the event's
    evidence and ``text_info`` its character offsets and sentence number in the seed;
    ``cite_info`` names the seed and the codebook; ``comment`` is the coding's rationale.
    """
    text = read_seed()
    names = tables["actors"].set_index("actor_id")["name"]
    cite = {
        "corpus": "thawbook",
        "citation": f"{SEED_NAME} (sha256 {seed_sha256()})",
        "title": paragraphs(text)[0].strip(),
        "language": "en",
        "codebook": CODEBOOK,
    }
    records = []
    for row in plover_events(tables).itertuples(index=False):
        if not row.event_type:
            continue
        record = {
            "id": row.event_id,
            "date": iso(row.date_start),
            "enddate": iso(row.date_end),
            "source": _actor(row.source_code, row.source_id, names),
            "recipient": _actor(row.recipient_code, row.recipient_id, names),
            "event": [row.event_type],
            "event_text": [row.evidence],
            "quad_code": int(row.quad_code),
            "event_scale": float(row.score),
            "mode": _split(row.mode),
            "context": _split(row.context),
            "text_info": {
                "sequence": sentence_number(int(row.evidence_start), text),
                "start": int(row.evidence_start),
                "end": int(row.evidence_end),
            },
            "cite_info": cite,
            "coder": CODER,
            "comment": row.rationale,
            "edtf": row.edtf,
            "date_basis": row.date_basis,
        }
        records.append({name: record[name] for name in RECORD_FIELDS})
    return records


def events_plover_jsonl(tables: dict[str, pd.DataFrame]) -> str:
    """:func:`plover_records` as newline-delimited JSON (one record per line, UTF-8, keys in order)."""
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in plover_records(tables))


def write_events_plover(path: Path | None = None, tables: dict[str, pd.DataFrame] | None = None) -> Path:
    """Write the export (default ``data/events_plover.json``) and return its path."""
    path = Path(path or data_dir() / "events_plover.json")
    path.write_text(events_plover_jsonl(tables or plover_tables()), encoding="utf-8")
    return path


# ------------------------------------------------------------------ for the weekly index
def coded_plover(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """:func:`thawbook.analysis.coding.coded_events` rescored with PLOVER: ``goldstein`` holds the PLOVER
    score and ``quad_class`` the PLOVER quad code; events PLOVER drops count as placeholders,
    so :func:`thawbook.analysis.thaw.weekly_curve` leaves them out."""
    coded = coding.coded_events(tables)
    plover = plover_events(tables).set_index("event_id")
    frame = coded.copy()
    frame["goldstein"] = frame["event_id"].map(plover["score"])
    frame["quad_class"] = frame["event_id"].map(plover["quad_code"])
    frame["fit"] = frame["fit"].where(frame["event_id"].map(plover["event_type"]).ne(""), "placeholder")
    frame["goldstein"] = frame["goldstein"].fillna(0.0)
    frame["quad_class"] = frame["quad_class"].fillna(0).astype(int)
    return frame
