"""The library desk page in the real window, keyboard only, against the training library.

A card issued through the window gets the library service (member number 20000001, a patron of
the training library) on the applet administrator's page; the library staff member logs in,
opens the card with the resident's PIN, lends a book by its barcode and Enter, takes it back
with Alt+T and renews a loan with Alt+E. A card reported lost is refused before any PIN is asked.
A library system that stops answering mid-loan turns the status bar to not connected at once;
the clerk's next try, answered, turns it back.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter_app.library.training_server import Fault, TrainingServer
from counter_app.records import CardStatus, Role
from counter_app.virtual_card.inprocess import InProcessBackend
from tests.support.counter_window import PIN, enter_pin, log_in, open_logged_in, press
from tests.support.services_window import (
    alt,
    applet_admin_with_issued_card,
    install_service,
)
from ui.main_window import MainWindow
from ui.pages.library_desk_page import LibraryDeskPage

MEMBER = "20000001"
BOOK = "1000000001"


def library_staff_with_library_card(
    qtbot: QtBot, window: MainWindow
) -> tuple[LibraryDeskPage, str]:
    """A card issued with the library service on it; library staff logged in: page, serial."""
    services, serial = applet_admin_with_issued_card(qtbot, window)
    install_service(qtbot, window, services, "library", MEMBER)
    press(qtbot, window, Qt.Key.Key_L)  # log out
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=5000)
    log_in(qtbot, window, Role.LIBRARY_STAFF)
    qtbot.waitUntil(lambda: "library" in window.pages, timeout=10000)
    page = window.pages["library"]
    assert isinstance(page, LibraryDeskPage)
    return page, serial


def test_library_staff_lend_and_take_back_a_book_by_keyboard(
    qtbot: QtBot, window: MainWindow, backend: InProcessBackend
) -> None:
    page, _serial = library_staff_with_library_card(qtbot, window)
    assert list(window.pages) == ["library"]  # library staff see the desk only
    assert window.page_actions["library"].shortcut().toString() == "Ctrl+9"
    assert page.action_button.accessibleName() and page.barcode_field.accessibleName()
    qtbot.waitUntil(lambda: "connected" in window.status.library_label.text(), timeout=10000)
    # the card panel asks the register under the desk's purpose (not the identity check's)
    row = window.card_panel.values["register"]
    qtbot.waitUntil(lambda: row.text() == "In use", timeout=10000)

    press(qtbot, window, Qt.Key.Key_Return)  # Ctrl+Enter: open the card
    enter_pin(qtbot, page, PIN, twice=False)
    qtbot.waitUntil(lambda: page.session is not None, timeout=20000)
    assert "研修　一郎" in page.patron_label.text() and MEMBER in page.patron_label.text()
    assert page.loans.rowCount() == 0
    assert page.barcode_field.hasFocus()

    qtbot.keyClicks(page.barcode_field, BOOK)  # what a barcode scanner types
    qtbot.keyClick(page.barcode_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Lent:" in page.desk_status.text(), timeout=20000)
    assert page.loans.rowCount() == 1
    due = page.loans.item(0, 2).text()
    assert page.loans.item(0, 0).text() == BOOK and f"due {due}" in page.desk_status.text()
    assert page.barcode_field.text() == "" and page.barcode_field.hasFocus()

    qtbot.keyClicks(page.barcode_field, BOOK)
    alt(qtbot, window, Qt.Key.Key_R)  # return
    qtbot.waitUntil(lambda: "Returned:" in page.desk_status.text(), timeout=20000)
    assert page.loans.rowCount() == 0

    # Lent again, then an unknown barcode: refused in words, the loan list kept.
    qtbot.keyClicks(page.barcode_field, BOOK)
    qtbot.keyClick(page.barcode_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Lent:" in page.desk_status.text(), timeout=20000)
    qtbot.keyClicks(page.barcode_field, "9999999999")
    qtbot.keyClick(page.barcode_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "does not know this item" in page.desk_status.text(), timeout=20000)
    assert page.barcode_field.selectedText() == "9999999999"  # the next scan replaces it
    assert page.loans.rowCount() == 1

    # The card taken out: the resident leaves the page; back in, Ctrl+Enter opens it again.
    card_file = backend.reader.card_path
    assert card_file is not None
    backend.reader.remove()
    qtbot.waitUntil(lambda: page.session is None, timeout=10000)
    assert page.loans.rowCount() == 0 and "研修" not in page.patron_label.text()
    assert not page.barcode_field.isEnabled()
    backend.insert_card(card_file)
    qtbot.wait(500)
    press(qtbot, window, Qt.Key.Key_Return)
    enter_pin(qtbot, page, PIN, twice=False)
    qtbot.waitUntil(lambda: page.session is not None, timeout=20000)
    assert page.loans.rowCount() == 1  # the book lent before is still on loan
    qtbot.keyClicks(page.barcode_field, BOOK)
    alt(qtbot, window, Qt.Key.Key_E)  # renew
    qtbot.waitUntil(lambda: "Renewed:" in page.desk_status.text(), timeout=20000)
    assert f"due {page.loans.item(0, 2).text()}" in page.desk_status.text()

    # Logging out leaves nothing of the resident on the page.
    press(qtbot, window, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=5000)
    assert page.session is None and page.loans.rowCount() == 0
    assert "研修" not in page.patron_label.text()


def test_a_card_reported_lost_is_refused_before_the_pin(qtbot: QtBot, window: MainWindow) -> None:
    page, serial = library_staff_with_library_card(qtbot, window)
    ctx = window.services.context if window.services else None
    assert ctx is not None and window.training is not None
    supervisor = window.training.operator(Role.SUPERVISOR)
    assert supervisor is not None
    boss = ctx.register.operators.login_with_password(supervisor.login, supervisor.password)
    ctx.register.cards.change_status(boss, serial, CardStatus.SUSPENDED, "lost")

    window.set_language("ja")
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "使用中ではありません" in page.desk_status.text(), timeout=20000)
    assert page.pin_dialog is None and page.session is None
    assert "図書館システム：接続中" in window.status.library_label.text()


def test_a_library_system_that_stops_answering_mid_loan_shows_not_connected(
    qtbot: QtBot, tmp_path: Path, backend: InProcessBackend
) -> None:
    with TrainingServer() as library:
        window = open_logged_in(
            qtbot, tmp_path, lambda: backend, library=library.settings(read_timeout=0.5)
        )
        try:
            page, _serial = library_staff_with_library_card(qtbot, window)
            status = window.status.library_label
            qtbot.waitUntil(lambda: "connected (" in status.text(), timeout=10000)
            connected = status.text()
            press(qtbot, window, Qt.Key.Key_Return)
            enter_pin(qtbot, page, PIN, twice=False)
            qtbot.waitUntil(lambda: page.session is not None, timeout=20000)

            library.fail_next("11", Fault.SILENT)
            qtbot.keyClicks(page.barcode_field, BOOK)
            qtbot.keyClick(page.barcode_field, Qt.Key.Key_Return)
            qtbot.waitUntil(
                lambda: "did not answer in time" in page.desk_status.text(), timeout=20000
            )
            assert status.text() == "⚠ Library system: not connected"
            assert page.loans.rowCount() == 0

            qtbot.keyClicks(page.barcode_field, BOOK)  # the clerk tries again: answered
            qtbot.keyClick(page.barcode_field, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: "Lent:" in page.desk_status.text(), timeout=20000)
            assert status.text() == connected
            assert page.loans.rowCount() == 1
            assert library.library.recorded("checkout", BOOK) == 1  # lent once
        finally:
            window.close()
