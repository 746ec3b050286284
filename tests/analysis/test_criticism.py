"""thawbook.analysis.criticism: scopes of corrections, counts, charts, unnamed analysts, bibliography."""

import pandas as pd
import pytest

from thawbook.analysis import criticism
from thawbook.charts import criticism as criticism_charts
from thawbook.inputs.tables import load_tables


@pytest.fixture(scope="module")
def data():
    return load_tables("corrections", "context", "actors", "quotes")


@pytest.mark.parametrize(
    "affects, scope",
    [
        ("wording only", "wording"),
        ("wording of a quotation", "wording"),
        ("terminology: crisis-management guardrails", "wording"),
        ("people: pronoun for Mao Ning", "people"),
        ("chronology: export controls predate the thaw", "chronology"),
        ("who declined whose invitation: the defence-meeting story", "substance"),
    ],
)
def test_scope_is_read_from_the_start_of_affects(affects, scope):
    assert criticism.scope_of(affects) == scope


def test_the_inverted_invitation_is_counted_as_changing_the_story(data):
    story = criticism.story_changes(data["corrections"])
    assert "co-invitation-by-chinas-minister" in set(story["correction"])
    assert "co-mao-ning-he" not in set(story["correction"])  # a pronoun: people, not story
    ranks = story["confidence"].map(criticism.confidence_levels().index)
    assert ranks.is_monotonic_increasing


def test_sentence_number_counts_the_headline_as_sentence_one():
    text = "Headline\n\nFirst body sentence. Second one here."
    assert criticism.sentence_number(0, text) == 1
    assert criticism.sentence_number(text.index("Second"), text) == 3
    with pytest.raises(ValueError):
        criticism.sentence_number(len(text) + 5, text)


def test_category_counts_keep_every_enum_value_and_sum_to_the_corrections(data):
    counts = criticism.category_counts(data["corrections"])
    assert len(counts) == len(criticism.categories())
    assert counts["total"].sum() == len(data["corrections"])
    assert list(counts.columns) == ["category"] + criticism.confidence_levels() + ["total"]
    assert counts["total"].is_monotonic_decreasing


def test_category_count_of_an_unused_category_is_zero(data):
    few = data["corrections"][data["corrections"]["category"] == "wrong_pronoun"]
    counts = criticism.category_counts(few).set_index("category")
    assert counts.loc["wrong pronoun", "total"] == len(few)
    assert counts.loc["factual slip", "total"] == 0


def test_examination_figures_on_the_real_data(data):
    figures = criticism.examination(data["corrections"])
    print("source criticism:", figures)
    assert figures["corrections"] == len(data["corrections"])
    assert 0 < figures["sentences_flagged"] <= figures["sentences"]
    assert figures["share_high_pct"] == round(100 * figures["high"] / figures["corrections"])
    assert (
        figures["story"]
        == criticism.scope_counts(data["corrections"]).set_index("changes").loc["substance", "corrections"]
    )


def test_side_by_side_keeps_every_correction_verbatim_in_reading_order(data):
    table = criticism.side_by_side(data["corrections"])
    assert sorted(table["correction"]) == sorted(data["corrections"]["correction_id"])
    assert table["paragraph"].is_monotonic_increasing
    by_id = data["corrections"].set_index("correction_id")
    for _, row in table.iterrows():
        assert row["original (evidence)"] == by_id.loc[row["correction"], "evidence"]


def test_charts_have_titles_and_evidence_in_tooltips(data):
    for chart in (
        criticism_charts.category_chart(data["corrections"]),
        criticism_charts.position_chart(data["corrections"]),
    ):
        spec = chart.to_dict()
        assert spec["title"]["text"]
        assert "evidence" in str(spec) and "Likely reading" in str(spec)


def test_unnamed_analysts_are_found_by_sentence_and_have_no_quotes(data):
    claims = criticism.unnamed_attributions(data["actors"], data["quotes"])
    voices = criticism.analyst_voices(data["actors"], data["quotes"])
    print("unnamed analyst claims:", len(claims), "voices:", voices)
    assert len(claims) >= 1
    assert claims["sentence"].str.contains("analysts").all()
    assert (claims["quotes"] == 0).all() and voices["unnamed_quotes"] == 0
    assert voices["named_quotes"] > 0


def test_unnamed_attributions_find_a_group_in_a_given_text():
    actors = pd.DataFrame(
        [
            {"actor_id": "ac-observers", "name": "observers", "side": "analyst", "actor_type": "group"},
            {"actor_id": "ac-x", "name": "X", "side": "analyst", "actor_type": "person"},
        ]
    )
    quotes = pd.DataFrame({"actor_id": ["ac-x"]})
    text = "Head\n\nObservers say it is so. X agrees. Nobody else."
    claims = criticism.unnamed_attributions(actors, quotes, text)
    assert claims["sentence"].tolist() == ["Observers say it is so."]


def test_bibliography_lists_every_context_fact_with_its_source(data):
    bib = criticism.bibliography(data["context"])
    summary = criticism.context_summary(data["context"], data["corrections"])
    print("context:", summary)
    assert sorted(bib["context"]) == sorted(data["context"]["context_id"])
    assert bib["url"].str.startswith("http").all()
    assert bib["source date"].str.fullmatch(r"(\d{4}-\d{2}-\d{2})?").all()
    assert summary["publishers"] == bib["publisher"].map(criticism.institution).nunique() <= summary["facts"]


@pytest.mark.parametrize(
    ("publisher", "institution"),
    [
        ("Embassy of the PRC in Nigeria (MFA release)", "Ministry of Foreign Affairs of the PRC"),
        (
            "Ministry of Foreign Affairs of the PRC (transcript on the Chinese Embassy in Fiji's site)",
            "Ministry of Foreign Affairs of the PRC",
        ),
        ("South China Morning Post (Bloomberg)", "South China Morning Post"),
        ("Reuters", "Reuters"),
        ("U.S. Department of State, Foreign Press Center", "U.S. Department of State, Foreign Press Center"),
    ],
)
def test_publishers_are_counted_by_institution(publisher, institution):
    assert criticism.institution(publisher) == institution


def test_every_context_publisher_maps_to_one_institution_and_the_ministry_counts_once(data):
    institutions = data["context"]["source_publisher"].map(criticism.institution)
    ministry = data["context"]["source_publisher"].str.contains("PRC")
    print(
        f"{institutions.nunique()} institutions behind {data['context']['source_publisher'].nunique()} names"
    )
    assert set(institutions[ministry]) == {"Ministry of Foreign Affairs of the PRC"}
    assert not institutions.str.contains(r"\(").any()


def test_the_bibliography_and_context_boxes_name_each_sources_type(data):
    from thawbook.render import display

    bib = criticism.bibliography(data["context"])
    assert set(bib["source type"]) <= set(display.SOURCE_TYPES.values())
    assert bib["accessed"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    box = display.context_box(data["context"], ["cx-raimondo-wang-wentao", "cx-qin-gang-guardrails"]).data
    assert "*Source (news agency):*" in box and "*Source (state media):*" in box
