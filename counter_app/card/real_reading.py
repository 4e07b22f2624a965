"""Reading and checking a real 個人番号カード (docs/card-profile.md, "The real 個人番号カード
profile"): which card is inserted (by AID, never by ATR), the text AP with the PIN or 照合番号B,
the face AP with 照合番号B, and their checks against the J-LIS keys in the trust store.

Without the J-LIS key of the card's signer certificate in the trust store, the certificate and
every signature are "not checked: issuer key not in the trust store", never failed nor
succeeded. The real card's chip authentication is not part of its public layout, so it is
never checked here; the expiry (DF29) is read but not signed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import TypeVar

from counter_app.card import layout, real_layout
from counter_app.card import real_profile as real
from counter_app.card.apdu import CommandApdu
from counter_app.card.cvc import CertificateError, parse_certificate
from counter_app.card.errors import CardDataError, FileMissingError
from counter_app.card.issuer_keys import TrustStore
from counter_app.card.protocol import ApduTransport
from counter_app.card.reading import FaceReading, TextReading, verify_secret
from counter_app.card.sessions.base import (
    INS_SELECT,
    P2_NO_DATA,
    SELECT_BY_AID,
    UNLOCK,
    SecretKind,
)
from counter_app.card.sessions.face import FaceSession
from counter_app.card.sessions.text import TextSession
from counter_app.card.verification import (
    CertificateCheck,
    Check,
    CheckId,
    SigningPeriod,
    Verdict,
    check_certificate,
    check_digest,
    check_expiry,
    check_signature,
    report,
)

T = TypeVar("T")

NO_ISSUER_KEY = "issuer key not in the trust store"
NO_CERTIFICATE = "the card holds no signer certificate in EF 0004, so nothing can be checked"
PIN_ONLY = "the integrity file (EF 0003) opens only with the resident's PIN"
NO_CHIP_AUTHENTICATION = (
    "the real card's chip authentication is not part of its public layout: "
    "a copy of a genuine card's data onto another chip is not detected"
)
REAL_CARD_SERIAL = "個人番号カード"  # shown in place of a serial: the real card has none we read

FACE_GROUP_CHECKS = (
    CheckId.FACE_SIGNATURE_ATTRIBUTES,
    CheckId.FACE_SIGNATURE_IMAGES,
    CheckId.FACE_SIGNATURE_PHOTO,
)
REAL_FACE_COVERING = (CheckId.SIGNER_CERTIFICATE, *FACE_GROUP_CHECKS, CheckId.CARD_EXPIRY)
REAL_TEXT_COVERING = (
    CheckId.SIGNER_CERTIFICATE,
    CheckId.BINDING_DIGEST,
    CheckId.ATTRIBUTES_DIGEST,
    CheckId.TEXT_SIGNATURE,
)

# 照合番号B in the text AP: EF 0015, P2 95 (in the face AP it is EF 0012, P2 92, as on our card).
TEXT_UNLOCK = SecretKind(
    real.TEXT_UNLOCK_P2,
    UNLOCK.length,
    UNLOCK.tries,
    UNLOCK.wrong,
    UNLOCK.blocked,
    UNLOCK.required,
    UNLOCK.malformed,
)


class CardKind(StrEnum):
    """Which card is in the reader."""

    OURS = "ours"  # the resident card this counter issues
    REAL = "real"  # a 個人番号カード issued by J-LIS


def detect_card(transport: ApduTransport) -> CardKind:
    """SELECT the JPKI AP by its AID (one APDU): only the real card has it. Never the ATR."""
    command = CommandApdu(0x00, INS_SELECT, SELECT_BY_AID, P2_NO_DATA, real.JPKI_AID)
    return CardKind.REAL if transport.send(command).ok else CardKind.OURS


class RealTextUnlockSession(TextSession):
    """The real text AP opened with 照合番号B: only EF 0002 (and the certificate) open."""

    secret = TEXT_UNLOCK


def _parsed(parse: Callable[[bytes], T], raw: bytes) -> T | None:
    try:
        return parse(raw)
    except CardDataError:
        return None


def signer_certificate(session: TextSession | FaceSession) -> bytes | None:
    """EF 0004 of the application, or None when the card has none there."""
    try:
        return session.read_certificate()
    except FileMissingError:
        return None


def check_real_certificate(
    raw: bytes | None, trust: TrustStore, signed: SigningPeriod
) -> CertificateCheck:
    """The signer certificate against the J-LIS keys; not checked when its CA is not there or
    the card holds no certificate where the public layout puts it."""
    if raw is None:
        check = Check(CheckId.SIGNER_CERTIFICATE, Verdict.NOT_CHECKED, NO_CERTIFICATE)
        return CertificateCheck(check, None)
    try:
        car: str | None = parse_certificate(raw).car
    except CertificateError:
        car = None
    if car is not None and trust.ca(car) is None:
        reason = trust.missing or NO_ISSUER_KEY
        check = Check(CheckId.SIGNER_CERTIFICATE, Verdict.NOT_CHECKED, reason, None, car)
        return CertificateCheck(check, None)
    return check_certificate(raw, trust, signed)


def _signature(
    check_id: CheckId,
    certificate: CertificateCheck,
    trust: TrustStore,
    message: bytes | None,
    signature: bytes | None,
) -> Check:
    if certificate.check.verdict is Verdict.NOT_CHECKED:
        return Check(check_id, Verdict.NOT_CHECKED, certificate.check.reason)
    return check_signature(check_id, certificate, trust, message, signature)


def read_real_face(
    transport: ApduTransport,
    unlock_number: str,
    *,
    trust: TrustStore,
    today: date | None = None,
    confirm_last_try: bool = True,
) -> FaceReading:
    """The face AP under 照合番号B (4 APDUs): the certificate, the three group signatures, the
    expiry; the chip is not authenticated. `face` is None unless every covering check succeeded."""
    today = today or date.today()
    session = FaceSession(transport)
    session.select()
    verify_secret(session, unlock_number, confirm_last_try=confirm_last_try)
    parsed = _parsed(real_layout.parse_face_data, session.read_face_data())
    face = parsed.face if parsed else None
    signed = SigningPeriod.from_expiry(face.expiry, today) if face else SigningPeriod.unknown(today)
    certificate = check_real_certificate(signer_certificate(session), trust, signed)
    groups = tuple(
        _signature(
            check_id,
            certificate,
            trust,
            parsed.messages[index] if parsed else None,
            parsed.signatures[index] if parsed and parsed.signatures else None,
        )
        for index, check_id in enumerate(FACE_GROUP_CHECKS)
    )
    expiry = check_expiry(face.expiry if face else None, today)
    if expiry.succeeded:
        expiry = Check(expiry.id, expiry.verdict, f"{expiry.reason} (the expiry is not signed)")
    chip = Check(CheckId.CHIP_AUTHENTICATION, Verdict.NOT_CHECKED, NO_CHIP_AUTHENTICATION)
    result = report((certificate.check, *groups, chip, expiry), REAL_FACE_COVERING)
    return FaceReading(face if result.data_valid else None, result, certificate.trusted)


def read_real_text(
    transport: ApduTransport,
    *,
    pin: str | None = None,
    unlock_number: str | None = None,
    trust: TrustStore,
    today: date | None = None,
    confirm_last_try: bool = True,
) -> TextReading:
    """The text AP with the PIN (everything checked) or with 照合番号B (EF 0002 only: its digest
    and signature cannot be checked, so the attributes are withheld). Exactly one of the two."""
    if (pin is None) == (unlock_number is None):
        raise ValueError("give the PIN or 照合番号B")
    today = today or date.today()
    session: TextSession = TextSession(transport) if pin else RealTextUnlockSession(transport)
    session.select()
    verify_secret(session, pin or unlock_number or "", confirm_last_try=confirm_last_try)
    attributes = _parsed(layout.parse_text_attributes, session.read_attributes())
    certificate = check_real_certificate(
        signer_certificate(session), trust, SigningPeriod.unknown(today)
    )
    if pin is None:
        checks: tuple[Check, ...] = (
            certificate.check,
            Check(CheckId.BINDING_DIGEST, Verdict.NOT_CHECKED, PIN_ONLY),
            Check(CheckId.ATTRIBUTES_DIGEST, Verdict.NOT_CHECKED, PIN_ONLY),
            Check(CheckId.TEXT_SIGNATURE, Verdict.NOT_CHECKED, PIN_ONLY),
        )
    else:
        number_file = session.read(
            real.TEXT_NUMBER_FID & 0x1F, secret=True, context="READ individual number file"
        )  # secret: an APDU trace masks it; only its digest is kept
        number_digest = _parsed(real_layout.number_file_digest, number_file)
        integrity = _parsed(layout.parse_integrity, session.read_integrity())
        checks = (
            certificate.check,
            check_digest(
                CheckId.BINDING_DIGEST,
                integrity.binding_digest if integrity else None,
                number_digest,
            ),
            check_digest(
                CheckId.ATTRIBUTES_DIGEST,
                integrity.text_digest if integrity else None,
                layout.sha256(attributes.digested) if attributes else None,
            ),
            _signature(
                CheckId.TEXT_SIGNATURE,
                certificate,
                trust,
                integrity.signed if integrity else None,
                integrity.signature if integrity else None,
            ),
        )
    result = report(checks, REAL_TEXT_COVERING)
    shown = attributes.attributes if attributes and result.data_valid else None
    return TextReading(REAL_CARD_SERIAL, shown, result, certificate.trusted)
