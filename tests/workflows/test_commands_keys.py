"""`counter-app keys ...` refusing in words: no token configured, a wrong PIN, a clerk."""

from __future__ import annotations

from pathlib import Path

import pytest

import main
from counter_app.config import PASSWORD_ENV, TOKEN_PIN_FILE_ENV
from counter_app.records import Role
from tests.support.command_line import CommandRegister, command_register
from tests.support.records_fixtures import CLERK_PASSWORD, SUPERVISOR_PASSWORD
from tests.support.softhsm import SoftToken


@pytest.fixture
def made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CommandRegister:
    return command_register(tmp_path, monkeypatch, [("clerk", Role.ISSUING_CLERK)])


def _keys(made: CommandRegister, login: str, *argv: str) -> int:
    return main.main(["keys", *argv, "--db", made.url, "--operator", login])


def test_without_a_token_the_ceremony_says_which_settings_to_give(
    made: CommandRegister, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, SUPERVISOR_PASSWORD)
    assert _keys(made, made.supervisor, "create-ca") == 2
    err = capsys.readouterr().err
    assert "No security module is configured" in err and "COUNTER_APP_TOKEN_LABEL" in err


def test_a_wrong_token_pin_is_refused_and_never_printed(
    made: CommandRegister,
    soft_token: SoftToken,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    for name, value in soft_token.environment.items():
        monkeypatch.setenv(name, value)
    wrong = tmp_path / "wrong.pin"
    wrong.write_text("guess-5555\n")
    monkeypatch.setenv(TOKEN_PIN_FILE_ENV, str(wrong))
    monkeypatch.setenv(PASSWORD_ENV, SUPERVISOR_PASSWORD)
    assert _keys(made, made.supervisor, "list") == 2
    captured = capsys.readouterr()
    assert "refused the token's PIN" in captured.err
    assert "guess-5555" not in captured.err + captured.out


def test_a_clerk_cannot_hold_a_key_ceremony(
    made: CommandRegister,
    soft_token: SoftToken,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, value in soft_token.environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv(PASSWORD_ENV, CLERK_PASSWORD)
    assert _keys(made, "clerk", "create-ca") == 2
    assert "supervisor" in capsys.readouterr().err.lower()
    monkeypatch.setenv(PASSWORD_ENV, SUPERVISOR_PASSWORD)
    assert _keys(made, made.supervisor, "list") == 0
    assert "no key yet" in capsys.readouterr().out  # the clerk made nothing
