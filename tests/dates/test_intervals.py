"""Hand-checked behaviour of thawbook.dates.intervals (intervals, resolver, extractor) and of
thawbook.dates.publication (publication inference, the article's own dates).

Calendar used in the hand checks (2023): Mon 22 May .. Sun 28 May is the week of the
ambassador's arrival (Tue 23 May) and of the jet intercept (Fri 26 May); Mon 29 May ..
Sun 4 June is the publication week; Fri 2 June .. Sun 4 June is the publication interval.
"""

from datetime import date

import pandas as pd
import pytest

from thawbook.dates.intervals import (
    Interval,
    find_temporal_expressions,
    iso,
    iso_span,
    precision_of,
    resolve,
    resolve_on,
    week_of,
)
from thawbook.dates.publication import Constraint, infer_publication_interval, resolve_in_article
from thawbook.inputs.seed import EvidenceError, locate, read_seed

D = date
PUBLISHED = Interval(D(2023, 6, 2), D(2023, 6, 4), "day")


def day(y, m, d):
    return Interval(D(y, m, d), D(y, m, d), "day")


# ------------------------------------------------------------------------ Interval


def test_interval_rejects_end_before_start_and_unknown_precision():
    with pytest.raises(ValueError):
        Interval(D(2023, 6, 4), D(2023, 6, 2))
    with pytest.raises(ValueError):
        Interval(D(2023, 6, 2), D(2023, 6, 4), "fortnight")


def test_interval_days_contains_hull_and_intersect():
    week = Interval(D(2023, 5, 29), D(2023, 6, 4), "week")
    assert week.days == 7 and day(2023, 6, 2).days == 1
    assert week.contains(D(2023, 5, 29)) and week.contains(D(2023, 6, 4))
    assert not week.contains(D(2023, 6, 5))
    assert week.hull(day(2023, 6, 10)) == Interval(D(2023, 5, 29), D(2023, 6, 10), "week")
    assert week.intersect(PUBLISHED) == PUBLISHED
    with pytest.raises(ValueError):
        week.intersect(day(2023, 6, 10))


# ---------------------------------------------------------- publication inference


def test_publication_interval_is_friday_to_sunday_2_to_4_june_2023():
    interval, steps = infer_publication_interval()
    assert interval == Interval(D(2023, 6, 2), D(2023, 6, 4), "day")
    assert interval.days == 3
    assert all(isinstance(step, Constraint) for step in steps)


def test_each_constraint_allows_the_result_and_the_steps_narrow_as_reasoned():
    interval, steps = infer_publication_interval()
    by_name = {step.name: step.interval for step in steps}
    assert by_name["year"] == Interval(D(2023, 1, 1), D(2023, 12, 31), "year")
    # the hull of the Sunday-Saturday week (28 May - 3 June) and the Monday-Sunday one (29 May - 4 June)
    assert by_name["week after the ambassador's arrival"] == Interval(D(2023, 5, 28), D(2023, 6, 4), "week")
    assert by_name["from the Friday to the end of that week"] == Interval(D(2023, 6, 2), D(2023, 6, 4))
    # the jet-intercept check holds on every candidate day, so it does not narrow
    assert by_name["jet intercept last Friday (check)"] == interval
    assert all(step.interval.intersect(interval) == interval for step in steps)


def test_only_the_year_constraint_needs_outside_context():
    _, steps = infer_publication_interval()
    assert [step.name for step in steps if step.needs_context] == ["year"]


def test_every_constraint_evidence_span_occurs_exactly_once_in_the_seed():
    _, steps = infer_publication_interval()
    text = read_seed()
    spans = [span for step in steps for span in step.evidence]
    assert len(spans) == 8
    for span in spans:
        assert text.count(span) == 1, span
        located = locate(span)
        assert text[located.start : located.end] == span


def test_constraint_with_evidence_not_in_the_seed_is_refused():
    with pytest.raises(EvidenceError):
        Constraint("bogus", ("published on June 3",), PUBLISHED, "made up")


def test_may_23_and_last_friday_are_consistent_with_the_inferred_interval():
    interval, _ = infer_publication_interval()
    assert resolve("May 23", interval) == day(2023, 5, 23)
    assert resolve("last week", interval).contains(D(2023, 5, 23))
    assert resolve("last week's", interval).contains(resolve("Last Friday", interval).start)


# ---------------------------------------------------------------------- resolver


def test_last_week_is_the_previous_monday_to_sunday_week():
    assert resolve("last week", PUBLISHED) == Interval(D(2023, 5, 22), D(2023, 5, 28), "week")


@pytest.mark.parametrize("reference", [D(2023, 5, 29), D(2023, 6, 4)])  # a Monday, a Sunday
def test_last_week_at_week_boundaries(reference):
    assert resolve_on("last week", reference) == Interval(D(2023, 5, 22), D(2023, 5, 28), "week")


def test_last_week_over_an_interval_straddling_a_week_boundary_is_a_two_week_hull():
    straddling = Interval(D(2023, 6, 4), D(2023, 6, 5))  # Sunday, Monday
    result = resolve("last week", straddling)
    assert result == Interval(D(2023, 5, 22), D(2023, 6, 4), "week")
    assert result.days == 14


def test_this_week_is_the_publication_week():
    assert resolve("this week", PUBLISHED) == Interval(D(2023, 5, 29), D(2023, 6, 4), "week")
    assert resolve_on("this week", D(2023, 5, 29)) == resolve_on("this week", D(2023, 6, 4))


def test_last_month_is_the_previous_calendar_month():
    assert resolve("last month", PUBLISHED) == Interval(D(2023, 5, 1), D(2023, 5, 31), "month")
    assert resolve_on("last month", D(2023, 3, 31)) == Interval(D(2023, 2, 1), D(2023, 2, 28), "month")
    assert resolve_on("last month", D(2023, 1, 15)) == Interval(D(2022, 12, 1), D(2022, 12, 31), "month")


def test_this_weekend_with_possessive_is_saturday_and_sunday_of_the_week():
    assert resolve("this weekend's", PUBLISHED) == Interval(D(2023, 6, 3), D(2023, 6, 4))
    assert resolve_on("this weekend", D(2023, 5, 29)) == Interval(D(2023, 6, 3), D(2023, 6, 4))


def test_last_friday_is_previous_weeks_friday_not_yesterday():
    # from Saturday 3 June, "yesterday" was Friday 2 June; "last Friday" is 26 May
    assert resolve_on("Last Friday", D(2023, 6, 3)) == day(2023, 5, 26)
    assert resolve_on("last Friday", D(2023, 6, 4)) == day(2023, 5, 26)
    assert resolve_on("last friday", D(2023, 5, 29)) == day(2023, 5, 26)  # Monday
    assert resolve("Last Friday", PUBLISHED) == day(2023, 5, 26)


def test_on_tuesday_over_the_publication_interval_is_exactly_30_may():
    assert resolve("On Tuesday", PUBLISHED) == day(2023, 5, 30)
    assert resolve("Tuesday", PUBLISHED) == day(2023, 5, 30)


def test_bare_weekday_in_past_includes_the_reference_day_itself():
    assert resolve_on("Friday", D(2023, 6, 2)) == day(2023, 6, 2)
    assert resolve("Friday", PUBLISHED) == day(2023, 6, 2)
    assert resolve("On Thursday", PUBLISHED) == day(2023, 6, 1)


def test_bare_weekday_past_from_a_monday_and_a_sunday():
    assert resolve_on("Tuesday", D(2023, 5, 29)) == day(2023, 5, 23)  # Monday: previous Tuesday
    assert resolve_on("Monday", D(2023, 5, 29)) == day(2023, 5, 29)
    assert resolve_on("Sunday", D(2023, 6, 4)) == day(2023, 6, 4)
    assert resolve_on("Monday", D(2023, 6, 4)) == day(2023, 5, 29)


def test_bare_weekday_future_is_the_next_such_day():
    assert resolve_on("Tuesday", D(2023, 6, 2), tense="future") == day(2023, 6, 6)
    assert resolve_on("Friday", D(2023, 6, 2), tense="future") == day(2023, 6, 2)
    assert resolve_on("Monday", D(2023, 6, 4), tense="future") == day(2023, 6, 5)


def test_month_in_past_is_most_recent_such_month_not_after_reference():
    assert resolve("in May", PUBLISHED) == Interval(D(2023, 5, 1), D(2023, 5, 31), "month")
    assert resolve("in March", PUBLISHED) == Interval(D(2023, 3, 1), D(2023, 3, 31), "month")
    assert resolve_on("in June", D(2023, 6, 2)) == Interval(D(2023, 6, 1), D(2023, 6, 30), "month")


def test_october_from_june_is_the_previous_year():
    assert resolve("in October", PUBLISHED) == Interval(D(2022, 10, 1), D(2022, 10, 31), "month")


def test_december_from_january_is_the_previous_year():
    assert resolve_on("in December", D(2023, 1, 10)) == Interval(D(2022, 12, 1), D(2022, 12, 31), "month")


def test_future_november_from_june_is_the_same_year():
    assert resolve("in November", PUBLISHED, tense="future") == Interval(
        D(2023, 11, 1), D(2023, 11, 30), "month"
    )


def test_future_january_from_november_is_the_next_year():
    assert resolve_on("in January", D(2023, 11, 10), tense="future") == Interval(
        D(2024, 1, 1), D(2024, 1, 31), "month"
    )


def test_future_month_includes_the_current_month():
    # dateparser alone would give May 2024 here
    assert resolve_on("in May", D(2023, 5, 15), tense="future") == Interval(
        D(2023, 5, 1), D(2023, 5, 31), "month"
    )
    assert resolve_on("May 23", D(2023, 5, 23), tense="future") == day(2023, 5, 23)
    assert resolve_on("May 23", D(2023, 5, 24), tense="future") == day(2024, 5, 23)


def test_since_resolves_to_the_named_month_or_year_and_is_always_past():
    assert resolve("since January", PUBLISHED) == Interval(D(2023, 1, 1), D(2023, 1, 31), "month")
    assert resolve("since January", PUBLISHED, tense="future") == resolve("since January", PUBLISHED)
    assert resolve("since 2018", PUBLISHED) == Interval(D(2018, 1, 1), D(2018, 12, 31), "year")


def test_explicit_day_is_most_recent_on_or_before_reference():
    assert resolve("May 23", PUBLISHED) == day(2023, 5, 23)
    assert resolve("on May 23", PUBLISHED) == day(2023, 5, 23)
    assert resolve_on("May 23", D(2023, 5, 23)) == day(2023, 5, 23)
    assert resolve_on("May 23", D(2023, 5, 10)) == day(2022, 5, 23)


def test_this_year_and_bare_years():
    assert resolve("this year", PUBLISHED) == Interval(D(2023, 1, 1), D(2023, 12, 31), "year")
    assert resolve("2018", PUBLISHED) == Interval(D(2018, 1, 1), D(2018, 12, 31), "year")
    assert resolve("in 2018", PUBLISHED) == resolve("2018", PUBLISHED)


def test_this_year_over_new_year_hulls_two_years():
    result = resolve("this year", Interval(D(2022, 12, 31), D(2023, 1, 1)))
    assert result == Interval(D(2022, 1, 1), D(2023, 12, 31), "year")


def test_resolver_ignores_case_and_extra_spaces():
    assert resolve("LAST   WEEK", PUBLISHED) == resolve("last week", PUBLISHED)
    assert resolve("On TUESDAY", PUBLISHED) == day(2023, 5, 30)


@pytest.mark.parametrize(
    "expression",
    [
        "in recent years",
        "three years",
        "For several weeks",
        "annual",
        "currently",
        "yesterday",
        "next Friday",
        "February 30",
        "in months",
        "Shangri-La",
        "",
    ],
)
def test_unsupported_expressions_raise_value_error_naming_them(expression):
    with pytest.raises(ValueError) as caught:
        resolve(expression, PUBLISHED)
    assert repr(expression) in str(caught.value)


def test_unknown_tense_is_refused():
    with pytest.raises(ValueError, match="tense"):
        resolve("Tuesday", PUBLISHED, tense="present")


# --------------------------------------------------------------------- extractor

SEED_EXPRESSIONS = [
    "For several weeks",
    "months of",
    "in May",
    "in months",
    "last week",
    "since January",
    "last month",
    "Last Friday",
    "this weekend's",
    "Friday",
    "currently",
    "this weekend's",
    "in March",
    "since 2018",
    "On Tuesday",
    "In recent years",
    "annual",
    "in November",
    "in February",
    "last week's",
    "On Thursday",
    "last month",
    "short term",
    "in April",
    "this year",
    "three years",
    "in March",
    "this week",
    "On Tuesday",
    "in October",
    "last week",
    "last week",
    "May 23",
]


def test_extractor_finds_all_33_temporal_expressions_in_the_seed_in_order():
    mentions = find_temporal_expressions()
    assert len(mentions) == 33
    assert [m.expression for m in mentions] == SEED_EXPRESSIONS
    starts = [m.start for m in mentions]
    assert starts == sorted(starts)


def test_extractor_offsets_and_paragraphs_point_into_the_seed():
    text = read_seed()
    for mention in find_temporal_expressions():
        assert text[mention.start : mention.end] == mention.expression
        assert mention.paragraph >= 1  # nothing temporal in the headline
    may23 = find_temporal_expressions()[-1]
    assert may23.expression == "May 23"
    assert may23.paragraph == locate("arrival in Washington on May 23").paragraph


def test_extractor_on_synthetic_text_keeps_possessive_and_prepositions():
    text = "On Monday she said last week's talks, held in June 2022 and since 1999, went well."
    found = [m.expression for m in find_temporal_expressions(text)]
    assert found == ["On Monday", "last week's", "in June 2022", "since 1999"]


def test_extractor_does_not_take_modal_may_or_newspaper_daily_as_dates():
    text = "China may also act. The People's Daily said it may be hard."
    assert find_temporal_expressions(text) == []


def test_extractor_prefers_the_longest_form_at_each_position():
    text = "Last Friday and this weekend, after three years of talks, in recent years."
    found = [m.expression for m in find_temporal_expressions(text)]
    assert found == ["Last Friday", "this weekend", "three years", "in recent years"]


def test_every_resolvable_seed_expression_resolves_and_the_rest_raise():
    resolvable, refused = [], []
    for mention in find_temporal_expressions():
        try:
            resolve(mention.expression, PUBLISHED)
            resolvable.append(mention.expression)
        except ValueError:
            refused.append(mention.expression)
    assert refused == [
        "For several weeks",
        "months of",
        "in months",
        "currently",
        "In recent years",
        "annual",
        "short term",
        "three years",
    ]
    assert len(resolvable) == 25


# ------------------------------------------------------------------ week conventions


def test_a_sunday_week_runs_sunday_to_saturday_and_a_monday_week_monday_to_sunday():
    tuesday = D(2023, 5, 23)
    assert week_of(tuesday, "sunday") == Interval(D(2023, 5, 21), D(2023, 5, 27), "week")
    assert week_of(tuesday, "monday") == Interval(D(2023, 5, 22), D(2023, 5, 28), "week")
    assert week_of(D(2023, 5, 21), "sunday").start == D(2023, 5, 21)  # a Sunday opens its own week


def test_sunday_weeks_exclude_publication_on_sunday_4_june():
    # With weeks from Sunday, "last week" from Sunday 4 June is 28 May - 3 June, which does not
    # contain the arrival on 23 May, so only Friday 2 and Saturday 3 June remain.
    assert infer_publication_interval("sunday")[0] == Interval(D(2023, 6, 2), D(2023, 6, 3))
    assert infer_publication_interval("monday")[0] == Interval(D(2023, 6, 2), D(2023, 6, 4))
    assert infer_publication_interval()[0] == Interval(D(2023, 6, 2), D(2023, 6, 4))


def test_last_week_in_the_article_is_the_hull_of_both_conventions():
    assert resolve_in_article("last week", week_start="monday") == Interval(
        D(2023, 5, 22), D(2023, 5, 28), "week"
    )
    assert resolve_in_article("last week", week_start="sunday") == Interval(
        D(2023, 5, 21), D(2023, 5, 27), "week"
    )
    assert resolve_in_article("last week") == Interval(D(2023, 5, 21), D(2023, 5, 28), "week")


def test_weekdays_do_not_depend_on_the_week_convention():
    for expression, expected in [
        ("Last Friday", D(2023, 5, 26)),
        ("On Tuesday", D(2023, 5, 30)),
        ("Friday", D(2023, 6, 2)),
    ]:
        assert resolve_in_article(expression) == Interval(expected, expected)


@pytest.mark.parametrize(
    "start, end, label",
    [
        (D(2023, 5, 23), D(2023, 5, 23), "day"),
        (D(2023, 6, 3), D(2023, 6, 4), "week"),
        (D(2023, 5, 22), D(2023, 5, 28), "week"),
        (D(2023, 5, 21), D(2023, 5, 28), "fortnight"),
        (D(2023, 5, 1), D(2023, 5, 31), "month"),
        (D(2023, 5, 1), D(2023, 6, 4), "two-month span"),  # 35 days: not called a quarter
        (D(2023, 4, 1), D(2023, 6, 30), "quarter"),
        (D(2023, 3, 1), D(2023, 6, 4), "four-month span"),  # 96 days: not called half a year
        (D(2023, 1, 1), D(2023, 6, 30), "half-year"),
        (D(2023, 1, 1), D(2023, 12, 31), "year"),
        (D(2020, 1, 1), D(2022, 12, 31), "years"),
    ],
)
def test_precision_is_the_narrowest_unit_the_interval_fits_in(start, end, label):
    assert precision_of(start, end) == label


def test_iso_writes_dates_as_yyyy_mm_dd_and_missing_dates_as_empty():
    assert iso(date(2023, 5, 26)) == "2023-05-26"
    assert iso(pd.Timestamp("2023-05-26")) == "2023-05-26"
    assert iso(pd.NaT) == "" and iso(None) == "" and iso(float("nan")) == ""


def test_iso_accepts_date_text_as_the_chart_frames_hold_it():
    assert iso("2023-05-30") == "2023-05-30" and iso("2023-05-30T12:00:00") == "2023-05-30"


def test_a_span_is_one_day_or_a_range_of_iso_days():
    assert iso_span("2023-05-26", "2023-05-26") == "2023-05-26"
    assert iso_span(pd.Timestamp("2023-05-26"), "2023-06-04") == "2023-05-26 to 2023-06-04"
    assert iso_span("2023-05-26", None) == "2023-05-26"
