"""The supervisor's desk, Audit and Self-check, by keyboard in the real window: search the trail
by operator and outcome, export it as CSV, and see the self-check fail on a world-readable key
file and pass once it is fixed. Logout forgets what the sections showed."""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.records import Role
from counter_app.workflows.selfcheck import SELF_CHECKS
from tests.support.counter_window import go_to, log_in, press
from ui.main_window import MainWindow
from ui.pages.supervisor.audit_section import AuditSection
from ui.pages.supervisor.desk import SupervisorPage
from ui.pages.supervisor.selfcheck_section import SelfCheckSection

T = TypeVar("T")


def alt(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, key, Qt.KeyboardModifier.AltModifier)


def _supervisor_desk(qtbot: QtBot, window: MainWindow) -> SupervisorPage:
    """Log the clerk out, fail one clerk login, and open the desk as the training supervisor."""
    clerk = window.training.operator(Role.ISSUING_CLERK) if window.training else None
    assert clerk is not None
    press(qtbot, window, Qt.Key.Key_L)  # log out
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=5000)
    login = window.login_page
    for field in (login.login_field, login.password_field):  # replace what is there
        qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(login.login_field, clerk.login)
    qtbot.keyClick(login.login_field, Qt.Key.Key_Return)
    qtbot.keyClicks(login.password_field, "not the password")
    qtbot.keyClick(login.password_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: login.error.isVisible(), timeout=20000)
    log_in(qtbot, window, Role.SUPERVISOR)
    qtbot.waitUntil(lambda: "supervisor" in window.pages, timeout=10000)
    page = go_to(qtbot, window, "supervisor")
    assert isinstance(page, SupervisorPage)
    return page


def _section(page: SupervisorPage, kind: type[T]) -> T:
    return next(part for part in page.parts if isinstance(part, kind))


def test_search_by_operator_and_outcome_then_export_csv(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    clerk = window.training.operator(Role.ISSUING_CLERK) if window.training else None
    assert clerk is not None
    page = _supervisor_desk(qtbot, window)
    audit = _section(page, AuditSection)
    alt(qtbot, window, Qt.Key.Key_A)  # the Audit tab
    qtbot.waitUntil(lambda: page.current() is audit, timeout=5000)
    alt(qtbot, window, Qt.Key.Key_R)  # Operator login
    qtbot.waitUntil(lambda: audit.operator_field.hasFocus(), timeout=5000)
    qtbot.keyClicks(audit.operator_field, clerk.login)
    alt(qtbot, window, Qt.Key.Key_M)  # Outcome
    assert audit.outcome_box.hasFocus()
    qtbot.keyClicks(audit.outcome_box, "r")  # "refused"
    assert audit.outcome_box.currentText() == "refused"
    # the tab showed the newest events on its own; the search replaces them
    qtbot.waitUntil(lambda: audit.table.rowCount() > 0, timeout=20000)

    def shown() -> list[list[str]]:
        return [
            [audit.table.item(r, c).text() for c in range(audit.table.columnCount())]
            for r in range(audit.table.rowCount())
        ]

    alt(qtbot, window, Qt.Key.Key_H)  # Search
    qtbot.waitUntil(lambda: bool(shown()) and shown()[0][1] == clerk.login, timeout=20000)
    rows = shown()
    assert rows, audit.status.text()
    assert {(row[1], row[2], row[3]) for row in rows} == {
        (clerk.login, "operator.login", "refused")
    }
    assert "wrong secret" in rows[0][6]

    alt(qtbot, window, Qt.Key.Key_E)  # Export CSV
    qtbot.waitUntil(lambda: "written to" in audit.status.text(), timeout=20000)
    exported = sorted((tmp_path / "printouts").glob("audit-*.csv"))
    assert len(exported) == 1 and str(exported[0]) in audit.status.text()
    with exported[0].open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    assert len(records) == len(rows)
    assert {(r["operator"], r["outcome"]) for r in records} == {(clerk.login, "refused")}

    press(qtbot, window, Qt.Key.Key_L)  # log out: the section forgets the trail
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=5000)
    assert audit.table.rowCount() == 0
    assert audit.operator_field.text() == "" and audit.status.text() == ""


def test_selfcheck_fails_on_a_world_readable_key_file_and_passes_once_fixed(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    page = _supervisor_desk(qtbot, window)
    checks = _section(page, SelfCheckSection)
    key = tmp_path / "home" / "keys" / "record-code.key"
    assert key.is_file()
    os.chmod(key, 0o644)
    alt(qtbot, window, Qt.Key.Key_K)  # the Self-check tab
    qtbot.waitUntil(lambda: page.current() is checks, timeout=5000)

    def verdict_of(title: str) -> tuple[str, str]:
        row = next((r for r in checks.rows() if r[0] == title), None)
        assert row is not None, f"no check {title!r}"
        return row[1], row[2]

    alt(qtbot, window, Qt.Key.Key_H)  # Run the checks
    qtbot.waitUntil(lambda: "Checked at" in checks.status.text(), timeout=30000)
    verdict, found = verdict_of("Key files readable by their owner only")
    assert verdict == "Fail" and "keys/record-code.key" in found
    assert verdict_of("Audit trail chain intact")[0] == "OK"
    assert verdict_of("Backups configured") == ("Warning", "Backups are not configured.")
    assert all(row[1] in ("OK", "Warning", "Fail") for row in checks.rows())
    assert len(checks.rows()) == len(SELF_CHECKS)
    assert "1 failed" in checks.status.text()

    os.chmod(key, 0o600)
    checks.status.clear()
    alt(qtbot, window, Qt.Key.Key_H)
    qtbot.waitUntil(lambda: "Checked at" in checks.status.text(), timeout=30000)
    assert verdict_of("Key files readable by their owner only")[0] == "OK"
    assert "0 failed" in checks.status.text()

    press(qtbot, window, Qt.Key.Key_L)  # log out: the verdicts leave the screen
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=5000)
    assert checks.rows() == [] and checks.status.text() == ""
