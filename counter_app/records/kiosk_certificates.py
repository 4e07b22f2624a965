"""The certificate kiosk's register work (自動交付機): whom a card names, what was issued.

A kiosk has no operator: it acts as `Kiosk(kiosk_id)` for the resident whose card is in its
own reader, under the purpose `certificate-kiosk` (the applicant and their household). Every
step is one short transaction and every outcome is an audit event with the kiosk's id:
`kiosk.session` (a card opened a session, or why not), `kiosk.certificate.issued` (kind,
copies, fee, certificate number) and `kiosk.certificate.refused` (why nothing was printed).
The resident record code is never read here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.records.audit import DetailValue
from counter_app.records.errors import KioskCardError
from counter_app.records.models import Card, Resident
from counter_app.records.purposes import load_purpose, local_day
from counter_app.records.reservations import Kiosk
from counter_app.records.store import Store
from counter_app.records.types import CardStatus, Outcome, PurposeCode, ResidentStatus

PURPOSE = PurposeCode.CERTIFICATE_KIOSK


@dataclass(frozen=True)
class CertifiedPerson:
    """One person as a copy of the resident record shows them (no record code)."""

    resident_id: int
    family_name: str
    given_name: str
    birth_date: dt.date
    sex: int
    relationship: str
    resident_since: dt.date
    address: str


@dataclass(frozen=True)
class KioskSubject:
    """The resident a card authenticated, and the living members of their household."""

    card_serial: str
    resident: CertifiedPerson
    household: tuple[CertifiedPerson, ...]  # head first; the resident alone without a household

    @property
    def resident_id(self) -> int:
        return self.resident.resident_id


def _person(row: Resident) -> CertifiedPerson:
    return CertifiedPerson(
        row.id, row.family_name, row.given_name, row.birth_date, row.sex,
        row.relationship_to_head, row.status_since, row.address,
    )  # fmt: skip


def _head_first(person: CertifiedPerson) -> tuple[int, int]:
    return (0 if person.relationship == "世帯主" else 1, person.resident_id)


class KioskCertificates:
    """Card → resident for a kiosk session, and the record of what the kiosk printed."""

    def __init__(self, store: Store) -> None:
        self._db = store.db
        self._audit = store.audit
        self._clock = store.clock

    def subject_of_card(self, kiosk: Kiosk, serial: str) -> KioskSubject:
        """The resident whose card in use has `serial`; KioskCardError (recorded) otherwise."""
        _require_id(kiosk)
        refusal: KioskCardError | None = None
        subject: KioskSubject | None = None
        with self._db.transaction() as s:
            load_purpose(s, PURPOSE, on=local_day(self._clock))
            card = s.scalar(select(Card).where(Card.serial == serial))
            holder = None if card is None else s.get(Resident, card.holder_id)
            if card is None or holder is None:
                refusal = KioskCardError(f"no card {serial} in the register")
            elif card.status != CardStatus.ACTIVE.value:
                refusal = KioskCardError(f"card {serial} is {card.status}")
            elif holder.status != ResidentStatus.RESIDENT.value:
                refusal = KioskCardError(f"the holder of card {serial} is not a resident")
            else:
                subject = KioskSubject(serial, _person(holder), _household(s, holder))
            self._record(
                s, kiosk, "kiosk.session",
                Outcome.OK if refusal is None else Outcome.REFUSED,
                None if holder is None else holder.id,
                {"card": serial} if refusal is None else {"card": serial, "reason": refusal.code},
            )  # fmt: skip
        if refusal is not None:
            raise refusal
        assert subject is not None
        return subject

    def record_card_refused(self, kiosk: Kiosk, serial: str, reason: str) -> None:
        """A card opened no session before the register was asked (its data did not verify)."""
        _require_id(kiosk)
        with self._db.transaction() as s:
            self._record(
                s, kiosk, "kiosk.session", Outcome.REFUSED, None,
                {"card": serial, "reason": reason},
            )  # fmt: skip

    def record_issued(
        self,
        kiosk: Kiosk,
        subject: KioskSubject,
        *,
        kind: str,
        copies: int,
        fee_yen: int,
        number: str,
        persons: tuple[int, ...],
    ) -> None:
        """The certificate printed: its kind, copies, fee, number and whom it shows."""
        _require_id(kiosk)
        with self._db.transaction() as s:
            self._record(
                s, kiosk, "kiosk.certificate.issued", Outcome.OK, subject.resident_id,
                {"card": subject.card_serial, "kind": kind, "copies": copies, "fee_yen": fee_yen,
                 "number": number, "persons": len(persons)},
            )  # fmt: skip

    def record_refused(self, kiosk: Kiosk, subject: KioskSubject, reason: str) -> None:
        """Nothing was printed, and why (`reason` is a word, e.g. `subject_mismatch`)."""
        _require_id(kiosk)
        with self._db.transaction() as s:
            self._record(
                s, kiosk, "kiosk.certificate.refused", Outcome.REFUSED, subject.resident_id,
                {"card": subject.card_serial, "reason": reason},
            )  # fmt: skip

    def _record(
        self,
        s: Session,
        kiosk: Kiosk,
        action: str,
        outcome: Outcome,
        resident_id: int | None,
        detail: dict[str, DetailValue],
    ) -> None:
        self._audit.append(
            s,
            action=action,
            outcome=outcome,
            purpose_code=PURPOSE,
            resident_id=resident_id,
            detail={**detail, "kiosk": kiosk.kiosk_id},
        )


def _require_id(kiosk: Kiosk) -> None:
    if not kiosk.kiosk_id:
        raise ValueError("a kiosk needs its id")


def _household(s: Session, holder: Resident) -> tuple[CertifiedPerson, ...]:
    if holder.household_id is None:
        return (_person(holder),)
    rows = s.scalars(
        select(Resident).where(
            Resident.household_id == holder.household_id,
            Resident.status == ResidentStatus.RESIDENT.value,
        )
    )
    return tuple(sorted((_person(r) for r in rows), key=_head_first))
