"""The print preview: the PDF's pages as images, then print at 100 % or save the PDF.

Pages are rendered on the print worker; printing goes there too. Without a printer the
printout is saved as a PDF file in the printout folder, and the dialog says where.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.errors import error_texts
from ui.print_thread import PageImages, PrintOutcome, PrintThread, print_pdf, render_pages
from ui.retranslating import Retranslating
from ui.status_bar import ERROR_STYLE

PREVIEW_DPI = 200.0
PREVIEW_HEIGHT = 260  # pixels a page is shown at, at most


@dataclass(frozen=True)
class PrintJob:
    """What to print: the PDF, where it goes, and how the clerk calls it."""

    pdf: bytes
    title: str
    printer: str | None  # None: save the PDF
    pdf_path: Path


class PrintPreview(Retranslating, QDialog):
    """Shows the pages; Print (Enter) sends them; emits `printed(PrintOutcome)`."""

    printed = Signal(object)

    def __init__(self, job: PrintJob, worker: PrintThread, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.job = job
        self._worker = worker
        self._cancel = threading.Event()
        self.printing = False
        self.outcome: PrintOutcome | None = None
        self.failure: BaseException | None = None  # the last try to print failed so
        self.page_count = 0

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.pages = QWidget()
        self.pages_layout = QHBoxLayout(self.pages)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.pages)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setMinimumHeight(PREVIEW_HEIGHT + 40)
        self.message = QLabel()
        self.message.setObjectName("previewMessage")
        self.message.setWordWrap(True)
        self.where = QLabel()
        self.where.setObjectName("printTarget")
        self.where.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.print_button = QPushButton()
        self.print_button.setObjectName("printButton")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_now)
        self.close_button = QPushButton()
        self.close_button.setObjectName("previewClose")
        self.close_button.clicked.connect(self.reject)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.where)
        layout.addWidget(self.buttons)
        self.resize(720, 460)
        self.retranslate()
        self._show_message("rendering")
        # Rendered at the size shown, on the print worker: the GUI only wraps the images.
        self._ratio = max(1.0, self.devicePixelRatioF())
        height = round(PREVIEW_HEIGHT * self._ratio)
        worker.run(
            functools.partial(render_pages, job.pdf, PREVIEW_DPI, height),
            self._rendered,
            self._not_shown,
        )
        self.print_button.setFocus()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("Print preview: {title}").format(title=self.job.title))
        self.heading.setText(
            self.tr("Check the pages, then print. Pages print at 100 % on a page of their size.")
        )
        self.print_button.setText(self.tr("&Print") if self.job.printer else self.tr("&Save PDF"))
        self.print_button.setAccessibleName(self.print_button.text().replace("&", ""))
        self.close_button.setText(self.tr("Close") if self.outcome else self.tr("Cancel"))
        self.close_button.setAccessibleName(self.close_button.text())
        if self.job.printer:
            where = self.tr("Printer: {name}").format(name=self.job.printer)
        else:
            where = self.tr("No printer: the printout is saved as {file}").format(
                file=self.job.pdf_path.name
            )
        self.where.setText(where)
        self.where.setAccessibleName(where)

    def _show_message(self, kind: str, exc: BaseException | None = None) -> None:
        style = ""
        if kind == "rendering":
            text = self.tr("Preparing the preview…")
        elif kind == "printing":
            text = self.tr("Printing… Esc stops it if it has not been sent yet.")
        elif kind == "printed" and self.outcome is not None:
            if self.outcome.pdf_path:
                text = self.tr("Saved: {path}").format(path=self.outcome.pdf_path)
            else:
                text = self.tr("Sent to the printer: {count} page(s).").format(
                    count=self.outcome.pages
                )
        elif exc is not None:
            what, todo = error_texts(exc)
            text, style = f"{what} {todo}", ERROR_STYLE
        else:
            text = ""
        self.message.setText(text)
        self.message.setStyleSheet(style)
        self.message.setAccessibleName(text)

    def _rendered(self, pages: PageImages) -> None:
        self.page_count = len(pages.images)
        for image in pages.images:
            label = QLabel()
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(self._ratio)
            label.setPixmap(pixmap)
            label.setFrameShape(QLabel.Shape.Box)
            self.pages_layout.addWidget(label)
        self.pages_layout.addStretch(1)
        self._show_message("")

    def _not_shown(self, exc: BaseException) -> None:
        # PreviewUnavailableError among others: printing still works, so say so and go on.
        self._show_message("error", exc)

    def print_now(self) -> None:
        """Send the pages (or save the PDF) on the print worker."""
        if self.printing:
            return
        if self.outcome is not None:
            self.accept()
            return
        self.printing = True
        self._cancel.clear()
        self.print_button.setEnabled(False)
        self._show_message("printing")
        job = self.job
        self._worker.run(
            functools.partial(
                print_pdf,
                job.pdf,
                printer_name=job.printer,
                pdf_path=job.pdf_path,
                cancel=self._cancel,
            ),
            self._printed,
            self._print_failed,
        )

    def _printed(self, outcome: PrintOutcome) -> None:
        self.printing = False
        self.outcome = outcome
        self.failure = None
        self.print_button.setEnabled(True)
        self.print_button.setText(self.tr("&Done"))
        self.print_button.setAccessibleName(self.tr("Done"))
        self.close_button.hide()
        self._show_message("printed")
        self.printed.emit(outcome)
        self.print_button.setFocus()

    def _print_failed(self, exc: BaseException) -> None:
        self.printing = False
        self.failure = exc
        self.print_button.setEnabled(True)
        self._show_message("error", exc)
        self.print_button.setFocus()

    def reject(self) -> None:
        if self.printing:
            self._cancel.set()  # stops before the next page is sent; never mid-page
            return
        super().reject()
