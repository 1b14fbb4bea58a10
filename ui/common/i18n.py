"""Interface language: Chinese by default, English when no translator is installed.

Source strings are English, wrapped in `self.tr()` / `QCoreApplication.translate()`; Chinese comes from
resources/i18n/riskdesk_zh_CN.qm (compiled from the .ts by scripts/update_translations.py), plus Qt's own
qtbase_zh_CN.qm for the standard buttons (OK, Cancel, Show Details…). Switching installs or removes the
translators; Qt then sends QEvent.LanguageChange to every widget, and widgets re-set their texts in
`changeEvent` — so the switch takes effect live, without a restart.
"""
from __future__ import annotations

from ui.common.paths import I18N

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


def qm_path(lang: str):
    return I18N / f"riskdesk_{lang}.qm"


def set_language(lang: str) -> bool:
    """Install the translators for `lang` (removing the previous ones); False if its file is missing.

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
        ours = QTranslator()
        ok = ours.load(str(qm_path(lang)))
        if ok:
            app.installTranslator(ours)
            _translators.append(ours)
        qt = QTranslator()
        if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _translators.append(qt)
    # QLocale decides the digits and date formats of Qt's own widgets (spin boxes, calendars).
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if lang == "zh_CN"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    _current = lang
    return ok
