"""The verifying clerk's counter (本人確認): is the presented card genuine, valid and in use?

Keyboard only from the card to the verdict: the QR scan field has the focus, and the scanner's
Enter starts the verification; the three printed fields start it with Ctrl+Enter; the resident
may open the card with the PIN instead. The verdict is one line (valid in green, invalid in red
with the first failing reason), then one line per check. The holder's data is shown only when
the checks covering it succeeded, and leaves with the card, the next resident or the operator.

The printed face against the chip: the clerk may give a scan of the card face (Alt+O, an image
file) before the check; a comparison found from it is shown field by field with each
mismatching region outlined in red beside the chip's version. Without one, a valid card's chip
images are shown large beside a short checklist the clerk answers by eye; the answer is
recorded as compared by eye, and a mismatch turns the verdict to invalid.
"""

from __future__ import annotations

import functools
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.card.errors import (
    InvalidPinError,
    LastTryError,
    PinBlockedError,
    UnlockBlockedError,
    UnlockNumberError,
)
from counter_app.card.verification import Check, CheckId, Verdict
from counter_app.face_scan.report import FaceComparison
from counter_app.records import PurposeCode, Register
from counter_app.workflows import (
    CounterContext,
    VerificationRequest,
    VerificationResult,
    VerificationWorkflow,
)
from counter_app.workflows.face_by_eye import EyeComparison, eye_comparison, record_face_by_eye
from ui import texts
from ui.check_texts import check_title, evidence_text, failure_text, reason_text, verdict_text
from ui.errors import error_texts
from ui.face_by_eye_panel import FaceByEyePanel
from ui.face_texts import field_list
from ui.pages.context import PageServices
from ui.pages.parts import TaskPage
from ui.printed_face_view import PrintedFaceView
from ui.secret_tries import Secret, SecretTries, confirm_last_try, read_secret_tries
from ui.unconfirmed_verdict import unchecked_reason, unconfirmed, unconfirmed_verdict_text
from ui.unlock_number_field import UnlockNumberField

VALID_STYLE = "QLabel { background: #d7f5d7; color: #0b5d0b; padding: 6px; }"
INVALID_STYLE = "QLabel { background: #ffd6d6; color: #7a0000; padding: 6px; }"
WITHHELD_STYLE = "QLabel { color: #808080; }"
NOT_CHECKED_STYLE = "QLabel { background: #fff3c4; color: #5c4500; padding: 6px; }"
VERDICT_COLOURS = {
    Verdict.SUCCEEDED: "#0b5d0b",
    Verdict.FAILED: "#b00000",
    Verdict.UNKNOWN: "#b00000",
}
IMAGE_HEIGHT = 60


class VerificationPage(TaskPage):
    """The purpose, the card's unlock number (scanned or printed) or the PIN; the verdict."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, "verificationPage", parent)
        # No resident is chosen here: the card says whose it is.
        self.sections.remove(self.resident_box)
        self.resident_box.setParent(self)
        self.resident_box.hide()

        self.purpose = QComboBox()
        self.purpose.setObjectName("verificationPurpose")
        self.purpose_label = QLabel()
        self.purpose_label.setBuddy(self.purpose)
        self.purpose_box = QGroupBox()
        purpose_form = QFormLayout(self.purpose_box)
        purpose_form.addRow(self.purpose_label, self.purpose)

        self.unlock = UnlockNumberField()
        self.unlock.changed.connect(self._entry_changed)
        self.unlock_hint = QLabel()
        self.unlock_hint.setWordWrap(True)
        self.pin_button = QPushButton()
        self.pin_button.setObjectName("verificationWithPin")
        self.pin_button.clicked.connect(self.start_with_pin)
        self.pin_tries = QLabel()
        self.pin_tries.setObjectName("verificationPinTries")
        self.trust_notice = QLabel()  # shown only when this counter has no trust store
        self.trust_notice.setObjectName("verificationTrustNotice")
        self.trust_notice.setWordWrap(True)
        self.trust_notice.setStyleSheet(NOT_CHECKED_STYLE)
        self.card_box = QGroupBox()
        card_form = QFormLayout(self.card_box)
        card_form.addRow(self.trust_notice)
        card_form.addRow(self.unlock_hint)
        card_form.addRow(self.unlock)
        pin_row = QHBoxLayout()
        pin_row.addWidget(self.pin_button)
        pin_row.addWidget(self.pin_tries, 1)
        card_form.addRow(pin_row)
        self.face_scan: bytes = b""  # the printed face as scanned, until the card leaves
        self.scan_button = QPushButton()
        self.scan_button.setObjectName("verificationFaceScan")
        self.scan_button.clicked.connect(self.choose_face_scan)
        self.scan_state = QLabel()
        self.scan_state.setObjectName("verificationFaceScanState")
        self.scan_dialog: QFileDialog | None = None
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan_button)
        scan_row.addWidget(self.scan_state, 1)
        card_form.addRow(scan_row)

        self.verdict = QLabel()
        self.verdict.setObjectName("verificationVerdict")
        self.verdict.setWordWrap(True)
        big = QFont(self.verdict.font())
        big.setPointSizeF(big.pointSizeF() * 1.6)
        big.setBold(True)
        self.verdict.setFont(big)
        self.checks = QTreeWidget()
        self.checks.setObjectName("verificationChecks")
        self.checks.setColumnCount(4)
        self.checks.setRootIsDecorated(False)
        self.checks.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.checks.setWordWrap(True)
        self.checks.setMinimumHeight(240)
        self.data_labels: dict[str, tuple[QLabel, QLabel]] = {}
        self.data_state = QLabel()
        self.data_state.setObjectName("verificationDataState")
        self.data_state.setWordWrap(True)
        data_form = QFormLayout()
        for key in ("name", "address", "birth_date", "sex", "expiry"):
            label, value = QLabel(), QLabel()
            value.setObjectName(f"verificationData_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
            self.data_labels[key] = (label, value)
            data_form.addRow(label, value)
        self.images: dict[str, QLabel] = {}
        image_row = QHBoxLayout()
        for key in ("name_image", "address_image", "photo"):
            image = QLabel()
            image.setObjectName(f"verificationImage_{key}")
            self.images[key] = image
            image_row.addWidget(image)
        image_row.addStretch(1)
        self.face_view = PrintedFaceView()
        self.by_eye = FaceByEyePanel()
        self.by_eye.decided.connect(self._by_eye_decided)
        self.eye: EyeComparison | None = None  # the clerk's answer, once given
        self._eye_job: int | None = None
        self._purpose_used = ""
        self.result_box = QGroupBox()
        result_layout = QVBoxLayout(self.result_box)
        result_layout.addWidget(self.verdict)
        result_layout.addWidget(self.data_state)
        result_layout.addLayout(data_form)
        result_layout.addLayout(image_row)
        result_layout.addWidget(self.face_view)
        result_layout.addWidget(self.by_eye)
        result_layout.addWidget(self.checks)

        self.tries = SecretTries(None, None)
        self._asking = False  # between the start and the workflow: tries read, PIN asked
        self.lay_out(self.purpose_box, self.card_box, self.result_box)
        self.sections.remove(self.result_box)  # the verdict stays readable while nothing runs
        self.runner.failed.connect(self._on_failed)
        self.next_shortcut = QShortcut(QKeySequence("Ctrl+N"), self)
        self.next_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.next_shortcut.activated.connect(self.reset)
        QWidget.setTabOrder(self.unlock.qr, self.unlock.birth)
        QWidget.setTabOrder(self.unlock.security_code, self.action_button)
        QWidget.setTabOrder(self.action_button, self.pin_button)
        QWidget.setTabOrder(self.pin_button, self.scan_button)
        QWidget.setTabOrder(self.scan_button, self.purpose)
        self._render_result()

    # --- texts -----------------------------------------------------------------------------

    def retranslate_task(self) -> None:
        """Set the verification's texts in the current language."""
        self.purpose_box.setTitle(self.tr("Purpose"))
        self.purpose_label.setText(self.tr("&Purpose of the check:"))
        self.purpose.setAccessibleName(self.tr("Purpose of the check"))
        self.card_box.setTitle(self.tr("The presented card"))
        self.unlock_hint.setText(
            self.tr(
                "Insert the card, then scan the QR code on its front: the check starts by "
                "itself. Or type the birth date, the expiry year and the security code printed "
                "on it and press Ctrl+Enter. Or let the resident open it with the PIN."
            )
        )
        self.pin_button.setText(self.tr("Open with the resident's P&IN…"))
        self.pin_button.setAccessibleName(self.tr("Open with the resident's PIN"))
        self.action_button.setText(self.tr("&Verify the card (Ctrl+Enter)"))
        self.scan_button.setText(self.tr("Read the card face fr&om an image…"))
        self.scan_button.setAccessibleName(self.tr("Read the card face from an image"))
        self.by_eye.retranslate()
        self._render_face_scan()
        self.new_button.setText(self.tr("&Next resident (Ctrl+N)"))
        self.result_box.setTitle(self.tr("Result"))
        self.checks.setHeaderLabels(
            [self.tr("Check"), self.tr("Verdict"), self.tr("Reason"), self.tr("Evidence")]
        )
        self.checks.setAccessibleName(self.tr("Checks"))
        names = {
            "name": self.tr("Name:"),
            "address": self.tr("Address:"),
            "birth_date": self.tr("Birth date:"),
            "sex": self.tr("Sex:"),
            "expiry": self.tr("Valid until:"),
        }
        for key, (label, _value) in self.data_labels.items():
            label.setText(names[key])
        self._fill_purposes()
        self._render_pin_tries()
        self._render_trust_notice()
        self._render_result()

    def set_session_ready(self) -> None:
        """The operator's context arrived (again): whether it has a trust store."""
        super().set_session_ready()
        self._render_trust_notice()

    def _render_trust_notice(self) -> None:
        """Say before any card is read that no card can be proved genuine here, and why."""
        ctx = self.services.context
        missing = ctx.trust.cards.missing if ctx is not None else None
        self.trust_notice.setVisible(missing is not None)
        if missing is not None:
            self.trust_notice.setText(
                self.tr(
                    "No card can be proved genuine at this counter: {why}. Cards are shown as "
                    "not checked. Ask the system administrator to configure the trust store."
                ).format(why=reason_text(missing))
            )

    def _fill_purposes(self) -> None:
        """The purposes the operator's roles may verify under; identity check first."""
        chosen = self.purpose.currentData() or PurposeCode.IDENTITY_CHECK.value
        self.purpose.blockSignals(True)
        self.purpose.clear()
        purposes = sorted(
            self.services.purposes, key=lambda p: p.code != PurposeCode.IDENTITY_CHECK.value
        )
        for info in purposes:
            self.purpose.addItem(info.name, info.code)
        index = self.purpose.findData(chosen)
        self.purpose.setCurrentIndex(max(index, 0))
        self.purpose.blockSignals(False)

    # --- entry -----------------------------------------------------------------------------

    def entry_field(self) -> QWidget:
        """Where the clerk starts: the QR scan field."""
        return self.unlock.qr

    def _entry_changed(self) -> None:
        """A scanned QR code starts the verification (the scanner ends with Enter)."""
        if self.unlock.scanned is not None:
            self.start()

    def form_problem(self) -> str | None:
        """The register is ready, the entry complete, a reader there."""
        if self.services.context is None:
            return self.tr("The register is not ready yet. Wait a moment.")
        if self.unlock.is_empty():
            return self.tr(
                "Scan the QR code on the card, type what is printed on it, or open it with the "
                "resident's PIN."
            )
        return self._card_problem()

    def _card_problem(self) -> str | None:
        problem = self.unlock.problem()
        if problem:
            return problem
        if self.purpose.currentData() is None:
            return self.tr("Your roles allow no purpose for checking a card.")
        if self.services.current_reader() is None:
            return self.tr("No card reader: connect one first.")
        return None

    def start_with_pin(self) -> None:
        """The resident opens the card with the PIN (and the printed number if one was typed)."""
        if self.runner.running or self.runner.workflow is not None or self.result is not None:
            return
        problem = (
            self.tr("The register is not ready yet. Wait a moment.")
            if self.services.context is None
            else self._card_problem()
        )
        if problem:
            self.show_form_error(problem)
            return
        self.form_error.hide()
        self._read_tries(with_pin=True)

    def start_task(self) -> None:
        """Read the tries left (none is used), then verify with the unlock number."""
        self._read_tries(with_pin=False)

    def _read_tries(self, *, with_pin: bool) -> None:
        reader = self.services.current_reader()
        if self._asking or reader is None:
            return
        self._asking = True
        self.services.card_thread.submit(
            functools.partial(read_secret_tries, reader),
            functools.partial(self._tries_read, with_pin),
            lambda _exc: self._tries_read(with_pin, SecretTries(None, None)),  # the run says why
        )

    def _tries_read(self, with_pin: bool, tries: SecretTries) -> None:
        self._asking = False
        self._show_tries(tries)
        use_unlock = not self.unlock.is_empty()
        blocked: Exception | None = None
        if with_pin and tries.pin == 0:
            blocked = PinBlockedError()
        elif use_unlock and tries.unlock == 0:
            blocked = UnlockBlockedError()
        if blocked is not None:
            what, todo = error_texts(blocked)
            self.show_form_error(f"{what} {todo}")
            return
        if with_pin:
            said = self.pin_tries.text()
            self.ask_pin(lambda pin, _unlock: self._confirm_and_run(pin), confirm=False, tries=said)
        else:
            self._confirm_and_run(None)

    def _confirm_and_run(self, pin: str | None) -> None:
        """Before a last try the clerk confirms (Cancel is the default); then the check runs."""
        secrets: list[Secret] = ["pin"] if pin is not None else []
        if not self.unlock.is_empty():
            secrets.append("unlock")
        last = self.tries.last_tries(secrets)
        if last:
            confirm_last_try(self, last, lambda: self.run_verification(pin, confirm=True))
        else:
            self.run_verification(pin, confirm=False)

    def run_verification(self, pin: str | None, *, confirm: bool) -> None:
        """Verify the card in the reader under the chosen purpose."""
        scanned = self.unlock.scanned
        typed = (
            None if self.unlock.is_empty() or scanned is not None else self.unlock.unlock_number()
        )
        self._purpose_used = str(self.purpose.currentData())
        request = VerificationRequest(
            purpose=self._purpose_used,
            unlock_number=typed,
            pin=pin,
            qr_text=self.unlock.scanned_text if scanned is not None else None,
            confirm_last_try=confirm,
            face_scan=self.face_scan or None,
        )
        self.run_workflow(lambda ctx, source: VerificationWorkflow(ctx, request, source))

    def _show_tries(self, tries: SecretTries) -> None:
        self.tries = tries
        self.unlock.set_tries_left(tries.unlock)
        self._render_pin_tries()

    def _render_pin_tries(self) -> None:
        tries = self.tries.pin
        text = (
            self.tr("PIN: {tries}").format(tries=texts.pin_tries_text(tries))
            if tries is not None
            else ""
        )
        self.pin_tries.setText(text)
        self.pin_tries.setAccessibleName(text)

    def _on_failed(self, exc: BaseException) -> None:
        """A wrong number or PIN: said in words with the tries left; the entry is fixed first.

        The failed check is given up, so "Try again" cannot send the same wrong number again.
        """
        if isinstance(exc, UnlockNumberError):
            self._show_tries(SecretTries(self.tries.pin, exc.tries_left))
            text = texts.wrong_unlock_text(exc.tries_left)
            self.unlock.show_problem(text)
        elif isinstance(exc, InvalidPinError):
            self._show_tries(SecretTries(exc.tries_left, self.tries.unlock))
            text = texts.wrong_pin_text(exc.tries_left)
        elif isinstance(exc, LastTryError):
            what, todo = error_texts(exc)
            text = f"{what} {todo}"
        else:
            return
        self.runner.give_up()
        self.show_form_error(text)
        self.window().activateWindow()  # the resident's dialog closed: the keyboard is back here
        self.unlock.qr.setFocus()

    # --- the verdict -----------------------------------------------------------------------

    def task_done(self, result: object) -> None:
        """Show the verdict; the number opened this card once and stays on no screen.

        Then the printed face: the comparison from the scan, field by field; without a scan, a
        valid card's chip images and the checklist, and the keyboard goes to the checklist.
        """
        self.unlock.clear()
        self._render_result()
        if not isinstance(result, VerificationResult):
            return
        if result.face_comparison is not None:
            self.show_face_comparison(result.face_comparison)
        elif result.valid and result.face is not None:
            self.by_eye.show_face(result.face)
            if self.by_eye.isVisible():
                self.by_eye.first_check_focus()

    # --- the printed face ------------------------------------------------------------------

    def choose_face_scan(self) -> None:
        """Ask for an image file of the card face (not native: it works with the keyboard)."""
        if self.result is not None or self.runner.running or self.scan_dialog is not None:
            return
        dialog = QFileDialog(self, self.tr("Scan of the card face"), str(Path.home()))
        dialog.setObjectName("faceScanDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.pnm)"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.fileSelected.connect(lambda path: self.load_face_scan_file(Path(path)))
        dialog.finished.connect(self._scan_dialog_closed)
        self.scan_dialog = dialog
        dialog.open()

    def _scan_dialog_closed(self) -> None:
        self.scan_dialog = None
        self.window().activateWindow()  # the dialog closed: the keyboard is back here
        self.scan_button.setFocus()

    def load_face_scan_file(self, path: Path) -> None:
        """Take the image in `path` as the scan of the presented card's face."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.show_form_error(
                self.tr("The image could not be read: {why}").format(why=exc.strerror or path)
            )
            return
        self.set_face_scan(data)

    def set_face_scan(self, image: bytes) -> None:
        """The scan of the card face (PNG, JPEG, TIFF... as given) for the check to compare.

        Kept until the card leaves, the next resident or the operator; the verification's
        request takes it as the printed-face scan. b"" forgets it.
        """
        if image and QImage.fromData(image).isNull():
            self.show_form_error(self.tr("That file is not an image of the card face."))
            return
        self.face_scan = image
        self.form_error.hide()
        self._render_face_scan()

    def _render_face_scan(self) -> None:
        scan = QImage.fromData(self.face_scan) if self.face_scan else QImage()
        text = (
            self.tr("Card face scanned ({width} × {height} pixels).").format(
                width=scan.width(), height=scan.height()
            )
            if not scan.isNull()
            else self.tr("No scan: the printed face is compared by eye after the check.")
        )
        self.scan_state.setText(text)
        self.scan_state.setAccessibleName(text)

    def show_face_comparison(self, comparison: FaceComparison | None) -> None:
        """Show the comparison of the printed face from the scan, field by field.

        With a comparison the clerk has nothing to compare by eye; None hides it.
        """
        result = self.result if isinstance(self.result, VerificationResult) else None
        face = result.face if result is not None else None
        self.face_view.show_comparison(comparison, face)
        if comparison is not None:
            self.by_eye.show_face(None)

    def _by_eye_decided(self, matches: bool) -> None:
        """Record the clerk's answer under the verification's purpose; a mismatch is invalid."""
        result = self.result if isinstance(self.result, VerificationResult) else None
        ctx = self.services.context
        if result is None or ctx is None:
            return
        compared = self.by_eye.compared()
        matching = compared if matches else self.by_eye.matching()
        comparison = eye_comparison(result.serial, compared, matching)
        self.eye = comparison
        self._render_result()
        self.by_eye.set_state(self.tr("Recording…"), matches=True)
        self._eye_job = self.services.db_thread.submit(
            functools.partial(_record_by_eye, ctx, self._purpose_used, comparison),
            lambda _none: self._by_eye_recorded(comparison),
            self._by_eye_not_recorded,
        )

    def _by_eye_recorded(self, comparison: EyeComparison) -> None:
        self._eye_job = None
        if comparison.matches:
            text = self.tr("Recorded: the printed face matches the chip, compared by eye.")
        else:
            text = self.tr("Recorded: compared by eye, these do not match: {fields}.").format(
                fields=field_list(comparison.mismatched)
            )
        self.by_eye.set_state(text, matches=comparison.matches)
        self.new_button.setFocus()

    def _by_eye_not_recorded(self, exc: BaseException) -> None:
        self._eye_job = None
        what, todo = error_texts(exc)
        self.by_eye.set_state(
            self.tr("Not recorded: {what} {todo}").format(what=what, todo=todo), matches=False
        )
        self.by_eye.reopen()

    def outcome_text(self) -> str:
        """Whether the check could be recorded."""
        result = self.result
        if isinstance(result, VerificationResult) and not result.recorded:
            return self.tr(
                "The register did not answer: this check is not recorded. Check identity by "
                "other means."
            )
        return ""

    def verdict_text(self, result: VerificationResult) -> str:
        """One line: valid, or invalid and why (the first failing check's reason)."""
        if result.valid and self.eye is not None and not self.eye.matches:
            return self.tr("Invalid: {why}").format(why=self._eye_mismatch_text(self.eye))
        if result.valid and not result.in_use:  # another issuer's card: no status of ours
            status = result.get(CheckId.REGISTER_STATUS)
            return self.tr("Genuine, but its status is not checked: {why}").format(
                why=reason_text(status.reason)
            )
        if result.valid:
            return self.tr("Valid: a genuine card in use; every check succeeded.")
        if unconfirmed(result):  # nothing wrong found, but not confirmed (no J-LIS key, say)
            return unconfirmed_verdict_text(result)
        first = result.failed[0] if result.failed else None
        why = (
            failure_text(first)
            if first is not None
            else self.tr("a check that covers the data did not succeed")
        )
        return self.tr("Invalid: {why}").format(why=why)

    def _render_result(self) -> None:
        result = self.result if isinstance(self.result, VerificationResult) else None
        self.result_box.setVisible(result is not None)
        self.scan_button.setEnabled(result is None)  # the scan is given before the check
        self.checks.clear()
        if result is None:
            self.verdict.clear()
            self._show_data(None, "")
            return
        text = self.verdict_text(result)
        self.verdict.setText(text)
        self.verdict.setAccessibleName(text)
        eye_mismatch = self.eye is not None and not self.eye.matches
        self.verdict.setStyleSheet(INVALID_STYLE if eye_mismatch else verdict_style(result))
        for check in result.checks:
            self.checks.addTopLevelItem(self._check_item(check))
        for column in range(3):
            self.checks.resizeColumnToContents(column)
        self._show_data(result, "" if result.valid and not eye_mismatch else text)

    @staticmethod
    def _check_item(check: Check) -> QTreeWidgetItem:
        item = QTreeWidgetItem(
            [
                check_title(check.id),
                verdict_text(check.verdict),
                reason_text(check.reason),
                evidence_text(check),
            ]
        )
        colour = VERDICT_COLOURS.get(check.verdict)
        if colour is not None:
            item.setForeground(1, QBrush(QColor(colour)))
        return item

    def _show_data(self, result: VerificationResult | None, withheld_because: str) -> None:
        """The holder's data the checks cover; greyed with the failing reason when not valid."""
        text = result.text if result is not None else None
        face = result.face if result is not None else None
        values = {
            "name": text.name if text else "",
            "address": text.address if text else "",
            "birth_date": (text.birth_date if text else face.birth_date if face else None),
            "sex": (text.sex if text else face.sex if face else None),
            "expiry": face.expiry if face else None,
        }
        style = WITHHELD_STYLE if withheld_because else ""
        for key, (label, value) in self.data_labels.items():
            shown = values[key]
            if key == "sex" and isinstance(shown, int):
                shown = self._sex_text(shown)
            value.setText(str(shown) if shown else "")
            value.setStyleSheet(style)
            visible = bool(shown)
            label.setVisible(visible)
            value.setVisible(visible)
        images = {
            "name_image": face.name_image if face else b"",
            "address_image": face.address_image if face else b"",
            "photo": face.photo if face else b"",
        }
        for key, label in self.images.items():
            pixmap = QPixmap()
            if images[key] and pixmap.loadFromData(images[key]):
                height = IMAGE_HEIGHT * (3 if key == "photo" else 1)
                label.setPixmap(pixmap.scaledToHeight(height))
                label.setVisible(True)
            else:
                label.clear()
                label.setVisible(False)
        if result is None:
            state = ""
        elif text is None and face is None:
            state = self.tr("No data of the holder is shown: {why}").format(
                why=self._first_reason(result)
            )
        elif withheld_because:
            state = self.tr("Not valid: do not rely on this data. {why}").format(
                why=self._first_reason(result)
            )
        else:
            state = ""
        self.data_state.setText(state)
        self.data_state.setAccessibleName(state)
        self.data_state.setStyleSheet(WITHHELD_STYLE if state else "")
        self.data_state.setVisible(bool(state))

    def _eye_mismatch_text(self, eye: EyeComparison) -> str:
        return self.tr("the printed face and the IC chip do not match ({fields})").format(
            fields=field_list(eye.mismatched)
        )

    def _first_reason(self, result: VerificationResult) -> str:
        if self.eye is not None and not self.eye.matches:
            return self._eye_mismatch_text(self.eye)
        first = result.failed[0] if result.failed else None
        if first is None:
            return unchecked_reason(result) or self.tr("the data was not read")
        return failure_text(first)

    def _sex_text(self, sex: int) -> str:
        return {1: self.tr("Male"), 2: self.tr("Female")}.get(sex, self.tr("Not applicable"))

    # --- the next resident -----------------------------------------------------------------

    def reset_task(self) -> None:
        """Forget the entry, the tries of the card that was there and the verdict."""
        self.unlock.clear()
        self.tries = SecretTries(None, None)
        self._asking = False
        self._forget_face()
        self._render_pin_tries()
        self._render_result()

    def _forget_face(self) -> None:
        """Nothing of the printed face stays: the scan, the comparison, the chip's images."""
        if self._eye_job is not None:  # its answer would land on the next resident's screen
            self.services.db_thread.forget(self._eye_job)
            self._eye_job = None
        if self.scan_dialog is not None:
            self.scan_dialog.reject()
        self.face_scan = b""
        self.eye = None
        self._purpose_used = ""
        self.face_view.show_comparison(None, None)
        self.by_eye.show_face(None)
        self._render_face_scan()


def verdict_style(result: VerificationResult) -> str:
    """Green for a valid card in use, yellow for a genuine card whose status we cannot know."""
    if unconfirmed(result):
        return NOT_CHECKED_STYLE
    if not result.valid:
        return INVALID_STYLE
    return VALID_STYLE if result.in_use else NOT_CHECKED_STYLE


def _record_by_eye(
    ctx: CounterContext, purpose: str, comparison: EyeComparison, _register: Register
) -> None:
    record_face_by_eye(ctx, purpose, comparison)
