"""The one table toolkit (ui/common/tables.py): a read-only table described by `Column` specs, built by
`read_only_table`, used as an officer does — click a header to sort (empty values last), Ctrl+C copies the
rows with the headers as shown, a status column paints chips."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication

from ui.common.tables import (
    ALIGN,
    BG,
    CENTER,
    FG,
    FONT,
    RAW,
    RIGHT,
    ROW,
    STATUS,
    TIP,
    Column,
    RowsModel,
    SortProxy,
    StatusChipDelegate,
    chip_colours,
    read_only_table,
)

ROWS = [{"name": "甲", "ratio": Decimal("0.0525"), "status": "breach"},
        {"name": "乙", "ratio": None, "status": None},
        {"name": "丙", "ratio": Decimal("0.0100"), "status": "ok"}]


class Model(RowsModel):
    CONTEXT = "LimitsLabels"        # headers translated in the context the sources are in


def columns():
    return [
        Column("Name", lambda r: r["name"], key="name", tip=lambda r: f"全称：{r['name']}"),
        Column("Ratio", lambda r: "—" if r["ratio"] is None else f"{r['ratio'] * 100:.2f}%", raw=lambda r: r["ratio"],
               align=RIGHT, fg=lambda r: "#C62828" if r["status"] == "breach" else None,
               bold=lambda r: r["status"] == "breach", key="ratio"),
        Column("Status", lambda r: r["status"] or "", align=CENTER, status=lambda r: r["status"],
               bg=lambda r: "#FDE7E7" if r["status"] == "breach" else None, key="status"),
        Column("Exposure", lambda r: "1.00", key="exposure", unit=lambda: "亿元"),
    ]


def test_columns_give_every_role_of_a_cell(app):
    model = Model(columns())
    model.set_rows(ROWS)
    assert model.rowCount() == 3 and model.columnCount() == 4 and model.column("status") == 2
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == ["名称", "比例", "状态",
                                                                                  "风险暴露 (亿元)"]
    ratio = model.index(0, 1)
    assert ratio.data() == "5.25%" and ratio.data(RAW) == Decimal("0.0525") and ratio.data(ALIGN) == RIGHT
    assert ratio.data(FG).color().name().upper() == "#C62828" and ratio.data(FONT).bold()
    assert model.index(1, 1).data(FG) is None and model.index(1, 1).data(FONT) is None
    assert model.index(0, 0).data(RAW) == "甲"                     # no raw given: the text
    assert model.index(0, 0).data(TIP) == "全称：甲" and model.index(0, 0).data(ROW) == ROWS[0]
    assert model.index(0, 2).data(STATUS) == "breach" and model.index(0, 2).data(BG).color().name().upper() == "#FDE7E7"
    assert model.index(0, 0).data(STATUS) is None


def test_a_header_click_sorts_on_the_values_with_empty_ones_last(app, qtbot):
    model = Model(columns())
    model.set_rows(ROWS)
    proxy = SortProxy()
    proxy.setSourceModel(model)
    view = read_only_table(proxy, "toolkitTable", sort=True, stretch_last=True, one_line=True)
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(1) + header.sectionSize(1) // 2
    for _ in range(2):      # the first click may keep Qt's initial order: click until ascending
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
        if header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder:
            break
    names = [proxy.index(r, 0).data() for r in range(3)]
    assert names == ["丙", "甲", "乙"]                              # 1.00%, 5.25%, then the empty one
    proxy.set_predicate(lambda r: r["status"] is not None)
    assert proxy.rowCount() == 2


def test_ctrl_c_copies_the_rows_with_the_headers_and_chips_paint_the_status(app, qtbot):
    model = Model(columns())
    model.set_rows(ROWS)
    view = read_only_table(model, "toolkitCopy")
    view.setItemDelegateForColumn(2, StatusChipDelegate(view))
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)
    view.selectRow(0)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "名称\t比例\t状态\t风险暴露 (亿元)\n甲\t5.25%\tbreach\t1.00"
    assert view.grab().width() > 0                                 # the chip delegate paints without error
    assert chip_colours("breach") == ("#C62828", "#FDE7E7") and chip_colours("absent") == ("#9e9e9e", "#f5f5f5")
