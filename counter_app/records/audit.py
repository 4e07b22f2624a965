"""The audit trail: an append-only hash chain of every use of identity data and every change.

Each event's `hash` is the lowercase hex SHA-256 of its canonical form, the UTF-8 bytes of

    {"action":A,"at":T,"detail":D,"operator":O,"outcome":R,"prev":P,"purpose":U,"resident":I,
     "seq":N,"v":1}

with exactly these members, keys in code-point order, no whitespace, non-ASCII characters as
themselves and only `"`, `\\` and control characters escaped (`\\b \\f \\n \\r \\t`,
else `\\u00XX`). For these member types (strings, integers, null) this is RFC 8785 (JCS).
The members are:
`seq` the event's number (1, 2, 3... with no gaps); `at` the UTC time as
`YYYY-MM-DDTHH:MM:SS.ffffffZ`; `operator`, `purpose` and `resident` the operator id, purpose code
and resident id or null; `action` and `outcome` short words; `detail` the stored detail text
verbatim (itself a JSON object written the same canonical way); `prev` the previous event's
hash, or 64 zeros for event 1.

Appends are serialised: the writer locks the one `audit_chain_head` row (`SELECT ... FOR UPDATE`
on PostgreSQL; on SQLite every writing transaction is `BEGIN IMMEDIATE`), appends the event and
moves the head in the same transaction as the work it records. `verify` walks the chain in
`seq` order and names the first event that was altered, removed or moved; the head also catches
events cut off the end. The database refuses UPDATE and DELETE on events (triggers), so changing
history needs someone to remove the triggers first, and then `verify` still tells.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from counter_app.records.database import Database
from counter_app.records.models import AuditChainHead, AuditEvent, AuditHourCount
from counter_app.records.types import Outcome

GENESIS_HASH = "0" * 64
CANONICAL_VERSION = 1
DetailValue = str | int | bool | None
Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The current time in UTC."""
    return dt.datetime.now(dt.UTC)


def format_timestamp(moment: dt.datetime) -> str:
    """The canonical audit time: UTC, microseconds, a trailing Z."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_json(value: object) -> str:
    """JSON in the canonical form the chain hashes (sorted keys, no whitespace, UTF-8)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_bytes(event: AuditEvent) -> bytes:
    """The exact bytes whose SHA-256 is the event's hash."""
    return canonical_json(
        {
            "v": CANONICAL_VERSION,
            "seq": event.seq,
            "at": event.occurred_at,
            "operator": event.operator_id,
            "action": event.action,
            "outcome": event.outcome,
            "purpose": event.purpose_code,
            "resident": event.resident_id,
            "detail": event.detail,
            "prev": event.prev_hash,
        }
    ).encode("utf-8")


def event_hash(event: AuditEvent) -> str:
    """The hash an event must carry."""
    return hashlib.sha256(canonical_bytes(event)).hexdigest()


def _detail_text(detail: Mapping[str, DetailValue] | None) -> str:
    for key, value in (detail or {}).items():
        if not (key.isascii() and isinstance(value, DetailValue)):
            raise TypeError(f"audit detail {key!r} must be a plain value under an ASCII key")
    return canonical_json(dict(detail or {}))


@dataclass(frozen=True)
class AuditRecord:
    """An audit event as callers see it."""

    seq: int
    occurred_at: str
    operator_id: int | None
    action: str
    outcome: Outcome
    purpose_code: str | None
    resident_id: int | None
    detail: dict[str, DetailValue]
    hash: str


def _record(event: AuditEvent) -> AuditRecord:
    return AuditRecord(
        seq=event.seq,
        occurred_at=event.occurred_at,
        operator_id=event.operator_id,
        action=event.action,
        outcome=Outcome(event.outcome),
        purpose_code=event.purpose_code,
        resident_id=event.resident_id,
        detail=json.loads(event.detail),
        hash=event.hash,
    )


HourKey = tuple[str, str, str, str]  # hour, action, purpose code ("" for none), outcome


def hour_key(event: AuditEvent) -> HourKey:
    """The hourly count an event belongs to."""
    return (event.occurred_at[:13], event.action, event.purpose_code or "", event.outcome)


def count_hour(session: Session, event: AuditEvent) -> None:
    """Add the event to its hour's count (`AuditHourCount`), in the caller's transaction."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    key = dict(zip(("hour", "action", "purpose_code", "outcome"), hour_key(event), strict=True))
    session.execute(
        insert(AuditHourCount)
        .values(**key, events=1)
        .on_conflict_do_update(index_elements=list(key), set_={"events": AuditHourCount.events + 1})
    )


class AuditTrail:
    """Appends events to the chain inside the caller's transaction, and reads them back."""

    def __init__(self, clock: Clock = utc_now) -> None:
        self._clock = clock

    def append(
        self,
        session: Session,
        *,
        action: str,
        outcome: Outcome,
        operator_id: int | None = None,
        purpose_code: str | None = None,
        resident_id: int | None = None,
        detail: Mapping[str, DetailValue] | None = None,
    ) -> AuditRecord:
        """Add one event after the current head; the caller's commit makes it permanent."""
        head = session.execute(
            select(AuditChainHead)
            .where(AuditChainHead.id == 1)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).scalar_one()
        event = AuditEvent(
            seq=head.last_seq + 1,
            occurred_at=format_timestamp(self._clock()),
            operator_id=operator_id,
            action=action,
            outcome=outcome.value,
            purpose_code=purpose_code,
            resident_id=resident_id,
            detail=_detail_text(detail),
            prev_hash=head.last_hash,
        )
        event.hash = event_hash(event)
        session.add(event)
        head.last_seq = event.seq
        head.last_hash = event.hash
        session.flush()
        count_hour(session, event)
        return _record(event)

    def recent(self, db: Database, limit: int = 50) -> list[AuditRecord]:
        """The newest events, newest first."""
        with db.transaction(read_only=True) as session:
            rows = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(limit))
            return [_record(row) for row in rows]


@dataclass(frozen=True)
class ChainReport:
    """The result of walking the chain: intact, or the first event that breaks it."""

    events: int
    broken_seq: int | None = None
    broken_id: int | None = None
    reason: str = ""
    # UTC hours ("YYYY-MM-DDTHH") whose statistics counts (`AuditHourCount`) differ from the
    # events: the chain may be intact while the council figures of those hours are not.
    counts_differ: tuple[str, ...] = ()

    @property
    def intact(self) -> bool:
        """True when every event and the head check out."""
        return self.broken_seq is None and not self.reason


def verify_chain(db: Database, batch: int = 2000) -> ChainReport:
    """Walk every event in `seq` order and report the first one that breaks the chain."""
    with db.transaction(read_only=True) as session:
        expected, prev, count = 1, GENESIS_HASH, 0
        tally: Counter[HourKey] = Counter()
        rows = session.scalars(
            select(AuditEvent).order_by(AuditEvent.seq).execution_options(yield_per=batch)
        )
        for row in rows:
            if row.seq != expected:
                return ChainReport(
                    count,
                    expected,
                    None,
                    f"event {expected} is missing: after event {expected - 1} comes event "
                    f"{row.seq} (id {row.id}); events were deleted",
                )
            if row.prev_hash != prev:
                return ChainReport(
                    count,
                    row.seq,
                    row.id,
                    f"event {row.seq} (id {row.id}) does not follow event {row.seq - 1}: one of "
                    "them was altered, or events were removed or moved between them",
                )
            if event_hash(row) != row.hash:
                return ChainReport(
                    count,
                    row.seq,
                    row.id,
                    f"event {row.seq} (id {row.id}) was altered or moved: its content does not "
                    "match its hash",
                )
            prev, expected, count = row.hash, expected + 1, count + 1
            tally[hour_key(row)] += 1
            session.expunge(row)
        head = session.get(AuditChainHead, 1)
        if head is None:
            return ChainReport(count, None, None, "the chain head record is missing")
        if head.last_seq != count or head.last_hash != prev:
            return ChainReport(
                count,
                count + 1 if head.last_seq > count else head.last_seq,
                None,
                f"the chain ends at event {count} but its head names event {head.last_seq}: "
                "events at the end were deleted, or the head was altered",
            )
        return ChainReport(count, counts_differ=_hours_miscounted(session, tally))


def _hours_miscounted(session: Session, tally: Counter[HourKey]) -> tuple[str, ...]:
    """The hours whose kept counts are not the events' (an intact chain's tally)."""
    kept: Counter[HourKey] = Counter()
    for row in session.execute(
        select(
            AuditHourCount.hour,
            AuditHourCount.action,
            AuditHourCount.purpose_code,
            AuditHourCount.outcome,
            AuditHourCount.events,
        )
    ):
        kept[(row.hour, row.action, row.purpose_code, row.outcome)] = row.events
    differ = {key[0] for key in tally.keys() | kept.keys() if tally[key] != kept[key]}
    return tuple(sorted(differ))
