"""The trust store: the certificates this counter trusts, in a directory named by configuration.

It holds the card CA certificates (card-verifiable certificates, `*.cvc`: the municipality's own
issuer CA and J-LIS's) and the seal signer certificates (X.509, `*.pem`), as the key ceremony
exports them. Reading it never creates anything: without it, cards and seals are "cannot be
checked", never valid, and the reason says so. A damaged file is an error naming the file. Only
the training register's set-up writes one, from its development keys (`training_keys`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from counter_app.card.cvc import CertificateError, CvCertificate, parse_certificate
from counter_app.card.issuer_keys import TrustStore
from counter_app.errors import ConfigurationError
from counter_app.printing.seal_crypto import (
    SignerCertificate,
    SignerCertificateError,
    load_signer_certificate,
)

log = logging.getLogger(__name__)

CARD_CA_SUFFIX: Final = ".cvc"
SEAL_SIGNER_SUFFIX: Final = ".pem"

# Why a verifier trusts nothing: fixed sentences, so that the window can translate them.
NOT_CONFIGURED: Final = "no trust store is configured, so no issuer and no seal can be trusted"
NO_DIRECTORY: Final = "the configured trust store directory does not exist"
NO_CARD_CA: Final = "the trust store holds no card CA certificate"
NO_SEAL_SIGNER: Final = "the trust store holds no seal signer certificate"


class TrustStoreFileError(ConfigurationError):
    """A file in the trust store is not a usable certificate."""

    what = "A certificate in the trust store is damaged or is not a certificate."
    todo = (
        "Replace the file named here with the certificate exported by the key ceremony, or "
        "remove it, then start again. If unsure, call the system administrator."
    )


@dataclass(frozen=True)
class Trust:
    """The trust store as read: the card CAs and the seal signers, or why there are none."""

    directory: Path | None  # None: no trust store configured
    cards: TrustStore = field(repr=False)  # its `missing` says why it is empty, if it is
    seals: tuple[SignerCertificate, ...] = field(default=(), repr=False)
    seals_missing: str | None = None  # why there is no seal signer to check against

    @classmethod
    def of(
        cls,
        cards: Iterable[CvCertificate],
        seals: Iterable[SignerCertificate],
        directory: Path | None = None,
    ) -> Trust:
        """A trust store of these certificates (as read from a directory, or given by a test)."""
        card_cas = list(cards)
        seal_signers = tuple(seals)
        return cls(
            directory=directory,
            cards=TrustStore(card_cas, missing=None if card_cas else NO_CARD_CA),
            seals=seal_signers,
            seals_missing=None if seal_signers else NO_SEAL_SIGNER,
        )

    @classmethod
    def missing(cls, reason: str, directory: Path | None = None) -> Trust:
        """No trust store: every card and seal check against it says `reason`."""
        return cls(directory, TrustStore(missing=reason), (), reason)

    @property
    def problem(self) -> str | None:
        """Why cards or seals cannot be checked (cards first); None when both can be."""
        return self.cards.missing or self.seals_missing


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise TrustStoreFileError(f"cannot read {path}: {exc.strerror}") from exc


def _card_ca(path: Path) -> CvCertificate:
    try:
        certificate = parse_certificate(_read(path))
        TrustStore([certificate])  # self-signed, with a valid self-signature
    except (CertificateError, ValueError) as exc:
        raise TrustStoreFileError(f"{path} is not a usable card CA certificate: {exc}") from exc
    return certificate


def _seal_signer(path: Path) -> SignerCertificate:
    try:
        return load_signer_certificate(_read(path))
    except SignerCertificateError as exc:
        raise TrustStoreFileError(f"{path} is not a usable seal signer certificate: {exc}") from exc


def load_trust_store(directory: Path | None) -> Trust:
    """The trust store in `directory` (None: not configured); never creates anything."""
    if directory is None:
        return Trust.missing(NOT_CONFIGURED)
    if not directory.is_dir():
        return Trust.missing(NO_DIRECTORY, directory)
    cards: list[CvCertificate] = []
    seals: list[SignerCertificate] = []
    for path in sorted(directory.iterdir()):
        suffix = path.suffix.lower()
        if suffix == CARD_CA_SUFFIX:
            cards.append(_card_ca(path))
        elif suffix == SEAL_SIGNER_SUFFIX:
            seals.append(_seal_signer(path))
        elif not path.name.startswith("."):
            log.info("The trust store file %s is neither *.cvc nor *.pem; ignored", path)
    return Trust.of(cards, seals, directory)
