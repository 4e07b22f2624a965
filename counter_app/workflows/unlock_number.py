"""The unlock number 照合番号B from what the clerk has: the card face's QR code or its print.

Nobody types 14 digits from memory. A 2D scanner types the QR code's text into a field like a
keyboard: `unlock_from_qr_text` decodes that seal and checks its signature against the trusted
seal certificates. Or the clerk types the three printed parts (birth date in the Japanese era,
expiry year, security code) and `unlock_from_printed` composes them (docs/card-profile.md §4).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from counter_app.japanese_dates import (
    ERAS,
    SECURITY_CODE_LENGTH,
    SecurityCodeError,
    is_ascii_digits,
)
from counter_app.printing.qr import SealTextError, seal_from_text
from counter_app.printing.seal import SealFormatError, parse
from counter_app.printing.seal_crypto import SignerCertificate
from counter_app.printing.seal_documents import CARD_FACE, CardFaceSeal, SealDocumentError
from counter_app.printing.seal_verify import SealVerdict, verify_seal
from counter_app.workflows.errors import WorkflowError

_ERA_DATE = re.compile(
    r"^(?P<era>[^\d元]+)(?P<year>元|\d{1,2})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日$"
)


class UnlockSourceError(WorkflowError, ValueError):
    """Base of the errors of the unlock number's sources."""

    what = "The unlock number could not be made from what was entered."
    todo = "Check what was entered against the card and enter it again."


class BirthDateFormatError(UnlockSourceError):
    what = "The birth date must be entered as printed: the era year, month and day (YYMMDD)."
    todo = "Enter six digits, e.g. 300217 for 昭和30年2月17日, or the date as printed."


class ExpiryYearFormatError(UnlockSourceError):
    what = "The expiry year must be the four-digit year printed on the card."
    todo = "Enter the year of the card's expiry date, e.g. 2036."


class QrTextError(UnlockSourceError):
    what = "The scanned text is not the QR code of a resident card's face."
    todo = (
        "Scan the QR code on the front of the card again, with the input field focused. "
        "If it still fails, enter the birth date, expiry year and security code instead."
    )


def _ascii(text: str) -> str:
    """Full-width digits (typed with the IME on) as ASCII, surrounding blanks removed."""
    return unicodedata.normalize("NFKC", text).strip()


def _era_yymmdd(text: str) -> str:
    """Six digits YYMMDD from 300217 or 昭和30年2月17日 (元年 is year 1)."""
    if is_ascii_digits(text, 6):
        digits = text
    else:
        match = _ERA_DATE.match(text)
        if match is None or match["era"] not in {name for name, _ in ERAS}:
            raise BirthDateFormatError("not YYMMDD nor an era date")
        year = 1 if match["year"] == "元" else int(match["year"])
        digits = f"{year:02d}{int(match['month']):02d}{int(match['day']):02d}"
    month, day = int(digits[2:4]), int(digits[4:6])
    if not (1 <= month <= 12 and 1 <= day <= 31) or digits[:2] == "00":
        raise BirthDateFormatError("no such era date")
    return digits


def unlock_from_printed(birth_date: str, expiry_year: str, security_code: str) -> str:
    """The 14-digit unlock number from the three printed parts, in the card profile's order."""
    birth = _era_yymmdd(_ascii(birth_date))
    year = _ascii(expiry_year)
    if not is_ascii_digits(year, 4) or year.startswith("0"):
        raise ExpiryYearFormatError("not a four-digit year")
    code = _ascii(security_code)
    if not is_ascii_digits(code, SECURITY_CODE_LENGTH):
        raise SecurityCodeError("security code is not 4 digits")
    return f"{birth}{year}{code}"


@dataclass(frozen=True)
class QrUnlock:
    """What the card face's QR code gave: the unlock number, the seal's content and its verdict.

    The number is usable even when the seal's signature failed (the verification then fails the
    QR check); `verdict.valid` says whether the seal is genuine.
    """

    unlock_number: str
    seal: CardFaceSeal
    verdict: SealVerdict


def unlock_from_qr_text(text: str, certificates: Sequence[SignerCertificate]) -> QrUnlock:
    """Decode the card face's seal from a scanner's text and check it against `certificates`."""
    try:
        data = seal_from_text(text)
        seal = parse(data)
    except (SealTextError, SealFormatError) as exc:
        raise QrTextError(str(exc)) from None
    if not CARD_FACE.matches(seal):
        raise QrTextError("the seal is not of a card face")
    try:
        content = CardFaceSeal.from_seal(seal)
    except SealDocumentError as exc:
        raise QrTextError(str(exc)) from None
    return QrUnlock(content.unlock_number, content, verify_seal(data, certificates))
