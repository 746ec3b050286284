import numpy as np
from IPython.core.formatters import PlainTextFormatter

from thawbook.render import numbers
from thawbook.render.numbers import MINUS, number_text, shown, signed_text


def test_whole_numbers_lose_their_decimals_and_negatives_get_a_minus_sign():
    assert number_text(6.0) == "6" and number_text(np.float64(9.0)) == "9"
    assert number_text(-28.9) == f"{MINUS}28.9" and number_text(np.int64(-4)) == f"{MINUS}4"
    assert number_text(17.4) == "17.4" and number_text(0.005) == "0.005"
    assert number_text(True) == "True" and number_text("-x") == "-x"


def test_a_shown_number_prints_so_in_a_notebook_and_stays_the_same_number():
    plain = PlainTextFormatter()
    for value, text in ((6.0, "6"), (-28.9, f"{MINUS}28.9"), (-0.1, f"{MINUS}0.1"), (7.4, "7.4"), (3, "3")):
        number = shown(value)
        assert plain(number) == text and str(number) == text and f"{number}" == text
        assert number == value and format(number, ".1f") == format(value, ".1f")
    assert shown("text") == "text" and shown(None) is None


def test_a_signed_score_keeps_its_sign_and_a_true_minus():
    assert signed_text(1.26) == "+1.3"
    assert signed_text(-0.14) == "\N{MINUS SIGN}0.1"


def test_a_goldstein_sum_is_given_the_range_its_weighted_events_allow():
    assert numbers.score_range(6) == "\u221260 to +60"
    assert numbers.score_range(7.4) == "\u221274 to +74"
    assert numbers.score_range(0.25) == "\u22122.5 to +2.5"
    items = [
        ("thaw_econ_events", 6.0),
        ("thaw_econ_goldstein", 17.4),
        ("thaw_n_events", 30),
        ("x_goldstein", 1),
    ]
    assert numbers.score_ranges(items) == [("thaw_econ_range", "\u221260 to +60")]
