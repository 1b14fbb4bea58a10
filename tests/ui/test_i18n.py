"""Translations: every text translated, every .qm compiled from its .ts, the switch works both ways."""
import importlib.util
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from ui.common import i18n

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("update_translations", ROOT / "scripts" / "update_translations.py")
update_translations = importlib.util.module_from_spec(spec)
spec.loader.exec_module(update_translations)

DOMAINS = update_translations.domains()


@pytest.mark.parametrize("domain", sorted(DOMAINS))
def test_every_text_is_translated_and_compiled(domain):
    """lupdate over the current sources into a copy of the .ts: nothing unfinished, and the committed .qm is
    byte for byte what lrelease makes of the .ts. A failure names what to run."""
    problems = update_translations.check(domain, DOMAINS[domain], "zh_CN")
    assert not problems, "\n".join(problems)


def test_the_checker_can_fail(tmp_path):
    ts = tmp_path / "x_zh_CN.ts"
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="zh_CN">'
                  '<context><name>C</name><message><source>Hello</source>'
                  '<translation type="unfinished"></translation></message>'
                  '<message><source>Done</source><translation>完成</translation></message></context></TS>',
                  encoding="utf-8")
    assert update_translations.unfinished(ts) == ["Hello"]


def test_shell_ts_has_a_chinese_translation_for_every_message():
    text = (ROOT / "resources/i18n/riskdesk_zh_CN.ts").read_text(encoding="utf-8")
    translations = re.findall(r"<translation>(.*?)</translation>", text, flags=re.S)
    assert len(translations) >= 40
    numerus = re.findall(r"<numerusform>(.*?)</numerusform>", text, flags=re.S)
    for t in translations + numerus:
        words = re.sub(r"\{\w*\}", "", t)       # a format with no words ("{as_of} · {group}（#{id}）") has no Chinese
        assert re.search(r"[\u4e00-\u9fff]", t) or not re.search(r"[A-Za-z]", words), f"not Chinese: {t!r}"


def test_switching_language_loads_and_unloads_the_translator(app):
    def text():
        return QCoreApplication.translate("Pages", "This feature will be available in a later version.")

    assert i18n.set_language("zh_CN")
    assert text() == "此功能将在后续版本提供。"
    assert i18n.current() == "zh_CN" and i18n.wording_lang() == "zh"
    i18n.set_language("en")
    assert text() == "This feature will be available in a later version."
    assert i18n.current() == "en" and i18n.wording_lang() == "en"
    i18n.set_language("zh_CN")
    assert text() == "此功能将在后续版本提供。"


def test_qt_standard_buttons_are_chinese_too(app):
    from PySide6.QtWidgets import QDialogButtonBox

    i18n.set_language("zh_CN")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"


def test_unknown_language_falls_back_to_chinese(app):
    i18n.set_language("fr")
    assert i18n.current() == "zh_CN"


@pytest.mark.parametrize("first", ["en", "zh_CN"])
def test_every_window_hears_the_change_after_the_wording_language_is_set(app, qtbot, first):
    """A widget retranslating on LanguageChange asks `wording` for its texts (dimension names, statuses,
    duty names): it must hear the change after wording_lang() answers the new language, and hear it at all
    — the home screen's duty calendar stayed Chinese under English headers (issue 16)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QLabel

    heard = []

    class Listener(QLabel):
        def changeEvent(self, event):
            if event.type() == QEvent.Type.LanguageChange:
                heard.append(i18n.wording_lang())
            super().changeEvent(event)

    i18n.set_language(first)
    widget = Listener()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.wait(20)
    for lang, words in (("en", "en"), ("zh_CN", "zh"), ("en", "en")):
        heard.clear()
        i18n.set_language(lang)
        qtbot.waitUntil(lambda: bool(heard))
        qtbot.wait(20)
        assert heard[-1] == words and set(heard) == {words}, (lang, heard)
