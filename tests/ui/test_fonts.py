"""The bundled Noto Sans SC is the application font and has the Chinese glyphs the GUI needs."""
from PySide6.QtGui import QFontInfo, QFontMetrics, QGuiApplication

from ui.common import fonts


def test_bundled_font_is_registered_and_is_the_app_font(app):
    assert fonts.FAMILY in fonts.register_qt_fonts()
    font = QGuiApplication.font()
    assert QFontInfo(font).family() == fonts.FAMILY
    assert font.pointSize() == fonts.POINT_SIZE
    assert fonts.LICENSE.exists()


def test_chinese_glyphs_are_in_the_font(app):
    # inFont() wrongly says False for CJK in PySide6 6.12; inFontUcs4 is right.
    metrics = QFontMetrics(fonts.app_font())
    for ch in "评级自评集中度限额历史报告此功能将在后续版本提供亿万元％":
        assert metrics.inFontUcs4(ord(ch)), ch


def test_a_missing_glyph_is_detected(app):
    """The check above can fail: a private-use code point is in no font."""
    assert not QFontMetrics(fonts.app_font()).inFontUcs4(0xE000)
