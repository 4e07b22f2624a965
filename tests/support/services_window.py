"""The applet administrator's services page in the real window: shared by the page tests."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableWidget
from pytestqt.qtbot import QtBot

from counter_app.records import Role
from tests.support.counter_window import issue_on_blank_card, log_in, press
from ui.main_window import MainWindow
from ui.pages.card_services_page import CardServicesPage


def alt(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    """A mnemonic typed wherever the keyboard is."""
    qtbot.keyClick(QApplication.focusWidget() or window, key, Qt.KeyboardModifier.AltModifier)


def rows(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def applet_admin_with_issued_card(qtbot: QtBot, window: MainWindow) -> tuple[CardServicesPage, str]:
    """Issue a card as the clerk, log out, log the applet administrator in: the page, serial."""
    window.blank_card_action.trigger()
    qtbot.waitUntil(lambda: window.last_training_card is not None, timeout=20000)
    result = issue_on_blank_card(qtbot, window)[0]
    press(qtbot, window, Qt.Key.Key_L)  # log out
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=5000)
    log_in(qtbot, window, Role.APPLET_ADMIN)
    qtbot.waitUntil(lambda: "card_services" in window.pages, timeout=10000)
    page = window.pages["card_services"]
    assert isinstance(page, CardServicesPage)
    qtbot.waitUntil(lambda: page.listing is not None, timeout=20000)
    return page, result.serial


def wait_state(qtbot: QtBot, page: CardServicesPage, state: str) -> None:
    qtbot.waitUntil(
        lambda: not page.working and [r[2] for r in rows(page.table)] == [state], timeout=20000
    )


def install_service(
    qtbot: QtBot, window: MainWindow, page: CardServicesPage, code: str, member: str
) -> None:
    """Put the service `code` with `member` on the card in the reader, by the page's Alt keys."""
    alt(qtbot, window, Qt.Key.Key_V)
    page.service_choice.setCurrentIndex(page.service_choice.findData(code))
    alt(qtbot, window, Qt.Key.Key_M)
    qtbot.keyClicks(page.new_member_field, member)
    alt(qtbot, window, Qt.Key.Key_A)
    alt(qtbot, window, Qt.Key.Key_I)
    wait_state(qtbot, page, "In use")
