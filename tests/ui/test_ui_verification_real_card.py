"""A 個人番号カード presented at the counter, in the real window, keyboard only: the card panel
names it on insertion; the verifying clerk opens it with 照合番号B typed from its print or with
the resident's PIN; without the J-LIS key the verdict is "not checked" with the reason, never
valid; with the key in the data directory's jlis/ folder it is genuine, its register J-LIS's.
The card is served in process (tests/support/real_card.py plays J-LIS)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from counter_app.card.profile import UNLOCK_TRIES
from counter_app.virtual_card.inprocess import InProcessBackend
from tests.support import real_card
from tests.support.counter_window import enter_pin, spend_unlock_tries, wait_for_last_try_box
from tests.support.verification_window import (
    ctrl_enter,
    insert_real_card,
    type_real_card_print,
    verifying_clerk,
    wait_verdict,
)
from ui.main_window import MainWindow
from ui.pages.verification_page import NOT_CHECKED_STYLE, VerificationPage


def to_japanese(qtbot: QtBot, page: VerificationPage) -> None:
    japanese = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(page.unlock.qr, Qt.Key.Key_J, japanese)


def test_the_panel_names_the_card_and_without_the_jlis_key_it_is_not_checked(
    qtbot: QtBot, window: MainWindow, backend: InProcessBackend
) -> None:
    insert_real_card(qtbot, window, backend)
    panel = window.card_panel
    assert panel.headline.text() == "個人番号カード (issued by J-LIS)"
    assert "not in this municipality's register" in panel.advice.text()
    assert panel.values["pin"].text() == "3 tries left"  # asked without using one

    page = verifying_clerk(qtbot, window)
    to_japanese(qtbot, page)
    qtbot.waitUntil(lambda: "J-LIS" in panel.headline.text() and "発行" in panel.headline.text())
    assert "このシステムのカードではありません" not in panel.headline.text()
    assert "本市の台帳" in panel.values["register"].text()

    type_real_card_print(qtbot, page)
    ctrl_enter(qtbot, page)
    result = wait_verdict(qtbot, page)

    assert not result.valid and result.failed == ()
    verdict = page.verdict.text()
    assert verdict.startswith("確認できません") and "有効" not in verdict
    assert "信頼ストアにない" in verdict  # the reason: J-LIS's key is not configured
    assert page.verdict.styleSheet() == NOT_CHECKED_STYLE
    assert not page.data_labels["birth_date"][1].isVisible()  # nothing of the holder shown
    assert "信頼ストアにない" in page.data_state.text()


def test_with_the_jlis_key_the_card_is_genuine_and_its_register_is_jlis(
    qtbot: QtBot, window: MainWindow, backend: InProcessBackend, tmp_path: Path
) -> None:
    real_card.played_jlis().install(tmp_path / "home")  # read when the clerk logs in
    insert_real_card(qtbot, window, backend)
    page = verifying_clerk(qtbot, window)
    to_japanese(qtbot, page)
    type_real_card_print(qtbot, page)
    ctrl_enter(qtbot, page)
    result = wait_verdict(qtbot, page)

    assert result.valid and not result.in_use
    verdict = page.verdict.text()
    assert verdict.startswith("真正なカードですが") and "J-LIS" in verdict
    assert page.verdict.styleSheet() == NOT_CHECKED_STYLE
    assert page.data_labels["birth_date"][1].text() == "1980-04-03"


def test_the_last_try_of_its_number_is_asked_and_the_pin_opens_it(
    qtbot: QtBot, window: MainWindow, backend: InProcessBackend, tmp_path: Path
) -> None:
    real_card.played_jlis().install(tmp_path / "home")
    insert_real_card(qtbot, window, backend)
    spend_unlock_tries(qtbot, window, UNLOCK_TRIES - 2)  # earlier slips left two tries
    page = verifying_clerk(qtbot, window)
    type_real_card_print(qtbot, page, "9999")  # a slip in the security code
    ctrl_enter(qtbot, page)
    qtbot.waitUntil(lambda: "One try is left" in page.form_error.text(), timeout=10000)
    assert "1 try left" in page.unlock.tries.text()

    type_real_card_print(qtbot, page)
    ctrl_enter(qtbot, page)  # the tries are read first (VERIFY without data): one is left
    box = wait_for_last_try_box(qtbot, page)
    assert "last try" in box.text()
    use = box.findChild(QAbstractButton, "lastTryUse")
    assert isinstance(use, QAbstractButton)
    qtbot.keyClick(use, Qt.Key.Key_Space)
    assert wait_verdict(qtbot, page).valid

    qtbot.keyClick(page.unlock.qr, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.result is None, timeout=5000)
    qtbot.keyClick(page.unlock.qr, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    enter_pin(qtbot, page, real_card.PIN, twice=False)
    result = wait_verdict(qtbot, page)
    assert "3 tries left" in page.pin_tries.text()
    assert result.text is not None  # the PIN opens the text AP: its checks succeeded
    assert page.data_labels["name"][1].text() == real_card.card_data().attributes.name
    assert not result.valid  # the expiry is in the face data: the verdict says to open it
    assert "照合番号B" in page.verdict.text()
