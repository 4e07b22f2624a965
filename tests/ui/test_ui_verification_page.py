"""The verifying clerk's page in the real window, from an empty data directory, keyboard only.

The issuing clerk issues a card to a training resident first; then the verifying clerk logs in,
lands on the verification page and checks the presented card: typed from its print, scanned
from the QR code of its printed face, opened with the resident's PIN; a suspended card is
refused with the register's word; the verdict and the holder's data leave with the card, the
next resident and the operator.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from pytestqt.qtbot import QtBot

from counter_app.card.profile import UNLOCK_TRIES
from counter_app.virtual_card.inprocess import InProcessBackend
from counter_app.workflows import VerificationResult
from counter_app.workflows.card_status import suspend_card
from tests.support.counter_window import (
    PERSON,
    PIN,
    enter_pin,
    press,
    scanned_qr_text,
    spend_unlock_tries,
    type_printed_fields,
    wait_for_last_try_box,
)
from tests.support.verification_window import ctrl_enter, issue, verifying_clerk, wait_verdict
from ui.main_window import MainWindow
from ui.pages.verification_page import INVALID_STYLE, VALID_STYLE, VerificationPage


def check_rows(page: VerificationPage) -> dict[str, tuple[str, str]]:
    """The checks as listed: title -> (verdict, reason)."""
    rows = (page.checks.topLevelItem(i) for i in range(page.checks.topLevelItemCount()))
    return {row.text(0): (row.text(1), row.text(2)) for row in rows if row is not None}


def shown_on_page(page: VerificationPage) -> str:
    return "\n".join(
        label.text() for label in page.findChildren(QLabel) if label.isVisible() and label.text()
    )


def images_shown(page: VerificationPage) -> set[str]:
    """The chip's images on screen: name, address, photo."""
    return {
        key
        for key, label in page.images.items()
        if label.isVisible() and not label.pixmap().isNull()
    }


def test_a_genuine_card_typed_from_its_print_is_valid_and_leaves_with_the_card(
    qtbot: QtBot, window: MainWindow, backend: InProcessBackend
) -> None:
    _issued, unlock = issue(qtbot, window)
    page = verifying_clerk(qtbot, window)
    type_printed_fields(qtbot, page, unlock)
    ctrl_enter(qtbot, page)
    result = wait_verdict(qtbot, page)

    assert result.valid
    assert page.verdict.text().startswith("Valid") and page.verdict.styleSheet() == VALID_STYLE
    rows = check_rows(page)
    assert rows["The register shows the card in use"][0] == "Succeeded"
    assert rows["Chip is genuine (challenge signed by the chip key)"] == (
        "Succeeded",
        "the chip holds the key the issuer signed",
    )
    assert rows["The printed QR seal is genuine and belongs to this chip"][0] == "Not present"
    assert PERSON.birth_date.isoformat() in shown_on_page(page)
    assert {"name_image", "address_image"} <= images_shown(page)  # as the chip holds them
    assert not page.data_state.isVisible()  # nothing greyed
    assert page.unlock.is_empty()  # the number opened the card once and stays on no screen

    done: list[object] = []
    window.card_thread.submit(lambda _b: backend.reader.remove(), done.append)  # the card leaves
    qtbot.waitUntil(lambda: page.result is None, timeout=10000)
    assert not page.result_box.isVisible() and not images_shown(page)
    assert PERSON.birth_date.isoformat() not in shown_on_page(page)
    assert page.unlock.qr.hasFocus()  # ready for the next card


def test_a_scanned_qr_code_starts_the_check_and_the_verdict_is_in_japanese(
    qtbot: QtBot, window: MainWindow
) -> None:
    issued, _unlock = issue(qtbot, window)
    qr_text = scanned_qr_text(issued)
    page = verifying_clerk(qtbot, window)
    japanese = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(page.unlock.qr, Qt.Key.Key_J, japanese)
    assert page.purpose.currentData() == "identity-check"
    qtbot.keyClicks(page.unlock.qr, qr_text)
    qtbot.keyClick(page.unlock.qr, Qt.Key.Key_Return)  # the scanner's Enter starts it
    result = wait_verdict(qtbot, page)

    assert result.valid and result.recorded
    assert page.verdict.text().startswith("有効")
    rows = check_rows(page)
    assert rows["印刷されたQRの電子シールが真正で、このICチップのものである"][0] == "成功"
    assert {"name_image", "address_image"} <= images_shown(page)

    press(qtbot, window, Qt.Key.Key_L)  # log out: nothing of the resident stays
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=5000)
    assert page.result is None and not images_shown(page) and not page.verdict.text()


def test_a_suspended_card_is_invalid_with_the_registers_word(
    qtbot: QtBot, window: MainWindow
) -> None:
    issued, unlock = issue(qtbot, window)
    ctx = window.services.context  # type: ignore[union-attr]
    assert ctx is not None and window.db_thread is not None
    suspended: list[object] = []
    window.db_thread.submit(
        lambda _r: suspend_card(ctx, issued.resident_id, issued.serial), suspended.append
    )
    qtbot.waitUntil(lambda: bool(suspended), timeout=10000)
    page = verifying_clerk(qtbot, window)
    type_printed_fields(qtbot, page, unlock)
    ctrl_enter(qtbot, page)
    result = wait_verdict(qtbot, page)

    assert not result.valid
    verdict = page.verdict.text()
    assert verdict.startswith("Invalid") and "Suspended (lost)" in verdict
    assert page.verdict.styleSheet() == INVALID_STYLE
    verdict_word, reason = check_rows(page)["The register shows the card in use"]
    assert verdict_word == "Failed" and "Suspended (lost)" in reason
    assert page.data_state.isVisible() and "Not valid" in page.data_state.text()  # greyed

    press(qtbot, window, Qt.Key.Key_N)  # the next resident
    qtbot.waitUntil(lambda: page.result is None, timeout=5000)
    assert not page.verdict.isVisible() and page.unlock.qr.hasFocus()


def test_the_resident_opens_the_card_with_the_pin_and_the_name_leaves_when_idle(
    qtbot: QtBot, window: MainWindow
) -> None:
    issue(qtbot, window)
    page = verifying_clerk(qtbot, window)
    qtbot.keyClick(page.unlock.qr, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    enter_pin(qtbot, page, PIN, twice=False)
    result = wait_verdict(qtbot, page)

    assert result.valid and result.text is not None
    assert page.data_labels["name"][1].text() == result.text.name  # the holder's name, valid
    assert "3 tries left" in page.pin_tries.text()

    assert window.session is not None
    window.session.idle_timeout = dt.timedelta(0)  # the clerk walks away: the window locks
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=5000)
    assert page.result is None and not page.data_labels["name"][1].text()


def test_a_wrong_number_is_said_with_the_tries_left_and_the_last_try_is_asked(
    qtbot: QtBot, window: MainWindow
) -> None:
    _issued, unlock = issue(qtbot, window)
    spend_unlock_tries(qtbot, window, UNLOCK_TRIES - 2)  # earlier slips left two tries
    page = verifying_clerk(qtbot, window)
    type_printed_fields(qtbot, page, unlock, "0000")  # a wrong security code
    ctrl_enter(qtbot, page)
    qtbot.waitUntil(lambda: page.form_error.isVisible(), timeout=10000)
    assert "The unlock number was wrong. One try is left" in page.form_error.text()
    assert "1 try left" in page.unlock.tries.text()
    assert page.result is None and page.unlock.qr.hasFocus()

    code = page.unlock.security_code  # the clerk corrects the security code only
    code.setFocus()
    qtbot.keyClick(code, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(code, unlock[10:])
    ctrl_enter(qtbot, page)
    box = wait_for_last_try_box(qtbot, page)
    assert "last try" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter by habit: Cancel, nothing is sent
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=5000)
    assert page.runner.workflow is None and page.result is None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    ctrl_enter(qtbot, page)
    box = wait_for_last_try_box(qtbot, page)
    use = box.findChild(QAbstractButton, "lastTryUse")
    assert isinstance(use, QAbstractButton)
    qtbot.keyClick(use, Qt.Key.Key_Space)
    assert wait_verdict(qtbot, page).valid


def test_another_issuers_genuine_card_is_not_called_in_use(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Its register is not ours: genuine, in yellow, with the reason; never the plain 有効."""
    from counter_app.card.verification import Check, CheckId, Verdict
    from ui.pages.verification_page import NOT_CHECKED_STYLE, verdict_style

    page = verifying_clerk(qtbot, window)
    reason = "a card of another issuer (JPTEST); its register is not ours"
    genuine = Check(CheckId.CHIP_AUTHENTICATION, Verdict.SUCCEEDED, "the chip signed a challenge")
    status = Check(CheckId.REGISTER_STATUS, Verdict.NOT_CHECKED, reason)
    other = VerificationResult("0011223344556677", (), (genuine, status), valid=True)
    ours = VerificationResult(
        "0011223344556677",
        (),
        (genuine, Check(CheckId.REGISTER_STATUS, Verdict.SUCCEEDED, "in use")),
        valid=True,
    )
    assert page.verdict_text(other) != page.verdict_text(ours)
    assert "not checked" in page.verdict_text(other)
    assert (verdict_style(other), verdict_style(ours)) == (NOT_CHECKED_STYLE, VALID_STYLE)
