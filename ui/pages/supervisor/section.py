"""What every section of the supervisor's desk is: a widget with a title, an entry field, a
refresh when it comes to the front, and a clear on logout.

A section does its register work on the database worker (`services.db_thread`), never on the
GUI thread, and forgets everything it shows in `clear()`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.pages.context import PageServices
from ui.retranslating import Retranslating


class SupervisorSection(Retranslating, QWidget):
    """One section of the supervisor's desk."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services

    def title(self) -> str:
        """The section's tab title in the current language, with its Alt mnemonic (&)."""
        raise NotImplementedError

    def retranslate(self) -> None:
        """Set every text in the current language."""

    def entry_field(self) -> QWidget:
        """Where the keyboard starts in this section."""
        return self

    def activated(self) -> None:
        """The section came to the front, or the operator's session is ready: load its data."""

    def clear(self) -> None:
        """Logout or idle time-out: forget everything the section shows."""

    def busy(self) -> bool:
        """True while the section waits for the register (logout waits too)."""
        return False
