"""The read-only tables of the limits screen: ui.limits.models.RowsModel and ui.limits.widgets.table."""
from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt

from ui.limits import models as m
from ui.limits.diff_model import DiffModel
from ui.limits.widgets import table


class Model(m.RowsModel):
    COLUMNS = ("name", "loss", "status")
    HEADERS = {"name": QT_TRANSLATE_NOOP("LimitsLabels", "Name"), "loss": QT_TRANSLATE_NOOP("LimitsLabels", "Loss"),
               "status": QT_TRANSLATE_NOOP("LimitsLabels", "Status: before → after")}
    YI_COLUMNS = frozenset({"loss"})


def test_rows_columns_and_translated_headers(app):
    model = Model()
    resets = []
    model.modelReset.connect(lambda: resets.append(True))
    assert (model.rowCount(), model.columnCount()) == (0, 3)
    model.set_rows(iter(["a", "b"]))
    assert model.rows == ["a", "b"] and resets == [True]
    assert (model.rowCount(), model.columnCount()) == (2, 3)
    assert model.rowCount(model.index(0, 0)) == 0 and model.rowCount(QModelIndex()) == 2
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert header == ["名称", "损失 (亿元)", "状态：之前 → 之后"]       # the tests run in Chinese
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_diff_model_headers_of_two_versions(app):
    assert DiffModel().headerData(3, Qt.Orientation.Horizontal) == m.translated("Warning: approved → new")
    assert DiffModel(versions=True).headerData(3, Qt.Orientation.Horizontal) == m.translated("Warning: first → second")
    assert DiffModel(versions=True).headerData(0, Qt.Orientation.Horizontal) == m.translated("ID")


def test_table_options(qtbot):
    model = Model()
    view = table(model, name="someTable", stretch_last=True, transition="status")
    qtbot.addWidget(view)
    assert view.objectName() == "someTable" and view.horizontalHeader().stretchLastSection()
    assert isinstance(view.itemDelegateForColumn(2), m.TransitionDelegate)
    assert view.itemDelegateForColumn(0) is None
    plain = table(model)
    qtbot.addWidget(plain)
    assert plain.objectName() == "" and not plain.horizontalHeader().stretchLastSection()
    assert plain.itemDelegateForColumn(2) is None
