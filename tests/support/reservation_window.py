"""The facility reservation counter page in the real window: shared by its tests."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter_app import training
from counter_app.records import FacilityInfo, ResidentSummary
from counter_app.records.reservations import LOCAL_TIME, PURPOSE
from counter_app.workflows import CounterContext
from tests.support.counter_window import PIN, enter_pin, go_to, press
from tests.support.services_window import applet_admin_with_issued_card, install_service
from ui.main_window import MainWindow
from ui.pages.facility_reservation_page import FacilityReservationPage

COURT = "市民体育館 第1コート"  # 60-minute slots 09:00-21:00, closed Mondays, 2 per resident
ROOM = "公民館 会議室A"  # 30-minute slots 09:00-17:00 daily, cancel 48 hours before
MEMBER = "F-0001"


def context(window: MainWindow) -> CounterContext:
    ctx = window.services.context if window.services else None
    assert ctx is not None
    return ctx


def reservation_page(qtbot: QtBot, window: MainWindow) -> FacilityReservationPage:
    """Ctrl+0: the reservation page, its facilities read."""
    page = go_to(qtbot, window, "reservations")
    assert isinstance(page, FacilityReservationPage)
    qtbot.waitUntil(lambda: bool(page.day_view.facilities), timeout=20000)
    return page


def resident_with_facility_card(
    qtbot: QtBot, window: MainWindow
) -> tuple[FacilityReservationPage, str]:
    """A card issued to the first training resident with the facility service on it; the
    applet administrator (who also keeps the reservation counter) on the reservation page."""
    services, serial = applet_admin_with_issued_card(qtbot, window)
    install_service(qtbot, window, services, "facility", MEMBER)
    return reservation_page(qtbot, window), serial


def open_card(qtbot: QtBot, window: MainWindow, page: FacilityReservationPage) -> None:
    """Ctrl+Enter, the resident's PIN: the resident's bookings are shown."""
    press(qtbot, window, Qt.Key.Key_Return)
    enter_pin(qtbot, page, PIN, twice=False)
    qtbot.waitUntil(lambda: page.holder is not None and not page.working, timeout=20000)


def facility(page: FacilityReservationPage, name: str) -> FacilityInfo:
    return next(f for f in page.day_view.facilities if f.name == name)


def show_day(qtbot: QtBot, page: FacilityReservationPage, name: str, day: dt.date) -> None:
    """Choose the facility, then walk to `day` with PageUp/PageDown in the day field."""
    view = page.day_view
    view.facility_choice.setCurrentIndex(view.facility_choice.findData(facility(page, name).id))
    steps = (day - view.day()).days
    view.day_field.setFocus()
    key = Qt.Key.Key_PageDown if steps > 0 else Qt.Key.Key_PageUp
    for _ in range(abs(steps)):
        qtbot.keyClick(view.day_field, key)
    assert view.day() == day
    wait_slots(qtbot, page, day)


def wait_slots(qtbot: QtBot, page: FacilityReservationPage, day: dt.date) -> None:
    qtbot.waitUntil(
        lambda: (
            bool(page.day_view.slot_rows) and page.day_view.slot_rows[0].starts_at.date() == day
        ),
        timeout=20000,
    )


def slot_row(page: FacilityReservationPage, hour: int, minute: int = 0) -> list[str]:
    view = page.day_view
    index = next(
        i
        for i, s in enumerate(view.slot_rows)
        if (s.starts_at.hour, s.starts_at.minute) == (hour, minute)
    )
    return [view.slots.item(index, c).text() for c in range(view.slots.columnCount())]


def select_slot(qtbot: QtBot, page: FacilityReservationPage, hour: int, minute: int = 0) -> None:
    """The slots table has the keyboard, the slot at hour:minute selected."""
    view = page.day_view
    view.slots.setFocus()
    qtbot.keyClick(view.slots, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for slot in view.slot_rows:
        if (slot.starts_at.hour, slot.starts_at.minute) == (hour, minute):
            break
        qtbot.keyClick(view.slots, Qt.Key.Key_Down)
    selected = view.selected_slot()
    assert selected is not None and (selected.starts_at.hour, selected.starts_at.minute) == (
        hour,
        minute,
    )


def next_weekday(weekday: int, weeks_ahead: int = 1) -> dt.date:
    day = dt.datetime.now(LOCAL_TIME).date() + dt.timedelta(days=7 * weeks_ahead)
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def other_resident(ctx: CounterContext) -> ResidentSummary:
    """The second training resident (not the card's holder)."""
    person = training.TRAINING_RESIDENTS[1]
    hits = ctx.register.access(ctx.operator, PURPOSE).search(person.birth_date.isoformat()).hits
    return next(h for h in hits if f"{h.family_name}\u3000{h.given_name}" == person.name)


def rows(page: FacilityReservationPage) -> list[list[str]]:
    table = page.bookings
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]
