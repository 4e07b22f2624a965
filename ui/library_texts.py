"""The library system's words the desk shows: patron blocks, marked for translation."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from counter_app.library.model import PatronBlock

# pyside6-lupdate reads these; block_text() looks each block's reason up by its English text.
BLOCK_TEXTS = (
    QT_TRANSLATE_NOOP("library", "Borrowing is suspended for this patron."),
    QT_TRANSLATE_NOOP("library", "Renewing is suspended for this patron."),
    QT_TRANSLATE_NOOP("library", "Recalls are suspended for this patron."),
    QT_TRANSLATE_NOOP("library", "Reservations are suspended for this patron."),
    QT_TRANSLATE_NOOP("library", "The library card was reported lost."),
    QT_TRANSLATE_NOOP("library", "The patron has borrowed the most items allowed."),
    QT_TRANSLATE_NOOP("library", "The patron has too many overdue items."),
    QT_TRANSLATE_NOOP("library", "The patron has renewed too often."),
    QT_TRANSLATE_NOOP("library", "Too many items were claimed returned."),
    QT_TRANSLATE_NOOP("library", "Too many items were lost."),
    QT_TRANSLATE_NOOP("library", "The patron has unpaid fines."),
    QT_TRANSLATE_NOOP("library", "The patron has unpaid fees."),
    QT_TRANSLATE_NOOP("library", "A recalled item is overdue."),
    QT_TRANSLATE_NOOP("library", "Too many items were billed."),
)


def block_text(block: PatronBlock) -> str:
    """A patron block's reason in the interface language."""
    return QCoreApplication.translate("library", block.value)
