"""Chapter 03's charts: the publication-date derivation, and every time word on a time axis.

They take the frames of :mod:`thawbook.analysis.dating`: :func:`publication_chart` draws
:func:`thawbook.analysis.dating.derivation_table`, :func:`mentions_chart` draws
:func:`thawbook.analysis.dating.account_for_temporal_expressions`.
"""

from __future__ import annotations

from datetime import timedelta

import altair as alt
import pandas as pd

from thawbook.analysis.dating import PUBLICATION
from thawbook.charts import theme
from thawbook.dates.intervals import Interval, iso

# Neutral tones for charts that show no side and no theme. The final interval is drawn in ink
# (light on the dark page: theme.DARK_SWAPS); the clues in a mid grey that reads on both pages,
# solid when they come from the article alone and hollow when they need outside knowledge, so
# that the three stay apart in both modes. The shaded band is the same grey, faint.
INK = theme.INK
LIGHT = theme.MARK_GREY
BAND_OPACITY = 0.22

EXCLUDED = "excluded (dates no event)"
#: Each panel's width: its row labels (about 100 px) beside it fit a phone's 342 px column.
PANEL_WIDTH = 210
MENTION_ROW_PX = 14  # an 11 px label per row, clear of the next in any font


def _bars(frame: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    """Add ``bar_start``/``bar_end`` (end + 1 day) so a one-day interval has a visible width."""
    out = frame.copy()
    out["bar_start"] = pd.to_datetime(out[start])
    out["bar_end"] = pd.to_datetime(out[end]) + timedelta(days=1)
    return out


def publication_chart(derivation: pd.DataFrame) -> alt.VConcatChart:
    """Each constraint's allowed dates as a bar, narrowing to the publication interval.

    Two panels share the rows: the whole allowed range (a year), and a close-up of the
    weeks around publication. The publication interval is drawn in ink and shaded behind
    every row; constraints that lean on outside knowledge are lighter.
    """
    data = _bars(derivation, "allowed_start", "allowed_end")
    data["row"] = [f"{s}. {c}" if s != "=" else f"= {c}" for s, c in zip(data["step"], data["constraint"])]
    data["kind"] = [
        PUBLICATION if s == "=" else ("needs outside knowledge" if o == "yes" else "from the article alone")
        for s, o in zip(data["step"], data["outside_knowledge"])
    ]
    data = data[["row", "kind", "bar_start", "bar_end", "allowed_start", "allowed_end", "days", "evidence"]]
    order = list(data["row"])
    final = data[data["kind"] == PUBLICATION].iloc[0]
    kinds = ["from the article alone", "needs outside knowledge", PUBLICATION]
    # Hollow means no fill at all (a transparent fill, which the legend's swatch shows as it is)
    # and a dashed outline, so that it differs from the solid grey by shape as well as by shade.
    colour = alt.Color(
        "kind:N", title="Constraint", scale=alt.Scale(domain=kinds, range=[LIGHT, "transparent", INK])
    )
    dashed = alt.StrokeDash(
        "kind:N", title="Constraint", scale=alt.Scale(domain=kinds, range=[[1, 0], [3, 2], [1, 0]])
    )
    tooltip = [
        alt.Tooltip("row:N", title="Step"),
        alt.Tooltip("allowed_start:N", title="Allowed from"),
        alt.Tooltip("allowed_end:N", title="Allowed to"),
        alt.Tooltip("days:Q", title="Days"),
        alt.Tooltip("evidence:N", title="Evidence"),
    ]

    def panel(domain, title, fmt):
        x = alt.X("bar_start:T", title=title, scale=alt.Scale(domain=domain), axis=alt.Axis(format=fmt))
        band = (
            alt.Chart(pd.DataFrame({"a": [final["bar_start"]], "b": [final["bar_end"]]}))
            .mark_rect(color=LIGHT, opacity=BAND_OPACITY)
            .encode(x=alt.X("a:T", scale=alt.Scale(domain=domain)), x2="b:T")
        )
        bars = (
            alt.Chart(data)
            .mark_bar(height=12, clip=True, strokeWidth=1.5)
            .encode(
                x=x,
                x2="bar_end:T",
                y=alt.Y("row:N", title=None, sort=order, axis=theme.wrapped_axis(22)),
                color=colour,
                stroke=alt.Stroke(
                    "kind:N", title="Constraint", scale=alt.Scale(domain=kinds, range=[LIGHT, LIGHT, INK])
                ),
                strokeDash=dashed,
                tooltip=tooltip,
            )
        )
        return (band + bars).properties(width=PANEL_WIDTH, height=34 * len(order))

    year = [f"{final['bar_start'].year}-01-01", f"{final['bar_start'].year + 1}-01-01"]
    close = [
        iso(final["bar_start"] - timedelta(days=14)),
        iso(final["bar_end"] + timedelta(days=5)),
    ]
    return alt.vconcat(
        panel(year, ["Allowed dates: the whole year"], "%b"),
        panel(close, ["Close-up: the weeks around publication"], "%d %b"),
        spacing=12,
        title=theme.phone_title(
            theme.wrap_text(
                f"{len(order) - 1} clues narrow the publication date to {int(final['days'])} days", 40
            ).split("\n"),
            subtitle=[
                f"Publication: {final['allowed_start']} to {final['allowed_end']} (shaded).",
                "Solid grey: a clue from the article alone; hollow,",
                "dashed: a clue that needs outside knowledge.",
            ],
        ),
    )


def mentions_chart(accounts: pd.DataFrame, published: Interval) -> alt.VConcatChart:
    """Every datable mention as an interval bar on a time axis, in two panels.

    The bar is the event's stored interval (coloured by the event's theme) or, for a mention
    that dates no event, the resolver's reading (grey). A thin black line marks the resolver's
    own reading for event mentions, as a thin line under the bar, so that disagreement would show.
    The top panel shows the whole range; the lower one the weeks before publication, where most
    mentions fall, with only the rows that reach into them.
    """
    data = accounts.copy()
    data["shown_start"] = [d or r for d, r in zip(data["date_start"], data["resolved_start"])]
    data["shown_end"] = [d or r for d, r in zip(data["date_end"], data["resolved_end"])]
    data = data[data["shown_start"] != ""]
    data = _bars(data, "shown_start", "shown_end")
    data["colour"] = [theme.label(t) if t else EXCLUDED for t in data["theme"]]
    data["label"] = [f"¶{p} {e}" for p, e in zip(data["paragraph"], data["expression"])]
    data = data.sort_values(["bar_start", "bar_end", "start"])
    data = data[
        [
            "label",
            "colour",
            "bar_start",
            "bar_end",
            "shown_start",
            "shown_end",
            "resolved_start",
            "resolved_end",
            "account_id",
            "agreement",
            "evidence",
        ]
    ]
    resolver = data[(data["colour"] != EXCLUDED) & (data["resolved_start"] != "")].copy()
    resolver["r_start"] = pd.to_datetime(resolver["resolved_start"])
    resolver["r_end"] = pd.to_datetime(resolver["resolved_end"]) + timedelta(days=1)
    present = theme.scale_present({**theme.THEME_COLORS, EXCLUDED: theme.PALE_GREY}, data["colour"])
    domain, colours = present.domain, present.range
    # A word that dates no event is hollow (no fill, a grey outline), in the bars and the legend.
    fills = ["transparent" if d == EXCLUDED else c for d, c in zip(domain, colours)]
    tooltip = [
        alt.Tooltip("label:N", title="Expression"),
        alt.Tooltip("shown_start:N", title="From"),
        alt.Tooltip("shown_end:N", title="To"),
        alt.Tooltip("agreement:N", title="Stored vs resolver"),
        alt.Tooltip("evidence:N", title="Evidence"),
    ]

    def panel(domain_x, title, fmt, close_up):
        """The rows that reach into the close-up's weeks, or (on the whole range) all the others."""
        ticks = {"tickCount": {"interval": "year", "step": 1}} if fmt == "%Y" else {}
        scale = alt.Scale(domain=domain_x)
        rows = data[reach if close_up else ~reach]
        shown = list(rows["label"])
        y = alt.Y("label:N", title=None, sort=shown, axis=alt.Axis(labelLimit=0, labelFontSize=11))
        pub = (
            alt.Chart(
                pd.DataFrame(
                    {
                        "a": [published.start.isoformat()],
                        "b": [(published.end + timedelta(days=1)).isoformat()],
                    }
                )
            )
            .mark_rect(color=LIGHT, opacity=BAND_OPACITY)
            .encode(x=alt.X("a:T", scale=scale), x2="b:T")
        )
        bars = (
            alt.Chart(rows)
            .mark_bar(height=7, yOffset=-2, clip=True, strokeWidth=1)
            .encode(
                # a year's label once a year (ticks twice a year printed each year twice)
                x=alt.X("bar_start:T", title=title, scale=scale, axis=alt.Axis(format=fmt, **ticks)),
                x2="bar_end:T",
                y=y,
                color=alt.Color("colour:N", title="Event theme", scale=alt.Scale(domain=domain, range=fills)),
                stroke=alt.Stroke(
                    "colour:N", title="Event theme", scale=alt.Scale(domain=domain, range=colours)
                ),
                tooltip=tooltip,
            )
        )
        check = (
            alt.Chart(resolver[resolver["label"].isin(shown)])
            .mark_bar(height=2, yOffset=5, color=INK, clip=True)
            .encode(
                x=alt.X("r_start:T", scale=scale),
                x2="r_end:T",
                y=y,
                tooltip=tooltip,
            )
        )
        return (pub + bars + check).properties(width=PANEL_WIDTH, height=MENTION_ROW_PX * len(shown))

    first = data["bar_start"].min().strftime("%Y-01-01")
    last = (data["bar_end"].max() + timedelta(days=31)).strftime("%Y-%m-01")
    close = [
        iso(pd.Timestamp(published.start) - timedelta(days=45)),
        iso(pd.Timestamp(published.end) + timedelta(days=4)),
    ]
    weeks = int((pd.Timestamp(close[1]) - pd.Timestamp(close[0])).days / 7)
    # the rows that reach into the close-up's weeks: the lower panel's, and its count
    reach = (data["bar_end"] > pd.Timestamp(close[0])) & (data["bar_start"] < pd.Timestamp(close[1]))
    close_rows = int(reach.sum())
    return alt.vconcat(
        panel([first, last], [f"The other {len(data) - close_rows}, on the whole range"], "%Y", False),
        panel(close, [f"The {close_rows} that reach the weeks before publication"], "%d %b", True),
        spacing=12,
        title=theme.phone_title(
            theme.wrap_text(
                f"{close_rows} of the article's {len(data)} time words reach into the {weeks} weeks "
                "before publication",
                40,
            ).split("\n"),
            subtitle=[
                "Bars: the event's stored interval, coloured by",
                "theme, or, hollow, the resolver's reading of a word",
                "that dates no event. Thin line under a bar: the",
                "resolver's own reading. Shaded: publication.",
            ],
        ),
    )
