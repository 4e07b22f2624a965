"""The verifying clerk in the real window: a card issued first, then the page and its verdict."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter_app.records import Role
from counter_app.workflows import IssuanceResult, VerificationResult
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
