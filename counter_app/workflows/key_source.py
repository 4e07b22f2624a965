"""Where the counter's signing keys come from: the security module, or training key files.

The training register (none configured) signs with development keys in the data directory,
made on first use, and the window says so. A counter on a configured register signs only with
keys in the configured token; without one it refuses in words and never falls back to files.
"""

from __future__ import annotations

from counter_app.card.issuer_keys import IssuerMaterial, TrustStore, load_or_create_issuer
from counter_app.card.issuer_token import issuer_from_token, token_trust
from counter_app.config import Configuration
from counter_app.keystore import Token, TokenNotConfiguredError, open_token
from counter_app.keystore.registry import KeyRegistry
from counter_app.printing.seal_crypto import SealSigner, SignerCertificate
from counter_app.printing.seal_keys import load_or_create_seal_signer, trusted_certificates
from counter_app.printing.seal_token import token_seal_certificates, token_seal_signer


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
        return load_or_create_issuer(config.data_dir)
    return issuer_from_token(configured_token(config), config.data_dir)


def card_trust_for(config: Configuration) -> TrustStore:
    """The CA certificates a counter that only reads cards trusts (the kiosk)."""
    if uses_key_files(config):
        return load_or_create_issuer(config.data_dir).trust
    return token_trust(KeyRegistry(configured_token(config)))


def seal_signer_for(config: Configuration) -> SealSigner:
    """The key that signs this counter's seals."""
    if uses_key_files(config):
        return load_or_create_seal_signer(config.data_dir)
    return token_seal_signer(configured_token(config))


def seal_certificates_for(config: Configuration) -> tuple[SignerCertificate, ...]:
    """The seal certificates this counter trusts: its own (the token's, or the training file's)
    and every one in the data directory's seal/trusted folder."""
    found = trusted_certificates(config.data_dir)
    if not uses_key_files(config):
        found = token_seal_certificates(configured_token(config)) + found
    return tuple(found)
