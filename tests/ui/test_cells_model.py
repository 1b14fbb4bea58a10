"""The table toolkit's CellsModel (ui/common/tables.py), the read-only table of rows prepared cell by cell that
the rating screen's result tables and the home screen's tables use: each cell's roles, headers from a function
of the interface language, another set of columns, and an update in place that keeps the officer's selection
(a table rebuilt as the officer types used to lose it)."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt

from ui.common.tables import (
    ALIGN,
    BG,
    CENTER,
    DISPLAY,
    FG,
    FONT,
    RIGHT,
    TIP,
    CellsModel,
    read_only_table,
    selected_text,
)


def rows(score: str):
    return [[{DISPLAY: "资本充足", FONT: "bold"}, {DISPLAY: score, ALIGN: RIGHT, TIP: "加权得分"}],
            ["风险管理", {DISPLAY: "—", FG: "#b3261e", BG: "#fde4e1", ALIGN: CENTER}]]


def test_a_cell_gives_its_roles_and_a_plain_text_its_display_only(app):
    model = CellsModel(["Dimension", "Score"])
    model.set_rows(rows("80.00"), ["capital", "risk"])
    assert model.rowCount() == 2 and model.columnCount() == 2
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)] == ["Dimension", "Score"]
    name, score = model.index(0, 0), model.index(0, 1)
    assert name.data() == "资本充足" and name.data(FONT).bold() and name.data(ALIGN) is None
    assert score.data() == "80.00" and score.data(ALIGN) == RIGHT and score.data(TIP) == "加权得分"
    plain, dash = model.index(1, 0), model.index(1, 1)
    assert plain.data() == "风险管理" and plain.data(TIP) is None and plain.data(FONT) is None
    assert dash.data(FG).color().name() == "#b3261e" and dash.data(BG).color().name() == "#fde4e1"
    assert dash.data(ALIGN) == CENTER
    assert model.row_data == ["capital", "risk"] and model.display_texts() == [["资本充足", "80.00"], ["风险管理", "—"]]


def test_an_update_of_the_same_shape_keeps_the_selection_and_copies_the_new_texts(qtbot):
    model = CellsModel(["Dimension", "Score"])
    view = read_only_table(model, "cells")
    qtbot.addWidget(view)
    model.set_rows(rows("80.00"))
    view.selectionModel().select(model.index(1, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                 | QItemSelectionModel.SelectionFlag.Rows)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    assert model.set_rows(rows("81.50")) is True and not resets
    assert [i.row() for i in view.selectionModel().selectedRows()] == [1]
    assert model.set_rows(rows("81.50")) is False                       # nothing changed
    model.set_rows(rows("81.50")[:1])                                    # another shape: reset
    assert resets and model.rowCount() == 1
    view.selectAll()
    assert selected_text(view) == "Dimension\tScore\n资本充足\t81.50"


def test_headers_follow_the_language_and_another_set_of_columns(app):
    language = ["en"]
    model = CellsModel(lambda: ["维度", "得分"] if language[0] == "zh" else ["Dimension", "Score"])
    model.set_rows(rows("80.00"))
    language[0] = "zh"
    changed = []
    model.headerDataChanged.connect(lambda *a: changed.append(a))
    model.retranslate()
    assert changed and model.headerData(1, Qt.Orientation.Horizontal) == "得分"
    model.set_headers(["Duty", "Period", "Due"])
    assert model.columnCount() == 3 and model.rowCount() == 0
    model.set_rows([["报送", "2025Q2", "2025-07-30"]])
    assert model.index(0, 2).data() == "2025-07-30" and model.headerData(2, Qt.Orientation.Horizontal) == "Due"
