"""The events a chart draws, named in words beside it.

A chart whose marks are named only in their tooltips leaves a reader who cannot hover (or who
does not think to tap) with unnamed bars. :func:`with_names` attaches the names of the events
a chart draws to the chart itself (Vega-Lite's ``usermeta``, which Vega ignores), and the build
writes them under the chart as a list that opens with one tap
(:func:`thawbook.render.chart_assets.names_markup`).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

#: The key of a chart's ``usermeta`` that holds its list of names.
NAMES_KEY = "thawbook_names"


def name_lines(rows: pd.DataFrame, label: str = "title", notes: tuple[str, ...] = ()) -> list[str]:
    """Each row as "label: note; note" in the rows' order; a line that repeats is kept once
    (an event drawn as a bar and a point is one event)."""
    lines = []
    for _, row in rows.iterrows():
        said = "; ".join(str(row[n]) for n in notes if pd.notna(row[n]) and str(row[n]))
        lines.append(f"{row[label]}: {said}" if said else str(row[label]))
    return list(dict.fromkeys(lines))


def with_names(chart: alt.TopLevelMixin, names: list[str], what: str = "events") -> alt.TopLevelMixin:
    """``chart`` carrying ``names``, under the heading "The <n> <what> in this chart, by name"."""
    heading = f"The {len(names)} {what} in this chart, by name"
    return chart.properties(usermeta={NAMES_KEY: {"heading": heading, "names": list(names)}})
