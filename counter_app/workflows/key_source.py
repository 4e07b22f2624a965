"""Where the counter's signing keys come from: the security module, or training key files.

The training register (none configured) signs with development keys in the data directory,
made on first use together with the training trust store (counter_app/training_keys.py), and
the window says so. A counter on a configured register signs only with keys in the configured
token; without one it refuses in words and never falls back to files. What a counter trusts
when it verifies is the trust store's business (counter_app/trust_store.py), never the keys'.
"""

from __future__ import annotations

from counter_app.card.issuer_keys import IssuerMaterial
from counter_app.card.issuer_token import issuer_from_token
from counter_app.config import Configuration
from counter_app.keystore import Token, TokenNotConfiguredError, open_token
from counter_app.printing.seal_crypto import SealSigner
from counter_app.printing.seal_token import token_seal_signer
from counter_app.training_keys import training_keys


def uses_key_files(config: Configuration) -> bool:
    """True in the training mode: keys are files in the data directory, not in a token."""
    return config.uses_default_register


def configured_token(config: Configuration) -> Token:
    """The configured token's session; TokenNotConfiguredError when there is none."""
    if config.token is None:
        raise TokenNotConfiguredError(
            "a counter on a configured register signs only with keys in a security module"
        )
    return open_token(config.token)


def issuer_for(config: Configuration) -> IssuerMaterial:
    """The data signer, CA certificates and channel master key this counter issues with."""
    if uses_key_files(config):
        return training_keys(config).issuer
    return issuer_from_token(configured_token(config), config.data_dir)


def seal_signer_for(config: Configuration) -> SealSigner:
    """The key that signs this counter's seals."""
    if uses_key_files(config):
        return training_keys(config).seal_signer
    return token_seal_signer(configured_token(config))
