"""Every chart of the book uses a desktop's column, as the page draws it at 1,400 px.

At a 1,400 px window the book's content column is 768 px wide. A chart designed for a phone's
342 px column first must still spread its marks and texts across most of that width there, not
keep a phone's width in a corner of the page. The chart is compiled as the build compiles it
(``thawbook.render.chart_assets``), drawn by vl-convert at the column's width, and measured from
its leftmost to its rightmost drawn item (marks clipped to their view, texts by their box).
"""

from __future__ import annotations

import copy

import pytest
import vl_convert

from tests.whole.test_chart_geometry import PHONE_FONT, SPECS, at_width, chart_title, flatten, text_box
from thawbook.render import chart_assets

DESKTOP_COLUMN_PX = 768  # the content column in a 1,400 px window (pydata-sphinx-theme)
MIN_SHARE = 0.8


def used_width(spec: dict, column: float = DESKTOP_COLUMN_PX) -> float:
    """How much of a ``column`` px container the chart's drawn items span, left to right."""
    spec = copy.deepcopy(spec)
    spec.setdefault("config", {})["font"] = PHONE_FONT
    vega = at_width(chart_assets.compile_chart(spec)["spec"], column)
    lefts, rights = [], []
    for entry in flatten(vl_convert.vega_to_scenegraph(vega)["scenegraph"]):
        item = entry["item"]
        if entry["marktype"] == "group":
            continue
        if entry["marktype"] == "text":
            box = text_box(entry)
            if not box:
                continue
            left, right = box[0], box[2]
        else:
            ends = [entry["x"], entry["x"] + (item.get("width") or 0)]
            if item.get("x2") is not None:
                ends.append(entry["x"] - (item.get("x") or 0) + item["x2"])
            left, right = min(ends), max(ends)
        if entry["clip"] and entry["cell"]:
            cell_x, _, cell_width, _ = entry["cell"]
            left, right = max(left, cell_x), min(right, cell_x + cell_width)
            if right < left:
                continue
        lefts.append(left)
        rights.append(right)
    return max(rights) - min(lefts)


@pytest.mark.parametrize("name", sorted(SPECS))
def test_chart_spans_most_of_a_desktop_column(name):
    used = used_width(SPECS[name])
    print(f"{name} ({chart_title(SPECS[name])[:50]}): {used:.0f} of {DESKTOP_COLUMN_PX} px")
    assert used >= MIN_SHARE * DESKTOP_COLUMN_PX, (
        f"{name} spans {used:.0f} px of a {DESKTOP_COLUMN_PX} px column (at least {MIN_SHARE:.0%})"
    )


def test_a_chart_that_keeps_a_phones_width_on_a_desktop_is_caught():
    # A facet's panels cannot take their container's width: the build draws them a phone's width.
    wide = {
        "data": {"values": [{"a": "x", "b": 1, "f": "one"}, {"a": "y", "b": 2, "f": "two"}]},
        "width": "container",
        "height": 60,
        "mark": "bar",
        "encoding": {"y": {"field": "a", "type": "nominal"}, "x": {"field": "b", "type": "quantitative"}},
    }
    narrow = {
        "data": wide["data"],
        "facet": {"row": {"field": "f", "type": "nominal"}},
        "spec": {k: v for k, v in wide.items() if k != "data"},
    }
    assert used_width(narrow) < MIN_SHARE * DESKTOP_COLUMN_PX <= used_width(wide)
