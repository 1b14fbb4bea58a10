"""The one number formatter (wording.numbers): screens and reports print the same figure for the same value."""
from __future__ import annotations

from decimal import Decimal

from reports import format as report_format
from ui.common import format as screen_format
from wording import numbers as W


def test_the_screen_and_the_paper_agree_on_the_figures_that_used_to_differ():
    # float formatting gave 123.45 on the dashboard (12,345,500,000 / 1e8 is 123.45499999… in binary)
    assert W.amount(12_345_500_000) == "123.46 亿元"
    assert screen_format.yi(12_345_500_000, lang="zh") == report_format.format_amount(12_345_500_000) == "123.46 亿元"
    # 0.00125 * 100 is 0.12499999… as a float: half-up on the decimal value gives 0.13%
    assert screen_format.percent(0.00125) == report_format.format_percent(0.00125) == "0.13%"
    assert screen_format.number(1.005) == report_format.format_number(1.005) == "1.01"
    assert screen_format.wan(12_345_650, lang="zh") == "1,234.57 万元"


def test_thousands_separators_counts_and_missing_values():
    assert W.count(2376) == "2,376"
    assert W.number(-0.001) == "0.00"
    assert W.percent(None) == W.amount(float("nan")) == "—"
    assert W.amount(Decimal("150000000000"), "亿元", 0) == "1,500 亿元"


def test_english_units_and_the_automatic_unit():
    assert W.amount(12_345_500_000, lang="en") == "CNY 12.35 bn"
    assert screen_format.yi(12_345_500_000, lang="en") == "CNY 12.35 bn"
    assert W.amount_auto(99_999_999) == "10,000.00 万元"
    assert W.amount_auto(-100_000_000) == "-1.00 亿元"


def test_a_ratio_names_its_denominator_and_a_change_is_in_points():
    assert W.share_of(0.0525, "集团净资产") == "占集团净资产的 5.25%"
    assert W.points(0.007) == "+0.70 个百分点"
    assert W.points(-0.0042) == "-0.42 个百分点"
