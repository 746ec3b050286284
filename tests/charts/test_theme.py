"""One palette and one chart theme, with offline loading and a text alternative for every chart."""

import subprocess
import sys

import altair as alt
import pandas as pd
import pytest

from thawbook.charts import theme


@pytest.fixture(autouse=True)
def _book_theme():
    theme.enable()


def test_importing_the_package_changes_nothing_in_altair():
    code = (
        "import altair as alt, thawbook.charts.theme, thawbook.charts.overview, "
        "thawbook.analysis.coding, thawbook.analysis.contacts; "
        "print(alt.theme.active, alt.renderers.active)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "thawbook" not in out


def test_enable_switches_on_the_book_theme_and_renderer():
    theme.enable()
    assert alt.theme.active == "thawbook" and alt.renderers.active == "thawbook"


def html_of(chart) -> str:
    bundle = chart._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    return bundle["text/html"]


def test_chart_without_description_gets_its_title_and_subtitle_as_text_alternative():
    chart = (
        alt.Chart(
            pd.DataFrame({"a": [1]}), title=alt.Title("Words per paragraph", subtitle="The headline apart")
        )
        .mark_bar()
        .encode(x="a")
    )
    assert '"description": "Words per paragraph. The headline apart."' in html_of(chart)


def test_an_explicit_description_is_kept():
    chart = (
        alt.Chart(pd.DataFrame({"a": [1]}), title="T", description="Conflict peaks in week 21.")
        .mark_bar()
        .encode(x="a")
    )
    html = html_of(chart)
    assert '"description": "Conflict peaks in week 21."' in html and '"description": "T."' not in html


def test_title_is_found_inside_concatenated_charts():
    base = alt.Chart(pd.DataFrame({"a": [1]})).mark_bar().encode(x="a")
    chart = alt.vconcat(base.properties(title="Detail"), base)
    assert theme.title_text(chart.to_dict()) == "Detail."


def test_chart_html_names_no_cdn_and_renders_svg_without_action_menu():
    html = html_of(alt.Chart(pd.DataFrame({"a": [1]})).mark_point().encode(x="a"))
    assert "cdn.jsdelivr.net" not in html and theme.OFFLINE_LIBRARY_URL in html
    assert '"renderer": "svg"' in html and '"actions": false' in html


def test_every_side_and_theme_has_a_distinct_colour():
    assert len(set(theme.SIDE_COLORS.values())) == len(theme.SIDE_COLORS)
    assert len(set(theme.THEME_COLORS.values())) == len(theme.THEME_COLORS)


def test_enum_values_read_as_words():
    assert theme.label("export_controls") == "export controls"


def test_side_scale_keeps_only_the_sides_present_in_palette_order_with_their_colours():
    scale = theme.side_scale(["analyst", "US government", "analyst"]).to_dict()
    assert scale == {
        "domain": ["US government", "analyst"],
        "range": [theme.SIDE_COLORS["us_government"], theme.SIDE_COLORS["analyst"]],
    }


def test_present_scale_names_categories_as_the_chart_does():
    scale = theme.scale_present(
        {"a_b": "#111111", "c": "#222222"}, ["A B"], words=lambda k: k.replace("_", " ").upper()
    )
    assert scale.to_dict() == {"domain": ["A B"], "range": ["#111111"]}


def test_the_committed_chart_settings_script_is_what_the_theme_writes():
    from thawbook.paths import ROOT

    committed = (ROOT / "_static" / theme.CHARTS_CONFIG_FILE).read_text(encoding="utf-8")
    assert committed == theme.charts_config_script()


def test_dark_settings_change_only_greys_black_and_white_never_a_palette_colour():
    swapped = {colour.upper() for colour in theme.DARK_SWAPS}
    palette = {c.upper() for c in [*theme.SIDE_COLORS.values(), *theme.THEME_COLORS.values()]} - {"#000000"}
    assert not swapped & palette
    assert theme.charts_config()["dark"] != theme.thawbook_theme()["config"]
