"""The concentration screens' models on their own: lazy fetching over a million keys, sorting, path texts."""
from __future__ import annotations

from PySide6.QtCore import Qt


def test_sums_model_fetches_lazily_on_a_million_keys(qtbot):
    import numpy as np

    from ui.concentration.models import RAW, SumsModel

    n = 1_000_000
    m = SumsModel()
    keys = np.asarray([f"K{i:07d}" for i in range(n)], dtype=object)
    totals = np.arange(n, 0, -1, dtype=np.int64) * 100
    m.set_arrays("counterparty", "group", keys, totals, totals)
    assert m.rowCount() == SumsModel.BATCH < n
    assert m.canFetchMore()
    m.fetchMore()
    assert m.rowCount() == 2 * SumsModel.BATCH
    assert m.index(0, SumsModel.KEY).data() == "K0000000"
    assert m.index(2 * SumsModel.BATCH, 0).data() is None          # not fetched: not there
    m.sort(SumsModel.TOTAL, Qt.SortOrder.AscendingOrder)           # a permutation, still lazy
    assert m.rowCount() == 2 * SumsModel.BATCH
    assert m.index(0, SumsModel.KEY).data() == "K0999999"
    assert m.index(0, SumsModel.TOTAL).data(RAW) == 100
    assert [k for k, _ in m.top(3)] == ["K0000000", "K0000001", "K0000002"]
    # a view on it asks for rows as it scrolls, never for all of them
    from PySide6.QtWidgets import QTableView

    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(m)
    view.resize(400, 300)
    view.show()
    view.scrollToBottom()
    assert m.rowCount() < 10 * SumsModel.BATCH


def test_frame_model_fetches_lazily_and_sorts(qtbot):
    import pandas as pd

    from ui.concentration.models import RAW, RIGHT, Column, FrameModel

    n = 10_000
    frame = pd.DataFrame({"id": [f"E{i:05d}" for i in range(n)], "amount_fen": list(range(n))})
    ids, amt = frame["id"].to_numpy(dtype=object), frame["amount_fen"].to_numpy()
    m = FrameModel()
    m.set_frame(frame, [Column("Exposure", lambda i: ids[i]),
                        Column("Amount", lambda i: str(amt[i]), lambda i: int(amt[i]), RIGHT)], key_column="id")
    assert m.rowCount() == FrameModel.BATCH
    m.sort(1, Qt.SortOrder.DescendingOrder)
    assert m.index(0, 0).data() == "E09999"
    assert m.index(0, 1).data(RAW) == n - 1
    assert m.row_of_key("E00000") == n - 1 and m.rowCount() == n        # fetched up to the row asked for


def test_look_through_path_texts():
    from ui.concentration.drilldown import path_text

    instruments = {"E06": "TRUST-PLAN-7", "E07": "AMP-1", "E07-1": "AMP-1-TR"}.get
    assert path_text("E06 → E06A", instruments) == "E06 TRUST-PLAN-7 → E06A"
    assert path_text("E07 → E07-1 → E07-1-01", instruments) == "E07 AMP-1 → E07-1 AMP-1-TR → E07-1-01"
    assert path_text("E04", instruments) == "直接持有"


def test_code_names():
    """The names come from wording.codes (shared with the reports) through SnapshotView.key_name."""
    from ui.common import i18n
    from ui.concentration.models import SnapshotView

    view = SnapshotView(data=None, result=None)
    assert view.key_name("industry", "K70") == "房地产业"
    assert view.key_name("region", "CN-GD") == "广东"
    assert view.key_name("industry", "Z99") == ""
    i18n.set_language("en")
    try:
        assert view.key_name("region", "CN-GD") == "Guangdong"
        assert view.key_name("industry", "K70") == ""
    finally:
        i18n.set_language("zh_CN")


def test_the_views_names_are_the_cells_as_text():
    """build_view's look-ups take a column's cells as `.astype(str)` gives them: Python strings as they are, pandas
    `str` (Arrow) cells, and anything else as its text."""
    import pandas as pd

    from ui.concentration.view import _text_list

    for column in (pd.Series(["BANK1", "银行"], dtype=object), pd.Series(["BANK1", "银行"], dtype="str"),
                   pd.Series([7, "B"], dtype=object), pd.Series([], dtype=object)):
        got = _text_list(column)
        assert got == column.astype(str).tolist() and all(type(v) is str for v in got)
