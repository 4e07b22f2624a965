"""Reading and verifying the identity data: text attributes with the PIN, face data with the
unlock number. Data is returned only when the checks that cover it succeeded."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from counter_app.card import layout
from counter_app.card.errors import CardDataError
from counter_app.card.issuer_keys import TrustStore
from counter_app.card.protocol import ApduTransport
from counter_app.card.sessions.card import ChipAnswer, ChipSession, CommonSession
from counter_app.card.sessions.face import FaceSession
from counter_app.card.sessions.text import TextSession
from counter_app.card.verification import (
    CheckId,
    VerificationReport,
    check_binding,
    check_certificate,
    check_chip,
    check_digest,
    check_expiry,
    check_signature,
    report,
)

T = TypeVar("T")

TEXT_COVERING = (
    CheckId.SIGNER_CERTIFICATE,
    CheckId.BINDING_DIGEST,
    CheckId.ATTRIBUTES_DIGEST,
    CheckId.TEXT_SIGNATURE,
    CheckId.CARD_BINDING,
)
FACE_COVERING = (CheckId.SIGNER_CERTIFICATE, CheckId.FACE_SIGNATURE, CheckId.CHIP_AUTHENTICATION)


def _parsed(parse: Callable[[bytes], T], raw: bytes) -> T | None:
    """`parse(raw)`, or None when the data is damaged (a failed check, not an exception)."""
    try:
        return parse(raw)
    except CardDataError:
        return None


@dataclass(frozen=True)
class TextReading:
    """The text attributes AP as read, with its checks; `attributes` is None unless valid."""

    serial: str
    attributes: layout.TextAttributes | None
    report: VerificationReport


@dataclass(frozen=True)
class FaceReading:
    """The face confirmation AP as read, with its checks; `face` is None unless valid."""

    face: layout.FaceData | None
    report: VerificationReport


def read_text(
    transport: ApduTransport, pin: str, *, trust: TrustStore, today: date | None = None
) -> TextReading:
    """Serial, then the text AP under the PIN, verified (8 APDUs)."""
    common = CommonSession(transport)
    common.select()
    serial = common.card_info().serial
    return read_text_ap(transport, pin, serial, trust=trust, today=today)


def read_text_ap(
    transport: ApduTransport,
    pin: str,
    serial: bytes,
    *,
    trust: TrustStore,
    today: date | None = None,
) -> TextReading:
    """The text AP under the PIN, verified against `serial` read from the common AP (6 APDUs)."""
    today = today or date.today()
    text = TextSession(transport)
    text.select()
    text.verify(pin)
    binding = _parsed(layout.parse_binding, text.read_binding())
    attributes = _parsed(layout.parse_text_attributes, text.read_attributes())
    integrity = _parsed(layout.parse_integrity, text.read_integrity())
    certificate = check_certificate(text.read_certificate(), trust, today)
    checks = (
        certificate.check,
        check_digest(
            CheckId.BINDING_DIGEST,
            integrity.binding_digest if integrity else None,
            layout.sha256(binding.encoded) if binding else None,
        ),
        check_digest(
            CheckId.ATTRIBUTES_DIGEST,
            integrity.text_digest if integrity else None,
            layout.sha256(attributes.digested) if attributes else None,
        ),
        check_signature(
            CheckId.TEXT_SIGNATURE,
            certificate,
            trust,
            integrity.signed if integrity else None,
            integrity.signature if integrity else None,
        ),
        check_binding(binding.serial if binding else None, serial),
    )
    result = report(checks, TEXT_COVERING)
    shown = attributes.attributes if attributes and result.data_valid else None
    return TextReading(serial.hex().upper(), shown, result)


def read_face(
    transport: ApduTransport, unlock_number: str, *, trust: TrustStore, today: date | None = None
) -> FaceReading:
    """The face AP under the unlock number, and chip authentication against DF24 (6 APDUs)."""
    today = today or date.today()
    session = FaceSession(transport)
    session.select()
    session.verify(unlock_number)
    parsed = _parsed(layout.parse_face_data, session.read_face_data())
    certificate = check_certificate(session.read_certificate(), trust, today)
    try:
        answer: ChipAnswer | None = ChipSession(transport).authenticate()
    except CardDataError:
        answer = None  # no chip key, or an answer of the wrong shape: the check fails
    signature = check_signature(
        CheckId.FACE_SIGNATURE,
        certificate,
        trust,
        parsed.signed if parsed else None,
        parsed.signature if parsed else None,
    )
    face = parsed.face if parsed else None
    checks = (
        certificate.check,
        signature,
        check_chip(face.chip_public_key if face else None, signature.succeeded, answer),
        check_expiry(face.expiry if face else None, today),
    )
    result = report(checks, FACE_COVERING)
    return FaceReading(face if result.data_valid else None, result)
