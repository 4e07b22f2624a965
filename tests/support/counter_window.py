"""The real counter window driven with the keyboard: log the training clerk in, issue a card."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from counter_app import training
from counter_app.card.errors import UnlockNumberError
from counter_app.card.pins import unlock_tries_left
from counter_app.card.profile import UNLOCK_NUMBER_LENGTH, UNLOCK_TRIES, LifeCycle
from counter_app.card.protocol import ApduTransport
from counter_app.card.readers import ReaderBackend
from counter_app.card.sessions.face import FaceSession
from counter_app.config import Configuration, LibrarySettings
from counter_app.japanese_dates import ERA_INITIALS, era_of
from counter_app.printing.raster import rasterise_pdf
from counter_app.records import Role
from counter_app.workflows import IssuanceResult
from tests.support.fakes import temp_settings
from ui.app import build_window
from ui.main_window import MainWindow
from ui.pages.issuance_page import IssuancePage
from ui.pages.parts import TaskPage

PIN = "4826"
PERSON = training.TRAINING_RESIDENTS[0]


def open_logged_in(
    qtbot: QtBot,
    tmp_path: Path,
    backend_factory: Callable[[], ReaderBackend],
    *,
    library: LibrarySettings | None = None,
    trust_store: Path | None = None,
) -> MainWindow:
    """The real window from an empty data directory, the training clerk logged in.

    `library`: the library system it speaks to (default: a training library it starts itself).
    `trust_store`: a configured trust store directory (default: the training one it makes).
    """
    config = Configuration(data_dir=tmp_path / "home", library=library, trust_store_dir=trust_store)
    window, _card_thread, _settings = build_window(
        config,
        "en",
        backend_factory=backend_factory,
        settings=temp_settings(tmp_path),
    )
    window.services.printout_dir = tmp_path / "printouts"
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.training is not None, timeout=60000)
    clerk = window.training.operator(Role.ISSUING_CLERK) if window.training else None
    assert clerk is not None
    login = window.login_page
    qtbot.keyClicks(login.login_field, clerk.login)
    qtbot.keyClick(login.login_field, Qt.Key.Key_Return)
    qtbot.keyClicks(login.password_field, clerk.password)
    qtbot.keyClick(login.password_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 1, timeout=20000)
    return window


def wait_for_card(qtbot: QtBot, window: MainWindow, operational: bool) -> None:
    reader = window.reader_list.current_reader()
    qtbot.waitUntil(
        lambda: (
            reader in window.summaries
            and (window.summaries[reader].life_cycle is LifeCycle.OPERATIONAL) == operational
        ),
        timeout=20000,
    )


def close_previews(qtbot: QtBot, window: MainWindow) -> list[Path]:
    """Save each preview that opens in turn as a PDF; the saved files."""
    saved: list[Path] = []
    seen: set[int] = set()
    for _ in range(3):
        preview = window.services.last_preview
        if preview is None or id(preview) in seen:
            break
        seen.add(id(preview))
        qtbot.waitUntil(lambda p=preview: p.page_count > 0, timeout=10000)  # type: ignore[misc]
        qtbot.keyClick(preview.print_button, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda p=preview: p.outcome is not None, timeout=10000)  # type: ignore[misc]
        outcome = preview.outcome
        if outcome is not None and outcome.pdf_path is not None:
            saved.append(Path(outcome.pdf_path))
        qtbot.keyClick(preview.print_button, Qt.Key.Key_Return)  # Done: the next one opens
        qtbot.waitUntil(lambda p=preview: not p.isVisible(), timeout=5000)  # type: ignore[misc]
    return saved


def choose_resident(qtbot: QtBot, page: TaskPage) -> None:
    qtbot.waitUntil(lambda: page.search.box.hasFocus(), timeout=5000)
    qtbot.keyClicks(page.search.box, PERSON.birth_date.isoformat())
    qtbot.keyClick(page.search.box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(page.search.hits) == 1, timeout=10000)
    qtbot.keyClick(page.search.results, Qt.Key.Key_Return)
    assert page.resident is not None


def go_to(qtbot: QtBot, window: MainWindow, key: str) -> TaskPage:
    combination = window.page_actions[key].shortcut()[0]  # the page's shortcut, typed
    target = keyboard_target(qtbot, window)
    qtbot.keyClick(target, combination.key(), combination.keyboardModifiers())
    page = window.pages[key]
    assert isinstance(page, TaskPage)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is page, timeout=5000)
    return page


def enter_pin(qtbot: QtBot, page: TaskPage, pin: str, twice: bool, unlock: str = "") -> None:
    qtbot.waitUntil(lambda: page.pin_dialog is not None, timeout=5000)
    dialog = page.pin_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.first, pin)
    if twice:
        qtbot.keyClick(dialog.first, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.second, pin)
        qtbot.keyClick(dialog.second, Qt.Key.Key_Return)
    elif unlock:
        qtbot.keyClick(dialog.first, Qt.Key.Key_Return)
        assert dialog.focusWidget() is dialog.unlock
        qtbot.keyClicks(dialog.unlock, unlock)
        qtbot.keyClick(dialog.unlock, Qt.Key.Key_Return)
    else:
        qtbot.keyClick(dialog.first, Qt.Key.Key_Return)


def wait_done(qtbot: QtBot, page: TaskPage) -> None:
    qtbot.waitUntil(lambda: page.result is not None or page.runner.error is not None, timeout=60000)
    assert page.runner.error is None, page.runner.message.text()


def issue_on_blank_card(qtbot: QtBot, window: MainWindow) -> tuple[IssuanceResult, str, list[Path]]:
    """Issue a card to PERSON on the blank card in the reader: result, unlock number, PDFs."""
    wait_for_card(qtbot, window, operational=False)
    page = go_to(qtbot, window, "issuance")
    assert isinstance(page, IssuancePage)
    page.reset()
    choose_resident(qtbot, page)
    document = next(iter(page.documents.values()))
    document.setFocus()
    qtbot.keyClick(document, Qt.Key.Key_Space)
    qtbot.keyClick(document, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    enter_pin(qtbot, page, PIN, twice=True)
    wait_done(qtbot, page)
    result = page.result
    assert isinstance(result, IssuanceResult)
    saved = close_previews(qtbot, window)
    workflow = page.runner.workflow
    data = getattr(workflow, "cardholder", None)
    assert data is not None
    wait_for_card(qtbot, window, operational=True)
    return result, data.unlock_number, saved


def type_printed_fields(qtbot: QtBot, page: TaskPage, unlock: str, code: str = "") -> None:
    """Type what is printed on PERSON's card: era birth date, expiry year, security code."""
    field = page.unlock  # type: ignore[attr-defined]
    field.birth.setFocus()
    era, year = era_of(PERSON.birth_date)
    initial = next(letter for letter, name in ERA_INITIALS.items() if name == era)
    born = PERSON.birth_date
    qtbot.keyClicks(field.birth, f"{initial}{year}.{born.month}.{born.day}")  # as on the card
    qtbot.keyClick(field.birth, Qt.Key.Key_Return)
    assert page.focusWidget() is field.expiry_year
    qtbot.keyClicks(field.expiry_year, unlock[6:10])  # the expiry year printed on the card
    assert page.focusWidget() is field.security_code
    qtbot.keyClicks(field.security_code, code or unlock[10:])


def scanned_qr_text(result: object) -> str:
    """What a 2D scanner types from the QR code on the printed front of the issued card."""
    assert isinstance(result, IssuanceResult) and result.printed is not None
    front = rasterise_pdf(result.printed.card_face_pdf, dpi=300, grey=True)[0]
    codes = zxingcpp.read_barcodes(front)
    assert len(codes) == 1
    return str(codes[0].text)


def spend_unlock_tries(qtbot: QtBot, window: MainWindow, count: int) -> None:
    """Wrong unlock numbers sent to the card in the reader, as an earlier slip would have."""
    reader = window.reader_list.current_reader()
    assert reader is not None

    def job(backend: ReaderBackend) -> int | None:
        connection = backend.connect(reader)
        try:
            transport = ApduTransport(connection)
            face = FaceSession(transport)
            face.select()
            for _ in range(count):
                with contextlib.suppress(UnlockNumberError):
                    face.verify("0" * UNLOCK_NUMBER_LENGTH)
            return unlock_tries_left(transport)
        finally:
            connection.close()

    left: list[int | None] = []
    window.card_thread.submit(job, left.append)
    qtbot.waitUntil(lambda: bool(left), timeout=10000)
    assert left == [UNLOCK_TRIES - count]


def wait_for_last_try_box(qtbot: QtBot, parent: QWidget) -> QMessageBox:
    """The last-try question, open, with Cancel as its default button."""
    qtbot.waitUntil(
        lambda: any(b.isVisible() for b in parent.findChildren(QMessageBox, "lastTryBox")),
        timeout=10000,
    )
    box = next(b for b in parent.findChildren(QMessageBox, "lastTryBox") if b.isVisible())
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    return box


def keyboard_target(qtbot: QtBot, window: MainWindow) -> QWidget:
    """Where typed keys go: the focused widget, or the window made active again (a dialog that
    just closed may leave no window active, and a shortcut needs one)."""
    target = QApplication.focusWidget()
    if target is None:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
        target = window
    return target


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    """A Ctrl shortcut typed wherever the keyboard is."""
    qtbot.keyClick(keyboard_target(qtbot, window), key, Qt.KeyboardModifier.ControlModifier)


def log_in(qtbot: QtBot, window: MainWindow, role: Role) -> None:
    """The training operator of `role` logs in on the login screen."""
    operator = window.training.operator(role) if window.training else None
    assert operator is not None
    login = window.login_page
    for field in (login.login_field, login.password_field):  # select what is there to replace it
        qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(login.login_field, operator.login)
    qtbot.keyClick(login.login_field, Qt.Key.Key_Return)
    qtbot.keyClicks(login.password_field, operator.password)
    qtbot.keyClick(login.password_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 1, timeout=20000)
