"""The reservation counter's jobs: register work for the database worker, card steps for the
card thread. Each takes what it needs as arguments; none touches a widget."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counter_app.records import FacilityInfo, Register, ReservationInfo, Slot
from counter_app.records.reservations import PURPOSE
from counter_app.workflows import CounterContext
from counter_app.workflows.facility_reservation import (
    ReservationDesk,
    check_facility_card,
    holder_of_facility_card,
)
from ui.pages.workflow_runner import ReaderSource

BookingsAfter = tuple[ReservationInfo, tuple[ReservationInfo, ...]]


@dataclass(frozen=True)
class ResidentBookings:
    """The resident at the counter: their name and reservations (soonest first)."""

    resident_id: int
    name: str
    bookings: tuple[ReservationInfo, ...]


def resident_bookings(ctx: CounterContext, resident_id: int, _r: Register) -> ResidentBookings:
    """The resident's name (through the purpose's access) and reservations."""
    summary = ctx.register.access(ctx.operator, PURPOSE).resident(resident_id).summary
    bookings = ReservationDesk.at_counter(ctx, resident_id).reservations()
    name = f"{summary.family_name}\u3000{summary.given_name}"
    return ResidentBookings(resident_id, name, tuple(bookings))


def day_slots(
    ctx: CounterContext, resident_id: int | None, facility_id: int, day: dt.date, _r: Register
) -> list[Slot]:
    """The clerk's day view of the facility (the resident's own slots marked, if one is open)."""
    return ctx.register.reservations.day_view(
        facility_id, day, viewer=ctx.operator, resident_id=resident_id
    )


def reserve(
    ctx: CounterContext, resident_id: int, facility_id: int, start: dt.datetime, slots: int,
    _r: Register,
) -> BookingsAfter:  # fmt: skip
    """Book for the resident; the booking and the resident's reservations after it."""
    desk = ReservationDesk.at_counter(ctx, resident_id)
    booked = desk.reserve(facility_id, start, slots)
    return booked, tuple(desk.reservations())


def cancel(
    ctx: CounterContext, resident_id: int, reservation_id: int, reason: str, _r: Register
) -> BookingsAfter:
    """Cancel for the resident; the cancelled booking and the reservations after it."""
    desk = ReservationDesk.at_counter(ctx, resident_id)
    cancelled = desk.cancel(reservation_id, reason)
    return cancelled, tuple(desk.reservations())


def facilities(ctx: CounterContext, _r: Register) -> list[FacilityInfo]:
    """The facilities open for reservation."""
    return ctx.register.reservations.facilities()


def check_card(ctx: CounterContext, source: ReaderSource) -> str:
    """Card thread: the card's serial, refused before any PIN when its service may not be used."""
    return check_facility_card(ctx, source)


def holder(ctx: CounterContext, pin: str, source: ReaderSource) -> int:
    """Card thread: the resident of the card's facility service, after the PIN."""
    return holder_of_facility_card(ctx, source, pin)
