"""The kiosk worker's side of facility reservations: one resident's reservations, found from the
card, as value copies for the kiosk screen.

Runs on the kiosk's worker thread only (it holds the register). The kiosk sees a day's slots
as free, booked or the resident's own, never who else booked; each of the resident's
reservations comes with whether the kiosk may still cancel it (until the facility's deadline).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counter_app.card.protocol import ApduTransport
from counter_app.records import FacilityInfo, Register, ReservationInfo, Slot
from counter_app.records.reservations import local_now
from counter_app.workflows.facility_reservation import ReservationDesk


@dataclass(frozen=True)
class FacilityOpened:
    """The resident's card opened the facility service: what the first page lists."""

    facilities: tuple[FacilityInfo, ...]
    today: dt.date


@dataclass(frozen=True)
class DayView:
    """One facility's slots on one day, as the kiosk may show them."""

    facility: FacilityInfo
    day: dt.date
    slots: tuple[Slot, ...]
    now: dt.datetime  # local wall time: slots starting earlier cannot be booked

    def bookable(self, slot: Slot) -> bool:
        return slot.free and slot.starts_at > self.now


@dataclass(frozen=True)
class Booking:
    """One of the resident's reservations, with the facility's name and the kiosk's deadline."""

    reservation: ReservationInfo
    facility_name: str
    cancel_until: dt.datetime  # local: after this only a clerk can cancel
    cancellable: bool


class FacilitySession:
    """One resident's reservations at one kiosk, from the PIN to the card's removal."""

    def __init__(self, register: Register, desk: ReservationDesk) -> None:
        self._register = register
        self._desk = desk
        self._facilities = {f.id: f for f in desk.facilities()}

    @classmethod
    def open(
        cls, register: Register, kiosk_id: str, transport: ApduTransport, pin: str
    ) -> FacilitySession:
        """The card's facility service, opened by the resident's PIN (see ReservationDesk)."""
        return cls(register, ReservationDesk.at_kiosk_with_card(register, kiosk_id, transport, pin))

    def now(self) -> dt.datetime:
        return local_now(self._register.clock())

    def opened(self) -> FacilityOpened:
        return FacilityOpened(tuple(self._facilities.values()), self.now().date())

    def day(self, facility_id: int, day: dt.date) -> DayView:
        facility = self._facilities.get(facility_id) or self._register.reservations.facility(
            facility_id
        )
        return DayView(facility, day, tuple(self._desk.day(facility_id, day)), self.now())

    def bookings(self) -> tuple[Booking, ...]:
        """The resident's reservations that have not ended, soonest first."""
        now = self.now()
        made = []
        for reservation in self._desk.reservations():
            facility = self._facilities.get(reservation.facility_id)
            if facility is None:
                facility = self._register.reservations.facility(reservation.facility_id)
            until = reservation.starts_at - dt.timedelta(hours=facility.cancel_deadline_hours)
            made.append(Booking(reservation, facility.name, until, now <= until))
        return tuple(made)

    def reserve(self, facility_id: int, starts_at: dt.datetime) -> ReservationInfo:
        return self._desk.reserve(facility_id, starts_at)

    def cancel(self, reservation_id: int) -> ReservationInfo:
        return self._desk.cancel(reservation_id)
