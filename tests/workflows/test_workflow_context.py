"""The operator's workflow context: keys are made for the training register only."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.card.issuer_keys import IssuerKeysError, load_or_create_issuer
from counter_app.config import Configuration
from counter_app.printing.seal_keys import SealKeysError
from counter_app.records import OperatorSession, Register
from counter_app.workflows import context_from_config

CONFIGURED = "postgresql://counter@register.example.lg.jp/register"


def test_a_counter_on_a_configured_register_never_makes_development_issuer_keys(
    register: Register, supervisor: OperatorSession, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    config = Configuration(data_dir=home, register_url=CONFIGURED)
    with pytest.raises(IssuerKeysError):
        context_from_config(config, register, supervisor)
    assert not home.exists()


def test_a_counter_on_a_configured_register_never_makes_a_development_seal_key(
    register: Register, supervisor: OperatorSession, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    load_or_create_issuer(home)  # the municipality's issuer, installed
    config = Configuration(data_dir=home, register_url=CONFIGURED)
    with pytest.raises(SealKeysError):
        context_from_config(config, register, supervisor)
    assert not (home / "seal").exists()


def test_the_training_register_makes_its_development_keys_on_first_use(
    register: Register, supervisor: OperatorSession, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    ctx = context_from_config(Configuration(data_dir=home), register, supervisor)
    assert (home / "issuer").is_dir() and (home / "seal").is_dir()
    assert ctx.issuer.trust.references and ctx.seal_signer.certificate.signer
