"""The one bundled font, Noto Sans SC, and its registration with Qt.

The machine may have no CJK font at all, so Chinese renders as boxes until the font is loaded from the
file we ship (resources/fonts, SIL OFL 1.1). Qt, matplotlib (ui.common.charts) and reportlab all use these
same files so that screen and paper look alike.
"""
from __future__ import annotations

from ui.common.paths import FONTS

FAMILY = "Noto Sans SC"
REGULAR = FONTS / "NotoSansSC-Regular.ttf"
BOLD = FONTS / "NotoSansSC-Bold.ttf"
LICENSE = FONTS / "OFL.txt"
POINT_SIZE = 10

_registered: list[str] | None = None


def register_qt_fonts() -> list[str]:
    """Add the bundled fonts to Qt's database (needs a QGuiApplication); returns the families loaded.

    Idempotent: a second call returns the first result, since adding the same file twice would create
    duplicate font entries.
    """
    global _registered
    if _registered is None:
        from PySide6.QtGui import QFontDatabase

        families: list[str] = []
        for path in (REGULAR, BOLD):
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                families.extend(QFontDatabase.applicationFontFamilies(font_id))
        _registered = families
    return list(_registered)


def app_font(point_size: int = POINT_SIZE):
    """The application font; call register_qt_fonts() first."""
    from PySide6.QtGui import QFont

    return QFont(FAMILY, point_size)
