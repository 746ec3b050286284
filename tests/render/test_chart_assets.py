"""Charts compiled to Vega at build time (thawbook.render.chart_assets): what a page receives."""

from __future__ import annotations

import json
import re

from thawbook.charts import theme
from thawbook.render import chart_assets, chart_layout

SPEC = {
    "config": theme.thawbook_theme()["config"],
    "title": "A title long enough that a phone's column cannot hold it on one line of text",
    "description": 'Events by week: <b> & "quotes" </script>',
    "data": {"name": "rows"},
    "datasets": {
        "rows": [{"week": "W21", "n": 3, "unused": "x" * 50}, {"week": "W22", "n": 5, "unused": "y"}]
    },
    "layer": [
        {
            "mark": {"type": "bar"},
            "encoding": {
                "x": {"field": "week", "type": "ordinal"},
                "y": {"field": "n", "type": "quantitative"},
            },
        },
        {"mark": {"type": "rule", "color": theme.NEUTRAL}, "encoding": {"y": {"datum": 4}}},
    ],
    "width": 560,
}


def altair_output(div: str, spec: dict) -> str:
    """An altair output as altair writes it into a page: the div and its loader."""
    return (
        f'<div id="{div}"></div>\n<script type="text/javascript">\n  (function(spec, embedOpt){{\n'
        f"    vegaEmbed(div, spec, embedOpt);\n  }})({theme.script_safe(json.dumps(spec))}, "
        '{"mode": "vega-lite"});\n</script>'
    )


def compiled_payload(page: str) -> tuple[str, dict]:
    """The compiled chart's JSON as the page holds it, and parsed."""
    text = re.search(
        r'<script type="application/json" class="thawbook-chart-spec">(.*?)</script>', page, re.S
    )
    return text.group(1), json.loads(text.group(1))


def test_a_pages_altair_output_becomes_a_named_figure_and_a_compiled_vega_spec():
    page = chart_assets.compile_page("<p>before</p>" + altair_output("altair-viz-ab12", SPEC))
    raw, payload = compiled_payload(page)
    vega = payload["spec"]
    assert "vega/v" in vega["$schema"] and "vega-lite" not in vega["$schema"]
    assert page.startswith('<p>before</p><div id="altair-viz-ab12" class="thawbook-chart vega-embed"')
    assert "vegaEmbed" not in page and "</" not in raw  # the description's </script> stays text
    assert (
        'role="figure"' in page and 'aria-label="Events by week: &lt;b&gt; &amp; &quot;quotes&quot;' in page
    )
    # As wide as its column: the width follows the container.
    assert any("containerSize" in str(s.get("init")) for s in vega["signals"])
    # The title breaks into lines that a phone's column holds.
    assert all(len(line) <= chart_layout.TITLE_CHARS for line in vega["title"]["text"])


def test_colours_live_in_the_configs_not_in_the_spec():
    payload = chart_assets.compile_chart(SPEC)
    vega, text = payload["spec"], json.dumps(payload["spec"])
    # The keys the dark config sets are out of the spec's config, kept as the chart's light config.
    assert payload["light"]["axis"]["labelColor"] == theme.INK
    assert "labelColor" not in vega["config"].get("axis", {})
    # The rule's fixed grey is a signal that both modes' configs define.
    assert theme.NEUTRAL not in text and f'"{theme.swap_signal(theme.NEUTRAL)}"' in text
    for mode in ("light", "dark"):
        names = {s["name"] for s in theme.charts_config()[mode]["signals"]}
        assert theme.swap_signal(theme.NEUTRAL) in names


def test_columns_that_nothing_names_are_not_sent():
    rows = [d["values"] for d in chart_assets.compile_chart(SPEC)["spec"]["data"] if d.get("values")]
    assert rows and all("unused" not in row and "week" in row for values in rows for row in values)


def test_a_legend_bound_selection_gets_its_buttons_entries():
    spec = {
        "data": {"values": [{"t": "trade", "v": 1}, {"t": "military", "v": 2}]},
        "params": [{"name": "pick", "select": {"type": "point", "fields": ["t"]}, "bind": "legend"}],
        "mark": "bar",
        "encoding": {
            "x": {"field": "v", "type": "quantitative"},
            "color": {"field": "t", "type": "nominal", "title": "Theme (click to filter)"},
        },
    }
    assert chart_assets.compile_chart(spec)["filters"] == [
        {"name": "pick", "field": "t", "title": "theme", "values": ["trade", "military"]}
    ]


def test_a_stacked_chart_narrows_its_views_by_what_stands_beside_them():
    spec = {
        "vconcat": [
            {**SPEC["layer"][0], "width": 500, "data": {"values": SPEC["datasets"]["rows"]}},
            {**SPEC["layer"][0], "width": 500, "data": {"values": SPEC["datasets"]["rows"]}},
        ]
    }
    width = next(s for s in chart_assets.compile_chart(spec)["spec"]["signals"] if s["name"] == "width")
    extent = int(re.search(r"- (\d+)\)$", width["init"]).group(1))
    assert 20 < extent < 200, width


def test_the_page_scripts_total_at_most_400_lines():
    scripts = sorted((chart_assets.Path(__file__).resolve().parents[2] / "_static").glob("*.js"))
    lines = {path.name: len(path.read_text(encoding="utf-8").splitlines()) for path in scripts}
    print(lines)
    assert "thawbook-charts.js" in lines and sum(lines.values()) <= 400, lines


def test_the_runtime_is_vega_alone_without_the_vega_lite_compiler():
    source = chart_assets.vega_bundle_source()
    assert "window.vega=" in source.replace(" ", "") and "compile" in source
    assert len(source) < 700_000, f"{len(source):,d} bytes: the Vega-Lite compiler (about 320 kB) came along"


def test_every_icon_the_pages_draw_is_a_well_formed_picture():
    from urllib.parse import unquote
    from xml.dom import minidom

    css = (chart_assets.Path(__file__).resolve().parents[2] / "_static" / "thawbook-icons.css").read_text(
        "utf-8"
    )
    pictures = re.findall(r'url\("data:image/svg\+xml,(.*?)"\)', css)
    assert len(pictures) >= 12  # search, menu, contents, colour modes, arrows, admonitions
    for picture in pictures:
        minidom.parseString(unquote(picture))  # a repeated attribute, say, raises here


def test_a_chart_carrying_its_names_gets_an_escaped_list_under_it_and_the_page_spec_no_copy_of_them():
    from thawbook.charts.names import NAMES_KEY

    named = {
        **SPEC,
        "usermeta": {NAMES_KEY: {"heading": "The 2 events", "names": ["<b>Talks</b>", "Ban & more"]}},
    }
    markup = chart_assets.chart_markup("altair-viz-0a", named)
    assert '<details class="thawbook-chart-names"><summary>The 2 events</summary>' in markup
    assert "<li>&lt;b&gt;Talks&lt;/b&gt;</li><li>Ban &amp; more</li>" in markup
    assert markup.index("thawbook-chart-spec") < markup.index("<details")
    assert "usermeta" not in json.dumps(chart_assets.compile_chart(named))
    assert "<details" not in chart_assets.chart_markup("altair-viz-0a", SPEC)
