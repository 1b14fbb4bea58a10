"""Settings: a temporary location for tests, the Options dialog, the user-name question."""
import os

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog

from ui import settings
from ui.settings.dialog import SettingsDialog, ask_user_name


def test_tests_use_a_temporary_settings_file(settings_dir):
    s = settings.app_settings()
    assert s.format() == QSettings.Format.IniFormat
    assert os.path.dirname(s.fileName()) == str(settings_dir)
    settings.write(settings.USER_NAME, "王五")
    assert settings.read_str(settings.USER_NAME) == "王五"
    assert (settings_dir / "RiskDesk.ini").exists()


def test_without_the_variable_settings_are_the_users(monkeypatch):
    monkeypatch.delenv(settings.SETTINGS_DIR_ENV)
    s = settings.app_settings()
    assert s.organizationName() == "RiskDesk" and s.applicationName() == "RiskDesk"
    # (not written to: the real user's settings stay untouched)


def test_read_str_ignores_values_of_another_type():
    settings.write(settings.LANGUAGE, 3)
    assert settings.read_str(settings.LANGUAGE, "zh_CN") in ("zh_CN", "3")  # INI stores text


def test_options_dialog_collects_language_and_user(qtbot):
    dialog = SettingsDialog(language="zh_CN", user="张三")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "选项"
    assert dialog.language() == "zh_CN" and dialog.user_name() == "张三"
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("en"))
    dialog.user_edit.setText("  李四 ")
    assert dialog.language() == "en" and dialog.user_name() == "李四"


def test_apply_settings_switches_language_and_saves_the_user(qtbot, tmp_path):
    from ui.common import i18n
    from ui.main_window import MainWindow
    from ui.session import Session

    window = MainWindow(Session(tmp_path / "x.sqlite3", user="张三"))
    qtbot.addWidget(window)
    window.apply_settings("en", "李四")
    assert i18n.current() == "en"
    assert settings.read_str(settings.LANGUAGE) == "en"
    assert settings.read_str(settings.USER_NAME) == "李四"
    qtbot.waitUntil(lambda: window.user_label.text() == "User: 李四")


def test_ask_user_name(monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("  赵六 ", True))
    assert ask_user_name(None) == "赵六"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("赵六", False))
    assert ask_user_name(None) is None
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("   ", True))
    assert ask_user_name(None) is None
