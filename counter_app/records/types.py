"""Value types of the register: enums and the frozen records handed to callers."""

from __future__ import annotations

import datetime as dt
import enum
import unicodedata
from dataclasses import dataclass
from typing import NoReturn

from counter_app.records.errors import RecordCodeFormatError

MASKED_RECORD_CODE = "*" * 11


class RecordCode:
    """A resident record code (住民票コード, 11 digits) that never shows itself by accident.

    `str()`, `repr()` and f-strings give the mask; only `reveal()` gives the digits, and the
    object refuses to be pickled, so it does not end up in a file or a queue by mistake.
    """

    __slots__ = ("_digits",)

    def __init__(self, digits: str) -> None:
        normalised = unicodedata.normalize("NFKC", digits).replace("-", "").replace(" ", "")
        if len(normalised) != 11 or not (normalised.isascii() and normalised.isdigit()):
            raise RecordCodeFormatError("a record code must be 11 digits")
        self._digits = normalised

    def reveal(self) -> str:
        """The digits: only for writing to a card or showing under a purpose that allows it."""
        return self._digits

    def __repr__(self) -> str:
        return f"RecordCode({MASKED_RECORD_CODE})"

    def __str__(self) -> str:
        return MASKED_RECORD_CODE

    def __format__(self, spec: str) -> str:
        return MASKED_RECORD_CODE

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RecordCode) and other._digits == self._digits

    def __hash__(self) -> int:
        return hash(("RecordCode", self._digits))

    def __reduce__(self) -> NoReturn:
        raise TypeError("record codes are not pickled")


class Role(enum.StrEnum):
    """What an operator may do at the counter."""

    ISSUING_CLERK = "issuing_clerk"
    VERIFYING_CLERK = "verifying_clerk"
    APPLET_ADMIN = "applet_admin"
    LIBRARY_STAFF = "library_staff"
    SUPERVISOR = "supervisor"


class ResidentStatus(enum.StrEnum):
    RESIDENT = "resident"
    MOVED_OUT = "moved_out"
    DECEASED = "deceased"


class Sex(enum.IntEnum):
    """ISO 5218, as the card stores it."""

    UNKNOWN = 0
    MALE = 1
    FEMALE = 2
    NOT_APPLICABLE = 9


class Category(enum.StrEnum):
    """How a person relates to a purpose's work: what a purpose may look up.

    APPLICANT covers any resident who applies in person at the counter; the other categories
    cover only residents recorded as that party of an open case under the purpose.
    """

    APPLICANT = "applicant"
    TENANT = "tenant"
    GUARANTOR = "guarantor"
    HOUSEHOLD_MEMBER = "household_member"


class PurposeCode(enum.StrEnum):
    """The standard purposes' codes: the one spelling code uses to name a purpose.

    A register may hold further purposes; they are named by their code as text (`str`).
    """

    CARD_ISSUANCE = "card-issuance"
    CARD_SERVICE = "card-service"
    IDENTITY_CHECK = "identity-check"
    LICENCE_RETURN_EXEMPTION = "licence-return-exemption"
    MULTIPURPOSE_SERVICES = "multipurpose-services"
    RENT_ARREARS = "rent-arrears"
    CERTIFICATE_KIOSK = "certificate-kiosk"
    LIBRARY_DESK = "library-desk"
    SUPERVISION = "supervision"


class CardKind(enum.StrEnum):
    PHOTO = "photo"
    NO_PHOTO = "no_photo"


class CardStatus(enum.StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    RETURNED = "returned"
    EXPIRED = "expired"


class ApplicationStatus(enum.StrEnum):
    RECEIVED = "received"
    ISSUED = "issued"
    WITHDRAWN = "withdrawn"


class ExemptionGround(enum.StrEnum):
    """Why no fee is charged."""

    LICENCE_RETURNED = "licence_returned"  # 運転免許証の自主返納


class ProofKind(enum.StrEnum):
    """Documents that prove an exemption ground."""

    DRIVING_HISTORY_CERTIFICATE = "driving_history_cert"  # 運転経歴証明書
    LICENCE_CANCELLATION_NOTICE = "licence_cancel_notice"  # 運転免許の取消通知書


class Outcome(enum.StrEnum):
    """How an audited action ended."""

    OK = "ok"
    ALLOWED = "allowed"
    REFUSED = "refused"
    FAILED = "failed"


STANDARD_IN_FORCE = dt.date(2003, 8, 25)
"""When the standard purposes took effect: resident cards were first issued on 2003-08-25."""


@dataclass(frozen=True)
class PurposeInfo:
    """A purpose as operators choose it and supervisors list it.

    `legal_basis` names the law or ordinance and its article; lookups under the purpose are
    allowed from `in_force_from` until the day before `retired_from`. `council_answer_on` is the
    date of the privacy council's answer (答申) that approved the use, when there was one.
    """

    code: str
    name: str
    legal_basis: str
    categories: frozenset[Category]
    roles: frozenset[Role]
    reveals_record_code: bool
    in_force_from: dt.date = STANDARD_IN_FORCE
    council_answer_on: dt.date | None = None
    retired_from: dt.date | None = None

    def in_force_on(self, day: dt.date) -> bool:
        """True when lookups under the purpose are allowed on `day`."""
        return self.in_force_from <= day and (self.retired_from is None or day < self.retired_from)


@dataclass(frozen=True)
class ResidentSummary:
    """One search hit: enough to pick the right person, never the record code."""

    id: int
    family_name: str
    given_name: str
    family_name_kana: str
    given_name_kana: str
    latin_name: str | None
    tsusho: str | None
    birth_date: dt.date
    sex: Sex
    address: str
    status: ResidentStatus

    def as_json(self) -> dict[str, object]:
        """The hit as JSON-ready data."""
        return {
            "id": self.id,
            "family_name": self.family_name,
            "given_name": self.given_name,
            "family_name_kana": self.family_name_kana,
            "given_name_kana": self.given_name_kana,
            "latin_name": self.latin_name,
            "tsusho": self.tsusho,
            "birth_date": self.birth_date.isoformat(),
            "sex": int(self.sex),
            "address": self.address,
            "status": self.status.value,
        }


@dataclass(frozen=True)
class ResidentView:
    """A resident's identity data as a purpose allows it; the record code only masked."""

    summary: ResidentSummary
    nationality: str | None
    tsusho_kana: str | None
    postal_code: str | None
    household_id: int | None
    relationship_to_head: str
    status_since: dt.date
    record_code_masked: str | None


@dataclass(frozen=True)
class CardInfo:
    """A card and its state."""

    id: int
    serial: str
    holder_id: int
    kind: CardKind
    status: CardStatus
    issued_on: dt.date
    expires_on: dt.date
    chip_key_fingerprint: str
    issuer_key_id: str


@dataclass(frozen=True)
class NewResident:
    """What is needed to enter a resident into the register."""

    family_name: str
    given_name: str
    family_name_kana: str
    given_name_kana: str
    birth_date: dt.date
    sex: Sex
    address: str
    relationship_to_head: str = "世帯主"
    household_code: str | None = None
    postal_code: str | None = None
    latin_name: str | None = None
    tsusho: str | None = None
    tsusho_kana: str | None = None
    nationality: str | None = None
    record_code: RecordCode | None = None
    status: ResidentStatus = ResidentStatus.RESIDENT
    status_since: dt.date | None = None

    def __repr__(self) -> str:
        return f"NewResident(id data hidden, has_record_code={self.record_code is not None})"
