"""A resident reserves a facility at the kiosk window, the card behind a real pcscd (vpcd).

The card is issued at the training counter with the facility service on it, then put in the
vpcd reader; the kiosk window talks to it through pcscd and pyscard only: the tries left read
when the card is placed, the PIN, the facility service's member number, and the card's removal
clearing the screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter_app.card_service.pcscd_service import InsertedCard
from counter_app.config import Configuration
from counter_app.virtual_card.card import VirtualCard
from counter_app.virtual_card.vpcd import CardLike
from tests.support.kiosk_window import (
    choose_service,
    desk_has_session,
    issue_training_card,
    kiosk_window,
    shown_texts,
    type_pin,
    wait_waiting,
)

ROOM = "公民館 会議室A"


@pytest.mark.pcscd
def test_a_resident_reserves_a_room_at_the_kiosk_through_pcscd(
    qtbot: QtBot,
    tmp_path: Path,
    empty_home: Path,
    insert_card: Callable[[CardLike], InsertedCard],
) -> None:
    from counter_app.card.pcsc import PcscBackend

    card = issue_training_card(empty_home, tmp_path, facility=True)
    config = Configuration(data_dir=empty_home)
    with kiosk_window(qtbot, config, lambda: PcscBackend()) as kiosk:
        slot = insert_card(VirtualCard.load(card.path))
        choose_service(qtbot, kiosk, 2, touch=False)
        assert kiosk.reader == slot.reader
        qtbot.waitUntil(lambda: "残り3回" in kiosk.pin_tries.text(), timeout=20000)
        type_pin(qtbot, kiosk)
        facilities = kiosk.facility
        assert facilities is not None
        qtbot.waitUntil(lambda: kiosk.stack.currentWidget() is facilities.home, timeout=30000)
        assert facilities.opened is not None
        names = [f.name for f in facilities.opened.facilities]
        qtbot.keyClick(kiosk, Qt.Key.Key_1 + names.index(ROOM))
        today = facilities.opened.today

        def showing(days: int) -> Callable[[], bool]:
            wanted = today + dt.timedelta(days=days)
            return lambda: facilities.view is not None and facilities.view.day == wanted

        qtbot.waitUntil(showing(0), timeout=20000)
        for days in (1, 2):  # two days on with the arrow key
            qtbot.keyClick(kiosk, Qt.Key.Key_Right)
            qtbot.waitUntil(showing(days), timeout=20000)
        qtbot.keyClick(kiosk.focusWidget(), Qt.Key.Key_Return)  # the first free slot: 09:00
        qtbot.waitUntil(
            lambda: kiosk.stack.currentWidget() is facilities.confirm_page, timeout=10000
        )
        qtbot.keyClick(kiosk.focusWidget(), Qt.Key.Key_Return)  # 予約する
        qtbot.waitUntil(
            lambda: kiosk.stack.currentWidget() is facilities.home and not kiosk.busy,
            timeout=20000,
        )
        said = facilities.home_notice.text()
        assert "予約しました" in said and ROOM in said and "09:00–09:30" in said
        slot.remove()
        wait_waiting(qtbot, kiosk)
        assert all(ROOM not in text for text in shown_texts(kiosk))
        assert not desk_has_session(qtbot, kiosk)
