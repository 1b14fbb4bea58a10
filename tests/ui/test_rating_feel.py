"""The rating screen's smaller defects from trying it as an officer (issue 16), each clicked as a user does:
保存 with nothing changed, the 导出 button's menu arrow, and banners that follow a language switch."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QStyleOptionButton

from core.store import Store
from tests.ui.test_rating_screen import type_score
from ui.session import Session


@pytest.fixture
def screen(qtbot, wait_ops, db):
    """The rating screen on a copy of the demo history, opened as on start (on the latest 2025 assessment)."""
    from ui.rating.screen import RatingScreen

    session = Session(db, user="王芳")
    session.open_store()
    wait_ops()
    made = RatingScreen(session)
    qtbot.addWidget(made)
    made.resize(1366, 720)
    made.show()
    qtbot.waitExposed(made)
    yield made
    session.close()


def _assessment_count(db) -> int:
    with Store.open(db) as store:
        return len(store.list_assessments())


def test_save_with_nothing_changed_stores_no_duplicate(screen, db, qtbot, wait_ops):
    before = _assessment_count(db)
    assert screen.draft.get(("meta", "period")) == "2025" and screen.actions.saved_id is not None
    # opened as saved: 保存 is disabled and says why; clicking it stores nothing
    assert not screen.toolbar.save_button.isEnabled()
    assert str(screen.actions.saved_id) in screen.toolbar.save_button.toolTip()
    qtbot.mouseClick(screen.toolbar.save_button, Qt.MouseButton.LeftButton)
    wait_ops()
    assert _assessment_count(db) == before
    # Ctrl+S says so instead of storing a duplicate
    qtbot.keyClick(screen, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_ops()
    assert _assessment_count(db) == before
    assert screen.message_bar.shown() and "没有改动" in screen.message_bar.text()
    # an edit makes it savable; saving once stores one record, and 保存 is disabled again
    type_score(qtbot, screen, "investment", "74")
    assert screen.toolbar.save_button.isEnabled()
    qtbot.mouseClick(screen.toolbar.save_button, Qt.MouseButton.LeftButton)
    wait_ops()
    assert _assessment_count(db) == before + 1
    assert not screen.toolbar.save_button.isEnabled()
    qtbot.mouseClick(screen.toolbar.save_button, Qt.MouseButton.LeftButton)
    wait_ops()
    assert _assessment_count(db) == before + 1
    # undoing the edit after saving: the draft is no longer the record just saved
    screen.stack.undo()
    assert screen.toolbar.save_button.isEnabled()


def test_the_export_menu_arrow_does_not_cover_its_text(screen):
    button = screen.toolbar.export_button
    assert button.isVisible() and button.menu() is not None
    assert [a.text() for a in button.menu().actions()] == ["JSON 文件…", "XLSX 模板…"]
    option = QStyleOptionButton()
    button.initStyleOption(option)
    style = button.style()
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, button)
    text = button.fontMetrics().horizontalAdvance(button.text())
    # the text and the arrow side by side inside the button (it was 40 px wide: the arrow sat on 出)
    assert button.width() >= text + arrow + 2 * style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, option, button)


def test_a_banner_already_shown_follows_a_language_switch(screen, qtbot, wait_ops):
    from ui.common import i18n

    qtbot.keyClick(screen, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert screen.message_bar.shown() and "没有改动" in screen.message_bar.text()
    i18n.set_language("en")
    qtbot.waitUntil(lambda: screen.toolbar.save_button.text() == "Save")      # LanguageChange is a posted event
    assert screen.message_bar.text() == f"Nothing changed since record {screen.actions.saved_id} was saved: nothing to save."
    i18n.set_language("zh_CN")
    qtbot.waitUntil(lambda: screen.toolbar.save_button.text() == "保存")
    assert "没有改动" in screen.message_bar.text()


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_chart_names_and_legend_stand_apart_inside_the_chart(screen, qtbot, lang):
    """At 1366×768 the six names under the bars ran into each other and were cut at the bottom, and the
    legend's "2025" was cut: every tick label and the legend lie inside the figure, no two labels overlap —
    at the screen's size in a 1280×800 window too (its page is 1120×744 there)."""
    from ui.common import i18n

    screen.resize(1120, 744)
    i18n.set_language(lang)
    qtbot.waitUntil(lambda: screen.toolbar.save_button.text() == ("保存" if lang == "zh_CN" else "Save"))
    chart = screen.history.chart
    assert chart.isVisible()
    english = lang == "en"

    def drawn():           # the chart follows the result 150 ms later, named in the language shown
        names = chart.series.get("names") or []
        return len(names) == 6 and all(n.isascii() == english for n in names)
    qtbot.waitUntil(drawn)
    figure = chart.chart.figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    ax = figure.axes[0]
    page = figure.bbox
    labels = [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()]
    assert len(labels) == 6
    for box in labels + [ax.get_legend().get_window_extent(renderer)]:
        assert page.x0 - 1 <= box.x0 and box.x1 <= page.x1 + 1 and page.y0 - 1 <= box.y0 and box.y1 <= page.y1 + 1
    for left, right in zip(labels, labels[1:]):
        assert left.x1 <= right.x0, "names under the bars overlap"


def test_the_panels_do_not_jump_when_a_message_comes_and_goes(screen, qtbot):
    """A refused score brings a message; fixing it takes the message away: the panels below stay put."""
    from PySide6.QtWidgets import QApplication

    def top() -> int:
        for _ in range(5):
            QApplication.processEvents()
        return screen.splitter.mapTo(screen, screen.splitter.rect().topLeft()).y()

    screen.message("")
    before = top()
    type_score(qtbot, screen, "investment", "101", enter=False)       # out of range: refused as typed
    assert screen.message_bar.shown() and screen.message_bar.error
    assert top() == before
    type_score(qtbot, screen, "investment", "74")
    assert not screen.message_bar.shown()
    assert top() == before
