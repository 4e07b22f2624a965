"""Parts every kiosk page is made of: large touch targets and large centred text.

A kiosk button is at least BIG pixels on its short side. It leaves Enter and the arrow keys to
the kiosk window (Enter presses the button the keyboard is on; the arrows move between
buttons or mean what the page says, such as the next day), so every page works by keyboard
and by touch alike.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

BIG: Final = 72  # the smallest side of a touch target, in pixels
BUTTON_POINTS: Final = 20

_PASSED_ON = frozenset(
    {
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_Return,
        Qt.Key.Key_Enter,
    }
)


class KioskButton(QPushButton):
    """A large button; Enter and the arrow keys go on to the kiosk window."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setMinimumSize(BIG * 2, BIG)
        font = self.font()
        font.setPointSize(BUTTON_POINTS)
        self.setFont(font)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _PASSED_ON:
            event.ignore()
            return
        super().keyPressEvent(event)


def big_button(text: str = "") -> KioskButton:
    return KioskButton(text)


def big_label(size: int = 22) -> QLabel:
    """Centred, wrapped text in `size` points."""
    label = QLabel()
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setPointSize(size)
    label.setFont(font)
    return label
