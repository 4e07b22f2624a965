"""New issuance: find the resident, photo, identity documents, fee, PIN, write, verify, print."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.card.readers import ReaderBackend
from counter_app.card.summary import read_summary
from counter_app.records import (
    Fee,
    ProofKind,
    PurposeCode,
    Register,
    ResidentSummary,
    SearchResult,
)
from counter_app.workflows import (
    CounterContext,
    ElderlyProof,
    IssuanceRequest,
    IssuanceResult,
    IssuanceWorkflow,
    Printout,
    check_free_issuance,
    find_residents,
)
from counter_app.workflows.issuance import FreeIssuanceOutlook, free_issuance_outlook
from ui.errors import error_texts
from ui.pages.context import PageServices
from ui.pages.parts import DocumentsBox, TaskPage
from ui.pages.printouts import Document, Printed, print_in_turn
from ui.pages.reprint_dialog import ReprintDialog
from ui.pages.workflow_runner import ReaderSource
from ui.photo_widget import PhotoWidget
from ui.status_bar import ERROR_STYLE


def _search(ctx: CounterContext, query: str, _register: Register) -> SearchResult:
    return find_residents(ctx, query)


def _card_serial(reader: str, backend: ReaderBackend) -> str | None:
    """Card thread: the serial of the card in `reader` (None when the card is not ours)."""
    connection = backend.connect(reader)
    try:
        return read_summary(connection).serial
    finally:
        connection.close()


def _check_fee(ctx: CounterContext, resident_id: int, proof: ElderlyProof, _r: Register) -> Fee:
    return check_free_issuance(ctx, resident_id, proof)


def _outlook(ctx: CounterContext, resident_id: int, _r: Register) -> FreeIssuanceOutlook:
    return free_issuance_outlook(ctx, resident_id)


class IssuancePage(TaskPage):
    """The issuance form and its progress; emits `issued(IssuanceResult)`."""

    issued = Signal(object)
    search_purpose = PurposeCode.CARD_ISSUANCE

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, "issuancePage", parent)
        self.free_fee: Fee | None = None
        self.printouts: list[Printed] | None = None  # how the issuance's printouts ended
        self.reprint_dialog: ReprintDialog | None = None

        # 2. card kind and photo
        self.photo_card = QRadioButton()
        self.photo_card.setObjectName("photoCard")
        self.no_photo_card = QRadioButton()
        self.no_photo_card.setObjectName("noPhotoCard")
        self.no_photo_card.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.photo_card)
        kinds.addButton(self.no_photo_card)
        self.photo = PhotoWidget(services.print_thread.run)
        self.photo.setEnabled(False)
        self.photo_card.toggled.connect(self.photo.setEnabled)
        self.card_box = QGroupBox()
        card_layout = QVBoxLayout(self.card_box)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.no_photo_card)
        kind_row.addWidget(self.photo_card)
        kind_row.addStretch(1)
        card_layout.addLayout(kind_row)
        card_layout.addWidget(self.photo)

        # 3. identity documents
        self.documents_box = DocumentsBox()
        self.documents = self.documents_box.checks

        # 4. fee
        self.standard_fee = QRadioButton()
        self.standard_fee.setObjectName("standardFee")
        self.standard_fee.setChecked(True)
        self.free_elderly = QRadioButton()
        self.free_elderly.setObjectName("freeElderly")
        fees = QButtonGroup(self)
        fees.addButton(self.standard_fee)
        fees.addButton(self.free_elderly)
        self.proof_label = QLabel()
        self.proof = QLineEdit()
        self.proof.setObjectName("elderlyProof")
        self.proof_label.setBuddy(self.proof)
        self.check_fee_button = QPushButton()
        self.check_fee_button.setObjectName("checkFreeIssuance")
        self.check_fee_button.clicked.connect(self.check_free)
        self.proof.returnPressed.connect(self.check_free)
        self.fee_status = QLabel()
        self.fee_status.setObjectName("feeStatus")
        self.fee_status.setWordWrap(True)
        self.outlook_label = QLabel()  # the age rule and an earlier proof, before any check
        self.outlook_label.setObjectName("freeIssuanceOutlook")
        self.outlook_label.setWordWrap(True)
        self.outlook_label.hide()
        self.outlook: FreeIssuanceOutlook | None = None
        self.free_elderly.toggled.connect(self._fee_kind_changed)
        self.fee_box = QGroupBox()
        fee_layout = QVBoxLayout(self.fee_box)
        fee_layout.addWidget(self.standard_fee)
        fee_layout.addWidget(self.free_elderly)
        proof_row = QHBoxLayout()
        proof_row.addWidget(self.proof_label)
        proof_row.addWidget(self.proof, 1)
        proof_row.addWidget(self.check_fee_button)
        fee_layout.addLayout(proof_row)
        fee_layout.addWidget(self.outlook_label)
        fee_layout.addWidget(self.fee_status)

        # 5. issue
        self.issue_button = self.action_button
        self.issue_button.setObjectName("issueButton")
        self.new_button.setObjectName("newIssuance")
        self.form_error.setObjectName("issuanceFormError")
        self.issue_shortcut = self.shortcut
        # Print again, for the resident chosen (after an issuance: the card just issued)
        self.reprint_button = QPushButton()
        self.reprint_button.setObjectName("reprintButton")
        self.reprint_button.clicked.connect(self.open_reprint)
        reprint_row = QHBoxLayout()
        reprint_row.addStretch(1)
        reprint_row.addWidget(self.reprint_button)
        resident_layout = self.resident_box.layout()
        assert isinstance(resident_layout, QVBoxLayout)
        resident_layout.addLayout(reprint_row)
        self.reprint_shortcut = QShortcut(QKeySequence("Ctrl+Shift+P"), self)
        self.reprint_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.reprint_shortcut.activated.connect(self.open_reprint)
        self._fee_kind_changed(False)
        self.lay_out(self.card_box, self.documents_box, self.fee_box)

    # --- texts -----------------------------------------------------------------------------

    def retranslate_task(self) -> None:
        """Set the issuance's texts in the current language."""
        self.card_box.setTitle(self.tr("2. Card"))
        self.documents_box.setTitle(self.tr("3. Identity documents presented"))
        self.fee_box.setTitle(self.tr("4. Fee"))
        self.no_photo_card.setText(self.tr("Card wit&hout photo"))
        self.photo_card.setText(self.tr("Card with &photo"))
        self.documents_box.retranslate()
        fee = self.services.context.settings.fee_yen if self.services.context else None
        self.standard_fee.setText(
            self.tr("&Standard fee ({fee} yen)").format(fee=fee if fee is not None else "—")
        )
        self.free_elderly.setText(
            self.tr("Free: &elderly resident who returned the driving licence")
        )
        self.proof_label.setText(self.tr("P&roof:"))
        self.proof.setPlaceholderText(
            self.tr("Driving history certificate number, or notice date YYYY-MM-DD")
        )
        self.proof.setAccessibleName(self.tr("Proof of the returned licence"))
        self.check_fee_button.setText(self.tr("Chec&k"))
        self.check_fee_button.setAccessibleName(self.tr("Check free issuance"))
        self.issue_button.setText(self.tr("&Issue the card (Ctrl+Enter)"))
        self.reprint_button.setText(self.tr("Print again… (Ctrl+Shift+P)"))
        self.reprint_button.setAccessibleName(self.tr("Print again"))
        self.reprint_button.setToolTip(
            self.tr(
                "Print the card face, the receipt or the last address line again, with a reason"
            )
        )
        self._render_fee_status()
        self._render_outlook()

    # --- resident --------------------------------------------------------------------------

    def _search_job(self, query: str) -> Callable[[Register], SearchResult] | None:
        ctx = self.services.context
        return functools.partial(_search, ctx, query) if ctx is not None else None

    def first_field(self) -> QWidget:
        """After the resident: the card kind."""
        return self.no_photo_card

    def resident_chosen(self, resident: ResidentSummary) -> None:
        """A new resident: the fee is checked again."""
        self.free_fee = None
        self._fee_message = ""
        self._render_fee_status()
        self._ask_outlook()

    # --- fee -------------------------------------------------------------------------------

    _fee_message = ""

    def _fee_kind_changed(self, free: bool) -> None:
        self.proof.setEnabled(free)
        self.check_fee_button.setEnabled(free)
        self.free_fee = None
        self._fee_message = ""
        self._render_fee_status()
        self._ask_outlook()

    def _ask_outlook(self) -> None:
        """Free issuance chosen for a resident: the age rule and any earlier proof, at once."""
        self.outlook = None
        self._render_outlook()
        ctx, resident = self.services.context, self.resident
        if ctx is None or resident is None or not self.free_elderly.isChecked():
            return
        self.services.db_thread.submit(
            functools.partial(_outlook, ctx, resident.id),
            functools.partial(self._outlook_known, resident.id),
            self._fee_failed,
        )

    def _outlook_known(self, resident_id: int, outlook: FreeIssuanceOutlook) -> None:
        if self.resident is None or self.resident.id != resident_id:
            return  # another resident was chosen meanwhile
        self.outlook = outlook
        if outlook.earlier is not None and not self.proof.text():
            self.proof.setText(outlook.earlier.proof_number)
        self._render_outlook()

    def _render_outlook(self) -> None:
        outlook = self.outlook if self.free_elderly.isChecked() else None
        text = ""
        if outlook is not None and not outlook.eligible_by_age:
            text = self.tr(
                "This resident is {age}: free issuance is for residents aged {minimum} or over. "
                "Choose the standard fee."
            ).format(age=outlook.age, minimum=outlook.minimum_age)
        elif outlook is not None and outlook.earlier is not None:
            kinds = {
                ProofKind.DRIVING_HISTORY_CERTIFICATE: self.tr("driving history certificate"),
                ProofKind.LICENCE_CANCELLATION_NOTICE: self.tr("licence cancellation notice"),
            }
            text = self.tr(
                "An earlier application recorded this proof: {kind} {number} (checked {date}). "
                "Check it against the document the resident shows."
            ).format(
                kind=kinds[outlook.earlier.proof_kind],
                number=outlook.earlier.proof_number,
                date=outlook.earlier.checked_on.isoformat(),
            )
        elif outlook is not None:
            text = self.tr("No earlier proof of a returned licence is recorded for this resident.")
        self.outlook_label.setText(text)
        self.outlook_label.setAccessibleName(text)
        self.outlook_label.setVisible(bool(text))
        refused = outlook is not None and not outlook.eligible_by_age
        self.outlook_label.setStyleSheet(ERROR_STYLE if refused else "")
        self.check_fee_button.setEnabled(self.free_elderly.isChecked() and not refused)

    def check_free(self) -> None:
        """Check the age rule and the proof on the database worker."""
        ctx = self.services.context
        if ctx is None or self.resident is None or not self.free_elderly.isChecked():
            return
        try:
            proof = ElderlyProof.parse(self.proof.text())
        except Exception as exc:
            self._fee_failed(exc)
            return
        self._fee_message = "checking"
        self._render_fee_status()
        self.services.db_thread.submit(
            functools.partial(_check_fee, ctx, self.resident.id, proof),
            self._fee_checked,
            self._fee_failed,
        )

    def _fee_checked(self, fee: Fee) -> None:
        self.free_fee = fee
        self._fee_message = "free"
        self._render_fee_status()

    def _fee_failed(self, exc: BaseException) -> None:
        self.free_fee = None
        what, todo = error_texts(exc)
        self._fee_message = f"{what} {todo}"
        self._render_fee_status()

    def _render_fee_status(self) -> None:
        texts = {
            "": "",
            "checking": self.tr("Checking…"),
            "free": self.tr("Free issuance confirmed: no fee is charged."),
        }
        text = texts.get(self._fee_message, self._fee_message)
        self.fee_status.setText(text)
        self.fee_status.setAccessibleName(text)
        self.fee_status.setStyleSheet(ERROR_STYLE if self._fee_message not in texts else "")

    # --- issuing ---------------------------------------------------------------------------

    def task_problem(self) -> str | None:
        """The issuance's own checks: photo, documents, fee, reader."""
        if self.photo_card.isChecked() and self.photo.jpeg() is None:
            return self.tr("Import the resident's photo, or choose a card without photo.")
        if not self.documents_box.chosen():
            return self.tr("Tick the identity documents the resident presented.")
        if self.free_elderly.isChecked() and self.free_fee is None:
            return self.tr("Check the proof for free issuance first (Check button).")
        if self.services.current_reader() is None:
            return self.tr("No card reader: connect one first.")
        return None

    def start_issue(self) -> None:
        """Check the form, then let the resident choose the PIN, then write the card."""
        self.start()

    def start_task(self) -> None:
        """The resident chooses the PIN; then the card is written."""
        self.ask_pin(lambda pin, _unlock: self.run_issue(pin), confirm=True)

    def request(self, pin: str) -> IssuanceRequest:
        """The request the form describes (the PIN from the resident's dialog)."""
        assert self.resident is not None
        photo = self.photo.jpeg() if self.photo_card.isChecked() else None
        proof = None
        if self.free_elderly.isChecked():
            proof = ElderlyProof.parse(self.proof.text())
        return IssuanceRequest(
            resident_id=self.resident.id,
            identity_documents=self.documents_box.chosen(),
            pin=pin,
            photo_jpeg=photo or b"",
            photo_card=photo is not None,
            elderly_proof=proof,
        )

    def run_issue(self, pin: str) -> None:
        """Start the issuance workflow with this PIN on the card in the counter's reader."""
        request = self.request(pin)
        # Created here, run on the card thread; the GUI only pulls progress() and may cancel().
        self.run_workflow(lambda ctx, source: self.workflow_for(ctx, request, source))

    def workflow_for(
        self, ctx: CounterContext, request: IssuanceRequest, source: ReaderSource
    ) -> IssuanceWorkflow:
        """The workflow that issues the card (a re-issue replaces it)."""
        return IssuanceWorkflow(ctx, request, source)

    def task_done(self, result: object) -> None:
        """The card is issued: preview and print the card face, then the receipt."""
        assert isinstance(result, IssuanceResult)
        self._issued(result)

    def _issued(self, result: IssuanceResult) -> None:
        self.issued.emit(result)
        printed = result.printed
        if printed is not None:
            today = date.today().isoformat()
            print_in_turn(
                self,
                self.services,
                [
                    Document(
                        Printout.FACE,
                        self.tr("Card face"),
                        printed.card_face_pdf,
                        f"card-{result.serial}.pdf",
                    ),
                    Document(
                        Printout.RECEIPT,
                        self.tr("Handover receipt"),
                        printed.receipt_pdf,
                        f"receipt-{today}-{result.serial}.pdf",
                    ),
                ],
                serial=result.serial,
                on_done=self._printouts_done,
            )
        self._render_state()

    def _printouts_done(self, printed: list[Printed]) -> None:
        """Say which printouts were printed; one not printed is said in red, with the way out."""
        if self.result is None:
            return  # the next resident was started meanwhile
        self.printouts = printed
        self._render_outcome()
        missing = any(not p.printed for p in printed)
        self.outcome.setStyleSheet(ERROR_STYLE if missing else "")
        if missing:
            self.bring_into_view(self.outcome)

    def outcome_text(self) -> str:
        """The card issued, and whether its printouts were printed."""
        if not isinstance(self.result, IssuanceResult):
            return ""
        return self.printouts_text()

    def printouts_text(self) -> str:
        """Which printouts of the issued card were printed, and how to print the others."""
        result = self.result
        if not isinstance(result, IssuanceResult):
            return ""
        issued = self.tr("Card {serial} is issued and recorded.").format(serial=result.serial)
        if self.printouts is None:
            return issued
        missing = [p.document.title for p in self.printouts if not p.printed]
        if not missing:
            return self.tr("{issued} The card face and the receipt are printed.").format(
                issued=issued
            )
        return self.tr(
            "{issued} Not printed: {printouts}. Print them later with Print again "
            "(Ctrl+Shift+P) and the reason."
        ).format(issued=issued, printouts=", ".join(missing))

    def open_reprint(self) -> None:
        """Print again (Ctrl+Shift+P) for the resident chosen, else for the card in the reader."""
        if self.services.context is None or self.runner.running or self.reprint_dialog is not None:
            return
        if self.resident is not None:
            self._show_reprint(None)
            return
        reader = self.services.current_reader()
        if reader is None:
            self.show_form_error(
                self.tr("Choose the resident, or put the card in the reader, to print again.")
            )
            return
        self.services.card_thread.submit(
            functools.partial(_card_serial, reader), self._card_read, self._card_not_read
        )

    def _card_read(self, serial: str | None) -> None:
        if serial is None:
            self.show_form_error(
                self.tr("The card in the reader is not one of ours. Choose the resident instead.")
            )
            return
        self._show_reprint(serial)

    def _card_not_read(self, exc: BaseException) -> None:
        what, todo = error_texts(exc)
        self.show_form_error(f"{what} {todo}")

    def _show_reprint(self, serial: str | None) -> None:
        if self.reprint_dialog is not None:
            return
        dialog = ReprintDialog(self.services, self.resident, self, serial=serial)
        dialog.finished.connect(self._reprint_closed)
        self.reprint_dialog = dialog
        dialog.open()

    def _reprint_closed(self) -> None:
        dialog, self.reprint_dialog = self.reprint_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        self.window().activateWindow()  # the keyboard is back on the page

    def clear_resident(self) -> None:
        """Logout or idle time-out: Print again closes too (it names the resident)."""
        if self.reprint_dialog is not None and not self.reprint_dialog.working:
            self.reprint_dialog.reject()
        super().clear_resident()

    def reset_task(self) -> None:
        """Empty the issuance's own fields."""
        self.printouts = None
        self.outcome.setStyleSheet("")
        self.photo.clear()
        self.no_photo_card.setChecked(True)
        self.documents_box.clear()
        self.standard_fee.setChecked(True)
        self.proof.clear()
        self.outlook = None
        self._render_outlook()
