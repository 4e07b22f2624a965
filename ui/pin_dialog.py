"""The PIN dialog: four digits, masked, never logged, cleared as soon as they are taken."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.card.profile import PIN_LENGTH
from ui import texts
from ui.retranslating import Retranslating


class PinDialog(Retranslating, QDialog):
    """Asks for the resident's PIN; the caller takes it with take_pin() after `accepted`."""

    def __init__(
        self, parent: QWidget | None, tries_left: int | None, *, operator: bool = False
    ) -> None:
        super().__init__(parent)
        self._operator = operator  # the PIN of an operator card, typed by its operator
        self.setObjectName("pinDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._tries_left = tries_left

        self._prompt = QLabel()
        self._prompt.setWordWrap(True)
        self._tries = QLabel()
        self._tries.setObjectName("pinTries")
        self._field_label = QLabel()
        self.field = QLineEdit()
        self.field.setObjectName("pinField")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMaxLength(PIN_LENGTH)
        self.field.setValidator(
            QRegularExpressionValidator(QRegularExpression(f"[0-9]{{0,{PIN_LENGTH}}}"), self)
        )
        self.field.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # no copy of a PIN
        self._field_label.setBuddy(self.field)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.field.textChanged.connect(self._update_ok)

        layout = QVBoxLayout(self)
        layout.addWidget(self._prompt)
        layout.addWidget(self._tries)
        layout.addWidget(self._field_label)
        layout.addWidget(self.field)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._update_ok()
        self.field.setFocus()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        if self._operator:
            self.setWindowTitle(self.tr("Operator card PIN"))
            self._prompt.setText(
                self.tr("The operator whose card is in the reader enters its 4-digit PIN.")
            )
        else:
            self.setWindowTitle(self.tr("Resident's PIN"))
            self._prompt.setText(
                self.tr("Ask the resident to enter their 4-digit PIN. Do not enter it for them.")
            )
        self._tries.setText(texts.pin_tries_text(self._tries_left))
        self._field_label.setText(self.tr("&PIN (4 digits):"))
        self.field.setAccessibleName(self.tr("PIN, 4 digits, hidden"))
        self.buttons.setAccessibleName(self.tr("Confirm or cancel"))

    def _update_ok(self) -> None:
        complete = len(self.field.text()) == PIN_LENGTH
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(complete)

    def accept(self) -> None:
        if len(self.field.text()) == PIN_LENGTH:
            super().accept()

    def reject(self) -> None:
        self.field.clear()
        super().reject()

    def take_pin(self) -> str:
        """The PIN entered; the field is cleared so the PIN is kept no longer than needed."""
        pin = self.field.text()
        self.field.clear()
        return pin
