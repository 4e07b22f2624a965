"""The register: one object per database that hands out the services workflows use."""

from __future__ import annotations

import logging
from pathlib import Path

from counter_app.records.access import PurposeAccess
from counter_app.records.audit import (
    AuditRecord,
    AuditTrail,
    ChainReport,
    Clock,
    utc_now,
    verify_chain,
)
from counter_app.records.cards import CardLedger
from counter_app.records.cases import CaseBook
from counter_app.records.crypto import RecordCodeCipher, default_key_path, load_or_create_key
from counter_app.records.database import Database, describe_url, resolve_url
from counter_app.records.errors import RecordCodeKeyError
from counter_app.records.models import RegisterMeta
from counter_app.records.operators import OperatorAccounts, OperatorPolicy, OperatorSession
from counter_app.records.purposes import ensure_standard_purposes, list_purposes
from counter_app.records.residents import ResidentRegistry
from counter_app.records.schema import (
    character_type_warning,
    head_revision,
    migrate,
    require_current,
)
from counter_app.records.types import Outcome, PurposeInfo

log = logging.getLogger(__name__)
KEY_CHECK = "record_code_key_check"


class Register:
    """The resident register of one database and the services workflows use.

    `operators` (login, duty), `residents` (writes), `cases` (who a purpose covers), `cards`
    (applications, fees, cards), `audit` (the chain); identity data only through `access()`.
    """

    # `_db` and `_cipher` are private on purpose: a session from `_db` could read residents
    # without a purpose. Only PurposeAccess (same package) uses them.

    def __init__(
        self,
        db: Database,
        cipher: RecordCodeCipher,
        *,
        policy: OperatorPolicy | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self._db = db
        self._cipher = cipher
        self.clock = clock
        self.audit = AuditTrail(clock)
        self.operators = OperatorAccounts(db, self.audit, policy or OperatorPolicy(), clock)
        self.residents = ResidentRegistry(db, self.audit, self.operators, cipher, clock)
        self.cases = CaseBook(db, self.audit, self.operators, clock)
        self.cards = CardLedger(db, self.audit, self.operators, clock)

    def __repr__(self) -> str:
        return f"<Register {self.description}>"

    @property
    def description(self) -> str:
        """Where the register is, for messages (never a password)."""
        return describe_url(self._db.url)

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
        warning = character_type_warning(db)
        if warning is not None:
            log.warning("%s", warning)
        key = load_or_create_key(key_path or default_key_path(), create=True)
        register = cls(db, RecordCodeCipher(key), policy=policy, clock=clock)
        with db.transaction() as s:
            if s.get(RegisterMeta, KEY_CHECK) is None:
                s.add(RegisterMeta(key=KEY_CHECK, value=register._cipher.key_check()))
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
        with self._db.transaction(read_only=True) as s:
            meta = s.get(RegisterMeta, KEY_CHECK)
        if meta is not None and meta.value != self._cipher.key_check():
            raise RecordCodeKeyError("the record-code key does not belong to this register")

    def close(self) -> None:
        """Release the database connections."""
        self._db.dispose()

    @property
    def schema_revision(self) -> str:
        """The schema revision of this program (the register is at it once opened)."""
        return head_revision()

    # -- the one path to identity data ---------------------------------------------------------

    def access(self, operator: OperatorSession, purpose_code: str) -> PurposeAccess:
        """Identity data for `operator` under `purpose_code`: checked and audited per call."""
        return PurposeAccess(self, operator, purpose_code)

    # -- audit ---------------------------------------------------------------------------------

    def audit_events(self, limit: int = 50) -> list[AuditRecord]:
        """The newest audit events, newest first (for supervisors' review and tests)."""
        return self.audit.recent(self._db, limit)

    def verify_audit_chain(self) -> ChainReport:
        """Walk the audit chain and report the first broken event, if any."""
        return verify_chain(self._db)

    # -- purposes -----------------------------------------------------------------------------

    def purposes(self) -> list[PurposeInfo]:
        """The purposes operators may choose from."""
        with self._db.transaction(read_only=True) as s:
            return list_purposes(s)


def check_audit_chain(url: str | None = None) -> tuple[str, ChainReport]:
    """Verify the audit chain of the register at `url`; needs no key. Returns (where, report)."""
    db = Database(resolve_url(url))
    try:
        require_current(db)
        return describe_url(db.url), verify_chain(db)
    finally:
        db.dispose()
