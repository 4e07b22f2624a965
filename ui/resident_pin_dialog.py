"""The resident's PIN dialog: large, clearly for the resident, 4 digits entered twice, masked."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.card.profile import PIN_LENGTH, UNLOCK_NUMBER_LENGTH
from counter_app.workflows.pin_strength import weakness
from ui.errors import error_texts
from ui.retranslating import Retranslating
from ui.status_bar import ERROR_STYLE

RESIDENT_STYLE = "QDialog { background: #eef6ff; }"


def _pin_field(name: str, length: int = PIN_LENGTH) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(length)
    field.setValidator(QRegularExpressionValidator(QRegularExpression(f"[0-9]{{0,{length}}}")))
    field.setInputMethodHints(
        Qt.InputMethodHint.ImhDigitsOnly
        | Qt.InputMethodHint.ImhSensitiveData
        | Qt.InputMethodHint.ImhNoPredictiveText
    )
    field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # no copy of a PIN
    font = field.font()
    font.setPointSizeF(font.pointSizeF() * 2.5)
    font.setLetterSpacing(font.SpacingType.AbsoluteSpacing, 8)
    field.setFont(font)
    field.setAlignment(Qt.AlignmentFlag.AlignCenter)
    field.setMaximumWidth(260 if length == PIN_LENGTH else 520)
    field.setMinimumHeight(field.sizeHint().height())  # a message shown below never squeezes it
    return field


class ResidentPinDialog(Retranslating, QDialog):
    """The resident chooses a new PIN (or, without `confirm`, enters the card's PIN once).

    With `ask_unlock` the resident also enters the unlock number printed on the card. The caller
    takes the PIN with take_pin() after `accepted`.
    """

    def __init__(
        self,
        parent: QWidget | None,
        *,
        confirm: bool = True,
        ask_unlock: bool = False,
        birth_date: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.confirm = confirm
        self.birth_date = birth_date  # a new PIN made from it is refused
        self.ask_unlock = ask_unlock
        self.setObjectName("residentPinDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setStyleSheet(RESIDENT_STYLE)
        self.heading = QLabel()
        self.heading.setObjectName("residentPinHeading")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.heading.setFont(font)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        big = self.prompt.font()
        big.setPointSizeF(big.pointSizeF() * 1.3)
        self.prompt.setFont(big)
        self.first = _pin_field("residentPin1")
        self.second = _pin_field("residentPin2")
        self.unlock = _pin_field("residentUnlock", UNLOCK_NUMBER_LENGTH)
        self.first_label, self.second_label, self.unlock_label = QLabel(), QLabel(), QLabel()
        for label in (self.first_label, self.second_label, self.unlock_label):
            label.setFont(big)
        self.first_label.setBuddy(self.first)
        self.second_label.setBuddy(self.second)
        self.unlock_label.setBuddy(self.unlock)
        self.tries = QLabel()
        self.tries.setObjectName("residentPinTries")
        self.tries.setWordWrap(True)
        self.tries.setFont(big)
        self.tries.hide()
        self.error = QLabel()
        self.error.setObjectName("residentPinError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setFont(big)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.first.textChanged.connect(self._changed)
        self.second.textChanged.connect(self._changed)
        self.unlock.textChanged.connect(self._changed)
        self.first.returnPressed.connect(self._next)

        form = QFormLayout()
        form.addRow(self.first_label, self.first)
        form.addRow(self.second_label, self.second)
        form.addRow(self.unlock_label, self.unlock)
        form.setRowVisible(self.second, confirm)
        form.setRowVisible(self.unlock, ask_unlock)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.prompt)
        layout.addLayout(form)
        layout.addWidget(self.tries)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        QWidget.setTabOrder(self.first, self.second)
        QWidget.setTabOrder(self.second, self.unlock)
        self.retranslate()
        self._changed()
        self.first.setFocus()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        if self.confirm:
            self.setWindowTitle(self.tr("For the resident: choose your PIN"))
            self.heading.setText(self.tr("For the resident: please choose your PIN"))
            self.prompt.setText(
                self.tr(
                    "Enter a 4-digit number only you know, then enter it again. The clerk does "
                    "not see it. Numbers easy to guess are refused: one digit repeated (1111), "
                    "a run of digits (1234) and your birth date."
                )
            )
            self.first.setAccessibleName(self.tr("New PIN, 4 digits, hidden"))
        else:
            self.setWindowTitle(self.tr("For the resident: your card's PIN"))
            self.heading.setText(self.tr("For the resident: please enter your card's PIN"))
            self.prompt.setText(
                self.tr("Enter the 4-digit PIN of your card. The clerk does not see it.")
                if not self.ask_unlock
                else self.tr(
                    "Enter the 4-digit PIN of your card, then the 14-digit unlock number printed "
                    "on your card. The clerk does not see them."
                )
            )
            self.first.setAccessibleName(self.tr("Your card's PIN, 4 digits, hidden"))
        self.first_label.setText(self.tr("&PIN:"))
        self.second_label.setText(self.tr("&Again:"))
        self.unlock_label.setText(self.tr("&Unlock number:"))
        self.unlock.setAccessibleName(self.tr("Unlock number, 14 digits, hidden"))
        self.second.setAccessibleName(self.tr("New PIN again, 4 digits, hidden"))

    def show_tries(self, text: str) -> None:
        """Say how many tries are left (already in words and translated); empty hides it."""
        self.tries.setText(text)
        self.tries.setAccessibleName(text)
        self.tries.setVisible(bool(text))

    def _complete(self) -> bool:
        return (
            len(self.first.text()) == PIN_LENGTH
            and (not self.confirm or len(self.second.text()) == PIN_LENGTH)
            and (not self.ask_unlock or len(self.unlock.text()) == UNLOCK_NUMBER_LENGTH)
        )

    def _changed(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self._complete())

    def _next(self) -> None:
        if len(self.first.text()) != PIN_LENGTH:
            return
        if self.confirm:
            self.second.setFocus()
        elif self.ask_unlock:
            self.unlock.setFocus()
        else:
            self.accept()

    def accept(self) -> None:
        if not self._complete():
            return
        if self.confirm and self.first.text() != self.second.text():
            self._again(self.tr("The two entries are not the same. Please enter both again."))
            return
        weak = weakness(self.first.text(), self.birth_date) if self.confirm else None
        if weak is not None:
            what, _todo = error_texts(weak)
            again = self.tr("Please choose another number and enter it twice.")
            self._again(f"{what}\n{again}")
            return
        super().accept()

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setAccessibleName(text)

    def _again(self, why: str) -> None:
        """Both entries cleared, the reason shown, the cursor back in the first field."""
        self.first.clear()
        self.second.clear()
        self._say(why)
        self.error.show()
        self.adjustSize()  # room for the sentence; the fields keep their size
        self.first.setFocus()

    def reject(self) -> None:
        self._clear()
        super().reject()

    def _clear(self) -> None:
        for field in (self.first, self.second, self.unlock):
            field.clear()

    def take_pin(self) -> str:
        """The PIN chosen; every field is cleared so it is kept no longer than needed."""
        pin = self.first.text()
        self._clear()
        return pin
