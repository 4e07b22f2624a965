"""The clerk's entry of the unlock number 照合番号B: the card's QR code, or what is printed.

A clerk never types 14 digits from memory. A 2D scanner reads the QR code on the card face and
types its text into the focused field like a keyboard, ending with Enter; or the clerk types the
three things printed on the card (birth date in the Japanese era, expiry year, security code)
and the number is composed from them. The security code and the scanned text are masked.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from counter_app.card.unlock_entry import EXPIRY_YEAR_LENGTH, unlock_number_from_printed
from counter_app.errors import CounterError
from counter_app.japanese_dates import SECURITY_CODE_LENGTH
from counter_app.printing.seal_documents import CardFaceSeal, card_face_seal_from_qr_text
from ui import texts
from ui.errors import error_texts
from ui.retranslating import Retranslating
from ui.status_bar import ERROR_STYLE

# Longer than anything typed into the three small fields: a scanner's QR text, wherever it went.
QR_TEXT_MIN_LENGTH = 20


def _field(name: str, *, digits: int | None = None, secret: bool = False) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    # A scanner types ASCII key by key; an input method would turn it into kana.
    field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    if digits is not None:
        field.setMaxLength(digits)
        pattern = QRegularExpression(f"[0-9０-９]{{0,{digits}}}")
        field.setValidator(QRegularExpressionValidator(pattern))
        field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
    if secret:
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setInputMethodHints(
            field.inputMethodHints()
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
        )
        field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # no copy of a secret
    return field


class UnlockNumberField(Retranslating, QWidget):
    """照合番号B from a scanned QR code or from the three printed fields; empty is allowed."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockNumberField")
        self.scanned: CardFaceSeal | None = None
        self.scanned_text: str | None = None  # the QR text as scanned: its seal is checked too
        self.tries_left: int | None = None
        self.qr = _field("unlockQrText", secret=True)
        self.birth = _field("unlockBirthDate")
        self.expiry_year = _field("unlockExpiryYear", digits=EXPIRY_YEAR_LENGTH)
        self.security_code = _field("unlockSecurityCode", digits=SECURITY_CODE_LENGTH, secret=True)
        self.security_code.setMaximumWidth(120)
        self.expiry_year.setMaximumWidth(120)
        self.labels: dict[QLineEdit, QLabel] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for field in (self.qr, self.birth, self.expiry_year, self.security_code):
            label = QLabel()
            label.setBuddy(field)
            self.labels[field] = label
            form.addRow(label, field)
            field.returnPressed.connect(lambda f=field: self._enter(f))
        for field in (self.birth, self.expiry_year, self.security_code):
            field.textEdited.connect(self._typed)
        self.expiry_year.textEdited.connect(
            lambda text: self.security_code.setFocus() if len(text) == EXPIRY_YEAR_LENGTH else None
        )
        self.status = QLabel()
        self.status.setObjectName("unlockStatus")
        self.status.setWordWrap(True)
        self.tries = QLabel()
        self.tries.setObjectName("unlockTries")
        form.addRow(self.status)
        form.addRow(self.tries)
        self._error: str | None = None
        QWidget.setTabOrder(self.qr, self.birth)
        QWidget.setTabOrder(self.birth, self.expiry_year)
        QWidget.setTabOrder(self.expiry_year, self.security_code)
        self.retranslate()

    # --- what the page asks -----------------------------------------------------------------

    def is_empty(self) -> bool:
        """Nothing scanned and nothing typed: the resident enters the number instead."""
        typed = (self.birth, self.expiry_year, self.security_code)
        return self.scanned is None and not any(f.text().strip() for f in typed)

    def unlock_number(self) -> str:
        """The 14 digits, scanned or composed; a CounterError naming the field to correct."""
        if self.scanned is not None:
            return self.scanned.unlock_number
        return unlock_number_from_printed(
            self.birth.text(), self.expiry_year.text(), self.security_code.text()
        )

    def problem(self) -> str | None:
        """What is wrong with the entry, in words; None when it is complete or empty."""
        if self.is_empty():
            return None
        try:
            self.unlock_number()
        except CounterError as exc:
            what, todo = error_texts(exc)
            return f"{what} {todo}"
        return None

    def set_tries_left(self, tries_left: int | None) -> None:
        """Show the card's tries left for the unlock number (None: not known)."""
        self.tries_left = tries_left
        self._render()

    def show_problem(self, text: str | None) -> None:
        """Show `text` (a wrong number, a bad scan) under the fields, or clear it."""
        self._error = text
        self._render()

    def clear(self) -> None:
        """Forget the number, the scan, the typed fields and any message: the next resident."""
        for field in (self.qr, self.birth, self.expiry_year, self.security_code):
            field.clear()
        self.scanned = None
        self.scanned_text = None
        self._error = None
        self.tries_left = None
        self._render()
        self.changed.emit()

    # --- entry -----------------------------------------------------------------------------

    def _enter(self, field: QLineEdit) -> None:
        """Enter: a scan ends (in whichever field it was typed), or go on to the next field."""
        text = field.text()
        if field is self.qr or len(text) >= QR_TEXT_MIN_LENGTH:
            field.clear()
            self._take_qr(text)
        elif field is self.birth:
            self.expiry_year.setFocus()
        elif field is self.expiry_year:
            self.security_code.setFocus()

    def _take_qr(self, text: str) -> None:
        try:
            self.scanned = card_face_seal_from_qr_text(text)
            self.scanned_text = text
        except CounterError as exc:
            self.scanned = None
            self.scanned_text = None
            what, todo = error_texts(exc)
            self._error = f"{what} {todo}"
            self.qr.setFocus()
        else:
            self._error = None
            for field in (self.birth, self.expiry_year, self.security_code):
                field.clear()  # the scan is the entry now; typed leftovers would confuse
        self._render()
        self.changed.emit()

    def _typed(self) -> None:
        self.scanned = None  # typing replaces an earlier scan
        self.scanned_text = None
        self._error = None
        self._render()
        self.changed.emit()

    # --- texts -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text in the current language."""
        names = {
            self.qr: (self.tr("&QR code on the card:"), self.tr("QR code on the card, scanned")),
            self.birth: (
                self.tr("&Birth date as printed:"),
                self.tr("Birth date as printed on the card, in the Japanese era"),
            ),
            self.expiry_year: (self.tr("E&xpiry year:"), self.tr("Expiry year, 4 digits")),
            self.security_code: (
                self.tr("Securit&y code:"),
                self.tr("Security code printed on the card, 4 digits, hidden"),
            ),
        }
        for field, (label, accessible) in names.items():
            self.labels[field].setText(label)
            field.setAccessibleName(accessible)
        self.qr.setPlaceholderText(self.tr("Scan the QR code on the front of the card"))
        self.birth.setPlaceholderText(self.tr("e.g. S30.2.17 or 昭和30年2月17日"))
        self.expiry_year.setPlaceholderText(self.tr("e.g. 2036"))
        self._render()

    def _render(self) -> None:
        if self._error:
            text, style = self._error, ERROR_STYLE
        elif self.scanned is not None:
            text = self.tr("QR code read: card {serial}.").format(
                serial=texts.serial_text(self.scanned.card_serial)
            )
            style = ""
        else:
            text, style = "", ""
        self.status.setText(text)
        self.status.setStyleSheet(style)
        self.status.setAccessibleName(text)
        self.status.setVisible(bool(text))
        tries = texts.unlock_tries_text(self.tries_left)
        tries_text = self.tr("Unlock number: {tries}").format(tries=tries) if tries else ""
        self.tries.setText(tries_text)
        self.tries.setAccessibleName(tries_text)
        self.tries.setVisible(bool(tries_text))
