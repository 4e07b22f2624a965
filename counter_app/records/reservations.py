"""Facility reservations: facilities, day views, booking and cancelling, with no double booking.

Times are the municipality's local wall-clock times (Japan Standard Time, UTC+9 all year, no
daylight saving), naive, as the facility's timetable and the resident's kiosk show them. A
booking covers one or more consecutive slots of the facility, starting on a slot boundary
within the day's opening hours, never in the past.

No double booking, ever: on PostgreSQL the exclusion constraint `reservations_no_overlap`
(migration 0003) refuses a second `booked` row whose time range overlaps, however many
counters and kiosks insert at once; the loser's insert fails with SQLSTATE 23P01 inside a
savepoint, and it is told which free slots come next. On SQLite every writing transaction is
BEGIN IMMEDIATE (one writer at a time), and the overlap is checked inside it.

Every booking, cancellation and refused attempt is an audit event under the
`multipurpose-services` purpose with the resident's id (no name, nothing else about them).
Whoever acts is an operator (the counter page) or a kiosk (`Kiosk`, its id); a kiosk acts for
the resident whose card it read.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter_app.records.audit import DetailValue
from counter_app.records.errors import (
    BookingLimitError,
    CancellationDeadlinePassedError,
    CancellationReasonRequiredError,
    FacilityExistsError,
    FacilityNotFoundError,
    NotYourReservationError,
    OutsideOpeningHoursError,
    ReservationError,
    ReservationNotFoundError,
    ResidentNotFoundError,
    SlotInPastError,
    SlotTakenError,
)
from counter_app.records.models import Facility, FacilityHours, Reservation, Resident
from counter_app.records.operators import OperatorAccounts, OperatorSession
from counter_app.records.store import Store
from counter_app.records.types import Outcome, PurposeCode, ResidentStatus, Role

LOCAL_TIME = dt.timezone(dt.timedelta(hours=9), "JST")
PURPOSE = PurposeCode.MULTIPURPOSE_SERVICES
SERVICE_ROLES = (Role.APPLET_ADMIN, Role.ISSUING_CLERK, Role.SUPERVISOR)
NEXT_FREE_COUNT = 3
NEXT_FREE_DAYS = 14
EXCLUSION_VIOLATION = "23P01"


class FacilityKind(enum.StrEnum):
    HALL = "hall"
    COURT = "court"
    ROOM = "room"


class ReservationStatus(enum.StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Kiosk:
    """A reservation kiosk acting for the resident whose card it read."""

    kiosk_id: str


Actor = OperatorSession | Kiosk


@dataclass(frozen=True)
class OpeningHours:
    """Opening hours on one weekday (0 Monday ... 6 Sunday), local time."""

    weekday: int
    opens: dt.time
    closes: dt.time


@dataclass(frozen=True)
class NewFacility:
    """What is needed to offer a facility for reservation."""

    name: str
    kind: FacilityKind
    slot_minutes: int
    hours: tuple[OpeningHours, ...]
    max_future_bookings: int = 3
    cancel_deadline_hours: int = 24


@dataclass(frozen=True)
class FacilityInfo:
    """A facility as counters and kiosks list it."""

    id: int
    name: str
    kind: FacilityKind
    slot_minutes: int
    hours: tuple[OpeningHours, ...]
    max_future_bookings: int
    cancel_deadline_hours: int


@dataclass(frozen=True)
class ReservationInfo:
    """A reservation (local times)."""

    id: int
    facility_id: int
    resident_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: ReservationStatus


@dataclass(frozen=True)
class Slot:
    """One slot of a day view. `reservation_id` and `resident_id` only in the clerk's view."""

    starts_at: dt.datetime
    ends_at: dt.datetime
    free: bool
    mine: bool = False
    reservation_id: int | None = None
    resident_id: int | None = None


def local_now(moment: dt.datetime) -> dt.datetime:
    """An aware moment as naive local wall time."""
    return moment.astimezone(LOCAL_TIME).replace(tzinfo=None)


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _time(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


def _facility_info(s: Session, row: Facility) -> FacilityInfo:
    hours = s.scalars(
        select(FacilityHours)
        .where(FacilityHours.facility_id == row.id)
        .order_by(FacilityHours.weekday)
    )
    return FacilityInfo(
        id=row.id,
        name=row.name,
        kind=FacilityKind(row.kind),
        slot_minutes=row.slot_minutes,
        hours=tuple(
            OpeningHours(h.weekday, _time(h.opens_minute), _time(h.closes_minute)) for h in hours
        ),
        max_future_bookings=row.max_future_bookings,
        cancel_deadline_hours=row.cancel_deadline_hours,
    )


def _info(row: Reservation) -> ReservationInfo:
    return ReservationInfo(
        row.id,
        row.facility_id,
        row.resident_id,
        row.starts_at,
        row.ends_at,
        ReservationStatus(row.status),
    )


def day_slots(facility: FacilityInfo, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
    """Every slot of the facility on `day` (none on a closed day)."""
    hours = next((h for h in facility.hours if h.weekday == day.weekday()), None)
    if hours is None:
        return []
    step = dt.timedelta(minutes=facility.slot_minutes)
    start = dt.datetime.combine(day, hours.opens)
    closes = dt.datetime.combine(day, hours.closes)
    slots = []
    while start + step <= closes:
        slots.append((start, start + step))
        start += step
    return slots


def _overlaps(a: tuple[dt.datetime, dt.datetime], b: tuple[dt.datetime, dt.datetime]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class FacilityReservations:
    """Facilities, day views, bookings and cancellations of one register."""

    def __init__(self, store: Store, operators: OperatorAccounts) -> None:
        self._db = store.db
        self._audit = store.audit
        self._clock = store.clock
        self._operators = operators

    # -- facilities -----------------------------------------------------------------------------

    def add_facility(self, by: OperatorSession, new: NewFacility) -> int:
        """Offer a facility for reservation (supervisors and applet administrators)."""
        with self._db.transaction() as s:
            self._operators.authorise(s, by, Role.SUPERVISOR, Role.APPLET_ADMIN)
            if s.scalar(select(Facility.id).where(Facility.name == new.name)) is not None:
                raise FacilityExistsError(new.name)
            facility_id = _insert_facility(s, new)
            self._record(
                s, by, by.operator_id, "facility.added", Outcome.OK, None,
                {"facility": facility_id, "name": new.name},
            )  # fmt: skip
            return facility_id

    def facilities(self) -> list[FacilityInfo]:
        """Every facility open for reservation, by name."""
        with self._db.transaction(read_only=True) as s:
            rows = s.scalars(select(Facility).where(Facility.active).order_by(Facility.name))
            return [_facility_info(s, row) for row in list(rows)]

    def facility(self, facility_id: int) -> FacilityInfo:
        """One facility; FacilityNotFoundError when there is none (or it is withdrawn)."""
        with self._db.transaction(read_only=True) as s:
            return _facility_info(s, _load_facility(s, facility_id))

    # -- viewing --------------------------------------------------------------------------------

    def day_view(
        self, facility_id: int, day: dt.date, *, viewer: Actor, resident_id: int | None = None
    ) -> list[Slot]:
        """The facility's slots on `day`, free or booked.

        A kiosk (for `resident_id`) sees only whether a slot is free and which are the
        resident's own; a clerk's view also names each booking's reservation and resident ids.
        """
        with self._db.transaction(read_only=True) as s:
            if isinstance(viewer, OperatorSession):
                self._operators.authorise(s, viewer, *SERVICE_ROLES)
            facility = _facility_info(s, _load_facility(s, facility_id))
            start = dt.datetime.combine(day, dt.time())
            booked = _booked_between(s, facility_id, start, start + dt.timedelta(days=1))
        clerk = isinstance(viewer, OperatorSession)
        slots = []
        for begins, ends in day_slots(facility, day):
            holder = next((r for r in booked if _overlaps((begins, ends), _span(r))), None)
            if holder is None:
                slots.append(Slot(begins, ends, free=True))
                continue
            slots.append(
                Slot(
                    begins,
                    ends,
                    free=False,
                    mine=resident_id is not None and holder.resident_id == resident_id,
                    reservation_id=holder.id if clerk else None,
                    resident_id=holder.resident_id if clerk else None,
                )
            )
        return slots

    def reservations_of(self, resident_id: int) -> list[ReservationInfo]:
        """The resident's booked reservations that have not ended, soonest first."""
        now = local_now(self._clock())
        with self._db.transaction(read_only=True) as s:
            rows = s.scalars(
                select(Reservation)
                .where(
                    Reservation.resident_id == resident_id,
                    Reservation.status == ReservationStatus.BOOKED.value,
                    Reservation.ends_at > now,
                )
                .order_by(Reservation.starts_at)
            )
            return [_info(row) for row in rows]

    def next_free(
        self, facility_id: int, after: dt.datetime, *, slots: int = 1, count: int = NEXT_FREE_COUNT
    ) -> list[tuple[dt.datetime, dt.datetime]]:
        """The first `count` free runs of `slots` slots starting at or after `after`."""
        with self._db.transaction(read_only=True) as s:
            facility = _facility_info(s, _load_facility(s, facility_id))
            return _next_free(s, facility, after, slots, count, local_now(self._clock()))

    # -- booking --------------------------------------------------------------------------------

    def reserve(
        self, by: Actor, facility_id: int, resident_id: int, starts_at: dt.datetime, slots: int = 1
    ) -> ReservationInfo:
        """Book `slots` consecutive slots from `starts_at` (local) for the resident.

        Raises SlotTakenError (with the next free times), OutsideOpeningHoursError,
        SlotInPastError or BookingLimitError; each refusal is audited like a booking.
        """
        refusal: ReservationError | None = None
        with self._db.transaction() as s:
            operator_id = self._actor(s, by)
            facility = _facility_info(s, _load_facility(s, facility_id))
            _lock_resident(s, resident_id)
            now = local_now(self._clock())
            span = (starts_at, starts_at + dt.timedelta(minutes=facility.slot_minutes * slots))
            try:
                row = self._book(s, by, operator_id, facility, resident_id, span, now)
            except ReservationError as exc:
                if isinstance(exc, SlotTakenError):
                    free = _next_free(s, facility, span[0], slots, NEXT_FREE_COUNT, now)
                    exc = SlotTakenError(
                        str(exc), tuple((a.isoformat(), b.isoformat()) for a, b in free)
                    )
                refusal = exc
                self._record(
                    s, by, operator_id, "reservation.refused", Outcome.REFUSED, resident_id,
                    {"facility": facility_id, "start": span[0].isoformat(), "slots": slots,
                     "reason": exc.code},
                )  # fmt: skip
            else:
                self._record(
                    s, by, operator_id, "reservation.booked", Outcome.OK, resident_id,
                    {"facility": facility_id, "reservation": row.id,
                     "start": span[0].isoformat(), "end": span[1].isoformat()},
                )  # fmt: skip
                booked = _info(row)
        if refusal is not None:
            raise refusal
        return booked

    def _book(
        self,
        s: Session,
        by: Actor,
        operator_id: int | None,
        facility: FacilityInfo,
        resident_id: int,
        span: tuple[dt.datetime, dt.datetime],
        now: dt.datetime,
    ) -> Reservation:
        wanted = day_slots(facility, span[0].date())
        starts = {a for a, _ in wanted}
        ends = {b for _, b in wanted}
        if span[0].tzinfo is not None or span[0] not in starts or span[1] not in ends:
            raise OutsideOpeningHoursError(f"facility {facility.id} offers no such slot")
        if span[0] <= now:
            raise SlotInPastError(f"slot at {span[0].isoformat()} has begun")
        held = s.scalar(
            select(func.count())
            .select_from(Reservation)
            .where(
                Reservation.resident_id == resident_id,
                Reservation.facility_id == facility.id,
                Reservation.status == ReservationStatus.BOOKED.value,
                Reservation.ends_at > now,
            )
        )
        if (held or 0) >= facility.max_future_bookings:
            raise BookingLimitError(f"resident holds {held} future reservations")
        if _booked_between(s, facility.id, *span):
            raise SlotTakenError(f"facility {facility.id} is booked at {span[0].isoformat()}")
        row = Reservation(
            facility_id=facility.id,
            resident_id=resident_id,
            starts_at=span[0],
            ends_at=span[1],
            status=ReservationStatus.BOOKED.value,
            created_at=self._clock(),
            created_by_operator=operator_id,
            created_by_kiosk=by.kiosk_id if isinstance(by, Kiosk) else None,
        )
        try:
            with s.begin_nested():
                s.add(row)
                s.flush()
        except IntegrityError as exc:
            if getattr(exc.orig, "sqlstate", None) != EXCLUSION_VIOLATION:
                raise
            raise SlotTakenError(
                f"facility {facility.id} was booked at {span[0].isoformat()} meanwhile"
            ) from None
        return row

    def cancel(
        self, by: Actor, reservation_id: int, resident_id: int, *, reason: str = ""
    ) -> ReservationInfo:
        """Cancel the resident's reservation.

        A kiosk cancels only the resident's own reservation and only before the facility's
        deadline; a clerk may cancel after the deadline (or after the start) with a reason.
        """
        refusal: ReservationError | None = None
        with self._db.transaction() as s:
            operator_id = self._actor(s, by)
            row = s.execute(
                select(Reservation).where(Reservation.id == reservation_id).with_for_update()
            ).scalar_one_or_none()
            if row is None or row.status != ReservationStatus.BOOKED.value:
                raise ReservationNotFoundError(f"no booked reservation {reservation_id}")
            facility = _load_facility(s, row.facility_id)
            deadline = row.starts_at - dt.timedelta(hours=facility.cancel_deadline_hours)
            late = local_now(self._clock()) > deadline
            try:
                if row.resident_id != resident_id:
                    raise NotYourReservationError(f"reservation {reservation_id} is not theirs")
                if late and isinstance(by, Kiosk):
                    raise CancellationDeadlinePassedError(f"deadline was {deadline.isoformat()}")
                if late and not reason.strip():
                    raise CancellationReasonRequiredError("late cancellation without a reason")
            except ReservationError as exc:
                refusal = exc
                self._record(
                    s, by, operator_id, "reservation.cancel_refused", Outcome.REFUSED, resident_id,
                    {"reservation": reservation_id, "reason": exc.code},
                )  # fmt: skip
            else:
                row.status = ReservationStatus.CANCELLED.value
                row.cancelled_at = self._clock()
                row.cancelled_by_operator = operator_id
                row.cancelled_by_kiosk = by.kiosk_id if isinstance(by, Kiosk) else None
                row.cancel_reason = reason.strip() or None
                self._record(
                    s, by, operator_id, "reservation.cancelled", Outcome.OK, resident_id,
                    {"facility": row.facility_id, "reservation": reservation_id,
                     "start": row.starts_at.isoformat(), "late": late},
                )  # fmt: skip
                done = _info(row)
        if refusal is not None:
            raise refusal
        return done

    # -- helpers --------------------------------------------------------------------------------

    def _actor(self, s: Session, by: Actor) -> int | None:
        if isinstance(by, OperatorSession):
            return self._operators.authorise(s, by, *SERVICE_ROLES)
        if not by.kiosk_id:
            raise ValueError("a kiosk needs its id")
        return None

    def _record(
        self,
        s: Session,
        by: Actor,
        operator_id: int | None,
        action: str,
        outcome: Outcome,
        resident_id: int | None,
        detail: dict[str, DetailValue],
    ) -> None:
        if isinstance(by, Kiosk):
            detail = {**detail, "kiosk": by.kiosk_id}
        self._audit.append(
            s,
            action=action,
            outcome=outcome,
            operator_id=operator_id,
            purpose_code=PURPOSE,
            resident_id=resident_id,
            detail=detail,
        )


def _insert_facility(s: Session, new: NewFacility) -> int:
    if new.slot_minutes <= 0 or not new.hours:
        raise ValueError("a facility needs a slot length and opening hours")
    row = Facility(
        name=new.name,
        kind=new.kind.value,
        slot_minutes=new.slot_minutes,
        max_future_bookings=new.max_future_bookings,
        cancel_deadline_hours=new.cancel_deadline_hours,
        active=True,
    )
    s.add(row)
    s.flush()
    s.add_all(
        FacilityHours(
            facility_id=row.id,
            weekday=h.weekday,
            opens_minute=_minutes(h.opens),
            closes_minute=_minutes(h.closes),
        )
        for h in new.hours
    )
    s.flush()
    return row.id


def ensure_facilities(s: Session, facilities: Iterable[NewFacility]) -> list[str]:
    """Add the facilities whose names are missing (training data); return the names added."""
    present = set(s.scalars(select(Facility.name)))
    added = []
    for new in facilities:
        if new.name not in present:
            _insert_facility(s, new)
            added.append(new.name)
    return added


def _load_facility(s: Session, facility_id: int) -> Facility:
    row = s.get(Facility, facility_id)
    if row is None or not row.active:
        raise FacilityNotFoundError(f"no facility {facility_id}")
    return row


def _lock_resident(s: Session, resident_id: int) -> None:
    """Serialise one resident's bookings (PostgreSQL row lock), so the limit holds."""
    status = s.execute(
        select(Resident.status).where(Resident.id == resident_id).with_for_update()
    ).scalar_one_or_none()
    if status is None or status != ResidentStatus.RESIDENT.value:
        raise ResidentNotFoundError(f"resident {resident_id}")


def _span(row: Reservation) -> tuple[dt.datetime, dt.datetime]:
    return row.starts_at, row.ends_at


def _booked_between(
    s: Session, facility_id: int, start: dt.datetime, end: dt.datetime
) -> list[Reservation]:
    return list(
        s.scalars(
            select(Reservation)
            .where(
                Reservation.facility_id == facility_id,
                Reservation.status == ReservationStatus.BOOKED.value,
                Reservation.starts_at < end,
                Reservation.ends_at > start,
            )
            .order_by(Reservation.starts_at)
        )
    )


def _next_free(
    s: Session,
    facility: FacilityInfo,
    after: dt.datetime,
    slots: int,
    count: int,
    now: dt.datetime,
) -> list[tuple[dt.datetime, dt.datetime]]:
    first = max(after, now)
    until = dt.datetime.combine(first.date() + dt.timedelta(days=NEXT_FREE_DAYS), dt.time())
    taken = [_span(r) for r in _booked_between(s, facility.id, first, until)]
    found: list[tuple[dt.datetime, dt.datetime]] = []
    day = first.date()
    while day < until.date() and len(found) < count:
        found += _free_runs(day_slots(facility, day), taken, first, slots, count - len(found))
        day += dt.timedelta(days=1)
    return found


def _free_runs(
    day: Sequence[tuple[dt.datetime, dt.datetime]],
    taken: Sequence[tuple[dt.datetime, dt.datetime]],
    first: dt.datetime,
    slots: int,
    count: int,
) -> list[tuple[dt.datetime, dt.datetime]]:
    runs = []
    for i in range(len(day) - slots + 1):
        run = (day[i][0], day[i + slots - 1][1])
        if run[0] < first or any(_overlaps(run, t) for t in taken):
            continue
        runs.append(run)
        if len(runs) == count:
            break
    return runs


def _every_day(
    opens: dt.time, closes: dt.time, *, except_: int | None = None
) -> tuple[OpeningHours, ...]:
    return tuple(OpeningHours(d, opens, closes) for d in range(7) if d != except_)


TRAINING_FACILITIES = (
    NewFacility("市民体育館 第1コート", FacilityKind.COURT, 60,
                _every_day(dt.time(9), dt.time(21), except_=0), 2, 24),
    NewFacility("市民体育館 第2コート", FacilityKind.COURT, 60,
                _every_day(dt.time(9), dt.time(21), except_=0), 2, 24),
    NewFacility("公民館 会議室A", FacilityKind.ROOM, 30,
                _every_day(dt.time(9), dt.time(17)), 4, 48),
    NewFacility("文化ホール 大ホール", FacilityKind.HALL, 180,
                _every_day(dt.time(9), dt.time(21), except_=1), 1, 168),
)  # fmt: skip
"""The training register's facilities (name, kind, slot minutes, hours, limit, deadline hours)."""
