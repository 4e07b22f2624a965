"""The operator's workflow context: key files for the training register only, else a token."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.card.issuer_keys import load_or_create_issuer
from counter_app.config import Configuration
from counter_app.keystore import TokenNotConfiguredError
from counter_app.printing.seal_keys import load_or_create_seal_signer
from counter_app.records import OperatorSession, Register
from counter_app.workflows import context_from_config

CONFIGURED = "postgresql://counter@register.example.lg.jp/register"


def test_a_counter_on_a_configured_register_without_a_token_never_makes_development_keys(
    register: Register, supervisor: OperatorSession, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    config = Configuration(data_dir=home, register_url=CONFIGURED)
    with pytest.raises(TokenNotConfiguredError):
        context_from_config(config, register, supervisor)
    assert not home.exists()


def test_a_counter_on_a_configured_register_ignores_installed_key_files(
    register: Register, supervisor: OperatorSession, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    load_or_create_issuer(home)  # key files, as a municipality installed them before tokens
    load_or_create_seal_signer(home)
    config = Configuration(data_dir=home, register_url=CONFIGURED)
    with pytest.raises(TokenNotConfiguredError):
        context_from_config(config, register, supervisor)


def test_the_training_register_makes_its_development_keys_on_first_use(
    register: Register, supervisor: OperatorSession, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    ctx = context_from_config(Configuration(data_dir=home), register, supervisor)
    assert (home / "issuer").is_dir() and (home / "seal").is_dir()
    assert ctx.issuer.trust.references and ctx.seal_signer.certificate.signer
