"""The one label humaniser (render.labels.humanise), as tables and charts use it."""

from __future__ import annotations

from thawbook.charts import theme
from thawbook.render.labels import humanise


def test_humanise_keeps_ids_urls_and_sentences_and_uppercases_acronyms():
    assert humanise("us government") == "US government"
    assert humanise("mistranslated_idiom_or_term") == "Mistranslated idiom or term"
    assert humanise(True) == "yes" and humanise(False) == "no"
    for kept in ("ev-micron-ban", "https://example.org/a_b", "A sentence, with a comma.", "2023-05-26"):
        assert humanise(kept) == kept


def test_without_the_capital_a_label_keeps_its_acronyms_and_charts_name_categories_so():
    assert humanise("export_controls", capital=False) == "export controls"
    assert humanise("us_government", capital=False) == "US government"
    assert theme.label("pla_navy") == humanise("pla_navy", capital=False) == "PLA navy"
