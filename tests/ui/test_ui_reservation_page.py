"""The facility reservation counter page (Ctrl+0) in the real window, keyboard only.

Without a card the clerk sees a facility's day: free and booked slots, reservation numbers and
no names. With the card (the facility service put on it by the applet administrator, who also
keeps this counter) and the resident's PIN, the resident's bookings are listed; Enter books the
selected time, a taken time is refused in words with free times booked by Alt+1, the limit per
resident is refused in words, a booking is cancelled before its deadline, and after it only
with the clerk's reason. The card taken out takes the resident off the page.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel
from pytestqt.qtbot import QtBot

from counter_app import training
from counter_app.records.reservations import LOCAL_TIME, day_slots
from counter_app.virtual_card.inprocess import InProcessBackend
from tests.support.counter_window import enter_pin, press
from tests.support.reservation_window import (
    COURT,
    ROOM,
    context,
    facility,
    next_weekday,
    open_card,
    other_resident,
    reservation_page,
    resident_with_facility_card,
    rows,
    select_slot,
    show_day,
    slot_row,
    wait_slots,
)
from tests.support.services_window import alt
from ui.main_window import MainWindow

HOLDER = training.TRAINING_RESIDENTS[0].name
WEDNESDAY, MONDAY = 2, 0


def mnemonics(window: MainWindow) -> list[str]:
    """The Alt letters the clerk can reach now: labels with buddies, buttons, tabs, menus."""
    texts = [w.text() for w in window.findChildren(QLabel) if w.buddy() and w.isVisible()]
    texts += [w.text() for w in window.findChildren(QAbstractButton) if w.isVisible()]
    texts += [window.tabs.tabText(i) for i in range(window.tabs.count())]
    texts += [a.text() for a in window.menuBar().actions()]
    return [m.lower() for t in texts for m in re.findall(r"&([^&\s])", t)]


def test_the_clerk_sees_a_facility_day_without_a_resident(qtbot: QtBot, window: MainWindow) -> None:
    assert window.page_actions["reservations"].shortcut().toString() == "Ctrl+0"
    page = reservation_page(qtbot, window)  # Ctrl+0
    assert page.day_view.facility_choice.hasFocus()
    assert page.day_view.day() == dt.datetime.now(LOCAL_TIME).date()  # today by default
    ctx = context(window)
    court = facility(page, COURT)
    day = next_weekday(WEDNESDAY)
    someone = other_resident(ctx)
    booked = ctx.register.reservations.reserve(
        ctx.operator, court.id, someone.id, dt.datetime.combine(day, dt.time(10))
    )
    show_day(qtbot, page, COURT, day)
    assert page.day_view.weekday.text() == "Wednesday"
    assert len(page.day_view.slot_rows) == 12  # 09:00-21:00 in hours
    assert slot_row(page, 9) == ["09:00–10:00", "Free", ""]
    assert slot_row(page, 10) == ["10:00–11:00", "Booked", str(booked.id)]
    shown = [page.day_view.slots.item(r, c).text() for r in range(12) for c in range(3)]
    assert not any(someone.family_name in text for text in shown)  # numbers, never names
    assert page.holder is None and page.bookings.rowCount() == 0
    assert not page.reserve_button.isEnabled()

    # A Monday: the court is closed, said in words.
    monday = next_weekday(MONDAY)
    page.day_view.set_day(monday)
    qtbot.waitUntil(lambda: page.day_view.day_note.isVisible(), timeout=20000)
    assert page.day_view.slots.rowCount() == 0
    assert "Closed" in page.day_view.day_note.text()


def test_a_resident_reserves_with_card_and_pin_then_takes_an_offered_time(
    qtbot: QtBot, window: MainWindow, backend: InProcessBackend
) -> None:
    page, _serial = resident_with_facility_card(qtbot, window)
    letters = mnemonics(window)
    assert len(letters) == len(set(letters)), letters
    open_card(qtbot, window, page)
    assert HOLDER in page.resident_label.text() and page.bookings.rowCount() == 0
    assert page.day_view.slots.hasFocus()

    day = next_weekday(WEDNESDAY)
    show_day(qtbot, page, COURT, day)
    select_slot(qtbot, page, 10)
    qtbot.keyClick(page.day_view.slots, Qt.Key.Key_Return)  # Enter books the selected time
    qtbot.waitUntil(lambda: "Booked:" in page.desk_status.text(), timeout=20000)
    [booking] = rows(page)
    assert booking[:3] == [COURT, day.isoformat(), "10:00–11:00"]
    qtbot.waitUntil(lambda: slot_row(page, 10)[1] == "Booked by this resident", timeout=20000)
    assert slot_row(page, 10)[2] == booking[3]
    assert f"Reservation number {booking[3]}" in page.desk_status.text()

    # Someone else takes 11:00 meanwhile (a kiosk); the clerk, in Japanese, tries it.
    ctx = context(window)
    ctx.register.reservations.reserve(
        ctx.operator, facility(page, COURT).id, other_resident(ctx).id,
        dt.datetime.combine(day, dt.time(11)),
    )  # fmt: skip
    window.set_language("ja")
    select_slot(qtbot, page, 11)
    qtbot.keyClick(page.day_view.slots, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "予約" in page.desk_status.text() and not page.working, timeout=20000)
    assert "既に" in page.desk_status.text(), page.desk_status.text()
    offer = page.offer_buttons[0]
    assert offer.isVisible() and "12:00–13:00" in offer.text() and offer.hasFocus()
    alt(qtbot, window, Qt.Key.Key_1)  # one key books the first free time offered
    qtbot.waitUntil(lambda: page.bookings.rowCount() == 2, timeout=20000)
    assert [r[2] for r in rows(page)] == ["10:00–11:00", "12:00–13:00"]  # soonest first
    assert not offer.isVisible()

    # Two court bookings is the limit per resident: the third is refused in words.
    select_slot(qtbot, page, 15)
    qtbot.keyClick(page.day_view.slots, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "持てる今後の予約" in page.desk_status.text(), timeout=20000)
    assert page.bookings.rowCount() == 2

    # Cancelled a week ahead, before the deadline: no reason needed.
    alt(qtbot, window, Qt.Key.Key_H)
    qtbot.keyClick(page.bookings, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    alt(qtbot, window, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: page.bookings.rowCount() == 1, timeout=20000)
    assert rows(page)[0][2] == "12:00–13:00"
    qtbot.waitUntil(lambda: slot_row(page, 10)[1] == "空き", timeout=20000)

    # The card taken out: nothing of the resident stays on the page.
    backend.reader.remove()
    qtbot.waitUntil(lambda: page.holder is None, timeout=10000)
    assert page.bookings.rowCount() == 0 and "研修" not in page.resident_label.text()
    qtbot.waitUntil(lambda: slot_row(page, 12)[1] == "予約済み", timeout=20000)  # not "mine"
    assert not page.reserve_button.isEnabled()


def test_a_late_cancellation_needs_the_clerks_reason_and_a_wrong_pin_is_told(
    qtbot: QtBot, window: MainWindow, backend: InProcessBackend
) -> None:
    page, _serial = resident_with_facility_card(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Return)
    enter_pin(qtbot, page, "9999", twice=False)
    qtbot.waitUntil(lambda: "The PIN was wrong" in page.desk_status.text(), timeout=20000)
    assert "tries are left" in page.desk_status.text() and page.holder is None

    # The card taken out while the resident types the PIN: the PIN dialog goes with it.
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.pin_dialog is not None, timeout=20000)
    card_file = backend.reader.card_path
    assert card_file is not None
    backend.reader.remove()
    qtbot.waitUntil(lambda: page.pin_dialog is None, timeout=10000)
    backend.insert_card(card_file)
    qtbot.wait(500)
    assert page.action_button.hasFocus()  # Ctrl+Enter opens it again
    open_card(qtbot, window, page)

    # The meeting room's first slot at least an hour away: within its 48-hour deadline.
    room = facility(page, ROOM)
    now = dt.datetime.now(LOCAL_TIME).replace(tzinfo=None)
    start = next(
        a
        for offset in range(3)
        for a, _b in day_slots(room, now.date() + dt.timedelta(days=offset))
        if a > now + dt.timedelta(hours=1)
    )
    show_day(qtbot, page, ROOM, start.date())
    wait_slots(qtbot, page, start.date())
    select_slot(qtbot, page, start.hour, start.minute)
    qtbot.keyClick(page.day_view.slots, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.bookings.rowCount() == 1, timeout=20000)

    alt(qtbot, window, Qt.Key.Key_H)
    alt(qtbot, window, Qt.Key.Key_E)  # cancel without a reason: refused, the reason asked
    qtbot.waitUntil(lambda: "reason" in page.desk_status.text(), timeout=20000)
    assert page.bookings.rowCount() == 1 and page.reason_field.hasFocus()
    qtbot.keyClicks(page.reason_field, "Illness, told by phone")
    qtbot.keyClick(page.reason_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.bookings.rowCount() == 0, timeout=20000)
    assert "Cancelled:" in page.desk_status.text() and page.reason_field.text() == ""

    # Logging out leaves nothing of the resident on the page.
    press(qtbot, window, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=5000)
    assert page.holder is None and "研修" not in page.resident_label.text()
    assert page.day_view.slots.rowCount() == 0
