"""A trust store of the issuer's own CA and seal certificate, as the key ceremony exports it."""

from __future__ import annotations

from pathlib import Path

from counter_app.card.issuer_keys import IssuerMaterial
from counter_app.printing.seal_crypto import SealSigner
from counter_app.training_keys import write_training_trust_store
from counter_app.trust_store import Trust


def own_trust(issuer: IssuerMaterial, seal_signer: SealSigner) -> Trust:
    """Trust in the issuer's CA and the seal signer's certificate (in memory)."""
    return Trust.of(issuer.trust.certificates(), [seal_signer.certificate])


def export_trust_store(directory: Path, issuer: IssuerMaterial, seal_signer: SealSigner) -> Path:
    """Write a trust store directory with the issuer's CA and the seal certificate."""
    ca = issuer.trust.ca(issuer.signer.certificate.car)
    assert ca is not None
    write_training_trust_store(directory, ca, seal_signer.certificate)
    return directory
