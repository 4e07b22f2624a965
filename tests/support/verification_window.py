"""The verifying clerk in the real window: a card issued first, then the page and its verdict."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter_app.card.real_reading import CardKind
from counter_app.records import Role
from counter_app.virtual_card.inprocess import InProcessBackend
from counter_app.workflows import IssuanceResult, VerificationResult
from tests.support import real_card
from tests.support.counter_window import issue_on_blank_card, log_in, press
from ui.main_window import PAGE_ORDER, MainWindow
from ui.pages.verification_page import VerificationPage


def issue(qtbot: QtBot, window: MainWindow) -> tuple[IssuanceResult, str]:
    """The issuing clerk issues a card to PERSON on a new blank training card."""
    window.last_training_card = None
    window.blank_card_action.trigger()
    qtbot.waitUntil(lambda: window.last_training_card is not None, timeout=20000)
    result, unlock, _saved = issue_on_blank_card(qtbot, window)
    return result, unlock


def verifying_clerk(qtbot: QtBot, window: MainWindow) -> VerificationPage:
    """The issuing clerk logs out, the verifying clerk logs in and lands on the page."""
    press(qtbot, window, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=5000)
    log_in(qtbot, window, Role.VERIFYING_CLERK)
    qtbot.waitUntil(lambda: "verification" in window.pages, timeout=10000)
    page = window.pages["verification"]
    assert isinstance(page, VerificationPage)
    assert list(window.pages) == ["verification"]  # their only page, so the first
    assert window.tabs.currentWidget() is page
    qtbot.waitUntil(lambda: page.unlock.qr.hasFocus(), timeout=5000)  # ready for the scanner
    number = PAGE_ORDER.index("verification") + 1
    assert window.page_actions["verification"].shortcut().toString() == f"Ctrl+{number}"
    return page


def wait_verdict(qtbot: QtBot, page: VerificationPage) -> VerificationResult:
    qtbot.waitUntil(lambda: page.result is not None or page.runner.error is not None, timeout=30000)
    assert page.runner.error is None, page.runner.message.text()
    result = page.result
    assert isinstance(result, VerificationResult)
    return result


def ctrl_enter(qtbot: QtBot, page: VerificationPage) -> None:
    """Ctrl+Enter where the clerk typed the printed fields."""
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(page.unlock.security_code, Qt.Key.Key_Return, ctrl)


def insert_real_card(qtbot: QtBot, window: MainWindow, backend: InProcessBackend) -> Path:
    """A 個人番号カード (played J-LIS's, tests/support/real_card.py) put in the training reader in
    place of the card there, once the window has read it."""
    path = backend.reader.card_path
    assert path is not None
    card = path.with_name("kojin-bangou.json")
    real_card.issue(card)
    done: list[object] = []
    window.card_thread.submit(lambda _b: backend.insert_card(card), done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    window.card_thread.reread()  # the same ATR as the card before: read again, as the window does
    qtbot.waitUntil(
        lambda: (
            window.card_panel.state.summary is not None
            and window.card_panel.state.summary.kind is CardKind.REAL
        ),
        timeout=10000,
    )
    return card


def type_real_card_print(qtbot: QtBot, page: VerificationPage, code: str = "") -> None:
    """What is printed on the 個人番号カード: S55.4.3 (its birth date), its expiry year and its
    security code; the number is composed from them as for our card."""
    field = page.unlock
    field.birth.setFocus()
    typed = ("S55.4.3", real_card.UNLOCK_NUMBER[6:10], code or real_card.UNLOCK_NUMBER[10:])
    lines = (field.birth, field.expiry_year, field.security_code)
    for line, text in zip(lines, typed, strict=True):
        assert page.focusWidget() is line
        qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # over a slip
        qtbot.keyClicks(line, text)
        if line is field.birth:
            qtbot.keyClick(line, Qt.Key.Key_Return)
