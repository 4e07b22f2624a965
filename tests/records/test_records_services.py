"""Multipurpose services in the register, on SQLite and PostgreSQL: the ordinance-backed
catalogue, consent before install, lock, removal, carry-over on re-issue, end with the card."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from counter_app.records import (
    STANDARD_SERVICES,
    CardKind,
    CardStatus,
    Fee,
    OperatorSession,
    OrdinanceInfo,
    PurposeCode,
    Register,
    Role,
    ServiceState,
)
from counter_app.records.errors import (
    OrdinanceNotInForceError,
    RoleRequiredError,
    ServiceAlreadyOnCardError,
    ServiceLockedError,
    ServiceNotEnabledError,
    ServiceNotOnCardError,
)
from tests.support.records_fixtures import resident

LIBRARY = STANDARD_SERVICES[0]


def issue(register: Register, clerk: OperatorSession, person: int, serial: str) -> None:
    application = register.cards.receive_application(
        clerk, person, CardKind.PHOTO, Fee.standard(500)
    )
    register.cards.record_issued(
        clerk, application, serial=serial, issued_on=dt.date(2024, 4, 1),
        expires_on=dt.date(2034, 4, 1), chip_key_fingerprint="ab" * 32, issuer_key_id="CA-01",
    )  # fmt: skip


@pytest.fixture
def admin(make_operator: Callable[..., OperatorSession]) -> OperatorSession:
    return make_operator("applet-admin", Role.APPLET_ADMIN)


@pytest.fixture
def card(register: Register, supervisor: OperatorSession) -> str:
    """The standard catalogue enabled, and a resident's card `C0001` in use."""
    for new in STANDARD_SERVICES:
        register.services.add_service_type(supervisor, new)
        register.services.set_enabled(supervisor, new.code, True)
    person = register.residents.add(supervisor, resident())
    issue(register, supervisor, person, "C0001")
    return "C0001"


def install(register: Register, by: OperatorSession, serial: str, member: str = "L-123") -> None:
    register.services.record_consent(
        by, serial, "library", consent_version="2024-04", member_number=member
    )
    register.services.mark_installed(by, serial, "library")


def test_consent_then_install_records_who_when_and_which_text(
    register: Register, admin: OperatorSession, card: str
) -> None:
    consented = register.services.record_consent(
        admin, card, "library", consent_version="2024-04", member_number="L-123"
    )
    assert consented.state == ServiceState.CONSENTED
    assert (consented.consent_operator, consented.consent_version) == (admin.operator_id, "2024-04")
    installed = register.services.mark_installed(admin, card, "library")
    assert installed.state == ServiceState.INSTALLED and installed.installed_at is not None
    [listed] = register.services.services_on(admin, card)
    assert (listed.service.name, listed.member_number) == ("図書館カード", "L-123")
    events = register.audit_events(2)
    assert [e.action for e in events] == ["service.installed", "service.consent_recorded"]
    assert all(e.purpose_code == PurposeCode.MULTIPURPOSE_SERVICES for e in events)
    assert "L-123" not in str([e.detail for e in events])
    with pytest.raises(ServiceAlreadyOnCardError):
        register.services.record_consent(admin, card, "library", consent_version="2024-04")
    assert register.audit_events(1)[0].action == "service.install_refused"


def test_a_torn_install_is_taken_up_again_by_the_next_consent(
    register: Register, admin: OperatorSession, card: str
) -> None:
    register.services.record_consent(admin, card, "library", consent_version="2024-03")
    again = register.services.record_consent(
        admin, card, "library", consent_version="2024-04", member_number="L-9"
    )
    assert (again.state, again.consent_version, again.member_number) == (
        ServiceState.CONSENTED, "2024-04", "L-9",
    )  # fmt: skip
    assert len(register.services.services_on(admin, card)) == 1
    with pytest.raises(ServiceNotOnCardError):  # not usable until the card write finished
        register.services.require_usable(card, "library")


def test_no_install_without_an_ordinance_in_force_or_an_enabled_entry(
    register: Register, supervisor: OperatorSession, admin: OperatorSession, card: str
) -> None:
    future = dataclasses.replace(
        LIBRARY,
        code="bookmobile",
        name="移動図書館",
        aid="F0524343424D42",
        ordinance=OrdinanceInfo(
            "練習市移動図書館条例", "第2条", dt.date.today() + dt.timedelta(days=30)
        ),
    )
    register.services.add_service_type(supervisor, future)
    with pytest.raises(ServiceNotEnabledError):
        register.services.record_consent(admin, card, "bookmobile", consent_version="v1")
    register.services.set_enabled(supervisor, "bookmobile", True)
    with pytest.raises(OrdinanceNotInForceError) as refused:
        register.services.record_consent(admin, card, "bookmobile", consent_version="v1")
    assert "ordinance" in refused.value.what
    event = register.audit_events(1)[0]
    assert (event.action, event.detail["reason"]) == ("service.install_refused", "no_ordinance")
    assert register.services.services_on(admin, card) == []


def test_only_the_roles_the_service_names_administer_it(
    register: Register, make_operator: Callable[..., OperatorSession], card: str
) -> None:
    verifier = make_operator("verifier", Role.VERIFYING_CLERK)
    with pytest.raises(RoleRequiredError):
        register.services.record_consent(verifier, card, "library", consent_version="v1")
    with pytest.raises(RoleRequiredError):
        register.services.add_service_type(verifier, LIBRARY)


def test_lock_refuses_use_and_personalisation_until_unlocked(
    register: Register, admin: OperatorSession, card: str
) -> None:
    install(register, admin, card)
    register.services.lock(admin, card, "library")
    with pytest.raises(ServiceLockedError):
        register.services.require_usable(card, "library")
    with pytest.raises(ServiceLockedError):
        register.services.personalised(admin, card, "library", "L-999")
    register.services.unlock(admin, card, "library")
    assert register.services.personalised(admin, card, "library", "L-999").member_number == "L-999"
    assert register.services.require_usable(card, "library").state == ServiceState.INSTALLED


def test_removal_ends_the_link(register: Register, admin: OperatorSession, card: str) -> None:
    install(register, admin, card)
    ended = register.services.ended(admin, card, "library")
    assert (ended.state, ended.ended_reason) == (ServiceState.ENDED, "removed")
    assert ended.ended_at is not None
    assert register.services.services_on(admin, card) == []
    with pytest.raises(ServiceNotOnCardError):
        register.services.ended(admin, card, "library")
    install(register, admin, card)  # may be installed again later
    assert len(register.services.services_on(admin, card)) == 1


def test_reissue_carries_services_over_and_ends_the_old_links(
    register: Register, supervisor: OperatorSession, admin: OperatorSession, card: str
) -> None:
    install(register, admin, card, member="L-555")
    register.services.record_consent(admin, card, "health", consent_version="2024-04")
    register.services.mark_installed(admin, card, "health")
    holder = register.services.services_on(admin, card)[0].holder_id
    issue(register, supervisor, holder, "C0002")
    carried = register.services.carry_over(supervisor, card, "C0002")
    assert sorted((c.service.code, c.member_number, c.state) for c in carried) == [
        ("health", None, ServiceState.CONSENTED),
        ("library", "L-555", ServiceState.CONSENTED),
    ]
    assert {c.consent_version for c in carried} == {"2024-04"}
    assert register.services.services_on(admin, card) == []
    assert register.services.carry_over(supervisor, card, "C0002") == carried  # done again
    for link in carried:
        register.services.mark_installed(supervisor, "C0002", link.service.code)
    register.cards.change_status(supervisor, card, CardStatus.REVOKED, "reissued")
    assert len(register.services.services_on(admin, "C0002")) == 2


def test_return_of_the_card_ends_its_services(
    register: Register, supervisor: OperatorSession, admin: OperatorSession, card: str
) -> None:
    install(register, admin, card)
    register.cards.change_status(supervisor, card, CardStatus.RETURNED, "returned")
    assert register.services.services_on(admin, card) == []
    event = register.audit_events(2)[1]
    assert (event.action, event.detail["reason"]) == ("service.ended_with_card", "returned")


def test_the_demo_register_has_the_four_standard_services(register: Register) -> None:
    register.seed_demo(0, seed=1)
    catalogue = register.services.catalogue()
    assert [s.name for s in catalogue] == [
        "証明書自動交付",
        "施設予約",
        "健診結果閲覧",
        "図書館カード",
    ]
    assert all(s.enabled for s in catalogue)
    assert all(s.ordinance is not None and s.ordinance.article for s in catalogue)
