"""Facility reservations at the kiosk window, on the training register and its facilities.

A card issued to a training resident carries the facility service. The resident places it,
chooses 施設の予約 from the services menu, sees the PIN's tries left before typing, and reserves
by touch or by keyboard alone; a slot someone else took first is said in words and other free
times offered as buttons; a reservation is cancelled before its deadline, and one past it is
left to the counter in words; the per-resident limit is refused in words. Card removal and idle
clear the screen and end the session on the worker.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from counter_app.card.errors import InvalidPinError
from counter_app.card.sessions.text import TextSession
from counter_app.config import (
    HOME_ENV,
    KIOSK_SERVICES_ENV,
    Configuration,
    configuration_from_environment,
)
from counter_app.errors import ConfigurationError
from counter_app.records.reservations import local_now
from counter_app.virtual_card.inprocess import InProcessBackend
from tests.support.card_fixtures import Card
from tests.support.kiosk_window import (
    CARD_PIN,
    book_directly,
    choose_service,
    desk_has_session,
    issue_training_card,
    kiosk_window,
    shown_texts,
    type_pin,
    wait_waiting,
)
from ui.kiosk_facility import FacilityFlow
from ui.kiosk_parts import BIG
from ui.kiosk_window import MENU, MESSAGE, PIN, KioskWindow

ROOM = "公民館 会議室A"  # 30-minute slots 09:00-17:00 daily, cancel until 48 h before
COURT = "市民体育館 第1コート"  # 60 minutes, closed Mondays
HALL = "文化ホール 大ホール"  # 180 minutes, closed Tuesdays, one per resident, 168 h deadline
TUESDAY, MONDAY = 1, 0


@pytest.fixture
def card(empty_home: Path, tmp_path: Path) -> Card:
    return issue_training_card(empty_home, tmp_path, facility=True)


@pytest.fixture
def kiosk(qtbot: QtBot, empty_home: Path, card: Card) -> Iterator[KioskWindow]:
    config = Configuration(data_dir=empty_home)
    with kiosk_window(qtbot, config, lambda: InProcessBackend(card.reader)) as window:
        yield window


def today() -> dt.date:
    return local_now(dt.datetime.now(dt.UTC)).date()


def open_day(after: int, closed: int) -> dt.date:
    """The first day at least `after` days from today that is not the `closed` weekday."""
    day = today() + dt.timedelta(days=after)
    return day if day.weekday() != closed else day + dt.timedelta(days=1)


def flow(window: KioskWindow) -> FacilityFlow:
    assert window.facility is not None
    return window.facility


def on_page(window: KioskWindow, page: object) -> bool:
    return window.stack.currentWidget() is page and not window.busy


def sign_in(qtbot: QtBot, window: KioskWindow, card: Card, *, touch: bool = False) -> FacilityFlow:
    """Card in, 施設の予約, the PIN: the facilities page."""
    card.reader.insert(card.path)
    choose_service(qtbot, window, 2, touch=touch)
    qtbot.waitUntil(lambda: "残り3回" in window.pin_tries.text(), timeout=10000)
    if touch:
        for digit in CARD_PIN:
            qtbot.mouseClick(window.digit_buttons[digit], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(window.pin_ok, Qt.MouseButton.LeftButton)
    else:
        type_pin(qtbot, window)
    facilities = flow(window)
    qtbot.waitUntil(lambda: on_page(window, facilities.home), timeout=30000)
    return facilities


def facility_button(facilities: FacilityFlow, name: str) -> QPushButton:
    assert facilities.opened is not None
    names = [f.name for f in facilities.opened.facilities]
    return facilities.facility_buttons[names.index(name)]


def moved_past(facilities: FacilityFlow, day: dt.date) -> bool:
    return facilities.view is not None and facilities.view.day > day


def go_to_day(
    qtbot: QtBot, window: KioskWindow, facilities: FacilityFlow, day: dt.date, *, touch: bool
) -> None:
    while facilities.view is not None and facilities.view.day < day:
        shown = facilities.view.day
        if touch:
            qtbot.mouseClick(facilities.next_day, Qt.MouseButton.LeftButton)
        else:
            qtbot.keyClick(window, Qt.Key.Key_Right)
        qtbot.waitUntil(functools.partial(moved_past, facilities, shown), timeout=10000)
    qtbot.waitUntil(lambda: on_page(window, facilities.day_page), timeout=10000)


def slot_button(facilities: FacilityFlow, at: dt.time) -> QPushButton:
    (button,) = [b for s, b in facilities.slot_buttons if s.starts_at.time() == at]
    return button


def assert_forgotten(window: KioskWindow, facilities: FacilityFlow) -> None:
    texts = "\n".join(shown_texts(window))
    for said in ("ご自身の予約", "予約しました", ROOM, COURT, HALL, CARD_PIN):
        assert said not in texts
    assert facilities.opened is None and facilities.view is None
    assert facilities.slot_buttons == [] and facilities.booking_rows == []
    assert window.pin_field.text() == ""


def test_the_menu_offers_both_services_and_the_setting_narrows_it(
    qtbot: QtBot, kiosk: KioskWindow, card: Card, empty_home: Path
) -> None:
    card.reader.insert(card.path)
    qtbot.waitUntil(lambda: kiosk.stack.currentIndex() == MENU, timeout=10000)
    assert [b.text() for b in kiosk.menu_buttons] == ["1  住民票の写し", "2  施設の予約"]
    assert all(b.minimumHeight() >= BIG for b in kiosk.menu_buttons)
    # The certificate's PIN page shows the tries left too, before any try.
    qtbot.keyClick(kiosk, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: "残り3回" in kiosk.pin_tries.text(), timeout=10000)
    assert kiosk.flow is kiosk.certificate
    card.reader.remove()
    wait_waiting(qtbot, kiosk)
    assert kiosk.pin_tries.text() == ""


def test_the_kiosk_services_setting_narrows_the_kiosk_to_reservations(
    qtbot: QtBot, card: Card, empty_home: Path
) -> None:
    only = configuration_from_environment(
        {HOME_ENV: str(empty_home), KIOSK_SERVICES_ENV: " Facility "}
    )
    assert only.kiosk_services == ("facility",)
    with pytest.raises(ConfigurationError):
        configuration_from_environment({HOME_ENV: str(empty_home), KIOSK_SERVICES_ENV: "bank"})
    with kiosk_window(qtbot, only, lambda: InProcessBackend(card.reader)) as facility_only:
        assert facility_only.certificate is None and len(facility_only.menu_buttons) == 1
        card.reader.insert(card.path)  # no menu: straight to the PIN
        qtbot.waitUntil(lambda: facility_only.stack.currentIndex() == PIN, timeout=10000)
        assert facility_only.flow is facility_only.facility


def test_tries_left_before_the_first_pin_after_a_wrong_one_and_the_last_try_confirmed(
    qtbot: QtBot, kiosk: KioskWindow, card: Card
) -> None:
    card.reader.insert(card.path)
    choose_service(qtbot, kiosk, 2, touch=False)
    qtbot.waitUntil(lambda: "残り3回" in kiosk.pin_tries.text(), timeout=10000)
    type_pin(qtbot, kiosk, "0000")
    qtbot.waitUntil(lambda: "残り2回" in kiosk.pin_tries.text(), timeout=30000)
    assert "暗証番号が違います" in kiosk.pin_message.text()
    type_pin(qtbot, kiosk, "1111")
    qtbot.waitUntil(lambda: "残り1回" in kiosk.pin_tries.text(), timeout=30000)
    assert "ロック" in kiosk.pin_tries.text() and "b00020" in kiosk.pin_tries.styleSheet()
    # The last try is not sent by Enter: the resident is asked, "enter again" has the keyboard.
    type_pin(qtbot, kiosk, CARD_PIN)
    qtbot.waitUntil(lambda: kiosk.focusWidget() is kiosk.last_try_back, timeout=5000)
    assert kiosk.last_try.isVisible()
    assert "最後の1回を使う" in kiosk.pin_message.text()
    qtbot.keyClick(kiosk.last_try_back, Qt.Key.Key_Return)
    assert not kiosk.last_try.isVisible() and kiosk.pin_field.text() == ""
    answers: list[object] = []
    kiosk.worker.submit(lambda desk: desk.pin_tries(card.reader.name), answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=10000)
    assert answers == [1]  # nothing was sent
    type_pin(qtbot, kiosk, CARD_PIN)
    qtbot.mouseClick(kiosk.last_try_use, Qt.MouseButton.LeftButton)
    facilities = flow(kiosk)
    qtbot.waitUntil(lambda: on_page(kiosk, facilities.home), timeout=30000)
    card.reader.remove()
    wait_waiting(qtbot, kiosk)
    card.reader.insert(card.path)  # the right PIN gave the tries back
    choose_service(qtbot, kiosk, 2, touch=True)
    qtbot.waitUntil(lambda: "残り3回" in kiosk.pin_tries.text(), timeout=10000)


def test_a_card_placed_with_its_pin_blocked_is_sent_to_the_counter(
    qtbot: QtBot, kiosk: KioskWindow, card: Card
) -> None:
    text = TextSession(card.transport())
    text.select()
    for _ in range(3):
        with contextlib.suppress(InvalidPinError):
            text.verify("0000")
    card.reader.remove()
    card.reader.insert(card.path)
    qtbot.waitUntil(lambda: kiosk.stack.currentIndex() == MESSAGE, timeout=10000)
    assert "暗証番号がロックされています" in kiosk.message.text()
    assert "窓口" in kiosk.message_detail.text()
    assert "カードをお取りください" in kiosk.message_detail.text()
    assert not desk_has_session(qtbot, kiosk)


def test_by_touch_a_room_is_reserved_shown_as_yours_and_cancelled_before_the_deadline(
    qtbot: QtBot, kiosk: KioskWindow, card: Card
) -> None:
    facilities = sign_in(qtbot, kiosk, card, touch=True)
    assert all(b.minimumHeight() >= BIG for b in facilities.facility_buttons)
    qtbot.mouseClick(facility_button(facilities, ROOM), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: on_page(kiosk, facilities.day_page), timeout=10000)
    assert facilities.view is not None and facilities.view.day == today()
    assert not facilities.previous_day.isEnabled()  # nothing to book in the past
    day = today() + dt.timedelta(days=3)
    go_to_day(qtbot, kiosk, facilities, day, touch=True)
    assert "09:00–09:30\n空き" in slot_button(facilities, dt.time(9)).text()
    qtbot.mouseClick(slot_button(facilities, dt.time(9)), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: on_page(kiosk, facilities.confirm_page), timeout=5000)
    assert (
        ROOM in facilities.confirm_text.text() and "09:00–09:30" in facilities.confirm_text.text()
    )
    qtbot.mouseClick(facilities.reserve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: on_page(kiosk, facilities.home), timeout=10000)
    assert "予約しました" in facilities.home_notice.text()
    assert f"{day.month}月{day.day}日" in facilities.home_notice.text()

    qtbot.mouseClick(facility_button(facilities, ROOM), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: on_page(kiosk, facilities.day_page), timeout=10000)
    go_to_day(qtbot, kiosk, facilities, day, touch=True)
    mine = slot_button(facilities, dt.time(9))
    assert "ご自身の予約" in mine.text() and not mine.isEnabled()
    qtbot.mouseClick(facilities.day_back, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(facilities.mine_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: on_page(kiosk, facilities.mine_page), timeout=10000)
    ((booking, label, cancel),) = facilities.booking_rows
    assert ROOM in label.text() and booking.cancellable and cancel is not None
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: on_page(kiosk, facilities.mine_page) and facilities.booking_rows == [],
        timeout=10000,
    )
    assert "予約を取り消しました" in facilities.mine_notice.text()
    qtbot.mouseClick(facilities.mine_back, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(facilities.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kiosk.stack.currentIndex() == MESSAGE, timeout=5000)
    assert "カードをお取りください" in kiosk.message_detail.text()
    assert_forgotten(kiosk, facilities)
    assert not desk_has_session(qtbot, kiosk)


def test_by_keyboard_alone_a_court_is_reserved_and_the_session_finished(
    qtbot: QtBot, kiosk: KioskWindow, card: Card
) -> None:
    facilities = sign_in(qtbot, kiosk, card)
    assert facility_button(facilities, COURT).text().startswith("2  ")
    qtbot.keyClick(kiosk, Qt.Key.Key_2)  # the second facility: 第1コート
    qtbot.waitUntil(lambda: on_page(kiosk, facilities.day_page), timeout=10000)
    day = open_day(2, MONDAY)
    go_to_day(qtbot, kiosk, facilities, day, touch=False)
    qtbot.keyClick(kiosk, Qt.Key.Key_Left)  # the arrows go back a day too
    qtbot.waitUntil(
        lambda: facilities.view is not None and facilities.view.day < day, timeout=10000
    )
    go_to_day(qtbot, kiosk, facilities, day, touch=False)
    first = slot_button(facilities, dt.time(9))
    assert kiosk.focusWidget() is first  # the first free slot has the keyboard
    qtbot.keyClick(kiosk, Qt.Key.Key_Down)
    assert kiosk.focusWidget() is slot_button(facilities, dt.time(10))
    qtbot.keyClick(kiosk.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: on_page(kiosk, facilities.confirm_page), timeout=5000)
    assert "10:00–11:00" in facilities.confirm_text.text()
    assert kiosk.focusWidget() is facilities.reserve_button
    qtbot.keyClick(kiosk.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: on_page(kiosk, facilities.home), timeout=10000)
    assert "10:00–11:00" in facilities.home_notice.text()
    qtbot.keyClick(kiosk, Qt.Key.Key_0)  # your reservations
    qtbot.waitUntil(lambda: on_page(kiosk, facilities.mine_page), timeout=10000)
    assert [COURT in label.text() for _b, label, _c in facilities.booking_rows] == [True]
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: on_page(kiosk, facilities.home), timeout=5000)
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)  # 終わる
    qtbot.waitUntil(lambda: kiosk.stack.currentIndex() == MESSAGE, timeout=5000)
    assert_forgotten(kiosk, facilities)
    assert not desk_has_session(qtbot, kiosk)


def test_a_slot_taken_meanwhile_is_said_and_a_free_one_offered_books_at_once(
    qtbot: QtBot, kiosk: KioskWindow, card: Card, empty_home: Path
) -> None:
    facilities = sign_in(qtbot, kiosk, card)
    qtbot.mouseClick(facility_button(facilities, COURT), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: on_page(kiosk, facilities.day_page), timeout=10000)
    day = open_day(3, MONDAY)
    go_to_day(qtbot, kiosk, facilities, day, touch=True)
    wanted = dt.datetime.combine(day, dt.time(10))
    book_directly(empty_home, 1, COURT, wanted)  # another resident, at another kiosk
    qtbot.mouseClick(slot_button(facilities, dt.time(10)), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(facilities.reserve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: on_page(kiosk, facilities.confirm_page) and bool(facilities.offer_buttons),
        timeout=10000,
    )
    assert "既に他の方が予約しています" in facilities.confirm_notice.text()
    assert not facilities.reserve_button.isVisible()
    offered = facilities.offer_buttons[0]
    assert "11:00–12:00" in offered.text() and kiosk.focusWidget() is offered
    qtbot.mouseClick(offered, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: on_page(kiosk, facilities.home), timeout=10000)
    assert "11:00–12:00" in facilities.home_notice.text()
    # The day view shows the other booking only as booked: nothing of who.
    qtbot.mouseClick(facility_button(facilities, COURT), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: on_page(kiosk, facilities.day_page), timeout=10000)
    go_to_day(qtbot, kiosk, facilities, day, touch=True)
    taken = slot_button(facilities, dt.time(10))
    assert taken.text() == "10:00–11:00\n予約済み" and not taken.isEnabled()
    assert "ご自身の予約" in slot_button(facilities, dt.time(11)).text()


def test_after_the_deadline_the_counter_cancels_and_the_limit_is_refused_in_words(
    qtbot: QtBot, kiosk: KioskWindow, card: Card, empty_home: Path
) -> None:
    day = open_day(1, TUESDAY)
    book_directly(empty_home, 0, HALL, dt.datetime.combine(day, dt.time(9)))  # within 168 h
    facilities = sign_in(qtbot, kiosk, card)
    qtbot.keyClick(kiosk, Qt.Key.Key_0)
    qtbot.waitUntil(lambda: on_page(kiosk, facilities.mine_page), timeout=10000)
    ((booking, label, cancel),) = facilities.booking_rows
    assert not booking.cancellable and cancel is None
    assert "窓口でお申し出ください" in label.text()
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: on_page(kiosk, facilities.home), timeout=5000)
    qtbot.mouseClick(facility_button(facilities, HALL), Qt.MouseButton.LeftButton)
    later = open_day(8, TUESDAY)
    qtbot.waitUntil(lambda: on_page(kiosk, facilities.day_page), timeout=10000)
    go_to_day(qtbot, kiosk, facilities, later, touch=True)
    qtbot.mouseClick(slot_button(facilities, dt.time(9)), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(facilities.reserve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: on_page(kiosk, facilities.confirm_page) and bool(facilities.confirm_notice.text()),
        timeout=10000,
    )
    assert "一人が持てる今後の予約の数に達しています" in facilities.confirm_notice.text()
    assert facilities.offer_buttons == [] and kiosk.focusWidget() is facilities.confirm_back


def test_card_removal_and_idle_clear_the_screen_and_the_session(
    qtbot: QtBot, kiosk: KioskWindow, card: Card, empty_home: Path
) -> None:
    day = open_day(4, TUESDAY)
    book_directly(empty_home, 0, HALL, dt.datetime.combine(day, dt.time(12)))
    facilities = sign_in(qtbot, kiosk, card)
    qtbot.mouseClick(facility_button(facilities, HALL), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: on_page(kiosk, facilities.day_page), timeout=10000)
    go_to_day(qtbot, kiosk, facilities, day, touch=True)
    assert "ご自身の予約" in slot_button(facilities, dt.time(12)).text()
    assert desk_has_session(qtbot, kiosk)
    card.reader.remove()
    wait_waiting(qtbot, kiosk)
    assert_forgotten(kiosk, facilities)
    assert not desk_has_session(qtbot, kiosk)

    facilities = sign_in(qtbot, kiosk, card)
    qtbot.keyClick(kiosk, Qt.Key.Key_0)
    qtbot.waitUntil(lambda: on_page(kiosk, facilities.mine_page), timeout=10000)
    assert len(facilities.booking_rows) == 1
    kiosk._idle.start(50)  # the idle time, shortened
    qtbot.waitUntil(lambda: kiosk.stack.currentIndex() == MESSAGE, timeout=5000)
    assert "時間が過ぎたため" in kiosk.message.text()
    assert_forgotten(kiosk, facilities)
    assert not desk_has_session(qtbot, kiosk)
