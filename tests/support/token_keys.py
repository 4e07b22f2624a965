"""A municipality's keys in a SoftHSM2 token, made by the key ceremony as a supervisor would."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from counter_app.card.issuer_keys import ISSUER_DIR, MASTER_KEY_FILE, MASTER_KEY_LENGTH
from counter_app.keystore import open_token
from counter_app.keystore.registry import KeyKind
from counter_app.private_files import write_private
from counter_app.records import OperatorSession, Register
from counter_app.workflows.key_ceremony import KeyCeremony
from tests.support.softhsm import SoftToken


def install_channel_master_key(home: Path) -> None:
    """The issuer secure channel's master key, the one issuer secret still kept beside the token."""
    directory = home / ISSUER_DIR
    directory.mkdir(parents=True, exist_ok=True)
    write_private(directory / MASTER_KEY_FILE, os.urandom(MASTER_KEY_LENGTH))


def ceremony(
    register: Register,
    supervisor: OperatorSession,
    token: SoftToken,
    *,
    today: dt.date | None = None,
) -> KeyCeremony:
    """The key ceremony on `token` by `supervisor` (held on `today`, default the real today)."""
    day = today
    return KeyCeremony(
        register,
        supervisor,
        open_token(token.settings),
        today=(lambda: day) if day is not None else dt.date.today,
    )


def install_token_keys(
    register: Register,
    supervisor: OperatorSession,
    token: SoftToken,
    home: Path,
    *,
    today: dt.date | None = None,
) -> KeyCeremony:
    """CA, data signer and seal signer created in the token; the master key in `home`."""
    keys = ceremony(register, supervisor, token, today=today)
    keys.create_ca()
    keys.create_signer(KeyKind.DATA_SIGNER)
    keys.create_signer(KeyKind.SEAL_SIGNER)
    install_channel_master_key(home)
    return keys
