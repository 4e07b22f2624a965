"""Services on the card in the reader: list, install with consent, personalise, lock, remove,
a card pulled at every APDU of an install and a removal, and re-issue carrying them over."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from counter_app.card.applications import list_applications, read_application_file
from counter_app.card.connection import CardConnection, CardRemovedError
from counter_app.card.errors import CardError, InvalidPinError
from counter_app.card.issuer_keys import IssuerMaterial
from counter_app.records import (
    STANDARD_SERVICES,
    OperatorSession,
    Register,
    Role,
    ServiceState,
)
from counter_app.records.errors import (
    CardNotInUseError,
    ServiceLockedError,
    ServiceNotOnCardError,
)
from counter_app.workflows import CounterContext
from counter_app.workflows.card_services import MULTIPURPOSE_AREA_BYTES, ServiceDesk
from counter_app.workflows.card_status import ReturnRequest, ReturnWorkflow, suspend_card
from counter_app.workflows.common import IdentityDocument
from counter_app.workflows.errors import ServiceCardMismatchError
from counter_app.workflows.facility_reservation import (
    ReservationDesk,
    check_facility_card,
    holder_of_facility_card,
)
from counter_app.workflows.issuance import IssuanceRequest, IssuanceWorkflow
from counter_app.workflows.reissue import ReissueRequest, ReissueWorkflow
from tests.support.card_fixtures import Card, TearingConnection, manufacture
from tests.support.counter_context import counter_context
from tests.support.records_fixtures import resident

PIN = "4829"
DOCS = (IdentityDocument.PASSPORT,)
LIBRARY_AID = bytes.fromhex("F05243434C4942")


@pytest.fixture
def clerk_ctx(
    register: Register,
    make_operator: Callable[..., OperatorSession],
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> CounterContext:
    return counter_context(register, make_operator("clerk", Role.ISSUING_CLERK), issuer, tmp_path)


@pytest.fixture
def admin_ctx(
    register: Register,
    make_operator: Callable[..., OperatorSession],
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> CounterContext:
    return counter_context(register, make_operator("applet", Role.APPLET_ADMIN), issuer, tmp_path)


@pytest.fixture
def card(
    register: Register,
    supervisor: OperatorSession,
    clerk_ctx: CounterContext,
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> Card:
    """The standard catalogue enabled, and a resident's card issued at the counter."""
    for new in STANDARD_SERVICES:
        register.services.add_service_type(supervisor, new)
        register.services.set_enabled(supervisor, new.code, True)
    person = register.residents.add(supervisor, resident())
    issued = manufacture(issuer, tmp_path / "card.json")
    IssuanceWorkflow(clerk_ctx, IssuanceRequest(person, DOCS, PIN), issued.reader.connect).run()
    return issued


def member_on_card(card: Card) -> bytes:
    return read_application_file(card.transport(), LIBRARY_AID, 1, pin=PIN).rstrip(b"\0")


def test_install_list_personalise_lock_and_remove(admin_ctx: CounterContext, card: Card) -> None:
    desk = ServiceDesk(admin_ctx, card.connection)
    assert desk.on_card().services == ()
    installed = desk.install("library", consent_version="2024-04", member_number="L-0001")
    assert (installed.state, installed.consent_operator) == (
        ServiceState.INSTALLED, admin_ctx.operator.operator_id,
    )  # fmt: skip
    desk.install("health", consent_version="2024-04")
    listed = desk.on_card()
    assert [(s.name, s.aid, s.state, s.size) for s in listed.services] == [
        ("図書館カード", "F05243434C4942", "installed", 48),
        ("健診結果閲覧", "F0524343484C54", "installed", 24),
    ]
    assert (listed.used, listed.free) == (72, MULTIPURPOSE_AREA_BYTES - 72)
    assert member_on_card(card) == b"L-0001"

    desk.personalise("library", "L-0002")
    assert member_on_card(card) == b"L-0002"
    desk.lock("library")
    assert [s.state for s in desk.on_card().services] == ["locked", "installed"]
    with pytest.raises(ServiceLockedError):
        desk.personalise("library", "L-0003")
    desk.unlock("library")

    ended = desk.remove("library")
    assert ended is not None and ended.state == ServiceState.ENDED
    assert [s.code for s in desk.on_card().services] == ["health"]
    with pytest.raises(CardError):
        member_on_card(card)


def _count(card: Card, action: Callable[[Callable[[], CardConnection]], object]) -> int:
    count = 0

    class Counting(TearingConnection):
        def transmit(self, command: bytes) -> bytes:
            nonlocal count
            count += 1
            return self.inner.transmit(command)

    action(lambda: Counting(card.connection(), 0, after=False))
    return count


def tearing(card: Card, tear_at: int, *, after: bool) -> Callable[[], CardConnection]:
    """A card source whose card is pulled at APDU `tear_at` (before or after the card ran it)."""
    return lambda: TearingConnection(card.connection(), tear_at, after=after)


def _usable(register: Register, card: Card, serial: str) -> bool:
    """Whether a desk could use the library service: the register allows it and the card has it."""
    try:
        register.services.require_usable(serial, "library")
    except ServiceNotOnCardError:
        return False
    assert member_on_card(card) == b"L-7"  # allowed by the register: whole on the card
    return True


def test_a_card_pulled_at_any_apdu_of_an_install_or_removal_is_never_half_installed(
    admin_ctx: CounterContext, register: Register, card: Card
) -> None:
    serial = ServiceDesk(admin_ctx, card.connection).on_card().serial

    def install(source: Callable[[], CardConnection]) -> object:
        return ServiceDesk(admin_ctx, source).install(
            "library", consent_version="v1", member_number="L-7"
        )

    def remove(source: Callable[[], CardConnection]) -> object:
        return ServiceDesk(admin_ctx, source).remove("library")

    install_apdus = _count(card, install)
    remove_apdus = _count(card, remove)
    outcomes = {"install usable": 0, "install not usable": 0, "remove kept": 0, "remove gone": 0}
    for tear_at in range(1, install_apdus + 1):
        for after in (False, True):
            with pytest.raises(CardRemovedError):
                install(tearing(card, tear_at, after=after))
            card.reinsert()
            if _usable(register, card, serial):
                outcomes["install usable"] += 1
            else:
                outcomes["install not usable"] += 1
                aids = [a.aid for a in list_applications(card.transport())]
                if LIBRARY_AID in aids:  # activated, its answer lost: the register says no
                    assert after and tear_at == install_apdus  # ACTIVATE FILE ran
                else:
                    with pytest.raises(CardError):
                        member_on_card(card)
                install(card.connection)  # the next attempt finishes
            assert _usable(register, card, serial)
            remove(card.connection)
    for tear_at in range(1, remove_apdus + 1):
        for after in (False, True):
            install(card.connection)
            with pytest.raises(CardRemovedError):
                remove(tearing(card, tear_at, after=after))
            card.reinsert()
            aids = [a.aid for a in list_applications(card.transport())]
            if LIBRARY_AID in aids:
                assert _usable(register, card, serial)  # still whole, still recorded
                outcomes["remove kept"] += 1
            else:
                outcomes["remove gone"] += 1  # gone from the card; the link ends next time
            remove(card.connection)  # the next attempt finishes
            assert not _usable(register, card, serial)
            assert LIBRARY_AID not in [a.aid for a in list_applications(card.transport())]
    print(
        f"install {install_apdus} APDUs, removal {remove_apdus} APDUs, torn twice each: {outcomes}"
    )
    assert outcomes["install not usable"] > 0 and outcomes["remove gone"] > 0


def test_reissue_carries_the_library_service_and_its_member_number_over(
    clerk_ctx: CounterContext,
    admin_ctx: CounterContext,
    register: Register,
    supervisor: OperatorSession,
    issuer: IssuerMaterial,
    card: Card,
    tmp_path: Path,
) -> None:
    ServiceDesk(admin_ctx, card.connection).install(
        "library", consent_version="2024-04", member_number="L-4242"
    )
    old_serial = ServiceDesk(admin_ctx, card.connection).on_card().serial
    holder = register.services.services_on(supervisor, old_serial)[0].holder_id
    suspend_card(clerk_ctx, holder)
    new_card = manufacture(issuer, tmp_path / "new.json")
    request = ReissueRequest(IssuanceRequest(holder, DOCS, PIN), reason="lost")
    result = ReissueWorkflow(clerk_ctx, request, new_card.reader.connect).run()

    [carried] = register.services.services_on(supervisor, result.serial)
    assert (carried.service.code, carried.member_number, carried.state) == (
        "library", "L-4242", ServiceState.INSTALLED,
    )  # fmt: skip
    assert carried.consent_version == "2024-04" and carried.carried_from is not None
    assert member_on_card(new_card) == b"L-4242"
    assert register.services.services_on(supervisor, old_serial) == []
    with pytest.raises(CardNotInUseError):  # said of the old card, not "not on the card"
        register.services.require_usable(old_serial, "library")
    listed = ServiceDesk(admin_ctx, new_card.connection).on_card()
    assert [(s.name, s.state) for s in listed.services] == [("図書館カード", "installed")]


def test_return_ends_the_services(
    clerk_ctx: CounterContext, admin_ctx: CounterContext, register: Register, card: Card
) -> None:
    desk = ServiceDesk(admin_ctx, card.connection)
    desk.install("library", consent_version="2024-04", member_number="L-1")
    serial = desk.on_card().serial
    [link] = register.services.services_on(admin_ctx.operator, serial)
    ReturnWorkflow(clerk_ctx, ReturnRequest(link.holder_id), card.connection).run()
    assert register.services.services_on(admin_ctx.operator, serial) == []


def test_the_reservation_kiosk_finds_the_resident_from_the_card_and_refuses_a_locked_service(
    admin_ctx: CounterContext, register: Register, card: Card
) -> None:
    desk = ServiceDesk(admin_ctx, card.connection)
    desk.install("facility", consent_version="2024-04", member_number="F-31")
    serial = desk.on_card().serial
    [link] = register.services.services_on(admin_ctx.operator, serial)
    kiosk = ReservationDesk.at_kiosk_with_card(register, "kiosk-1", card.transport(), PIN)
    assert kiosk.resident_id == link.holder_id and kiosk.at_kiosk_now
    with pytest.raises(InvalidPinError):
        ReservationDesk.at_kiosk_with_card(register, "kiosk-1", card.transport(), "0000")
    desk.lock("facility")
    with pytest.raises(ServiceLockedError):
        ReservationDesk.at_kiosk_with_card(register, "kiosk-1", card.transport(), PIN)
    desk.unlock("facility")
    card.alter_file(bytes.fromhex("F0524343525356"), 1, lambda data: data.__setitem__(2, 0x39))
    with pytest.raises(ServiceCardMismatchError):  # member number altered outside the counter
        ReservationDesk.at_kiosk_with_card(register, "kiosk-1", card.transport(), PIN)


def test_the_reservation_counter_refuses_a_locked_facility_service_before_the_pin(
    admin_ctx: CounterContext, register: Register, card: Card
) -> None:
    desk = ServiceDesk(admin_ctx, card.connection)
    with pytest.raises(ServiceNotOnCardError):
        check_facility_card(admin_ctx, card.connection)
    desk.install("facility", consent_version="2024-04", member_number="F-32")
    serial = desk.on_card().serial
    [link] = register.services.services_on(admin_ctx.operator, serial)
    assert check_facility_card(admin_ctx, card.connection) == serial
    assert holder_of_facility_card(admin_ctx, card.connection, PIN) == link.holder_id
    with pytest.raises(InvalidPinError):
        holder_of_facility_card(admin_ctx, card.connection, "0000")
    desk.lock("facility")
    with pytest.raises(ServiceLockedError):  # no PIN asked: the register says no first
        check_facility_card(admin_ctx, card.connection)
