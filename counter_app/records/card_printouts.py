"""A card's printouts: the sealed data they are rebuilt from, reprints and print outcomes.

The register keeps, per issued card, what its face, its handover receipt and its address lines
are printed from (the security code and the photo are nowhere else), sealed under the register's
key. A reprint opens it only with a reason, which the audit trail keeps; whether a printout was
printed or not (cancelled, failed) is an audit event too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.records.errors import CardRecordError, RoleRequiredError
from counter_app.records.models import Card, CardPrintData
from counter_app.records.operators import OperatorAccounts, OperatorSession
from counter_app.records.purposes import load_purpose
from counter_app.records.store import Store
from counter_app.records.types import Outcome, Role

PRINTOUT: Final = "card.printout"
REPRINT: Final = "card.reprint"
REASON_MAX: Final = 200
_CLERKS: Final = (Role.ISSUING_CLERK, Role.SUPERVISOR)


def _label(card_id: int) -> str:
    return f"card:{card_id}"


class CardPrintouts:
    """The sealed print data of cards, reprints with their reason, print outcomes."""

    def __init__(self, store: Store, operators: OperatorAccounts) -> None:
        self._store = store
        self._operators = operators

    def keep(self, by: OperatorSession, serial: str, data: bytes) -> None:
        """Keep (or replace) what the card's printouts are rebuilt from."""
        store = self._store
        with store.db.transaction() as s:
            self._operators.authorise(s, by, *_CLERKS)
            card_id = s.scalar(select(Card.id).where(Card.serial == serial))
            if card_id is None:
                raise CardRecordError(f"no card {serial}")
            sealed = store.cipher.seal_data(data, _label(card_id))
            row = s.get(CardPrintData, card_id)
            if row is None:
                s.add(CardPrintData(card_id=card_id, sealed=sealed, updated_at=store.clock()))
            else:
                row.sealed, row.updated_at = sealed, store.clock()

    def update(self, by: OperatorSession, serial: str, change: Callable[[bytes], bytes]) -> bool:
        """Replace the card's print data by `change(data)` (after an address change); False when
        the register keeps none for this card."""
        store = self._store
        with store.db.transaction() as s:
            self._operators.authorise(s, by, *_CLERKS)
            card_id = s.scalar(select(Card.id).where(Card.serial == serial))
            row = s.get(CardPrintData, card_id) if card_id is not None else None
            if card_id is None or row is None:
                return False
            data = change(store.cipher.open_data(row.sealed, _label(card_id)))
            row.sealed = store.cipher.seal_data(data, _label(card_id))
            row.updated_at = store.clock()
            return True

    def open_for_reprint(
        self, by: OperatorSession, purpose_code: str, serial: str, what: str, reason: str
    ) -> bytes | None:
        """The card's print data for a reprint of `what`, recorded with the reason.

        None when the register keeps none for this card (issued before it kept print data).
        """
        reason = reason.strip()
        if not reason:
            raise CardRecordError("a reprint needs a reason")
        store = self._store
        with store.db.transaction() as s:
            self._operators.authorise(s, by, *_CLERKS)
            self._authorise_purpose(s, by, purpose_code)
            card = s.scalar(select(Card).where(Card.serial == serial))
            if card is None:
                raise CardRecordError(f"no card {serial}")
            row = s.get(CardPrintData, card.id)
            store.audit.append(
                s,
                action=REPRINT,
                outcome=Outcome.OK if row is not None else Outcome.FAILED,
                operator_id=by.operator_id,
                purpose_code=purpose_code,
                resident_id=card.holder_id,
                detail={"serial": serial, "what": what, "reason": reason[:REASON_MAX]},
            )
            if row is None:
                return None
            return store.cipher.open_data(row.sealed, _label(card.id))

    def record_printout(
        self,
        by: OperatorSession,
        purpose_code: str,
        serial: str,
        what: str,
        *,
        printed: bool,
        how: str,
    ) -> None:
        """Record whether a printout of the card was printed (`how`: printer, pdf, cancelled,
        failed); no printed content is recorded."""
        store = self._store
        with store.db.transaction() as s:
            self._operators.authorise(s, by, *_CLERKS)
            self._authorise_purpose(s, by, purpose_code)
            holder = s.scalar(select(Card.holder_id).where(Card.serial == serial))
            if holder is None:
                raise CardRecordError(f"no card {serial}")
            store.audit.append(
                s,
                action=PRINTOUT,
                outcome=Outcome.OK if printed else Outcome.FAILED,
                operator_id=by.operator_id,
                purpose_code=purpose_code,
                resident_id=holder,
                detail={"serial": serial, "what": what, "printed": printed, "how": how},
            )

    def _authorise_purpose(self, s: Session, by: OperatorSession, purpose_code: str) -> None:
        by.touch()
        roles = self._operators.confirm(s, by)
        if not roles & load_purpose(s, purpose_code).roles:
            raise RoleRequiredError(f"operator {by.operator_id} may not work under {purpose_code}")
