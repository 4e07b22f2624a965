"""Operators: registration for duty, login (password or operator card + PIN), lock-out,
idle time-out and role checks.

`OperatorSession` is pure logic the UI can poll: it knows when it was last used and ends itself
after the configured idle time. Every workflow entry point checks the role, either with
`session.require_role(...)` or the `@requires_role(...)` decorator; the register re-checks the
operator's duty and roles in the database on every audited step, so a session object built by
hand grants nothing the database does not.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter_app.records.audit import AuditTrail, Clock, DetailValue, utc_now
from counter_app.records.errors import (
    LastSupervisorError,
    LoginFailedError,
    NewPasswordRejectedError,
    OperatorExistsError,
    OperatorLockedError,
    OperatorNotFoundError,
    OperatorNotOnDutyError,
    PasswordChangeRequiredError,
    RecordsError,
    RoleRequiredError,
    SessionExpiredError,
)
from counter_app.records.models import DutyPeriod, Operator, OperatorRole
from counter_app.records.store import Store
from counter_app.records.types import Outcome, PurposeCode, Role

log = logging.getLogger(__name__)

SUPERVISION = PurposeCode.SUPERVISION.value  # every supervisor's action is audited under it

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class OperatorPolicy:
    """Lock-out, idle time-out and password hashing settings."""

    max_failed_logins: int = 5
    idle_timeout: dt.timedelta = dt.timedelta(minutes=10)
    min_password_length: int = 8
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 64 * 1024
    argon2_parallelism: int = 2

    def hasher(self) -> PasswordHasher:
        """An argon2id hasher with these costs."""
        return PasswordHasher(
            time_cost=self.argon2_time_cost,
            memory_cost=self.argon2_memory_kib,
            parallelism=self.argon2_parallelism,
        )


class OperatorSession:
    """A logged-in operator: roles, and the idle clock that ends the session."""

    def __init__(
        self,
        *,
        operator_id: int,
        login: str,
        display_name: str,
        roles: Iterable[Role],
        method: str,
        idle_timeout: dt.timedelta,
        clock: Clock = utc_now,
    ) -> None:
        self.operator_id = operator_id
        self.login = login
        self.display_name = display_name
        self.roles = frozenset(roles)
        self.method = method
        self.idle_timeout = idle_timeout
        self._clock = clock
        self.started_at = clock()
        self._last_activity = self.started_at
        self._ended = False

    def __repr__(self) -> str:
        roles = ",".join(sorted(self.roles))
        return f"<OperatorSession operator={self.operator_id} roles={roles} ended={self.ended}>"

    @property
    def last_activity(self) -> dt.datetime:
        """When the operator last did something in this session."""
        return self._last_activity

    @property
    def ended(self) -> bool:
        """True once the session was ended or has been idle too long."""
        return self._ended or self.idle_for() >= self.idle_timeout

    def idle_for(self, now: dt.datetime | None = None) -> dt.timedelta:
        """How long the session has been idle."""
        return (now or self._clock()) - self._last_activity

    def remaining(self, now: dt.datetime | None = None) -> dt.timedelta:
        """Idle time left before the session ends (zero when it has ended)."""
        if self._ended:
            return dt.timedelta(0)
        return max(dt.timedelta(0), self.idle_timeout - self.idle_for(now))

    def touch(self) -> None:
        """Note activity now; SessionExpiredError when the session already ended."""
        now = self._clock()
        if self._ended or self.idle_for(now) >= self.idle_timeout:
            self._ended = True
            raise SessionExpiredError(f"operator {self.operator_id} session ended")
        self._last_activity = now

    def end(self) -> None:
        """Log out."""
        self._ended = True

    def has_role(self, role: Role) -> bool:
        """True when the operator holds this role."""
        return role in self.roles

    def require_role(self, *roles: Role) -> None:
        """Check the session is alive and holds one of `roles`; counts as activity."""
        self.touch()
        if roles and not self.roles.intersection(roles):
            raise RoleRequiredError(
                f"operator {self.operator_id} lacks {' or '.join(r.value for r in roles)}"
            )


def requires_role(*roles: Role) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a workflow entry point: its OperatorSession argument must hold one of `roles`."""

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            sessions = [a for a in (*args, *kwargs.values()) if isinstance(a, OperatorSession)]
            if not sessions:
                raise TypeError(f"{func.__qualname__} needs an OperatorSession argument")
            sessions[0].require_role(*roles)
            return func(*args, **kwargs)

        return wrapper

    return decorate


class OperatorAccounts:
    """Registers and removes operators, logs them in, and confirms they are still on duty."""

    def __init__(self, store: Store, policy: OperatorPolicy) -> None:
        self._db = store.db
        self._audit = store.audit
        self._policy = policy
        self._hasher = policy.hasher()
        self._clock = store.clock
        self._dummy_hash = self._hasher.hash("not a real password")

    # -- registration -------------------------------------------------------------------------

    def register(
        self,
        by: OperatorSession | None,
        *,
        login: str,
        display_name: str,
        roles: Iterable[Role],
        password: str | None = None,
        card_serial: str | None = None,
    ) -> int:
        """Register an operator and start the duty; by a supervisor (or the very first one)."""
        roles = frozenset(Role(r) for r in roles)
        if not roles:
            raise ValueError("an operator needs at least one role")
        if password is not None and len(password) < self._policy.min_password_length:
            raise ValueError(
                f"a password needs at least {self._policy.min_password_length} characters"
            )
        password_hash = self._hasher.hash(password) if password is not None else None
        now = self._clock()
        try:
            with self._db.transaction() as s:
                by_id = self._authorise_supervisor(s, by)
                operator = Operator(
                    login=login,
                    display_name=display_name,
                    password_hash=password_hash,
                    card_serial=card_serial,
                    failed_logins=0,
                    locked=False,
                    created_at=now,
                )
                return insert_operator(
                    s,
                    self._audit,
                    operator,
                    roles,
                    DutyPeriod(starts_at=now, registered_by=by_id),
                    {"card": card_serial is not None},
                )
        except IntegrityError as exc:
            raise OperatorExistsError(f"operator {login!r} exists") from exc

    def start_duty(self, by: OperatorSession, operator_id: int) -> None:
        """Register an existing operator for a new duty period."""
        now = self._clock()
        with self._db.transaction() as s:
            by_id = self._authorise_supervisor(s, by)
            if s.get(Operator, operator_id) is None:
                raise OperatorNotFoundError(f"operator {operator_id}")
            if _open_duty(s, operator_id, now) is not None:
                raise OperatorExistsError(f"operator {operator_id} is already on duty")
            s.add(DutyPeriod(operator_id=operator_id, starts_at=now, registered_by=by_id))
            self._audit.append(
                s,
                action="operator.registered",
                outcome=Outcome.OK,
                operator_id=by_id,
                purpose_code=SUPERVISION,
                detail={"operator": operator_id},
            )

    def remove(self, by: OperatorSession, operator_id: int) -> None:
        """End an operator's duty: they can no longer log in or look anything up."""
        now = self._clock()
        with self._db.transaction() as s:
            by_id = self._authorise_supervisor(s, by)
            duty = _open_duty(s, operator_id, now)
            if duty is None:
                raise OperatorNotOnDutyError(f"operator {operator_id} is not on duty")
            if is_last_active_supervisor(s, operator_id, now):
                raise LastSupervisorError(f"operator {operator_id} is the last supervisor")
            duty.ends_at = now
            duty.removed_by = by_id
            self._audit.append(
                s,
                action="operator.removed",
                outcome=Outcome.OK,
                operator_id=by_id,
                purpose_code=SUPERVISION,
                detail={"operator": operator_id},
            )

    def unlock(self, by: OperatorSession, operator_id: int) -> None:
        """Lift a lock-out after too many failed logins."""
        with self._db.transaction() as s:
            by_id = self._authorise_supervisor(s, by)
            operator = s.get(Operator, operator_id)
            if operator is None:
                raise OperatorNotFoundError(f"operator {operator_id}")
            operator.locked = False
            operator.failed_logins = 0
            self._audit.append(
                s,
                action="operator.unlocked",
                outcome=Outcome.OK,
                operator_id=by_id,
                purpose_code=SUPERVISION,
                detail={"operator": operator_id},
            )

    def authorise(self, s: Session, by: OperatorSession, *roles: Role) -> int:
        """Check at a workflow entry point: session alive, one of `roles` held and granted."""
        by.require_role(*roles)
        if not self.confirm(s, by).intersection(roles):
            raise RoleRequiredError(f"operator {by.operator_id} lacks {'/'.join(roles)}")
        return by.operator_id

    def _authorise_supervisor(self, s: Session, by: OperatorSession | None) -> int | None:
        if by is None:
            if s.scalar(select(DutyPeriod.id).where(DutyPeriod.ends_at.is_(None)).limit(1)):
                raise RoleRequiredError("only a supervisor registers or removes operators")
            return None  # bootstrap: the first operator of a new register
        by.require_role(Role.SUPERVISOR)
        if Role.SUPERVISOR not in self.confirm(s, by):
            raise RoleRequiredError(f"operator {by.operator_id} is not a supervisor")
        return by.operator_id

    # -- login --------------------------------------------------------------------------------

    def login_of(self, operator_id: int) -> str:
        """The login name of an operator number; LoginFailedError when there is none."""
        with self._db.transaction(read_only=True) as s:
            login = s.scalar(select(Operator.login).where(Operator.id == operator_id))
        if login is None:
            raise LoginFailedError(f"no operator number {operator_id}")
        return login

    def id_of(self, login: str) -> int:
        """The number of the operator with this login; OperatorNotFoundError when none."""
        with self._db.transaction(read_only=True) as s:
            operator_id = s.scalar(select(Operator.id).where(Operator.login == login))
        if operator_id is None:
            raise OperatorNotFoundError(f"no operator {login!r}")
        return operator_id

    def login_with_password(self, login: str, password: str) -> OperatorSession:
        """Check the password; count failures and lock the account after too many."""
        failure: RecordsError | None = None
        with self._db.transaction() as s:
            operator = s.scalar(select(Operator).where(Operator.login == login))
            if operator is None or operator.password_hash is None:
                _verify_quietly(self._hasher, self._dummy_hash, password)
                self._audit.append(
                    s,
                    action="operator.login",
                    outcome=Outcome.REFUSED,
                    operator_id=None if operator is None else operator.id,
                    detail={"method": "password", "reason": "unknown login"},
                )
                failure = LoginFailedError("unknown login or no password set")
            elif operator.locked:
                failure = self._refuse(s, operator, "password", "locked")
            elif not _verify_quietly(self._hasher, operator.password_hash, password):
                failure = self._count_failure(s, operator, "password")
            elif operator.must_change_password:
                failure = self._refuse(s, operator, "password", "password change required")
            else:
                if self._hasher.check_needs_rehash(operator.password_hash):
                    operator.password_hash = self._hasher.hash(password)
                result = self._start_session(s, operator, "password")
                if isinstance(result, OperatorSession):
                    return result
                failure = result
        raise failure

    def change_password_and_log_in(
        self, login: str, given_password: str, new_password: str
    ) -> OperatorSession:
        """Replace a supervisor's one-time password with the operator's own, then log in.

        The given password is checked like a login (a wrong one counts towards the lock-out);
        a locked operator or one off duty changes nothing.
        """
        if len(new_password) < self._policy.min_password_length or new_password == given_password:
            raise NewPasswordRejectedError("the new password is too short or unchanged")
        new_hash = self._hasher.hash(new_password)
        failure: RecordsError | None = None
        with self._db.transaction() as s:
            operator = s.scalar(select(Operator).where(Operator.login == login))
            if operator is None or operator.password_hash is None:
                _verify_quietly(self._hasher, self._dummy_hash, given_password)
                failure = LoginFailedError("unknown login or no password set")
            elif operator.locked:
                failure = self._refuse(s, operator, "password", "locked")
            elif not _verify_quietly(self._hasher, operator.password_hash, given_password):
                failure = self._count_failure(s, operator, "password")
            elif _open_duty(s, operator.id, self._clock()) is None:
                failure = self._refuse(s, operator, "password", "not on duty")
            else:
                operator.password_hash = new_hash
                operator.must_change_password = False
                self._audit.append(
                    s,
                    action="operator.password_changed",
                    outcome=Outcome.OK,
                    operator_id=operator.id,
                    purpose_code=SUPERVISION,
                    detail={"operator": operator.id},
                )
                result = self._start_session(s, operator, "password")
                if isinstance(result, OperatorSession):
                    return result
                failure = result
        raise failure

    def login_with_card(self, serial: str, pin_verified: bool) -> OperatorSession:
        """Log in with an operator card whose PIN the card layer has (or has not) verified."""
        failure: RecordsError | None = None
        with self._db.transaction() as s:
            operator = s.scalar(select(Operator).where(Operator.card_serial == serial))
            if operator is None:
                self._audit.append(
                    s,
                    action="operator.login",
                    outcome=Outcome.REFUSED,
                    detail={"method": "card", "reason": "unknown card", "card": serial},
                )
                failure = LoginFailedError("unknown operator card")
            elif operator.locked:
                failure = self._refuse(s, operator, "card", "locked")
            elif not pin_verified:
                failure = self._count_failure(s, operator, "card")
            else:
                result = self._start_session(s, operator, "card")
                if isinstance(result, OperatorSession):
                    return result
                failure = result
        raise failure

    def _refuse(self, s: Session, operator: Operator, method: str, reason: str) -> RecordsError:
        self._audit.append(
            s,
            action="operator.login",
            outcome=Outcome.REFUSED,
            operator_id=operator.id,
            detail={"method": method, "reason": reason},
        )
        if reason == "locked":
            return OperatorLockedError(f"operator {operator.id} is locked")
        if reason == "password change required":
            return PasswordChangeRequiredError(f"operator {operator.id} must set a password")
        return OperatorNotOnDutyError(f"operator {operator.id} is not on duty")

    def _count_failure(self, s: Session, operator: Operator, method: str) -> RecordsError:
        operator.failed_logins += 1
        locked_now = operator.failed_logins >= self._policy.max_failed_logins
        operator.locked = locked_now
        self._audit.append(
            s,
            action="operator.login",
            outcome=Outcome.REFUSED,
            operator_id=operator.id,
            detail={"method": method, "reason": "wrong secret", "failures": operator.failed_logins},
        )
        if locked_now:
            self._audit.append(
                s,
                action="operator.locked",
                outcome=Outcome.OK,
                operator_id=operator.id,
                detail={"failures": operator.failed_logins},
            )
            return OperatorLockedError(f"operator {operator.id} locked after failed logins")
        return LoginFailedError(f"wrong secret for operator {operator.id}")

    def _start_session(
        self, s: Session, operator: Operator, method: str
    ) -> OperatorSession | RecordsError:
        if _open_duty(s, operator.id, self._clock()) is None:
            return self._refuse(s, operator, method, "not on duty")
        operator.failed_logins = 0
        operator.last_login_at = self._clock()
        roles = _roles(s, operator.id)
        self._audit.append(
            s,
            action="operator.login",
            outcome=Outcome.OK,
            operator_id=operator.id,
            detail={"method": method},
        )
        log.info("operator %s logged in (%s)", operator.id, method)
        return OperatorSession(
            operator_id=operator.id,
            login=operator.login,
            display_name=operator.display_name,
            roles=roles,
            method=method,
            idle_timeout=self._policy.idle_timeout,
            clock=self._clock,
        )

    def logout(self, session: OperatorSession) -> None:
        """End the session and record it."""
        session.end()
        with self._db.transaction() as s:
            self._audit.append(
                s, action="operator.logout", outcome=Outcome.OK, operator_id=session.operator_id
            )

    # -- checks used by every audited step -----------------------------------------------------

    def confirm(self, s: Session, session: OperatorSession) -> frozenset[Role]:
        """The roles the database grants this session's operator now; raises when not on duty."""
        operator = s.get(Operator, session.operator_id)
        if operator is None:
            raise OperatorNotFoundError(f"operator {session.operator_id}")
        if operator.locked:
            raise OperatorLockedError(f"operator {operator.id} is locked")
        if _open_duty(s, operator.id, self._clock()) is None:
            raise OperatorNotOnDutyError(f"operator {operator.id} is not on duty")
        return _roles(s, operator.id)


def is_last_active_supervisor(s: Session, operator_id: int, now: dt.datetime) -> bool:
    """True when `operator_id` is a supervisor on duty, unlocked, and no other one is."""
    on_duty = select(DutyPeriod.operator_id).where(
        DutyPeriod.starts_at <= now,
        or_(DutyPeriod.ends_at.is_(None), DutyPeriod.ends_at > now),
    )
    active = set(
        s.scalars(
            select(Operator.id)
            .join(OperatorRole, OperatorRole.operator_id == Operator.id)
            .where(
                OperatorRole.role == Role.SUPERVISOR.value,
                Operator.locked.is_(False),
                Operator.id.in_(on_duty),
            )
        )
    )
    return operator_id in active and not active - {operator_id}


def _open_duty(s: Session, operator_id: int, now: dt.datetime) -> DutyPeriod | None:
    return s.scalar(
        select(DutyPeriod)
        .where(
            DutyPeriod.operator_id == operator_id,
            DutyPeriod.starts_at <= now,
            or_(DutyPeriod.ends_at.is_(None), DutyPeriod.ends_at > now),
        )
        .limit(1)
    )


def _roles(s: Session, operator_id: int) -> frozenset[Role]:
    rows = s.scalars(select(OperatorRole.role).where(OperatorRole.operator_id == operator_id))
    return frozenset(Role(r) for r in rows)


def _verify_quietly(hasher: PasswordHasher, password_hash: str, password: str) -> bool:
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def insert_operator(
    s: Session,
    audit: AuditTrail,
    operator: Operator,
    roles: frozenset[Role],
    duty: DutyPeriod,
    detail: dict[str, DetailValue],
) -> int:
    """Add `operator` with its roles and first duty period (its `registered_by` is the
    supervisor), audited as `operator.registered` under the supervision purpose; its number."""
    s.add(operator)
    s.flush()
    s.add_all(OperatorRole(operator_id=operator.id, role=r.value) for r in roles)
    duty.operator_id = operator.id
    s.add(duty)
    audit.append(
        s,
        action="operator.registered",
        outcome=Outcome.OK,
        operator_id=duty.registered_by,
        purpose_code=SUPERVISION,
        detail={
            "operator": operator.id,
            "login": operator.login,
            "roles": ",".join(sorted(roles)),
            **detail,
        },
    )
    return operator.id
