"""Every headless command logs the operator in by one rule, and says so when it cannot."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from counter_app.commands.operator_login import (
    PASSWORD_ENV,
    PasswordUnavailableError,
    operator_password,
)


def test_the_password_comes_from_stdin_then_the_configured_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("from-stdin\n"))
    assert operator_password("clerk", configured="from-env", password_stdin=True) == "from-stdin"
    assert operator_password("clerk", configured="from-env") == "from-env"


def test_without_a_terminal_or_a_password_the_clerk_is_told_what_to_do(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    with pytest.raises(PasswordUnavailableError) as info:
        operator_password("clerk")
    assert PASSWORD_ENV in info.value.todo


def test_residents_search_takes_the_password_from_the_environment(tmp_path: Path) -> None:
    env = {"COUNTER_APP_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    main = Path(__file__).resolve().parents[2] / "main.py"

    def run(*args: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
        extra = {PASSWORD_ENV: password} if password is not None else {}
        return subprocess.run(
            [sys.executable, str(main), *args],
            env={**env, **extra},
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=120,
            check=False,
        )

    assert run("db", "init").returncode == 0
    assert run("db", "seed-demo", "--residents", "50").returncode == 0
    search = ("residents", "search", "1950", "--operator", "demo-verifying")
    found = run(
        *search, "--purpose", "identity-check", "--json", password="demo-verifying-password"
    )
    assert found.returncode == 0, found.stderr
    assert '"hits"' in found.stdout
    missing = run(*search, "--purpose", "identity-check")
    assert missing.returncode == 2
    assert PASSWORD_ENV in missing.stderr and "Traceback" not in missing.stderr
