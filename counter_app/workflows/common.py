"""Steps every counter workflow shares: identity documents, PIN entry, photo, card identity."""

from __future__ import annotations

import io
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Final

from PIL import Image, ImageStat, UnidentifiedImageError

from counter_app.card import profile as p
from counter_app.card.connection import CardConnection, ConnectionWrapper
from counter_app.card.personal_data import InvalidPhotoError
from counter_app.card.protocol import ApduTransport
from counter_app.card.scp03 import StaticKeys
from counter_app.card.sessions.base import PIN, read_life_cycle
from counter_app.card.sessions.card import card_serial
from counter_app.records import CardInfo, CardStatus, PurposeCode, ResidentView, Sex
from counter_app.records.issuance_records import CardServiceRecords
from counter_app.workflows.base import CounterContext
from counter_app.workflows.errors import (
    IdentityDocumentsMissingError,
    NoActiveCardError,
    PhotoEmptyError,
    PhotoTooSmallError,
    PinMismatchError,
    WrongCardError,
)
from counter_app.workflows.pin_strength import weakness

ISSUANCE_PURPOSE: Final = PurposeCode.CARD_ISSUANCE
SERVICE_PURPOSE: Final = PurposeCode.CARD_SERVICE
IDENTITY_CHECK_PURPOSE: Final = PurposeCode.IDENTITY_CHECK
EXEMPTION_PURPOSE: Final = PurposeCode.LICENCE_RETURN_EXEMPTION
PHOTO_MIN_SIZE: Final = (240, 320)  # pixels, 3:4; smaller prints blurred on the card
PHOTO_MIN_SPREAD: Final = 6.0  # standard deviation of grey levels below which a photo is empty
VALIDITY_YEARS: Final = p.VALIDITY_YEARS


class IdentityDocument(StrEnum):
    """Documents a resident presents to prove identity (kinds only; numbers are not kept)."""

    DRIVING_LICENCE = "driving_licence"  # 運転免許証
    DRIVING_HISTORY_CERTIFICATE = "driving_history_cert"  # 運転経歴証明書
    PASSPORT = "passport"  # 旅券
    RESIDENCE_CARD = "residence_card"  # 在留カード
    RESIDENT_CARD = "resident_card"  # 住民基本台帳カード
    HEALTH_INSURANCE = "health_insurance"  # 健康保険証
    PENSION_BOOK = "pension_book"  # 年金手帳
    INQUIRY_ANSWER = "inquiry_answer"  # 照会書兼回答書
    OTHER = "other"


def check_documents(documents: Sequence[IdentityDocument]) -> tuple[IdentityDocument, ...]:
    """The documents as recorded: at least one, each once, in a stable order."""
    unique = tuple(sorted(set(documents)))
    if not unique:
        raise IdentityDocumentsMissingError()
    return unique


def new_pin(pin: str, repeat: str, birth_date: date | None = None) -> str:
    """The resident's new PIN, entered twice: 4 digits, both entries the same, and not one
    that is easy to guess (WeakPinError: one digit repeated, a run, the birth date if given)."""
    PIN.check_format(pin)  # PinFormatError
    if not secrets.compare_digest(pin.encode(), repeat.encode()):
        raise PinMismatchError()
    weak = weakness(pin, birth_date)
    if weak is not None:
        raise weak
    return pin


def validate_photo(jpeg: bytes) -> bytes:
    """A photo the card can carry: a readable JPEG, big enough, and not one flat colour."""
    if not jpeg:
        raise PhotoEmptyError("no photo data")
    try:
        with Image.open(io.BytesIO(jpeg)) as image:
            if image.format != "JPEG":
                raise InvalidPhotoError(f"the photo is {image.format}, not JPEG")
            width, height = image.size
            if width < PHOTO_MIN_SIZE[0] or height < PHOTO_MIN_SIZE[1]:
                raise PhotoTooSmallError(f"{width}x{height} px, at least {PHOTO_MIN_SIZE}")
            spread = ImageStat.Stat(image.convert("L")).stddev[0]
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        if isinstance(exc, PhotoTooSmallError | InvalidPhotoError):
            raise
        raise InvalidPhotoError("the photo is not a readable image") from exc
    if spread < PHOTO_MIN_SPREAD:
        raise PhotoEmptyError(f"grey-level spread {spread:.1f}")
    return jpeg


def age_on(birth: date, day: date) -> int:
    """Completed years of age on `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def card_name(view: ResidentView) -> str:
    """The name as the card carries it: kanji family and given name, or the Latin name."""
    summary = view.summary
    if view.nationality and summary.latin_name:
        return summary.latin_name
    return f"{summary.family_name}\u3000{summary.given_name}"


def card_sex(sex: Sex) -> int:
    """The ISO 5218 code the card takes (1, 2 or 9)."""
    return int(sex) if sex in (Sex.MALE, Sex.FEMALE) else 9


def new_security_code() -> str:
    """A random 4-digit security code, printed on the card and part of its unlock number."""
    return f"{secrets.randbelow(10_000):04d}"


@dataclass(frozen=True)
class CardIdentity:
    """The card in the reader: serial (bytes and text), life cycle, and its channel keys."""

    serial: bytes
    life_cycle: p.LifeCycle | None
    keys: StaticKeys = field(repr=False)

    @property
    def serial_text(self) -> str:
        return self.serial.hex().upper()


def identify_card(ctx: CounterContext, transport: ApduTransport) -> CardIdentity:
    """Serial and life cycle of the card in the reader, and its diversified issuer keys."""
    serial = card_serial(transport)
    life_cycle = read_life_cycle(transport)
    keys = ctx.issuer.card_keys(serial)
    return CardIdentity(serial, life_cycle, keys)


def active_card(cards: Sequence[CardInfo], serial: str | None = None) -> CardInfo:
    """The resident's card in use (`serial`'s, when given): WrongCardError / NoActiveCardError."""
    if serial is not None:
        for card in cards:
            if card.serial == serial:
                return card
        raise WrongCardError(f"card {serial} is not the resident's")
    for card in cards:
        if card.status == CardStatus.ACTIVE:
            return card
    raise NoActiveCardError()


class CountingConnection(ConnectionWrapper):
    """Counts the APDUs of a long card step, so that its progress can be shown."""

    def __init__(
        self, inner: CardConnection, on_count: Callable[[int], None] | None = None
    ) -> None:
        super().__init__(inner)
        self.count = 0
        self._on_count = on_count

    def transmit(self, command: bytes) -> bytes:
        answer = self.inner.transmit(command)
        self.count += 1
        if self._on_count is not None:
            self._on_count(self.count)
        return answer


def card_records(ctx: CounterContext) -> CardServiceRecords:
    """The counter's card-service records of the context's register."""
    return ctx.register.service_records
