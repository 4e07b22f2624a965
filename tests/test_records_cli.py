"""The records subcommands as a clerk or administrator runs them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import main
from counter_app.records import Register, Role
from tests.records_fixtures import FAST_POLICY, resident


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COUNTER_APP_HOME", str(tmp_path))
    monkeypatch.delenv("COUNTER_APP_DB", raising=False)
    monkeypatch.delenv("COUNTER_APP_RECORD_CODE_KEY_FILE", raising=False)
    return tmp_path


def test_db_init_creates_the_default_register_and_can_run_again(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main.main(["db", "init"]) == 0
    assert "register ready" in capsys.readouterr().out
    assert (home / "register.sqlite3").exists()
    assert (home / "keys" / "record-code.key").stat().st_mode & 0o777 == 0o600
    assert main.main(["db", "init"]) == 0
    assert main.main(["audit", "verify"]) == 0


def test_db_env_names_the_register(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COUNTER_APP_DB", f"sqlite:///{home / 'other.sqlite3'}")
    assert main.main(["db", "init"]) == 0
    assert "other.sqlite3" in capsys.readouterr().out


def test_search_prints_hits_as_json_without_record_codes(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    register = Register.initialise(policy=FAST_POLICY)
    register.operators.register(
        None, login="boss", display_name="b", roles=[Role.SUPERVISOR], password="boss-password"
    )
    boss = register.operators.login_with_password("boss", "boss-password")
    person = register.residents.add(boss, resident(code="83920174655"))
    register.close()
    capsys.readouterr()

    monkeypatch.setattr("sys.stdin", io.StringIO("boss-password\n"))
    argv = ["residents", "search", "ヤマダ", "--operator", "boss", "--purpose", "card-issuance"]
    assert main.main([*argv, "--password-stdin", "--json"]) == 0
    out = capsys.readouterr().out
    hits = json.loads(out)["hits"]
    assert [(h["id"], h["family_name"], h["birth_date"], h["sex"]) for h in hits] == [
        (person, "山田", "1950-04-01", 1)
    ]
    assert "83920174655" not in out and "record_code" not in out

    monkeypatch.setattr("sys.stdin", io.StringIO("boss-password\n"))
    argv[-1] = "no-such-purpose"
    assert main.main([*argv, "--password-stdin"]) == 2
    assert "no such purpose" in capsys.readouterr().err

    monkeypatch.setattr("sys.stdin", io.StringIO("wrong\n"))
    assert main.main([*argv, "--password-stdin"]) == 2
    assert "password is not correct" in capsys.readouterr().err


def test_verify_on_a_missing_register_says_run_db_init(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main.main(["audit", "verify"]) == 2
    assert "db init" in capsys.readouterr().err
