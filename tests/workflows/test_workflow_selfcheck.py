"""The self-check's list: each check's verdict in the states a supervisor would meet."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from counter_app.card.issuer_keys import DEV_CA_YEARS
from counter_app.config import PKCS11_MODULE_ENV, TRUST_STORE_ENV, Configuration
from counter_app.records import OperatorSession, Register, Role
from counter_app.records.errors import RoleRequiredError
from counter_app.training_keys import training_keys
from counter_app.workflows.selfcheck import (
    BACKUP_MISSING,
    BACKUP_NONE,
    CARD_CA_NONE,
    COULD_NOT_RUN,
    COUNTS_DIFFER,
    KEY_IN_DB,
    KEY_MISSING,
    SELF_CHECKS,
    STORE_DAMAGED,
    STORE_MISSING,
    STORE_NONE,
    TOKEN_NONE,
    TOKEN_TRAINING,
    CheckResult,
    Finding,
    SelfCheck,
    SelfCheckInputs,
    Verdict,
    any_failed,
    run_self_checks,
)
from tests.support.records_fixtures import FAST_POLICY

CONFIGURED = "postgresql://counter@register.example.lg.jp/register"

TODAY = dt.date.today()


@pytest.fixture
def home(tmp_path: Path, records_key_path: Path) -> Path:
    """A training data directory with the register's key, the training keys (all private) and
    the training trust store made from them."""
    home = tmp_path / "home"
    (home / "keys").mkdir(parents=True, mode=0o700)
    shutil.copyfile(records_key_path, home / "keys" / "record-code.key")
    os.chmod(home / "keys" / "record-code.key", 0o600)
    training_keys(Configuration(data_dir=home), today=TODAY)
    return home


def run(
    register: Register,
    supervisor: OperatorSession,
    config: Configuration,
    checks: tuple[SelfCheck, ...] = SELF_CHECKS,
) -> dict[str, CheckResult]:
    inputs = SelfCheckInputs(register, config, TODAY)
    return {r.name: r for r in run_self_checks(inputs, supervisor, checks)}


def test_a_healthy_counter_has_no_fail_and_says_backups_are_not_configured(
    register: Register, supervisor: OperatorSession, home: Path
) -> None:
    results = run(register, supervisor, Configuration(data_dir=home))
    assert [r.name for r in results.values()] == [c.name for c in SELF_CHECKS]
    assert not any_failed(tuple(results.values()))
    assert results["backups"].verdict is Verdict.WARNING
    assert results["backups"].finding.said == BACKUP_NONE
    assert all(r.verdict is Verdict.OK for name, r in results.items() if name != "backups"), results


def test_backups_configured_to_a_missing_folder_warn_and_to_a_folder_pass(
    register: Register, supervisor: OperatorSession, home: Path, tmp_path: Path
) -> None:
    missing = Configuration(data_dir=home, backup=str(tmp_path / "no-such-disk"))
    result = run(register, supervisor, missing)["backups"]
    assert result.finding.said == BACKUP_MISSING and result.verdict is Verdict.WARNING
    there = Configuration(data_dir=home, backup=str(tmp_path))
    assert run(register, supervisor, there)["backups"].verdict is Verdict.OK


def test_seal_certificates_near_or_past_their_end(
    register: Register, supervisor: OperatorSession, tmp_path: Path, records_key_path: Path
) -> None:
    for years_ago, days_ago, verdict in ((10, -30, Verdict.WARNING), (11, 0, Verdict.FAIL)):
        home = tmp_path / f"home-{years_ago}"
        made = TODAY.replace(year=TODAY.year - years_ago) - dt.timedelta(days=days_ago)
        config = Configuration(data_dir=home, record_code_key_file=records_key_path)
        training_keys(config, today=made)
        result = run(register, supervisor, config)["trust-store-expiry"]
        assert result.verdict is verdict, result.finding.said_text()
        assert "JPRC" in result.finding.said_text()


def test_card_ca_certificates_missing_near_or_past_their_end(
    register: Register, supervisor: OperatorSession, tmp_path: Path, records_key_path: Path
) -> None:
    bare = Configuration(data_dir=tmp_path / "bare", record_code_key_file=records_key_path)
    missing = run(register, supervisor, bare)["card-ca-expiry"]
    assert missing.verdict is Verdict.FAIL and missing.finding.said == CARD_CA_NONE
    for years_ago, days_ago, verdict in (
        (DEV_CA_YEARS, -30, Verdict.WARNING),
        (DEV_CA_YEARS + 1, 0, Verdict.FAIL),
    ):
        home = tmp_path / f"issuer-{years_ago}"
        made = TODAY.replace(year=TODAY.year - years_ago) - dt.timedelta(days=days_ago)
        config = Configuration(data_dir=home, record_code_key_file=records_key_path)
        training_keys(config, today=made)
        result = run(register, supervisor, config)["card-ca-expiry"]
        assert result.verdict is verdict, result.finding.said_text()


def test_a_configured_counter_without_a_trust_store_fails_the_check_naming_the_setting(
    register: Register, supervisor: OperatorSession, home: Path, tmp_path: Path
) -> None:
    configured = Configuration(data_dir=home, register_url=CONFIGURED)
    result = run(register, supervisor, configured)["trust-store"]
    assert result.verdict is Verdict.FAIL and result.finding.said == STORE_NONE
    assert TRUST_STORE_ENV in result.finding.todo_text()
    gone = Configuration(data_dir=home, register_url=CONFIGURED, trust_store_dir=tmp_path / "nfs")
    result = run(register, supervisor, gone)["trust-store"]
    assert result.verdict is Verdict.FAIL and result.finding.said == STORE_MISSING
    assert not (tmp_path / "nfs").exists()  # the check reads, never creates


def test_training_keeps_keys_in_files_and_a_configured_counter_without_a_token_fails(
    register: Register, supervisor: OperatorSession, home: Path
) -> None:
    training = run(register, supervisor, Configuration(data_dir=home))["keys-in-token"]
    assert training.verdict is Verdict.OK and training.finding.said == TOKEN_TRAINING
    configured = Configuration(data_dir=home, register_url=CONFIGURED)
    result = run(register, supervisor, configured)["keys-in-token"]
    assert result.verdict is Verdict.FAIL and result.finding.said == TOKEN_NONE
    assert PKCS11_MODULE_ENV in result.finding.todo_text()


def test_a_damaged_certificate_in_the_trust_store_is_named(
    register: Register, supervisor: OperatorSession, home: Path
) -> None:
    config = Configuration(data_dir=home)
    ok = run(register, supervisor, config)["trust-store"]
    assert ok.verdict is Verdict.OK and "1 card CA and 1 seal" in ok.finding.said_text()
    assert config.trust_store is not None
    (config.trust_store / "seal-old.pem").write_bytes(b"-----BEGIN CERTIFICATE-----\nxx\n")
    result = run(register, supervisor, config)["trust-store"]
    assert result.verdict is Verdict.FAIL and result.finding.said == STORE_DAMAGED
    assert "seal-old.pem" in result.finding.said_text()


def test_operators_unused_for_long_are_named(
    records_url: str,
    records_key_path: Path,
    make_operator: Callable[..., OperatorSession],
    home: Path,
) -> None:
    make_operator("clerk", Role.ISSUING_CLERK)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=100)
    ahead = Register.open(records_url, key_path=records_key_path, policy=FAST_POLICY,
                          clock=lambda: later)  # fmt: skip
    try:
        boss = ahead.operators.login_with_password("supervisor", "supervisor-pass")
        result = run(ahead, boss, Configuration(data_dir=home))["idle-operators"]
    finally:
        ahead.close()
    assert result.verdict is Verdict.WARNING
    assert "clerk" in result.finding.values["logins"]
    assert "supervisor" not in result.finding.values["logins"]  # logged in just now


def test_the_register_key_missing_or_stored_in_the_database_fails(
    register: Register, supervisor: OperatorSession, home: Path
) -> None:
    missing = Configuration(data_dir=home, record_code_key_file=home / "keys" / "gone.key")
    assert run(register, supervisor, missing)["register-key"].finding.said == KEY_MISSING
    key_hex = (home / "keys" / "record-code.key").read_text().strip()
    with register._store.db.engine.begin() as conn:  # someone "backed up" the key into the DB
        conn.execute(
            text("INSERT INTO register_meta (key, value) VALUES ('key_backup', :v)"),
            {"v": key_hex},
        )
    result = run(register, supervisor, Configuration(data_dir=home))["register-key"]
    assert result.verdict is Verdict.FAIL and result.finding.said == KEY_IN_DB


def test_the_list_is_data_a_broken_check_fails_alone_and_the_run_is_audited(
    register: Register, supervisor: OperatorSession, home: Path
) -> None:
    def broken(_inputs: SelfCheckInputs) -> Finding:
        raise OSError("disk gone")

    extended = (*SELF_CHECKS, SelfCheck("broken", "A check that breaks", broken))
    results = run(register, supervisor, Configuration(data_dir=home), extended)
    assert results["broken"].verdict is Verdict.FAIL
    assert results["broken"].finding.said == COULD_NOT_RUN
    assert results["audit-chain"].verdict is Verdict.OK
    event = register.audit_events(1)[0]
    assert (event.action, event.purpose_code) == ("selfcheck.run", "supervision")
    assert event.detail["broken"] == "fail"


def test_only_a_supervisor_runs_it(
    register: Register, make_operator: Callable[..., OperatorSession], home: Path
) -> None:
    clerk = make_operator("clerk", Role.ISSUING_CLERK)
    with pytest.raises(RoleRequiredError):
        run_self_checks(SelfCheckInputs(register, Configuration(data_dir=home), TODAY), clerk)


def test_statistics_counts_changed_outside_the_counter_are_a_warning_naming_the_hour(
    register: Register, supervisor: OperatorSession, home: Path
) -> None:
    with register._store.db.transaction() as s:
        hour = s.scalar(text("SELECT min(hour) FROM audit_hour_counts"))
        s.execute(
            text("UPDATE audit_hour_counts SET events = events + 1 WHERE hour = :h"), {"h": hour}
        )
    result = run(register, supervisor, Configuration(data_dir=home))["audit-chain"]
    assert result.verdict is Verdict.WARNING and result.finding.said == COUNTS_DIFFER
    assert hour in result.finding.said_text()
