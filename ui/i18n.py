"""Interface languages: which exist, which one is saved, and installing its translators."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QSettings, QTranslator

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"  # the strings in the code are English
DEFAULT_LANGUAGE = "ja"
# Each language is named in itself, so a clerk finds their own language in any interface.
LANGUAGES: dict[str, str] = {"ja": "日本語", "en": "English"}
SETTINGS_KEY = "ui/language"
CATALOG = "counter"  # counter_<lang>.qm


def translations_dir() -> Path:
    """The directory holding counter_<lang>.ts and .qm."""
    return Path(__file__).resolve().parent.parent / "resources" / "translations"


def saved_language(settings: QSettings) -> str:
    """The language chosen last time, or the default."""
    value = settings.value(SETTINGS_KEY, DEFAULT_LANGUAGE)
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE


def save_language(settings: QSettings, lang: str) -> None:
    """Remember the language for the next start."""
    settings.setValue(SETTINGS_KEY, lang)
    settings.sync()


# The translators this module installed; one application per process, so one list.
_installed: list[QTranslator] = []


class Translations:
    """The translators installed in the application for the current language."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self.language = SOURCE_LANGUAGE

    def set_language(self, lang: str) -> bool:
        """Install the translators for `lang` (widgets get LanguageChange); False if missing."""
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        for translator in _installed:
            self._app.removeTranslator(translator)
        _installed.clear()
        self.language = lang
        if lang == SOURCE_LANGUAGE:
            self._deliver_language_change()
            return True
        ours = QTranslator(self._app)
        if not ours.load(f"{CATALOG}_{lang}", str(translations_dir())):
            log.warning("no %s translation in %s; showing English", lang, translations_dir())
            self.language = SOURCE_LANGUAGE
            self._deliver_language_change()
            return False
        qt = QTranslator(self._app)  # Qt's own texts: dialog buttons, context menus
        if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            _installed.append(qt)
        _installed.append(ours)
        for translator in _installed:
            self._app.installTranslator(translator)
        self._deliver_language_change()
        return True

    def _deliver_language_change(self) -> None:
        """Retranslate every widget now rather than on the next pass of the event loop."""
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
