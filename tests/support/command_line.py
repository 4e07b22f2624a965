"""A register set up as a municipality's, for tests that run `counter-app` commands on it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

from counter_app.card.issuer_keys import IssuerMaterial
from counter_app.card.issuer_token import issuer_from_token
from counter_app.config import (
    HOME_ENV,
    MAYOR_ENV,
    MUNICIPALITY_CODE_ENV,
    MUNICIPALITY_ENV,
    PASSWORD_ENV,
    RECORD_CODE_KEY_FILE_ENV,
)
from counter_app.keystore import open_token
from counter_app.printing.seal_crypto import SealSigner
from counter_app.printing.seal_token import token_seal_signer
from counter_app.records import OperatorSession, Register, Role
from tests.support.records_fixtures import CLERK_PASSWORD, FAST_POLICY, SUPERVISOR_PASSWORD
from tests.support.softhsm import SoftToken
from tests.support.token_keys import install_token_keys


@dataclass(frozen=True)
class CommandRegister:
    """The register's URL, the data directory the commands use, and the supervisor's login."""

    url: str
    home: Path
    supervisor: str = "sup"
    token: SoftToken | None = None  # the token holding the municipality's keys

    def issuer(self) -> IssuerMaterial:
        """The issuer material of the token's keys (the channel master key beside it)."""
        assert self.token is not None, "made without a token"
        return issuer_from_token(open_token(self.token.settings), self.home)

    def seal_signer(self) -> SealSigner:
        """The seal signer whose key is in the token."""
        assert self.token is not None, "made without a token"
        return token_seal_signer(open_token(self.token.settings))

    @property
    def key_path(self) -> Path:
        """Where main.py's configuration looks for the record-code key."""
        return self.home / "keys" / "record-code.key"

    def open(self) -> Register:
        return Register.open(self.url, key_path=self.key_path, policy=FAST_POLICY)

    def log_in_supervisor(self, register: Register) -> OperatorSession:
        return register.operators.login_with_password(self.supervisor, SUPERVISOR_PASSWORD)


def command_register(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    operators: Iterable[tuple[str, Role]],
    *,
    token: SoftToken | None = None,
    keys_made_on: dt.date | None = None,
) -> CommandRegister:
    """A SQLite register with a supervisor and `operators` (password CLERK_PASSWORD, which the
    commands read from the environment), and the environment of a counter using it (the
    municipality it prints under included).

    With `token`, the municipality's keys are made in it by the key ceremony (on
    `keys_made_on`, default today) and the counter's environment names it.
    """
    home = tmp_path / "home"
    monkeypatch.setenv(HOME_ENV, str(home))
    monkeypatch.setenv(MUNICIPALITY_ENV, "見本県見本市")
    monkeypatch.setenv(MUNICIPALITY_CODE_ENV, "999997")
    monkeypatch.setenv(MAYOR_ENV, "見本\u3000太郎")
    monkeypatch.delenv(RECORD_CODE_KEY_FILE_ENV, raising=False)
    monkeypatch.setenv(PASSWORD_ENV, CLERK_PASSWORD)
    monkeypatch.setattr("counter_app.records.register.OperatorPolicy", lambda: FAST_POLICY)
    made = CommandRegister(f"sqlite:///{tmp_path / 'register.sqlite3'}", home)
    register = Register.initialise(made.url, key_path=made.key_path, policy=FAST_POLICY)
    try:
        register.operators.register(
            None,
            login=made.supervisor,
            display_name=made.supervisor,
            roles=[Role.SUPERVISOR],
            password=SUPERVISOR_PASSWORD,
        )
        sup = made.log_in_supervisor(register)
        for login, role in operators:
            register.operators.register(
                sup, login=login, display_name=login, roles=[role], password=CLERK_PASSWORD
            )
        if token is not None:
            for name, value in token.environment.items():
                monkeypatch.setenv(name, value)
            install_token_keys(register, sup, token, home, today=keys_made_on)
            made = dataclasses.replace(made, token=token)
    finally:
        register.close()
    return made
