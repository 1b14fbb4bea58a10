"""Every screen fits an office laptop: at 1366×768 (and the 1280×800 default), in Chinese and in English,
every enabled button is inside the window (or inside a scroll area one can scroll), and every table column
starts and ends inside its table (no column pushed off to the right, behind a horizontal scroll bar).

Each screen is opened as a user does (the navigation list), then each of its tabs."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QScrollArea, QTableView, QTabWidget, QWidget

SIZES = [(1366, 768), (1280, 800)]
# With RISKDESK_SCREENSHOTS=1 the Chinese 1366×768 visit writes these views of the demo history (screen key,
# page of its first tab widget) as docs/screenshots/<name>.png, the window as the officer sees it.
SCREENSHOTS = {("rating", 0): "rating", ("concentration", 1): "concentration-dashboard",
               ("limits", 0): "limits-sandbox", ("home", 0): "home"}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
# every screen of the navigation list
CHECKED = ("home", "rating", "concentration", "breaches", "limits", "history", "reports")


def _clipped_out(widget: QWidget, window: QWidget) -> str | None:
    """Why `widget` cannot be seen or reached inside `window`, or None. A widget inside a scroll area is
    reachable when the scroll area is (one scrolls to it)."""
    rect = QRect(QPoint(0, 0), widget.size())
    w = widget
    while w is not window and w is not None:
        parent = w.parentWidget()
        if parent is None:
            break
        rect = rect.translated(w.pos())
        area = parent.parentWidget()
        if isinstance(area, QScrollArea) and parent is area.viewport() and type(area).__name__ != "_Slot":
            # (the window's page holder scrolls a screen too big for it: that is the failure we look for)
            # the scroll area's content: reachable by scrolling; check the scroll area itself from here
            w = parent.parentWidget()
            rect = QRect(QPoint(0, 0), w.size())
            continue
        inside = QRect(QPoint(0, 0), parent.size())
        if not inside.adjusted(-1, -1, 1, 1).contains(rect):
            return f"outside {type(parent).__name__}({parent.objectName()}) {rect} not in {inside}"
        w = parent
    return None


def _problems(window: QWidget, where: str) -> list[str]:
    out = []
    for b in window.findChildren(QAbstractButton):
        if not (b.isVisible() and b.isEnabled()) or b.width() == 0:
            continue
        if b.parentWidget() is not None and type(b.parentWidget()).__name__ in ("QTabBar", "QScrollBar", "QMenu"):
            continue
        why = _clipped_out(b, window)
        if why:
            out.append(f"{where}: button {b.objectName() or b.text()!r} {why}")
    for t in window.findChildren(QTableView):
        if not t.isVisible() or t.model() is None:
            continue
        if _clipped_out(t, window):
            out.append(f"{where}: table {t.objectName()} {_clipped_out(t, window)}")
            continue
        rows = t.model().rowCount()
        row_h = t.verticalHeader().defaultSectionSize()
        if rows >= 3 and t.viewport().height() < 3 * row_h:
            out.append(f"{where}: table {t.objectName()} shows {t.viewport().height() / row_h:.1f} rows of {rows}")
        header = t.horizontalHeader()
        width = t.viewport().width()
        for c in range(header.count()):
            if header.isSectionHidden(c):
                continue
            x = header.sectionViewportPosition(c) + header.offset()       # as if scrolled to the start
            if x + header.sectionSize(c) > width + 2:
                label = t.model().headerData(c, header.orientation())
                out.append(f"{where}: table {t.objectName()} column {label!r} ends at "
                           f"{x + header.sectionSize(c)} > {width}")
    return out


def _settle(qtbot) -> None:
    """Let the layout settle: a table that grows when its rows wrap anew grows its box, which may bring a
    scroll bar, which narrows the table again — each a posted event. Waiting a time is not enough on a
    loaded machine (one chart drawing can take the whole wait); ten rounds of posted events are."""
    from PySide6.QtWidgets import QApplication

    qtbot.wait(30)
    for _ in range(10):
        QApplication.processEvents()


@pytest.fixture
def window(db, qtbot, wait_ops):
    from ui.main_window import MainWindow
    from ui.session import Session

    session = Session(db_path=db, user="测试员")
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.start()
    wait_ops(30_000)
    yield w
    session.close()


def _visit(window, qtbot, wait_ops, size, lang: str) -> list[str]:
    from ui.common import i18n

    i18n.set_language(lang)
    window.resize(*size)
    problems, seen = [], []
    for i in range(window.nav.count()):
        if window.screen_key(i) not in CHECKED:
            continue
        window.nav.setCurrentRow(i)
        qtbot.waitUntil(lambda i=i: window.page_state(window.screen_key(i)) == "ready", timeout=30_000)
        wait_ops(30_000)
        _settle(qtbot)
        screen = window.stack.currentWidget().content
        seen.append(screen)
        # every page of every tab widget in view (the rating screen has two: inputs and history)
        tabs = [t for t in screen.findChildren(QTabWidget) if t.isVisible()] if screen else []
        pages = [(tw, k) for tw in tabs for k in range(tw.count())] or [(None, 0)]
        for tw, k in pages:
            if tw is not None and tw.isTabEnabled(k):
                tw.setCurrentIndex(k)
                wait_ops(30_000)
                _settle(qtbot)
            where = f"{lang} {size[0]}x{size[1]} {window.nav.item(i).text()}" + (
                f" / {tw.tabText(k)}" if tw is not None else "")
            problems += _problems(window, where)
            shot = SCREENSHOTS.get((window.screen_key(i), k)) if tw is None or tw is tabs[0] else None
            if shot and os.environ.get("RISKDESK_SCREENSHOTS") and (lang, size) == ("zh_CN", (1366, 768)):
                qtbot.wait(400)                   # the rating chart is drawn 150 ms after its result
                _settle(qtbot)
                DOCS.mkdir(parents=True, exist_ok=True)
                assert window.grab().save(str(DOCS / f"{shot}.png"))
    assert len(seen) == len(CHECKED)
    return problems


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_fits(window, qtbot, wait_ops, size, lang):
    problems = _visit(window, qtbot, wait_ops, size, lang)
    assert window.width() == size[0] and window.height() == size[1]    # the window can be that small
    assert problems == [], "\n".join(problems)


def _hidden_rows(view, rows, where) -> list[str]:
    """Rows of `view` not wholly inside what one sees of it without scrolling: inside its viewport, and
    that part of the viewport inside every scroll area around it (at the scroll position it opens with)."""
    out = []
    vp = view.viewport()
    for index, label in rows:
        rect = view.visualRect(index)
        if not rect.isValid() or not vp.rect().contains(rect):
            out.append(f"{where}: {view.objectName()} row {label!r} at {rect} not in its viewport {vp.rect()}")
            continue
        w, r = vp, rect
        while w.parentWidget() is not None and w.window() is not w:
            parent = w.parentWidget()
            r = r.translated(w.pos())
            if parent.objectName() == "qt_scrollarea_viewport" and not parent.rect().contains(r):
                out.append(f"{where}: {view.objectName()} row {label!r} below the fold of "
                           f"{type(parent.parentWidget()).__name__}: {r} not in {parent.rect()}")
                break
            w = parent
    return out


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_rating_shows_every_dimension_and_the_composite_score_without_scrolling(window, qtbot, wait_ops, size,
                                                                                lang):
    """The officer opens the rating screen on a laptop: every dimension's score row and the contributions
    table down to its 综合得分 row are in view (at 1366×768 a dimension and 综合得分 were hidden)."""
    from ui.common import i18n

    i18n.set_language(lang)
    window.resize(*size)
    row = [window.screen_key(i) for i in range(window.nav.count())].index("rating")
    window.nav.setCurrentRow(row)
    qtbot.waitUntil(lambda: window.page_state("rating") == "ready", timeout=30_000)
    wait_ops(30_000)
    _settle(qtbot)
    screen = window.stack.currentWidget().content
    assert screen.assessment is not None and len(screen.assessment.dimensions) == 6   # the demo's 2025
    tree, contrib = screen.inputs.score_view, screen.result.contrib_view
    dims = [(tree.model().index(r, 0), tree.model().index(r, 0).data()) for r in range(tree.model().rowCount())]
    assert len(dims) == 6
    last = contrib.model().rowCount() - 1
    composite = contrib.model().index(last, 0)
    assert composite.data() == screen.result.tr("Composite score")
    rows = [(contrib.model().index(r, 0), contrib.model().index(r, 0).data()) for r in range(last + 1)]
    problems = _hidden_rows(tree, dims, f"{lang} {size}") + _hidden_rows(contrib, rows, f"{lang} {size}")
    assert problems == [], "\n".join(problems)
    # the reasons of the adjustment rules get the largest share of their table, not a column of single words
    trace = screen.trace.trace_view
    because = trace.horizontalHeader().sectionSize(2)
    assert because >= trace.viewport().width() / 3, (because, trace.viewport().width())
    # the officer picks the unified rulebook: an unsaved edit (its mark in the top row), the weights page;
    # the top row still fits, every button and column still in view
    combo = screen.toolbar.rulebook_combo
    combo.setCurrentIndex(combo.findData("unified-2025"))
    combo.activated.emit(combo.currentIndex())
    try:
        assert screen.rulebook.id == "unified-2025" and screen.toolbar.unsaved_label.text()
        for page in range(screen.inputs.count()):
            screen.inputs.setCurrentIndex(page)
            _settle(qtbot)
            problems = _problems(window, f"{lang} {size} unified, inputs page {page}")
            assert problems == [], "\n".join(problems)
    finally:
        screen.stack.undo()          # nothing unsaved: closing the window asks nothing
