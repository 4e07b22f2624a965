"""The records subcommands as a clerk or administrator runs them."""

from __future__ import annotations

import io
import json
import logging
import os
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

import main
from counter_app.config import Configuration
from counter_app.records import Register, Role
from tests.support.records_fixtures import FAST_POLICY, _admin_execute, resident


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
    config = Configuration(data_dir=home)
    register = Register.initialise(
        config.register, key_path=config.record_code_key, policy=FAST_POLICY
    )
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


@pytest.mark.parametrize("ctype", ["C", "C.UTF-8"])
def test_db_init_on_postgres_warns_when_the_character_type_is_not_utf8(
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    postgres_admin_url: URL,
    ctype: str,
) -> None:
    name = f"counter_ctype_{os.getpid()}_{ctype.replace('.', '_').replace('-', '_').lower()}"
    _admin_execute(
        postgres_admin_url,
        f"DROP DATABASE IF EXISTS {name} WITH (FORCE)",
        f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
        f"LC_COLLATE 'C' LC_CTYPE '{ctype}'",
    )
    try:
        url = postgres_admin_url.set(database=name).render_as_string(hide_password=False)
        monkeypatch.setenv("COUNTER_APP_DB", url)
        with caplog.at_level(logging.WARNING, logger="counter_app.records"):
            assert main.main(["db", "init"]) == 0
        warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
        if ctype == "C":
            assert len(warnings) == 1
            assert "LC_CTYPE is 'C', not UTF-8" in warnings[0]
            assert "C.UTF-8" in warnings[0] and "address search" in warnings[0]
        else:
            assert not warnings
    finally:
        _admin_execute(postgres_admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
