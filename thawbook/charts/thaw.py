"""Chapter 10's charts: the weekly index, its QuadClasses, the event intervals, the domains and
the sensitivity to alternative codings. They take the frames of :mod:`thawbook.analysis.thaw`."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from thawbook.analysis.thaw import DOMAINS, WINDOW_END, WINDOW_START
from thawbook.charts import theme

# Okabe–Ito colours: cooperation in blues, conflict in warm colours.
QUAD_COLORS = {
    "verbal cooperation": "#56B4E9",
    "material cooperation": "#0072B2",
    "verbal conflict": "#E69F00",
    "material conflict": "#D55E00",
}
DOMAIN_COLORS = {"economic": theme.THEME_COLORS["trade"], "military": theme.THEME_COLORS["military"]}
SCENARIO_COLORS = {"as coded": "#0072B2", "alternative coding": "#E69F00"}


def _short(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    out = frame[columns].copy()
    for column in columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out


def thaw_goldstein_chart(weekly: pd.DataFrame, coded: pd.DataFrame, key_events: list[str]) -> alt.LayerChart:
    """Weekly Goldstein sum as bars (blue above zero, vermillion below), key events labelled above."""
    data = _short(
        weekly.assign(sign=weekly["goldstein"].ge(0).map({True: "cooperative", False: "conflictual"})),
        ["week_start", "week", "goldstein", "all events", "conflict", "sign", "events", "evidence"],
    )
    keys = coded[coded["event_id"].isin(key_events)].copy()
    keys["mid"] = keys["date_start"] + (keys["date_end"] - keys["date_start"]) / 2
    keys = keys.sort_values(["mid", "event_id"]).reset_index(drop=True)
    top = float(max(weekly["goldstein"].max(), 1.0))
    # One row per key event above the bars, so that no two labels share a line; a label runs
    # left of its line in the right half of the window, and breaks into short lines, so that
    # it stays in the view on a phone too. The rows take about as much height as the bars.
    step = 1.4 * (top - float(min(weekly["goldstein"].min(), 0.0))) / (len(keys) + 0.6)
    keys["y"] = top + step * (0.8 + keys.index)
    first, last = weekly["week_start"].min(), weekly["week_start"].max()
    keys["side"] = (keys["mid"] > first + (last - first) * 0.5).map({True: "right", False: "left"})
    keys["label"] = [theme.wrap_text(title, 28) for title in keys["title"]]
    keys["from_day"], keys["to_day"] = (
        keys["date_start"].dt.strftime("%Y-%m-%d"),
        keys["date_end"].dt.strftime("%Y-%m-%d"),
    )
    y_top = float(keys["y"].max() + step * 0.6) if len(keys) else top
    bars = (
        alt.Chart(data)
        .mark_bar(width=14)
        .encode(
            x=alt.X(
                "week_start:T",
                title="Week (Monday–Sunday)",
                axis=alt.Axis(
                    format="%d %b",
                    labelOverlap=True,
                    labelSeparation=8,
                    tickCount={"interval": "week", "step": 4},
                ),
            ),
            y=alt.Y(
                "goldstein:Q", title="Goldstein sum (weighted)", scale=alt.Scale(domainMax=y_top, nice=False)
            ),
            color=alt.Color(
                "sign:N",
                title="Week's balance",
                scale=alt.Scale(
                    domain=["cooperative", "conflictual"],
                    range=[QUAD_COLORS["material cooperation"], QUAD_COLORS["material conflict"]],
                ),
            ),
            tooltip=[
                alt.Tooltip("week:N", title="ISO week"),
                alt.Tooltip("week_start:T", title="Monday", timeUnit="utcyearmonthdate", format="%Y-%m-%d"),
                alt.Tooltip("goldstein:Q", title="Goldstein sum", format=".2f"),
                alt.Tooltip("all events:Q", title="Events (weighted)", format=".2f"),
                alt.Tooltip("events:N", title="Events (weight)"),
            ],
        )
    )
    keys = _short(
        keys,
        ["title", "label", "from_day", "to_day", "mid", "y", "side", "cameo_code", "goldstein", "evidence"],
    )
    tips = [
        alt.Tooltip("title:N", title="Event"),
        alt.Tooltip("from_day:N", title="From"),
        alt.Tooltip("to_day:N", title="To"),
        alt.Tooltip("cameo_code:N", title="CAMEO"),
        alt.Tooltip("goldstein:Q", title="Goldstein"),
        alt.Tooltip("evidence:N", title="Evidence"),
    ]
    spans = (
        alt.Chart(keys)
        .mark_rule(color=theme.NEUTRAL, strokeDash=[3, 3])
        .encode(x="mid:T", y="y:Q", y2=alt.datum(0), tooltip=tips)
    )
    labels = [
        alt.Chart(keys[keys["side"] == side])
        .mark_text(
            align=side,
            dx=4 if side == "left" else -4,
            baseline="middle",
            lineBreak="\n",
            fontSize=11,
            color=theme.INK,
        )
        .encode(x="mid:T", y="y:Q", text="label:N", tooltip=tips)
        for side in ("left", "right")
    ]
    return alt.layer(bars, spans, *labels).properties(
        width=620,
        height=480,
        title=alt.Title(
            "The thaw week by week: weighted Goldstein sum",
            subtitle="Imprecisely dated events are spread over their interval; placeholders left out",
        ),
    )


def thaw_quad_chart(long: pd.DataFrame) -> alt.Chart:
    """Weighted event counts per week, stacked by QuadClass."""
    data = long[["week_start", "week", "quad", "order", "weight", "events", "evidence"]].assign(
        week_start=long["week_start"].dt.strftime("%Y-%m-%d")
    )
    return (
        alt.Chart(data)
        .mark_bar(width=14)
        .encode(
            x=alt.X(
                "week_start:T",
                title="Week (Monday–Sunday)",
                axis=alt.Axis(
                    format="%d %b",
                    labelOverlap=True,
                    labelSeparation=8,
                    tickCount={"interval": "week", "step": 4},
                ),
            ),
            y=alt.Y("weight:Q", title="Events (weighted count)", stack="zero"),
            color=alt.Color("quad:N", title="QuadClass", scale=theme.scale_for(QUAD_COLORS, labelled=False)),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("week:N", title="ISO week"),
                alt.Tooltip("quad:N", title="QuadClass"),
                alt.Tooltip("weight:Q", title="Weighted count", format=".2f"),
                alt.Tooltip("events:N", title="Events that week (weight)"),
                alt.Tooltip("evidence:N", title="Evidence"),
            ],
        )
        .properties(
            width=620,
            height=260,
            title=alt.Title(
                "Events per week by QuadClass",
                subtitle="Each event has weight 1, spread evenly over its date interval",
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
            scale=alt.Scale(
                domain=[first.strftime("%Y-%m-%d"), (last + pd.Timedelta(days=1)).strftime("%Y-%m-%d")]
            ),
        ),
        y=alt.Y("goldstein:Q", title="Goldstein value", scale=alt.Scale(domain=[-10, 10])),
        color=alt.Color("quad:N", title="QuadClass", scale=theme.scale_for(QUAD_COLORS, labelled=False)),
        # date_start is read as a date for the axis: shown as an ISO day in UTC, never as epoch ms.
        tooltip=[
            alt.Tooltip("title:N", title="Event"),
            alt.Tooltip("date_start:T", title="From", timeUnit="utcyearmonthdate", format="%Y-%m-%d"),
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
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color=theme.NEUTRAL).encode(y="y:Q")
    return (zero + bars + ticks).properties(
        width=620,
        height=300,
        title=alt.Title(
            "Every scored event in the window, as an interval",
            subtitle="Bar length is the date range the article allows; height is the code's Goldstein value",
        ),
    )


def thaw_domains_chart(by_domain: pd.DataFrame) -> alt.FacetChart:
    """Weekly Goldstein sum of the economic and the military events, one panel per domain."""
    data = _short(
        by_domain, ["domain", "week_start", "week", "goldstein", "all events", "events", "evidence"]
    )
    colors = DOMAIN_COLORS
    return (
        alt.Chart(data)
        .mark_bar(width=14)
        .encode(
            x=alt.X(
                "week_start:T",
                title="Week (Monday–Sunday)",
                axis=alt.Axis(
                    format="%d %b",
                    labelOverlap=True,
                    labelSeparation=8,
                    tickCount={"interval": "week", "step": 4},
                ),
            ),
            # A title shorter than the panel is high: a longer one runs into the next panel.
            y=alt.Y("goldstein:Q", title="Goldstein sum"),
            color=alt.Color(
                "domain:N", title="Domain", scale=alt.Scale(domain=list(colors), range=list(colors.values()))
            ),
            tooltip=[
                alt.Tooltip("domain:N", title="Domain"),
                alt.Tooltip("week:N", title="ISO week"),
                alt.Tooltip("goldstein:Q", title="Goldstein sum", format=".2f"),
                alt.Tooltip("all events:Q", title="Events (weighted)", format=".2f"),
                alt.Tooltip("events:N", title="Events (weight)"),
            ],
        )
        .properties(width=620, height=160)
        .facet(
            row=alt.Row("domain:N", title=None, sort=list(DOMAINS), header=alt.Header(labelFontSize=13)),
        )
        .properties(
            title=alt.Title(
                "Economic and military events, week by week",
                subtitle="Weighted Goldstein sum; economic: trade, business, climate finance; military: military",
            )
        )
    )


def thaw_sensitivity_chart(both: pd.DataFrame) -> alt.LayerChart:
    """The weekly Goldstein sum as coded and under the alternative coding, as two step lines."""
    data = _short(both, ["scenario", "week_start", "week", "goldstein", "all events", "events"])
    colors = SCENARIO_COLORS
    lines = (
        alt.Chart(data)
        .mark_line(point=True, interpolate="monotone", strokeWidth=2)
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
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color=theme.NEUTRAL).encode(y="y:Q")
    return (zero + lines).properties(
        width=620,
        height=300,
        title=alt.Title(
            "The weekly curve under the main and the alternative coding",
            subtitle="Three debatable events recoded at once: the jet intercept, Mao Ning's call, the balloon",
        ),
    )
