"""The concentration screen agrees with itself (demo group, with the exempt 财政部 among the largest): the
"top 5 share" card is the cumulative share the table shows at row 5, the top-10 chart has the table's first
ten keys in the same order, the basis is said on screen, and the single-asset chart names its bars by
instrument (two bonds of one issuer are two bars, no bar without a label)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from reports.charts import plain_text


@pytest.fixture
def dimension(db, qtbot, wait_ops):
    from ui.concentration.screen import ConcentrationScreen
    from ui.session import Session

    session = Session(db_path=db, user="测试员")
    session.open_store()
    qtbot.waitUntil(lambda: session.store is not None, timeout=15_000)
    screen = ConcentrationScreen(session)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitUntil(lambda: screen.view is not None, timeout=20_000)
    wait_ops()
    screen.tabs.setCurrentWidget(screen.dimension)       # the user opens the 集中度分析 tab
    yield screen.dimension
    session.close()


def _choose(dim_page, code):
    combo = dim_page.dimension_combo
    i = combo.findData(code)
    assert i >= 0, code
    combo.setCurrentIndex(i)


def _chart_labels(dim_page):
    ax = dim_page.chart.figure.axes[0]
    ticks = sorted(zip(ax.get_yticks(), [t.get_text() for t in ax.get_yticklabels()]), reverse=True)
    return [text for _, text in ticks]          # top bar first


def test_top5_card_chart_and_table_are_on_one_basis(dimension):
    _choose(dimension, "counterparty")
    m = dimension.model
    assert m.rowCount() >= 10
    # an exempt amount among the five largest totals: the case where the two bases differ
    first5 = [m.index(r, m.COUNTED).data() != m.index(r, m.TOTAL).data() for r in range(5)]
    assert any(first5)
    assert m.index(4, m.CUMULATIVE).data() == dimension.cards["top5"].value.text()
    assert m.index(0, m.CUMULATIVE).data() == dimension.cards["top1"].value.text()
    assert m.index(9, m.CUMULATIVE).data() == dimension.cards["top10"].value.text()
    names = [m.index(r, m.NAME).data() or m.index(r, m.KEY).data() for r in range(10)]
    assert _chart_labels(dimension) == [plain_text(n, 14) for n in names]
    assert dimension.table.horizontalHeader().sortIndicatorSection() == m.TOTAL
    assert "豁免" in dimension.basis_note.text() and dimension.basis_note.isVisible()
    # a click on 计入限额 ranks by what counts against the limits
    header = dimension.table.horizontalHeader()
    x = header.sectionViewportPosition(m.COUNTED) + header.sectionSize(m.COUNTED) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    counted = [m.sort_values(m.COUNTED)[m.source_row(r)] for r in range(m.rowCount())]
    assert counted == sorted(counted, reverse=True)


def test_single_asset_chart_names_bars_by_instrument(dimension):
    _choose(dimension, "single_asset")
    m = dimension.model
    keys = [m.index(r, m.KEY).data() for r in range(min(10, m.rowCount()))]
    labels = _chart_labels(dimension)
    assert labels == [plain_text(k, 14) for k in keys]
    assert all(labels) and len(set(labels)) == len(labels)
