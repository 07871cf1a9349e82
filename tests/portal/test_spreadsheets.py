import datetime

import pytest

from portal.spreadsheets import looks_like_formula, safe_cell


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+33 1 23", "-2", "@SUM(A1)", "\t=1", "\r=1", ' =HYPERLINK("x")', "＝1"],
)
def test_a_text_that_would_run_as_a_formula_is_prefixed(text):
    assert looks_like_formula(text)
    assert safe_cell(text) == "'" + text


def test_an_object_is_converted_to_text_before_the_check():
    class Referent:
        def __str__(self):
            return '=HYPERLINK("http://exemple.fr")'

    assert safe_cell(Referent()) == '\'=HYPERLINK("http://exemple.fr")'


@pytest.mark.parametrize(
    "value", [3, 2.5, True, datetime.date(2026, 11, 19), datetime.datetime(2026, 11, 19, 9)]
)
def test_numbers_dates_and_booleans_stay_as_they_are(value):
    assert safe_cell(value) == value


def test_ordinary_text_and_none():
    assert safe_cell("Boulangerie Duval") == "Boulangerie Duval"
    assert safe_cell(None) == ""
