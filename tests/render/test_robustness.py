"""The robustness marks and the register's entries: short, linked, and in words, never ids."""

from __future__ import annotations

import re

from thawbook.findings import readings, register
from thawbook.render import robustness

ID = re.compile(r"(?<![\w-])(?:co|ta|al|me|ev|cx|ac)-[a-z0-9]+(?:-[a-z0-9]+)+")


def test_every_reading_is_named_in_words():
    tables = register.tables()
    named = [robustness.reading_words(r, tables) for r in readings.alternatives(tables)]
    assert len(set(named)) == len(named)
    assert not [n for n in named if ID.search(n)], named
    # the check itself can fail: a label that carries an id is caught
    assert ID.search("coding al-mao-ning-appeal")


def test_a_fragile_entry_names_its_readings_and_what_it_becomes():
    week = readings.Reading("week-monday", "weeks from Monday only", week_start="monday")
    text = robustness.entry("x-y", "X is 3.", False, 16, [week], "X is 2.", {}, "fails", "because.")
    assert text.startswith("(finding-x-y)=\n**⚠ depends on the week convention.** X is 3.")
    assert "*weeks counted from Monday only*" in text and "“X is 2.”" in text
    assert "it fails." in text
    robust = robustness.entry("x-z", "Y.", True, 16, [], "", {}, "not applicable")
    assert robust == "(finding-x-z)=\n**✓ holds under all 16 readings.** Y."


def test_a_mark_stays_short_whatever_breaks_the_finding():
    every_kind = [
        readings.Reading(week_start="sunday"),
        readings.Reading(placement="end"),
        readings.Reading(codings=("a",)),
        readings.Reading(themes=("b",)),
        readings.Reading(attribution="own-words"),
    ]
    assert (
        robustness.mark_text(False, 16, every_kind) == "⚠ depends on 5 of the choices the article leaves open"
    )
    assert robustness.mark("f", True, 18) == "{ref}`✓ holds under all 18 readings <finding-f>`"
