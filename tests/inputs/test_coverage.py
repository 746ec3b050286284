"""Nothing in the article is lost: every quotation and every named actor is in the data.

The tests find what to look for in the seed with patterns, never from a hand-typed list of
what the data already holds, and print the coverage figures for the CI log.
(Temporal expressions are covered in tests/analysis/test_dating.py.)
"""

from __future__ import annotations

import re

from thawbook.inputs.seed import read_seed
from thawbook.inputs.tables import load_tables

TEXT = read_seed()

# Words that open a capitalised run but are not part of a name: sentence openers and titles.
LEADING = {
    "And",
    "But",
    "The",
    "For",
    "When",
    "Even",
    "In",
    "First",
    "Then",
    "On",
    "Last",
    "They",
    "We",
    "You",
    "As",
    "That",
    "Although",
    "Seeking",
    "Bipartisan",
    "Geopolitical",
    "Mr",
    "Mr.",
    "Professor",
    "Ambassador",
    "President",
    "Defense",
    "Secretary",
    "Finance",
    "Minister",
    "Public",
    "Policy",
    "China",
    "Chinese",
}
# Capitalised words that are places, peoples, terms or dates, with the reason they are no actor.
NOT_ACTORS = {
    "Vienna": "place of a meeting",
    "Singapore": "place of the Shangri-La Dialogue",
    "San Francisco": "place of APEC",
    "Shanghai": "place (Fudan University's city)",
    "South China Sea": "sea area",
    "Taiwan": "place, a risk of conflict",
    "US-China": "adjective",
    "US-based": "adjective",
    "American": "adjective",
    "Covid": "part of the term “Covid zero”",
    "Establish Any": "headline words",
    "Wants To Establish Any": "headline words",
    "Tenuous' Terms With The US": "headline words",
    "Lloyd J. Austin III": "covered as ac-lloyd-austin",
}
ALIASES = {
    "Beijing": "Chinese government",
    "Washington": "Washington",
    "US": "Washington",
    "United States": "Washington",
    "Moscow": "Russia",
    "Mr Qin": "Qin Gang",
    "Li": "Li Shangfu",
    "Austin": "Lloyd J. Austin III",
    "Musk": "Elon Musk",
    "Shen": "Shen Dingli",
    "Bush": "Bush administration",
    "Obama": "Obama administration",
    "Asia-Pacific Economic Cooperation": "Asia-Pacific Economic Cooperation forum",
    "US German Marshall Fund": "US German Marshall Fund",
    "Lee Kuan Yew High School": "Lee Kuan Yew High School",
}
DATES = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
}


def capitalised_names(text: str) -> set[str]:
    """Runs of capitalised words (allowing 'of'/'the' inside), trimmed of openers and titles."""
    names = set()
    for run in re.findall(r"[A-Z][\w'’.-]*(?:[ ](?:of |the )?[A-Z][\w'’.-]*)*", text):
        for part in re.split(r"\.\s+|\.$", run):
            words = [w for w in part.split(" ") if w]
            while words and words[0].rstrip(".") in {w.rstrip(".") for w in LEADING}:
                words.pop(0)
            name = re.sub(r"['’]s$", "", " ".join(words)).rstrip(".")
            if name and name not in DATES and name not in {"Last Friday", "On Thursday", "On Tuesday"}:
                names.add(name)
    return names


def test_every_curly_quotation_is_a_row_of_quotes():
    quotes = load_tables("quotes")["quotes"]
    spans = [(m.start(), m.group(1)) for m in re.finditer("“([^”]*)”", TEXT)]
    covered = 0
    for start, words in spans:
        match = quotes[
            (quotes["evidence_start"] <= start) & (quotes["evidence_end"] > start) & (quotes["text"] == words)
        ]
        covered += len(match) == 1
    print(
        f"quotations: {covered} of {len(spans)} curly-quoted spans have exactly one row "
        f"({covered / len(spans):.0%}); quotes.csv has {len(quotes)} rows"
    )
    assert covered == len(spans) == len(quotes)


def test_every_named_actor_is_in_actors():
    actors = load_tables("actors")["actors"]
    known = set(actors["name"])
    names = capitalised_names(TEXT)
    missing = []
    for name in sorted(names):
        if name in NOT_ACTORS:
            continue
        target = ALIASES.get(name, name)
        if not any(target == k or target in k or k in target for k in known):
            missing.append(name)
    print(
        f"named actors: {len(names) - len(missing)} of {len(names)} capitalised names are actors or "
        f"explained ({len(NOT_ACTORS)} explained as places, terms or headline words); "
        f"actors.csv has {len(actors)} rows"
    )
    assert not missing, f"named in the article but not in actors.csv: {missing}"


def test_every_person_is_grounded_by_evidence_that_names_them():
    actors = load_tables("actors")["actors"]
    people = actors[actors["actor_type"] == "person"]
    unnamed = [row.actor_id for row in people.itertuples() if row.name.split()[-1] not in row.evidence]
    print(f"people: {len(people)}, each grounded by a span that names them")
    assert not unnamed
