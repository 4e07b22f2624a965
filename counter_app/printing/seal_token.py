"""The seal signer from the security module: the current seal key and its certificate.

The private key stays in the token; each seal's ECDSA signature is made there (P-256).
"""

from __future__ import annotations

from counter_app.keystore import Token, TokenKeyNotFoundError
from counter_app.keystore.registry import KeyKind, KeyRecord, KeyRegistry
from counter_app.keystore.signing_keys import TokenEcKey
from counter_app.printing.seal_crypto import (
    SealSigner,
    SignerCertificate,
    SignerCertificateError,
    load_signer_certificate,
)
from counter_app.printing.seal_keys import SealKeysError


def seal_certificate_of(record: KeyRecord) -> SignerCertificate:
    """The X.509 certificate a seal signer record holds."""
    try:
        return load_signer_certificate(record.certificate)
    except SignerCertificateError as exc:
        raise SealKeysError(f"the certificate of key {record.label!r} is damaged: {exc}") from exc


def token_seal_signer(token: Token) -> SealSigner:
    """The current seal signer: its key in the token and its certificate."""
    current = KeyRegistry(token).current(KeyKind.SEAL_SIGNER)
    if current is None:
        raise TokenKeyNotFoundError(f"token {token.label!r} has no seal signer key in use")
    try:
        return SealSigner(TokenEcKey(token, current.label), seal_certificate_of(current))
    except ValueError as exc:
        raise SealKeysError(f"key {current.label!r} and its certificate differ") from exc
