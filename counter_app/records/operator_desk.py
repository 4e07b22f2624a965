"""The supervisor's work on operator accounts: register with a duty period, list, unlock,
reset a password, end a duty, bind an operator card, and the recovery on the register host.

A supervisor never learns an operator's own password: registration, a reset and the recovery
each give a one-time password, shown once, that works for one login only, at which the operator
chooses their own (`OperatorAccounts.change_password_and_log_in`). Ending a duty keeps the
operator's row, roles and audit links; the account stops working from that day. The register
always keeps one unlocked supervisor on duty. Every change is audited under the supervision
purpose; no password is ever put in an audit event or a log.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter_app.records.errors import (
    LastSupervisorError,
    OperatorExistsError,
    OperatorFormError,
    OperatorNotFoundError,
    OperatorNotOnDutyError,
)
from counter_app.records.models import DutyPeriod, Operator, OperatorRole
from counter_app.records.operators import (
    SUPERVISION,
    OperatorAccounts,
    OperatorPolicy,
    OperatorSession,
    insert_operator,
    is_last_active_supervisor,
)
from counter_app.records.store import Store
from counter_app.records.types import Outcome, Role

LOCAL_TIME: Final = dt.timezone(dt.timedelta(hours=9), "JST")  # the municipality's date
LOGIN_FORMAT: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$")
# no 0/O, 1/l/I: a one-time password is read off the screen and typed by someone else
ONE_TIME_ALPHABET: Final = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY = "recovery on the register host"


def one_time_password() -> str:
    """Twelve random characters in three groups, e.g. 'k7dm-q2xa-9tne' (about 59 bits)."""
    groups = ("".join(secrets.choice(ONE_TIME_ALPHABET) for _ in range(4)) for _ in range(3))
    return "-".join(groups)


def day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of `day`, the municipality's date, in UTC."""
    return dt.datetime.combine(day, dt.time(), LOCAL_TIME).astimezone(dt.UTC)


def local_date(moment: dt.datetime) -> dt.date:
    """The municipality's date of a moment."""
    return moment.astimezone(LOCAL_TIME).date()


@dataclass(frozen=True)
class NewOperator:
    """An operator as the supervisor enters them; `duty_to` is the last working day."""

    login: str
    display_name: str
    roles: frozenset[Role]
    duty_from: dt.date
    duty_to: dt.date | None = None

    def check(self) -> None:
        """OperatorFormError naming what is wrong."""
        if not self.display_name.strip():
            raise OperatorFormError("the display name is empty")
        if not LOGIN_FORMAT.match(self.login):
            raise OperatorFormError("the login name is not letters, digits, '-', '_' or '.'")
        if not self.roles:
            raise OperatorFormError("no role chosen")
        if self.duty_to is not None and self.duty_to < self.duty_from:
            raise OperatorFormError("the duty ends before it starts")


@dataclass(frozen=True)
class OperatorRow:
    """One operator as the supervisor's list shows them (never a password or card PIN)."""

    id: int
    login: str
    display_name: str
    roles: frozenset[Role]
    duty_from: dt.date | None  # of the latest duty period
    duty_to: dt.date | None  # its last working day; None: open-ended
    on_duty_today: bool
    locked: bool
    must_change_password: bool
    has_card: bool
    last_login: dt.datetime | None


@dataclass(frozen=True)
class Registered:
    """A registered operator's number and the one-time password to hand over."""

    operator_id: int
    one_time_password: str = ""


class OperatorDesk:
    """Supervisors' operations on operator accounts (see the module docstring)."""

    def __init__(self, store: Store, accounts: OperatorAccounts, policy: OperatorPolicy) -> None:
        self._db = store.db
        self._audit = store.audit
        self._clock = store.clock
        self._accounts = accounts
        self._hasher = policy.hasher()

    def _supervisor(self, s: Session, by: OperatorSession) -> int:
        return self._accounts.authorise(s, by, Role.SUPERVISOR)

    def today(self) -> dt.date:
        """The municipality's date now."""
        return local_date(self._clock())

    # -- reading ------------------------------------------------------------------------------

    def operators(self, by: OperatorSession) -> list[OperatorRow]:
        """Every operator, by login name, with their latest duty period."""
        now = self._clock()
        with self._db.transaction(read_only=True) as s:
            self._supervisor(s, by)
            operators = list(s.scalars(select(Operator).order_by(Operator.login)))
            roles: dict[int, set[Role]] = {}
            for operator_id, role in s.execute(select(OperatorRole.operator_id, OperatorRole.role)):
                roles.setdefault(operator_id, set()).add(Role(role))
            periods: dict[int, list[DutyPeriod]] = {}
            for period in s.scalars(select(DutyPeriod).order_by(DutyPeriod.starts_at)):
                periods.setdefault(period.operator_id, []).append(period)
            return [
                _row(o, frozenset(roles.get(o.id, ())), periods.get(o.id, []), now)
                for o in operators
            ]

    def operator_id(self, login: str) -> int:
        """The number of the operator with this login."""
        return self._accounts.id_of(login)

    # -- changes ------------------------------------------------------------------------------

    def register(self, by: OperatorSession, new: NewOperator) -> Registered:
        """Register an operator for a duty period; the one-time password is returned once."""
        new.check()
        password = one_time_password()
        password_hash = self._hasher.hash(password)
        now = self._clock()
        try:
            with self._db.transaction() as s:
                by_id = self._supervisor(s, by)
                operator = Operator(
                    login=new.login,
                    display_name=new.display_name.strip(),
                    password_hash=password_hash,
                    failed_logins=0,
                    locked=False,
                    created_at=now,
                    must_change_password=True,
                )
                operator_id = insert_operator(
                    s,
                    self._audit,
                    operator,
                    frozenset(new.roles),
                    _period(None, new.duty_from, new.duty_to, by_id),
                    {
                        "from": new.duty_from.isoformat(),
                        "to": new.duty_to.isoformat() if new.duty_to else "",
                    },
                )
                return Registered(operator_id, password)
        except IntegrityError as exc:
            raise OperatorExistsError(f"operator {new.login!r} exists") from exc

    def unlock(self, by: OperatorSession, operator_id: int) -> None:
        """Lift a lock-out after too many failed logins (audited as operator.unlocked)."""
        self._accounts.unlock(by, operator_id)

    def reset_password(self, by: OperatorSession, operator_id: int) -> str:
        """A one-time password for the operator, who sets their own at the next login."""
        password = one_time_password()
        password_hash = self._hasher.hash(password)
        with self._db.transaction() as s:
            by_id = self._supervisor(s, by)
            _set_one_time(s, operator_id, password_hash)
            self._audit.append(
                s,
                action="operator.password_reset",
                outcome=Outcome.OK,
                operator_id=by_id,
                purpose_code=SUPERVISION,
                detail={"operator": operator_id},
            )
        return password

    def end_duty(self, by: OperatorSession, operator_id: int, from_day: dt.date) -> None:
        """The account stops working from the start of `from_day`; its history stays."""
        now = self._clock()
        ends_at = day_start(from_day)
        with self._db.transaction() as s:
            by_id = self._supervisor(s, by)
            if s.get(Operator, operator_id) is None:
                raise OperatorNotFoundError(f"operator {operator_id}")
            periods = [
                p
                for p in s.scalars(select(DutyPeriod).where(DutyPeriod.operator_id == operator_id))
                if p.ends_at is None or p.ends_at > ends_at
            ]
            if not periods:
                raise OperatorNotOnDutyError(f"operator {operator_id} has no duty after {from_day}")
            if is_last_active_supervisor(s, operator_id, now):
                raise LastSupervisorError(f"operator {operator_id} is the last supervisor")
            for period in periods:
                period.ends_at = max(ends_at, period.starts_at)
                period.removed_by = by_id
            self._audit.append(
                s,
                action="operator.duty_ended",
                outcome=Outcome.OK,
                operator_id=by_id,
                purpose_code=SUPERVISION,
                detail={"operator": operator_id, "from": from_day.isoformat()},
            )

    def bind_card(self, by: OperatorSession, operator_id: int, serial: str) -> None:
        """The operator logs in with this card and its PIN from now on (replaces a former one)."""
        try:
            with self._db.transaction() as s:
                by_id = self._supervisor(s, by)
                operator = s.get(Operator, operator_id)
                if operator is None:
                    raise OperatorNotFoundError(f"operator {operator_id}")
                operator.card_serial = serial
                s.flush()
                self._audit.append(
                    s,
                    action="operator.card_bound",
                    outcome=Outcome.OK,
                    operator_id=by_id,
                    purpose_code=SUPERVISION,
                    detail={"operator": operator_id, "card": serial},
                )
        except IntegrityError as exc:
            raise OperatorExistsError(f"card {serial} belongs to another operator") from exc

    def recover(self, login: str) -> str:
        """On the register host, without an operator login: unlock `login`, give it a one-time
        password. Whoever reaches the register's database directly could change it anyway;
        this does it in the open, audited as a recovery."""
        password = one_time_password()
        password_hash = self._hasher.hash(password)
        with self._db.transaction() as s:
            operator = s.scalar(select(Operator).where(Operator.login == login))
            if operator is None:
                raise OperatorNotFoundError(f"no operator {login!r}")
            operator.locked = False
            operator.failed_logins = 0
            _set_one_time(s, operator.id, password_hash)
            self._audit.append(
                s,
                action="operator.recovered",
                outcome=Outcome.OK,
                operator_id=None,
                purpose_code=SUPERVISION,
                detail={"operator": operator.id, "login": login, "method": RECOVERY},
            )
        return password


def _set_one_time(s: Session, operator_id: int, password_hash: str) -> None:
    operator = s.get(Operator, operator_id)
    if operator is None:
        raise OperatorNotFoundError(f"operator {operator_id}")
    operator.password_hash = password_hash
    operator.must_change_password = True


def _period(
    operator_id: int | None,
    duty_from: dt.date,
    duty_to: dt.date | None,
    by_id: int,
) -> DutyPeriod:
    return DutyPeriod(
        operator_id=operator_id,
        starts_at=day_start(duty_from),
        ends_at=day_start(duty_to + dt.timedelta(days=1)) if duty_to else None,
        registered_by=by_id,
    )


def _row(
    operator: Operator, roles: frozenset[Role], periods: Iterable[DutyPeriod], now: dt.datetime
) -> OperatorRow:
    periods = list(periods)
    latest = periods[-1] if periods else None
    on_duty = any(p.starts_at <= now and (p.ends_at is None or p.ends_at > now) for p in periods)
    return OperatorRow(
        id=operator.id,
        login=operator.login,
        display_name=operator.display_name,
        roles=roles,
        duty_from=local_date(latest.starts_at) if latest else None,
        duty_to=(
            local_date(latest.ends_at - dt.timedelta(microseconds=1))
            if latest and latest.ends_at
            else None
        ),
        on_duty_today=on_duty and not operator.locked,
        locked=operator.locked,
        must_change_password=operator.must_change_password,
        has_card=operator.card_serial is not None,
        last_login=operator.last_login_at,
    )
