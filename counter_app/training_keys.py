"""The training mode's keys: development issuer and seal keys, and a trust store made from them.

Only the training register (no register configured, the first start's default) calls this: it is
the explicit set-up of a training counter, which makes its own cards and prints its own seals. A
counter on a configured register reads the municipality's keys and trust store and makes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from counter_app.card.cvc import CvCertificate
from counter_app.card.issuer_keys import IssuerMaterial, load_or_create_issuer
from counter_app.config import Configuration
from counter_app.printing.seal_crypto import SealSigner, SignerCertificate
from counter_app.printing.seal_keys import load_or_create_seal_signer
from counter_app.private_files import fsync_dir, write_private
from counter_app.trust_store import CARD_CA_SUFFIX, SEAL_SIGNER_SUFFIX

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrainingKeys:
    """The training counter's issuer and seal signer."""

    issuer: IssuerMaterial = field(repr=False)
    seal_signer: SealSigner = field(repr=False)


def card_ca_file_name(certificate: CvCertificate) -> str:
    """The trust store's name for a card CA certificate: its reference, `.cvc`."""
    return f"{certificate.chr}{CARD_CA_SUFFIX}"


def seal_signer_file_name(certificate: SignerCertificate) -> str:
    """The trust store's name for a seal signer certificate: `seal-<signer>-<serial>.pem`."""
    return f"seal-{certificate.signer}-{certificate.serial:X}{SEAL_SIGNER_SUFFIX}"


def write_training_trust_store(directory: Path, ca: CvCertificate, seal: SignerCertificate) -> None:
    """Put the training CA and seal signer certificates into `directory` (made if missing).

    Other files there (a J-LIS test CA a trainer added) are left alone.
    """
    directory.mkdir(parents=True, exist_ok=True)
    wanted = {
        card_ca_file_name(ca): ca.encode(),
        seal_signer_file_name(seal): seal.certificate.public_bytes(serialization.Encoding.PEM),
    }
    written = False
    for name, data in wanted.items():
        path = directory / name
        if path.is_file() and path.read_bytes() == data:
            continue
        write_private(path, data)
        written = True
    if written:
        fsync_dir(directory)
        log.info("Wrote the training trust store in %s", directory)


def training_keys(config: Configuration, *, today: date | None = None) -> TrainingKeys:
    """The training counter's keys, made on first use, and its trust store from them.

    A trust store named in the configuration is the municipality's and is never written; the
    training trust store is the one in the data directory.
    """
    home = config.data_dir
    issuer = load_or_create_issuer(home, today=today)
    seal_signer = load_or_create_seal_signer(home, today=today)
    if config.trust_store_dir is None and config.trust_store is not None:
        ca = issuer.trust.ca(issuer.signer.certificate.car)
        if ca is None:
            raise AssertionError("the training issuer has no CA certificate")
        write_training_trust_store(config.trust_store, ca, seal_signer.certificate)
    return TrainingKeys(issuer, seal_signer)
