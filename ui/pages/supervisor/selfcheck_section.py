"""The supervisor's desk, Self-check: run what the application can check about itself and show
each check with its verdict in words and what to do.

The checks are the core's list (`SELF_CHECKS`), the same `counter-app selfcheck` runs; they run
on the database worker when the supervisor asks (the chain walk reads every audit event), and
the register audits the run under the supervision purpose.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
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
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("selfCheckResults")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column, mode in enumerate(
            (
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.Stretch,
            )
        ):
            header.setSectionResizeMode(column, mode)
        self.table.setMinimumHeight(300)
        row = QHBoxLayout()
        row.addWidget(self.run_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self.results: tuple[CheckResult, ...] = ()
        self._pending = 0
        self._generation = 0
        self.retranslate()

    def title(self) -> str:
        return self.tr("Sel&f-check")

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "What the application can check about itself: the audit trail, the key files, "
                "operators, the register's key, backups and certificates. Each check says what "
                "it found and what to do."
            )
        )
        self.run_button.setText(self.tr("Run t&he checks"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Check"), self.tr("Verdict"), self.tr("Found"), self.tr("What to do")]
        )
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
        self.table.setRowCount(0)
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

    def _show(self, results: tuple[CheckResult, ...]) -> None:
        self.results = results
        self.table.setRowCount(len(results))
        for index, result in enumerate(results):
            title, said, todo = result_texts(result)
            verdict = QTableWidgetItem(verdict_text(result.verdict))
            verdict.setForeground(QBrush(QColor(COLOURS[result.verdict])))
            for column, item in enumerate(
                (QTableWidgetItem(title), verdict, QTableWidgetItem(said), QTableWidgetItem(todo))
            ):
                self.table.setItem(index, column, item)
        self.table.resizeRowsToContents()
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
        if results:
            self.table.setFocus()
            self.table.selectRow(0)
