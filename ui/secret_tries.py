"""Tries left of the PIN and the unlock number: read without using one, and a last try confirmed.

A typing slip must never lock a card: before the last try the clerk is asked, with Cancel as
the default button, so Enter pressed by habit does not spend it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from counter_app.card.connection import CardError
from counter_app.card.pins import pin_tries_left, unlock_tries_left
from counter_app.card.protocol import ApduTransport
from counter_app.card.readers import ReaderBackend

Secret = Literal["pin", "unlock"]


@dataclass(frozen=True)
class SecretTries:
    """Tries left of each secret; None when the card could not say (not set, not readable)."""

    pin: int | None
    unlock: int | None

    def last_tries(self, secrets: Sequence[Secret]) -> tuple[Secret, ...]:
        """Those of `secrets` with exactly one try left."""
        return tuple(s for s in secrets if (self.pin if s == "pin" else self.unlock) == 1)


def _tries(read: Callable[[ApduTransport], int | None], transport: ApduTransport) -> int | None:
    try:
        return read(transport)
    except CardError:
        return None  # a card not in use, or not ours: the task itself says so in words


def read_secret_tries(reader: str, backend: ReaderBackend) -> SecretTries:
    """Card thread: the tries left of the PIN and the unlock number of the card in `reader`."""
    connection = backend.connect(reader)
    try:
        transport = ApduTransport(connection)
        return SecretTries(_tries(pin_tries_left, transport), _tries(unlock_tries_left, transport))
    finally:
        connection.close()


def last_try_text(secret: Secret) -> str:
    """Why the last try of `secret` needs the clerk's confirmation."""
    if secret == "pin":
        return QCoreApplication.translate(
            "SecretTries",
            "This is the PIN's last try: if it is wrong, the PIN is locked and the resident "
            "needs a PIN reset.",
        )
    return QCoreApplication.translate(
        "SecretTries",
        "This is the unlock number's last try: if it is wrong, the face data is locked until "
        "the issuing office resets it. Check every digit against the card.",
    )


def confirm_last_try(
    parent: QWidget, secrets: Sequence[Secret], on_yes: Callable[[], None]
) -> QMessageBox:
    """Ask before the last try of `secrets`; Cancel is the default; `on_yes` only on Try."""
    box = QMessageBox(parent)
    box.setObjectName("lastTryBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("SecretTries", "Last try"))
    text = "\n".join(last_try_text(s) for s in secrets)
    box.setText(text)
    box.setInformativeText(QCoreApplication.translate("SecretTries", "Use the last try now?"))
    box.setAccessibleName(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    ok = box.button(QMessageBox.StandardButton.Ok)
    ok.setText(QCoreApplication.translate("SecretTries", "&Use the last try"))
    ok.setObjectName("lastTryUse")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)

    def clicked(button: QAbstractButton) -> None:
        if box.standardButton(button) == QMessageBox.StandardButton.Ok:
            on_yes()

    box.buttonClicked.connect(clicked)
    # The keyboard goes back to the window once the box has gone.
    box.finished.connect(lambda _code: QTimer.singleShot(0, parent.window().activateWindow))
    box.open()
    return box
