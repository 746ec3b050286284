"""thawbook.chronicle_charts: chapter 03's charts of the dating derivation and of the time words."""

import altair as alt

from thawbook import chronicle, chronicle_charts
from thawbook.publication_date import infer_publication_interval
from thawbook.tables import load_tables


def test_charts_carry_titles_and_evidence_tooltips():
    published, steps = infer_publication_interval()
    tables = load_tables("events", "temporal_exclusions")
    accounts = chronicle.account_for_temporal_expressions(tables["events"], tables["temporal_exclusions"])
    for chart in (
        chronicle_charts.publication_chart(chronicle.derivation_table(published, steps)),
        chronicle_charts.mentions_chart(accounts, published),
    ):
        spec = chart.to_dict()
        assert spec["title"]["text"]
        assert "Evidence" in str(spec)
    assert isinstance(chronicle_charts.mentions_chart(accounts, published), alt.VConcatChart)
