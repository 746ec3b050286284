"""Numbers as the book prints them in prose: a whole number without decimals ("6 weighted
events", not "6.0"), and a negative one with a true minus sign (U+2212, "−28.9"), not a hyphen.

:func:`shown` wraps a number glued into prose so that its text (what ``{glue:text}`` prints) is
written so, while it stays the same number for every comparison and format.
"""

from __future__ import annotations

import numbers

MINUS = "\N{MINUS SIGN}"


def number_text(value) -> str:
    """``value`` written for a reader: integers and whole floats without decimals, other floats
    by their shortest exact form, a negative with a minus sign."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return str(value)
    if isinstance(value, numbers.Integral) or float(value).is_integer():
        text = str(int(value))
    else:
        text = repr(float(value))
    return MINUS + text[1:] if text.startswith("-") else text


def signed_text(value: float) -> str:
    """A score with its sign and one decimal, with a true minus sign: "+1.3", "−0.1"."""
    return f"{value:+.1f}".replace("-", MINUS)


class ShownInt(int):
    """An integer that prints as :func:`number_text` writes it."""

    def __repr__(self) -> str:
        return number_text(int(self))

    __str__ = __repr__


class ShownFloat(float):
    """A float that prints as :func:`number_text` writes it."""

    def __repr__(self) -> str:
        return number_text(float(self))

    __str__ = __repr__


def shown(value):
    """``value`` as the prose prints it: a whole number as an integer, a negative one with a minus
    sign; anything that is not a number (or is a bool) as it is."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return value
    if isinstance(value, numbers.Integral) or float(value).is_integer():
        return ShownInt(int(value))
    return ShownFloat(float(value))


#: How far one event's Goldstein value can reach either side of zero (the scale runs −10 to +10).
GOLDSTEIN_BOUND = 10


def score_range(events) -> str:
    """The range a sum of Goldstein values over ``events`` weighted events could take, in words:
    "−60 to +60" for 6, so that a sum is read against its scale."""
    bound = number_text(round(GOLDSTEIN_BOUND * float(events), 1))
    return f"{MINUS}{bound} to +{bound}"


def score_ranges(items) -> list[tuple[str, str]]:
    """For each glued count of weighted events ``<x>_events`` glued beside its Goldstein sum
    ``<x>_goldstein``, the range that sum could take (:func:`score_range`), glued as ``<x>_range``."""
    values = dict(items)
    return [
        (name.removesuffix("_events") + "_range", score_range(value))
        for name, value in values.items()
        if name.endswith("_events") and name.removesuffix("_events") + "_goldstein" in values
    ]
