"""Start the GUI: application, language, the card thread with its back end, the counter window."""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from counter_app.card.readers import ReaderBackend
from counter_app.card_service.summary_reader import summary_reader
from counter_app.config import APP_NAME, Configuration
from ui import i18n
from ui.card_thread import CardThread
from ui.db_thread import DbThread
from ui.main_window import MainWindow

if TYPE_CHECKING:
    from counter_app.records import Register
    from counter_app.training import TrainingInfo

log = logging.getLogger(__name__)

ORGANISATION = "ResidentCardCounter"
APPLICATION = APP_NAME


def _default_backend_factory(config: Configuration) -> Callable[[], ReaderBackend]:
    def open_on_card_thread() -> ReaderBackend:
        from counter_app.card_service.backends import open_backend

        return open_backend(config)

    return open_on_card_thread


def _open_register(config: Configuration) -> Register:
    """Open the register (on the database worker); a first start creates the training one."""
    from counter_app import training

    return training.open_register(config)


def _training_info(config: Configuration) -> TrainingInfo | None:
    """The demo logins when the register is the training register (on the database worker)."""
    from counter_app import training

    return training.load_training_info(config)


def build_window(
    config: Configuration,
    lang: str | None,
    *,
    backend_factory: Callable[[], ReaderBackend] | None = None,
    settings: QSettings | None = None,
) -> tuple[MainWindow, CardThread, QSettings]:
    """The application set up as the counter runs it, and its (not yet shown) window."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    settings = settings or QSettings()
    translations = i18n.Translations(app)
    translations.set_language(lang or i18n.saved_language(settings))

    card_thread = CardThread(
        backend_factory or _default_backend_factory(config), read_summary=summary_reader(config)
    )
    db_thread = DbThread(functools.partial(_open_register, config))
    window = MainWindow(
        card_thread,
        translations,
        settings,
        config=config,
        db_thread=db_thread,
        training_info=functools.partial(_training_info, config),
    )
    return window, card_thread, settings


def run_gui(
    config: Configuration,
    lang: str | None,
    *,
    backend_factory: Callable[[], ReaderBackend] | None = None,
    settings: QSettings | None = None,
) -> int:
    """Open the counter window and run until it closes; return the exit code.

    `lang` overrides the saved language for this run. The back end is opened on the card
    thread, never here.
    """
    window, card_thread, settings = build_window(
        config, lang, backend_factory=backend_factory, settings=settings
    )
    window.show()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    code = app.exec()
    if not card_thread.stop():
        # A back-end call is stuck (a hung card service): do not leave the clerk with a frozen,
        # half-closed program.
        log.error("the card thread did not stop; exiting anyway")
        settings.sync()
        logging.shutdown()
        os._exit(code or 1)
    return code
