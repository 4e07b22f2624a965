"""What the register can tell about its own health, for the self-check: operators on duty who
no longer log in, locked-out supervisors, and where the record-code key is (and is not).

Read-only; nothing here reads identity data. Operators are named by login only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, or_, select

from counter_app.records.crypto import RecordCodeCipher, load_or_create_key
from counter_app.records.errors import RecordCodeKeyError
from counter_app.records.models import AuditEvent, DutyPeriod, Operator, OperatorRole, RegisterMeta
from counter_app.records.operators import OperatorAccounts, OperatorSession
from counter_app.records.store import Store
from counter_app.records.types import Outcome, PurposeCode, Role

KEY_CHECK = "record_code_key_check"


@dataclass(frozen=True)
class IdleOperator:
    """An operator on duty without an end date who has not logged in since `last_seen`."""

    login: str
    last_seen: dt.datetime  # the last successful login, else the start of the duty


@dataclass(frozen=True)
class KeyPlacement:
    """Where the record-code key is: its file present and matching, its value not in the DB."""

    file_present: bool
    matches_register: bool
    in_database: bool


class RegisterHealth:
    """Read-only questions the self-check asks the register, and the record of a run."""

    def __init__(self, store: Store, operators: OperatorAccounts) -> None:
        self._store = store
        self._operators = operators

    def record_self_check(self, by: OperatorSession, verdicts: Mapping[str, str]) -> None:
        """Audit a self-check run by a supervisor, under supervision, with each verdict."""
        with self._store.db.transaction() as s:
            by_id = self._operators.authorise(s, by, Role.SUPERVISOR)
            self._store.audit.append(
                s,
                action="selfcheck.run",
                outcome=Outcome.OK,
                operator_id=by_id,
                purpose_code=PurposeCode.SUPERVISION.value,
                detail=dict(verdicts),
            )

    def require_supervisor(self, by: OperatorSession) -> None:
        """Refuse anyone but a supervisor on duty before the checks read anything."""
        with self._store.db.transaction(read_only=True) as s:
            self._operators.authorise(s, by, Role.SUPERVISOR)

    def idle_operators(self, unused_for: dt.timedelta) -> list[IdleOperator]:
        """Operators whose duty has no end and who have not logged in for `unused_for`."""
        now = self._store.clock()
        found: list[IdleOperator] = []
        with self._store.db.transaction(read_only=True) as s:
            open_duties = s.execute(
                select(Operator.id, Operator.login, func.min(DutyPeriod.starts_at))
                .join(DutyPeriod, DutyPeriod.operator_id == Operator.id)
                .where(DutyPeriod.ends_at.is_(None), DutyPeriod.starts_at <= now)
                .group_by(Operator.id, Operator.login)
                .order_by(Operator.login)
            ).all()
            for operator_id, login, started in open_duties:
                last_login = s.scalar(
                    select(AuditEvent.occurred_at)
                    .where(
                        AuditEvent.operator_id == operator_id,
                        AuditEvent.action == "operator.login",
                        AuditEvent.outcome == Outcome.OK.value,
                    )
                    .order_by(AuditEvent.occurred_at.desc())
                    .limit(1)
                )
                seen = _parse(last_login) if last_login else started
                if now - seen > unused_for:
                    found.append(IdleOperator(str(login), seen))
        return found

    def locked_supervisors(self) -> list[str]:
        """The logins of supervisors on duty whose account is locked."""
        now = self._store.clock()
        with self._store.db.transaction(read_only=True) as s:
            rows = s.scalars(
                select(Operator.login)
                .join(OperatorRole, OperatorRole.operator_id == Operator.id)
                .join(DutyPeriod, DutyPeriod.operator_id == Operator.id)
                .where(
                    Operator.locked.is_(True),
                    OperatorRole.role == Role.SUPERVISOR.value,
                    DutyPeriod.starts_at <= now,
                    or_(DutyPeriod.ends_at.is_(None), DutyPeriod.ends_at > now),
                )
                .distinct()
                .order_by(Operator.login)
            )
            return [str(login) for login in rows]

    def key_placement(self, key_path: Path) -> KeyPlacement:
        """Whether the key file is there and opens this register, and whether the register's
        settings hold the key's value (they must not: a copy of the database would carry it)."""
        try:
            key = load_or_create_key(key_path, create=False)
        except RecordCodeKeyError:
            return KeyPlacement(False, False, False)
        with self._store.db.transaction(read_only=True) as s:
            check = s.get(RegisterMeta, KEY_CHECK)
            values = list(s.scalars(select(RegisterMeta.value)))
        hex_key = key.hex().lower()
        stored = any(hex_key in value.lower() for value in values)
        matches = check is not None and check.value == RecordCodeCipher(key).key_check()
        return KeyPlacement(True, matches, stored)


def _parse(timestamp: str) -> dt.datetime:
    return dt.datetime.strptime(timestamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
