"""The supervisor's purposes on the desk, by keyboard: the list, the 県営住宅 task added, retired.

The training supervisor logs in on the real window, opens the desk (Ctrl+Shift+S), reads the
standard purposes, adds the prefectural housing arrears task (tenant and guarantor only) after a
wrong code is refused in words, and retires it from a date.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from counter_app.records import PurposeCode, Role
from tests.support.counter_window import go_to, log_in, press
from ui.main_window import MainWindow
from ui.pages.supervisor.desk import SupervisorPage
from ui.pages.supervisor.purposes_section import PurposesSection

ALT = Qt.KeyboardModifier.AltModifier
JST = dt.timezone(dt.timedelta(hours=9))


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_text(qtbot: QtBot, text: str) -> None:
    """Type `text` where the keyboard is; Japanese arrives as an input method commits it."""
    if text.isascii():
        qtbot.keyClicks(focus(), text)
        return
    commit = QInputMethodEvent()
    commit.setCommitString(text)
    QApplication.sendEvent(focus(), commit)


def type_and_tab(qtbot: QtBot, text: str) -> None:
    type_text(qtbot, text)
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)


def tick_and_tab(qtbot: QtBot, tick: bool) -> None:
    if tick:
        qtbot.keyClick(focus(), Qt.Key.Key_Space)
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)


def cells(section: PurposesSection, code: str) -> list[str]:
    table = section.table
    for row in range(table.rowCount()):
        item = table.item(row, 0)
        if item is not None and item.text() == code:
            return [
                cell.text() if (cell := table.item(row, c)) else ""
                for c in range(table.columnCount())
            ]
    raise AssertionError(f"{code} is not in the list")


def open_purposes(qtbot: QtBot, window: MainWindow) -> PurposesSection:
    press(qtbot, window, Qt.Key.Key_L)  # the issuing clerk logs out
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=10000)
    log_in(qtbot, window, Role.SUPERVISOR)
    page = go_to(qtbot, window, "supervisor")
    assert isinstance(page, SupervisorPage)
    (section,) = [p for p in page.parts if isinstance(p, PurposesSection)]
    page.desk.setCurrentWidget(section)
    return section


def test_the_supervisor_lists_adds_and_retires_a_purpose_by_keyboard(
    qtbot: QtBot, window: MainWindow
) -> None:
    section = open_purposes(qtbot, window)
    qtbot.waitUntil(lambda: section.table.rowCount() == len(PurposeCode), timeout=10000)
    qtbot.waitUntil(lambda: focus() is section.table, timeout=5000)
    assert cells(section, "rent-arrears")[1:4] == [
        "市営住宅使用料の滞納整理",
        "市営住宅条例（家賃の徴収及び滞納整理）",
        "2003-08-25",
    ]
    assert cells(section, "rent-arrears")[6] == "Tenant, Guarantor"

    # The form from its code field (Alt+E): a code with capitals and a space is refused.
    qtbot.keyClick(focus(), Qt.Key.Key_E, ALT)
    assert focus() is section.code_field
    for text in ("Pref Housing", "県営住宅使用料の滞納整理", "県営住宅条例", "第37条"):
        type_and_tab(qtbot, text)
    type_and_tab(qtbot, "2026-04-01")
    type_and_tab(qtbot, "2026-02-10")
    for tick in (False, True, True, False):  # applicant, tenant, guarantor, household member
        tick_and_tab(qtbot, tick)
    for tick in (False, True, False, False, True):  # verifying clerk and supervisor
        tick_and_tab(qtbot, tick)
    assert focus() is section.add_button
    qtbot.keyClick(focus(), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "lower-case letters" in section.status.text(), timeout=10000)
    assert focus() is section.code_field  # the keyboard is at the field at fault
    assert section.table.rowCount() == len(PurposeCode)

    qtbot.keyClick(focus(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focus(), "pref-housing-arrears")
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Added: pref-housing-arrears" in section.status.text(), timeout=10000)
    assert section.table.rowCount() == len(PurposeCode) + 1
    assert cells(section, "pref-housing-arrears") == [
        "pref-housing-arrears",
        "県営住宅使用料の滞納整理",
        "県営住宅条例第37条",
        "2026-04-01",
        "2026-02-10",
        "",
        "Tenant, Guarantor",
        "Verifying clerk, Supervisor",
    ]
    assert section.code_field.text() == "" and focus() is section.table
    assert section.purposes[section.table.currentRow()].code == "pref-housing-arrears"

    # Retire the chosen purpose from a date (Alt+H), with Enter.
    retire_from = (dt.datetime.now(JST).date() + dt.timedelta(days=30)).isoformat()
    qtbot.keyClick(focus(), Qt.Key.Key_H, ALT)
    assert focus() is section.retire_field
    qtbot.keyClicks(focus(), retire_from)
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Retired: pref-housing-arrears" in section.status.text(), timeout=10000)
    assert f"refused from {retire_from}" in section.status.text()
    assert cells(section, "pref-housing-arrears")[5] == retire_from

    # Logout: nothing of the list or the message stays.
    press(qtbot, window, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=10000)
    assert section.table.rowCount() == 0 and not section.status.text()
