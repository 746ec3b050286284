"""FollowTheMoney export of the measures: ``data/measures.ftm.json``.

FollowTheMoney (FtM) is the entity model of OpenSanctions and Aleph. Each measure of
``data/measures.csv`` that is a sanction, an export control, a purchase ban or a restriction
(:data:`INSTRUMENTS`) and that targets an identifiable actor becomes one ``Sanction`` entity,
linked to an entity for its target: ``Person``, ``Company``, ``PublicBody`` (governments,
ministries, armed forces) or ``Organization`` (:data:`SCHEMATA`). Demands to lift a measure
and warnings are not measures in force and stay out; so do measures aimed at an unnamed group
(``actor_type`` ``group``, e.g. "Chinese officials and companies"), which FtM cannot name,
and the measures in :data:`EXCLUDED`, which are efforts rather than measures in force.

Every entity is built with followthemoney's own model (``model.make_entity``) and checked
against its schema; the file holds one entity per line (JSON lines), as FtM tools read it,
targets first, then sanctions, each in id order.

Sanction fields: ``entity`` (the target), ``authority`` (who imposes it), ``program`` (the
instrument), ``reason`` (the article's stated rationale), ``summary`` (our note),
``country`` (the authority's country), ``startDate`` (see :func:`date_prefix`) and, for
provenance, ``description``: the measure id and its evidence span in the seed article.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from followthemoney import model
from followthemoney.exc import InvalidData

from thawbook.dates.intervals import ISO_DAY
from thawbook.inputs.tables import data_dir, load_tables

INSTRUMENTS = ("sanctions", "export_controls", "purchase_ban", "restrictions")
LEFT_OUT = ("demand_to_lift", "warning")
SCHEMATA = {
    "person": "Person",
    "company": "Company",
    "government": "PublicBody",
    "ministry": "PublicBody",
    "military": "PublicBody",
    "think_tank": "Organization",
    "university": "Organization",
    "newspaper": "Organization",
    "party": "Organization",
    "forum": "Organization",
}
PROGRAMS = {
    "sanctions": "sanctions",
    "export_controls": "export controls",
    "purchase_ban": "purchase ban",
    "restrictions": "restrictions (unspecified)",
}
COUNTRIES = {"USA": "us", "CHN": "cn", "SGP": "sg", "RUS": "ru", "UKR": "ua", "JPN": "jp", "NLD": "nl"}
PREFIX = "thawbook-"
# Governments the article names by metonymy ("Washington") get their formal name; the
# article's word is kept as an alias.
FORMAL_NAMES = {
    "ac-us-government": "Government of the United States",
    "ac-china-government": "Government of the People's Republic of China",
}
# Measures the rules would take but that are not measures in force, with the reason.
EXCLUDED = {
    "me-allied-chip-rally": "an effort to get Japan and the Netherlands to impose controls, "
    "not a control the US imposes"
}


def measure_tables(directory: Path | None = None) -> dict[str, pd.DataFrame]:
    """The tables this module needs, validated."""
    return load_tables("measures", "actors", "events", directory=directory)


def date_prefix(start, end) -> str:
    """The most precise calendar date that contains the whole interval, as an FtM date prefix.

    ``2023-05-26..2023-05-26`` -> ``2023-05-26``; ``2023-05-22..2023-05-28`` -> ``2023-05``;
    ``2018-01-01..2018-12-31`` -> ``2018``; an interval across two years -> ``""``.
    """
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    for fmt in (ISO_DAY, "%Y-%m", "%Y"):
        if first.strftime(fmt) == last.strftime(fmt):
            return first.strftime(fmt)
    return ""


def exported_measures(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The measures that become Sanction entities (see the module docstring), in id order."""
    actors = tables["actors"].set_index("actor_id")
    measures = tables["measures"]
    kinds = measures["target"].map(actors["actor_type"])
    keep = (
        measures["instrument"].isin(INSTRUMENTS)
        & kinds.isin(list(SCHEMATA))
        & ~measures["measure_id"].isin(list(EXCLUDED))
    )
    return measures[keep].sort_values("measure_id").reset_index(drop=True)


def _checked(proxy):
    data = proxy.to_dict()
    proxy.schema.validate(data)
    missing = [name for name in proxy.schema.required if not proxy.has(name)]
    if missing:
        raise InvalidData(f"{proxy.schema.name} {proxy.id} lacks required {missing}")
    return proxy


def _add(proxy, prop: str, value) -> None:
    """Add a non-empty value, and fail if FtM's cleaning would drop it as invalid."""
    if value in (None, "") or (not isinstance(value, str) and pd.isna(value)):
        return
    before = len(proxy.get(prop))
    proxy.add(prop, value)
    if len(proxy.get(prop)) == before and str(value) not in proxy.get(prop):
        raise InvalidData(
            f"{proxy.schema.name}.{prop}: {value!r} is not a valid {proxy.schema.get(prop).type.name}"
        )


def target_entity(actor: pd.Series):
    """The FtM entity (Person, Company, PublicBody or Organization) for an actor row."""
    proxy = model.make_entity(SCHEMATA[actor["actor_type"]])
    proxy.id = PREFIX + actor.name
    _add(proxy, "name", FORMAL_NAMES.get(actor.name, actor["name"]))
    if actor.name in FORMAL_NAMES:
        _add(proxy, "alias", actor["name"])
    _add(proxy, "country", COUNTRIES.get(actor["country"], ""))
    _add(proxy, "description", actor["role"])
    return _checked(proxy)


def sanction_entity(measure: pd.Series, tables: dict[str, pd.DataFrame]):
    """The FtM ``Sanction`` entity for one measure row."""
    actors = tables["actors"].set_index("actor_id")
    events = tables["events"].set_index("event_id")
    authority = actors.loc[measure["imposed_by"]]
    proxy = model.make_entity("Sanction")
    proxy.id = PREFIX + measure["measure_id"]
    _add(proxy, "entity", PREFIX + measure["target"])
    _add(proxy, "authority", FORMAL_NAMES.get(measure["imposed_by"], authority["name"]))
    _add(proxy, "country", COUNTRIES.get(authority["country"], ""))
    _add(proxy, "program", PROGRAMS[measure["instrument"]])
    _add(proxy, "reason", measure["stated_rationale"])
    _add(proxy, "summary", measure["note"])
    _add(proxy, "description", f"{measure['measure_id']}: \u201c{measure['evidence']}\u201d (seed article)")
    if measure["event_id"]:
        event = events.loc[measure["event_id"]]
        _add(proxy, "startDate", date_prefix(event["date_start"], event["date_end"]))
    return _checked(proxy)


def entities(tables: dict[str, pd.DataFrame]) -> list:
    """Targets (in actor id order), then sanctions (in measure id order), all validated."""
    actors = tables["actors"].set_index("actor_id")
    chosen = exported_measures(tables)
    targets = [target_entity(actors.loc[actor_id]) for actor_id in sorted(set(chosen["target"]))]
    sanctions = [sanction_entity(row, tables) for _, row in chosen.iterrows()]
    return targets + sanctions


def measures_ftm_jsonl(tables: dict[str, pd.DataFrame]) -> str:
    """:func:`entities` as JSON lines (one ``EntityProxy.to_dict()`` per line, keys sorted)."""
    return "".join(
        json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n" for proxy in entities(tables)
    )


def write_measures_ftm(path: Path | None = None, tables: dict[str, pd.DataFrame] | None = None) -> Path:
    """Write the export (default ``data/measures.ftm.json``) and return its path."""
    path = Path(path or data_dir() / "measures.ftm.json")
    path.write_text(measures_ftm_jsonl(tables or measure_tables()), encoding="utf-8")
    return path
