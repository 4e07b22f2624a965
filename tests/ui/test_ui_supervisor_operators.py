"""The supervisor's desk, operators, driven with the keyboard in the real window on the
training register: register an operator who then sets their own password, unlock after five
wrong passwords, reset a password, end a duty, and the last supervisor kept."""

from __future__ import annotations

import json
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.card_service.training_cards import demo_card_path, training_sidecar
from counter_app.records import Role
from tests.support.counter_window import go_to, log_in
from ui import i18n
from ui.main_window import MainWindow
from ui.pages.supervisor.desk import SupervisorPage
from ui.pages.supervisor.operators_section import OperatorsSection

ALT = Qt.KeyboardModifier.AltModifier
OWN = "my-own-password"


def _log_out(qtbot: QtBot, window: MainWindow) -> None:
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=10000)


def _desk(qtbot: QtBot, window: MainWindow) -> OperatorsSection:
    _log_out(qtbot, window)
    log_in(qtbot, window, Role.SUPERVISOR)
    page = go_to(qtbot, window, "supervisor")
    assert isinstance(page, SupervisorPage)
    section = page.current()
    assert isinstance(section, OperatorsSection)
    qtbot.waitUntil(lambda: section.table.rowCount() > 0 and not section.busy(), timeout=10000)
    qtbot.waitUntil(lambda: section.table.hasFocus(), timeout=5000)
    return section


def _alt(qtbot: QtBot, key: Qt.Key) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, ALT)


def _wait(qtbot: QtBot, section: OperatorsSection) -> None:
    """Until the section said how the action went (a button's mnemonic clicks a moment later)."""
    qtbot.waitUntil(
        lambda: not section.busy() and bool(section.result.text() or section.error.text()),
        timeout=20000,
    )


def _end_duty(qtbot: QtBot, section: OperatorsSection) -> None:
    """Alt+M, Enter: off duty from today."""
    _alt(qtbot, Qt.Key.Key_M)
    assert section.end_day.hasFocus()
    qtbot.keyClick(section.end_day, Qt.Key.Key_Return)
    _wait(qtbot, section)


def _choose(qtbot: QtBot, section: OperatorsSection, login: str) -> None:
    """Arrow keys in the list until `login` is chosen."""
    section.table.setFocus()
    qtbot.keyClick(section.table, Qt.Key.Key_Home)
    for _ in range(section.table.rowCount()):
        chosen = section.chosen()
        if chosen is not None and chosen.login == login:
            return
        qtbot.keyClick(section.table, Qt.Key.Key_Down)
    raise AssertionError(f"{login} is not in the list")


def _type_login(qtbot: QtBot, window: MainWindow, login: str, password: str) -> None:
    page = window.login_page
    for field in (page.login_field, page.password_field):
        qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.login_field, login)
    qtbot.keyClick(page.login_field, Qt.Key.Key_Return)
    qtbot.keyClicks(page.password_field, password)
    qtbot.keyClick(page.password_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.checking, timeout=20000)


def _choose_own_password(qtbot: QtBot, window: MainWindow) -> None:
    page = window.login_page
    assert page.choosing_password() and page.new_field.hasFocus()
    assert "only once" in page.notice.text()
    qtbot.keyClicks(page.new_field, OWN)
    qtbot.keyClick(page.new_field, Qt.Key.Key_Return)
    qtbot.keyClicks(page.again_field, OWN + "x")  # a slip: not the same
    qtbot.keyClick(page.again_field, Qt.Key.Key_Return)
    assert "not the same" in page.error.text() and page.new_field.hasFocus()
    qtbot.keyClicks(page.new_field, OWN)
    qtbot.keyClick(page.new_field, Qt.Key.Key_Return)
    qtbot.keyClicks(page.again_field, OWN)
    qtbot.keyClick(page.again_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 1, timeout=20000)


def _one_time(section: OperatorsSection) -> str:
    match = re.search(r"One-time password for \S+: (\S+)", section.result.text())
    assert match, section.result.text()
    return match.group(1)


def test_a_registered_operator_chooses_a_password_and_is_unlocked_after_five_wrong_ones(
    qtbot: QtBot, window: MainWindow
) -> None:
    section = _desk(qtbot, window)
    assert "On duty today:" in section.on_duty.text()
    _alt(qtbot, Qt.Key.Key_Y)
    assert section.name_field.hasFocus()
    section.name_field.insert("窓口 新人")  # what the input method commits
    _alt(qtbot, Qt.Key.Key_I)
    qtbot.keyClicks(section.login_field, "new-clerk")
    qtbot.keyClick(section.login_field, Qt.Key.Key_Tab)  # the first role: the issuing clerk
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert section.role_boxes[Role.ISSUING_CLERK].isChecked()
    _alt(qtbot, Qt.Key.Key_J)
    qtbot.keyClicks(section.to_field, "2099-03-31")
    qtbot.keyClick(section.to_field, Qt.Key.Key_Return)
    _wait(qtbot, section)
    one_time = _one_time(section)
    assert section.result.hasFocus() and not section.name_field.text()
    _choose(qtbot, section, "new-clerk")
    row = section.table.currentRow()
    assert "2099-03-31" in section.table.item(row, 3).text()
    assert "next login" in section.table.item(row, 4).text()
    assert section.table.item(row, 5).text() == "never"

    _log_out(qtbot, window)
    assert one_time not in window.login_page.error.text()
    _type_login(qtbot, window, "new-clerk", one_time)
    _choose_own_password(qtbot, window)
    assert window.session is not None and window.session.login == "new-clerk"

    _log_out(qtbot, window)
    for _ in range(5):
        _type_login(qtbot, window, "new-clerk", "wrong password")
    assert "locked" in window.login_page.error.text()
    _type_login(qtbot, window, "new-clerk", OWN)
    assert window.stack.currentIndex() == 0 and "locked" in window.login_page.error.text()

    section = _desk(qtbot, window)
    _choose(qtbot, section, "new-clerk")
    assert "LOCKED" in section.table.item(section.table.currentRow(), 4).text()
    _alt(qtbot, Qt.Key.Key_F)
    _wait(qtbot, section)
    assert "unlocked" in section.result.text()
    assert "LOCKED" not in section.table.item(section.table.currentRow(), 4).text()
    _log_out(qtbot, window)
    _type_login(qtbot, window, "new-clerk", OWN)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 1, timeout=20000)


def test_reset_password_end_duty_and_the_last_supervisor(qtbot: QtBot, window: MainWindow) -> None:
    clerk = window.training.operator(Role.ISSUING_CLERK) if window.training else None
    supervisor = window.training.operator(Role.SUPERVISOR) if window.training else None
    assert clerk is not None and supervisor is not None
    section = _desk(qtbot, window)
    _choose(qtbot, section, clerk.login)
    _alt(qtbot, Qt.Key.Key_E)
    _wait(qtbot, section)
    one_time = _one_time(section)

    _log_out(qtbot, window)
    assert one_time not in section.result.text()  # the logout forgot it
    _type_login(qtbot, window, clerk.login, clerk.password)
    assert window.stack.currentIndex() == 0  # the old password stopped working
    _type_login(qtbot, window, clerk.login, one_time)
    _choose_own_password(qtbot, window)

    section = _desk(qtbot, window)
    _choose(qtbot, section, clerk.login)
    _end_duty(qtbot, section)
    assert "off duty" in section.result.text()
    assert "Off duty" in section.table.item(section.table.currentRow(), 4).text()

    _choose(qtbot, section, supervisor.login)
    _end_duty(qtbot, section)
    assert "last supervisor" in section.error.text() and section.error.isVisible()
    assert "On duty" in section.table.item(section.table.currentRow(), 4).text()

    _log_out(qtbot, window)
    _type_login(qtbot, window, clerk.login, OWN)
    assert window.stack.currentIndex() == 0
    assert "not registered for duty" in window.login_page.error.text()


def test_refusals_are_in_japanese_words(qtbot: QtBot, window: MainWindow) -> None:
    supervisor = window.training.operator(Role.SUPERVISOR) if window.training else None
    assert supervisor is not None
    section = _desk(qtbot, window)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert i18n.Translations(app).set_language("ja")  # the window fixture switches back
    assert section.title() == "操作者(&P)"
    _choose(qtbot, section, supervisor.login)
    _end_duty(qtbot, section)
    assert "従事中の監督者はこの一人だけ" in section.error.text()
    assert "別の監督者を登録" in section.error.text()
    assert "従事中" in section.table.item(section.table.currentRow(), 4).text()
    _alt(qtbot, Qt.Key.Key_H)
    qtbot.keyClicks(section.from_field, "2026-13-45")
    qtbot.keyClick(section.from_field, Qt.Key.Key_Return)
    assert "YYYY-MM-DD" in section.error.text() and section.from_field.hasFocus()


def test_an_operator_card_is_bound_with_its_pin_and_logs_in(
    qtbot: QtBot, window: MainWindow
) -> None:
    demo = training_sidecar(demo_card_path(window.config))  # the card in the training reader
    pin = str(json.loads(demo.read_text(encoding="utf-8"))["pin"])
    wrong = f"{(int(pin) + 1) % 10000:04d}"
    supervisor = window.training.operator(Role.SUPERVISOR) if window.training else None
    assert supervisor is not None
    section = _desk(qtbot, window)
    _choose(qtbot, section, supervisor.login)
    _alt(qtbot, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: section.pin_dialog is not None, timeout=5000)
    assert section.pin_dialog is not None
    qtbot.keyClicks(section.pin_dialog.field, pin)
    qtbot.keyClick(section.pin_dialog.field, Qt.Key.Key_Return)
    _wait(qtbot, section)
    assert "operator card" in section.result.text(), section.error.text()
    assert "operator card" in section.table.item(section.table.currentRow(), 4).text()

    _log_out(qtbot, window)
    login = window.login_page
    for typed in (wrong, pin):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_O, ALT)
        qtbot.waitUntil(lambda: login.pin_dialog is not None, timeout=5000)
        assert login.pin_dialog is not None
        qtbot.keyClicks(login.pin_dialog.field, typed)
        qtbot.keyClick(login.pin_dialog.field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not login.checking and login.pin_dialog is None, timeout=20000)
        if typed == wrong:
            assert window.stack.currentIndex() == 0 and login.error.isVisible()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 1, timeout=20000)
    assert window.session is not None and window.session.method == "card"
    assert window.session.login == supervisor.login
