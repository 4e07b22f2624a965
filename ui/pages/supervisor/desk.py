"""The supervisor's desk page: its sections on tabs (Ctrl+PageDown / Ctrl+PageUp, or the
mnemonic of a tab's title), under the supervision purpose.

The page is a TaskPage for the window's sake (shortcut, focus, logout), without the resident
search or the action button: each section has its own fields and buttons.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QWidget

from counter_app.records import PurposeCode
from ui.pages.context import PageServices
from ui.pages.parts import TaskPage
from ui.pages.supervisor.audit_section import AuditSection
from ui.pages.supervisor.operators_section import OperatorsSection
from ui.pages.supervisor.purposes_section import PurposesSection
from ui.pages.supervisor.section import SupervisorSection
from ui.pages.supervisor.selfcheck_section import SelfCheckSection
from ui.pages.supervisor.statistics_section import StatisticsSection

SectionClass = Callable[[PageServices], SupervisorSection]

# The sections in their order on the desk; each module adds its class here.
SECTIONS: list[SectionClass] = [
    OperatorsSection,
    PurposesSection,
    AuditSection,
    SelfCheckSection,
    StatisticsSection,
]


class SupervisorPage(TaskPage):
    """The supervisor's desk: operators, purposes, audit, self-check, statistics."""

    search_purpose = PurposeCode.SUPERVISION

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, "supervisorPage", parent)
        self.sections.remove(self.resident_box)  # no resident at this desk
        self.resident_box.setParent(self)
        self.resident_box.hide()
        self.action_button.hide()
        self.shortcut.setEnabled(False)
        self.keypad_shortcut.setEnabled(False)
        self.desk = QTabWidget()
        self.desk.setObjectName("supervisorSections")
        self.parts: list[SupervisorSection] = [make(services) for make in SECTIONS]
        for part in self.parts:
            self.desk.addTab(part, "")
        self.desk.currentChanged.connect(self._section_shown)
        self.lay_out(self.desk)

    def retranslate_task(self) -> None:
        """The sections' titles (each section retranslates itself)."""
        for index, part in enumerate(getattr(self, "parts", ())):
            self.desk.setTabText(index, part.title())

    def current(self) -> SupervisorSection | None:
        """The section in front."""
        part = self.desk.currentWidget()
        return part if isinstance(part, SupervisorSection) else None

    def entry_field(self) -> QWidget:
        """The keyboard starts in the section in front."""
        part = self.current()
        return part.entry_field() if part is not None else self.desk

    def _section_shown(self, _index: int) -> None:
        part = self.current()
        if part is not None and self.services.context is not None:
            part.activated()
            part.entry_field().setFocus()

    def set_session_ready(self) -> None:
        """The supervisor's context arrived: the section in front loads its data."""
        super().set_session_ready()
        part = self.current()
        if part is not None:
            part.activated()

    def busy(self) -> bool:
        """True while a section waits for the register."""
        return super().busy() or any(part.busy() for part in self.parts)

    def clear_resident(self) -> None:
        """Logout or idle time-out: every section forgets what it shows."""
        for part in self.parts:
            part.clear()
        super().clear_resident()

    def reset_task(self) -> None:
        """Nothing of the task's own to empty."""
