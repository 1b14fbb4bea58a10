"""Reporting period codes (`core.periods`): parsing, bounds and coded errors."""
from datetime import date

import pytest

from core.periods import Period, PeriodError, parse_period, period_bounds
from core.problems import InputProblem


@pytest.mark.parametrize("code, start, end", [
    ("2025H1", date(2025, 1, 1), date(2025, 6, 30)),
    ("2025H2", date(2025, 7, 1), date(2025, 12, 31)),
    ("2025Q1", date(2025, 1, 1), date(2025, 3, 31)),
    ("2025Q3", date(2025, 7, 1), date(2025, 9, 30)),
    ("2025Q4", date(2025, 10, 1), date(2025, 12, 31)),
    ("2025", date(2025, 1, 1), date(2025, 12, 31)),
    ("2024M02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2025M02", date(2025, 2, 1), date(2025, 2, 28)),
])
def test_bounds(code, start, end):
    assert period_bounds(code) == (start, end)


def test_lenient_spelling_gives_the_canonical_code():
    assert parse_period(" 2025h1 ").code == "2025H1"
    assert parse_period("2025-Q3").code == "2025Q3"
    assert parse_period("2025M6").code == "2025M06"
    assert parse_period(2025) == Period(2025)
    assert str(parse_period("2025q2")) == "2025Q2"
    assert parse_period(Period(2025, "H", 1)) == Period(2025, "H", 1)


def test_periods_sort_by_year_first():
    assert sorted([parse_period("2025H1"), parse_period("2024H2")])[0].year == 2024


@pytest.mark.parametrize("bad, code", [
    ("2025H3", "period_out_of_range"),
    ("2025Q5", "period_out_of_range"),
    ("2025M13", "period_out_of_range"),
    ("1899", "period_out_of_range"),
    ("2025H", "bad_period"),
    ("2025S1", "bad_period"),
    ("H1 2025", "bad_period"),
    ("", "bad_period"),
    (None, "bad_period"),
    (2025.5, "bad_period"),
    (True, "bad_period"),
])
def test_bad_periods(bad, code):
    with pytest.raises(ValueError) as e:
        parse_period(bad)
    assert isinstance(e.value, PeriodError)
    assert e.value.code == code
    assert e.value.value == bad


def test_error_becomes_an_input_problem():
    with pytest.raises(PeriodError) as e:
        period_bounds("2025H3")
    problem = e.value.to_problem(file="limits.xlsx", row=4, column="期间")
    assert isinstance(problem, InputProblem)
    assert (problem.code, problem.row, problem.column, problem.value) == ("period_out_of_range", 4, "期间", "2025H3")
    assert problem.detail == {"min": 1, "max": 2}
