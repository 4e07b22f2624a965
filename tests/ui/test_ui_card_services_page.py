"""The applet administrator's page in the real window, on a card issued through the window.

The issuing clerk issues a card on a blank training card; the applet administrator logs in,
finds the services page first, and with the keyboard only puts the library service on the card
with a member number and the resident's consent, locks, unlocks, personalises and removes it.
An install the register refuses is said in Japanese.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QMessageBox,
)
from pytestqt.qtbot import QtBot

from counter_app.records import Role
from counter_app.virtual_card.inprocess import InProcessBackend
from counter_app.workflows.card_services import CONSENT_TEXT_VERSION
from tests.support.counter_window import press
from tests.support.services_window import alt, applet_admin_with_issued_card, rows, wait_state
from ui.main_window import MainWindow
from ui.pages.card_services_page import CardServicesPage

NO_SERVICE_JA = "このカードにサービスはありません。空き 16384 バイト（全 16384 バイト）。"
NOT_ENABLED_JA = "このサービスは市区町村で有効にされていないため、カードに載せることはできません。"


def wait_idle(qtbot: QtBot, page: CardServicesPage) -> None:
    qtbot.waitUntil(lambda: not page.working, timeout=20000)


def choose_first_row(qtbot: QtBot, window: MainWindow, page: CardServicesPage) -> None:
    alt(qtbot, window, Qt.Key.Key_D)
    assert page.table.hasFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Home)
    assert page.chosen_service() is not None


def mnemonics(window: MainWindow) -> list[str]:
    """The Alt letters of the window's labels, buttons, tabs and menus the clerk can reach."""
    texts = [
        w.text() for w in window.findChildren(QLabel) if w.buddy() is not None and w.isVisible()
    ]
    texts += [w.text() for w in window.findChildren(QAbstractButton) if w.isVisible()]
    texts += [window.tabs.tabText(i) for i in range(window.tabs.count())]
    texts += [a.text() for a in window.menuBar().actions()]
    return [m.lower() for t in texts for m in re.findall(r"&([^&\s])", t)]


def test_the_applet_administrator_puts_the_library_service_on_a_card_by_keyboard(
    qtbot: QtBot, window: MainWindow, backend: InProcessBackend
) -> None:
    page, serial = applet_admin_with_issued_card(qtbot, window)
    # Its pages: this one first, with its shortcut on, and the reservation counter.
    assert list(window.pages) == ["card_services", "reservations"]
    assert window.tabs.currentWidget() is page
    assert window.page_actions["card_services"].isEnabled()
    letters = mnemonics(window)
    assert len(letters) == len(set(letters)), letters
    assert rows(page.table) == []
    assert "16384 bytes free" in page.free.text()

    # Install: service, member number, consent, install, all by their Alt letters.
    alt(qtbot, window, Qt.Key.Key_V)
    assert page.service_choice.hasFocus()
    library = page.service_choice.findData("library")
    assert library >= 0
    qtbot.keyClick(page.service_choice, Qt.Key.Key_Home)
    for _ in range(library):
        qtbot.keyClick(page.service_choice, Qt.Key.Key_Down)
    assert page.service_choice.currentData() == "library"
    assert CONSENT_TEXT_VERSION in page.consent_text.text()
    alt(qtbot, window, Qt.Key.Key_M)
    qtbot.keyClicks(page.new_member_field, "L-000123")
    alt(qtbot, window, Qt.Key.Key_I)  # no consent yet: refused on the page
    qtbot.waitUntil(lambda: page.form_error.isVisible(), timeout=5000)
    assert "consent" in page.form_error.text()
    alt(qtbot, window, Qt.Key.Key_A)
    qtbot.waitUntil(page.consent_given.isChecked, timeout=5000)
    alt(qtbot, window, Qt.Key.Key_I)
    wait_state(qtbot, page, "In use")
    [[name, aid, _state, size]] = rows(page.table)
    assert name == "図書館カード" and aid == "F05243434C4942" and int(size) > 0
    assert f"{16384 - int(size)} bytes free" in page.free.text()
    assert "図書館カード is on the card." in page.outcome.text()
    ctx = window.services.context
    assert ctx is not None
    [link] = ctx.register.services.services_on(ctx.operator, serial)
    assert link.member_number == "L-000123"
    assert link.consent_version == CONSENT_TEXT_VERSION

    # The card taken out: its services and what was typed for it leave the page; back in,
    # they are read again.
    card_file = backend.reader.card_path
    assert card_file is not None
    page.member_field.setText("L-999999")
    backend.reader.remove()
    qtbot.waitUntil(lambda: page.listing is None, timeout=10000)
    assert rows(page.table) == [] and page.free.text() == "" and page.member_field.text() == ""
    backend.insert_card(card_file)
    wait_state(qtbot, page, "In use")
    assert rows(page.table)[0][0] == "図書館カード"

    # Lock, unlock, a new member number, remove (after Yes).
    choose_first_row(qtbot, window, page)
    alt(qtbot, window, Qt.Key.Key_K)
    wait_state(qtbot, page, "Locked")
    assert not page.personalise_button.isEnabled()
    choose_first_row(qtbot, window, page)
    alt(qtbot, window, Qt.Key.Key_O)
    wait_state(qtbot, page, "In use")
    choose_first_row(qtbot, window, page)
    alt(qtbot, window, Qt.Key.Key_B)
    qtbot.keyClicks(page.member_field, "L-000124")
    alt(qtbot, window, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: "member number" in page.outcome.text(), timeout=20000)
    wait_idle(qtbot, page)
    [link] = ctx.register.services.services_on(ctx.operator, serial)
    assert link.member_number == "L-000124"
    choose_first_row(qtbot, window, page)
    alt(qtbot, window, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: page.confirm_box is not None, timeout=5000)
    box = page.confirm_box
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible, timeout=5000)
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    qtbot.keyClick(box.button(QMessageBox.StandardButton.Yes), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not page.working and rows(page.table) == [], timeout=20000)
    assert ctx.register.services.services_on(ctx.operator, serial) == []

    # Logout: nothing of the card stays on the page.
    window.activateWindow()  # the window manager's part once the question closes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    assert page.table.hasFocus()  # back on the list after the removal
    # Logged out while the list is being read: its answer is not shown to the next person.
    press(qtbot, window, Qt.Key.Key_Return)
    assert page.working
    press(qtbot, window, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=5000)
    qtbot.waitUntil(lambda: not page.working, timeout=10000)
    qtbot.wait(100)
    assert page.listing is None and page.free.text() == "" and page.table.rowCount() == 0


def test_an_install_the_register_refuses_is_said_in_japanese(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    page, serial = applet_admin_with_issued_card(qtbot, window)
    window.language_actions["ja"].trigger()
    # The supervisor withdraws the library service after the page read the catalogue.
    ctx = window.services.context
    assert ctx is not None and window.training is not None
    supervisor = window.training.operator(Role.SUPERVISOR)
    assert supervisor is not None
    register = ctx.register
    session = register.operators.login_with_password(supervisor.login, supervisor.password)
    register.services.set_enabled(session, "library", False)

    page.service_choice.setCurrentIndex(page.service_choice.findData("library"))
    alt(qtbot, window, Qt.Key.Key_A)
    alt(qtbot, window, Qt.Key.Key_I)
    qtbot.waitUntil(
        lambda: any(b.isVisible() for b in page.findChildren(QMessageBox, "errorBox")),
        timeout=20000,
    )
    box = next(b for b in page.findChildren(QMessageBox, "errorBox") if b.isVisible())
    assert box.text() == NOT_ENABLED_JA
    assert not re.search(r"[A-Za-z]{4,}", box.text() + box.informativeText())
    wait_idle(qtbot, page)
    assert rows(page.table) == []
    assert page.free.text() == NO_SERVICE_JA
    assert ctx.register.services.services_on(ctx.operator, serial) == []
