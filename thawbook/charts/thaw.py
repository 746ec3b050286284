"""Chapter 10's charts: the weekly index, its QuadClasses, the event intervals, the domains and
the sensitivity to alternative codings. They take the frames of :mod:`thawbook.analysis.thaw`."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from thawbook.analysis.thaw import DOMAINS, WINDOW_END, WINDOW_START
from thawbook.charts import names, theme
from thawbook.dates.intervals import ISO_DAY, iso, iso_span
from thawbook.render.numbers import signed_text

# Okabe–Ito colours: cooperation in blues, conflict in warm colours.
QUAD_COLORS = {
    "verbal cooperation": theme.THEME_COLORS["climate_finance"],  # the deepened sky blue
    "material cooperation": theme.BLUE,
    "verbal conflict": theme.THEME_COLORS["business"],  # ochre
    "material conflict": theme.VERMILLION,
}
#: Verbal classes are hollow (an outline in their colour), material ones solid, so that the two
#: blues and the two warm colours differ by fill as well as by shade, in the marks and in the legend.
QUAD_FILLS = {quad: "transparent" if quad.startswith("verbal") else c for quad, c in QUAD_COLORS.items()}
DOMAIN_COLORS = {"economic": theme.THEME_COLORS["trade"], "military": theme.THEME_COLORS["military"]}
SCENARIO_COLORS = {"as coded": theme.BLUE, "alternative coding": theme.THEME_COLORS["business"]}


def _week_x() -> alt.X:
    """The weeks' axis of chapter 10's weekly charts: a label every fourth Monday."""
    return alt.X(
        "week_start:T",
        title="Week (Monday–Sunday)",
        axis=alt.Axis(
            format="%d %b",
            labelOverlap=True,
            labelSeparation=8,
            tickCount={"interval": "week", "step": 4},
        ),
    )


def _short(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    if "week_start" in frame and "week_start" in columns:
        # A week's bar spans its Monday to its Sunday (a day's gap to the next), at any width.
        frame = frame.assign(bar_last=pd.to_datetime(frame["week_start"]) + pd.Timedelta(days=6))
        columns = [*columns, "bar_last"]
    out = frame[columns].copy()
    for column in columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].map(iso)
    return out


# The weekly chart's key events are written in a strip above the bars, one row each, so that no
# two share a line; the bars keep a scale of their own whose domain is the data's.
KEY_LINE_PX = 13
KEY_CHARS = 30
BARS_PX = 240


def _nice_step(span: float) -> float:
    for step in (0.5, 1, 2, 5, 10, 20, 50):
        if span / step <= 5:
            return step
    return 100.0


def thaw_goldstein_chart(weekly: pd.DataFrame, coded: pd.DataFrame, key_events: list[str]) -> alt.LayerChart:
    """Weekly Goldstein sum as bars (blue above zero, vermillion below), key events labelled in a
    strip above them: the value axis spans the data only."""
    data = _short(
        weekly.assign(sign=weekly["goldstein"].ge(0).map({True: "cooperative", False: "conflictual"})),
        ["week_start", "week", "goldstein", "all events", "conflict", "sign", "events", "evidence"],
    )
    keys = coded[coded["event_id"].isin(key_events)].copy()
    keys["mid"] = keys["date_start"] + (keys["date_end"] - keys["date_start"]) / 2
    keys = keys.sort_values(["mid", "event_id"]).reset_index(drop=True)
    low = float(min(weekly["goldstein"].min(), 0.0))
    high = float(max(weekly["goldstein"].max(), 0.0))
    step = _nice_step(high - low or 1.0)
    lo, hi = step * (low // step), step * -(-high // step)
    keys["label"] = [theme.wrap_text(title, KEY_CHARS) for title in keys["title"]]
    # A label runs right of its line in the left half of the window and left of it in the right
    # half. Each line runs down from its label to zero, so the rows are ordered that no line
    # crosses a label below it: the left half's labels first, in time order, then the right
    # half's, latest first (a later line lies right of an earlier label's end).
    first, last = weekly["week_start"].min(), weekly["week_start"].max()
    keys["side"] = (keys["mid"] > first + (last - first) * 0.5).map({True: "right", False: "left"})
    later = keys["mid"].rank(method="first")
    keys = keys.assign(row=later.where(keys["side"] == "left", len(keys) * 2 - later)).sort_values("row")
    tall = keys["label"].str.count("\n").add(1).mul(KEY_LINE_PX).add(5)
    keys["py"] = tall.cumsum() - tall + 4
    strip = int(tall.sum()) + 8
    height = strip + BARS_PX
    zero_px = strip + (hi - 0.0) / ((hi - lo) or 1.0) * BARS_PX
    keys["line_top"] = keys["py"] + 2
    keys["zero_px"] = zero_px
    keys["from_day"], keys["to_day"] = (
        keys["date_start"].map(iso),
        keys["date_end"].map(iso),
    )
    x = _week_x()
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=x,
            x2="bar_last:T",
            y2=alt.datum(0),
            y=alt.Y(
                "goldstein:Q",
                title="Goldstein sum (weighted)",
                scale=alt.Scale(domain=[lo, hi], range=[height, strip], nice=False),
                axis=alt.Axis(values=[lo + step * n for n in range(int(round((hi - lo) / step)) + 1)]),
            ),
            color=alt.Color(
                "sign:N",
                title="Week's balance",
                scale=alt.Scale(
                    domain=["cooperative", "conflictual"],
                    range=[QUAD_COLORS["material cooperation"], QUAD_COLORS["material conflict"]],
                ),
                legend=alt.Legend(orient="bottom", direction="horizontal"),
            ),
            tooltip=[
                alt.Tooltip("week:N", title="ISO week"),
                alt.Tooltip("week_start:T", title="Monday", timeUnit="utcyearmonthdate", format=ISO_DAY),
                alt.Tooltip("goldstein:Q", title="Goldstein sum", format=".2f"),
                alt.Tooltip("all events:Q", title="Events (weighted)", format=".2f"),
                alt.Tooltip("events:N", title="Events (weight)"),
            ],
        )
    )
    keys = _short(
        keys,
        [
            "title",
            "label",
            "from_day",
            "to_day",
            "mid",
            "py",
            "line_top",
            "zero_px",
            "side",
            "cameo_code",
            "goldstein",
            "evidence",
        ],
    )
    tips = [
        alt.Tooltip("title:N", title="Event"),
        alt.Tooltip("from_day:N", title="From"),
        alt.Tooltip("to_day:N", title="To"),
        alt.Tooltip("cameo_code:N", title="CAMEO"),
        alt.Tooltip("goldstein:Q", title="Goldstein"),
        alt.Tooltip("evidence:N", title="Evidence"),
    ]
    pixels = alt.Scale(domain=[0, height], range=[0, height], nice=False, zero=False)
    spans = (
        alt.Chart(keys)
        .mark_rule(color=theme.MARK_GREY, strokeDash=[3, 3])
        .encode(
            x="mid:T",
            y=alt.Y("line_top:Q", scale=pixels, axis=None),
            y2="zero_px:Q",
            tooltip=tips,
        )
    )
    labels = [
        alt.Chart(keys[keys["side"] == side])
        .mark_text(
            align=side,
            dx=4 if side == "left" else -4,
            baseline="top",
            lineBreak="\n",
            lineHeight=KEY_LINE_PX,
            fontSize=11,
        )
        .encode(x="mid:T", y=alt.Y("py:Q", scale=pixels, axis=None), text="label:N", tooltip=tips)
        for side in ("left", "right")
    ]
    worst = weekly.loc[weekly["goldstein"].idxmin()]
    return (
        alt.layer(bars, spans, *labels)
        .resolve_scale(y="independent")
        .properties(
            width="container",
            height=height,
            title=theme.phone_title(
                [f"The most conflictual week starts {pd.Timestamp(worst['week_start']):%d %B}"],
                subtitle=(
                    "Goldstein sum per week, each event spread over the dates it could have; "
                    "above zero, a week is on balance cooperative. Dashed lines: key events"
                ),
            ),
        )
    )


def thaw_quad_chart(long: pd.DataFrame) -> alt.Chart:
    """Weighted event counts per week, stacked by QuadClass. Its tooltip names the week's events;
    their evidence is in the Goldstein chart's tooltip, so that each week's quotations are not
    carried four times (once per QuadClass) in the page."""
    data = _short(long, ["week_start", "week", "quad", "order", "weight", "events"])
    # Stacked here: with x2 (a week's span) Vega-Lite reads the bars as lying along x and would
    # draw each class as a thin band at its stacked top instead of a segment from its base.
    return (
        alt.Chart(data)
        .transform_stack(
            stack="weight", groupby=["week_start"], as_=["base", "top"], sort=[{"field": "order"}]
        )
        .mark_bar()
        .encode(
            x=_week_x(),
            x2="bar_last:T",
            y=alt.Y("base:Q", title="Events (weighted count)"),
            y2="top:Q",
            color=alt.Color("quad:N", title="QuadClass", scale=theme.scale_for(QUAD_FILLS, labelled=False)),
            stroke=alt.Stroke(
                "quad:N",
                title="QuadClass",
                scale=theme.scale_for(QUAD_COLORS, labelled=False),
                legend=alt.Legend(orient="bottom", columns=2),
            ),
            strokeWidth=alt.value(1.5),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("week:N", title="ISO week"),
                alt.Tooltip("quad:N", title="QuadClass"),
                alt.Tooltip("weight:Q", title="Weighted count", format=".2f"),
                alt.Tooltip("events:N", title="Events that week (weight)"),
            ],
        )
        .properties(
            width="container",
            height=240,
            title=theme.phone_title(
                "Events per week by QuadClass",
                subtitle=[
                    "Each event has weight 1, spread evenly over its",
                    "date interval; blues cooperate, ochre and red",
                    "conflict;",
                    "hollow: verbal, solid: material",
                ],
            ),
        )
    )


def thaw_intervals_chart(
    coded: pd.DataFrame, start: date = WINDOW_START, end: date = WINDOW_END
) -> alt.LayerChart:
    """Each scored event in the window as its date interval (a bar) at its Goldstein value."""
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    frame = coded[
        (coded["fit"] != "placeholder") & (coded["date_end"] >= first) & (coded["date_start"] <= last)
    ]
    frame = frame.assign(shown_end=frame["date_end"] + pd.Timedelta(days=1))
    data = _short(
        frame,
        [
            "title",
            "date_start",
            "date_end",
            "shown_end",
            "cameo_code",
            "label",
            "goldstein",
            "quad",
            "evidence",
        ],
    )
    base = alt.Chart(data).encode(
        x=alt.X(
            "date_start:T",
            title="Date (interval the article allows)",
            axis=alt.Axis(format="%d %b", labelOverlap=True, labelSeparation=8),
            scale=alt.Scale(domain=[iso(first), iso(last + pd.Timedelta(days=1))]),
        ),
        y=alt.Y("goldstein:Q", title="Goldstein value", scale=alt.Scale(domain=[-10, 10])),
        color=alt.Color("quad:N", title="QuadClass", scale=theme.scale_for(QUAD_FILLS, labelled=False)),
        stroke=alt.Stroke("quad:N", title="QuadClass", scale=theme.scale_for(QUAD_COLORS, labelled=False)),
        # date_start is read as a date for the axis: shown as an ISO day in UTC, never as epoch ms.
        tooltip=[
            alt.Tooltip("title:N", title="Event"),
            alt.Tooltip("date_start:T", title="From", timeUnit="utcyearmonthdate", format=ISO_DAY),
            alt.Tooltip("date_end:N", title="To"),
            alt.Tooltip("cameo_code:N", title="CAMEO"),
            alt.Tooltip("label:N", title="CAMEO label"),
            alt.Tooltip("goldstein:Q", title="Goldstein"),
            alt.Tooltip("evidence:N", title="Evidence"),
        ],
    )
    # stack=None: without it vega-lite stacks the bars on their value and draws them with no width.
    bars = base.mark_bar(height=7, cornerRadius=2).encode(
        x2="shown_end:T",
        y=alt.Y("goldstein:Q", title="Goldstein value", scale=alt.Scale(domain=[-10, 10]), stack=None),
    )
    ticks = base.mark_tick(thickness=2, size=12)
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color=theme.MARK_GREY).encode(y="y:Q")
    chart = (zero + bars + ticks).properties(
        width="container",
        height=280,
        title=theme.phone_title(
            "Every scored event in the window, as an interval",
            subtitle=[
                "Bar length: the dates the article allows;",
                "height: the code's Goldstein value (−10 to +10);",
                "hollow: verbal, solid: material",
            ],
        ),
    )
    listed = data.sort_values(["date_start", "title"])
    listed = listed.assign(
        when=[iso_span(a, b) for a, b in zip(listed["date_start"], listed["date_end"])],
        value=[f"Goldstein value {signed_text(g)}" for g in listed["goldstein"]],
    )
    return names.with_names(chart, names.name_lines(listed, notes=("when", "value")))


def thaw_domains_chart(by_domain: pd.DataFrame) -> alt.VConcatChart:
    """Weekly Goldstein sum of the economic and the military events, one panel per domain, one
    above the other on a shared scale; each panel takes its column's width (a facet's panels
    cannot: on a desktop they stayed a phone's width)."""
    data = _short(
        by_domain, ["domain", "week_start", "week", "goldstein", "all events", "events", "evidence"]
    )
    colors = DOMAIN_COLORS

    def panel(domain: str) -> alt.Chart:
        return (
            alt.Chart(data[data["domain"] == domain], title=alt.Title(domain.capitalize(), fontSize=13))
            .mark_bar()
            .encode(
                x2="bar_last:T",
                x=_week_x(),
                y=alt.Y("goldstein:Q", title="Goldstein sum"),
                color=alt.Color(
                    "domain:N",
                    title="Domain",
                    scale=alt.Scale(domain=list(colors), range=list(colors.values())),
                ),
                tooltip=[
                    alt.Tooltip("domain:N", title="Domain"),
                    alt.Tooltip("week:N", title="ISO week"),
                    alt.Tooltip("goldstein:Q", title="Goldstein sum", format=".2f"),
                    alt.Tooltip("all events:Q", title="Events (weighted)", format=".2f"),
                    alt.Tooltip("events:N", title="Events (weight)"),
                ],
            )
            .properties(width="container", height=140)
        )

    return (
        alt.vconcat(*(panel(domain) for domain in DOMAINS))
        .resolve_scale(x="shared", y="shared")
        .properties(
            title=theme.phone_title(
                "Economic and military events, week by week",
                subtitle=[
                    "Weighted Goldstein sum per week; economic: trade,",
                    "business and climate finance events",
                ],
            )
        )
    )


def thaw_sensitivity_chart(both: pd.DataFrame) -> alt.LayerChart:
    """The weekly Goldstein sum as coded and under the alternative coding, as two step lines: a
    week's total holds for the whole week, so it is drawn flat across it, never as a curve."""
    data = _short(both, ["scenario", "week_start", "week", "goldstein", "all events", "events"])
    colors = SCENARIO_COLORS
    lines = (
        alt.Chart(data)
        .mark_line(point=True, interpolate="step-after", strokeWidth=2)
        .encode(
            x=alt.X("week_start:T", title="Week (Monday–Sunday)", axis=alt.Axis(format="%d %b")),
            y=alt.Y("goldstein:Q", title="Goldstein sum (weighted)"),
            color=alt.Color(
                "scenario:N",
                title="Coding",
                scale=alt.Scale(domain=list(colors), range=list(colors.values())),
            ),
            strokeDash=alt.StrokeDash(
                "scenario:N", title="Coding", scale=alt.Scale(domain=list(colors), range=[[1, 0], [6, 3]])
            ),
            tooltip=[
                alt.Tooltip("scenario:N", title="Coding"),
                alt.Tooltip("week:N", title="ISO week"),
                alt.Tooltip("goldstein:Q", title="Goldstein sum", format=".2f"),
                alt.Tooltip("events:N", title="Events (weight)"),
            ],
        )
    )
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color=theme.MARK_GREY).encode(y="y:Q")
    return (zero + lines).properties(
        width="container",
        height=260,
        title=theme.phone_title(
            "The weekly index under the main and the alternative coding",
            subtitle=[
                "One step per week: its total holds from Monday to Sunday.",
                "Recoded at once: the jet intercept, Mao Ning's call, the balloon",
            ],
        ),
    )
