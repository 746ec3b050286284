"""EDTF values for the event intervals: derived by rule, parsed by the edtf package, exact."""

from __future__ import annotations

from datetime import date

import pytest
from edtf import parse_edtf

from thawbook.exports import edtf
from thawbook.inputs.tables import data_dir, load_table, load_tables


@pytest.fixture(scope="module")
def events():
    return load_tables("events")["events"]


@pytest.mark.parametrize(
    "start, end, basis, expected",
    [
        (date(2023, 5, 23), date(2023, 5, 23), "explicit", "2023-05-23"),
        (date(2023, 5, 1), date(2023, 5, 31), "relative", "2023-05"),
        (date(2024, 2, 1), date(2024, 2, 29), "relative", "2024-02"),
        (date(2018, 1, 1), date(2018, 12, 31), "explicit", "2018"),
        (date(2020, 1, 1), date(2022, 12, 31), "context", "2020/2022"),
        (date(2023, 3, 1), date(2023, 5, 31), "relative", "2023-03/2023-05"),
        (date(2023, 5, 22), date(2023, 5, 28), "relative", "2023-05-22/2023-05-28"),
        (date(2023, 5, 1), date(2023, 6, 4), "relative", "2023-05-01/2023-06-04"),
        (date(2023, 5, 26), date(2023, 5, 26), "inferred", "2023-05-26?"),
        (date(2023, 11, 1), date(2023, 11, 30), "inferred", "2023-11?"),
        (date(2023, 3, 1), date(2023, 6, 4), "inferred", "2023-03-01?/2023-06-04?"),
    ],
)
def test_an_interval_gets_the_shortest_edtf_value_that_means_it(start, end, basis, expected):
    assert edtf.edtf_for(start, end, basis) == expected
    edtf.check_value(expected, start, end)


def test_an_interval_that_ends_before_it_starts_has_no_edtf_value():
    with pytest.raises(ValueError, match="before it starts"):
        edtf.edtf_for(date(2023, 5, 2), date(2023, 5, 1))


def test_check_rejects_a_value_that_covers_other_days():
    with pytest.raises(ValueError, match="covers 2023-05-01..2023-05-31"):
        edtf.check_value("2023-05", date(2023, 5, 1), date(2023, 5, 30))


def test_every_event_has_an_edtf_value_that_round_trips_to_its_interval(events):
    frame = edtf.with_edtf(events)
    for row in frame.itertuples():
        parsed = parse_edtf(row.edtf)
        low, high = parsed.lower_strict(), parsed.upper_strict()
        assert (low.tm_year, low.tm_mon, low.tm_mday) == row.date_start.timetuple()[:3], row.event_id
        assert (high.tm_year, high.tm_mon, high.tm_mday) == row.date_end.timetuple()[:3], row.event_id


def test_only_inferred_intervals_are_marked_uncertain(events):
    frame = edtf.with_edtf(events)
    marked = frame["edtf"].str.contains("?", regex=False)
    assert (marked == (frame["date_basis"] == "inferred")).all()
    assert not frame["edtf"].str.contains("~", regex=False).any()


def test_the_value_follows_the_interval_not_the_stated_precision(events):
    """A whole month stays '2023-05' whatever date_precision says, and a week is an interval."""
    frame = edtf.with_edtf(events.assign(date_precision="day"))
    assert frame.equals(edtf.with_edtf(events).assign(date_precision="day"))


def test_events_edtf_csv_on_disk_equals_a_fresh_export(events):
    path = data_dir() / "events_edtf.csv"
    assert path.read_text(encoding="utf-8") == edtf.events_edtf_csv(events), (
        "data/events_edtf.csv is stale: run thawbook.exports.edtf.write_events_edtf()"
    )


def test_the_export_is_a_valid_resource_of_the_data_package(events):
    export = load_table("events_edtf")
    assert sorted(export["event_id"]) == sorted(events["event_id"])


def test_every_dated_outside_fact_has_an_edtf_value_that_round_trips():
    context = load_tables("context")["context"]
    frame = edtf.with_edtf(context, basis_column=None)
    dated = frame[frame["date_start"].notna()]
    assert len(dated) and (frame.loc[frame["date_start"].isna(), "edtf"] == "").all()
    for row in dated.itertuples():
        assert edtf.bounds(row.edtf) == (row.date_start.date(), row.date_end.date()), row.context_id
