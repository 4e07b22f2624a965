"""`counter-app audit search|export|verify-summary` and `counter-app selfcheck` as a supervisor
runs them, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import main
from counter_app.keystore.registry import KeyKind
from counter_app.records import OperatorSession, Register, Role
from counter_app.records.errors import LoginFailedError, OperatorLockedError
from tests.support.records_fixtures import SUPERVISOR_PASSWORD, resident
from tests.support.softhsm import SoftToken
from tests.support.token_keys import ceremony

CODE = "12345678901"


@pytest.fixture
def cli_env(
    tmp_path: Path,
    records_url: str,
    records_key_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    register: Register,
    supervisor: OperatorSession,
    soft_token: SoftToken,
) -> Path:
    """The commands' environment: a data directory with its own copy of the register's key, the
    municipality's CA and seal key in its token, their certificates exported to the trust store
    the counter is configured with."""
    home = tmp_path / "home"
    keys = ceremony(register, supervisor, soft_token)
    keys.create_ca()
    keys.create_signer(KeyKind.SEAL_SIGNER)
    trust_store = tmp_path / "trust"
    keys.export_certificates(trust_store)
    monkeypatch.setenv("COUNTER_APP_TRUST_STORE", str(trust_store))
    for name, value in soft_token.environment.items():
        monkeypatch.setenv(name, value)
    (home / "keys").mkdir(parents=True, mode=0o700)
    key = home / "keys" / "record-code.key"
    shutil.copyfile(records_key_path, key)
    os.chmod(key, 0o600)
    monkeypatch.setenv("COUNTER_APP_HOME", str(home))
    monkeypatch.setenv("COUNTER_APP_DB", records_url)
    monkeypatch.setenv("COUNTER_APP_RECORD_CODE_KEY_FILE", str(key))
    monkeypatch.setenv("COUNTER_APP_OPERATOR_PASSWORD", SUPERVISOR_PASSWORD)
    monkeypatch.delenv("COUNTER_APP_BACKUP", raising=False)
    return home


@pytest.fixture
def trail(
    register: Register,
    supervisor: OperatorSession,
    make_operator: Callable[..., OperatorSession],
) -> int:
    """A clerk with two refused logins, and a resident whose record code was revealed."""
    make_operator("clerk", Role.ISSUING_CLERK)
    for _ in range(2):
        with pytest.raises(LoginFailedError):
            register.operators.login_with_password("clerk", "wrong password")
    person = register.residents.add(supervisor, resident(code=CODE))
    register.access(supervisor, "card-issuance").reveal_record_code(person)
    return person


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main.main(list(argv))
    return code, capsys.readouterr().out


def test_search_by_operator_and_outcome(
    cli_env: Path, trail: int, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(
        capsys, "audit", "search", "--operator", "supervisor", "--by", "clerk",
        "--outcome", "refused", "--json",
    )  # fmt: skip
    assert code == 0
    events = json.loads(out)["events"]
    assert [(e["operator"], e["action"], e["outcome"]) for e in events] == [
        ("clerk", "operator.login", "refused")
    ] * 2
    code, out = run(capsys, "audit", "search", "--operator", "supervisor", "--resident", "99")
    assert code == 0 and out.strip().endswith("0 event(s)")


def test_export_writes_csv_and_a_signed_summary_that_verifies(
    cli_env: Path, trail: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path, pdf_path = tmp_path / "audit.csv", tmp_path / "audit.pdf"
    code, out = run(
        capsys, "audit", "export", "--operator", "supervisor", "--csv", str(csv_path),
        "--pdf", str(pdf_path),
    )  # fmt: skip
    assert code == 0, out
    assert "signed summary" in out and "chain intact" in out
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    assert rows[0]["seq"] == "1"
    assert {"operator.login", "resident.record_code.reveal"} <= {r["action"] for r in rows}
    assert [r["operator"] for r in rows if r["outcome"] == "refused"] == ["clerk", "clerk"]
    assert CODE not in csv_path.read_text(encoding="utf-8")
    assert SUPERVISOR_PASSWORD not in csv_path.read_text(encoding="utf-8")
    code, out = run(capsys, "audit", "verify-summary", str(pdf_path))
    assert code == 0 and out.startswith("VALID"), out
    tampered = tmp_path / "tampered.pdf"
    data = pdf_path.read_bytes()
    tampered.write_bytes(data.replace(b'"refused":2', b'"refused":0'))
    assert tampered.read_bytes() != data
    code, out = run(capsys, "audit", "verify-summary", str(tampered))
    assert code == 1 and out.startswith("NOT VALID"), out


def test_an_auditor_without_a_trust_store_gets_not_valid_and_the_reason(
    cli_env: Path,
    trail: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pdf_path = tmp_path / "audit.pdf"
    code, out = run(capsys, "audit", "export", "--operator", "supervisor", "--pdf", str(pdf_path))
    assert code == 0, out
    monkeypatch.delenv("COUNTER_APP_TRUST_STORE")
    code, out = run(capsys, "audit", "verify-summary", str(pdf_path))
    assert code == 1 and out.startswith("NOT VALID"), out
    assert "not checked signer: no trust store is configured" in out


def test_clerks_cannot_search_the_trail(
    cli_env: Path, trail: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COUNTER_APP_OPERATOR_PASSWORD", "clerk-password")
    code = main.main(["audit", "search", "--operator", "clerk"])
    assert code == 2
    assert "error:" in capsys.readouterr().err


def test_selfcheck_fails_on_a_world_readable_key_file_and_passes_once_fixed(
    cli_env: Path, trail: int, capsys: pytest.CaptureFixture[str]
) -> None:
    key = cli_env / "keys" / "record-code.key"
    os.chmod(key, 0o644)
    code, out = run(capsys, "selfcheck", "--operator", "supervisor", "--json")
    assert code == 1
    checks = {c["check"]: c for c in json.loads(out)["checks"]}
    assert checks["key-files-private"]["verdict"] == "fail"
    assert "keys/record-code.key" in checks["key-files-private"]["found"]
    assert str(cli_env) not in out  # paths are shown within the data directory
    assert checks["audit-chain"]["verdict"] == "ok"
    assert checks["register-key"]["verdict"] == "ok"
    assert checks["backups"]["verdict"] == "warning"
    assert "not configured" in checks["backups"]["found"]
    os.chmod(key, 0o600)
    code, out = run(capsys, "selfcheck", "--operator", "supervisor")
    assert code == 0, out
    assert "OK       Key files readable by their owner only" in out
    assert "WARNING  Backups configured: Backups are not configured." in out


def test_selfcheck_names_a_locked_supervisor_and_is_audited(
    cli_env: Path,
    register: Register,
    supervisor: OperatorSession,
    make_operator: Callable[..., OperatorSession],
    capsys: pytest.CaptureFixture[str],
) -> None:
    make_operator("deputy", Role.SUPERVISOR)
    for _ in range(3):  # the third locks the account
        with pytest.raises((LoginFailedError, OperatorLockedError)):
            register.operators.login_with_password("deputy", "wrong password")
    code, out = run(capsys, "selfcheck", "--operator", "supervisor", "--json")
    assert code == 0  # a locked supervisor is a warning
    checks = {c["check"]: c for c in json.loads(out)["checks"]}
    assert checks["trust-store-expiry"]["verdict"] == "ok"
    assert checks["locked-supervisors"]["verdict"] == "warning"
    assert "deputy" in checks["locked-supervisors"]["found"]
    run_event = next(e for e in register.audit_events(5) if e.action == "selfcheck.run")
    assert run_event.purpose_code == "supervision"
    assert run_event.detail["locked-supervisors"] == "warning"
