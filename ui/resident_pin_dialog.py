"""The resident's PIN dialog: large, clearly for the resident, 4 digits entered twice, masked."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRegularExpression, Qt
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

from counter_app.card.profile import PIN_LENGTH
from ui.status_bar import ERROR_STYLE

RESIDENT_STYLE = "QDialog { background: #eef6ff; }"


def _pin_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(PIN_LENGTH)
    field.setValidator(QRegularExpressionValidator(QRegularExpression(f"[0-9]{{0,{PIN_LENGTH}}}")))
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
    field.setMaximumWidth(260)
    return field


class ResidentPinDialog(QDialog):
    """The resident chooses a new PIN; the caller takes it with take_pin() after `accepted`."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
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
        self.first_label, self.second_label = QLabel(), QLabel()
        for label in (self.first_label, self.second_label):
            label.setFont(big)
        self.first_label.setBuddy(self.first)
        self.second_label.setBuddy(self.second)
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
        self.first.returnPressed.connect(self._next)

        form = QFormLayout()
        form.addRow(self.first_label, self.first)
        form.addRow(self.second_label, self.second)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.prompt)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        QWidget.setTabOrder(self.first, self.second)
        self.retranslate()
        self._changed()
        self.first.setFocus()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("For the resident: choose your PIN"))
        self.heading.setText(self.tr("For the resident: please choose your PIN"))
        self.prompt.setText(
            self.tr(
                "Enter a 4-digit number only you know, then enter it again. The clerk does not "
                "see it. Avoid your birth date or 1234."
            )
        )
        self.first_label.setText(self.tr("&PIN:"))
        self.second_label.setText(self.tr("&Again:"))
        self.first.setAccessibleName(self.tr("New PIN, 4 digits, hidden"))
        self.second.setAccessibleName(self.tr("New PIN again, 4 digits, hidden"))
        self.error.setText(self.tr("The two entries are not the same. Please enter both again."))
        self.error.setAccessibleName(self.error.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _complete(self) -> bool:
        return len(self.first.text()) == PIN_LENGTH and len(self.second.text()) == PIN_LENGTH

    def _changed(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self._complete())

    def _next(self) -> None:
        if len(self.first.text()) == PIN_LENGTH:
            self.second.setFocus()

    def accept(self) -> None:
        if not self._complete():
            return
        if self.first.text() != self.second.text():
            self.first.clear()
            self.second.clear()
            self.error.show()
            self.first.setFocus()
            return
        super().accept()

    def reject(self) -> None:
        self.first.clear()
        self.second.clear()
        super().reject()

    def take_pin(self) -> str:
        """The PIN chosen; both fields are cleared so it is kept no longer than needed."""
        pin = self.first.text()
        self.first.clear()
        self.second.clear()
        return pin
