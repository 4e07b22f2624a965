"""Errors the UI itself raises (printing, photo files), with texts marked for translation."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from counter_app.errors import CounterError


class PrintFailedError(CounterError):
    """The printer or the PDF file could not be written."""

    what = "The printout could not be made."
    todo = "Check the printer (paper, cards, cover) or the folder for PDF files, then print again."


class PrintCancelledError(CounterError):
    """The clerk stopped the printout before it was sent."""

    what = "The printout was stopped."
    todo = "Print again when ready."


class PreviewUnavailableError(CounterError):
    """pypdfium2 is missing, so the pages cannot be shown."""

    what = "The preview cannot be shown on this PC."
    todo = "Printing still works. Ask the administrator to install pypdfium2 for previews."


class PhotoUnreadableError(CounterError):
    """The chosen file is not an image the counter can read."""

    what = "The file could not be read as a photo."
    todo = "Choose a JPEG or PNG file of the resident's photo."


# For pyside6-lupdate: the texts above, in the "errors" context that show_error translates.
_TEXTS = (
    QT_TRANSLATE_NOOP("errors", "The printout could not be made."),
    QT_TRANSLATE_NOOP(
        "errors",
        "Check the printer (paper, cards, cover) or the folder for PDF files, then print again.",
    ),
    QT_TRANSLATE_NOOP("errors", "The printout was stopped."),
    QT_TRANSLATE_NOOP("errors", "Print again when ready."),
    QT_TRANSLATE_NOOP("errors", "The preview cannot be shown on this PC."),
    QT_TRANSLATE_NOOP(
        "errors",
        "Printing still works. Ask the administrator to install pypdfium2 for previews.",
    ),
    QT_TRANSLATE_NOOP("errors", "The file could not be read as a photo."),
    QT_TRANSLATE_NOOP("errors", "Choose a JPEG or PNG file of the resident's photo."),
)
