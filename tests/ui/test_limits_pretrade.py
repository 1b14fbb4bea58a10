"""The pre-trade check page on small-group: hand-computed before/after of every limit a trade touches."""
from __future__ import annotations

from tests.ui.test_limits_sandbox import db_path, screen, session  # noqa: F401 — fixtures


def _row(page, limit_id):
    model = page.model
    r = model.row_of(limit_id)
    assert r >= 0, f"{limit_id} not among {[x['limit_id'] for x in model.rows]}"
    return {name: model.index(r, c).data() for c, name in enumerate(model.COLUMNS)}, model.rows[r]


def test_two_billion_of_a_new_bank1_bond_in_life(screen, wait_ops):
    page = screen.pretrade_page
    assert page.form_box.isEnabled()
    page.select_member("LIFE")
    page.select_counterparty("BANK1")
    page.instrument.setText("BD-BANK1-NEW")
    page.asset_class.setCurrentIndex(page.asset_class.findData("fixed_income"))
    page.amount.setValue(20)                       # 20 亿元 = 2,000,000,000 yuan
    rows, cps = page.rows()
    assert rows[0]["amount"] == "2000000000" and cps is None
    page.run_check()
    wait_ops()
    # L01 (group, counterparty group, 8% of 1,000 亿): BANK1 group 100 亿 = 10% → 120 亿 = 12%, breach both times
    shown, raw = _row(page, "L01")
    assert (raw["key"], raw["before"], raw["after"]) == ("BANK1", 10_000_000_000_00, 12_000_000_000_00)
    assert (shown["ratio_before"], shown["ratio_after"]) == ("10.00%", "12.00%")
    assert (raw["old"], raw["new"]) == ("breach", "breach")
    # L06 (LIFE, single legal entity, 15%/20% of 600 亿): BANK1 80 亿 = 13.33% → 100 亿 = 16.67%, ok → warning
    shown, raw = _row(page, "L06")
    assert (shown["before"], shown["after"]) == ("80.00", "100.00")
    assert (shown["ratio_before"], shown["ratio_after"]) == ("13.33%", "16.67%")
    assert (raw["old"], raw["new"]) == ("ok", "warning")
    assert shown["status"] == "正常 → 预警"
    assert "新增预警 1 条" in page.summary.text() and "L06" in page.summary.text()
    # the new bond is a single asset of LIFE too (L07), 3.33% of total assets: ok
    shown, raw = _row(page, "L07")
    assert raw["key"] == "BD-BANK1-NEW" and shown["ratio_after"] == "3.33%"


def test_sale_of_a_holding_and_a_new_counterparty(screen, wait_ops):
    page = screen.pretrade_page
    page.sell.setChecked(True)
    page.holding.setCurrentIndex(page.holding.findData("E02"))
    page.sale_amount.setValue(20)                  # sell 20 of the 50 亿 BANK1 bond
    page.run_check()
    wait_ops()
    shown, raw = _row(page, "L01")
    assert (shown["ratio_before"], shown["ratio_after"]) == ("10.00%", "8.00%")
    assert (raw["old"], raw["new"]) == ("breach", "warning")      # 8% is not above the 8% limit

    page.buy.setChecked(True)
    page.cp_new.setChecked(True)
    page.new_id.setText("NEWCO")
    page.new_name.setText("某银行新设子公司")
    page.new_industry.setText("J66")
    page.new_region.setText("CN-SH")
    page.new_parent.setCurrentIndex(page.new_parent.findData("BANK1"))
    page.select_member("PC")
    page.instrument.setText("BD-NEWCO-2029")
    page.amount.setValue(10)
    page.run_check()
    wait_ops()
    shown, raw = _row(page, "L01")                 # a subsidiary of BANK1 joins its group: 110 亿 = 11%
    assert (raw["key"], shown["ratio_after"]) == ("BANK1", "11.00%")


def test_input_problems_are_shown_not_raised(screen, wait_ops):
    page = screen.pretrade_page
    page.sell.setChecked(True)
    page.holding.setCurrentIndex(page.holding.findData("E02"))
    page.sale_amount.setValue(80)                  # more than the 50 亿 held
    page.run_check()
    wait_ops()
    assert page.model.rowCount() == 0
    assert page.summary.text().startswith("未检查")
