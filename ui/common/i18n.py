"""Interface language: Chinese by default, English when no translator is installed.

Source strings are English, wrapped in `self.tr()` / `QCoreApplication.translate()`; Chinese comes from
resources/i18n/*_zh_CN.qm (the shell's and one per screen package, compiled from the .ts files by
scripts/update_translations.py), plus Qt's own qtbase_zh_CN.qm for the standard buttons (OK, Cancel,
Show Details…). Switching installs or removes the
translators; Qt then sends QEvent.LanguageChange to every widget, and widgets re-set their texts in
`changeEvent` — so the switch takes effect live, without a restart.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ui.common.paths import I18N

# Texts of Qt's own dialogs that qtbase_zh_CN.qm leaves in English (Qt 6 added the "&" accelerators): our
# shell catalogue carries them under Qt's context; translators are searched newest first, so Qt's own
# catalogue still answers everything else
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)

LANGUAGES = {"zh_CN": "中文", "en": "English"}  # each name in its own language, never translated
DEFAULT = "zh_CN"

_current = DEFAULT
_translators: list = []  # kept referenced: Qt does not own installed translators


def current() -> str:
    """The interface language now in effect: "zh_CN" or "en"."""
    return _current


def wording_lang(lang: str | None = None) -> str:
    """The language code `wording` uses ("zh" or "en") for an interface language."""
    return "en" if (lang or _current) == "en" else "zh"


def qm_paths(lang: str) -> list:
    """The compiled translations for `lang`: the shell's riskdesk_<lang>.qm, then one per screen package
    (<package>_<lang>.qm; scripts/update_translations.py keeps one .ts per package)."""
    shell = I18N / f"riskdesk_{lang}.qm"
    return [shell] + sorted(p for p in I18N.glob(f"*_{lang}.qm") if p != shell)


def set_language(lang: str) -> bool:
    """Install the translators for `lang` (removing the previous ones); False if a file did not load.

    Needs a QCoreApplication. An unknown language falls back to the default.
    """
    global _current
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

    if lang not in LANGUAGES:
        lang = DEFAULT
    app = QCoreApplication.instance()
    for t in _translators:
        app.removeTranslator(t)
    _translators.clear()
    ok = True
    if lang != "en":
        for path in qm_paths(lang):
            ours = QTranslator()
            if ours.load(str(path)):
                app.installTranslator(ours)
                _translators.append(ours)
            else:
                ok = False
        qt = QTranslator()
        if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _translators.append(qt)
    # QLocale decides the digits and date formats of Qt's own widgets (spin boxes, calendars).
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if lang == "zh_CN"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    _current = lang
    # Every window hears of the change once more, now that wording_lang() answers the new language: the
    # translators' own LanguageChange events can reach a widget before `_current` is set (then the texts
    # made by `wording` stay in the old language beside Qt's new ones), or not at all when there was no
    # translator to remove. Qt merges this event with one still pending for the same window.
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    if isinstance(app, QApplication):
        for window in QApplication.topLevelWidgets():
            QCoreApplication.postEvent(window, QEvent(QEvent.Type.LanguageChange))
    return ok
