"""The issuer material from the security module: the current data signer's key and
certificate, and the CA certificates the token holds (docs/keys.md).

The data signer's private key stays in the token; every DF33 and DF28 signature is made there.
"""

from __future__ import annotations

import logging
from pathlib import Path

from counter_app.card.cvc import CertificateError, CvCertificate, parse_certificate
from counter_app.card.issuer_keys import (
    IssuerKeysError,
    IssuerMaterial,
    IssuerSigner,
    TrustStore,
    load_channel_master_key,
)
from counter_app.keystore import Token, TokenKeyNotFoundError
from counter_app.keystore.registry import KeyKind, KeyRecord, KeyRegistry
from counter_app.keystore.secret_keys import CHANNEL_MASTER_LABEL, TokenCmac, has_secret
from counter_app.keystore.signing_keys import TokenRsaKey

log = logging.getLogger(__name__)


def certificate_of(record: KeyRecord) -> CvCertificate:
    """The card-verifiable certificate a CA or data signer record holds."""
    try:
        return parse_certificate(record.certificate)
    except CertificateError as exc:
        raise IssuerKeysError(f"the certificate of key {record.label!r} is damaged") from exc


def token_trust(registry: KeyRegistry) -> TrustStore:
    """Every CA certificate in the token, retired CAs too (what they signed still verifies)."""
    return TrustStore(certificate_of(r) for r in registry.records() if r.kind is KeyKind.CA)


def token_signer(token: Token, registry: KeyRegistry) -> IssuerSigner:
    """The current data signer: its key in the token and its CA-signed certificate."""
    current = registry.current(KeyKind.DATA_SIGNER)
    if current is None:
        raise TokenKeyNotFoundError(f"token {token.label!r} has no data signer key in use")
    try:
        return IssuerSigner(TokenRsaKey(token, current.label), certificate_of(current))
    except ValueError as exc:
        raise IssuerKeysError(f"key {current.label!r} and its certificate differ") from exc


def issuer_from_token(token: Token, home: Path) -> IssuerMaterial:
    """The signer and CA certificates from the token, and the channel master key: in the token
    when it was imported there (`keys import-secrets`), else the file beside it."""
    registry = KeyRegistry(token)
    trust = token_trust(registry)
    signer = token_signer(token, registry)
    if not trust.verify_signer(signer.certificate):
        log.warning("The data signer certificate %s is not valid today", signer.certificate.chr)
    if has_secret(token, CHANNEL_MASTER_LABEL):
        cmac = TokenCmac(token, CHANNEL_MASTER_LABEL)
        return IssuerMaterial(signer, trust, channel_master_key=b"", channel_master_cmac=cmac)
    log.warning("The channel master key is still a file beside token %r", token.label)
    return IssuerMaterial(
        signer=signer, trust=trust, channel_master_key=load_channel_master_key(home)
    )
