"""New issuance: find the resident, photo, identity documents, fee, PIN, write, verify, print."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from counter_app.records import Fee, Register, ResidentSummary, SearchResult
from counter_app.workflows import (
    CounterContext,
    ElderlyProof,
    IdentityDocument,
    IssuanceRequest,
    IssuanceResult,
    IssuanceWorkflow,
    check_free_issuance,
    find_residents,
    new_pin,
)
from ui.errors import error_texts, show_error
from ui.pages.context import PageServices
from ui.pages.printouts import print_in_turn
from ui.pages.workflow_runner import ReaderSource, WorkflowRunner
from ui.photo_widget import PhotoWidget
from ui.resident_pin_dialog import ResidentPinDialog
from ui.resident_search import ResidentSearch
from ui.status_bar import ERROR_STYLE


def document_names() -> dict[IdentityDocument, str]:
    """The identity documents as a clerk calls them."""
    return {
        IdentityDocument.DRIVING_LICENCE: QCoreApplication.translate(
            "IssuancePage", "Driving licence"
        ),
        IdentityDocument.DRIVING_HISTORY_CERTIFICATE: QCoreApplication.translate(
            "IssuancePage", "Driving history certificate"
        ),
        IdentityDocument.PASSPORT: QCoreApplication.translate("IssuancePage", "Passport"),
        IdentityDocument.RESIDENCE_CARD: QCoreApplication.translate(
            "IssuancePage", "Residence card"
        ),
        IdentityDocument.RESIDENT_CARD: QCoreApplication.translate("IssuancePage", "Resident card"),
        IdentityDocument.HEALTH_INSURANCE: QCoreApplication.translate(
            "IssuancePage", "Health insurance card"
        ),
        IdentityDocument.PENSION_BOOK: QCoreApplication.translate("IssuancePage", "Pension book"),
        IdentityDocument.INQUIRY_ANSWER: QCoreApplication.translate(
            "IssuancePage", "Inquiry answer (照会書兼回答書)"
        ),
        IdentityDocument.OTHER: QCoreApplication.translate("IssuancePage", "Other document"),
    }


def _search(ctx: CounterContext, query: str, _register: Register) -> SearchResult:
    return find_residents(ctx, query)


def _check_fee(ctx: CounterContext, resident_id: int, proof: ElderlyProof, _r: Register) -> Fee:
    return check_free_issuance(ctx, resident_id, proof)


class IssuancePage(QWidget):
    """The issuance form and its progress; emits `issued(IssuanceResult)`."""

    issued = Signal(object)

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("issuancePage")
        self.services = services
        self.resident: ResidentSummary | None = None
        self.free_fee: Fee | None = None
        self.result: IssuanceResult | None = None
        self.pin_dialog: ResidentPinDialog | None = None

        # 1. resident
        self.search = ResidentSearch(services.db_thread, self._search_job)
        self.search.resident_chosen.connect(self.choose_resident)
        self.chosen = QLabel()
        self.chosen.setObjectName("chosenResident")
        self.chosen.setWordWrap(True)
        self.resident_box = QGroupBox()
        box = QVBoxLayout(self.resident_box)
        box.addWidget(self.search)
        box.addWidget(self.chosen)

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
        self.documents_box = QGroupBox()
        grid = QGridLayout(self.documents_box)
        self.documents: dict[IdentityDocument, QCheckBox] = {}
        for index, document in enumerate(IdentityDocument):
            check = QCheckBox()
            check.setObjectName(f"document_{document.value}")
            self.documents[document] = check
            grid.addWidget(check, index // 3, index % 3)

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
        fee_layout.addWidget(self.fee_status)

        # 5. issue
        self.issue_button = QPushButton()
        self.issue_button.setObjectName("issueButton")
        self.issue_button.clicked.connect(self.start_issue)
        self.form_error = QLabel()
        self.form_error.setObjectName("issuanceFormError")
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet(ERROR_STYLE)
        self.form_error.hide()
        self.runner = WorkflowRunner(services.card_thread)
        self.runner.finished.connect(self._issued)
        self.runner.state_changed.connect(self._render_state)
        self.new_button = QPushButton()
        self.new_button.setObjectName("newIssuance")
        self.new_button.clicked.connect(self.reset)
        self.new_button.hide()

        content = QWidget()
        layout = QVBoxLayout(content)
        for widget in (self.resident_box, self.card_box, self.documents_box, self.fee_box):
            layout.addWidget(widget)
        issue_row = QHBoxLayout()
        issue_row.addWidget(self.issue_button)
        issue_row.addWidget(self.new_button)
        issue_row.addStretch(1)
        layout.addLayout(issue_row)
        layout.addWidget(self.form_error)
        layout.addWidget(self.runner)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.scroll = scroll

        self.issue_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        self.issue_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.issue_shortcut.activated.connect(self.start_issue)
        self._fee_kind_changed(False)
        self.retranslate()
        self._render_state()

    # --- texts -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.resident_box.setTitle(self.tr("1. Resident"))
        self.card_box.setTitle(self.tr("2. Card"))
        self.documents_box.setTitle(self.tr("3. Identity documents presented"))
        self.fee_box.setTitle(self.tr("4. Fee"))
        self.no_photo_card.setText(self.tr("Card &without photo"))
        self.photo_card.setText(self.tr("Card with p&hoto"))
        for document, name in document_names().items():
            self.documents[document].setText(name)
            self.documents[document].setAccessibleName(name)
        fee = self.services.context.settings.fee_yen if self.services.context else None
        self.standard_fee.setText(
            self.tr("&Standard fee ({fee} yen)").format(fee=fee if fee is not None else "—")
        )
        self.free_elderly.setText(
            self.tr("&Free: elderly resident who returned the driving licence")
        )
        self.proof_label.setText(self.tr("P&roof:"))
        self.proof.setPlaceholderText(
            self.tr("Driving history certificate number, or notice date YYYY-MM-DD")
        )
        self.proof.setAccessibleName(self.tr("Proof of the returned licence"))
        self.check_fee_button.setText(self.tr("Chec&k"))
        self.check_fee_button.setAccessibleName(self.tr("Check free issuance"))
        self.issue_button.setText(self.tr("&Issue the card (Ctrl+Enter)"))
        self.issue_button.setAccessibleName(self.tr("Issue the card"))
        self.new_button.setText(self.tr("&Next resident"))
        self.new_button.setAccessibleName(self.tr("Next resident"))
        self._render_chosen()
        self._render_fee_status()

    # --- resident --------------------------------------------------------------------------

    def _search_job(self, query: str) -> Callable[[Register], SearchResult] | None:
        ctx = self.services.context
        return functools.partial(_search, ctx, query) if ctx is not None else None

    def choose_resident(self, resident: ResidentSummary) -> None:
        """Take this resident for the application; go on to the card kind."""
        self.resident = resident
        self.free_fee = None
        self._fee_message = ""
        self._render_chosen()
        self._render_fee_status()
        self.no_photo_card.setFocus()

    def _render_chosen(self) -> None:
        r = self.resident
        if r is None:
            text = self.tr("No resident chosen yet.")
        else:
            text = self.tr("Chosen: {name} ({kana}), born {birth}, {address}").format(
                name=f"{r.family_name}\u3000{r.given_name}",
                kana=f"{r.family_name_kana}\u3000{r.given_name_kana}",
                birth=r.birth_date.isoformat(),
                address=r.address,
            )
        self.chosen.setText(text)
        self.chosen.setAccessibleName(text)

    # --- fee -------------------------------------------------------------------------------

    _fee_message = ""

    def _fee_kind_changed(self, free: bool) -> None:
        self.proof.setEnabled(free)
        self.check_fee_button.setEnabled(free)
        self.free_fee = None
        self._fee_message = ""
        self._render_fee_status()

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

    def _form_problem(self) -> str | None:
        if self.services.context is None:
            return self.tr("The register is not ready yet. Wait a moment.")
        if self.resident is None:
            return self.tr("Find and choose the resident first.")
        if self.photo_card.isChecked() and self.photo.jpeg() is None:
            return self.tr("Import the resident's photo, or choose a card without photo.")
        if not any(check.isChecked() for check in self.documents.values()):
            return self.tr("Tick the identity documents the resident presented.")
        if self.free_elderly.isChecked() and self.free_fee is None:
            return self.tr("Check the proof for free issuance first (Check button).")
        if self.services.current_reader() is None:
            return self.tr("No card reader: connect one first.")
        return None

    def start_issue(self) -> None:
        """Check the form, then let the resident choose the PIN, then write the card."""
        if self.runner.running or self.runner.workflow is not None:
            return
        problem = self._form_problem()
        if problem:
            self.form_error.setText(problem)
            self.form_error.setAccessibleName(problem)
            self.form_error.show()
            return
        self.form_error.hide()
        dialog = ResidentPinDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.accepted.connect(functools.partial(self._pin_chosen, dialog))
        dialog.finished.connect(self._pin_dialog_closed)
        self.pin_dialog = dialog
        dialog.open()

    def _pin_dialog_closed(self) -> None:
        self.pin_dialog = None

    def _pin_chosen(self, dialog: ResidentPinDialog) -> None:
        first, second = dialog.first.text(), dialog.second.text()
        dialog.take_pin()
        try:
            pin = new_pin(first, second)
        except Exception as exc:
            show_error(self, exc)
            return
        self.run_issue(pin)

    def request(self, pin: str) -> IssuanceRequest:
        """The request the form describes (the PIN from the resident's dialog)."""
        assert self.resident is not None
        photo = self.photo.jpeg() if self.photo_card.isChecked() else None
        proof = None
        if self.free_elderly.isChecked():
            proof = ElderlyProof.parse(self.proof.text())
        return IssuanceRequest(
            resident_id=self.resident.id,
            identity_documents=tuple(d for d, c in self.documents.items() if c.isChecked()),
            pin=pin,
            photo_jpeg=photo or b"",
            photo_card=photo is not None,
            elderly_proof=proof,
        )

    def run_issue(self, pin: str) -> None:
        """Start the issuance workflow with this PIN on the card in the counter's reader."""
        ctx, reader = self.services.context, self.services.current_reader()
        if ctx is None or reader is None:
            return
        source = ReaderSource(reader)
        # Created here, run on the card thread; the GUI only pulls progress() and may cancel().
        self.runner.start(IssuanceWorkflow(ctx, self.request(pin), source), source)

    def _issued(self, result: IssuanceResult) -> None:
        self.result = result
        self.issued.emit(result)
        printed = result.printed
        if printed is not None:
            today = date.today().isoformat()
            print_in_turn(
                self,
                self.services,
                [
                    (self.tr("Card face"), printed.card_face_pdf, f"card-{result.serial}.pdf"),
                    (
                        self.tr("Handover receipt"),
                        printed.receipt_pdf,
                        f"receipt-{today}-{result.serial}.pdf",
                    ),
                ],
            )
        self._render_state()

    def _render_state(self) -> None:
        busy = self.runner.running or self.runner.workflow is not None
        finished = self.result is not None and not self.runner.running
        for widget in (self.resident_box, self.card_box, self.documents_box, self.fee_box):
            widget.setEnabled(not busy or finished)
        self.issue_button.setEnabled(not busy)
        self.new_button.setVisible(finished)

    def reset(self) -> None:
        """Empty the form for the next resident."""
        if self.runner.running:
            return
        self.runner.reset()
        self.result = None
        self.resident = None
        self.search.reset()
        self.photo.clear()
        self.no_photo_card.setChecked(True)
        for check in self.documents.values():
            check.setChecked(False)
        self.standard_fee.setChecked(True)
        self.proof.clear()
        self.form_error.hide()
        self._render_chosen()
        self._render_state()
        self.search.box.setFocus()

    def set_session_ready(self) -> None:
        """The operator's context arrived: texts with the fee, the search may run."""
        self.retranslate()
