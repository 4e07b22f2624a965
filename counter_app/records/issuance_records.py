"""Counter records around cards: identity checks, card look-ups, card events, free-issuance report.

Additions beside `CardLedger` for the counter workflows, in the package's manner: every call
checks the operator (and the purpose where identity data leaves), and appends an audit event in
the same transaction. Identity-document numbers are never stored, only their kinds.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.records.access import card_info
from counter_app.records.audit import DetailValue
from counter_app.records.errors import CardRecordError, RoleRequiredError
from counter_app.records.models import (
    ApplicationFee,
    AuditEvent,
    Card,
    CardApplication,
    Operator,
    Resident,
)
from counter_app.records.operators import OperatorAccounts, OperatorSession
from counter_app.records.purposes import load_purpose, local_day
from counter_app.records.store import Store
from counter_app.records.types import CardInfo, ExemptionGround, Outcome, ProofKind, Role

_CLERKS = (Role.ISSUING_CLERK, Role.SUPERVISOR)
ADDRESS_CHANGED = "card.address_changed"
FACE_COMPARED = "card.face_compared"


@dataclass(frozen=True)
class RecordedExemption:
    """A licence-return proof recorded with an earlier application of the resident."""

    proof_kind: ProofKind
    proof_number: str
    checked_on: dt.date


@dataclass(frozen=True)
class FreeIssuance:
    """One card issued without fee, with its ground and proof, for the free-issuance report."""

    application_id: int
    resident_id: int
    family_name: str
    given_name: str
    birth_date: dt.date
    serial: str
    issued_on: dt.date
    ground: ExemptionGround
    proof_kind: ProofKind
    proof_number: str
    checked_by: str  # the login of the clerk who checked the proof

    def as_json(self) -> dict[str, object]:
        """The entry as JSON-ready data."""
        return {
            "application_id": self.application_id,
            "resident_id": self.resident_id,
            "family_name": self.family_name,
            "given_name": self.given_name,
            "birth_date": self.birth_date.isoformat(),
            "serial": self.serial,
            "issued_on": self.issued_on.isoformat(),
            "ground": self.ground.value,
            "proof_kind": self.proof_kind.value,
            "proof_number": self.proof_number,
            "checked_by": self.checked_by,
        }


class CardServiceRecords:
    """What the counter workflows record besides applications and card status."""

    def __init__(self, store: Store, operators: OperatorAccounts) -> None:
        self._store = store
        self._operators = operators

    def _authorise_purpose(self, s: Session, by: OperatorSession, purpose_code: str) -> None:
        by.touch()
        roles = self._operators.confirm(s, by)
        if not roles & load_purpose(s, purpose_code, on=local_day(self._store.clock)).roles:
            raise RoleRequiredError(f"operator {by.operator_id} may not work under {purpose_code}")

    def record_identity_check(
        self,
        by: OperatorSession,
        purpose_code: str,
        resident_id: int,
        *,
        task: str,
        documents: Sequence[str],
    ) -> None:
        """Record that the clerk checked identity with `documents` (kinds) for `task`."""
        store = self._store
        with store.db.transaction() as s:
            self._operators.authorise(s, by, *_CLERKS)
            self._authorise_purpose(s, by, purpose_code)
            if s.get(Resident, resident_id) is None:
                raise CardRecordError(f"no resident {resident_id}")
            store.audit.append(
                s,
                action="identity.checked",
                outcome=Outcome.OK,
                operator_id=by.operator_id,
                purpose_code=purpose_code,
                resident_id=resident_id,
                detail={"task": task, "documents": ",".join(documents)},
            )

    def card(self, by: OperatorSession, purpose_code: str, serial: str) -> CardInfo | None:
        """The register's record of the card `serial` (None when unknown), audited."""
        store = self._store
        with store.db.transaction() as s:
            self._authorise_purpose(s, by, purpose_code)
            row = s.scalar(select(Card).where(Card.serial == serial))
            info = card_info(row) if row is not None else None
            store.audit.append(
                s,
                action="card.lookup",
                outcome=Outcome.ALLOWED,
                operator_id=by.operator_id,
                purpose_code=purpose_code,
                resident_id=info.holder_id if info else None,
                detail={"serial": serial, "status": info.status.value if info else None},
            )
            return info

    def record_verification(
        self,
        by: OperatorSession,
        purpose_code: str,
        serial: str,
        *,
        valid: bool,
        failed: str,
        opened_with: str,
        face_compared_by: str = "not_compared",
        face_mismatches: str = "",
    ) -> None:
        """Record that a presented card was verified, under `purpose_code`, and its outcome.

        `failed` names the checks that failed or were unknown; `face_compared_by` says how the
        printed face was compared with the chip (scan, eye, not_compared) and `face_mismatches`
        names the printed fields that did not match. No card data or image is recorded.
        """
        store = self._store
        with store.db.transaction() as s:
            self._authorise_purpose(s, by, purpose_code)
            holder = s.scalar(select(Card.holder_id).where(Card.serial == serial))
            store.audit.append(
                s,
                action="card.verified",
                outcome=Outcome.OK if valid else Outcome.REFUSED,
                operator_id=by.operator_id,
                purpose_code=purpose_code,
                resident_id=holder,
                detail={
                    "serial": serial,
                    "valid": valid,
                    "failed": failed,
                    "opened_with": opened_with,
                    "face_compared_by": face_compared_by,
                    "face_mismatches": face_mismatches,
                },
            )

    def record_face_comparison(
        self,
        by: OperatorSession,
        purpose_code: str,
        serial: str,
        *,
        compared_by: str,
        matches: bool,
        mismatched: str,
    ) -> None:
        """Record how a verified card's printed face was compared with the chip, and the outcome.

        `compared_by` says how (`eye`: the clerk looked); `mismatched` names the fields that did
        not match. No card data is recorded, only the field names.
        """
        store = self._store
        with store.db.transaction() as s:
            self._authorise_purpose(s, by, purpose_code)
            holder = s.scalar(select(Card.holder_id).where(Card.serial == serial))
            store.audit.append(
                s,
                action=FACE_COMPARED,
                outcome=Outcome.OK if matches else Outcome.REFUSED,
                operator_id=by.operator_id,
                purpose_code=purpose_code,
                resident_id=holder,
                detail={
                    "serial": serial,
                    "compared_by": compared_by,
                    "matches": matches,
                    "mismatched": mismatched,
                },
            )

    def record_card_event(
        self,
        by: OperatorSession,
        purpose_code: str,
        serial: str,
        action: str,
        detail: dict[str, DetailValue] | None = None,
    ) -> CardInfo:
        """Record something done to a card's chip (`card.pin_reset`, `card.address_changed`...)."""
        store = self._store
        with store.db.transaction() as s:
            self._operators.authorise(s, by, *_CLERKS)
            self._authorise_purpose(s, by, purpose_code)
            row = s.scalar(select(Card).where(Card.serial == serial))
            if row is None:
                raise CardRecordError(f"no card {serial}")
            store.audit.append(
                s,
                action=action,
                outcome=Outcome.OK,
                operator_id=by.operator_id,
                purpose_code=purpose_code,
                resident_id=row.holder_id,
                detail={"serial": serial, **(detail or {})},
            )
            return card_info(row)

    def address_changes(self, serial: str) -> list[dt.date]:
        """The dates of the address changes recorded for a card, oldest first (no addresses)."""
        store = self._store
        with store.db.transaction(read_only=True) as s:
            holder = s.scalar(select(Card.holder_id).where(Card.serial == serial))
            if holder is None:
                return []
            rows = s.scalars(
                select(AuditEvent.detail)
                .where(AuditEvent.action == ADDRESS_CHANGED, AuditEvent.resident_id == holder)
                .order_by(AuditEvent.seq)
            )
            found: list[dt.date] = []
            for text in rows:
                detail = json.loads(text) if text else {}
                if detail.get("serial") == serial and detail.get("moved_on"):
                    found.append(dt.date.fromisoformat(str(detail["moved_on"])))
            return found

    def earlier_exemption(
        self, by: OperatorSession, purpose_code: str, resident_id: int
    ) -> RecordedExemption | None:
        """The licence-return proof recorded at the resident's latest free application, if
        any (audited: the proof number is identity-related data)."""
        store = self._store
        with store.db.transaction() as s:
            self._operators.authorise(s, by, *_CLERKS)
            self._authorise_purpose(s, by, purpose_code)
            row = s.execute(
                select(ApplicationFee)
                .join(CardApplication, ApplicationFee.application_id == CardApplication.id)
                .where(
                    CardApplication.resident_id == resident_id,
                    ApplicationFee.exemption_ground == ExemptionGround.LICENCE_RETURNED.value,
                )
                .order_by(CardApplication.received_at.desc(), CardApplication.id.desc())
                .limit(1)
            ).scalar_one_or_none()
            store.audit.append(
                s,
                action="exemption.earlier_proof",
                outcome=Outcome.ALLOWED,
                operator_id=by.operator_id,
                purpose_code=purpose_code,
                resident_id=resident_id,
                detail={"found": row is not None},
            )
            if row is None or row.checked_at is None:
                return None
            return RecordedExemption(
                ProofKind(row.proof_kind or ""), row.proof_number or "", row.checked_at.date()
            )

    def free_issuances(
        self, by: OperatorSession, start: dt.date, end: dt.date, purpose_code: str
    ) -> list[FreeIssuance]:
        """Cards issued without fee between `start` and `end` (inclusive), with their proof."""
        store = self._store
        with store.db.transaction() as s:
            self._operators.authorise(s, by, *_CLERKS)
            self._authorise_purpose(s, by, purpose_code)
            rows = s.execute(
                select(CardApplication, ApplicationFee, Card, Resident, Operator.login)
                .join(ApplicationFee, ApplicationFee.application_id == CardApplication.id)
                .join(Card, Card.id == CardApplication.card_id)
                .join(Resident, Resident.id == CardApplication.resident_id)
                .join(Operator, Operator.id == ApplicationFee.checked_by)
                .where(
                    ApplicationFee.exemption_ground.is_not(None),
                    Card.issued_on >= start,
                    Card.issued_on <= end,
                )
                .order_by(Card.issued_on, CardApplication.id)
            ).all()
            entries = [
                FreeIssuance(
                    application_id=application.id,
                    resident_id=resident.id,
                    family_name=resident.family_name,
                    given_name=resident.given_name,
                    birth_date=resident.birth_date,
                    serial=card.serial,
                    issued_on=card.issued_on,
                    ground=ExemptionGround(fee.exemption_ground or ""),
                    proof_kind=ProofKind(fee.proof_kind or ""),
                    proof_number=fee.proof_number or "",
                    checked_by=login,
                )
                for application, fee, card, resident, login in rows
            ]
            store.audit.append(
                s,
                action="report.free_issuance",
                outcome=Outcome.ALLOWED,
                operator_id=by.operator_id,
                purpose_code=purpose_code,
                detail={
                    "from": start.isoformat(),
                    "to": end.isoformat(),
                    "entries": len(entries),
                    "ids": ",".join(str(e.resident_id) for e in entries)[:512],
                },
            )
            return entries
