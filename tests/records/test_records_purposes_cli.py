"""`counter-app purposes list|add|retire` as a supervisor runs them, on SQLite and PostgreSQL.

The council's example end to end from the command line: the supervisor adds the 県営住宅 arrears
task, a case names the tenant and the guarantor, and a clerk's search under the task finds the
tenant and not his wife.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

import main
from counter_app.config import HOME_ENV, PASSWORD_ENV, RECORD_CODE_KEY_FILE_ENV
from counter_app.records import Category, OperatorSession, Outcome, PurposeCode, Register, Role, Sex
from tests.support.records_fixtures import FAST_POLICY, SUPERVISOR_PASSWORD, resident

HOUSING_FLAGS = (
    "--code", "pref-housing-arrears", "--name", "県営住宅使用料の滞納整理",
    "--law", "県営住宅条例", "--article", "第37条",
    "--in-force-from", "2026-04-01", "--council-answer", "2026-02-10",
    "--categories", "tenant,guarantor", "--roles", "verifying_clerk,supervisor",
)  # fmt: skip


@pytest.fixture
def cli(
    records_url: str,
    records_key_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    supervisor: OperatorSession,
) -> Callable[..., int]:
    """Run `counter-app purposes ...` on the test's register; the password from the environment."""
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "home"))
    monkeypatch.setenv(RECORD_CODE_KEY_FILE_ENV, str(records_key_path))
    monkeypatch.setattr("counter_app.records.register.OperatorPolicy", lambda: FAST_POLICY)

    def run(*args: str, operator: str = "supervisor", password: str = SUPERVISOR_PASSWORD) -> int:
        monkeypatch.setenv(PASSWORD_ENV, password)
        command, action, *rest = args
        return main.main([command, action, "--db", records_url, "--operator", operator, *rest])

    return run


def test_list_shows_every_standard_purpose_with_its_basis_and_dates(
    cli: Callable[..., int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("purposes", "list") == 0
    out = capsys.readouterr().out
    assert "rent-arrears  市営住宅使用料の滞納整理" in out
    assert "legal basis: 住民基本台帳法第30条の44" in out
    assert out.count("in force from 2003-08-25") == len(PurposeCode)
    assert "categories: guarantor, tenant; roles: supervisor, verifying_clerk" in out


def test_the_housing_task_added_by_command_reaches_the_tenant_not_his_wife(
    cli: Callable[..., int],
    register: Register,
    supervisor: OperatorSession,
    make_operator: Callable[..., OperatorSession],
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli("purposes", "add", *HOUSING_FLAGS) == 0
    assert "added: pref-housing-arrears  県営住宅使用料の滞納整理" in capsys.readouterr().out
    assert cli("purposes", "list", "--json") == 0
    listed = {p["code"]: p for p in json.loads(capsys.readouterr().out)}
    assert listed["pref-housing-arrears"] == {
        "code": "pref-housing-arrears",
        "name": "県営住宅使用料の滞納整理",
        "legal_basis": "県営住宅条例第37条",
        "in_force_from": "2026-04-01",
        "council_answer_on": "2026-02-10",
        "retired_from": None,
        "categories": ["guarantor", "tenant"],
        "roles": ["supervisor", "verifying_clerk"],
    }

    tenant = register.residents.add(supervisor, resident(household="H-41"))
    register.residents.add(
        supervisor,
        resident("山田", "花子", "ヤマダ", "ハナコ", sex=Sex.FEMALE, household="H-41",
                 relationship="妻"),
    )  # fmt: skip
    case = register.cases.open(supervisor, "pref-housing-arrears", "県営-2026-011")
    register.cases.add_party(supervisor, case, tenant, Category.TENANT)
    make_operator("clerk", Role.VERIFYING_CLERK)
    argv = ["ヤマダ", "--purpose", "pref-housing-arrears", "--json"]
    assert cli("residents", "search", *argv, operator="clerk", password="clerk-password") == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert [(h["id"], h["given_name"]) for h in hits] == [(tenant, "太郎")]


@pytest.mark.parametrize(
    ("flag", "value", "words"),
    [
        ("--code", "県営住宅", "lower-case letters, digits and hyphens"),
        ("--article", "37", "the article that allows the use"),
        ("--in-force-from", "2026-02-30", "year-month-day"),
        ("--council-answer", "2026-05-01", "council's answer (答申) comes before the use"),
        ("--categories", "tenant,family", "category or role"),
        ("--roles", "", "at least one operator role"),
    ],
)
def test_a_wrong_flag_is_refused_in_words(
    cli: Callable[..., int],
    register: Register,
    capsys: pytest.CaptureFixture[str],
    flag: str,
    value: str,
    words: str,
) -> None:
    flags = list(HOUSING_FLAGS)
    flags[flags.index(flag) + 1] = value
    assert cli("purposes", "add", *flags) == 2
    assert words in capsys.readouterr().err
    assert "pref-housing-arrears" not in {p.code for p in register.purpose_book.all()}


def test_only_a_supervisor_adds_and_the_refusal_says_so(
    cli: Callable[..., int],
    make_operator: Callable[..., OperatorSession],
    capsys: pytest.CaptureFixture[str],
) -> None:
    make_operator("clerk", Role.VERIFYING_CLERK)
    assert cli("purposes", "add", *HOUSING_FLAGS, operator="clerk", password="clerk-password") == 2
    assert "role" in capsys.readouterr().err.lower()


def test_retire_from_a_date_is_listed_and_recorded_and_a_past_date_refused(
    cli: Callable[..., int], register: Register, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("purposes", "add", *HOUSING_FLAGS) == 0
    later = (register.purpose_book.today() + dt.timedelta(days=14)).isoformat()
    assert cli("purposes", "retire", "--code", "pref-housing-arrears", "--from", later) == 0
    assert f"retired from {later}" in capsys.readouterr().out
    (event,) = [e for e in register.audit_events(5) if e.action == "purpose.retired"]
    assert (event.outcome, event.purpose_code, event.detail["retired_from"]) == (
        Outcome.OK, PurposeCode.SUPERVISION, later,
    )  # fmt: skip
    assert cli("purposes", "retire", "--code", "rent-arrears", "--from", "2020-01-01") == 2
    assert "retired from today or a later date" in capsys.readouterr().err
    assert cli("purposes", "list") == 0
    assert f"retired from {later}" in capsys.readouterr().out
