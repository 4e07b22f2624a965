"""Searching and exporting the audit trail for supervisors and external auditors.

Every search, export and summary is itself audited under the supervision purpose and needs a
supervisor on duty. Results come in bounded pages, newest first, with a cursor for the next
page (keyset paging on `(occurred_at, seq)`), so a search costs the same on a trail of millions
of events: each filter column has an index on `(column, occurred_at, seq)` (migration 0007).

Nothing secret leaves through here: the trail never holds a PIN, a key or a resident record
code (the writers put none in), and `safe_detail` withholds any detail whose name or shape
looks like one, should a future writer slip.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Final, TypeVar

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from counter_app.records.audit import (
    AuditRecord,
    ChainReport,
    DetailValue,
    format_timestamp,
    verify_chain,
)
from counter_app.records.errors import RecordsError
from counter_app.records.models import AuditEvent, Operator
from counter_app.records.operators import OperatorAccounts, OperatorSession
from counter_app.records.store import Store
from counter_app.records.types import Outcome, PurposeCode, Role

MAX_PAGE: Final = 500
DEFAULT_PAGE: Final = 100
EXPORT_BATCH: Final = 2000
WITHHELD: Final = "(withheld)"
_SECRET_NAMES: Final = re.compile(r"pin|password|passwd|secret|key|record.?code|unlock|puk", re.I)
_RECORD_CODE_SHAPE: Final = re.compile(r"\d{11}")


Q = TypeVar("Q", bound=Select[*tuple[Any, ...]])


class AuditSearchError(RecordsError, ValueError):
    """A search of the audit trail that cannot be run as asked."""

    what = "The audit search cannot be run with these conditions."
    todo = "Check the dates (the first day on or before the last) and search again."


def day_start(day: dt.date) -> dt.datetime:
    """The first moment of `day` in this computer's time zone."""
    return dt.datetime.combine(day, dt.time()).astimezone()


@dataclass(frozen=True)
class AuditFilter:
    """What to look for; every condition left None matches everything.

    `since` is inclusive and `until` exclusive; `for_days` makes them from calendar days.
    """

    since: dt.datetime | None = None
    until: dt.datetime | None = None
    operator_id: int | None = None
    purpose_code: str | None = None
    resident_id: int | None = None
    action: str | None = None
    outcome: Outcome | None = None

    @classmethod
    def for_days(
        cls, first: dt.date | None = None, last: dt.date | None = None, **conditions: object
    ) -> AuditFilter:
        """Events from the start of `first` to the end of `last` (local days, both included)."""
        if first is not None and last is not None and last < first:
            raise AuditSearchError(f"the period ends ({last}) before it starts ({first})")
        since = day_start(first) if first is not None else None
        until = day_start(last + dt.timedelta(days=1)) if last is not None else None
        return cls(since=since, until=until, **conditions)  # type: ignore[arg-type]

    def as_detail(self) -> dict[str, DetailValue]:
        """The conditions for the audit event that records the search."""
        return {
            "since": format_timestamp(self.since) if self.since else None,
            "until": format_timestamp(self.until) if self.until else None,
            "operator": self.operator_id,
            "purpose": self.purpose_code,
            "resident": self.resident_id,
            "action": self.action,
            "outcome": self.outcome.value if self.outcome else None,
        }


@dataclass(frozen=True)
class AuditCursor:
    """Where the next (older) page starts: after the event at `occurred_at`, `seq`."""

    occurred_at: str
    seq: int


@dataclass(frozen=True)
class AuditPage:
    """One page of events, newest first, the operators' logins, and the next page's cursor."""

    events: tuple[AuditRecord, ...]
    logins: dict[int, str] = field(default_factory=dict)
    next: AuditCursor | None = None


@dataclass(frozen=True)
class AuditSummary:
    """What an external auditor receives for a period: counts, the chain's verdict, the ends."""

    since: str | None
    until: str | None
    generated_at: str
    generated_by: str
    events: int
    by_action: dict[str, int]
    by_outcome: dict[str, int]
    by_purpose: dict[str, int]
    by_operator: dict[str, int]
    chain_intact: bool
    chain_events: int
    chain_verdict: str
    first_hash: str | None
    last_hash: str | None

    def as_json(self) -> dict[str, object]:
        """The summary as JSON data (what the signed PDF carries)."""
        return {
            "since": self.since,
            "until": self.until,
            "generated_at": self.generated_at,
            "generated_by": self.generated_by,
            "events": self.events,
            "by_action": self.by_action,
            "by_outcome": self.by_outcome,
            "by_purpose": self.by_purpose,
            "by_operator": self.by_operator,
            "chain_intact": self.chain_intact,
            "chain_events": self.chain_events,
            "chain_verdict": self.chain_verdict,
            "first_hash": self.first_hash,
            "last_hash": self.last_hash,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> AuditSummary:
        """The summary from `as_json` data; ValueError when a member is missing or wrong."""
        try:
            return cls(**data)  # type: ignore[arg-type]
        except TypeError as exc:
            raise ValueError(f"not an audit summary: {exc}") from None


def safe_detail(detail: dict[str, DetailValue]) -> dict[str, DetailValue]:
    """The detail with any value named or shaped like a secret or record code withheld (a yes
    or no under such a name, e.g. whether a record code was given, stays)."""
    return {
        key: WITHHELD
        if (_SECRET_NAMES.search(key) and not isinstance(value, bool | None))
        or (isinstance(value, str) and _RECORD_CODE_SHAPE.search(value))
        else value
        for key, value in detail.items()
    }


def _safe_record(event: AuditEvent) -> AuditRecord:
    return AuditRecord(
        seq=event.seq,
        occurred_at=event.occurred_at,
        operator_id=event.operator_id,
        action=event.action,
        outcome=Outcome(event.outcome),
        purpose_code=event.purpose_code,
        resident_id=event.resident_id,
        detail=safe_detail(json.loads(event.detail)),
        hash=event.hash,
    )


def _where(query: Q, f: AuditFilter) -> Q:
    if f.since is not None:
        query = query.where(AuditEvent.occurred_at >= format_timestamp(f.since))
    if f.until is not None:
        query = query.where(AuditEvent.occurred_at < format_timestamp(f.until))
    if f.operator_id is not None:
        query = query.where(AuditEvent.operator_id == f.operator_id)
    if f.purpose_code is not None:
        query = query.where(AuditEvent.purpose_code == f.purpose_code)
    if f.resident_id is not None:
        query = query.where(AuditEvent.resident_id == f.resident_id)
    if f.action is not None:
        query = query.where(AuditEvent.action == f.action)
    if f.outcome is not None:
        query = query.where(AuditEvent.outcome == f.outcome.value)
    return query


def search_query(f: AuditFilter, limit: int, after: AuditCursor | None) -> Select[AuditEvent]:
    """The page's query: newest first, keyset-paged (exposed for the plan tests)."""
    query = _where(select(AuditEvent), f)
    if after is not None:
        query = query.where(
            or_(
                AuditEvent.occurred_at < after.occurred_at,
                and_(AuditEvent.occurred_at == after.occurred_at, AuditEvent.seq < after.seq),
            )
        )
    return query.order_by(AuditEvent.occurred_at.desc(), AuditEvent.seq.desc()).limit(limit)


def _counts(s: Session, f: AuditFilter, column: InstrumentedAttribute[Any]) -> dict[str, int]:
    query = _where(select(column, func.count()).select_from(AuditEvent), f)
    rows = s.execute(query.group_by(column).order_by(column))
    return {("-" if key is None else str(key)): int(n) for key, n in rows}


class AuditSearch:
    """The supervisor's view of the audit trail: search, export, summary (all audited)."""

    def __init__(self, store: Store, operators: OperatorAccounts) -> None:
        self._store = store
        self._operators = operators

    def _record_use(self, by: OperatorSession, action: str, f: AuditFilter, **extra: int) -> None:
        with self._store.db.transaction() as s:
            by_id = self._operators.authorise(s, by, Role.SUPERVISOR)
            self._store.audit.append(
                s,
                action=action,
                outcome=Outcome.OK,
                operator_id=by_id,
                purpose_code=PurposeCode.SUPERVISION.value,
                detail={**f.as_detail(), **extra},
            )

    def search(
        self,
        by: OperatorSession,
        f: AuditFilter,
        *,
        limit: int = DEFAULT_PAGE,
        after: AuditCursor | None = None,
    ) -> AuditPage:
        """One page of matching events, newest first (at most MAX_PAGE); audited."""
        if not 1 <= limit <= MAX_PAGE:
            raise AuditSearchError(f"a page holds 1 to {MAX_PAGE} events, not {limit}")
        self._record_use(by, "audit.searched", f)
        with self._store.db.transaction(read_only=True) as s:
            rows = list(s.scalars(search_query(f, limit + 1, after)))
            events = tuple(_safe_record(row) for row in rows[:limit])
            ids = {e.operator_id for e in events if e.operator_id is not None}
            logins = (
                {
                    i: n
                    for i, n in s.execute(
                        select(Operator.id, Operator.login).where(Operator.id.in_(ids))
                    )
                }
                if ids
                else {}
            )
        more = len(rows) > limit
        last = events[-1] if events else None
        cursor = AuditCursor(last.occurred_at, last.seq) if more and last else None
        return AuditPage(events, logins, cursor)

    def export(self, by: OperatorSession, f: AuditFilter) -> Iterator[AuditRecord]:
        """Every matching event, oldest first, streamed in batches; the export is audited first.

        Consume the iterator at once: it holds a read transaction until it is exhausted.
        """
        self._record_use(by, "audit.exported", f)
        return self._stream(f)

    def _stream(self, f: AuditFilter) -> Iterator[AuditRecord]:
        with self._store.db.transaction(read_only=True) as s:
            query = _where(select(AuditEvent), f).order_by(AuditEvent.seq)
            for row in s.scalars(query.execution_options(yield_per=EXPORT_BATCH)):
                yield _safe_record(row)
                s.expunge(row)

    def plan(self, f: AuditFilter, *, limit: int = DEFAULT_PAGE) -> list[str]:
        """The database's plan of a search page (SQLite: EXPLAIN QUERY PLAN details; PostgreSQL:
        EXPLAIN with sequential scans disabled, so it shows what the indexes can serve)."""
        with self._store.db.transaction(read_only=True) as s:
            dialect = s.get_bind().dialect
            sql = str(
                search_query(f, limit + 1, None).compile(
                    dialect=dialect, compile_kwargs={"literal_binds": True}
                )
            )
            driver = s.connection().connection.driver_connection
            assert driver is not None
            cursor = driver.cursor()
            try:
                if dialect.name == "sqlite":
                    cursor.execute("EXPLAIN QUERY PLAN " + sql)
                    return [str(row[3]) for row in cursor.fetchall()]
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("EXPLAIN " + sql)
                return [str(row[0]) for row in cursor.fetchall()]
            finally:
                cursor.close()

    def logins(self) -> dict[int, str]:
        """Every operator's login by id (for naming operators in exports)."""
        with self._store.db.transaction(read_only=True) as s:
            return {i: n for i, n in s.execute(select(Operator.id, Operator.login))}

    def verify(self, by: OperatorSession) -> ChainReport:
        """Walk the whole chain for a supervisor; the check and its verdict are audited (the
        event is appended after the walk, so it is not part of what it vouches for)."""
        with self._store.db.transaction(read_only=True) as s:
            self._operators.authorise(s, by, Role.SUPERVISOR)
        report = verify_chain(self._store.db)
        self._record_use(by, "audit.verified", AuditFilter(), events=report.events,
                         intact=int(report.intact))  # fmt: skip
        return report

    def summary(self, by: OperatorSession, f: AuditFilter) -> AuditSummary:
        """Counts per action, outcome, purpose and operator, the chain's verdict and the period's
        first and last event hashes; audited."""
        self._record_use(by, "audit.summarised", f)
        report = verify_chain(self._store.db)
        with self._store.db.transaction(read_only=True) as s:
            operators = _counts(s, f, AuditEvent.operator_id)
            logins = {str(i): n for i, n in s.execute(select(Operator.id, Operator.login))}
            ends = s.execute(
                _where(select(func.min(AuditEvent.seq), func.max(AuditEvent.seq)), f)
            ).one()
            first_hash = last_hash = None
            if ends[0] is not None:
                first_hash = s.scalar(select(AuditEvent.hash).where(AuditEvent.seq == ends[0]))
                last_hash = s.scalar(select(AuditEvent.hash).where(AuditEvent.seq == ends[1]))
            by_outcome = _counts(s, f, AuditEvent.outcome)
            return AuditSummary(
                since=format_timestamp(f.since) if f.since else None,
                until=format_timestamp(f.until) if f.until else None,
                generated_at=format_timestamp(self._store.clock()),
                generated_by=by.login,
                events=sum(by_outcome.values()),
                by_action=_counts(s, f, AuditEvent.action),
                by_outcome=by_outcome,
                by_purpose=_counts(s, f, AuditEvent.purpose_code),
                by_operator={logins.get(k, k): n for k, n in operators.items()},
                chain_intact=report.intact,
                chain_events=report.events,
                chain_verdict=chain_verdict(report),
                first_hash=first_hash,
                last_hash=last_hash,
            )


def chain_verdict(report: ChainReport) -> str:
    """The chain's verdict in one English sentence."""
    if report.intact:
        return f"intact: {report.events} events verified"
    return f"BROKEN: {report.reason}"
