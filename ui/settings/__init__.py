"""The user's settings (QSettings) and their keys; the dialog lives in ui.settings.dialog.

Settings live where Qt keeps them for organisation "RiskDesk", application "RiskDesk" (the registry on
Windows, ~/.config/RiskDesk/RiskDesk.conf on Linux). Tests and benchmarks set RISKDESK_SETTINGS_DIR to a
temporary folder, and the settings then go to an INI file there, so that they never read or overwrite the
real user's settings.

Keys (all strings):
    ui/language      "zh_CN" (default) or "en"; `--lang` overrides it for one run without saving
    user/name        the name recorded on proposals and decisions; `--user` overrides it for one run
    window/geometry  QMainWindow.saveGeometry()
    window/state     QMainWindow.saveState() (tool bars, docks)
    window/screen    key of the last screen shown (ui.main_window.SCREENS)
Screens keep their own settings under "screens/<key>/...".
"""
from __future__ import annotations

import os

from PySide6.QtCore import QSettings

ORGANIZATION = "RiskDesk"
APPLICATION = "RiskDesk"
SETTINGS_DIR_ENV = "RISKDESK_SETTINGS_DIR"

LANGUAGE = "ui/language"
USER_NAME = "user/name"
WINDOW_GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"
WINDOW_SCREEN = "window/screen"


def app_settings() -> QSettings:
    """A QSettings for RiskDesk; honours RISKDESK_SETTINGS_DIR (read each call, so tests can change it)."""
    folder = os.environ.get(SETTINGS_DIR_ENV)
    if folder:
        os.makedirs(folder, exist_ok=True)
        return QSettings(os.path.join(folder, "RiskDesk.ini"), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def read_str(key: str, default: str = "") -> str:
    value = app_settings().value(key, default)
    return value if isinstance(value, str) else default


def write(key: str, value) -> None:
    s = app_settings()
    s.setValue(key, value)
    s.sync()
