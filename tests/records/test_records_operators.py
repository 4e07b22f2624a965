"""Operators: registration for duty and removal (audited), password and card login, lock-out,
idle time-out, role checks at workflow entry points."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

import pytest
from sqlalchemy import select

from counter_app.records import OperatorSession, Outcome, Register, Role, requires_role
from counter_app.records.errors import (
    LoginFailedError,
    OperatorLockedError,
    OperatorNotOnDutyError,
    RoleRequiredError,
    SessionExpiredError,
)
from counter_app.records.models import Operator
from tests.support.records_fixtures import CLERK_PASSWORD, FAST_POLICY


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = dt.datetime(2024, 4, 1, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += dt.timedelta(**kwargs)


def _session(clock: FakeClock, *roles: Role) -> OperatorSession:
    return OperatorSession(
        operator_id=1, login="a", display_name="a", roles=roles, method="password",
        idle_timeout=dt.timedelta(minutes=10), clock=clock,
    )  # fmt: skip


def test_session_ends_after_the_idle_time_and_activity_postpones_it() -> None:
    clock = FakeClock()
    session = _session(clock, Role.ISSUING_CLERK)
    clock.advance(minutes=9)
    assert session.remaining() == dt.timedelta(minutes=1)
    session.require_role(Role.ISSUING_CLERK)  # activity
    assert session.last_activity == clock.now
    clock.advance(minutes=9, seconds=59)
    assert not session.ended
    clock.advance(seconds=1)
    assert session.ended and session.remaining() == dt.timedelta(0)
    with pytest.raises(SessionExpiredError):
        session.touch()
    clock.now -= dt.timedelta(hours=1)  # even a clock going back does not revive it
    assert session.ended


def test_role_checks_at_workflow_entry_points() -> None:
    clock = FakeClock()

    @requires_role(Role.ISSUING_CLERK, Role.SUPERVISOR)
    def issue_card(operator: OperatorSession, serial: str) -> str:
        return f"issued {serial}"

    assert issue_card(_session(clock, Role.ISSUING_CLERK), "C1") == "issued C1"
    assert issue_card(operator=_session(clock, Role.SUPERVISOR), serial="C2") == "issued C2"
    with pytest.raises(RoleRequiredError):
        issue_card(_session(clock, Role.VERIFYING_CLERK), "C3")
    expired = _session(clock, Role.ISSUING_CLERK)
    clock.advance(hours=1)
    with pytest.raises(SessionExpiredError):
        issue_card(expired, "C4")
    with pytest.raises(TypeError):
        issue_card("not a session", "C5")  # type: ignore[arg-type]


def test_password_login_and_wrong_password(
    register: Register, make_operator: Callable[..., OperatorSession]
) -> None:
    clerk = make_operator("clerk", Role.ISSUING_CLERK)
    assert clerk.roles == {Role.ISSUING_CLERK} and clerk.method == "password"
    with register._store.db.transaction(read_only=True) as s:
        stored = s.scalar(select(Operator.password_hash).where(Operator.login == "clerk"))
    assert stored is not None and stored.startswith("$argon2id$") and CLERK_PASSWORD not in stored
    with pytest.raises(LoginFailedError):
        register.operators.login_with_password("clerk", "not-the-password")
    with pytest.raises(LoginFailedError) as unknown:
        register.operators.login_with_password("nobody", "whatever-pass")
    # The clerk hears the same thing whether the login or the password was wrong.
    assert unknown.value.what == LoginFailedError.what
    events = register.audit_events(2)
    assert [e.outcome for e in events] == [Outcome.REFUSED, Outcome.REFUSED]
    assert "nobody" not in repr(events)  # a mistyped login may be a password


def test_lock_out_after_repeated_failures_until_a_supervisor_unlocks(
    register: Register, supervisor: OperatorSession, make_operator: Callable[..., OperatorSession]
) -> None:
    clerk = make_operator("clerk", Role.ISSUING_CLERK)
    for _ in range(FAST_POLICY.max_failed_logins - 1):
        with pytest.raises(LoginFailedError):
            register.operators.login_with_password("clerk", "wrong-password")
    with pytest.raises(OperatorLockedError):
        register.operators.login_with_password("clerk", "wrong-password")
    with pytest.raises(OperatorLockedError):
        register.operators.login_with_password("clerk", CLERK_PASSWORD)
    assert register.audit_events(2)[1].action == "operator.locked"
    register.operators.unlock(supervisor, clerk.operator_id)
    assert register.operators.login_with_password("clerk", CLERK_PASSWORD).operator_id == (
        clerk.operator_id
    )


def test_operator_card_login_with_the_pin_verified_by_the_card(
    register: Register, supervisor: OperatorSession
) -> None:
    register.operators.register(
        supervisor, login="carded", display_name="c", roles=[Role.VERIFYING_CLERK],
        card_serial="OP-7777",
    )  # fmt: skip
    session = register.operators.login_with_card("OP-7777", pin_verified=True)
    assert session.method == "card" and session.roles == {Role.VERIFYING_CLERK}
    with pytest.raises(LoginFailedError):
        register.operators.login_with_card("OP-0000", pin_verified=True)
    for _ in range(FAST_POLICY.max_failed_logins - 1):
        with pytest.raises(LoginFailedError):
            register.operators.login_with_card("OP-7777", pin_verified=False)
    with pytest.raises(OperatorLockedError):
        register.operators.login_with_card("OP-7777", pin_verified=False)
    with pytest.raises(OperatorLockedError):
        register.operators.login_with_card("OP-7777", pin_verified=True)


def test_registration_and_removal_are_audited_and_removal_ends_login(
    register: Register, supervisor: OperatorSession, make_operator: Callable[..., OperatorSession]
) -> None:
    clerk = make_operator("temp", Role.ISSUING_CLERK)
    registered = [e for e in register.audit_events() if e.action == "operator.registered"]
    assert registered[0].operator_id == supervisor.operator_id
    assert registered[0].detail["operator"] == clerk.operator_id
    register.operators.remove(supervisor, clerk.operator_id)
    removed = register.audit_events(1)[0]
    assert (removed.action, removed.detail["operator"]) == ("operator.removed", clerk.operator_id)
    with pytest.raises(OperatorNotOnDutyError):
        register.operators.login_with_password("temp", CLERK_PASSWORD)
    register.operators.start_duty(supervisor, clerk.operator_id)
    assert register.operators.login_with_password("temp", CLERK_PASSWORD)


def test_only_a_supervisor_registers_operators(
    register: Register, supervisor: OperatorSession, make_operator: Callable[..., OperatorSession]
) -> None:
    clerk = make_operator("clerk", Role.ISSUING_CLERK)
    with pytest.raises(RoleRequiredError):
        register.operators.register(
            clerk, login="x", display_name="x", roles=[Role.SUPERVISOR], password="long-enough"
        )
    with pytest.raises(RoleRequiredError):  # no more bootstrap once someone is on duty
        register.operators.register(
            None, login="y", display_name="y", roles=[Role.SUPERVISOR], password="long-enough"
        )


def test_passwords_never_reach_logs_or_the_audit_trail(
    register: Register, supervisor: OperatorSession, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.DEBUG)
    try:
        register.operators.register(
            supervisor, login="pw", display_name="p", roles=[Role.ISSUING_CLERK],
            password="Secret-Passw0rd",
        )  # fmt: skip
        register.operators.login_with_password("pw", "Secret-Passw0rd")
        with pytest.raises(LoginFailedError):
            register.operators.login_with_password("pw", "Wrong-Passw0rd")
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.NOTSET)
    everything = caplog.text + repr(register.audit_events())
    assert "Secret-Passw0rd" not in everything and "Wrong-Passw0rd" not in everything
