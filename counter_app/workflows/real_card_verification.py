"""Verifying a real 個人番号カード presented at the counter: what the verification workflow runs
when the card in the reader is one (docs/card-profile.md, "The real 個人番号カード profile").

The face AP opens with 照合番号B, the text AP with the resident's PIN; the signatures are
checked with the J-LIS keys of the trust store (not checked without them), the expiry is read
but not signed, the chip cannot be authenticated by the public layout, and the card's status
is in J-LIS's register, not ours, so it is not checked. Such a card is therefore never "valid
and in use" for this counter; it is valid (genuine data) only when every signature of what was
read succeeded with a configured J-LIS key and the card has not expired.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from counter_app.card.issuer_keys import TrustStore
from counter_app.card.layout import FaceData, TextAttributes
from counter_app.card.protocol import ApduTransport
from counter_app.card.real_reading import (
    FACE_GROUP_CHECKS,
    REAL_TEXT_COVERING,
    read_real_face,
    read_real_text,
)
from counter_app.card.verification import Check, CheckId, Verdict

NOT_OUR_REGISTER = (
    "a 個人番号カード issued by J-LIS: its status is in J-LIS's register, not this municipality's"
)
QR_NOT_OF_THIS_CARD = "the QR code is of a card this municipality issues, not of a 個人番号カード"
EXPIRY_NEEDS_FACE = "the expiry is in the face data: open it with 照合番号B to check it"
ALWAYS_REQUIRED = frozenset({CheckId.SIGNER_CERTIFICATE, CheckId.CARD_EXPIRY})


@dataclass(frozen=True)
class RealCardOutcome:
    """The checks of a real card up to the register's (the workflow adds text against face
    before the QR check), the data they cover (None unless every covering check succeeded) and
    the checks that must succeed."""

    checks: tuple[Check, ...]
    qr: Check
    required: frozenset[CheckId]
    text_read: bool
    face_read: bool
    text: TextAttributes | None = None
    face: FaceData | None = field(default=None, repr=False)


def _not_opened() -> tuple[Check, ...]:
    reason = "the chip was not opened: give 照合番号B or the resident's PIN"
    return tuple(
        Check(cid, Verdict.NOT_CHECKED, reason)
        for cid in (CheckId.SIGNER_CERTIFICATE, CheckId.CHIP_AUTHENTICATION, CheckId.CARD_EXPIRY)
    )


def read_real_card(
    transport: ApduTransport,
    *,
    pin: str | None,
    unlock_number: str | None,
    qr_given: bool,
    trust: TrustStore,
    today: date,
    confirm_last_try: bool,
) -> RealCardOutcome:
    """Open and check a real card with what the clerk gave; a QR text is not ours to use."""
    checks: list[Check] = []
    required = set(ALWAYS_REQUIRED)
    face = text = None
    if unlock_number is not None:
        face = read_real_face(
            transport, unlock_number, trust=trust, today=today, confirm_last_try=confirm_last_try
        )
        checks.extend(face.report.checks)
        required.update(FACE_GROUP_CHECKS)
    if pin is not None:
        text = read_real_text(
            transport, pin=pin, trust=trust, today=today, confirm_last_try=confirm_last_try
        )
        for check in text.report.checks:
            if face is None or check.id is not CheckId.SIGNER_CERTIFICATE:
                checks.append(check)
            elif not check.succeeded:  # one certificate check: the worse of the two
                checks[0] = check
        required.update(REAL_TEXT_COVERING)
        if face is None:
            checks.append(Check(CheckId.CARD_EXPIRY, Verdict.UNKNOWN, EXPIRY_NEEDS_FACE))
    if face is None and text is None:
        checks.extend(_not_opened())
    checks.append(Check(CheckId.REGISTER_STATUS, Verdict.NOT_CHECKED, NOT_OUR_REGISTER))
    if qr_given:
        qr = Check(CheckId.QR_SEAL, Verdict.FAILED, QR_NOT_OF_THIS_CARD)
    else:
        qr = Check(CheckId.QR_SEAL, Verdict.NOT_PRESENT, "no QR code was read")
    return RealCardOutcome(
        checks=tuple(checks),
        qr=qr,
        required=frozenset(required),
        text_read=text is not None,
        face_read=face is not None,
        text=text.attributes if text is not None else None,
        face=face.face if face is not None else None,
    )
