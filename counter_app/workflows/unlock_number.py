"""The unlock number 照合番号B from what the clerk has: the card face's QR code or its print.

Nobody types 14 digits from memory. A 2D scanner types the QR code's text into a field like a
keyboard: `unlock_from_qr_text` decodes that seal and checks its signature against the trusted
seal certificates. Or the clerk types the three printed parts (birth date in the Japanese era,
expiry year, security code) and `unlock_from_printed` (the card layer's composition) makes the
number (docs/card-profile.md §4).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from counter_app.card.unlock_entry import unlock_number_from_printed as unlock_from_printed
from counter_app.printing.seal import parse
from counter_app.printing.seal_crypto import SignerCertificate
from counter_app.printing.seal_documents import (
    CardFaceQrError,
    CardFaceSeal,
    SealDocumentError,
    card_face_seal_bytes,
)
from counter_app.printing.seal_verify import SealVerdict, verify_seal

__all__ = ["QrUnlock", "unlock_from_printed", "unlock_from_qr_text"]


@dataclass(frozen=True)
class QrUnlock:
    """What the card face's QR code gave: the unlock number, the seal's content and its verdict.

    The number is usable even when the seal's signature failed (the verification then fails the
    QR check); `verdict.valid` says whether the seal is genuine.
    """

    unlock_number: str
    seal: CardFaceSeal
    verdict: SealVerdict


def unlock_from_qr_text(
    text: str, certificates: Sequence[SignerCertificate], missing: str | None = None
) -> QrUnlock:
    """Decode the card face's seal from a scanner's text and check it against `certificates`
    (`missing`: why there are none, when the trust store holds no seal signer)."""
    data = card_face_seal_bytes(text)
    try:
        content = CardFaceSeal.from_seal(parse(data))
    except SealDocumentError as exc:
        raise CardFaceQrError(str(exc)) from None
    return QrUnlock(
        content.unlock_number, content, verify_seal(data, certificates, missing=missing)
    )
