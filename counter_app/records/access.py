"""PurposeAccess: the one path by which identity data leaves the register.

Every read of a resident's identity data (search hits, the full record, the record code, the
cards a person holds) is a method of `PurposeAccess`, which the register hands out for one
operator session and one purpose. Each call, in one transaction:

1. checks the operator session is alive (idle time-out) and the operator is on duty in the
   database, with a role the purpose allows;
2. checks the purpose covers the person (a search is limited to the covered persons in SQL);
3. appends an audit event, `allowed` or `refused`, and commits it before any data is returned.

A refusal raises a RecordsError after the refusal is committed to the audit trail. The raw
queries live in `_identity.py`, which nothing outside `counter_app.records` may import; the
models and SQLAlchemy itself are likewise off limits to workflows and the UI (enforced by
tests/records/test_records_access.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

import counter_app.records._identity as _identity
from counter_app.records.audit import DetailValue
from counter_app.records.errors import (
    AccessRefusedError,
    RecordsError,
    ResidentNotFoundError,
    RoleRequiredError,
)
from counter_app.records.models import Card
from counter_app.records.operators import OperatorAccounts, OperatorSession
from counter_app.records.purposes import load_purpose, local_day
from counter_app.records.search import parse_query
from counter_app.records.store import Store
from counter_app.records.types import (
    CardInfo,
    CardKind,
    CardStatus,
    Outcome,
    PurposeInfo,
    RecordCode,
    ResidentSummary,
    ResidentView,
)

T = TypeVar("T")
MAX_HITS = 200
_QUERY_IN_AUDIT = 64


@dataclass(frozen=True)
class SearchResult:
    """Search hits, and whether more matched than were returned."""

    hits: tuple[ResidentSummary, ...]
    truncated: bool


@dataclass(frozen=True)
class _Grant:
    purpose: PurposeInfo
    detail: dict[str, DetailValue]


class PurposeAccess:
    """Reads identity data for one operator under one purpose, checked and audited."""

    def __init__(
        self,
        store: Store,
        operators: OperatorAccounts,
        operator: OperatorSession,
        purpose_code: str,
    ) -> None:
        self._store = store
        self._operators = operators
        self._operator = operator
        self._purpose_code = purpose_code

    def __repr__(self) -> str:
        return f"<PurposeAccess operator={self._operator.operator_id} purpose={self._purpose_code}>"

    @property
    def purpose_code(self) -> str:
        """The purpose this access works under."""
        return self._purpose_code

    def search(self, query: str, limit: int = 50) -> SearchResult:
        """Residents matching `query` among those the purpose covers."""
        limit = max(1, min(limit, MAX_HITS))

        def work(s: Session, grant: _Grant) -> SearchResult:
            terms = parse_query(query)
            rows, incomplete = _identity.search(s, grant.purpose, terms, limit + 1)
            hits = tuple(rows[:limit])
            grant.detail.update(
                terms=",".join(terms.kinds()),
                query=query[:_QUERY_IN_AUDIT],
                hits=len(hits),
                ids=",".join(str(h.id) for h in hits),
            )
            if incomplete:
                grant.detail["incomplete"] = True
            return SearchResult(hits, truncated=len(rows) > limit or incomplete)

        return self._run("resident.search", None, work)

    def resident(self, resident_id: int) -> ResidentView:
        """A resident's identity data, the record code masked."""

        def work(s: Session, grant: _Grant) -> ResidentView:
            return _identity.view(self._row(s, resident_id))

        return self._run("resident.read", resident_id, work)

    def reveal_record_code(self, resident_id: int) -> RecordCode | None:
        """The resident record code, only under a purpose that allows revealing it."""

        def work(s: Session, grant: _Grant) -> RecordCode | None:
            if not grant.purpose.reveals_record_code:
                raise AccessRefusedError(
                    f"purpose {grant.purpose.code} does not reveal record codes"
                )
            return _identity.open_record_code(self._row(s, resident_id), self._store.cipher)

        return self._run("resident.record_code.reveal", resident_id, work)

    def cards(self, resident_id: int) -> list[CardInfo]:
        """The cards issued to a resident, newest first."""

        def work(s: Session, grant: _Grant) -> list[CardInfo]:
            self._row(s, resident_id)
            rows = s.scalars(
                select(Card).where(Card.holder_id == resident_id).order_by(Card.id.desc())
            )
            return [card_info(c) for c in rows]

        return self._run("resident.cards", resident_id, work)

    # -- the checks ---------------------------------------------------------------------------

    @staticmethod
    def _row(s: Session, resident_id: int) -> _identity.Resident:
        row = _identity.get(s, resident_id)
        if row is None:
            raise ResidentNotFoundError(f"resident {resident_id}")
        return row

    def _run(self, action: str, resident_id: int | None, work: Callable[[Session, _Grant], T]) -> T:
        store = self._store
        refusal: RecordsError | None = None
        with store.db.transaction() as s:
            detail: dict[str, DetailValue] = {}
            try:
                grant = self._grant(s, resident_id, detail)
                result = work(s, grant)
            except RecordsError as exc:
                detail["reason"] = type(exc).__name__
                store.audit.append(
                    s,
                    action=action,
                    outcome=Outcome.REFUSED,
                    operator_id=self._operator.operator_id,
                    purpose_code=self._purpose_code,
                    resident_id=resident_id,
                    detail=detail,
                )
                refusal = exc
            else:
                store.audit.append(
                    s,
                    action=action,
                    outcome=Outcome.ALLOWED,
                    operator_id=self._operator.operator_id,
                    purpose_code=self._purpose_code,
                    resident_id=resident_id,
                    detail=grant.detail,
                )
                return result
        raise refusal

    def _grant(self, s: Session, resident_id: int | None, detail: dict[str, DetailValue]) -> _Grant:
        self._operator.touch()
        roles = self._operators.confirm(s, self._operator)
        purpose = load_purpose(s, self._purpose_code, on=local_day(self._store.clock))
        if not roles & purpose.roles:
            raise RoleRequiredError(
                f"operator {self._operator.operator_id} may not work under {purpose.code}"
            )
        if resident_id is not None:
            covered = _identity.coverage(s, purpose, resident_id)
            if not covered.covered:
                raise AccessRefusedError(
                    f"purpose {purpose.code} does not cover resident {resident_id}"
                )
            detail["via"] = covered.category.value if covered.category else None
            if covered.case_reference:
                detail["case"] = covered.case_reference
        return _Grant(purpose, detail)


def search_plan(store: Store, purpose_code: str, query: str) -> list[str]:
    """The database's query plan of a search (no identity data is read): for tuning and benchmarks.

    Returns the plan's lines (SQLite: EXPLAIN QUERY PLAN details; PostgreSQL: EXPLAIN text).
    """
    with store.db.transaction(read_only=True) as s:
        purpose = load_purpose(s, purpose_code)
        terms = parse_query(query)
        found = _identity.candidates(s, terms)
        dialect = s.get_bind().dialect
        postgres = dialect.name == "postgresql"
        statements = [
            *_identity.candidate_queries(s, terms),
            _identity.search_query(purpose, terms, MAX_HITS + 1, found.ids, postgres=postgres),
        ]
        driver = s.connection().connection.driver_connection
        assert driver is not None
        plan: list[str] = []
        for statement in statements:
            sql = str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
            cursor = driver.cursor()
            try:
                if dialect.name == "sqlite":
                    cursor.execute("EXPLAIN QUERY PLAN " + sql)
                    plan += [str(row[3]) for row in cursor.fetchall()]
                else:
                    cursor.execute("EXPLAIN " + sql)
                    plan += [str(row[0]) for row in cursor.fetchall()]
            finally:
                cursor.close()
        return plan


_PLAN_INDEX = re.compile(
    r"USING (?:COVERING )?INDEX (\w+)|USING (INTEGER PRIMARY KEY)"
    r"|Index (?:Only )?Scan (?:Backward )?using (\w+)"
    r"|Bitmap Index Scan on (\w+)|SCAN (\w+) VIRTUAL TABLE|(?:Seq Scan on|SCAN) (\w+)"
)


def plan_indexes(plan: Sequence[str]) -> list[str]:
    """The indexes (or "scan of T") a query plan uses, in plan order, without repeats."""
    found: list[str] = []
    for line in plan:
        for match in _PLAN_INDEX.finditer(line):
            index, rowid, pg_index, bitmap, virtual, scan = match.groups()
            name = index or rowid or pg_index or bitmap or (virtual and f"{virtual} (FTS5)")
            name = name or f"scan of {scan}"
            if name not in found:
                found.append(name)
    return found


def card_info(row: Card) -> CardInfo:
    """The caller's view of a card row."""
    return CardInfo(
        id=row.id,
        serial=row.serial,
        holder_id=row.holder_id,
        kind=CardKind(row.kind),
        status=CardStatus(row.status),
        issued_on=row.issued_on,
        expires_on=row.expires_on,
        chip_key_fingerprint=row.chip_key_fingerprint,
        issuer_key_id=row.issuer_key_id,
    )
