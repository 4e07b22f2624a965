"""Facility reservations for one resident, as the counter page and the kiosk page call them.

`ReservationDesk.at_counter(ctx, resident_id)` acts as the logged-in clerk (who may cancel
after the deadline, with a reason); `ReservationDesk.at_kiosk(register, kiosk_id, resident_id)`
acts for the resident the caller names; `ReservationDesk.at_kiosk_with_card(register, kiosk_id,
transport, pin)` finds the resident from the card in the kiosk's reader: the card must carry the
facility reservation service, not locked, and the resident's PIN opens it. Each call is one short
register transaction: run it on the database worker, not the GUI thread. Refusals arrive as
`ReservationError`s with `what`/`todo`; a taken slot also carries the next free times, which
`offered_slots` turns into slots the page can book with one key.

The counter page finds the resident from the card in its reader too: `check_facility_card`
refuses a card not in use or a facility service locked or missing before any PIN, and
`holder_of_facility_card` opens the service with the resident's PIN (card thread).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counter_app.card.protocol import ApduTransport
from counter_app.card.sessions.card import card_serial
from counter_app.records import (
    FacilityInfo,
    Kiosk,
    Register,
    ReservationInfo,
    Slot,
)
from counter_app.records.errors import SlotTakenError
from counter_app.records.reservations import Actor
from counter_app.workflows.base import CardSource, CardSteps, CounterContext
from counter_app.workflows.card_services import service_of_card

FACILITY_SERVICE = "facility"


@dataclass(frozen=True)
class ReservationDesk:
    """Reservations of one resident, by a clerk or a kiosk."""

    register: Register
    actor: Actor
    resident_id: int

    @classmethod
    def at_counter(cls, ctx: CounterContext, resident_id: int) -> ReservationDesk:
        """The counter page: the logged-in clerk acts for the resident at the counter."""
        return cls(ctx.register, ctx.operator, resident_id)

    @classmethod
    def at_kiosk(cls, register: Register, kiosk_id: str, resident_id: int) -> ReservationDesk:
        """The kiosk page: kiosk `kiosk_id` acts for the resident whose card it read."""
        return cls(register, Kiosk(kiosk_id), resident_id)

    @classmethod
    def at_kiosk_with_card(
        cls, register: Register, kiosk_id: str, transport: ApduTransport, pin: str
    ) -> ReservationDesk:
        """The kiosk page for the card in its reader (the facility service, opened by the PIN)."""
        link = service_of_card(register, transport, FACILITY_SERVICE, pin)
        return cls(register, Kiosk(kiosk_id), link.holder_id)

    @property
    def at_kiosk_now(self) -> bool:
        """True when a kiosk acts (its day view shows no one else's bookings)."""
        return isinstance(self.actor, Kiosk)

    def facilities(self) -> list[FacilityInfo]:
        """The facilities open for reservation."""
        return self.register.reservations.facilities()

    def day(self, facility_id: int, day: dt.date) -> list[Slot]:
        """The facility's slots on `day`; the resident's own bookings are marked `mine`."""
        return self.register.reservations.day_view(
            facility_id, day, viewer=self.actor, resident_id=self.resident_id
        )

    def reservations(self) -> list[ReservationInfo]:
        """The resident's reservations that have not ended, soonest first."""
        return self.register.reservations.reservations_of(self.resident_id)

    def reserve(self, facility_id: int, starts_at: dt.datetime, slots: int = 1) -> ReservationInfo:
        """Book `slots` consecutive slots from `starts_at` (local time) for the resident."""
        return self.register.reservations.reserve(
            self.actor, facility_id, self.resident_id, starts_at, slots
        )

    def cancel(self, reservation_id: int, reason: str = "") -> ReservationInfo:
        """Cancel one of the resident's reservations (a clerk after the deadline: `reason`)."""
        return self.register.reservations.cancel(
            self.actor, reservation_id, self.resident_id, reason=reason
        )


def check_facility_card(ctx: CounterContext, card: CardSource) -> str:
    """The card's serial when its facility service may be used; refused at once otherwise."""
    steps = CardSteps(card)
    try:
        serial = card_serial(ApduTransport(steps.connect())).hex().upper()
    finally:
        steps.close()
    ctx.register.services.require_usable(serial, FACILITY_SERVICE)
    return serial


def holder_of_facility_card(ctx: CounterContext, card: CardSource, pin: str) -> int:
    """The resident id of the card's facility service, opened with the resident's PIN."""
    steps = CardSteps(card)
    try:
        link = service_of_card(ctx.register, ApduTransport(steps.connect()), FACILITY_SERVICE, pin)
    finally:
        steps.close()
    return link.holder_id


def offered_slots(error: SlotTakenError) -> list[tuple[dt.datetime, dt.datetime]]:
    """The free times a taken-slot refusal offers, nearest first."""
    return [
        (dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end))
        for start, end in error.next_free
    ]
