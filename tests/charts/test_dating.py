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
