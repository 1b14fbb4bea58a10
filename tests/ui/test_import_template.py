"""The import page's "下载模板…" button (issue 16): clicked as the user does, it asks where, writes the template
workbook in the interface language (every sheet, the accepted headers, the instructions) and says where it
is; a place that cannot be written is said on the page, never a traceback. The saved template, filled in,
is what the same page then checks."""
from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog


@pytest.fixture
def page(qtbot):
    from ui.concentration.import_page import ImportPage

    p = ImportPage()
    qtbot.addWidget(p)
    p.resize(1200, 800)
    p.show()
    return p


def _save_to(monkeypatch, path):
    asked = []

    def dialog(*args, **kwargs):
        asked.append(args)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    return asked


def test_download_template_in_chinese(page, qtbot, wait_ops, monkeypatch, tmp_path):
    assert page.template_button.text() == "下载模板…" and page.template_button.isVisible()
    asked = _save_to(monkeypatch, tmp_path / "模板")        # no extension typed: .xlsx is added
    qtbot.mouseClick(page.template_button, Qt.MouseButton.LeftButton)
    wait_ops()
    assert asked and str(asked[0][2]).endswith("RiskDesk导入模板.xlsx")     # the suggested name
    out = tmp_path / "模板.xlsx"
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["说明", "集团", "成员", "交易对手", "风险暴露", "限额", "业务"]
    assert [c.value for c in wb["成员"][1]][:3] == ["成员公司", "名称", "类型"]
    assert "模板已保存" in page.status.text() and str(out) in page.status.toolTip() + page.status.text()
    assert page.template_button.isEnabled()


def test_download_template_in_english(page, qtbot, wait_ops, monkeypatch, tmp_path):
    from ui.common import i18n

    i18n.set_language("en")
    try:
        page.retranslate()
        assert page.template_button.text() == "Download template…"
        _save_to(monkeypatch, tmp_path / "t.xlsx")
        qtbot.mouseClick(page.template_button, Qt.MouseButton.LeftButton)
        wait_ops()
        assert openpyxl.load_workbook(tmp_path / "t.xlsx").sheetnames[:2] == ["Instructions", "group"]
        assert page.status.text().startswith("Template saved")
    finally:
        i18n.set_language("zh_CN")


def test_cancelled_dialog_writes_nothing(page, qtbot, wait_ops, monkeypatch, tmp_path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    qtbot.mouseClick(page.template_button, Qt.MouseButton.LeftButton)
    wait_ops()
    assert list(tmp_path.iterdir()) == [] and page.template_button.isEnabled()


def test_unwritable_place_is_said_on_the_page(page, qtbot, wait_ops, monkeypatch, tmp_path):
    _save_to(monkeypatch, tmp_path / "no such folder" / "t.xlsx")
    qtbot.mouseClick(page.template_button, Qt.MouseButton.LeftButton)
    wait_ops()
    assert "无法将模板保存到" in page.status.text() and page.template_button.isEnabled()
