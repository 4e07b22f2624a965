"""The facility reservation counter: a clerk reserves and cancels for the resident at the counter.

Without a resident the page is the clerk's day view of a facility (reservation numbers, never
names). Ctrl+Enter reads the card in the reader: the register refuses a card not in use or a
facility service locked or missing before any PIN; the resident then enters the card's PIN and
the facility service names the resident, whose reservations are listed soonest first. Enter
books the selected time (and the slots after it, as many as chosen); a taken time is refused in
words with the next free times, each booked with Alt+1..3. Alt+E cancels the selected
booking; after the facility's deadline the clerk writes the reason first.

Card steps run on the card thread, register work on the database worker. The card leaving the
reader, a logout, the idle lock or the next resident clear the resident from the page; an answer
that arrives after is not shown. Every booking, refusal and cancellation is audited by the
register under the multipurpose services purpose.
"""

from __future__ import annotations

import datetime as dt
import functools

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.records import FacilityInfo, ReservationInfo, Slot
from counter_app.records.errors import CancellationReasonRequiredError, SlotTakenError
from counter_app.records.reservations import PURPOSE
from counter_app.workflows.facility_reservation import offered_slots
from ui.errors import error_texts
from ui.pages import reservation_jobs as jobs
from ui.pages.card_desk import CardDeskPage, desk_button
from ui.pages.context import PageServices
from ui.pages.facility_day_view import FacilityDayView, span_text
from ui.pages.reservation_jobs import ResidentBookings
from ui.pages.resident_bookings_box import ResidentBookingsBox

MAX_SLOTS_IN_A_ROW = 8


class FacilityReservationPage(CardDeskPage):
    """The clerk's day view of a facility, and reservations for the resident whose card is in."""

    search_purpose = PURPOSE

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, "reservationPage", "reservationStatus", parent)
        self.holder: ResidentBookings | None = None  # the resident whose card is open
        self.offers: list[tuple[dt.datetime, dt.datetime]] = []
        self.day_request = 0  # only the newest day view asked for is shown
        self.day_view = FacilityDayView()
        self.day_view.changed.connect(self.load_day)
        self.count_label = QLabel()
        self.count = QSpinBox()
        self.count.setObjectName("reservationSlotCount")
        self.count.setRange(1, MAX_SLOTS_IN_A_ROW)
        self.count_label.setBuddy(self.count)
        self.reserve_button = desk_button("reservationReserve", self.reserve)
        for widget in (self.day_view.slots, self.count):
            for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                enter = QShortcut(QKeySequence(key), widget)
                enter.setContext(Qt.ShortcutContext.WidgetShortcut)
                enter.activated.connect(self.reserve)
        self.offer_buttons = [
            desk_button(f"reservationOffer{n}", self._offer(n)) for n in (1, 2, 3)
        ]
        row = QHBoxLayout()
        row.addWidget(self.count_label)
        row.addWidget(self.count)
        row.addWidget(self.reserve_button)
        row.addStretch(1)
        offers = QVBoxLayout()
        for button in self.offer_buttons:
            offers.addWidget(button)
        self.booking_box = QWidget()
        booking = QVBoxLayout(self.booking_box)
        booking.setContentsMargins(0, 0, 0, 0)
        booking.addLayout(row)
        booking.addLayout(offers)
        booking.addWidget(self.desk_status)

        self.resident_group = ResidentBookingsBox(self.cancel)
        self.resident_label = self.resident_group.resident_label
        self.bookings = self.resident_group.table
        self.reason_field = self.resident_group.reason_field
        self.cancel_button = self.resident_group.cancel_button
        self.lay_out(self.day_view, self.booking_box, self.resident_group)
        self.render_desk()

    # --- texts -----------------------------------------------------------------------------

    def retranslate_task(self) -> None:
        """Set the page's texts in the current language."""
        self.action_button.setText(self.tr("&Open the resident's card in the reader (Ctrl+Enter)"))
        self.day_view.retranslate()
        self.count_label.setText(self.tr("Slots boo&ked together:"))
        self.count.setAccessibleName(self.tr("Slots booked together"))
        self.reserve_button.setText(self.tr("&Book the selected time (Enter)"))
        self.reserve_button.setAccessibleName(self.reserve_button.text().replace("&", ""))
        self.resident_group.retranslate()
        self.render_desk()

    # --- the page in the window ------------------------------------------------------------

    def entry_field(self) -> QWidget:
        """Where the keyboard starts: the slots once a resident is open, else the facility."""
        if self.holder is not None:
            return self.day_view.slots
        return self.day_view.facility_choice

    def set_session_ready(self) -> None:
        """The operator's context arrived: the facilities, then today's slots."""
        super().set_session_ready()
        ctx = self.services.context
        if ctx is not None:
            self.services.db_thread.submit(
                functools.partial(jobs.facilities, ctx), self._facilities_read, self.failed
            )

    def showEvent(self, event: QShowEvent) -> None:
        """Coming to the page: the day again (a kiosk may have booked meanwhile)."""
        super().showEvent(event)
        self.load_day()

    def after_failure(self) -> None:
        """After a refusal: the slots while a resident is open, else the open button."""
        (self.day_view.slots if self.holder is not None else self.action_button).setFocus()

    def resident_open(self) -> bool:
        """True while a resident's card is open."""
        return self.holder is not None

    def forget_card(self) -> None:
        """Nothing of the resident stays: name, bookings, offers, the marks in the day view."""
        self.holder = None
        self.offers = []
        self.reason_field.clear()
        if self.services.context is None:
            self.day_view.show_slots([])  # logged out: the next operator sees nothing
        else:
            self.load_day()

    # --- the day view ----------------------------------------------------------------------

    def _facilities_read(self, facilities: list[FacilityInfo]) -> None:
        if self.services.context is None:
            return
        self.day_view.set_facilities(facilities)
        self.load_day()

    def load_day(self) -> None:
        """Ask the register for the chosen facility's slots on the chosen day."""
        ctx, facility_id = self.services.context, self.day_view.facility_id()
        if ctx is None or facility_id is None:
            return
        self.day_request += 1
        resident_id = self.holder.resident_id if self.holder is not None else None
        self.services.db_thread.submit(
            functools.partial(jobs.day_slots, ctx, resident_id, facility_id, self.day_view.day()),
            functools.partial(self._day_read, self.generation, self.day_request),
            functools.partial(self._day_failed, self.generation),
        )

    def _day_read(self, generation: int, request: int, slots: list[Slot]) -> None:
        if generation == self.generation and request == self.day_request:
            self.day_view.show_slots(slots)

    def _day_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self.generation:
            self.day_view.show_slots([])
            what, todo = error_texts(exc)
            self.say(f"{what}\n{todo}", error=True)

    # --- opening the card ------------------------------------------------------------------

    def open_card(self) -> None:
        """Ask the register about the card in the reader, then the resident's PIN (Ctrl+Enter)."""
        ctx = self.services.context
        if self.working or ctx is None:
            return
        self.clear_card()
        self.on_card(
            functools.partial(jobs.check_card, ctx),
            self._card_allowed,
            self.tr("Reading the card…"),
        )

    def _card_allowed(self, _serial: object) -> None:
        self.say(self.tr("The resident enters the card's PIN."), error=False)
        self.ask_pin(self._pin_entered, confirm=False)

    def _pin_entered(self, pin: str, _unlock: str) -> None:
        ctx = self.services.context
        self.window().activateWindow()  # the resident's dialog closed: the keyboard is back here
        if ctx is not None:
            self.on_card(
                functools.partial(jobs.holder, ctx, pin), self._holder_found, self.tr("Reading…")
            )

    def _holder_found(self, resident_id: int) -> None:
        ctx = self.services.context
        if ctx is not None:
            self.on_register(
                functools.partial(jobs.resident_bookings, ctx, resident_id),
                self._resident_read,
                self.tr("Reading the resident's bookings…"),
            )

    def _resident_read(self, resident: ResidentBookings) -> None:
        self.holder = resident
        self.load_day()
        self.day_view.slots.setFocus()

    # --- booking ---------------------------------------------------------------------------

    def reserve(self) -> None:
        """Book the selected time for the resident (Enter in the slots)."""
        slot = self.day_view.selected_slot()
        if slot is None:
            self.say(self.tr("Choose a free time in the day view first."), error=True)
            return
        self._book(slot.starts_at)

    def _offer(self, number: int) -> functools.partial[None]:
        return functools.partial(self._take_offer, number - 1)

    def _take_offer(self, index: int) -> None:
        if index < len(self.offers):
            self._book(self.offers[index][0])

    def _book(self, start: dt.datetime) -> None:
        ctx, resident, facility_id = self.services.context, self.holder, self.day_view.facility_id()
        if self.working or ctx is None or facility_id is None:
            return
        if resident is None:
            self.say(self.tr("Open the resident's card first (Ctrl+Enter)."), error=True)
            return
        self.on_register(
            functools.partial(
                jobs.reserve, ctx, resident.resident_id, facility_id, start, self.count.value()
            ),
            self._booked,
            self.tr("Booking…"),
            self._refused,
        )

    def _booked(self, outcome: tuple[ReservationInfo, tuple[ReservationInfo, ...]]) -> None:
        booked, bookings = outcome
        self._set_bookings(bookings)
        self.offers = []
        self.day_view.set_day(booked.starts_at.date())
        self.load_day()
        self.say(
            self.tr("Booked: {facility}, {day} {time}. Reservation number {number}.").format(
                facility=self._facility_name(booked.facility_id),
                day=booked.starts_at.date().isoformat(),
                time=span_text(booked.starts_at, booked.ends_at),
                number=booked.id,
            ),
            error=False,
        )
        self.day_view.select_start(booked.starts_at)
        self.day_view.slots.setFocus()

    def _refused(self, exc: BaseException) -> None:
        self.offers = offered_slots(exc) if isinstance(exc, SlotTakenError) else []
        self.failed(exc)
        self.load_day()  # someone else may have booked meanwhile
        if self.offers:
            self.render_desk()
            self.offer_buttons[0].setFocus()

    # --- cancelling ------------------------------------------------------------------------

    def cancel(self) -> None:
        """Cancel the selected booking of the resident (Alt+E; the reason when late)."""
        ctx, resident, row = self.services.context, self.holder, self.bookings.currentRow()
        if self.working or ctx is None or resident is None:
            return
        if not 0 <= row < len(resident.bookings):
            self.say(self.tr("Choose one of the resident's bookings first."), error=True)
            self.bookings.setFocus()
            return
        self.on_register(
            functools.partial(
                jobs.cancel, ctx, resident.resident_id, resident.bookings[row].id,
                self.reason_field.text(),
            ),
            self._cancelled,
            self.tr("Cancelling…"),
            self._cancel_refused,
        )  # fmt: skip

    def _cancelled(self, outcome: tuple[ReservationInfo, tuple[ReservationInfo, ...]]) -> None:
        cancelled, bookings = outcome
        self._set_bookings(bookings)
        self.reason_field.clear()
        self.load_day()
        self.say(
            self.tr("Cancelled: reservation number {number}, {day} {time}.").format(
                number=cancelled.id,
                day=cancelled.starts_at.date().isoformat(),
                time=span_text(cancelled.starts_at, cancelled.ends_at),
            ),
            error=False,
        )
        self.bookings.setFocus()

    def _cancel_refused(self, exc: BaseException) -> None:
        self.failed(exc)
        if isinstance(exc, CancellationReasonRequiredError):
            self.reason_field.setFocus()

    # --- what the page shows ---------------------------------------------------------------

    def _set_bookings(self, bookings: tuple[ReservationInfo, ...]) -> None:
        if self.holder is not None:
            self.holder = ResidentBookings(self.holder.resident_id, self.holder.name, bookings)

    def _facility_name(self, facility_id: int) -> str:
        facility = self.day_view.facility(facility_id)
        return facility.name if facility is not None else str(facility_id)

    def render_desk(self) -> None:
        """The resident and their bookings, the offers; buttons by what may be done now."""
        resident = self.holder
        self.resident_group.show_holder(resident, self._facility_name)
        for index, button in enumerate(self.offer_buttons):
            self._render_offer(button, index)
        ready = resident is not None and not self.working
        for widget in (self.count, self.reserve_button, self.bookings, self.reason_field,
                       self.cancel_button, *self.offer_buttons):  # fmt: skip
            widget.setEnabled(ready)
        self.action_button.setEnabled(not self.working)

    def _render_offer(self, button: QPushButton, index: int) -> None:
        if index >= len(self.offers):
            button.hide()
            return
        start, end = self.offers[index]
        text = f"&{index + 1} " + self.tr("Book the free time {day} {time}").format(
            day=start.date().isoformat(), time=span_text(start, end)
        )
        button.setText(text)
        button.setAccessibleName(text.replace("&", ""))
        button.show()
