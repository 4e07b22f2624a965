"""The library desk against the training library on a real socket and a resident's card
carrying the library service: patron look-up after the PIN, lend, renew, return; a lost card
refused before any PIN; every step audited with ids only."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from counter_app.card.errors import InvalidPinError
from counter_app.card.issuer_keys import IssuerMaterial
from counter_app.library.client import LibraryClient
from counter_app.library.errors import ItemOnLoanError, PatronBlockedError
from counter_app.library.model import PatronBlock
from counter_app.library.training_server import TrainingServer
from counter_app.records import STANDARD_SERVICES, OperatorSession, Outcome, Register, Role
from counter_app.records.errors import CardNotInUseError, ServiceLockedError
from counter_app.workflows import CounterContext
from counter_app.workflows.card_services import ServiceDesk
from counter_app.workflows.card_status import suspend_card
from counter_app.workflows.common import IdentityDocument
from counter_app.workflows.issuance import IssuanceRequest, IssuanceWorkflow
from counter_app.workflows.library_desk import LibraryDesk, open_desk
from tests.support.card_fixtures import Card, manufacture
from tests.support.counter_context import counter_context
from tests.support.records_fixtures import resident

PIN = "4829"
MEMBER = "20000001"  # a patron of the training library
BOOK = "1000000001"


@pytest.fixture
def library() -> Iterator[LibraryClient]:
    with TrainingServer() as server, LibraryClient(server.settings(read_timeout=2.0)) as client:
        yield client


@pytest.fixture
def resident_id(register: Register, supervisor: OperatorSession) -> int:
    return register.residents.add(supervisor, resident())


@pytest.fixture
def card(
    register: Register,
    supervisor: OperatorSession,
    make_operator: Callable[..., OperatorSession],
    issuer: IssuerMaterial,
    tmp_path: Path,
    resident_id: int,
) -> Card:
    """A resident's card issued at the counter, with the library service and member number."""
    for new in STANDARD_SERVICES:
        register.services.add_service_type(supervisor, new)
        register.services.set_enabled(supervisor, new.code, True)
    clerk = counter_context(register, make_operator("clerk", Role.ISSUING_CLERK), issuer, tmp_path)
    issued = manufacture(issuer, tmp_path / "card.json")
    request = IssuanceRequest(resident_id, (IdentityDocument.PASSPORT,), PIN)
    IssuanceWorkflow(clerk, request, issued.reader.connect).run()
    admin = counter_context(register, make_operator("applet", Role.APPLET_ADMIN), issuer, tmp_path)
    ServiceDesk(admin, issued.connection).install(
        "library", consent_version="2024-04", member_number=MEMBER
    )
    return issued


@pytest.fixture
def staff(
    register: Register,
    make_operator: Callable[..., OperatorSession],
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> CounterContext:
    return counter_context(
        register, make_operator("librarian", Role.LIBRARY_STAFF), issuer, tmp_path
    )


def test_the_resident_borrows_renews_and_returns_a_book(
    staff: CounterContext, card: Card, library: LibraryClient, resident_id: int
) -> None:
    serial = LibraryDesk(staff, card.connection).check_card()
    session = open_desk(staff, card.connection, library, PIN)
    assert session.patron is not None
    assert (session.patron.name, session.patron.charged_items) == ("研修　一郎", ())

    loan = session.lend(library, BOOK)
    assert loan.due is not None and loan.title
    assert session.patron.charged_items == (BOOK,)
    assert [(i.barcode, i.due) for i in session.loans] == [(BOOK, loan.due)]
    renewed = session.renew(library, BOOK)
    assert renewed.renewal and renewed.due is not None and renewed.due >= loan.due
    session.give_back(library, BOOK)
    assert session.patron.charged_items == ()

    events = [e for e in staff.register.audit_events(20) if e.action.startswith("library.")]
    assert [e.action for e in reversed(events)] == [
        "library.card_checked", "library.card_opened", "library.patron",
        "library.lend", "library.patron", "library.renew", "library.patron",
        "library.return", "library.patron",
    ]  # fmt: skip
    assert {e.resident_id for e in events} == {resident_id}
    assert {e.purpose_code for e in events} == {"library-desk"}
    lend = next(e for e in events if e.action == "library.lend")
    assert lend.detail == {"serial": serial, "service": "library", "barcode": BOOK}
    assert loan.title not in str([e.detail for e in events])  # no titles in the audit


def test_an_item_lent_to_someone_else_is_refused_and_audited(
    staff: CounterContext, card: Card, library: LibraryClient
) -> None:
    library.lend("20000002", BOOK)
    session = open_desk(staff, card.connection, library, PIN)
    with pytest.raises(ItemOnLoanError):
        session.lend(library, BOOK)
    refused = staff.register.audit_events(5)
    lend = next(e for e in refused if e.action == "library.lend")
    assert lend.outcome == Outcome.REFUSED
    assert lend.detail["error"] == "ItemOnLoanError"


def test_a_wrong_pin_opens_nothing(
    staff: CounterContext, card: Card, library: LibraryClient
) -> None:
    with pytest.raises(InvalidPinError):
        open_desk(staff, card.connection, library, "0000")


def test_a_card_reported_lost_is_refused_at_once(
    register: Register,
    staff: CounterContext,
    card: Card,
    library: LibraryClient,
    make_operator: Callable[..., OperatorSession],
    issuer: IssuerMaterial,
    tmp_path: Path,
    resident_id: int,
) -> None:
    clerk = counter_context(register, make_operator("c2", Role.ISSUING_CLERK), issuer, tmp_path)
    suspend_card(clerk, resident_id, reason="lost")
    desk = LibraryDesk(staff, card.connection)
    with pytest.raises(CardNotInUseError):
        desk.check_card()
    with pytest.raises(CardNotInUseError):
        desk.read_card(PIN)  # the register refuses before the PIN reaches the card
    refused = [e for e in register.audit_events(5) if e.action.startswith("library.")]
    assert [e.outcome for e in refused] == [Outcome.REFUSED, Outcome.REFUSED]


def test_a_locked_library_service_is_refused(
    register: Register,
    staff: CounterContext,
    card: Card,
    library: LibraryClient,
    make_operator: Callable[..., OperatorSession],
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> None:
    admin = counter_context(register, make_operator("a2", Role.APPLET_ADMIN), issuer, tmp_path)
    ServiceDesk(admin, card.connection).lock("library")
    with pytest.raises(ServiceLockedError):
        LibraryDesk(staff, card.connection).check_card()


def test_a_blocked_patron_is_shown_with_the_blocks_and_cannot_borrow(
    register: Register,
    staff: CounterContext,
    card: Card,
    library: LibraryClient,
    make_operator: Callable[..., OperatorSession],
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> None:
    admin = counter_context(register, make_operator("a3", Role.APPLET_ADMIN), issuer, tmp_path)
    ServiceDesk(admin, card.connection).personalise("library", "20000009")  # blocked in training
    session = open_desk(staff, card.connection, library, PIN)
    assert session.patron is not None
    assert PatronBlock.CHARGE_DENIED in session.patron.blocks
    with pytest.raises(PatronBlockedError) as refused:
        session.lend(library, BOOK)
    assert "Borrowing is suspended for this patron." in refused.value.reasons
