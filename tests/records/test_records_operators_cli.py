"""`counter-app operators ...` as a supervisor runs them, on SQLite and PostgreSQL; the recovery
on the register host; binding an operator card read with its PIN."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import main
from counter_app.card.errors import InvalidPinError
from counter_app.card.issuer_keys import IssuerMaterial
from counter_app.card.personal_data import CardholderData
from counter_app.config import HOME_ENV, PASSWORD_ENV, RECORD_CODE_KEY_FILE_ENV
from counter_app.records import OperatorSession, Register, Role
from counter_app.records.errors import (
    OperatorLockedError,
    OperatorNotOnDutyError,
    PasswordChangeRequiredError,
)
from counter_app.workflows.operator_card_login import (
    login_with_operator_card,
    operator_card_serial,
)
from tests.support.card_fixtures import Card
from tests.support.records_fixtures import FAST_POLICY, SUPERVISOR_PASSWORD

OWN = "own-password-1"


@pytest.fixture
def cli(
    records_url: str,
    records_key_path: Path,
    supervisor: OperatorSession,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> CommandLine:
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "home"))
    monkeypatch.setenv(RECORD_CODE_KEY_FILE_ENV, str(records_key_path))
    monkeypatch.setenv(PASSWORD_ENV, SUPERVISOR_PASSWORD)
    monkeypatch.setattr("counter_app.records.register.OperatorPolicy", lambda: FAST_POLICY)
    return CommandLine(records_url, capsys)


class CommandLine:
    """Runs `counter-app operators ...` on the test's register; returns (status, out, err)."""

    def __init__(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.url = url
        self.capsys = capsys

    def __call__(self, *args: str, login: bool = True) -> tuple[int, str, str]:
        self.capsys.readouterr()
        operator = ["--operator", "supervisor"] if login else []
        status = main.main(["operators", *args, *operator, "--db", self.url])
        captured = self.capsys.readouterr()
        return status, captured.out, captured.err


def _one_time(out: str) -> str:
    line = next(line for line in out.splitlines() if line.startswith("one-time password"))
    return line.rsplit(" ", 1)[1]


def test_register_list_reset_and_end_duty_from_the_command_line(
    cli: CommandLine, register: Register
) -> None:
    status, out, _ = cli(
        "register", "--login", "hanako", "--name", "窓口 花子",
        "--roles", "issuing_clerk,verifying_clerk",
    )  # fmt: skip
    assert status == 0 and "hanako registered" in out
    one_time = _one_time(out)
    with pytest.raises(PasswordChangeRequiredError):
        register.operators.login_with_password("hanako", one_time)
    register.operators.change_password_and_log_in("hanako", one_time, OWN)

    status, out, _ = cli("list", "--json")
    rows = {r["login"]: r for r in json.loads(out)}
    assert rows["hanako"]["roles"] == ["issuing_clerk", "verifying_clerk"]
    assert rows["hanako"]["on_duty_today"] and rows["hanako"]["last_login"]
    assert not rows["hanako"]["must_change_password"]
    status, out, _ = cli("list")
    assert "hanako" in out and "on duty today" in out

    status, out, _ = cli("reset-password", "--login", "hanako")
    assert status == 0 and "next login" in out
    reset = _one_time(out)
    with pytest.raises(PasswordChangeRequiredError):
        register.operators.login_with_password("hanako", reset)

    assert cli("end-duty", "--login", "hanako")[0] == 0
    with pytest.raises(OperatorNotOnDutyError):
        register.operators.change_password_and_log_in("hanako", reset, OWN)
    status, _out, err = cli("end-duty", "--login", "supervisor")
    assert status == 2 and "last supervisor" in err
    status, _out, err = cli("register", "--login", "x", "--name", "x", "--roles", "boss")
    assert status == 2 and "--roles" in err
    status, _out, err = cli("unlock", "--login", "nobody")
    assert status == 2 and "no such operator" in err
    actions = [e.action for e in register.audit_events(100) if e.purpose_code == "supervision"]
    assert {"operator.registered", "operator.password_reset", "operator.duty_ended"} <= set(actions)


def test_unlock_and_the_recovery_of_a_locked_out_supervisor(
    cli: CommandLine, register: Register
) -> None:
    for _ in range(FAST_POLICY.max_failed_logins):
        with pytest.raises(Exception):  # noqa: B017 (wrong password, then locked)
            register.operators.login_with_password("supervisor", "wrong password")
    with pytest.raises(OperatorLockedError):
        register.operators.login_with_password("supervisor", SUPERVISOR_PASSWORD)
    status, _out, err = cli("list")
    assert status == 2 and "locked" in err  # no supervisor can log in: recovery is the way
    status, out, _ = cli("recover", "--login", "supervisor", login=False)
    assert status == 0 and "register host" in out
    one_time = _one_time(out)
    session = register.operators.change_password_and_log_in("supervisor", one_time, OWN)
    assert Role.SUPERVISOR in session.roles
    recovered = [e for e in register.audit_events(50) if e.action == "operator.recovered"]
    assert recovered and recovered[0].operator_id is None
    assert one_time not in str(recovered[0].detail)


def test_a_card_read_with_its_pin_is_bound_and_logs_the_operator_in(
    register: Register,
    supervisor: OperatorSession,
    card: Card,
    issuer: IssuerMaterial,
    resident: tuple[CardholderData, str],
) -> None:
    _data, pin = resident
    wrong = f"{(int(pin) + 1) % 10000:04d}"
    with pytest.raises(InvalidPinError):
        operator_card_serial(card.connection(), wrong, trust=issuer.trust)
    serial = operator_card_serial(card.connection(), pin, trust=issuer.trust)
    operator_id = register.operator_desk.operator_id("supervisor")
    register.operator_desk.bind_card(supervisor, operator_id, serial)
    session = login_with_operator_card(register, card.connection(), pin, trust=issuer.trust)
    assert session.operator_id == operator_id and session.method == "card"
    bound = [e for e in register.audit_events(20) if e.action == "operator.card_bound"]
    assert bound[0].purpose_code == "supervision" and pin not in str(bound[0].detail)
