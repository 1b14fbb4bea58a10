"""Number, date, period and status wording for reports (`reports.format`)."""
from datetime import date
from decimal import Decimal

import pytest

from core.periods import PeriodError
from reports.format import (
    chinese_numeral,
    excel_value,
    format_amount,
    format_date,
    format_number,
    format_percent,
    format_value,
    parse_format,
    period_label,
    status_colour,
    status_word,
)


def test_amounts_in_yi_and_wan():
    assert format_amount(123_456_000_000) == "1,234.56 亿元"
    assert format_amount(123_456_000_000, "万元") == "12,345,600.00 万元"
    assert format_amount(12_345_678, "万元", with_unit=False) == "1,234.57"
    assert format_amount(-250_000_000) == "-2.50 亿元"
    assert format_amount(Decimal("100000000.005"), "元") == "100,000,000.01 元"
    assert format_amount(None) == "—"
    assert format_amount(float("nan")) == "—"
    with pytest.raises(ValueError, match="unknown amount unit"):
        format_amount(1, "千元")


def test_rounding_is_half_up_and_never_negative_zero():
    assert format_number(1.005) == "1.01"
    assert format_number(0.125) == "0.13"
    assert format_number(2.675) == "2.68"
    assert format_number(-0.001) == "0.00"
    assert format_number(1234567.891, 1) == "1,234,567.9"


def test_percent_two_decimals():
    assert format_percent(0.1234) == "12.34%"
    assert format_percent(0.12345) == "12.35%"
    assert format_percent(2.2437) == "224.37%"
    assert format_percent(0) == "0.00%"
    assert format_percent(0.5, 0) == "50%"


def test_numpy_values_format_like_python_ones():
    import numpy as np

    assert format_percent(np.float64(0.1234)) == "12.34%"
    assert format_value(np.int64(1234), "int") == "1,234"
    assert format_value(np.float64("nan"), "number") == "—"


def test_dates_and_periods():
    assert format_date(date(2025, 6, 30)) == "2025年6月30日"
    assert format_date(date(2025, 1, 5)) == "2025年1月5日"
    assert period_label("2025H1") == "2025年上半年"
    assert period_label("2025H2") == "2025年下半年"
    assert period_label("2025Q3") == "2025年第三季度"
    assert period_label("2025") == "2025年度"
    assert period_label("2025M06") == "2025年6月"
    assert period_label(" 2025h1 ") == "2025年上半年"


@pytest.mark.parametrize("bad", ["2025H3", "2025Q0", "2025Q5", "25H1", "2025-13", "上半年", "", "2025 H 1 x"])
def test_bad_period_labels_raise_with_a_code(bad):
    with pytest.raises(PeriodError) as e:
        period_label(bad)
    assert isinstance(e.value, ValueError)
    assert e.value.code in ("bad_period", "period_out_of_range")


def test_status_words_and_colours():
    assert [status_word(s) for s in ("ok", "warning", "breach")] == ["正常", "预警", "超限"]
    assert status_colour("ok").startswith("#2E7D32".upper()[:3])
    assert status_colour("breach") == "#C62828"
    assert status_colour(None) is None
    with pytest.raises(ValueError):
        status_word("red")


def test_chinese_numerals():
    assert [chinese_numeral(n) for n in (1, 9, 10, 11, 19, 20, 23, 99)] == [
        "一", "九", "十", "十一", "十九", "二十", "二十三", "九十九"]
    with pytest.raises(ValueError):
        chinese_numeral(0)


def test_format_specs():
    assert format_value(123_456_000_000, "amount:亿元") == "1,234.56"
    assert format_value(123_456_000_000, "amount:万元:0") == "12,345,600"
    assert format_value(0.0856, "percent:1") == "8.6%"
    assert format_value(1234, "int") == "1,234"
    assert format_value("见附注", "amount:亿元") == "见附注"
    assert format_value("breach", "status") == "超限"
    assert format_value(date(2025, 6, 30), "date") == "2025年6月30日"
    assert parse_format("amount:万元").excel_format() == "#,##0.00"
    assert parse_format("percent").excel_format() == "0.00%"
    assert parse_format("int").excel_format() == "#,##0"
    with pytest.raises(ValueError):
        parse_format("money")
    with pytest.raises(ValueError):
        parse_format("amount:千元")


def test_excel_values_stay_numbers():
    assert excel_value(123_456_000_000, "amount:亿元") == pytest.approx(1234.56)
    assert excel_value(0.1234, "percent") == 0.1234
    assert excel_value(Decimal("1.5"), "number") == 1.5
    assert excel_value("ok", "status") == "正常"
    assert excel_value(None, "number") is None
