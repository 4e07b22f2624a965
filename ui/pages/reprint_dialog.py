"""Print again: a card's face, its handover receipt or its last address line, with a reason.

The issuing clerk chooses the resident on the page (or, with none chosen, the card in the
reader is the one), then Print again (Alt+G or Ctrl+Shift+P):
what to print, and why (the reason is required and goes to the audit trail). The printout is
rebuilt from what the register kept at issuance and previewed like any other; the dialog then
says whether it was printed.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.records import Register, ResidentSummary
from counter_app.workflows import CounterContext, Printout, Reprint, reprint
from ui.errors import error_texts
from ui.pages.context import PageServices
from ui.pages.parts import resident_text
from ui.pages.printouts import Document, Printed, print_in_turn
from ui.retranslating import Retranslating
from ui.status_bar import ERROR_STYLE


def _reprint(
    ctx: CounterContext,
    resident_id: int | None,
    serial: str | None,
    what: Printout,
    reason: str,
    _r: Register,
) -> Reprint:
    return reprint(ctx, resident_id, what, reason, serial=serial)


class ReprintDialog(Retranslating, QDialog):
    """What to print again and why; previews it; says whether it was printed."""

    def __init__(
        self,
        services: PageServices,
        resident: ResidentSummary | None,
        parent: QWidget | None = None,
        *,
        serial: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reprintDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.services = services
        self.resident = resident
        self.serial = serial  # the card in the reader, when no resident is chosen
        self.working = False
        self.printed: list[Printed] | None = None
        self._message = ""
        self._error = False

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.choices: dict[Printout, QRadioButton] = {}
        group = QButtonGroup(self)
        choice_box = QVBoxLayout()
        for what in Printout:
            button = QRadioButton()
            button.setObjectName(f"reprint_{what.value}")
            group.addButton(button)
            choice_box.addWidget(button)
            self.choices[what] = button
        self.choices[Printout.FACE].setChecked(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("reprintReason")
        self.reason.setMaxLength(200)
        self.reason_label = QLabel()
        self.reason_label.setBuddy(self.reason)
        self.message = QLabel()
        self.message.setObjectName("reprintMessage")
        self.message.setWordWrap(True)
        self.print_button = QPushButton()
        self.print_button.setObjectName("reprintPrint")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.start)
        self.close_button = QPushButton()
        self.close_button.setObjectName("reprintClose")
        self.close_button.clicked.connect(self.reject)
        buttons = QDialogButtonBox()
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)

        form = QFormLayout()
        form.addRow(self.reason_label, self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(choice_box)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.retranslate()
        self.choices[Printout.FACE].setFocus()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("Print again"))
        if self.resident is not None:
            heading = self.tr("Print a printout of the resident's card in use again. {resident}")
            self.heading.setText(heading.format(resident=resident_text(self.resident)))
        else:
            heading = self.tr("Print a printout of the card in the reader again: card {serial}.")
            self.heading.setText(heading.format(serial=self.serial))
        self.choices[Printout.FACE].setText(self.tr("Card &face (front and back)"))
        self.choices[Printout.RECEIPT].setText(self.tr("Handover &receipt (交付通知書)"))
        self.choices[Printout.ADDRESS_LINES].setText(
            self.tr("&Last address line (back of the card)")
        )
        self.reason_label.setText(self.tr("Rea&son:"))
        self.reason.setPlaceholderText(self.tr("Required, e.g. 用紙詰まり, 印刷失敗"))
        self.reason.setAccessibleName(self.tr("Reason for printing again"))
        self.print_button.setText(self.tr("&Print again"))
        self.print_button.setAccessibleName(self.tr("Print again"))
        self.close_button.setText(self.tr("Close"))
        self._render_message()

    def chosen(self) -> Printout:
        """The printout chosen."""
        return next(what for what, button in self.choices.items() if button.isChecked())

    def titles(self) -> dict[Printout, str]:
        """Each printout as the clerk calls it."""
        return {
            Printout.FACE: self.tr("Card face"),
            Printout.RECEIPT: self.tr("Handover receipt"),
            Printout.ADDRESS_LINES: self.tr("Address line (back of the card)"),
        }

    def start(self) -> None:
        """Check the reason, then rebuild the printout on the database worker."""
        ctx = self.services.context
        if self.working or ctx is None:
            return
        reason = self.reason.text().strip()
        if not reason:
            self._say("no_reason", error=True)
            self.reason.setFocus()
            return
        self.working = True
        self.print_button.setEnabled(False)
        self._say("working")
        resident_id = self.resident.id if self.resident is not None else None
        job = functools.partial(_reprint, ctx, resident_id, self.serial, self.chosen(), reason)
        self.services.db_thread.submit(job, self._rebuilt, self._failed)

    def _rebuilt(self, again: Reprint) -> None:
        document = Document(again.what, self.titles()[again.what], again.pdf, again.file_name)
        self._say("previewing")
        print_in_turn(self, self.services, [document], serial=again.serial, on_done=self._done)

    def _failed(self, exc: BaseException) -> None:
        self.working = False
        self.print_button.setEnabled(True)
        what, todo = error_texts(exc)
        self._say(f"{what} {todo}", error=True)
        self.print_button.setFocus()

    def _done(self, printed: list[Printed]) -> None:
        self.working = False
        self.printed = printed
        self.print_button.setEnabled(True)
        self.activateWindow()
        ok = all(p.printed for p in printed)
        self._say("printed" if ok else "not_printed", error=not ok)
        (self.close_button if ok else self.print_button).setFocus()

    def _say(self, message: str, *, error: bool = False) -> None:
        self._message, self._error = message, error
        self._render_message()

    def _render_message(self) -> None:
        what = self.titles()[self.chosen()]
        texts = {
            "": "",
            "no_reason": self.tr(
                "Type the reason for printing again (for example 用紙詰まり): "
                "it is recorded with the reprint."
            ),
            "working": self.tr("Preparing the printout…"),
            "previewing": self.tr("Check the preview, then print."),
            "printed": self.tr("Printed again: {what}. The reason is recorded.").format(what=what),
            "not_printed": self.tr(
                "Not printed: {what}. Print again (Alt+P) when the printer is ready."
            ).format(what=what),
        }
        text = texts.get(self._message, self._message)
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.message.setStyleSheet(ERROR_STYLE if self._error else "")
