"""The register: one object per database that hands out the services workflows use."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter_app.records import _identity
from counter_app.records.access import PurposeAccess, card_info
from counter_app.records.audit import AuditTrail, ChainReport, Clock, utc_now, verify_chain
from counter_app.records.crypto import RecordCodeCipher, default_key_path, load_or_create_key
from counter_app.records.database import Database, describe_url, resolve_url
from counter_app.records.errors import (
    CardRecordError,
    DuplicateRecordCodeError,
    RecordCodeKeyError,
    ResidentNotFoundError,
    RoleRequiredError,
    UnknownPurposeError,
)
from counter_app.records.models import (
    ApplicationFee,
    Card,
    CardApplication,
    CardStatusChange,
    CaseParty,
    PurposeCase,
    RegisterMeta,
    Resident,
    ResidentStatusChange,
)
from counter_app.records.operators import OperatorAccounts, OperatorPolicy, OperatorSession
from counter_app.records.purposes import ensure_standard_purposes, list_purposes, load_purpose
from counter_app.records.schema import head_revision, migrate, require_current
from counter_app.records.search import address_key
from counter_app.records.types import (
    ApplicationStatus,
    CardInfo,
    CardKind,
    CardStatus,
    Category,
    ExemptionGround,
    NewResident,
    Outcome,
    ProofKind,
    PurposeInfo,
    ResidentStatus,
    Role,
)

log = logging.getLogger(__name__)
KEY_CHECK = "record_code_key_check"

_CARD_TRANSITIONS: dict[CardStatus, frozenset[CardStatus]] = {
    CardStatus.ACTIVE: frozenset(
        {CardStatus.SUSPENDED, CardStatus.REVOKED, CardStatus.RETURNED, CardStatus.EXPIRED}
    ),
    CardStatus.SUSPENDED: frozenset({CardStatus.ACTIVE, CardStatus.REVOKED, CardStatus.RETURNED}),
    CardStatus.REVOKED: frozenset({CardStatus.RETURNED}),
    CardStatus.EXPIRED: frozenset({CardStatus.RETURNED}),
    CardStatus.RETURNED: frozenset(),
}


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


class Register:
    """The resident register: operators, purposes, residents, cards, audit, identity access."""

    def __init__(
        self,
        db: Database,
        cipher: RecordCodeCipher,
        *,
        policy: OperatorPolicy | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self.db = db
        self.cipher = cipher
        self.clock = clock
        self.audit = AuditTrail(clock)
        self.operators = OperatorAccounts(db, self.audit, policy or OperatorPolicy(), clock)

    def __repr__(self) -> str:
        return f"<Register {self.description}>"

    @property
    def description(self) -> str:
        """Where the register is, for messages (never a password)."""
        return describe_url(self.db.url)

    @classmethod
    def open(
        cls,
        url: str | None = None,
        *,
        key_path: Path | None = None,
        policy: OperatorPolicy | None = None,
        clock: Clock = utc_now,
    ) -> Register:
        """Open an initialised register (see `initialise` for a new one)."""
        db = Database(resolve_url(url))
        require_current(db)
        key = load_or_create_key(key_path or default_key_path(), create=False)
        register = cls(db, RecordCodeCipher(key), policy=policy, clock=clock)
        register._check_key()
        return register

    @classmethod
    def initialise(
        cls,
        url: str | None = None,
        *,
        key_path: Path | None = None,
        policy: OperatorPolicy | None = None,
        clock: Clock = utc_now,
    ) -> Register:
        """Create or migrate the register, add the standard purposes, bind the record-code key."""
        db = Database(resolve_url(url))
        migrate(db)
        key = load_or_create_key(key_path or default_key_path(), create=True)
        register = cls(db, RecordCodeCipher(key), policy=policy, clock=clock)
        with db.transaction() as s:
            if s.get(RegisterMeta, KEY_CHECK) is None:
                s.add(RegisterMeta(key=KEY_CHECK, value=register.cipher.key_check()))
            added = ensure_standard_purposes(s)
            if added:
                register.audit.append(
                    s,
                    action="register.purposes_added",
                    outcome=Outcome.OK,
                    detail={"purposes": ",".join(added)},
                )
        register._check_key()
        return register

    def _check_key(self) -> None:
        with self.db.transaction(read_only=True) as s:
            meta = s.get(RegisterMeta, KEY_CHECK)
        if meta is not None and meta.value != self.cipher.key_check():
            raise RecordCodeKeyError("the record-code key does not belong to this register")

    def close(self) -> None:
        """Release the database connections."""
        self.db.dispose()

    @property
    def schema_revision(self) -> str:
        """The schema revision of this program (the register is at it once opened)."""
        return head_revision()

    # -- the one path to identity data ---------------------------------------------------------

    def access(self, operator: OperatorSession, purpose_code: str) -> PurposeAccess:
        """Identity data for `operator` under `purpose_code`: checked and audited per call."""
        return PurposeAccess(self, operator, purpose_code)

    # -- audit ---------------------------------------------------------------------------------

    def verify_audit_chain(self) -> ChainReport:
        """Walk the audit chain and report the first broken event, if any."""
        return verify_chain(self.db)

    # -- purposes and cases --------------------------------------------------------------------

    def purposes(self) -> list[PurposeInfo]:
        """The purposes operators may choose from."""
        with self.db.transaction(read_only=True) as s:
            return list_purposes(s)

    def open_case(self, by: OperatorSession, purpose_code: str, reference: str) -> int:
        """Open a case under a case-bound purpose (e.g. a rent-arrears file)."""
        with self.db.transaction() as s:
            self._authorise(s, by, Role.SUPERVISOR)
            load_purpose(s, purpose_code)
            case = PurposeCase(
                purpose_code=purpose_code, reference=reference, opened_at=self.clock()
            )
            s.add(case)
            s.flush()
            self.audit.append(
                s,
                action="case.opened",
                outcome=Outcome.OK,
                operator_id=by.operator_id,
                purpose_code=purpose_code,
                detail={"case": reference},
            )
            return case.id

    def add_case_party(
        self, by: OperatorSession, case_id: int, resident_id: int, category: Category
    ) -> None:
        """Record a resident's part in a case (tenant, guarantor...)."""
        with self.db.transaction() as s:
            self._authorise(s, by, Role.SUPERVISOR)
            case = s.get(PurposeCase, case_id)
            if case is None:
                raise UnknownPurposeError(f"no case {case_id}")
            if _identity.get(s, resident_id) is None:
                raise ResidentNotFoundError(f"resident {resident_id}")
            s.add(CaseParty(case_id=case_id, resident_id=resident_id, category=category.value))
            self.audit.append(
                s,
                action="case.party_added",
                outcome=Outcome.OK,
                operator_id=by.operator_id,
                purpose_code=case.purpose_code,
                resident_id=resident_id,
                detail={"case": case.reference, "category": category.value},
            )

    def close_case(self, by: OperatorSession, case_id: int) -> None:
        """Close a case: its parties are no longer covered by its purpose."""
        with self.db.transaction() as s:
            self._authorise(s, by, Role.SUPERVISOR)
            case = s.get(PurposeCase, case_id)
            if case is None:
                raise UnknownPurposeError(f"no case {case_id}")
            case.closed_at = self.clock()
            self.audit.append(
                s,
                action="case.closed",
                outcome=Outcome.OK,
                operator_id=by.operator_id,
                purpose_code=case.purpose_code,
                detail={"case": case.reference},
            )

    # -- residents (writes) --------------------------------------------------------------------

    def add_resident(self, by: OperatorSession, new: NewResident) -> int:
        """Enter a resident into the register; returns their id."""
        try:
            with self.db.transaction() as s:
                self._authorise(s, by, Role.SUPERVISOR)
                row = _identity.add(s, new, self.cipher, self.clock())
                self.audit.append(
                    s,
                    action="resident.registered",
                    outcome=Outcome.OK,
                    operator_id=by.operator_id,
                    resident_id=row.id,
                    detail={"record_code": new.record_code is not None},
                )
                return row.id
        except IntegrityError as exc:
            if "record_code_hmac" in str(exc.orig):
                raise DuplicateRecordCodeError("record code already registered") from None
            raise

    def change_status(
        self, by: OperatorSession, resident_id: int, status: ResidentStatus, effective_on: dt.date
    ) -> None:
        """Record that a resident moved out or died (or is resident again)."""
        with self.db.transaction() as s:
            self._authorise(s, by, Role.SUPERVISOR)
            row = _identity.get(s, resident_id)
            if row is None:
                raise ResidentNotFoundError(f"resident {resident_id}")
            row.status = status.value
            row.status_since = effective_on
            row.updated_at = self.clock()
            s.add(
                ResidentStatusChange(
                    resident_id=resident_id,
                    status=status.value,
                    effective_on=effective_on,
                    recorded_at=self.clock(),
                    operator_id=by.operator_id,
                )
            )
            self.audit.append(
                s,
                action="resident.status_changed",
                outcome=Outcome.OK,
                operator_id=by.operator_id,
                resident_id=resident_id,
                detail={"status": status.value, "effective_on": effective_on.isoformat()},
            )

    def change_address(
        self, by: OperatorSession, resident_id: int, address: str, postal_code: str | None
    ) -> None:
        """Record a move within the municipality (転居)."""
        with self.db.transaction() as s:
            self._authorise(s, by, Role.ISSUING_CLERK, Role.SUPERVISOR)
            row = _identity.get(s, resident_id)
            if row is None:
                raise ResidentNotFoundError(f"resident {resident_id}")
            row.address = address
            row.address_key = address_key(address)
            row.postal_code = postal_code
            row.updated_at = self.clock()
            self.audit.append(
                s,
                action="resident.address_changed",
                outcome=Outcome.OK,
                operator_id=by.operator_id,
                resident_id=resident_id,
            )

    def resident_count(self) -> int:
        """How many residents the register holds (no identity data)."""
        with self.db.transaction(read_only=True) as s:
            return s.scalar(select(func.count()).select_from(Resident)) or 0

    # -- applications, fees and cards ----------------------------------------------------------

    def receive_application(
        self, by: OperatorSession, resident_id: int, kind: CardKind, fee: Fee
    ) -> int:
        """Record a card application and its fee (an exemption records its proof and checker)."""
        if fee.exemption is not None and (not fee.proof_kind or not fee.proof_number):
            raise ValueError("an exemption needs the kind and number of its proof")
        with self.db.transaction() as s:
            self._authorise(s, by, Role.ISSUING_CLERK, Role.SUPERVISOR)
            if _identity.get(s, resident_id) is None:
                raise ResidentNotFoundError(f"resident {resident_id}")
            now = self.clock()
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
            self.audit.append(
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

    def record_issued_card(
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
            with self.db.transaction() as s:
                self._authorise(s, by, Role.ISSUING_CLERK, Role.SUPERVISOR)
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
                self.audit.append(
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

    def change_card_status(
        self, by: OperatorSession, serial: str, status: CardStatus, reason: str
    ) -> CardInfo:
        """Suspend, revoke, take back or expire a card (or lift a suspension)."""
        with self.db.transaction() as s:
            self._authorise(s, by, Role.ISSUING_CLERK, Role.SUPERVISOR)
            card = s.scalar(select(Card).where(Card.serial == serial).with_for_update())
            if card is None:
                raise CardRecordError(f"no card {serial}")
            current = CardStatus(card.status)
            if status not in _CARD_TRANSITIONS[current]:
                raise CardRecordError(f"card {serial} cannot go from {current} to {status}")
            card.status = status.value
            s.add(self._status_row(card.id, status, reason, by))
            self.audit.append(
                s,
                action="card.status_changed",
                outcome=Outcome.OK,
                operator_id=by.operator_id,
                resident_id=card.holder_id,
                detail={"serial": serial, "from": current.value, "to": status.value},
            )
            return card_info(card)

    def card_history(self, serial: str) -> list[tuple[CardStatus, str, dt.datetime]]:
        """A card's status changes, oldest first (no identity data)."""
        with self.db.transaction(read_only=True) as s:
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
            changed_at=self.clock(),
            operator_id=by.operator_id,
        )

    def _authorise(self, s: Session, by: OperatorSession, *roles: Role) -> None:
        by.require_role(*roles)
        if not self.operators.confirm(s, by).intersection(roles):
            raise RoleRequiredError(f"operator {by.operator_id} lacks {'/'.join(roles)}")


def check_audit_chain(url: str | None = None) -> tuple[str, ChainReport]:
    """Verify the audit chain of the register at `url`; needs no key. Returns (where, report)."""
    db = Database(resolve_url(url))
    try:
        require_current(db)
        return describe_url(db.url), verify_chain(db)
    finally:
        db.dispose()
