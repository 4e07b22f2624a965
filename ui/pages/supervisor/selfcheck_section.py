"""The supervisor's desk, Self-check: run what the application can check about itself and show
each check with its verdict in words and what to do.

The checks are the core's list (`SELF_CHECKS`), the same `counter-app selfcheck` runs; they run
on the database worker when the supervisor asks (the chain walk reads every audit event), and
the register audits the run under the supervision purpose.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from counter_app.records import Register
from counter_app.workflows.selfcheck import (
    CheckResult,
    SelfCheckInputs,
    Verdict,
    run_self_checks,
)
from ui.errors import error_texts
from ui.pages.context import PageServices
from ui.pages.supervisor.section import SupervisorSection
from ui.pages.supervisor.selfcheck_texts import result_texts, verdict_text

COLOURS: Final = {Verdict.OK: "#1b5e20", Verdict.WARNING: "#8a5a00", Verdict.FAIL: "#b00020"}


class SelfCheckSection(SupervisorSection):
    """Run the self-check and show its verdicts."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("selfCheckSection")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.run_button = QPushButton()
        self.run_button.setObjectName("selfCheckRun")
        self.run_button.clicked.connect(self.run_checks)
        self.status = QLabel()
        self.status.setObjectName("selfCheckStatus")
        self.status.setWordWrap(True)
        # One row of labels per check: long findings wrap (Japanese has no spaces to wrap at,
        # which item views handle poorly).
        self.grid_box = QWidget()
        self.grid_box.setObjectName("selfCheckResults")
        self.grid = QGridLayout(self.grid_box)
        self.grid.setColumnStretch(2, 1)
        self.grid.setColumnStretch(3, 1)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.headers = [QLabel() for _ in range(4)]
        for column, label in enumerate(self.headers):
            label.setStyleSheet("font-weight: bold")
            self.grid.addWidget(label, 0, column)
        self.cells: list[list[QLabel]] = []
        scroll = QScrollArea()
        scroll.setWidget(self.grid_box)
        scroll.setWidgetResizable(True)
        scroll.setMinimumHeight(300)
        row = QHBoxLayout()
        row.addWidget(self.run_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        self.results: tuple[CheckResult, ...] = ()
        self._pending = 0
        self._generation = 0
        self.retranslate()

    def title(self) -> str:
        return self.tr("Self-chec&k")

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "What the application can check about itself: the audit trail, the key files, "
                "operators, the register's key, backups and certificates. Each check says what "
                "it found and what to do."
            )
        )
        self.run_button.setText(self.tr("Run t&he checks"))
        texts = (self.tr("Check"), self.tr("Verdict"), self.tr("Found"), self.tr("What to do"))
        for label, text in zip(self.headers, texts, strict=True):
            label.setText(text)
        if self.results:
            self._show(self.results)

    def entry_field(self) -> QWidget:
        return self.run_button

    def busy(self) -> bool:
        return self._pending > 0

    def clear(self) -> None:
        self._generation += 1
        self._pending = 0
        self.results = ()
        self._remove_rows()
        self.status.clear()

    def run_checks(self) -> None:
        """Run every check on the database worker and show the verdicts."""
        context, config = self.services.context, self.services.config
        if context is None or config is None:
            return
        operator, today = context.operator, context.today()
        generation = self._generation

        def job(register: Register) -> tuple[CheckResult, ...]:
            return run_self_checks(SelfCheckInputs(register, config, today), operator)

        def done(results: tuple[CheckResult, ...]) -> None:
            if generation == self._generation:
                self._pending -= 1
                self._show(results)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._pending -= 1
                what, todo = error_texts(exc)
                self.status.setText(f"{what} {todo}")

        self._pending += 1
        self.status.setText(self.tr("Checking…"))
        self.services.db_thread.submit(job, done, failed)

    def _remove_rows(self) -> None:
        for row in self.cells:
            for label in row:
                self.grid.removeWidget(label)
                label.deleteLater()
        self.cells = []

    def rows(self) -> list[tuple[str, str, str, str]]:
        """What the section shows: (check, verdict, found, what to do) per check."""
        return [(a.text(), b.text(), c.text(), d.text()) for a, b, c, d in self.cells]

    def _show(self, results: tuple[CheckResult, ...]) -> None:
        self.results = results
        self._remove_rows()
        for index, result in enumerate(results, start=1):
            title, said, todo = result_texts(result)
            row = [QLabel(title), QLabel(verdict_text(result.verdict)), QLabel(said), QLabel(todo)]
            row[1].setStyleSheet(f"color: {COLOURS[result.verdict]}; font-weight: bold")
            for column, label in enumerate(row):
                label.setWordWrap(column != 1)
                label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.grid.addWidget(label, index, column)
            self.cells.append(row)
        failed = sum(r.verdict is Verdict.FAIL for r in results)
        warned = sum(r.verdict is Verdict.WARNING for r in results)
        when = dt.datetime.now().strftime("%H:%M:%S")
        self.status.setText(
            self.tr("Checked at %1: %2 failed, %3 warning(s), %4 OK.")
            .replace("%1", when)
            .replace("%2", str(failed))
            .replace("%3", str(warned))
            .replace("%4", str(len(results) - failed - warned))
        )
