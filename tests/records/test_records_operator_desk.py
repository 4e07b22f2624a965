"""The supervisor's work on operator accounts, on SQLite and PostgreSQL: registration with a
duty period and a one-time password, unlock, password reset, end of duty, card binding, the
last-supervisor rule and the recovery on the register host."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app.records import NewOperator, OperatorSession, Register, Role
from counter_app.records.errors import (
    LastSupervisorError,
    LoginFailedError,
    NewPasswordRejectedError,
    OperatorExistsError,
    OperatorFormError,
    OperatorLockedError,
    OperatorNotOnDutyError,
    PasswordChangeRequiredError,
    RoleRequiredError,
)
from tests.support.records_fixtures import CLERK_PASSWORD, FAST_POLICY

OWN_PASSWORD = "my-own-secret"


def _today(register: Register) -> dt.date:
    return register.operator_desk.today()


def _clerk(
    register: Register, supervisor: OperatorSession, login: str = "clerk"
) -> tuple[int, str]:
    new = NewOperator(
        login=login, display_name="窓口 花子", roles=frozenset({Role.ISSUING_CLERK}),
        duty_from=_today(register),
    )  # fmt: skip
    registered = register.operator_desk.register(supervisor, new)
    return registered.operator_id, registered.one_time_password


def test_a_registered_operator_sets_their_own_password_at_the_first_login(
    register: Register, supervisor: OperatorSession
) -> None:
    clerk_id, one_time = _clerk(register, supervisor)
    assert len(one_time) >= FAST_POLICY.min_password_length
    with pytest.raises(PasswordChangeRequiredError):
        register.operators.login_with_password("clerk", one_time)
    with pytest.raises(NewPasswordRejectedError):  # the same one again
        register.operators.change_password_and_log_in("clerk", one_time, one_time)
    with pytest.raises(NewPasswordRejectedError):
        register.operators.change_password_and_log_in("clerk", one_time, "short")
    with pytest.raises(LoginFailedError):
        register.operators.change_password_and_log_in("clerk", "wrong-one", OWN_PASSWORD)
    session = register.operators.change_password_and_log_in("clerk", one_time, OWN_PASSWORD)
    assert session.operator_id == clerk_id and session.roles == {Role.ISSUING_CLERK}
    with pytest.raises(LoginFailedError):  # the one-time password worked once
        register.operators.login_with_password("clerk", one_time)
    assert register.operators.login_with_password("clerk", OWN_PASSWORD)

    rows = {r.login: r for r in register.operator_desk.operators(supervisor)}
    clerk = rows["clerk"]
    assert clerk.on_duty_today and not clerk.locked and not clerk.must_change_password
    assert clerk.roles == {Role.ISSUING_CLERK} and clerk.duty_from == _today(register)
    assert clerk.duty_to is None and clerk.last_login is not None
    assert rows["supervisor"].roles == {Role.SUPERVISOR} and rows["supervisor"].has_card

    events = register.audit_events(100)
    assert "operator.registered" in [e.action for e in events]
    changed = [e for e in events if e.action == "operator.password_changed"]
    assert changed and changed[0].purpose_code == "supervision"
    assert all(one_time not in str(e.detail) and OWN_PASSWORD not in str(e.detail) for e in events)
    assert register.verify_audit_chain().intact


def test_registration_is_checked_and_only_by_a_supervisor(
    register: Register, supervisor: OperatorSession
) -> None:
    today = _today(register)
    clerk = frozenset({Role.ISSUING_CLERK})
    bad = [
        NewOperator("x y", "名前", frozenset({Role.ISSUING_CLERK}), today),
        NewOperator("clerk", " ", frozenset({Role.ISSUING_CLERK}), today),
        NewOperator("clerk", "名前", frozenset(), today),
        NewOperator("clerk", "名前", clerk, today, today - dt.timedelta(1)),
    ]
    for new in bad:
        with pytest.raises(OperatorFormError):
            register.operator_desk.register(supervisor, new)
    _clerk(register, supervisor)
    with pytest.raises(OperatorExistsError):
        _clerk(register, supervisor)
    register.operators.register(
        supervisor, login="plain", display_name="plain", roles=[Role.ISSUING_CLERK],
        password=CLERK_PASSWORD,
    )  # fmt: skip
    plain = register.operators.login_with_password("plain", CLERK_PASSWORD)
    with pytest.raises(RoleRequiredError):
        register.operator_desk.operators(plain)
    with pytest.raises(RoleRequiredError):
        _clerk(register, plain, "other")


def test_a_duty_period_in_the_future_or_past_does_not_log_in(
    register: Register, supervisor: OperatorSession
) -> None:
    today = _today(register)
    clerk = frozenset({Role.ISSUING_CLERK})
    later = NewOperator("later", "後日 始", clerk, today + dt.timedelta(3))
    one_time = register.operator_desk.register(supervisor, later).one_time_password
    with pytest.raises(OperatorNotOnDutyError):
        register.operators.change_password_and_log_in("later", one_time, OWN_PASSWORD)
    past = NewOperator(
        "past", "過去 終", frozenset({Role.ISSUING_CLERK}), today - dt.timedelta(9),
        today - dt.timedelta(1),
    )  # fmt: skip
    one_time = register.operator_desk.register(supervisor, past).one_time_password
    with pytest.raises(OperatorNotOnDutyError):
        register.operators.change_password_and_log_in("past", one_time, OWN_PASSWORD)
    rows = {r.login: r for r in register.operator_desk.operators(supervisor)}
    assert not rows["later"].on_duty_today and rows["later"].duty_from == today + dt.timedelta(3)
    assert not rows["past"].on_duty_today and rows["past"].duty_to == today - dt.timedelta(1)


def test_unlock_after_the_lock_out_and_reset_password(
    register: Register, supervisor: OperatorSession
) -> None:
    clerk_id, one_time = _clerk(register, supervisor)
    register.operators.change_password_and_log_in("clerk", one_time, OWN_PASSWORD)
    for _ in range(FAST_POLICY.max_failed_logins):
        with pytest.raises((LoginFailedError, OperatorLockedError)):
            register.operators.login_with_password("clerk", "wrong password")
    with pytest.raises(OperatorLockedError):
        register.operators.login_with_password("clerk", OWN_PASSWORD)
    assert {r.login: r for r in register.operator_desk.operators(supervisor)}["clerk"].locked
    register.operator_desk.unlock(supervisor, clerk_id)
    assert register.operators.login_with_password("clerk", OWN_PASSWORD)

    reset = register.operator_desk.reset_password(supervisor, clerk_id)
    with pytest.raises(LoginFailedError):  # the operator's own password no longer works
        register.operators.login_with_password("clerk", OWN_PASSWORD)
    with pytest.raises(PasswordChangeRequiredError):
        register.operators.login_with_password("clerk", reset)
    assert register.operators.change_password_and_log_in("clerk", reset, "another-secret")
    actions = [(e.action, e.purpose_code) for e in register.audit_events(100)]
    assert ("operator.unlocked", "supervision") in actions
    assert ("operator.password_reset", "supervision") in actions


def test_end_of_duty_stops_the_account_and_keeps_its_history(
    register: Register, supervisor: OperatorSession
) -> None:
    clerk_id, one_time = _clerk(register, supervisor)
    register.operators.change_password_and_log_in("clerk", one_time, OWN_PASSWORD)
    register.operator_desk.end_duty(supervisor, clerk_id, _today(register))
    with pytest.raises(OperatorNotOnDutyError):
        register.operators.login_with_password("clerk", OWN_PASSWORD)
    with pytest.raises(OperatorNotOnDutyError):
        register.operator_desk.end_duty(supervisor, clerk_id, _today(register))
    row = {r.login: r for r in register.operator_desk.operators(supervisor)}["clerk"]
    assert not row.on_duty_today and row.duty_to == _today(register) - dt.timedelta(days=1)
    own = [e for e in register.audit_events(100) if e.operator_id == clerk_id]
    assert "operator.login" in [e.action for e in own]  # the history stays linked
    ended = [e for e in register.audit_events(100) if e.action == "operator.duty_ended"]
    assert ended[0].operator_id == supervisor.operator_id


def test_a_duty_ending_later_keeps_working_until_that_day(
    register: Register, supervisor: OperatorSession
) -> None:
    clerk_id, one_time = _clerk(register, supervisor)
    last_day = _today(register) + dt.timedelta(days=30)
    register.operator_desk.end_duty(supervisor, clerk_id, last_day + dt.timedelta(days=1))
    assert register.operators.change_password_and_log_in("clerk", one_time, OWN_PASSWORD)
    row = {r.login: r for r in register.operator_desk.operators(supervisor)}["clerk"]
    assert row.on_duty_today and row.duty_to == last_day


def test_the_last_supervisor_cannot_end_their_duty(
    register: Register, supervisor: OperatorSession
) -> None:
    with pytest.raises(LastSupervisorError):
        register.operator_desk.end_duty(supervisor, supervisor.operator_id, _today(register))
    with pytest.raises(LastSupervisorError):
        register.operators.remove(supervisor, supervisor.operator_id)
    second = NewOperator("chief", "監督 二郎", frozenset({Role.SUPERVISOR}), _today(register))
    registered = register.operator_desk.register(supervisor, second)
    chief = register.operators.change_password_and_log_in(
        "chief", registered.one_time_password, OWN_PASSWORD
    )
    for _ in range(FAST_POLICY.max_failed_logins):  # locked out: not an active supervisor
        with pytest.raises((LoginFailedError, OperatorLockedError)):
            register.operators.login_with_password("chief", "wrong password")
    with pytest.raises(LastSupervisorError):
        register.operator_desk.end_duty(supervisor, supervisor.operator_id, _today(register))
    register.operator_desk.unlock(supervisor, registered.operator_id)
    register.operator_desk.end_duty(chief, supervisor.operator_id, _today(register))
    with pytest.raises(LastSupervisorError):
        register.operator_desk.end_duty(chief, chief.operator_id, _today(register))


def test_recovery_on_the_register_host_unlocks_a_locked_out_supervisor(
    register: Register, supervisor: OperatorSession
) -> None:
    from tests.support.records_fixtures import SUPERVISOR_PASSWORD

    for _ in range(FAST_POLICY.max_failed_logins):
        with pytest.raises((LoginFailedError, OperatorLockedError)):
            register.operators.login_with_password("supervisor", "wrong password")
    with pytest.raises(OperatorLockedError):
        register.operators.login_with_password("supervisor", SUPERVISOR_PASSWORD)
    one_time = register.operator_desk.recover("supervisor")
    with pytest.raises(PasswordChangeRequiredError):
        register.operators.login_with_password("supervisor", one_time)
    session = register.operators.change_password_and_log_in("supervisor", one_time, OWN_PASSWORD)
    assert Role.SUPERVISOR in session.roles
    recovered = [e for e in register.audit_events(100) if e.action == "operator.recovered"]
    assert recovered[0].operator_id is None and recovered[0].purpose_code == "supervision"
    assert recovered[0].detail["method"] == "recovery on the register host"
    assert one_time not in str(recovered[0].detail)


def test_an_operator_card_is_bound_and_logs_in(
    register: Register, supervisor: OperatorSession
) -> None:
    clerk_id, _one_time = _clerk(register, supervisor)
    register.operator_desk.bind_card(supervisor, clerk_id, "0011223344556677")
    session = register.operators.login_with_card("0011223344556677", pin_verified=True)
    assert session.operator_id == clerk_id and session.method == "card"
    with pytest.raises(OperatorExistsError):  # one card, one operator
        register.operator_desk.bind_card(supervisor, supervisor.operator_id, "0011223344556677")
    row = {r.login: r for r in register.operator_desk.operators(supervisor)}["clerk"]
    assert row.has_card and row.last_login is not None
