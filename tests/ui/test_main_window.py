"""The main window: navigation, lazy screens, placeholders, undo/unsaved state, status bar, geometry."""
import pytest
from PySide6.QtCore import QByteArray, QRect
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import store_closed
from ui import settings
from ui.main_window import SCREENS, MainWindow, module_exists
from ui.session import Session

# The shell's tests do not depend on which screen packages exist yet: stand-ins for all five.
TITLES = {key: title for key, title, _ in SCREENS}
PLACEHOLDERS = [(key, TITLES[key], f"tests.ui.no_such_{key}.screen:Screen")
                for key in ("rating", "concentration", "limits", "history", "reports")]
FAKE = [
    ("rating", TITLES["rating"], "tests.ui.fake_screen:FakeScreen"),
    ("concentration", TITLES["concentration"], "ui.concentration_does_not_exist.screen:Nothing"),
    ("limits", TITLES["limits"], "tests.ui.fake_screen:BrokenScreen"),
]


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch):
    """pytest-qt closes the windows before fixtures tear down: answer the unsaved-changes question
    (a test that checks the question patches it again)."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)


@pytest.fixture
def make_window(qtbot, tmp_path, wait_ops):
    def make(screens=None, start=True, **session_args):
        session_args.setdefault("user", "张三")
        session = Session(tmp_path / "h.sqlite3", **session_args)
        window = MainWindow(session, screens=PLACEHOLDERS if screens is None else screens)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        if start:
            window.start()
            wait_ops()
        return window

    return make


def page_content(window):
    return window.stack.currentWidget().content


def test_window_opens_on_a_placeholder_in_chinese(make_window):
    window = make_window()
    assert window.isVisible()
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "评级自评", "集中度", "限额", "历史", "报告"]
    assert window.windowTitle() == "评级自评[*] — RiskDesk"
    page = page_content(window)
    assert page.objectName() == "placeholderPage"
    assert page.text.text() == "此功能将在后续版本提供。"
    assert [m.title() for m in (window.file_menu, window.edit_menu, window.settings_menu, window.help_menu)] == [
        "文件(&F)", "编辑(&E)", "设置(&S)", "帮助(&H)"]


def test_navigation_switches_pages_and_builds_each_once(make_window):
    window = make_window()
    for row, (key, _title, _factory) in enumerate(PLACEHOLDERS):
        window.nav.setCurrentRow(row)
        assert window.stack.currentIndex() == row
        assert window.page_state(key) == "placeholder"
        assert window.screen_key() == key
    assert window.windowTitle().startswith("报告")
    first = window.stack.widget(0).content
    window.nav.setCurrentRow(0)
    assert window.stack.widget(0).content is first  # not rebuilt


def test_pages_are_built_only_when_first_shown(make_window):
    window = make_window()
    assert set(window._state) == {"rating"}
    window.nav.setCurrentRow(3)
    assert set(window._state) == {"rating", "history"}


def test_screen_is_imported_lazily_and_follows_the_contract(make_window, qtbot, monkeypatch):
    import sys

    monkeypatch.delitem(sys.modules, "tests.ui.fake_screen", raising=False)
    monkeypatch.delitem(sys.modules, "json.tool", raising=False)
    window = make_window(screens=FAKE, start=False)
    assert window.page_state("rating") == "loading"  # the import waits for start(), after the first paint
    assert page_content(window).objectName() == "loadingPage"
    with qtbot.waitSignal(window.screen_loaded, timeout=10_000):
        window.start()
    screen = window.screen_widget("rating")
    assert type(screen).__name__ == "FakeScreen"
    assert page_content(window) is screen
    assert screen.session is window.session
    assert screen.activations == 1
    assert "json.tool" in sys.modules  # the module's PRELOAD, imported by the worker


def test_undo_group_follows_the_shown_screen_and_title_marks_unsaved(make_window, qtbot):
    window = make_window(screens=FAKE)
    qtbot.waitUntil(lambda: window.page_state("rating") == "ready")
    screen = window.screen_widget("rating")
    assert not window.isWindowModified() and not window.undo_action.isEnabled()
    screen.set_value(5)
    assert window.isWindowModified()
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "撤销“set 5”(&U)"
    window.undo_action.trigger()
    assert screen.value == 0
    assert not window.isWindowModified()
    window.redo_action.trigger()
    assert screen.value == 5 and window.isWindowModified()
    window.nav.setCurrentRow(1)  # a screen without a stack: nothing to undo, title not marked
    assert window.undo_group.activeStack() is None
    assert not window.undo_action.isEnabled() and not window.isWindowModified()
    window.nav.setCurrentRow(0)
    assert window.isWindowModified()
    assert window.unsaved_keys() == ["rating"]


def test_close_asks_before_discarding_unsaved_changes(make_window, qtbot, monkeypatch):
    window = make_window(screens=FAKE)
    qtbot.waitUntil(lambda: window.page_state("rating") == "ready")
    window.screen_widget("rating").set_value(1)
    answers = []

    def answer(reply):
        def question(*args, **kwargs):
            answers.append(args[2])
            return reply
        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    assert not window.close()
    assert window.isVisible()
    assert "评级自评" in answers[0]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Discard))
    assert window.close()


def test_missing_and_broken_screens_get_stand_in_pages(make_window, qtbot, capsys):
    window = make_window(screens=FAKE)
    window.nav.setCurrentRow(1)
    assert page_content(window).objectName() == "placeholderPage"
    window.nav.setCurrentRow(2)
    qtbot.waitUntil(lambda: window.page_state("limits") == "broken")
    page = page_content(window)
    assert page.objectName() == "brokenPage"
    assert "broken on purpose" in page.details.text()
    assert "Traceback" not in page.text.text() + page.details.text()


def test_registry_names_the_screens_and_each_has_an_icon():
    from ui.common.paths import ICONS

    keys = [key for key, _, _ in SCREENS]
    assert len(set(keys)) == len(keys)
    required = ["rating", "concentration", "limits", "history", "reports"]
    assert [k for k in keys if k in required] == required  # in this order; others may come between
    for key, title, factory in SCREENS:
        module, _, cls = factory.partition(":")
        assert module == f"ui.{key}.screen" and cls.endswith("Screen")
        assert (ICONS / f"{key}.svg").exists(), key
        assert title.isascii()  # English source, translated in context "Screens"


def test_module_exists_does_not_import():
    import sys

    assert module_exists("ui.main_window")
    assert not module_exists("ui.rating_missing.screen")
    assert not module_exists("ui.main_window.nothing")
    assert module_exists("tests.ui.fake_screen") or "tests.ui.fake_screen" in sys.modules


def test_status_bar_shows_database_user_and_snapshot(make_window, tmp_path):
    window = make_window()
    assert window.db_label.toolTip() == f"数据库：{tmp_path / 'h.sqlite3'}"
    assert window.user_label.text() == "用户：张三"
    assert window.snapshot_label.text() == "快照：—"
    window.session.set_snapshot_label("2025-06-30")
    assert window.snapshot_label.text() == "快照：2025-06-30"
    window.session.set_user("李四")
    assert window.user_label.text() == "用户：李四"


def test_status_bar_busy_indicator(make_window):
    window = make_window()
    token = object()
    window.show_busy(token, "正在计算…")
    assert window.busy_bar.isVisible() and window.busy_label.text() == "正在计算…"
    window.hide_busy(token)
    assert not window.busy_bar.isVisible()


def test_geometry_and_last_screen_round_trip_in_temp_settings(make_window, settings_dir):
    window = make_window()
    window.setGeometry(QRect(40, 50, 640, 480))  # inside the offscreen screen (800×600), so not clamped
    window.nav.setCurrentRow(2)
    assert window.close()
    ini = settings_dir / "RiskDesk.ini"
    assert ini.exists()  # written to the test's folder, not the user's settings
    saved = settings.app_settings().value(settings.WINDOW_GEOMETRY)
    assert isinstance(saved, QByteArray) and not saved.isEmpty()
    again = make_window()
    assert (again.width(), again.height()) == (640, 480)
    assert again.screen_key() == "limits"


def test_default_size_without_saved_geometry(make_window):
    window = make_window()
    assert (window.width(), window.height()) == (1280, 800)


def test_store_is_opened_after_start_and_closed_with_the_session(make_window, wait_ops, tmp_path):
    window = make_window(start=False)
    # nothing opened (nor created) before the first paint
    assert window.session.store is None and not (tmp_path / "h.sqlite3").exists()
    window.start()
    wait_ops()
    store = window.session.store
    assert store is not None and store.path == tmp_path / "h.sqlite3" and store.path.is_file()
    assert window.db_label.toolTip() == f"数据库：{tmp_path / 'h.sqlite3'}"
    ready = []
    window.session.when_store_ready(ready.append)
    assert ready == [store]
    window.session.close()
    assert store_closed(store)


def test_language_switch_from_the_menu_retranslates_live(make_window, settings_dir, qtbot):
    window = make_window()
    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.nav.item(0).text() != "评级自评")  # LanguageChange is a posted event
    assert window.nav.item(0).text() == "Rating"
    assert window.file_menu.title() == "&File"
    assert page_content(window).text.text() == "This feature will be available in a later version."
    assert window.windowTitle() == "Rating[*] — RiskDesk"
    assert settings.read_str(settings.LANGUAGE) == "en"
    window.language_actions["zh_CN"].trigger()
    qtbot.waitUntil(lambda: window.nav.item(0).text() == "评级自评")
    assert window.user_label.text() == "用户：张三"


def test_first_start_asks_for_the_user_name_once_and_saves_it(make_window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    asked = []

    def get_text(*args, **kwargs):
        asked.append(args[1])
        return "新用户", True

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    window = make_window(start=False, user="")
    window.start(ask_user_if_missing=True)
    qtbot.waitUntil(lambda: window.session.user == "新用户")
    assert asked == ["用户名"]
    assert settings.read_str(settings.USER_NAME) == "新用户"
    assert window.user_label.text() == "用户：新用户"


def test_no_question_when_the_name_is_known_or_in_the_demo(make_window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: pytest.fail("must not ask"))
    make_window(start=False).start(ask_user_if_missing=True)
    make_window(start=False, user="", demo=True).start(ask_user_if_missing=True)
    qtbot.wait(50)


def test_opening_another_database_switches_the_store_and_clears_undo(make_window, qtbot, wait_ops, tmp_path):
    window = make_window(screens=FAKE)
    qtbot.waitUntil(lambda: window.page_state("rating") == "ready")
    first = window.session.store
    screen = window.screen_widget("rating")
    screen.set_value(3)
    window.open_database(tmp_path / "other.sqlite3")  # the unsaved-changes question is answered Discard
    wait_ops()
    assert window.session.store.path == tmp_path / "other.sqlite3"
    assert store_closed(first) and not store_closed(window.session.store)
    assert not window.undo_action.isEnabled() and not window.isWindowModified()
    assert window.db_label.toolTip() == f"数据库：{tmp_path / 'other.sqlite3'}"


def test_ctrl_number_jumps_to_a_screen(make_window, qtbot):
    from PySide6.QtCore import Qt

    window = make_window()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.screen_key() == "limits"
