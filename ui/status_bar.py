"""The status bar: the back end (a warning when virtual), the card state, and a busy indicator."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from ui.card_thread import BackendInfo

WARNING_STYLE = "QLabel { background: #fff3b0; color: #5c4400; padding: 1px 6px; }"
ERROR_STYLE = "QLabel { background: #ffd6d6; color: #7a0000; padding: 1px 6px; }"


class CounterStatusBar(QStatusBar):
    """Always shows which back end is in use and the card's state; shows when the card is busy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.backend: BackendInfo | None = None
        self.backend_failed = False
        self._card_text = ""

        self.busy_label = QLabel()
        self.busy_label.setObjectName("busyLabel")
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("busyBar")
        self.busy_bar.setRange(0, 0)  # indeterminate
        self.busy_bar.setMaximumWidth(90)
        self.busy_bar.setTextVisible(False)
        self.card_label = QLabel()
        self.card_label.setObjectName("cardStateLabel")
        self.backend_label = QLabel()
        self.backend_label.setObjectName("backendLabel")
        self.addWidget(self.busy_bar)
        self.addWidget(self.busy_label)
        self.addPermanentWidget(self.card_label)
        self.addPermanentWidget(self.backend_label)
        self.set_busy(False)
        self.retranslate()

    def set_backend(self, info: BackendInfo | None, *, failed: bool = False) -> None:
        """Show the back end in use (None: still starting)."""
        self.backend, self.backend_failed = info, failed
        self._render_backend()

    def set_card_text(self, text: str) -> None:
        """Show the card's state, already in words."""
        self._card_text = text
        self.card_label.setText(text)
        self.card_label.setAccessibleName(text)

    def set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.busy_label.setText(self.tr("Working with the card…"))
        self.busy_bar.setAccessibleName(self.tr("Working with the card"))
        self._render_backend()

    def _render_backend(self) -> None:
        info = self.backend
        if self.backend_failed:
            text = self.tr("⚠ Card service unavailable")
            style = ERROR_STYLE
        elif info is None:
            text, style = self.tr("Starting the card service…"), ""
        elif info.is_virtual:
            text = self.tr("⚠ Virtual reader (no PC/SC service): demo card only")
            style = WARNING_STYLE
        else:
            text = self.tr("Card service: {description}").format(description=info.description)
            style = ""
        self.backend_label.setText(text)
        self.backend_label.setStyleSheet(style)
        self.backend_label.setAccessibleName(text)
        self.backend_label.setToolTip(text)
