"""Card applications with their fees, issued cards and their status history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from counter_app.records.access import card_info
from counter_app.records.errors import CardRecordError, ResidentNotFoundError
from counter_app.records.models import (
    ApplicationFee,
    Card,
    CardApplication,
    CardStatusChange,
    Resident,
)
from counter_app.records.multipurpose import end_card_services
from counter_app.records.operators import OperatorAccounts, OperatorSession
from counter_app.records.store import Store
from counter_app.records.types import (
    ApplicationStatus,
    CardInfo,
    CardKind,
    CardStatus,
    ExemptionGround,
    Outcome,
    ProofKind,
    Role,
)

_CARD_TRANSITIONS: dict[CardStatus, frozenset[CardStatus]] = {
    CardStatus.ACTIVE: frozenset(
        {CardStatus.SUSPENDED, CardStatus.REVOKED, CardStatus.RETURNED, CardStatus.EXPIRED}
    ),
    CardStatus.SUSPENDED: frozenset({CardStatus.ACTIVE, CardStatus.REVOKED, CardStatus.RETURNED}),
    CardStatus.REVOKED: frozenset({CardStatus.RETURNED}),
    CardStatus.EXPIRED: frozenset({CardStatus.RETURNED}),
    CardStatus.RETURNED: frozenset(),
}

# A card that goes so takes its multipurpose services with it (re-issue carried them first).
_ENDS_SERVICES = (CardStatus.REVOKED, CardStatus.RETURNED, CardStatus.EXPIRED)


@dataclass(frozen=True)
class Fee:
    """The fee decision for an application: standard amount, or an exemption with its proof."""

    amount_yen: int
    exemption: ExemptionGround | None = None
    proof_kind: ProofKind | None = None
    proof_number: str | None = None

    @classmethod
    def standard(cls, amount_yen: int) -> Fee:
        """The ordinary fee."""
        return cls(amount_yen)

    @classmethod
    def exempt(cls, ground: ExemptionGround, proof_kind: ProofKind, proof_number: str) -> Fee:
        """No fee, for `ground`, shown by the document `proof_kind` number `proof_number`."""
        return cls(0, ground, proof_kind, proof_number)


class CardLedger:
    """Records applications, fees, issued cards and every change of a card's status."""

    def __init__(self, store: Store, operators: OperatorAccounts) -> None:
        self._db = store.db
        self._audit = store.audit
        self._operators = operators
        self._clock = store.clock
        self._store = store

    def receive_application(
        self, by: OperatorSession, resident_id: int, kind: CardKind, fee: Fee
    ) -> int:
        """Record a card application and its fee (an exemption records its proof and checker)."""
        if fee.exemption is not None and (not fee.proof_kind or not fee.proof_number):
            raise ValueError("an exemption needs the kind and number of its proof")
        with self._db.transaction() as s:
            self._operators.authorise(s, by, Role.ISSUING_CLERK, Role.SUPERVISOR)
            if s.get(Resident, resident_id) is None:
                raise ResidentNotFoundError(f"resident {resident_id}")
            now = self._clock()
            application = CardApplication(
                resident_id=resident_id,
                card_kind=kind.value,
                received_at=now,
                received_by=by.operator_id,
                status=ApplicationStatus.RECEIVED.value,
            )
            s.add(application)
            s.flush()
            exempt = fee.exemption is not None
            s.add(
                ApplicationFee(
                    application_id=application.id,
                    amount_yen=fee.amount_yen,
                    exemption_ground=fee.exemption.value if fee.exemption else None,
                    proof_kind=fee.proof_kind.value if fee.proof_kind else None,
                    proof_number=fee.proof_number,
                    checked_by=by.operator_id if exempt else None,
                    checked_at=now if exempt else None,
                )
            )
            self._audit.append(
                s,
                action="card.application_received",
                outcome=Outcome.OK,
                operator_id=by.operator_id,
                resident_id=resident_id,
                detail={
                    "application": application.id,
                    "kind": kind.value,
                    "fee": fee.amount_yen,
                    "exemption": fee.exemption.value if fee.exemption else None,
                    "proof": fee.proof_kind.value if fee.proof_kind else None,
                },
            )
            return application.id

    def record_issued(
        self,
        by: OperatorSession,
        application_id: int,
        *,
        serial: str,
        issued_on: dt.date,
        expires_on: dt.date,
        chip_key_fingerprint: str,
        issuer_key_id: str,
    ) -> CardInfo:
        """Record the card personalised for an application."""
        try:
            with self._db.transaction() as s:
                self._operators.authorise(s, by, Role.ISSUING_CLERK, Role.SUPERVISOR)
                application = s.get(CardApplication, application_id)
                if application is None or application.status != ApplicationStatus.RECEIVED:
                    raise CardRecordError(f"application {application_id} is not open")
                card = Card(
                    serial=serial,
                    holder_id=application.resident_id,
                    kind=application.card_kind,
                    status=CardStatus.ACTIVE.value,
                    issued_on=issued_on,
                    expires_on=expires_on,
                    chip_key_fingerprint=chip_key_fingerprint,
                    issuer_key_id=issuer_key_id,
                )
                s.add(card)
                s.flush()
                application.status = ApplicationStatus.ISSUED.value
                application.card_id = card.id
                s.add(self._status_row(card.id, CardStatus.ACTIVE, "issued", by))
                self._audit.append(
                    s,
                    action="card.issued",
                    outcome=Outcome.OK,
                    operator_id=by.operator_id,
                    resident_id=card.holder_id,
                    detail={"serial": serial, "application": application_id},
                )
                return card_info(card)
        except IntegrityError as exc:
            raise CardRecordError(f"card serial {serial} is already recorded") from exc

    def change_status(
        self, by: OperatorSession, serial: str, status: CardStatus, reason: str
    ) -> CardInfo:
        """Suspend, revoke, take back or expire a card (or lift a suspension)."""
        with self._db.transaction() as s:
            self._operators.authorise(s, by, Role.ISSUING_CLERK, Role.SUPERVISOR)
            card = s.scalar(select(Card).where(Card.serial == serial).with_for_update())
            if card is None:
                raise CardRecordError(f"no card {serial}")
            current = CardStatus(card.status)
            if status not in _CARD_TRANSITIONS[current]:
                raise CardRecordError(f"card {serial} cannot go from {current} to {status}")
            card.status = status.value
            s.add(self._status_row(card.id, status, reason, by))
            if status in _ENDS_SERVICES:
                end_card_services(s, self._store, card, status.value, by.operator_id)
            self._audit.append(
                s,
                action="card.status_changed",
                outcome=Outcome.OK,
                operator_id=by.operator_id,
                resident_id=card.holder_id,
                detail={"serial": serial, "from": current.value, "to": status.value},
            )
            return card_info(card)

    def history(self, serial: str) -> list[tuple[CardStatus, str, dt.datetime]]:
        """A card's status changes, oldest first (no identity data)."""
        with self._db.transaction(read_only=True) as s:
            rows = s.execute(
                select(
                    CardStatusChange.status, CardStatusChange.reason, CardStatusChange.changed_at
                )
                .join(Card, Card.id == CardStatusChange.card_id)
                .where(Card.serial == serial)
                .order_by(CardStatusChange.id)
            )
            return [(CardStatus(st), reason, at) for st, reason, at in rows]

    def _status_row(
        self, card_id: int, status: CardStatus, reason: str, by: OperatorSession
    ) -> CardStatusChange:
        return CardStatusChange(
            card_id=card_id,
            status=status.value,
            reason=reason,
            changed_at=self._clock(),
            operator_id=by.operator_id,
        )
