"""Our two seal profiles: the card face and the certificate (住民票の写し and the like).

Both are national document types of the issuing country JPN, so their document type categories
are even numbers (ICAO 9303-13 keeps the odd ones for ICAO-defined types). Features:

card face (reference 01, category 20): 01 card serial (C40), 02 unlock number 照合番号B (C40,
14 digits), 03 SHA-256 of the printed fields (32 bytes).
certificate (reference 02, category 22): 01 certificate number (C40), 02 issue date (3-byte
date), 03 SHA-256 of the certificate's content (32 bytes), 04 number of pages (1 byte).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final

from counter_app.errors import CounterError
from counter_app.printing import c40
from counter_app.printing.qr import seal_from_text
from counter_app.printing.seal import Feature, Seal, decode_date, encode_date, parse
from counter_app.printing.seal_crypto import SealSigner

DIGEST_LENGTH: Final = 32


class SealDocumentError(ValueError):
    """A seal of our profile whose features are missing or malformed."""


class CardFaceQrError(CounterError, ValueError):
    """Text from a QR code that is not the seal of one of our card faces."""

    what = "This is not the QR code on the front of a resident card of this system."
    todo = (
        "Scan the QR code on the front of the card again, or type the birth date, the expiry "
        "year and the security code printed on the card."
    )


@dataclass(frozen=True)
class DocumentType:
    """A seal profile: the header's feature definition reference and document type category."""

    name: str
    feature_reference: int
    type_category: int

    def matches(self, seal: Seal) -> bool:
        """True when the seal's header names this profile and the country is Japan."""
        header = seal.header
        return (
            header.country == "JPN"
            and header.feature_reference == self.feature_reference
            and header.type_category == self.type_category
        )


CARD_FACE: Final = DocumentType("card face", 0x01, 0x20)
CERTIFICATE: Final = DocumentType("certificate", 0x02, 0x22)


def digest_fields(fields: Mapping[str, str]) -> bytes:
    """SHA-256 of the fields as canonical JSON (sorted keys, UTF-8, no spaces)."""
    text = json.dumps(dict(fields), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).digest()


def _c40_field(seal: Seal, tag: int, what: str) -> str:
    value = seal.feature(tag)
    if value is None:
        raise SealDocumentError(f"the {what} (feature {tag:02X}) is missing")
    try:
        return c40.decode(value)
    except c40.C40Error as exc:
        raise SealDocumentError(f"the {what} is not C40: {exc}") from None


def _digest_field(seal: Seal, tag: int) -> bytes:
    value = seal.feature(tag)
    if value is None or len(value) != DIGEST_LENGTH:
        raise SealDocumentError(f"feature {tag:02X} is not a {DIGEST_LENGTH}-byte digest")
    return value


@dataclass(frozen=True)
class CardFaceSeal:
    """What the card face's seal holds."""

    card_serial: str
    unlock_number: str
    printed_digest: bytes

    def features(self) -> tuple[Feature, ...]:
        if len(self.printed_digest) != DIGEST_LENGTH:
            raise SealDocumentError("the printed-fields digest must be 32 bytes")
        return (
            Feature(0x01, c40.encode(self.card_serial)),
            Feature(0x02, c40.encode(self.unlock_number)),
            Feature(0x03, self.printed_digest),
        )

    @classmethod
    def from_seal(cls, seal: Seal) -> CardFaceSeal:
        unlock = _c40_field(seal, 0x02, "unlock number")
        if not (len(unlock) == 14 and unlock.isascii() and unlock.isdigit()):
            raise SealDocumentError("the unlock number is not 14 digits")
        return cls(
            card_serial=_c40_field(seal, 0x01, "card serial"),
            unlock_number=unlock,
            printed_digest=_digest_field(seal, 0x03),
        )

    def as_json(self) -> dict[str, object]:
        return {
            "card_serial": self.card_serial,
            "unlock_number": self.unlock_number,
            "printed_fields_sha256": self.printed_digest.hex(),
        }


def card_face_seal_bytes(text: str) -> bytes:
    """The bytes of the card face's seal, from its QR code's text as a 2D scanner types it.

    A scanner ends the text with Enter, which is dropped; Base45 has no lower case, so a scanner
    typing under Caps Lock still gives the code. The signature is not checked here
    (seal_verify does that).
    """
    try:
        data = seal_from_text(text.strip("\r\n").upper())
        seal = parse(data)
    except (ValueError, IndexError) as exc:  # SealTextError, SealFormatError, a bad length
        raise CardFaceQrError(f"not a seal: {exc}") from None
    if not CARD_FACE.matches(seal):
        raise CardFaceQrError("a seal, but not of a card face")
    return data


def card_face_seal_from_qr_text(text: str) -> CardFaceSeal:
    """What the card face's QR code holds (unchecked signature; the chip checks the number)."""
    try:
        return CardFaceSeal.from_seal(parse(card_face_seal_bytes(text)))
    except SealDocumentError as exc:
        raise CardFaceQrError(str(exc)) from None


@dataclass(frozen=True)
class CertificateSeal:
    """What a certificate's seal holds."""

    number: str
    issue_date: date
    content_digest: bytes
    pages: int

    def features(self) -> tuple[Feature, ...]:
        if len(self.content_digest) != DIGEST_LENGTH:
            raise SealDocumentError("the content digest must be 32 bytes")
        if not 1 <= self.pages <= 255:
            raise SealDocumentError("a certificate has 1 to 255 pages")
        return (
            Feature(0x01, c40.encode(self.number)),
            Feature(0x02, encode_date(self.issue_date)),
            Feature(0x03, self.content_digest),
            Feature(0x04, bytes((self.pages,))),
        )

    @classmethod
    def from_seal(cls, seal: Seal) -> CertificateSeal:
        issued = seal.feature(0x02)
        pages = seal.feature(0x04)
        if issued is None or pages is None or len(pages) != 1:
            raise SealDocumentError("the issue date or page count is missing")
        try:
            issue_date = decode_date(issued)
        except ValueError as exc:
            raise SealDocumentError(f"the issue date is not valid: {exc}") from None
        return cls(
            number=_c40_field(seal, 0x01, "certificate number"),
            issue_date=issue_date,
            content_digest=_digest_field(seal, 0x03),
            pages=pages[0],
        )

    def as_json(self) -> dict[str, object]:
        return {
            "certificate_number": self.number,
            "issue_date": self.issue_date.isoformat(),
            "content_sha256": self.content_digest.hex(),
            "pages": self.pages,
        }


def sign_document(
    signer: SealSigner,
    payload: CardFaceSeal | CertificateSeal,
    *,
    issue_date: date,
    signed_on: date,
) -> Seal:
    """The signed seal of one of our documents, naming the signer's certificate."""
    kind = CARD_FACE if isinstance(payload, CardFaceSeal) else CERTIFICATE
    header = signer.header(issue_date, signed_on, kind.feature_reference, kind.type_category)
    return signer.sign(header, payload.features())
