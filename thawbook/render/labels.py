"""The labels readers see for the data's field names, and which fields hold enums, from
``data/datapackage.json``: shared by the tables (display) and the data dictionary."""

from __future__ import annotations

import re

from thawbook.inputs.tables import descriptor as load_descriptor

# ---------------------------------------------------------------- labels for readers
#: Words written with their capitals when an enum value is humanised: acronyms and proper names
#: (``us government`` -> ``US government``, ``china government`` -> ``China government``).
CASED_WORDS = {
    "us": "US",
    "china": "China",
    "prc": "PRC",
    "un": "UN",
    "eu": "EU",
    "cameo": "CAMEO",
    "plover": "PLOVER",
    "ccp": "CCP",
    "pla": "PLA",
    "edtf": "EDTF",
    "url": "URL",
    "id": "ID",
    "gdelt": "GDELT",
}
_ENUM_VALUE = re.compile(r"^[a-z][a-z0-9_]*( [a-z0-9_]+)*$")


def humanise(value, *, capital: bool = True) -> str:
    """An enum value as words, the package's one label humaniser: ``scare_quote`` -> ``Scare
    quote``, ``us government`` -> ``US government``; ``True``/``False`` -> ``yes``/``no``.
    ``capital=False`` leaves the first word as it is, for charts and running text
    (``export_controls`` -> ``export controls``, ``us_government`` -> ``US government``).
    Anything that is not an enum value is returned as text."""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "yes" if value else "no"
    text = str(value)
    if not _ENUM_VALUE.match(text):
        return text
    words = [CASED_WORDS.get(word, word) for word in text.replace("_", " ").split(" ")]
    if capital:
        first = words[0]
        words[0] = first if first.isupper() else first[:1].upper() + first[1:]
    return " ".join(words)


#: Columns the package derives (they are in no CSV), named for readers. Every other column is
#: named by its field's ``title`` in ``data/datapackage.json``: see :func:`labels`.
DERIVED_LABELS = {
    "text_rank": "Order told",
    "time_rank": "Order in time",
    "with_rationale": "With a rationale",
    "without_rationale": "Without a rationale",
    "quad_class": "QuadClass",
    "goldstein": "Goldstein scale",
    "kind_label": "Kind",
    "us_party_name": "US party",
    "china_party_name": "Chinese party",
    "start": "Start date",
    "end": "End date",
    "actor1": "Main actor",
    "actor2": "Counterpart",
    "week_events": "Events that week",
    "week_goldstein": "Goldstein sum that week",
    "cameo_code": "CAMEO code",
    "root_code": "CAMEO root code",
    "source_url": "Source URL",
}


def field_labels(descriptor: dict | None = None) -> dict[str, str]:
    """The one map from field names to the labels readers see, taken from the field ``title``\\ s
    of ``data/datapackage.json`` (plus :data:`DERIVED_LABELS`). CSVs keep the raw names.

    A field named in several resources takes the title it has in the resource whose primary
    key it is (``event_id`` is "Event ID" everywhere), else its first title in package order."""
    package = descriptor or load_descriptor()
    out: dict[str, str] = {}
    keyed: dict[str, str] = {}
    for resource in package["resources"]:
        primary = resource["schema"].get("primaryKey", [])
        primary = [primary] if isinstance(primary, str) else list(primary)
        for field in resource["schema"]["fields"]:
            title = field.get("title")
            if not title:
                continue
            out.setdefault(field["name"], title)
            if field["name"] in primary and len(primary) == 1:
                keyed.setdefault(field["name"], title)
    out.update(keyed)
    out.update(DERIVED_LABELS)
    return out


def enum_fields(descriptor: dict | None = None) -> set[str]:
    """Names of the fields whose values are enums (lowercase words a reader sees humanised)."""
    package = descriptor or load_descriptor()
    return {
        field["name"]
        for resource in package["resources"]
        for field in resource["schema"]["fields"]
        if "enum" in field.get("constraints", {})
    }
