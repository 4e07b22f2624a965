"""Facility reservations on SQLite and PostgreSQL: booking, the rules, cancelling, the audit,
and the concurrency proof (kiosks as separate processes booking the same slots at once)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from counter_app.records import OperatorSession, PurposeCode, Register, Role
from counter_app.records.errors import (
    BookingLimitError,
    CancellationDeadlinePassedError,
    CancellationReasonRequiredError,
    NotYourReservationError,
    OutsideOpeningHoursError,
    SlotInPastError,
    SlotTakenError,
)
from counter_app.records.reservations import (
    LOCAL_TIME,
    FacilityKind,
    Kiosk,
    NewFacility,
    OpeningHours,
    ReservationStatus,
)
from tests.support.kiosk_processes import KioskOrder, run_kiosks
from tests.support.records_fixtures import FAST_POLICY, resident

KIOSK = Kiosk("kiosk-1")
DAY = (dt.datetime.now(LOCAL_TIME) + dt.timedelta(days=7)).date()


def at(hour: int, minute: int = 0, day: dt.date = DAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


@pytest.fixture
def clerk(make_operator: Callable[..., OperatorSession]) -> OperatorSession:
    return make_operator("services-clerk", Role.APPLET_ADMIN)


@pytest.fixture
def court(register: Register, supervisor: OperatorSession) -> int:
    """A court open 09:00-17:00 every day, 60-minute slots, 2 future bookings, 24 h deadline."""
    hours = tuple(OpeningHours(d, dt.time(9), dt.time(17)) for d in range(7))
    new = NewFacility("テスト体育館 第1コート", FacilityKind.COURT, 60, hours, 2, 24)
    return register.reservations.add_facility(supervisor, new)


def add_residents(register: Register, by: OperatorSession, count: int) -> list[int]:
    return [
        register.residents.add(by, resident(given=f"太郎{n}", household=f"H-{n:04d}"))
        for n in range(count)
    ]


def test_booking_shows_in_the_day_view_without_other_residents_ids(
    register: Register, supervisor: OperatorSession, clerk: OperatorSession, court: int
) -> None:
    first, second = add_residents(register, supervisor, 2)
    booked = register.reservations.reserve(KIOSK, court, first, at(10))
    assert (booked.starts_at, booked.ends_at) == (at(10), at(11))

    kiosk_view = register.reservations.day_view(court, DAY, viewer=KIOSK, resident_id=second)
    assert [s.starts_at.hour for s in kiosk_view] == list(range(9, 17))
    taken = [s for s in kiosk_view if not s.free]
    assert [(s.starts_at, s.mine, s.resident_id, s.reservation_id) for s in taken] == [
        (at(10), False, None, None)
    ]
    own_view = register.reservations.day_view(court, DAY, viewer=KIOSK, resident_id=first)
    assert [s.mine for s in own_view if not s.free] == [True]
    clerk_view = register.reservations.day_view(court, DAY, viewer=clerk)
    assert [(s.resident_id, s.reservation_id) for s in clerk_view if not s.free] == [
        (first, booked.id)
    ]


def test_a_taken_slot_is_refused_in_words_with_the_next_free_slots(
    register: Register, supervisor: OperatorSession, clerk: OperatorSession, court: int
) -> None:
    first, second = add_residents(register, supervisor, 2)
    register.reservations.reserve(KIOSK, court, first, at(10), slots=2)  # 10-12
    with pytest.raises(SlotTakenError) as caught:
        register.reservations.reserve(clerk, court, second, at(11))
    assert "already reserved" in caught.value.what
    assert caught.value.next_free == (
        (at(12).isoformat(), at(13).isoformat()),
        (at(13).isoformat(), at(14).isoformat()),
        (at(14).isoformat(), at(15).isoformat()),
    )
    with pytest.raises(SlotTakenError):  # 09-11 overlaps 10-12 too
        register.reservations.reserve(KIOSK, court, second, at(9), slots=2)
    assert register.reservations.reserve(KIOSK, court, second, at(12)).starts_at == at(12)


@pytest.mark.parametrize(
    ("starts_at", "slots", "error"),
    [
        (at(8), 1, OutsideOpeningHoursError),  # before opening
        (at(16), 2, OutsideOpeningHoursError),  # runs past closing
        (at(10, 30), 1, OutsideOpeningHoursError),  # not a slot start
        (at(10, day=DAY - dt.timedelta(days=14)), 1, SlotInPastError),
    ],
)
def test_times_the_facility_does_not_offer_are_refused(
    register: Register,
    supervisor: OperatorSession,
    court: int,
    starts_at: dt.datetime,
    slots: int,
    error: type[Exception],
) -> None:
    (someone,) = add_residents(register, supervisor, 1)
    with pytest.raises(error):
        register.reservations.reserve(KIOSK, court, someone, starts_at, slots)
    assert register.reservations.reservations_of(someone) == []


def test_a_resident_may_hold_only_the_facilitys_number_of_future_bookings(
    register: Register, supervisor: OperatorSession, court: int
) -> None:
    (someone,) = add_residents(register, supervisor, 1)
    register.reservations.reserve(KIOSK, court, someone, at(9))
    register.reservations.reserve(KIOSK, court, someone, at(11))
    with pytest.raises(BookingLimitError):
        register.reservations.reserve(KIOSK, court, someone, at(13))
    assert [r.starts_at for r in register.reservations.reservations_of(someone)] == [at(9), at(11)]


def test_cancelling_frees_the_slot_and_the_deadline_binds_the_kiosk_not_the_clerk(
    register: Register,
    supervisor: OperatorSession,
    clerk: OperatorSession,
    court: int,
    records_url: str,
    records_key_path: Path,
) -> None:
    owner, other = add_residents(register, supervisor, 2)
    early = register.reservations.reserve(KIOSK, court, owner, at(9))
    late = register.reservations.reserve(KIOSK, court, owner, at(15))
    with pytest.raises(NotYourReservationError):
        register.reservations.cancel(KIOSK, early.id, other)
    cancelled = register.reservations.cancel(KIOSK, early.id, owner)
    assert cancelled.status is ReservationStatus.CANCELLED
    assert register.reservations.reserve(KIOSK, court, other, at(9)).starts_at == at(9)

    # 20 hours before the start: inside the 24-hour deadline
    moment = (at(15) - dt.timedelta(hours=20)).replace(tzinfo=LOCAL_TIME)
    later = Register.open(
        records_url, key_path=records_key_path, policy=FAST_POLICY, clock=lambda: moment
    )
    try:
        with pytest.raises(CancellationDeadlinePassedError):
            later.reservations.cancel(KIOSK, late.id, owner)
        with pytest.raises(CancellationReasonRequiredError):
            later.reservations.cancel(clerk, late.id, owner)
        done = later.reservations.cancel(clerk, late.id, owner, reason="体育館の設備点検のため")
    finally:
        later.close()
    assert done.status is ReservationStatus.CANCELLED
    assert register.reservations.reservations_of(owner) == []


def test_every_booking_cancellation_and_refusal_is_audited_under_multipurpose_services(
    register: Register, supervisor: OperatorSession, court: int
) -> None:
    first, second = add_residents(register, supervisor, 2)
    booked = register.reservations.reserve(KIOSK, court, first, at(10))
    with pytest.raises(SlotTakenError):
        register.reservations.reserve(KIOSK, court, second, at(10))
    register.reservations.cancel(KIOSK, booked.id, first)
    events = register.audit_events(3)[::-1]
    assert [(e.action, e.outcome.value, e.resident_id) for e in events] == [
        ("reservation.booked", "ok", first),
        ("reservation.refused", "refused", second),
        ("reservation.cancelled", "ok", first),
    ]
    assert {e.purpose_code for e in events} == {PurposeCode.MULTIPURPOSE_SERVICES}
    assert events[1].detail["reason"] == "slot_taken"
    assert all(e.detail["kiosk"] == "kiosk-1" for e in events)
    assert not any("太郎" in str(e.detail) for e in events)
    assert register.verify_audit_chain().intact


def test_postgresql_itself_refuses_overlapping_bookings(
    register: Register, supervisor: OperatorSession, court: int, records_url: str
) -> None:
    if not records_url.startswith("postgresql"):
        pytest.skip("the exclusion constraint is PostgreSQL's; SQLite checks in the writer")
    (someone,) = add_residents(register, supervisor, 1)
    insert = text(
        "INSERT INTO reservations (facility_id, resident_id, starts_at, ends_at, status, "
        "created_at, created_by_kiosk) VALUES (:f, :r, :s, :e, :status, now(), 'raw')"
    )
    values = {"f": court, "r": someone, "status": "booked"}
    engine = register._store.db.engine
    with engine.begin() as conn:
        conn.execute(insert, {**values, "s": at(10), "e": at(12)})
        conn.execute(insert, {**values, "s": at(12), "e": at(13)})  # touching is not overlapping
        conn.execute(insert, {**values, "s": at(11), "e": at(12), "status": "cancelled"})
    with pytest.raises(IntegrityError, match="reservations_no_overlap"), engine.begin() as conn:
        conn.execute(insert, {**values, "s": at(11), "e": at(12)})


def test_training_register_offers_the_training_facilities(register: Register) -> None:
    register.seed_demo(3, seed=1)
    names = [f.name for f in register.reservations.facilities()]
    assert {"市民体育館 第1コート", "公民館 会議室A"} <= set(names)
    register.seed_demo(0, seed=1)
    assert len(register.reservations.facilities()) == len(names)


def test_kiosks_in_separate_processes_never_double_book(
    register: Register,
    supervisor: OperatorSession,
    court: int,
    records_url: str,
    records_key_path: Path,
) -> None:
    residents = add_residents(register, supervisor, 8)
    groups = {
        "same": [(at(10), 1)] * 4,
        # every pair overlaps (all cover 14:00-15:00), no two are the same
        "overlap": [(at(13), 2), (at(14), 2), (at(14), 1), (at(13), 3)],
    }
    orders = [
        KioskOrder(f"{group}-{n}", residents.pop(), court, start, slots)
        for group, wanted in groups.items()
        for n, (start, slots) in enumerate(wanted)
    ]
    answers = run_kiosks(records_url, records_key_path, orders)

    booked = register.reservations.day_view(court, DAY, viewer=supervisor)
    for group in groups:
        mine = [o for o in orders if o.name.startswith(group)]
        outcomes = {o.name: answers[o.name][1] for o in mine}
        assert sorted(outcomes.values()) == ["booked"] + ["slot_taken"] * 3, outcomes
        (winner,) = [o for o in mine if outcomes[o.name] == "booked"]
        won = (winner.starts_at, winner.starts_at + dt.timedelta(hours=winner.slots))
        assert [(s.starts_at, s.resident_id) for s in booked if won[0] <= s.starts_at < won[1]] == [
            (won[0] + dt.timedelta(hours=h), winner.resident_id) for h in range(winner.slots)
        ]
        for loser in (o for o in mine if o is not winner):
            offered = answers[loser.name][2]
            assert offered, "a loser is offered the next free slots"
            for start, end in offered:  # free of the booking it lost to
                span = (dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end))
                assert not (span[0] < won[1] and won[0] < span[1]), (span, won)
    reservations_made = {r for s in booked if (r := s.reservation_id) is not None}
    assert len(reservations_made) == 2
    refused = [e for e in register.audit_events(20) if e.action == "reservation.refused"]
    assert len(refused) == 6


def test_a_booking_that_loses_the_race_inside_postgresql_is_told_and_offered_times(
    register: Register, supervisor: OperatorSession, court: int, records_url: str
) -> None:
    """The overlap check passes (the rival is not committed yet); the constraint decides."""
    if not records_url.startswith("postgresql"):
        pytest.skip("SQLite's single writer lets no rival hold an uncommitted booking")
    rival, late = add_residents(register, supervisor, 2)
    outcome: list[BaseException | None] = []

    def book() -> None:
        try:
            register.reservations.reserve(KIOSK, court, late, at(10))
            outcome.append(None)
        except BaseException as exc:  # handed to the test thread
            outcome.append(exc)

    with register._store.db.engine.connect() as conn:
        conn.execute(
            text(
                "INSERT INTO reservations (facility_id, resident_id, starts_at, ends_at, status, "
                "created_at, created_by_kiosk) VALUES (:f, :r, :s, :e, 'booked', now(), 'rival')"
            ),
            {"f": court, "r": rival, "s": at(9), "e": at(11)},
        )
        racer = threading.Thread(target=book)
        racer.start()
        racer.join(1.0)
        assert racer.is_alive(), "the insert waits for the rival's transaction"
        conn.commit()
    racer.join(30)
    (error,) = outcome
    assert isinstance(error, SlotTakenError)
    assert error.next_free[0] == (at(11).isoformat(), at(12).isoformat())
    assert register.audit_events(1)[0].detail["reason"] == "slot_taken"
