"""The supervisor's desk, Audit: search the audit trail, verify its chain, export a period as CSV
and as a signed PDF summary for an external auditor.

Every search and export runs on the database worker and is audited by the register under the
supervision purpose. Results come a page at a time (newest first); "Next page" reads older ones.
Exports are written to the printouts folder and the section names the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Final

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.records import AuditFilter, AuditPage, ChainReport, Outcome, Register
from counter_app.workflows.audit_review import audit_summary_pdf, search_audit, write_audit_csv
from ui.errors import error_texts
from ui.pages.context import PageServices
from ui.pages.supervisor.section import SupervisorSection

PAGE_SIZE: Final = 100
COLUMNS: Final = 7


def _local_time(occurred_at: str) -> str:
    moment = dt.datetime.strptime(occurred_at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


class AuditSection(SupervisorSection):
    """Search, verify and export the audit trail."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("auditSection")
        today = QDate.currentDate()
        self.first_day = QDateEdit(today.addDays(-7))
        self.last_day = QDateEdit(today)
        for day in (self.first_day, self.last_day):
            day.setCalendarPopup(True)
            day.setDisplayFormat("yyyy-MM-dd")
        self.operator_field = QLineEdit()
        self.operator_field.setObjectName("auditOperator")
        self.purpose_field = QLineEdit()
        self.resident_field = QLineEdit()
        self.action_field = QLineEdit()
        self.outcome_box = QComboBox()
        self.outcome_box.setObjectName("auditOutcome")
        self.labels = [QLabel() for _ in range(7)]
        form = QFormLayout()
        fields = (
            self.first_day,
            self.last_day,
            self.operator_field,
            self.purpose_field,
            self.resident_field,
            self.action_field,
            self.outcome_box,
        )
        for label, field in zip(self.labels, fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        for line in (self.operator_field, self.purpose_field, self.resident_field):
            line.returnPressed.connect(self.search)
        self.action_field.returnPressed.connect(self.search)
        self.search_button = QPushButton()
        self.search_button.clicked.connect(self.search)
        self.more_button = QPushButton()
        self.more_button.clicked.connect(self.more)
        self.more_button.setEnabled(False)
        self.verify_button = QPushButton()
        self.verify_button.clicked.connect(self.verify)
        self.csv_button = QPushButton()
        self.csv_button.clicked.connect(self.export_csv)
        self.pdf_button = QPushButton()
        self.pdf_button.clicked.connect(self.export_pdf)
        buttons = QHBoxLayout()
        for button in (
            self.search_button,
            self.more_button,
            self.verify_button,
            self.csv_button,
            self.pdf_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.status = QLabel()
        self.status.setObjectName("auditStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, COLUMNS)
        self.table.setObjectName("auditResults")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(240)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self._pending = 0
        self._generation = 0
        self._filter: AuditFilter | None = None
        self._next: AuditPage | None = None
        self.retranslate()

    # -- texts ----------------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("&Audit")

    def retranslate(self) -> None:
        texts = (
            self.tr("Period &begins"),
            self.tr("Period ends"),
            self.tr("Ope&rator login"),
            self.tr("Purpose code"),
            self.tr("Resident number"),
            self.tr("Action"),
            self.tr("Outco&me"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.operator_field.setPlaceholderText(self.tr("every operator"))
        self.purpose_field.setPlaceholderText(self.tr("every purpose, e.g. identity-check"))
        self.resident_field.setPlaceholderText(self.tr("every resident"))
        self.action_field.setPlaceholderText(self.tr("every action, e.g. operator.login"))
        current = self.outcome_box.currentIndex()
        self.outcome_box.clear()
        self.outcome_box.addItem(self.tr("every outcome"), None)
        for outcome in Outcome:
            self.outcome_box.addItem(self.outcome_text(outcome), outcome.value)
        self.outcome_box.setCurrentIndex(max(current, 0))
        self.search_button.setText(self.tr("Searc&h"))
        self.more_button.setText(self.tr("Ne&xt page"))
        self.verify_button.setText(self.tr("Verify the chain &of events"))
        self.csv_button.setText(self.tr("&Export CSV"))
        self.pdf_button.setText(self.tr("Signed PDF summar&y"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Operator"),
                self.tr("Action"),
                self.tr("Outcome"),
                self.tr("Purpose"),
                self.tr("Resident"),
                self.tr("Detail"),
            ]
        )

    @staticmethod
    def outcome_text(outcome: Outcome) -> str:
        """The outcome in words."""
        return {
            Outcome.OK: QCoreApplication.translate("AuditSection", "done"),
            Outcome.ALLOWED: QCoreApplication.translate("AuditSection", "allowed"),
            Outcome.REFUSED: QCoreApplication.translate("AuditSection", "refused"),
            Outcome.FAILED: QCoreApplication.translate("AuditSection", "failed"),
        }[outcome]

    # -- the section's contract -----------------------------------------------------------------

    def entry_field(self) -> QWidget:
        return self.operator_field

    def busy(self) -> bool:
        return self._pending > 0

    def activated(self) -> None:
        """In front with nothing shown yet: the newest events, as an empty search finds them."""
        if self.table.rowCount() == 0 and not self.busy():
            self.search()

    def clear(self) -> None:
        self._generation += 1  # answers to earlier requests are dropped
        self._pending = 0
        for line in (
            self.operator_field,
            self.purpose_field,
            self.resident_field,
            self.action_field,
        ):
            line.clear()
        self.outcome_box.setCurrentIndex(0)
        self.table.setRowCount(0)
        self.status.clear()
        self._filter = None
        self._next = None
        self.more_button.setEnabled(False)

    # -- the work -------------------------------------------------------------------------------

    def _submit(self, job: Callable[[Register], object], done: Callable[[object], None]) -> None:
        context = self.services.context
        if context is None:
            return
        generation = self._generation
        self._pending += 1

        def on_done(result: object) -> None:
            if generation != self._generation:
                return
            self._pending -= 1
            done(result)

        def on_failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self._pending -= 1
            what, todo = error_texts(exc)
            self.status.setText(f"{what} {todo}")

        self.status.setText(self.tr("Working…"))
        self.services.db_thread.submit(job, on_done, on_failed)

    def _conditions(self) -> AuditFilter | None:
        """The filter from the fields; None (and a message) when a field is not valid."""
        first = self.first_day.date().toPython()
        last = self.last_day.date().toPython()
        resident = self.resident_field.text().strip()
        if resident and not resident.isdigit():
            self.status.setText(self.tr("The resident number is digits only."))
            self.resident_field.setFocus()
            return None
        if isinstance(first, dt.date) and isinstance(last, dt.date) and last < first:
            self.status.setText(self.tr("The last day is before the first day."))
            self.last_day.setFocus()
            return None
        outcome = self.outcome_box.currentData()
        return AuditFilter.for_days(
            first if isinstance(first, dt.date) else None,
            last if isinstance(last, dt.date) else None,
            purpose_code=self.purpose_field.text().strip() or None,
            resident_id=int(resident) if resident else None,
            action=self.action_field.text().strip() or None,
            outcome=Outcome(outcome) if isinstance(outcome, str) else None,
        )

    def _with_operator(
        self, register: Register, conditions: AuditFilter, login: str
    ) -> AuditFilter:
        if not login:
            return conditions
        return replace(conditions, operator_id=register.operators.id_of(login))

    def search(self) -> None:
        """Search with the conditions in the fields: the first page."""
        conditions = self._conditions()
        context = self.services.context
        if conditions is None or context is None:
            return
        login = self.operator_field.text().strip()
        operator = context.operator

        def job(register: Register) -> tuple[AuditFilter, AuditPage]:
            f = self._with_operator(register, conditions, login)
            return f, search_audit(register, operator, f, limit=PAGE_SIZE)

        def done(result: object) -> None:
            assert isinstance(result, tuple)
            f, page = result
            self._filter = f
            self.table.setRowCount(0)
            self._show(page)

        self._submit(job, done)

    def more(self) -> None:
        """The next (older) page of the last search."""
        context = self.services.context
        last = self._next
        if context is None or self._filter is None or last is None or last.next is None:
            return
        f, after, operator = self._filter, last.next, context.operator

        def job(register: Register) -> AuditPage:
            return search_audit(register, operator, f, limit=PAGE_SIZE, after=after)

        self._submit(job, lambda page: self._show(page) if isinstance(page, AuditPage) else None)

    def _show(self, page: AuditPage) -> None:
        self._next = page
        start = self.table.rowCount()
        self.table.setRowCount(start + len(page.events))
        for offset, event in enumerate(page.events):
            who = "-"
            if event.operator_id is not None:
                who = page.logins.get(event.operator_id, str(event.operator_id))
            detail = ", ".join(f"{k}={v}" for k, v in sorted(event.detail.items()))
            cells = (
                _local_time(event.occurred_at),
                who,
                event.action,
                self.outcome_text(event.outcome),
                event.purpose_code or "-",
                "" if event.resident_id is None else str(event.resident_id),
                detail,
            )
            for column, text in enumerate(cells):
                self.table.setItem(start + offset, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        rows = self.table.rowCount()
        more = page.next is not None
        self.more_button.setEnabled(more)
        if more:
            self.status.setText(
                self.tr("%1 event(s) shown; more match (Next page).").replace("%1", str(rows))
            )
        else:
            self.status.setText(self.tr("%1 event(s) found.").replace("%1", str(rows)))
        if rows:
            self.table.setFocus()
            self.table.selectRow(start if start < rows else 0)

    def verify(self) -> None:
        """Walk the chain and say whether it is intact."""

        def done(report: object) -> None:
            assert isinstance(report, ChainReport)
            if report.intact:
                text = self.tr("The audit trail is intact: %1 event(s) verified.").replace(
                    "%1", str(report.events)
                )
            else:
                text = self.tr("The audit trail is BROKEN: %1").replace("%1", report.reason)
            self.status.setText(text)

        ctx = self.services.context
        if ctx is None:
            return
        session = ctx.operator
        self._submit(lambda register: register.audit_search.verify(session), done)

    def _export_path(self, suffix: str) -> Path:
        first = self.first_day.date().toString("yyyyMMdd")
        last = self.last_day.date().toString("yyyyMMdd")
        stamp = dt.datetime.now().strftime("%H%M%S")
        return self.services.printout_dir / f"audit-{first}-{last}-{stamp}.{suffix}"

    def export_csv(self) -> None:
        """Write every event of the conditions as CSV into the printouts folder."""
        conditions = self._conditions()
        context = self.services.context
        if conditions is None or context is None:
            return
        login, operator = self.operator_field.text().strip(), context.operator
        path = self._export_path("csv")

        def job(register: Register) -> int:
            f = self._with_operator(register, conditions, login)
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="") as out:
                return write_audit_csv(register, operator, f, out)

        def done(count: object) -> None:
            text = self.tr("%1 event(s) written to %2").replace("%1", str(count))
            self.status.setText(text.replace("%2", str(path)))

        self._submit(job, done)

    def export_pdf(self) -> None:
        """Write the signed summary of the conditions as PDF into the printouts folder."""
        conditions = self._conditions()
        context = self.services.context
        if conditions is None or context is None:
            return
        login, operator = self.operator_field.text().strip(), context.operator
        signer, today = context.seal_signer, context.today()
        path = self._export_path("pdf")

        def job(register: Register) -> bool:
            f = self._with_operator(register, conditions, login)
            summary, pdf = audit_summary_pdf(register, operator, f, signer, today)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pdf)
            return summary.chain_intact

        def done(intact: object) -> None:
            text = (
                self.tr("Signed summary written to %1 (the chain is intact).")
                if intact
                else self.tr("Signed summary written to %1 (the chain is BROKEN).")
            )
            self.status.setText(text.replace("%1", str(path)))

        self._submit(job, done)
