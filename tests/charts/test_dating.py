"""thawbook.charts.dating: chapter 03's charts of the dating derivation and of the time words."""

import altair as alt

from thawbook.analysis import dating
from thawbook.charts import dating as dating_charts
from thawbook.dates.publication import infer_publication_interval
from thawbook.inputs.tables import load_tables


def test_charts_carry_titles_and_evidence_tooltips():
    published, steps = infer_publication_interval()
    tables = load_tables("events", "temporal_exclusions")
    accounts = dating.account_for_temporal_expressions(tables["events"], tables["temporal_exclusions"])
    for chart in (
        dating_charts.publication_chart(dating.derivation_table(published, steps)),
        dating_charts.mentions_chart(accounts, published),
    ):
        spec = chart.to_dict()
        assert spec["title"]["text"]
        assert "Evidence" in str(spec)
    assert isinstance(dating_charts.mentions_chart(accounts, published), alt.VConcatChart)


def test_the_publication_charts_hollow_bar_is_unfilled_and_dashed_in_the_marks_and_in_the_legend():
    import vl_convert

    from thawbook.render.chart_assets import vl_version

    published, steps = infer_publication_interval()
    spec = dating_charts.publication_chart(dating.derivation_table(published, steps)).to_dict()
    vega = vl_convert.vegalite_to_vega(spec, vl_version=vl_version())
    scales = {s["name"]: s for s in vega["scales"]}
    kinds = scales["color"]["domain"]
    fill = dict(zip(kinds, scales["color"]["range"]))
    dash = dict(zip(kinds, scales["strokeDash"]["range"]))
    print(fill, dash)
    assert fill["needs outside knowledge"] == "transparent"
    assert len({fill["from the article alone"], fill["publication interval"], "transparent"}) == 3
    assert dash["needs outside knowledge"] != dash["from the article alone"]
    # the legend draws its swatches from the same scales as the bars: fill, outline and dash
    legend = vega["legends"][0]
    assert (legend["fill"], legend["stroke"], legend["strokeDash"]) == ("color", "stroke", "strokeDash")


def test_the_mentions_chart_draws_each_expression_once_and_its_hollow_words_hollow_in_the_legend():
    published, _ = infer_publication_interval()
    tables = load_tables("events", "temporal_exclusions")
    accounts = dating.account_for_temporal_expressions(tables["events"], tables["temporal_exclusions"])
    spec = dating_charts.mentions_chart(accounts, published).to_dict()
    panels = [panel["layer"][1]["encoding"]["y"]["sort"] for panel in spec["vconcat"]]
    drawn = [label for shown in panels for label in shown]
    print([len(shown) for shown in panels])
    assert len(drawn) == len(set(drawn)) and all(panels), "an expression drawn twice, or a panel empty"
    colour = spec["vconcat"][0]["layer"][1]["encoding"]["color"]["scale"]
    fills = dict(zip(colour["domain"], colour["range"]))
    assert fills[dating_charts.EXCLUDED] == "transparent"
