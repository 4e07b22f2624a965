"""The verifying clerk's counter (本人確認): is the presented card genuine, valid and in use?

Keyboard only from the card to the verdict: the QR scan field has the focus, and the scanner's
Enter starts the verification; the three printed fields start it with Ctrl+Enter; the resident
may open the card with the PIN instead. The verdict is one line (valid in green, invalid in red
with the first failing reason), then one line per check. The holder's data is shown only when
the checks covering it succeeded, and leaves with the card, the next resident or the operator.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from counter_app.records import PurposeCode
from counter_app.workflows import VerificationRequest, VerificationResult, VerificationWorkflow
from ui import texts
from ui.check_texts import check_title, evidence_text, reason_text, verdict_text
from ui.errors import error_texts
from ui.pages.context import PageServices
from ui.pages.parts import TaskPage
from ui.secret_tries import Secret, SecretTries, confirm_last_try, read_secret_tries
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
        self.card_box = QGroupBox()
        card_form = QFormLayout(self.card_box)
        card_form.addRow(self.unlock_hint)
        card_form.addRow(self.unlock)
        pin_row = QHBoxLayout()
        pin_row.addWidget(self.pin_button)
        pin_row.addWidget(self.pin_tries, 1)
        card_form.addRow(pin_row)

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
        self.result_box = QGroupBox()
        result_layout = QVBoxLayout(self.result_box)
        result_layout.addWidget(self.verdict)
        result_layout.addWidget(self.data_state)
        result_layout.addLayout(data_form)
        result_layout.addLayout(image_row)
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
        QWidget.setTabOrder(self.pin_button, self.purpose)
        self._render_result()

    # --- texts -----------------------------------------------------------------------------

    def retranslate_task(self) -> None:
        """Set the verification's texts in the current language."""
        self.purpose_box.setTitle(self.tr("Purpose"))
        self.purpose_label.setText(self.tr("P&urpose of the check:"))
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
        self._render_result()

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
        request = VerificationRequest(
            purpose=str(self.purpose.currentData()),
            unlock_number=typed,
            pin=pin,
            qr_text=self.unlock.scanned_text if scanned is not None else None,
            confirm_last_try=confirm,
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
        """Show the verdict; the number opened this card once and stays on no screen."""
        self.unlock.clear()
        self._render_result()

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
        if result.valid and not result.in_use:  # another issuer's card: no status of ours
            status = result.get(CheckId.REGISTER_STATUS)
            return self.tr("Genuine, but its status is not checked: {why}").format(
                why=reason_text(status.reason)
            )
        if result.valid:
            return self.tr("Valid: a genuine card in use; every check succeeded.")
        first = result.failed[0] if result.failed else None
        why = (
            f"{check_title(first.id)}: {reason_text(first.reason)}"
            if first is not None
            else self.tr("a check that covers the data did not succeed")
        )
        return self.tr("Invalid: {why}").format(why=why)

    def _render_result(self) -> None:
        result = self.result if isinstance(self.result, VerificationResult) else None
        self.result_box.setVisible(result is not None)
        self.checks.clear()
        if result is None:
            self.verdict.clear()
            self._show_data(None, "")
            return
        text = self.verdict_text(result)
        self.verdict.setText(text)
        self.verdict.setAccessibleName(text)
        self.verdict.setStyleSheet(verdict_style(result))
        for check in result.checks:
            self.checks.addTopLevelItem(self._check_item(check))
        for column in range(3):
            self.checks.resizeColumnToContents(column)
        self._show_data(result, "" if result.valid else text)

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

    def _first_reason(self, result: VerificationResult) -> str:
        first = result.failed[0] if result.failed else None
        if first is None:
            return self.tr("the data was not read")
        return f"{check_title(first.id)}: {reason_text(first.reason)}"

    def _sex_text(self, sex: int) -> str:
        return {1: self.tr("Male"), 2: self.tr("Female")}.get(sex, self.tr("Not applicable"))

    # --- the next resident -----------------------------------------------------------------

    def reset_task(self) -> None:
        """Forget the entry, the tries of the card that was there and the verdict."""
        self.unlock.clear()
        self.tries = SecretTries(None, None)
        self._asking = False
        self._render_pin_tries()
        self._render_result()


def verdict_style(result: VerificationResult) -> str:
    """Green for a valid card in use, yellow for a genuine card whose status we cannot know."""
    if not result.valid:
        return INVALID_STYLE
    return VALID_STYLE if result.in_use else NOT_CHECKED_STYLE
