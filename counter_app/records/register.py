"""The register: one object per database that hands out the services workflows use."""

from __future__ import annotations

import logging
from pathlib import Path

from counter_app.records.access import PurposeAccess, search_plan
from counter_app.records.audit import AuditRecord, ChainReport, Clock, utc_now, verify_chain
from counter_app.records.audit_search import AuditSearch
from counter_app.records.card_printouts import CardPrintouts
from counter_app.records.cards import CardLedger
from counter_app.records.cases import CaseBook
from counter_app.records.crypto import RecordCodeCipher, load_or_create_key
from counter_app.records.csv_import import ImportReport, import_csv
from counter_app.records.database import Database, describe_url, resolve_url
from counter_app.records.errors import RecordCodeKeyError
from counter_app.records.health import KEY_CHECK, RegisterHealth
from counter_app.records.issuance_records import CardServiceRecords
from counter_app.records.key_ceremonies import KeyCeremonyLog
from counter_app.records.kiosk_certificates import KioskCertificates
from counter_app.records.models import RegisterMeta
from counter_app.records.multipurpose import MultipurposeServices
from counter_app.records.operator_desk import OperatorDesk
from counter_app.records.operators import OperatorAccounts, OperatorPolicy, OperatorSession
from counter_app.records.purpose_book import PurposeBook
from counter_app.records.purposes import ensure_standard_purposes
from counter_app.records.reservations import FacilityReservations
from counter_app.records.residents import ResidentRegistry
from counter_app.records.schema import (
    character_type_warning,
    head_revision,
    migrate,
    require_current,
)
from counter_app.records.seed import SeedReport, seed_demo
from counter_app.records.statistics import RegisterStatistics
from counter_app.records.store import Store
from counter_app.records.types import Outcome, PurposeInfo

log = logging.getLogger(__name__)


class Register:
    """The resident register of one database and the services workflows use.

    `operators` (login, duty), `operator_desk` (the supervisor's work on accounts), `residents`
    (writes), `cases` (who a purpose covers), `cards`
    (applications, fees, cards), `service_records` (what the counter did), `reservations`
    (facility bookings), `services` (multipurpose catalogue and services on cards),
    `kiosk_certificates` (the certificate kiosk's card → resident and its issuances),
    `purpose_book` (the supervisor's purposes: list, add, retire), `audit` (the chain),
    `audit_search` (supervisors' search and export), `statistics` (figures for the council),
    `health` (the self-check's questions), `key_ceremonies` (the audit of key ceremonies);
    identity data only through `access()`.
    """

    # The store is private on purpose: a session from its database could read residents
    # without a purpose. The services of this package get it; nothing outside does.

    def __init__(self, store: Store, *, policy: OperatorPolicy | None = None) -> None:
        self._store = store
        self.clock = store.clock
        self.audit = store.audit
        self.operators = OperatorAccounts(store, policy or OperatorPolicy())
        self.operator_desk = OperatorDesk(store, self.operators, policy or OperatorPolicy())
        self.residents = ResidentRegistry(store, self.operators)
        self.cases = CaseBook(store, self.operators)
        self.cards = CardLedger(store, self.operators)
        self.service_records = CardServiceRecords(store, self.operators)
        self.printouts = CardPrintouts(store, self.operators)
        self.reservations = FacilityReservations(store, self.operators)
        self.services = MultipurposeServices(store, self.operators)
        self.kiosk_certificates = KioskCertificates(store)
        self.purpose_book = PurposeBook(store, self.operators)
        self.audit_search = AuditSearch(store, self.operators)
        self.statistics = RegisterStatistics(store, self.operators)
        self.health = RegisterHealth(store, self.operators)
        self.key_ceremonies = KeyCeremonyLog(store, self.operators)

    def __repr__(self) -> str:
        return f"<Register {self.description}>"

    @property
    def description(self) -> str:
        """Where the register is, for messages (never a password)."""
        return describe_url(self._store.db.url)

    @classmethod
    def open(
        cls,
        url: str,
        *,
        key_path: Path,
        policy: OperatorPolicy | None = None,
        clock: Clock = utc_now,
        cipher: RecordCodeCipher | None = None,
    ) -> Register:
        """Open an initialised register (see `initialise` for a new one); `cipher` is the
        record-code key's when a security module holds it, else the key file at `key_path`."""
        db = Database(resolve_url(url))
        require_current(db)
        if cipher is None:
            cipher = RecordCodeCipher(load_or_create_key(key_path, create=False))
        register = cls(Store.create(db, cipher, clock), policy=policy)
        register._check_key()
        return register

    @classmethod
    def initialise(
        cls,
        url: str,
        *,
        key_path: Path,
        policy: OperatorPolicy | None = None,
        clock: Clock = utc_now,
    ) -> Register:
        """Create or migrate the register, add the standard purposes, bind the record-code key."""
        db = Database(resolve_url(url))
        migrate(db)
        warning = character_type_warning(db)
        if warning is not None:
            log.warning("%s", warning)
        key = load_or_create_key(key_path, create=True)
        register = cls(Store.create(db, RecordCodeCipher(key), clock), policy=policy)
        with db.transaction() as s:
            if s.get(RegisterMeta, KEY_CHECK) is None:
                s.add(RegisterMeta(key=KEY_CHECK, value=register._store.cipher.key_check()))
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
        with self._store.db.transaction(read_only=True) as s:
            meta = s.get(RegisterMeta, KEY_CHECK)
        if meta is not None and meta.value != self._store.cipher.key_check():
            raise RecordCodeKeyError("the record-code key does not belong to this register")

    def close(self) -> None:
        """Release the database connections."""
        self._store.db.dispose()

    @property
    def schema_revision(self) -> str:
        """The schema revision of this program (the register is at it once opened)."""
        return head_revision()

    # -- the one path to identity data ---------------------------------------------------------

    def access(self, operator: OperatorSession, purpose_code: str) -> PurposeAccess:
        """Identity data for `operator` under `purpose_code`: checked and audited per call."""
        return PurposeAccess(self._store, self.operators, operator, purpose_code)

    def search_plan(self, purpose_code: str, query: str) -> list[str]:
        """The database's plan of a search under `purpose_code` (no identity data is read)."""
        return search_plan(self._store, purpose_code, query)

    # -- bulk loads -----------------------------------------------------------------------------

    def import_csv(self, path: Path) -> ImportReport:
        """Add every resident of the CSV file at `path` in one transaction, or none of them."""
        return import_csv(self._store, path)

    def seed_demo(self, residents: int, *, seed: int | None = None) -> SeedReport:
        """Demo operators of each role, then `residents` demo residents (a demo register)."""
        return seed_demo(self._store, self.operators, residents, seed=seed)

    # -- audit ---------------------------------------------------------------------------------

    def audit_events(self, limit: int = 50) -> list[AuditRecord]:
        """The newest audit events, newest first (for supervisors' review and tests)."""
        return self.audit.recent(self._store.db, limit)

    def verify_audit_chain(self) -> ChainReport:
        """Walk the audit chain and report the first broken event, if any."""
        return verify_chain(self._store.db)

    # -- purposes -----------------------------------------------------------------------------

    def purposes(self) -> list[PurposeInfo]:
        """The purposes operators may choose from: those in force today."""
        return self.purpose_book.in_force()


def check_audit_chain(url: str) -> tuple[str, ChainReport]:
    """Verify the audit chain of the register at `url`; needs no key. Returns (where, report)."""
    db = Database(resolve_url(url))
    try:
        require_current(db)
        return describe_url(db.url), verify_chain(db)
    finally:
        db.dispose()
