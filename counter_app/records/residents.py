"""Entering residents into the register and recording their changes (writes only).

Reads of identity data go through `PurposeAccess`; this module only writes and counts.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

import counter_app.records._identity as _identity
from counter_app.records.errors import DuplicateRecordCodeError, ResidentNotFoundError
from counter_app.records.models import Resident, ResidentStatusChange
from counter_app.records.operators import OperatorAccounts, OperatorSession
from counter_app.records.search import address_key
from counter_app.records.store import Store
from counter_app.records.types import NewResident, Outcome, ResidentStatus, Role


class ResidentRegistry:
    """Adds residents, records moves and status changes; every write audited."""

    def __init__(self, store: Store, operators: OperatorAccounts) -> None:
        self._db = store.db
        self._audit = store.audit
        self._operators = operators
        self._cipher = store.cipher
        self._clock = store.clock

    def add(self, by: OperatorSession, new: NewResident) -> int:
        """Enter a resident into the register; returns their id."""
        try:
            with self._db.transaction() as s:
                self._operators.authorise(s, by, Role.SUPERVISOR)
                row = _identity.add(s, new, self._cipher, self._clock())
                self._audit.append(
                    s,
                    action="resident.registered",
                    outcome=Outcome.OK,
                    operator_id=by.operator_id,
                    resident_id=row.id,
                    detail={"record_code": new.record_code is not None},
                )
                return row.id
        except IntegrityError as exc:
            if "record_code_hmac" in str(exc.orig):
                raise DuplicateRecordCodeError("record code already registered") from None
            raise

    def change_status(
        self, by: OperatorSession, resident_id: int, status: ResidentStatus, effective_on: dt.date
    ) -> None:
        """Record that a resident moved out or died (or is resident again)."""
        with self._db.transaction() as s:
            self._operators.authorise(s, by, Role.SUPERVISOR)
            row = _identity.get(s, resident_id)
            if row is None:
                raise ResidentNotFoundError(f"resident {resident_id}")
            row.status = status.value
            row.status_since = effective_on
            row.updated_at = self._clock()
            s.add(
                ResidentStatusChange(
                    resident_id=resident_id,
                    status=status.value,
                    effective_on=effective_on,
                    recorded_at=self._clock(),
                    operator_id=by.operator_id,
                )
            )
            self._audit.append(
                s,
                action="resident.status_changed",
                outcome=Outcome.OK,
                operator_id=by.operator_id,
                resident_id=resident_id,
                detail={"status": status.value, "effective_on": effective_on.isoformat()},
            )

    def change_address(
        self, by: OperatorSession, resident_id: int, address: str, postal_code: str | None
    ) -> None:
        """Record a move within the municipality (転居)."""
        with self._db.transaction() as s:
            self._operators.authorise(s, by, Role.ISSUING_CLERK, Role.SUPERVISOR)
            row = _identity.get(s, resident_id)
            if row is None:
                raise ResidentNotFoundError(f"resident {resident_id}")
            row.address = address
            row.address_key = address_key(address)
            row.postal_code = postal_code
            row.updated_at = self._clock()
            self._audit.append(
                s,
                action="resident.address_changed",
                outcome=Outcome.OK,
                operator_id=by.operator_id,
                resident_id=resident_id,
            )

    def count(self) -> int:
        """How many residents the register holds (no identity data)."""
        with self._db.transaction(read_only=True) as s:
            return s.scalar(select(func.count()).select_from(Resident)) or 0
