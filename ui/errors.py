"""Turn any exception into a message a clerk understands: what happened, and what to do."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from counter_app.errors import CounterError

log = logging.getLogger(__name__)

CONTEXT = "errors"  # the translation context of ui/error_texts.py


def translate_error(text: str) -> str:
    """Translate one of the core's English what/todo texts (listed in ui/error_texts.py)."""
    return QCoreApplication.translate(CONTEXT, text)


def error_texts(exc: BaseException) -> tuple[str, str]:
    """The translated (what happened, what to do) for any exception."""
    if isinstance(exc, CounterError):
        return translate_error(exc.what), translate_error(exc.todo)
    return translate_error(CounterError.what), translate_error(CounterError.todo)


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """Show `exc` in a window-modal message box without blocking; return the box."""
    if isinstance(exc, CounterError):
        # detail is English for the administrator; it never holds PINs (see CounterError).
        log.info("shown to the clerk: %s: %s", type(exc).__name__, exc.detail or exc.what)
    else:
        log.error("unexpected error shown to the clerk", exc_info=exc)
    what, todo = error_texts(exc)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("errors", "Resident Card Counter"))
    box.setText(what)
    box.setInformativeText(todo)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    if isinstance(exc, CounterError) and exc.detail and exc.detail != exc.what:
        box.setDetailedText(exc.detail)  # English, for the administrator
    box.setAccessibleName(what)
    box.setObjectName("errorBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()
    return box
