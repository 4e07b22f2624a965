"""The services on a card from install to removal, through pcscd + vpcd, at the desks that use them.

A resident's card issued behind pcscd gets the library, facility reservation and certificate
kiosk services (consent recorded, written under the issuer secure channel, the library member
number personalised). Each is used where residents use it: the library desk (patron look-up and
a loan over SIP2 against the training library on a real socket), the reservation kiosk (a
facility booked with the card and PIN) and the certificate kiosk (a copy of the resident record
printed from memory). The card is reported lost and re-issued: the new card carries the services
and is used at each place again (the loan and the booking still the resident's), while the old
card is refused everywhere. Then each service is removed from the new card and its use refused.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from counter_app.card.connection import CardConnection
from counter_app.card.issuer_keys import IssuerMaterial
from counter_app.card.pcsc import PcscBackend
from counter_app.card.protocol import ApduTransport
from counter_app.card.scp03 import diversify_keys
from counter_app.card_service.pcscd_service import InsertedCard
from counter_app.library.client import LibraryClient
from counter_app.library.training_server import TrainingServer
from counter_app.printing.card_face import DEMO_MUNICIPALITY
from counter_app.records import STANDARD_SERVICES, OperatorSession, Register, Role
from counter_app.records.errors import CardNotInUseError, ServiceError, ServiceNotOnCardError
from counter_app.records.reservations import LOCAL_TIME, TRAINING_FACILITIES
from counter_app.virtual_card.card import VirtualCard
from counter_app.virtual_card.vpcd import CardLike
from counter_app.workflows import CounterContext
from counter_app.workflows.card_services import CONSENT_TEXT_VERSION, ServiceDesk
from counter_app.workflows.card_status import suspend_card
from counter_app.workflows.certificate_kiosk import (
    CERTIFICATE_SERVICE,
    KioskSetup,
    Scope,
    open_session,
)
from counter_app.workflows.common import IdentityDocument
from counter_app.workflows.facility_reservation import ReservationDesk
from counter_app.workflows.issuance import IssuanceRequest, IssuanceWorkflow
from counter_app.workflows.library_desk import DeskSession, LibraryDesk, open_desk
from counter_app.workflows.reissue import ReissueRequest, ReissueWorkflow
from tests.support.card_fixtures import issuer  # noqa: F401  (fixture)
from tests.support.counter_context import counter_context
from tests.support.records_fixtures import (  # noqa: F401  (fixtures)
    make_operator,
    records_key_path,
    records_sqlite_template,
    register,
    resident,
    supervisor,
)

PIN = "5831"
MEMBER = "20000001"  # a patron of the training library
BOOK = "1000000001"
DOCS = (IdentityDocument.PASSPORT,)
SERVICES = ("library", "facility", CERTIFICATE_SERVICE)


@pytest.fixture
def records_url(tmp_path: Path, records_sqlite_template: Path) -> str:  # noqa: F811
    """SQLite: the card work through pcscd dominates; the records tests cover PostgreSQL."""
    path = tmp_path / "register.sqlite3"
    shutil.copyfile(records_sqlite_template, path)
    return f"sqlite:///{path}"


@dataclass
class MemoryPrinter:
    """The kiosk's print queue as bytes in memory: what each job carried."""

    jobs: list[bytes] = field(default_factory=list)

    def print_pdf(self, pdf: bytes, title: str, copies: int) -> str:
        self.jobs.append(pdf)
        return f"kiosk-job-{len(self.jobs)}"


@dataclass
class Places:
    """Where the resident uses the services, all against one register."""

    register: Register
    clerk: CounterContext
    admin: CounterContext
    librarian: CounterContext
    library: LibraryClient
    kiosk: KioskSetup
    printer: MemoryPrinter

    def borrow(self, card: Callable[[], CardConnection]) -> tuple[str, ...]:
        """At the library desk: the PIN, the patron, a loan of BOOK; the loans after it."""
        session = open_desk(self.librarian, card, self.library, PIN)
        assert session.patron is not None and session.member_number == MEMBER
        if BOOK not in on_loan(session):
            session.lend(self.library, BOOK)
        return on_loan(session)

    def reserve(self, card: Callable[[], CardConnection], starts: dt.datetime) -> list[dt.datetime]:
        """At the reservation kiosk: the court booked with the card and PIN; the bookings."""
        desk = ReservationDesk.at_kiosk_with_card(
            self.register, "kiosk-体育館-1", transport_of(card), PIN
        )
        court = next(f for f in desk.facilities() if f.name == "市民体育館 第1コート")
        desk.reserve(court.id, starts)
        return [r.starts_at.replace(tzinfo=None) for r in desk.reservations()]

    def certificate(self, card: Callable[[], CardConnection]) -> bytes:
        """At the certificate kiosk: a copy of the resident record, printed from memory."""
        session = open_session(self.kiosk, transport_of(card), PIN)
        session.issue(Scope.SELF, 1)
        return self.printer.jobs[-1]

    def refused(self, card: Callable[[], CardConnection]) -> list[type[Exception]]:
        """What each place says to this card: the error type of each refusal, in order."""
        attempts: tuple[Callable[[], object], ...] = (
            lambda: LibraryDesk(self.librarian, card).check_card(),
            lambda: ReservationDesk.at_kiosk_with_card(
                self.register, "kiosk-体育館-1", transport_of(card), PIN
            ),
            lambda: open_session(self.kiosk, transport_of(card), PIN),
        )
        refusals: list[type[Exception]] = []
        for attempt in attempts:
            with pytest.raises(ServiceError) as refusal:
                attempt()
            refusals.append(type(refusal.value))
        return refusals


def on_loan(session: DeskSession) -> tuple[str, ...]:
    return tuple(item.barcode for item in session.loans)


def transport_of(card: Callable[[], CardConnection]) -> ApduTransport:
    return ApduTransport(card())


@pytest.fixture
def places(
    register: Register,  # noqa: F811
    supervisor: OperatorSession,  # noqa: F811
    make_operator: Callable[..., OperatorSession],  # noqa: F811
    issuer: IssuerMaterial,  # noqa: F811
    tmp_path: Path,
) -> Iterator[Places]:
    for new in STANDARD_SERVICES:
        register.services.add_service_type(supervisor, new)
        register.services.set_enabled(supervisor, new.code, True)
    for facility in TRAINING_FACILITIES:
        register.reservations.add_facility(supervisor, facility)

    def ctx(login: str, role: Role) -> CounterContext:
        return counter_context(register, make_operator(login, role), issuer, tmp_path)

    clerk = ctx("clerk", Role.ISSUING_CLERK)
    printer = MemoryPrinter()
    kiosk = KioskSetup(
        register=register, kiosk_id="kiosk-本庁-1", seal_signer=clerk.seal_signer,
        trust=issuer.trust, printer=printer, municipality=DEMO_MUNICIPALITY,
        mayor_name="見本\u3000太郎", card_service=CERTIFICATE_SERVICE,
    )  # fmt: skip
    with TrainingServer() as server, LibraryClient(server.settings(read_timeout=2.0)) as library:
        yield Places(
            register=register,
            clerk=clerk,
            admin=ctx("applet", Role.APPLET_ADMIN),
            librarian=ctx("librarian", Role.LIBRARY_STAFF),
            library=library,
            kiosk=kiosk,
            printer=printer,
        )


def blank_card(issuer: IssuerMaterial, path: Path) -> VirtualCard:  # noqa: F811
    serial = os.urandom(8)
    return VirtualCard.manufacture(path, diversify_keys(issuer.channel_master_key, serial), serial)


def next_wednesday_at(hour: int) -> dt.datetime:
    day = dt.datetime.now(LOCAL_TIME).date() + dt.timedelta(days=7)
    day += dt.timedelta(days=(2 - day.weekday()) % 7)  # the court is open 09:00-21:00
    return dt.datetime.combine(day, dt.time(hour))


@pytest.mark.pcscd
def test_services_installed_used_carried_over_on_reissue_and_removed_through_pcscd(
    places: Places,
    insert_card: Callable[[CardLike], InsertedCard],
    issuer: IssuerMaterial,  # noqa: F811
    supervisor: OperatorSession,  # noqa: F811
    tmp_path: Path,
) -> None:
    holder = places.register.residents.add(supervisor, resident())
    old_slot = insert_card(blank_card(issuer, tmp_path / "old.json"))
    backend = PcscBackend(only=old_slot.reader)

    def card() -> CardConnection:
        return backend.connect(old_slot.reader)

    try:
        IssuanceWorkflow(places.clerk, IssuanceRequest(holder, DOCS, PIN), card).run()

        # Installed with the resident's consent, the library member number personalised.
        admin = ServiceDesk(places.admin, card)
        admin.install("library", consent_version=CONSENT_TEXT_VERSION)
        admin.personalise("library", MEMBER)
        admin.install("facility", consent_version=CONSENT_TEXT_VERSION, member_number="F-0001")
        admin.install(CERTIFICATE_SERVICE, consent_version=CONSENT_TEXT_VERSION)
        listed = admin.on_card()
        assert [(s.code, s.state) for s in listed.services] == [
            (code, "installed") for code in SERVICES
        ]
        old_serial = listed.serial

        # Used where residents use them.
        ten, eleven = next_wednesday_at(10), next_wednesday_at(11)
        assert places.borrow(card) == (BOOK,)
        assert places.reserve(card, ten) == [ten]
        first = places.certificate(card)
        assert first.startswith(b"%PDF")

        # Reported lost and re-issued: the new card carries the services over.
        suspend_card(places.clerk, holder)
        old_slot.remove()
        new_slot = insert_card(blank_card(issuer, tmp_path / "new.json"))
        request = ReissueRequest(IssuanceRequest(holder, DOCS, PIN), reason="lost")
        reissued = ReissueWorkflow(places.clerk, request, card).run()
        assert reissued.serial != old_serial
        assert [(s.code, s.state) for s in admin.on_card().services] == [
            (code, "installed") for code in SERVICES
        ]

        # The new card at each place: the loan and the booking are still the resident's.
        assert places.borrow(card) == (BOOK,)
        assert places.reserve(card, eleven) == [ten, eleven]
        second = places.certificate(card)
        assert second.startswith(b"%PDF") and second != first
        assert len(places.printer.jobs) == 2

        # The old card is refused everywhere: it is no longer in use.
        new_slot.remove()
        old_slot.insert()
        assert places.refused(card) == [CardNotInUseError] * 3
        old_slot.remove()
        new_slot.insert()

        # Each service removed from the new card: its use is refused, the card holds none.
        for code in SERVICES:
            ended = admin.remove(code)
            assert ended is not None and ended.service.code == code
        assert admin.on_card().services == ()
        assert places.refused(card) == [ServiceNotOnCardError] * 3
        assert len(places.printer.jobs) == 2  # nothing printed for a refused card
    finally:
        backend.close()
