"""Nothing of a resident stays on screen, and the card panel says the register's word on a card.

The real window from an empty data directory with the in-process reader: a card issued to a
training resident, its holder's name read with the PIN, then logout, idle time-out, the card
taken out; the register status on insertion (a suspended card in a warning colour); the PIN's
last try in the card panel confirmed with Cancel as the default.
"""

from __future__ import annotations

import contextlib
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from counter_app.card.errors import InvalidPinError
from counter_app.card.profile import PIN_TRIES
from counter_app.card.protocol import ApduTransport
from counter_app.card.readers import ReaderBackend
from counter_app.card.sessions.text import TextSession
from counter_app.records import Role
from counter_app.virtual_card.inprocess import InProcessBackend
from counter_app.workflows.card_status import suspend_card
from tests.support.counter_window import (
    PERSON,
    PIN,
    choose_resident,
    go_to,
    issue_on_blank_card,
    log_in,
    press,
)
from ui.main_window import MainWindow
from ui.status_bar import WARNING_STYLE


def issue(qtbot: QtBot, window: MainWindow) -> str:
    """Issue a card to PERSON on a new blank training card; its serial."""
    window.last_training_card = None
    window.blank_card_action.trigger()
    qtbot.waitUntil(lambda: window.last_training_card is not None, timeout=20000)
    return issue_on_blank_card(qtbot, window)[0].serial


def reader_of(window: MainWindow) -> str:
    reader = window.reader_list.current_reader()
    assert reader is not None
    return reader


def read_name_with_pin(qtbot: QtBot, window: MainWindow) -> str:
    """Ctrl+U, the resident's PIN: the holder's name in the card panel."""
    reader = reader_of(window)
    qtbot.waitUntil(lambda: window.unlock_action.isEnabled(), timeout=10000)
    press(qtbot, window, Qt.Key.Key_U)
    qtbot.waitUntil(lambda: window.pin_dialog is not None, timeout=15000)
    dialog = window.pin_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.field, PIN)
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(window.summaries[reader].holder_name), timeout=20000)
    name = window.summaries[reader].holder_name
    assert name and window.card_panel.values["holder"].text() == name
    window.activateWindow()  # as the desktop does once the dialog has gone
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    return name


def widget_texts(widget: QWidget) -> list[str]:
    """Every text a widget holds: label, field, button, each table, tree and list cell, each
    combo entry, its tool tip and accessible name (what a screen reader would say)."""
    texts = [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
    if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
        texts.append(widget.text())
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        texts.append(widget.toPlainText())
    elif isinstance(widget, QComboBox):
        texts.extend(widget.itemText(i) for i in range(widget.count()))
    elif isinstance(widget, QTableWidget):
        texts.extend(
            item.text()
            for r in range(widget.rowCount())
            for c in range(widget.columnCount())
            if (item := widget.item(r, c)) is not None
        )
    elif isinstance(widget, QTreeWidget):
        texts.extend(
            item.text(c)
            for i in range(widget.topLevelItemCount())
            if (item := widget.topLevelItem(i)) is not None
            for c in range(widget.columnCount())
        )
    elif isinstance(widget, QListWidget):
        texts.extend(item.text() for i in range(widget.count()) if (item := widget.item(i)))
    return [t for t in texts if t]


def shown_texts(window: MainWindow) -> str:
    """Every text the window holds now, shown or not, in every widget of the card panel and of
    every work page (the login screen's list of invented training residents is not a
    resident's data)."""
    areas = (window.card_panel, window.stack.widget(1))
    return "\n".join(
        text
        for area in areas
        for widget in area.findChildren(QWidget)
        for text in widget_texts(widget)
    )


def on_card_thread(qtbot: QtBot, window: MainWindow, job: object) -> object:
    done: list[object] = []
    window.card_thread.submit(job, done.append)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    return done[0]


def test_a_name_read_with_the_pin_leaves_with_the_operator(
    qtbot: QtBot, window: MainWindow
) -> None:
    serial = issue(qtbot, window)
    name = read_name_with_pin(qtbot, window)
    page = go_to(qtbot, window, "address")
    choose_resident(qtbot, page)
    assert name in shown_texts(window)

    press(qtbot, window, Qt.Key.Key_L)  # log out
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=5000)
    on_login_screen = shown_texts(window)
    assert name not in on_login_screen and PERSON.name not in on_login_screen
    assert serial[:4] not in on_login_screen  # no card number: it leads to the holder
    assert window.card_panel.values["state"].isVisible()  # the card's own state stays
    assert not window.unlock_action.isEnabled()

    log_in(qtbot, window, Role.VERIFYING_CLERK)  # the next operator
    qtbot.waitUntil(lambda: window.card_panel.values["register"].isVisible(), timeout=10000)
    assert name not in shown_texts(window) and PERSON.name not in shown_texts(window)
    assert window.summaries[reader_of(window)].holder_name is None
    assert page.resident is None


def test_the_idle_time_out_clears_the_resident_too(qtbot: QtBot, window: MainWindow) -> None:
    issue(qtbot, window)
    name = read_name_with_pin(qtbot, window)
    page = go_to(qtbot, window, "address")
    choose_resident(qtbot, page)
    assert window.session is not None
    window.session.idle_timeout = dt.timedelta(0)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=5000)
    assert name not in shown_texts(window)
    assert page.resident is None and PERSON.name not in page.chosen.text()


def test_a_finished_task_and_the_name_leave_with_the_card(
    qtbot: QtBot, window: MainWindow, backend: InProcessBackend
) -> None:
    issue(qtbot, window)
    issuance = window.pages["issuance"]
    assert issuance.result is not None and PERSON.name in issuance.chosen.text()
    name = read_name_with_pin(qtbot, window)

    on_card_thread(qtbot, window, lambda _backend: backend.reader.remove())  # the card leaves
    qtbot.waitUntil(lambda: not window.summaries, timeout=10000)
    assert issuance.result is None and PERSON.name not in issuance.chosen.text()  # card left
    assert name not in shown_texts(window)


def test_the_card_panel_shows_the_register_status_and_warns_for_a_suspended_card(
    qtbot: QtBot, window: MainWindow
) -> None:
    serial = issue(qtbot, window)
    status = window.card_panel.values["register"]
    qtbot.waitUntil(lambda: status.isVisible() and status.text() == "In use", timeout=10000)
    assert status.styleSheet() == ""

    ctx = window.services.context  # type: ignore[union-attr]
    assert ctx is not None
    resident_id = window.pages["issuance"].result.resident_id
    suspended: list[object] = []
    assert window.db_thread is not None
    window.db_thread.submit(lambda _r: suspend_card(ctx, resident_id, serial), suspended.append)
    qtbot.waitUntil(lambda: bool(suspended), timeout=10000)

    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F5)  # read the card again
    qtbot.waitUntil(lambda: status.text() == "Suspended (lost)", timeout=10000)
    assert status.styleSheet() == WARNING_STYLE
    assert status.accessibleDescription()  # said to a screen reader as a warning too

    press(qtbot, window, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=5000)
    assert not status.isVisible()


def test_the_pins_last_try_in_the_card_panel_is_confirmed(qtbot: QtBot, window: MainWindow) -> None:
    issue(qtbot, window)
    reader = reader_of(window)

    def slip(backend: ReaderBackend) -> None:
        connection = backend.connect(reader)
        try:
            text = TextSession(ApduTransport(connection))
            text.select()
            for _ in range(PIN_TRIES - 1):
                with contextlib.suppress(InvalidPinError):
                    text.verify("0000" if PIN != "0000" else "1111")
        finally:
            connection.close()

    on_card_thread(qtbot, window, slip)
    window.card_thread.reread()
    qtbot.waitUntil(lambda: window.summaries.get(reader) is not None, timeout=10000)
    qtbot.waitUntil(lambda: window.summaries[reader].pin_tries_left == 1, timeout=10000)
    assert "1 try left" in window.card_panel.values["pin"].text()

    for use in (False, True):
        press(qtbot, window, Qt.Key.Key_U)
        qtbot.waitUntil(lambda: window.pin_dialog is not None, timeout=15000)
        dialog = window.pin_dialog
        assert dialog is not None
        qtbot.keyClicks(dialog.field, PIN)
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
        qtbot.waitUntil(
            lambda: any(b.isVisible() for b in window.findChildren(QMessageBox, "lastTryBox")),
            timeout=5000,
        )
        box = next(b for b in window.findChildren(QMessageBox, "lastTryBox") if b.isVisible())
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
        assert "PIN" in box.text()
        if use:
            button = box.findChild(QAbstractButton, "lastTryUse")
            assert isinstance(button, QAbstractButton)
            qtbot.keyClick(button, Qt.Key.Key_Space)
        else:
            qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter by habit: Cancel, no try spent
        qtbot.waitUntil(lambda b=box: not b.isVisible(), timeout=5000)  # type: ignore[misc]
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
        if not use:
            assert window.summaries[reader].pin_tries_left == 1
            assert window.summaries[reader].holder_name is None
    qtbot.waitUntil(lambda: bool(window.summaries[reader].holder_name), timeout=20000)
    assert window.summaries[reader].pin_tries_left == PIN_TRIES
