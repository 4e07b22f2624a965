"""Reading and verifying the identity data: text attributes with the PIN, face data with the
unlock number. Data is returned only when the checks that cover it succeeded."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from counter_app.card import layout
from counter_app.card.cvc import CvCertificate
from counter_app.card.errors import CardDataError, LastTryError
from counter_app.card.issuer_keys import TrustStore
from counter_app.card.protocol import ApduTransport
from counter_app.card.sessions.base import SelectedApplication, Session
from counter_app.card.sessions.card import ChipAnswer, ChipSession, CommonSession
from counter_app.card.sessions.face import FaceSession
from counter_app.card.sessions.text import TextSession
from counter_app.card.verification import (
    Check,
    CheckId,
    SigningPeriod,
    Verdict,
    VerificationReport,
    check_binding,
    check_certificate,
    check_chip,
    check_chip_fingerprint,
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
FACE_COVERING = (
    CheckId.SIGNER_CERTIFICATE,
    CheckId.FACE_SIGNATURE,
    CheckId.CHIP_AUTHENTICATION,
    CheckId.CARD_EXPIRY,
)


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
    signer: CvCertificate | None = None  # the signer certificate, when it chains to a trusted CA


@dataclass(frozen=True)
class FaceReading:
    """The face confirmation AP as read, with its checks; `face` is None unless valid."""

    face: layout.FaceData | None
    report: VerificationReport
    signer: CvCertificate | None = None  # the signer certificate, when it chains to a trusted CA


def verify_secret(
    session: Session, value: str, *, confirm_last_try: bool, tries_left: int | None = None
) -> None:
    """VERIFY the PIN or unlock number, but never on the last try unless the caller confirmed it,
    so that a typing slip never locks a card. `tries_left` is what the application's FCP told
    at its SELECT; without it one more APDU (VERIFY without data) asks the card."""
    if not confirm_last_try:
        tries = tries_left if tries_left is not None else session.tries_left()
        if tries == 1:
            raise LastTryError(tries)
    session.verify(value)


def _open(session: Session, selected: SelectedApplication | None) -> int | None:
    """Select `session`'s application unless `selected` is it, selected just before with its FCP;
    the tries left that FCP told (None when not known)."""
    if selected is not None and selected.aid == session.aid and session.secret is not None:
        return selected.tries_left(session.secret)
    session.select()
    return None


def chip_answer(transport: ApduTransport) -> ChipAnswer | None:
    """The chip's answer to a fresh challenge, or None when it gave none of the right shape."""
    try:
        return ChipSession(transport).authenticate()
    except CardDataError:
        return None  # no chip key, or an answer of the wrong shape: the check fails


def chip_checks_without_face(
    transport: ApduTransport, fingerprint: str | None, expiry: date | None, today: date
) -> tuple[Check, Check]:
    """With the PIN only, the chip challenge and the expiry still run: against the chip key and
    expiry the register recorded at issuance; unknown (never succeeded) without them."""
    chip = check_chip_fingerprint(fingerprint, chip_answer(transport))
    if expiry is None:
        reason = "the expiry is in the face data: open it with the unlock number to check it"
        return chip, Check(CheckId.CARD_EXPIRY, Verdict.UNKNOWN, reason)
    return chip, check_expiry(expiry, today)


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
    signed: SigningPeriod | None = None,
    confirm_last_try: bool = True,
    selected: SelectedApplication | None = None,
) -> TextReading:
    """The text AP under the PIN, verified against the card's `serial` (6 APDUs).

    `signed` is when the card was signed (the register knows the day); without it, the last
    10 years (a card's longest validity). `selected`: the text AP was just selected with its
    FCP (`presented_card`), so neither its SELECT nor the tries-left query is sent again.
    """
    today = today or date.today()
    text = TextSession(transport)
    tries = _open(text, selected)
    verify_secret(text, pin, confirm_last_try=confirm_last_try, tries_left=tries)
    binding = _parsed(layout.parse_binding, text.read_binding())
    attributes = _parsed(layout.parse_text_attributes, text.read_attributes())
    integrity = _parsed(layout.parse_integrity, text.read_integrity())
    certificate = check_certificate(
        text.read_certificate(), trust, signed or SigningPeriod.unknown(today)
    )
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
    return TextReading(serial.hex().upper(), shown, result, certificate.trusted)


def read_face(
    transport: ApduTransport,
    unlock_number: str,
    *,
    trust: TrustStore,
    today: date | None = None,
    signed: SigningPeriod | None = None,
    confirm_last_try: bool = True,
    selected: SelectedApplication | None = None,
) -> FaceReading:
    """The face AP under the unlock number, and chip authentication against DF24 (6 APDUs).

    `signed` is when the card was signed; without it, the 10 years before its signed expiry.
    `selected`: the face AP was just selected with its FCP (`presented_card`), so neither its
    SELECT nor the tries-left query is sent again (5 APDUs).
    """
    today = today or date.today()
    session = FaceSession(transport)
    tries = _open(session, selected)
    verify_secret(session, unlock_number, confirm_last_try=confirm_last_try, tries_left=tries)
    parsed = _parsed(layout.parse_face_data, session.read_face_data())
    if signed is None:
        signed = (
            SigningPeriod.from_expiry(parsed.face.expiry, today)
            if parsed
            else SigningPeriod.unknown(today)
        )
    certificate = check_certificate(session.read_certificate(), trust, signed)
    answer = chip_answer(transport)
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
    return FaceReading(face if result.data_valid else None, result, certificate.trusted)
