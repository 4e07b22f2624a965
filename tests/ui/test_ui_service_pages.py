"""The other counter tasks in the real window, from an empty data directory, in-process reader.

Each test issues a card to a training resident on a blank training card through the issuance
page, then drives one page with the keyboard: address change (read back from the chip), PIN
reset after three wrong PINs, suspension (a presented card is refused in words), re-issue, and
return (the chip terminated).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from counter_app.card.errors import InvalidPinError, PinBlockedError
from counter_app.card.issuer_keys import load_or_create_issuer
from counter_app.card.personal_data import to_fullwidth_digits
from counter_app.card.profile import PIN_TRIES, UNLOCK_TRIES, LifeCycle
from counter_app.card.protocol import ApduTransport
from counter_app.card.readers import ReaderBackend
from counter_app.card.reading import read_text
from counter_app.card.summary import read_summary
from counter_app.card_service.backends import open_in_process_backend
from counter_app.config import Configuration
from counter_app.records import CardStatus
from counter_app.virtual_card.inprocess import InProcessBackend, InProcessReader
from counter_app.workflows import AddressChangeResult, IssuanceResult, ReturnResult
from tests.support.counter_window import (
    PERSON,
    PIN,
    choose_resident,
    close_previews,
    enter_pin,
    go_to,
    issue_on_blank_card,
    open_logged_in,
    scanned_qr_text,
    spend_unlock_tries,
    type_printed_fields,
    wait_done,
    wait_for_card,
    wait_for_last_try_box,
)
from ui import i18n
from ui.main_window import PAGE_ORDER, MainWindow
from ui.status_bar import WARNING_STYLE
from ui.texts import life_cycle_text, serial_text

NEW_PIN = "7391"


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, empty_home: Path) -> Iterator[MainWindow]:
    config = Configuration(data_dir=empty_home)
    window = open_logged_in(qtbot, tmp_path, functools.partial(open_in_process_backend, config))
    yield window
    window.close()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n.Translations(app).set_language(i18n.SOURCE_LANGUAGE)


def issue(qtbot: QtBot, window: MainWindow) -> tuple[Path, str]:
    """Issue a card to PERSON on a new blank training card; its file and unlock number."""
    window.last_training_card = None
    window.blank_card_action.trigger()
    qtbot.waitUntil(lambda: window.last_training_card is not None, timeout=20000)
    unlock = issue_on_blank_card(qtbot, window)[1]
    home = Path(window.services.printout_dir).parent / "home"
    return home / "cards" / str(window.last_training_card), unlock


def connect_card_file(card_file: Path) -> Callable[[], object]:
    slot = InProcessReader()
    slot.insert(card_file)
    backend = InProcessBackend(slot)
    return lambda: backend.connect(slot.name)


def confirm_yes(qtbot: QtBot, box: QWidget | None) -> None:
    assert isinstance(box, QMessageBox)
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    yes = box.button(QMessageBox.StandardButton.Yes)
    qtbot.keyClick(yes, Qt.Key.Key_Space)


def test_every_page_has_its_shortcut_and_an_accessible_action(
    qtbot: QtBot, window: MainWindow
) -> None:
    # The issuing clerk's pages: all but the library desk (library staff's; its own test) and
    # the supervisor's desk.
    assert list(window.pages) == [key for key in PAGE_ORDER if key not in ("library", "supervisor")]
    for number, key in enumerate(PAGE_ORDER, start=1):
        if key not in window.pages:
            continue
        assert window.page_actions[key].shortcut().toString() == f"Ctrl+{number % 10}"
        page = go_to(qtbot, window, key)
        qtbot.waitUntil(lambda p=page: p.entry_field().hasFocus(), timeout=5000)  # type: ignore[misc]
        assert page.action_button.accessibleName()
        assert page.entry_field().accessibleName()


def test_an_address_change_reads_back_from_the_chip_and_prints_the_new_line(
    qtbot: QtBot,
    window: MainWindow,
    empty_home: Path,
) -> None:
    card_file, unlock = issue(qtbot, window)
    page = go_to(qtbot, window, "address")
    field = page.unlock  # type: ignore[attr-defined]
    choose_resident(qtbot, page)
    assert page.focusWidget() is page.move_within  # type: ignore[attr-defined]
    page.new_address.setText("東京都港区芝公園4-2-8")  # type: ignore[attr-defined]
    # The tries left are shown as soon as the resident is chosen; reading them spends none.
    qtbot.waitUntil(lambda: f"{UNLOCK_TRIES} tries left" in field.tries.text(), timeout=10000)
    assert f"{PIN_TRIES} tries left" in page.pin_tries.text()  # type: ignore[attr-defined]

    # A slip in the security code: said in words with the tries left, nothing is written.
    slip = f"{(int(unlock[10:]) + 1) % 10000:04d}"
    type_printed_fields(qtbot, page, unlock, slip)
    qtbot.keyClick(field.security_code, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    enter_pin(qtbot, page, PIN, twice=False)
    qtbot.waitUntil(lambda: page.form_error.isVisible(), timeout=20000)
    left = f"{UNLOCK_TRIES - 1} tries"
    assert left in page.form_error.text() and "unlock number was wrong" in page.form_error.text()
    assert left in field.tries.text()
    assert page.runner.workflow is None  # "Try again" cannot send the wrong number again
    assert page.result is None

    # Corrected: the three printed fields open the card.
    field.security_code.clear()
    field.security_code.setFocus()
    qtbot.keyClicks(field.security_code, unlock[10:])
    qtbot.keyClick(field.security_code, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    enter_pin(qtbot, page, PIN, twice=False)
    wait_done(qtbot, page)
    first = page.result
    assert isinstance(first, AddressChangeResult) and first.line_index == 0
    saved = close_previews(qtbot, window)
    assert len(saved) == 1 and saved[0].read_bytes().startswith(b"%PDF")
    assert "芝公園" in page.outcome.text()
    assert field.is_empty()  # the number does not stay on screen

    # A second move: the clerk scans the QR code on the card face.
    qtbot.keyClick(page.new_button, Qt.Key.Key_Space)
    choose_resident(qtbot, page)
    page.new_address.setText("東京都港区芝公園4-4-4")  # type: ignore[attr-defined]
    field.qr.setFocus()
    qtbot.keyClicks(field.qr, scanned_qr_text(window.pages["issuance"].result))
    qtbot.keyClick(field.qr, Qt.Key.Key_Return)  # the scanner ends with Enter
    assert field.status.text() == f"QR code read: card {serial_text(first.serial)}."
    qtbot.keyClick(field.qr, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    enter_pin(qtbot, page, PIN, twice=False)
    wait_done(qtbot, page)
    second = page.result
    assert isinstance(second, AddressChangeResult) and second.line_index == 1
    close_previews(qtbot, window)

    # A third move: the resident types the unlock number on the resident's screen.
    qtbot.keyClick(page.new_button, Qt.Key.Key_Space)
    choose_resident(qtbot, page)
    page.new_address.setText("東京都港区芝5-1")  # type: ignore[attr-defined]
    qtbot.keyClick(page.action_button, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.pin_dialog is not None, timeout=5000)
    told = page.pin_dialog.tries.text()  # type: ignore[union-attr]
    assert f"{PIN_TRIES} tries left" in told and f"{UNLOCK_TRIES} tries left" in told
    enter_pin(qtbot, page, PIN, twice=False, unlock=unlock)
    wait_done(qtbot, page)
    third = page.result
    assert isinstance(third, AddressChangeResult) and third.line_index == 2
    close_previews(qtbot, window)
    window.close()

    connect = connect_card_file(card_file)
    issuer = load_or_create_issuer(empty_home)
    text = read_text(ApduTransport(connect()), PIN, trust=issuer.trust)  # type: ignore[arg-type]
    assert text.attributes is not None
    assert text.attributes.address == to_fullwidth_digits("東京都港区芝5-1")


def test_a_scan_of_something_else_is_refused_in_words(qtbot: QtBot, window: MainWindow) -> None:
    page = go_to(qtbot, window, "address")
    field = page.unlock  # type: ignore[attr-defined]
    field.birth.setFocus()
    qtbot.keyClicks(field.birth, "THIS-IS-A-PARCEL-BARCODE-0123456789")  # focus in another field
    qtbot.keyClick(field.birth, Qt.Key.Key_Return)
    assert "not the QR code" in field.status.text()
    assert field.birth.text() == "" and page.focusWidget() is field.qr
    assert field.is_empty()


def test_the_last_unlock_try_is_confirmed_and_cancel_is_the_default(
    qtbot: QtBot, window: MainWindow
) -> None:
    _card_file, unlock = issue(qtbot, window)
    spend_unlock_tries(qtbot, window, UNLOCK_TRIES - 1)
    page = go_to(qtbot, window, "address")
    field = page.unlock  # type: ignore[attr-defined]
    choose_resident(qtbot, page)
    type_printed_fields(qtbot, page, unlock)
    qtbot.keyClick(field.security_code, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    enter_pin(qtbot, page, PIN, twice=False)
    box = wait_for_last_try_box(qtbot, page)
    assert "last try" in box.text() and "unlock number" in box.text()
    assert "1 try left" in field.tries.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter by habit: the default, Cancel
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=5000)
    assert page.runner.workflow is None and page.result is None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)  # keys go back
    qtbot.keyClick(field.security_code, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    enter_pin(qtbot, page, PIN, twice=False)
    box = wait_for_last_try_box(qtbot, page)
    use = box.findChild(QAbstractButton, "lastTryUse")
    assert isinstance(use, QAbstractButton)
    qtbot.keyClick(use, Qt.Key.Key_Space)
    wait_done(qtbot, page)
    assert isinstance(page.result, AddressChangeResult)
    close_previews(qtbot, window)


def test_a_suspended_card_is_refused_in_words(qtbot: QtBot, window: MainWindow) -> None:
    issue(qtbot, window)
    page = go_to(qtbot, window, "suspension")
    check_button = page.check_button  # type: ignore[attr-defined]
    status = page.check_status  # type: ignore[attr-defined]
    qtbot.keyClick(check_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "in use" in status.text(), timeout=10000)

    choose_resident(qtbot, page)
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.confirm_box is not None, timeout=5000)  # type: ignore[attr-defined]
    confirm_yes(qtbot, page.confirm_box)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.result is not None, timeout=10000)
    assert page.result.status == CardStatus.SUSPENDED
    assert "suspended" in page.outcome.text()
    # the answer shown before is asked again at once, not left saying "in use"
    qtbot.waitUntil(lambda: "not in use" in status.text(), timeout=10000)
    assert "Do not accept the card" in status.text()

    qtbot.keyClick(check_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "not in use" in status.text(), timeout=10000)
    qtbot.keyClick(page.new_button, Qt.Key.Key_Space)  # the next resident: the answer goes
    assert status.text() == ""


def test_the_card_panel_shows_a_suspension_at_this_counter_without_reinserting_the_card(
    qtbot: QtBot, window: MainWindow
) -> None:
    issue(qtbot, window)
    row = window.card_panel.values["register"]
    qtbot.waitUntil(lambda: row.isVisible() and row.text() == "In use", timeout=10000)
    page = go_to(qtbot, window, "suspension")
    choose_resident(qtbot, page)
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.confirm_box is not None, timeout=5000)  # type: ignore[attr-defined]
    confirm_yes(qtbot, page.confirm_box)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: row.text() == "Suspended (lost)", timeout=10000)
    assert row.styleSheet() == WARNING_STYLE and row.accessibleDescription()


def _block_pin(backend: ReaderBackend, reader: str, home: Path) -> int:
    issuer = load_or_create_issuer(home)
    wrong = 0
    for _ in range(3):
        connection = backend.connect(reader)
        try:
            read_text(ApduTransport(connection), "0000", trust=issuer.trust)
        except (InvalidPinError, PinBlockedError):
            wrong += 1
        finally:
            connection.close()
    return wrong


def test_the_pin_is_reset_after_three_wrong_pins(
    qtbot: QtBot,
    window: MainWindow,
    empty_home: Path,
) -> None:
    card_file, _unlock = issue(qtbot, window)
    reader = window.reader_list.current_reader()
    assert reader is not None
    blocked: list[int] = []
    window.card_thread.submit(
        lambda backend: _block_pin(backend, reader, empty_home), blocked.append
    )
    qtbot.waitUntil(lambda: bool(blocked), timeout=20000)
    assert blocked == [3]

    page = go_to(qtbot, window, "pin_reset")
    choose_resident(qtbot, page)
    document = page.focusWidget()
    assert document is next(iter(page.documents.values()))  # type: ignore[attr-defined]
    qtbot.keyClick(document, Qt.Key.Key_Space)
    qtbot.keyClick(document, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    enter_pin(qtbot, page, NEW_PIN, twice=True)
    wait_done(qtbot, page)
    assert "PIN is reset" in page.outcome.text()
    window.close()

    connect = connect_card_file(card_file)
    issuer = load_or_create_issuer(empty_home)
    text = read_text(ApduTransport(connect()), NEW_PIN, trust=issuer.trust)  # type: ignore[arg-type]
    assert text.attributes is not None and text.attributes.name == PERSON.name


def test_return_terminates_the_chip(
    qtbot: QtBot,
    window: MainWindow,
    empty_home: Path,
) -> None:
    card_file, _unlock = issue(qtbot, window)
    page = go_to(qtbot, window, "return")
    choose_resident(qtbot, page)
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.confirm_box is not None, timeout=5000)  # type: ignore[attr-defined]
    confirm_yes(qtbot, page.confirm_box)  # type: ignore[attr-defined]
    wait_done(qtbot, page)
    result = page.result
    assert isinstance(result, ReturnResult) and result.chip_terminated
    assert result.card.status == CardStatus.RETURNED
    # The invalidated chip no longer tells its serial: the panel says so, and no longer shows
    # the register's word on the card as it was before the return.
    panel = window.card_panel
    terminated = life_cycle_text(LifeCycle.TERMINATED)
    qtbot.waitUntil(lambda: panel.values["state"].text() == terminated, timeout=10000)
    assert not panel.values["register"].isVisible()
    window.close()

    connect = connect_card_file(card_file)
    assert read_summary(connect()).life_cycle is LifeCycle.TERMINATED  # type: ignore[arg-type]


def test_a_reissue_revokes_the_old_card(qtbot: QtBot, window: MainWindow) -> None:
    issue(qtbot, window)
    old = window.pages["issuance"].result  # type: ignore[attr-defined]
    window.last_training_card = None
    window.blank_card_action.trigger()
    qtbot.waitUntil(lambda: window.last_training_card is not None, timeout=20000)
    wait_for_card(qtbot, window, operational=False)
    page = go_to(qtbot, window, "reissue")
    choose_resident(qtbot, page)
    document = next(iter(page.documents.values()))  # type: ignore[attr-defined]
    document.setFocus()
    qtbot.keyClick(document, Qt.Key.Key_Space)
    qtbot.keyClick(document, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    enter_pin(qtbot, page, PIN, twice=True)
    wait_done(qtbot, page)
    close_previews(qtbot, window)
    new = page.result
    assert isinstance(new, IssuanceResult) and new.serial != old.serial
    old_card = page.runner.workflow.old_card  # type: ignore[union-attr]
    assert old_card is not None and old_card.status == CardStatus.REVOKED
    assert "revoked" in page.outcome.text()


def test_a_return_without_the_card_does_not_ask_to_leave_it_in_the_reader(
    qtbot: QtBot, window: MainWindow
) -> None:
    issue(qtbot, window)
    page = go_to(qtbot, window, "return")
    choose_resident(qtbot, page)
    qtbot.keyClick(page.at_hand, Qt.Key.Key_Space)  # type: ignore[attr-defined]
    assert not page.at_hand.isChecked()  # type: ignore[attr-defined]
    messages: list[str] = []
    page.runner.message.setText = lambda text: messages.append(text)  # type: ignore[method-assign]
    qtbot.keyClick(page.at_hand, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.confirm_box is not None, timeout=5000)  # type: ignore[attr-defined]
    confirm_yes(qtbot, page.confirm_box)  # type: ignore[attr-defined]
    wait_done(qtbot, page)
    result = page.result
    assert isinstance(result, ReturnResult) and not result.chip_terminated
    assert not any("card in the reader" in text for text in messages)
    row = window.card_panel.values["register"]  # the card left in the reader: returned too
    qtbot.waitUntil(lambda: row.text() == "Returned", timeout=10000)
    assert not page.runner.uses_card
