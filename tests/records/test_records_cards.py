"""Card applications, fees and exemptions, issued cards and their status history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import select

from counter_app.records import (
    CardKind,
    CardStatus,
    ExemptionGround,
    Fee,
    OperatorSession,
    ProofKind,
    Register,
    Role,
)
from counter_app.records.errors import CardRecordError, RoleRequiredError
from counter_app.records.models import ApplicationFee
from tests.support.records_fixtures import resident


def _issue(register: Register, clerk: OperatorSession, person: int, serial: str) -> None:
    application = register.cards.receive_application(
        clerk, person, CardKind.PHOTO, Fee.standard(500)
    )
    register.cards.record_issued(
        clerk, application, serial=serial, issued_on=dt.date(2024, 4, 1),
        expires_on=dt.date(2034, 4, 1), chip_key_fingerprint="ab" * 32, issuer_key_id="CA-01",
    )  # fmt: skip


def test_free_card_for_a_returned_licence_records_proof_and_checker(
    register: Register, supervisor: OperatorSession, make_operator: Callable[..., OperatorSession]
) -> None:
    clerk = make_operator("issuer", Role.ISSUING_CLERK)
    elder = register.residents.add(supervisor, resident(born=dt.date(1940, 5, 5)))
    fee = Fee.exempt(
        ExemptionGround.LICENCE_RETURNED, ProofKind.DRIVING_HISTORY_CERTIFICATE, "第012345678900号"
    )
    application = register.cards.receive_application(clerk, elder, CardKind.PHOTO, fee)
    with register._store.db.transaction(read_only=True) as s:
        row = s.scalar(select(ApplicationFee).where(ApplicationFee.application_id == application))
    assert row is not None
    assert (row.amount_yen, row.exemption_ground, row.proof_kind, row.checked_by) == (
        0, "licence_returned", "driving_history_cert", clerk.operator_id,
    )  # fmt: skip
    event = register.audit_events(1)[0]
    assert event.detail["exemption"] == "licence_returned" and event.resident_id == elder
    with pytest.raises(ValueError):
        register.cards.receive_application(
            clerk, elder, CardKind.PHOTO, Fee(0, ExemptionGround.LICENCE_RETURNED)
        )


def test_card_status_history_and_forbidden_changes(
    register: Register, supervisor: OperatorSession, make_operator: Callable[..., OperatorSession]
) -> None:
    clerk = make_operator("issuer", Role.ISSUING_CLERK)
    person = register.residents.add(supervisor, resident())
    _issue(register, clerk, person, "JK-000001")
    register.cards.change_status(clerk, "JK-000001", CardStatus.SUSPENDED, "reported lost")
    register.cards.change_status(clerk, "JK-000001", CardStatus.ACTIVE, "found again")
    register.cards.change_status(clerk, "JK-000001", CardStatus.REVOKED, "re-issued")
    with pytest.raises(CardRecordError):
        register.cards.change_status(clerk, "JK-000001", CardStatus.ACTIVE, "oops")
    history = register.cards.history("JK-000001")
    assert [(status, reason) for status, reason, _ in history] == [
        (CardStatus.ACTIVE, "issued"),
        (CardStatus.SUSPENDED, "reported lost"),
        (CardStatus.ACTIVE, "found again"),
        (CardStatus.REVOKED, "re-issued"),
    ]
    cards = register.access(clerk, "card-service").cards(person)
    assert [(c.serial, c.status, c.issuer_key_id) for c in cards] == [
        ("JK-000001", CardStatus.REVOKED, "CA-01")
    ]
    with pytest.raises(CardRecordError):
        _issue(register, clerk, person, "JK-000001")  # a serial is recorded once


def test_a_verifying_clerk_cannot_issue(
    register: Register, supervisor: OperatorSession, make_operator: Callable[..., OperatorSession]
) -> None:
    verifier = make_operator("verifier", Role.VERIFYING_CLERK)
    person = register.residents.add(supervisor, resident())
    with pytest.raises(RoleRequiredError):
        register.cards.receive_application(verifier, person, CardKind.NO_PHOTO, Fee.standard(500))
