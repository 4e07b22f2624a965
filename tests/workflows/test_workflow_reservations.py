"""The reservation desk a counter page and a kiosk page call: booking, being offered the next
free times after a refusal, and cancelling, on the training facilities."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from counter_app.card.issuer_keys import IssuerMaterial
from counter_app.records import OperatorSession, Register, Role
from counter_app.records.errors import CancellationDeadlinePassedError, SlotTakenError
from counter_app.records.reservations import LOCAL_TIME, TRAINING_FACILITIES
from counter_app.workflows import CounterContext
from counter_app.workflows.facility_reservation import ReservationDesk, offered_slots
from tests.support.counter_context import counter_context
from tests.support.records_fixtures import resident


def next_weekday(weekday: int) -> dt.date:
    day = dt.datetime.now(LOCAL_TIME).date() + dt.timedelta(days=7)
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


@pytest.fixture
def training_facilities(register: Register, supervisor: OperatorSession) -> None:
    for facility in TRAINING_FACILITIES:
        register.reservations.add_facility(supervisor, facility)


@pytest.fixture
def counter(
    register: Register,
    make_operator: Callable[..., OperatorSession],
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> CounterContext:
    return counter_context(
        register, make_operator("services-clerk", Role.APPLET_ADMIN), issuer, tmp_path
    )


@pytest.mark.usefixtures("training_facilities")
def test_counter_and_kiosk_book_the_training_court_and_the_loser_takes_an_offer(
    register: Register, supervisor: OperatorSession, counter: CounterContext
) -> None:
    hanako = register.residents.add(supervisor, resident(given="花子", household="H-1"))
    jiro = register.residents.add(supervisor, resident(given="次郎", household="H-2"))
    at_counter = ReservationDesk.at_counter(counter, hanako)
    at_kiosk = ReservationDesk.at_kiosk(register, "kiosk-体育館-1", jiro)
    court = next(f for f in at_kiosk.facilities() if f.name == "市民体育館 第1コート")
    day = next_weekday(2)  # a Wednesday: open 09:00-21:00
    ten = dt.datetime.combine(day, dt.time(10))

    at_counter.reserve(court.id, ten)
    with pytest.raises(SlotTakenError) as refused:
        at_kiosk.reserve(court.id, ten)
    offers = offered_slots(refused.value)
    assert offers[0] == (ten + dt.timedelta(hours=1), ten + dt.timedelta(hours=2))
    mine = at_kiosk.reserve(court.id, offers[0][0])

    slots = {s.starts_at.hour: s for s in at_kiosk.day(court.id, day)}
    assert (slots[10].free, slots[10].mine, slots[10].resident_id) == (False, False, None)
    assert (slots[11].free, slots[11].mine) == (False, True)
    assert slots[12].free
    assert [r.id for r in at_kiosk.reservations()] == [mine.id]
    at_kiosk.cancel(mine.id)
    assert at_kiosk.reservations() == []


@pytest.mark.usefixtures("training_facilities")
def test_a_kiosk_cannot_cancel_after_the_deadline_but_the_counter_can_with_a_reason(
    register: Register,
    supervisor: OperatorSession,
    counter: CounterContext,
    records_url: str,
    records_key_path: Path,
) -> None:
    someone = register.residents.add(supervisor, resident(household="H-3"))
    hall = next(f for f in register.reservations.facilities() if f.name == "文化ホール 大ホール")
    starts = dt.datetime.combine(next_weekday(5), dt.time(9))
    booked = ReservationDesk.at_kiosk(register, "kiosk-1", someone).reserve(hall.id, starts)

    moment = (starts - dt.timedelta(hours=hall.cancel_deadline_hours - 1)).replace(
        tzinfo=LOCAL_TIME
    )
    later = Register.open(records_url, key_path=records_key_path, clock=lambda: moment)
    try:
        with pytest.raises(CancellationDeadlinePassedError) as late:
            ReservationDesk.at_kiosk(later, "kiosk-1", someone).cancel(booked.id)
        assert "clerk can cancel" in late.value.todo
        late_ctx = CounterContext(
            later, counter.operator, counter.issuer, counter.seal_signer, counter.settings,
            counter.municipality, counter.trust,
        )  # fmt: skip
        ReservationDesk.at_counter(late_ctx, someone).cancel(booked.id, reason="台風で休館")
    finally:
        later.close()
    assert register.reservations.reservations_of(someone) == []
