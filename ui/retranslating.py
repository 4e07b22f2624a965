"""The one place a widget hears that the interface language changed: it retranslates itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    _Base = QWidget
else:
    _Base = object  # a plain mixin at run time; mypy sees the QWidget it is mixed into


class Retranslating(_Base):
    """Mix in before the Qt widget class: calls `self.retranslate()` on QEvent.LanguageChange."""

    def retranslate(self) -> None:
        """Set every text in the current language."""
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
