"""What the kiosk window's worker thread owns: the reader, the register and the kiosk session.

Everything here runs on that one thread (the register's session and the card are never shared);
the window only sends it jobs and gets value copies back. A session is either a certificate
session or a facility reservation session, never both; the PIN is never sent on the card's last
try unless the resident confirmed it (`LastTryError` otherwise).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from counter_app.card.connection import CardConnection
from counter_app.card.errors import LastTryError
from counter_app.card.pins import pin_tries_left
from counter_app.card.protocol import ApduTransport
from counter_app.card.readers import ReaderBackend
from counter_app.config import Configuration
from counter_app.printing.cups import PrinterError
from counter_app.records import Register
from counter_app.workflows.certificate_kiosk import (
    CERTIFICATE_SERVICE,
    CupsKioskPrinter,
    Issued,
    KioskPrinter,
    KioskSession,
    KioskSetup,
    Scope,
    open_session,
)
from counter_app.workflows.errors import KioskSessionEndedError
from counter_app.workflows.municipality import required_certifier
from ui.kiosk_facility_desk import FacilityOpened, FacilitySession

TRAINING_KIOSK_ID = "training-kiosk"


@dataclass(frozen=True)
class NoKioskPrinter:
    """No print queue configured: the training kiosk keeps nothing (no file, no job); a
    configured kiosk refuses to print."""

    training: bool

    def print_pdf(self, pdf: bytes, title: str, copies: int) -> str:
        if not self.training:
            raise PrinterError("no print queue is configured for this kiosk")
        return ""  # the bytes are dropped: nothing of the resident is kept anywhere


def kiosk_printer(config: Configuration) -> KioskPrinter:
    """The configured CUPS queue, or none (training: print nothing, keep nothing)."""
    if config.kiosk_printer:
        return CupsKioskPrinter(config.kiosk_printer)
    return NoKioskPrinter(training=not config.is_kiosk)


@dataclass(frozen=True)
class DeskInfo:
    """What the window hears once the desk is open."""

    kiosk_id: str
    fee_per_copy_yen: int
    idle_seconds: float
    prints: bool  # False: a training kiosk without a printer (the screen says so)


@dataclass(frozen=True)
class Opened:
    """A session opened: whom the screen greets."""

    name: str


class KioskDesk:
    """The worker thread's resource: one reader back end, the register, at most one session."""

    def __init__(self, backend: ReaderBackend, setup: KioskSetup, reader: str | None) -> None:
        self.backend = backend
        self.setup = setup
        self.reader = reader
        self._session: KioskSession | None = None
        self._facility: FacilitySession | None = None

    @property
    def info(self) -> DeskInfo:
        printer = self.setup.printer
        return DeskInfo(
            self.setup.kiosk_id,
            self.setup.fee_per_copy_yen,
            self.setup.idle_seconds,
            not isinstance(printer, NoKioskPrinter),
        )

    def card_reader(self) -> str | None:
        """The reader holding a card (the configured one only), or None."""
        for info in self.backend.readers():
            if info.card_present and self.reader in (None, info.name):
                return info.name
        return None

    def pin_tries(self, reader: str) -> int | None:
        """The PIN's tries left on the card in `reader`, using none (None: the card did not say)."""
        connection = self.backend.connect(reader)
        try:
            return pin_tries_left(ApduTransport(connection))
        finally:
            connection.close()

    def _connect(self, reader: str, confirm_last_try: bool) -> CardConnection:
        """The card in `reader`, after the last-try guard: on the last try, only when confirmed."""
        self.end()
        connection = self.backend.connect(reader)
        if not confirm_last_try:
            try:
                if pin_tries_left(ApduTransport(connection)) == 1:
                    raise LastTryError(1)
            except BaseException:
                connection.close()
                raise
        return connection

    def open(self, reader: str, pin: str, *, confirm_last_try: bool = False) -> Opened:
        """The resident's PIN on the card in `reader`: a certificate session for that resident."""
        connection = self._connect(reader, confirm_last_try)
        try:
            self._session = open_session(self.setup, ApduTransport(connection), pin)
        finally:
            connection.close()
        return Opened(self._session.resident_name)

    def open_facility(
        self, reader: str, pin: str, *, confirm_last_try: bool = False
    ) -> FacilityOpened:
        """The resident's PIN opens the card's facility service: a reservation session."""
        connection = self._connect(reader, confirm_last_try)
        try:
            transport = ApduTransport(connection)
            register, kiosk_id = self.setup.register, self.setup.kiosk_id
            self._facility = FacilitySession.open(register, kiosk_id, transport, pin)
        finally:
            connection.close()
        return self._facility.opened()

    def facility(self) -> FacilitySession:
        """The open reservation session; KioskSessionEndedError after it ended."""
        if self._facility is None:
            raise KioskSessionEndedError("no reservation session")
        return self._facility

    def issue(self, scope: Scope, copies: int) -> Issued:
        session = self._session
        self._session = None
        if session is None:
            raise KioskSessionEndedError("no kiosk session")
        return session.issue(scope, copies)

    @property
    def has_session(self) -> bool:
        """True while a resident's session is open (for tests and the window's checks)."""
        return self._facility is not None or (self._session is not None and self._session.active)

    def end(self) -> None:
        if self._session is not None:
            self._session.end()
        self._session = None
        self._facility = None

    def close(self) -> None:
        self.end()
        try:
            self.backend.close()
        finally:
            self.setup.register.close()


def open_desk(
    config: Configuration,
    backend_factory: Callable[[], ReaderBackend],
    printer: KioskPrinter | None = None,
) -> KioskDesk:
    """Open the register and the reader on the worker thread; training keys when nothing is
    configured (the training register, the in-process reader, the kiosk `training-kiosk`).
    Residents' cards are checked against the configured trust store."""
    from counter_app import training
    from counter_app.trust_store import load_trust_store
    from counter_app.workflows.key_source import seal_signer_for

    register: Register = training.open_register(config)
    try:
        certifier = required_certifier(config)  # the configured mayor, or training's demo city
        setup = KioskSetup(
            register=register,
            kiosk_id=config.kiosk_id or TRAINING_KIOSK_ID,
            seal_signer=seal_signer_for(config),
            trust=load_trust_store(config.trust_store).cards,
            printer=printer if printer is not None else kiosk_printer(config),
            municipality=certifier.municipality,
            mayor_name=certifier.mayor_name,
            card_service=CERTIFICATE_SERVICE,  # by ordinance: only cards that carry the service
        )
        backend = backend_factory()
    except BaseException:
        register.close()
        raise
    return KioskDesk(backend, setup, config.reader)
