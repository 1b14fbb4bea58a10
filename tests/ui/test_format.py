"""Numbers as shown in the GUI."""
import math

from ui.common import format as fmt


def test_amounts_in_yi_and_wan():
    assert fmt.yi(123_456_789_000, lang="zh_CN") == "1,234.57 亿元"
    assert fmt.wan(12_345_678, lang="zh_CN") == "1,234.57 万元"
    assert fmt.yi(123_456_789_000, lang="zh_CN", unit=False) == "1,234.57"
    assert fmt.amount(5e8, lang="zh_CN") == "5.00 亿元"
    assert fmt.amount(-5e8, lang="zh_CN") == "-5.00 亿元"
    assert fmt.amount(99_990_000, lang="zh_CN") == "9,999.00 万元"


def test_amounts_in_english():
    assert fmt.yi(123_456_789_000, lang="en") == "CNY 123.46 bn"
    assert fmt.wan(12_345_678, lang="en") == "CNY 12.35 m"


def test_amounts_follow_the_interface_language(app):
    from ui.common import i18n

    i18n.set_language("en")
    assert fmt.yi(1e9) == "CNY 1.00 bn"
    i18n.set_language("zh_CN")
    assert fmt.yi(1e9) == "10.00 亿元"


def test_percentages_and_missing_values():
    assert fmt.percent(0.15234) == "15.23%"
    assert fmt.percent(1.5) == "150.00%"
    assert fmt.percent(-0.00001) == "0.00%"
    assert fmt.number(1234567.891) == "1,234,567.89"
    assert fmt.number(-0.001) == "0.00"
    for missing in (None, math.nan):
        assert fmt.percent(missing) == fmt.yi(missing) == fmt.amount(missing) == fmt.number(missing) == "—"


def test_store_times_are_shown_in_local_time(monkeypatch):
    import time

    from ui.common.format import local_time

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        assert local_time("2025-07-02T01:30:01.000000+00:00") == "2025-07-02 09:30"  # Beijing time
        assert local_time("2025-07-01T20:00:00+00:00") == "2025-07-02 04:00"         # the next day there
        assert local_time(None) == "—" and local_time("", empty="") == ""
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
