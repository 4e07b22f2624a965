"""A card's print data: sealed at rest and bound to its card, opened for a reprint only with a
reason that the audit trail keeps, and print outcomes recorded (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import select

from counter_app.records import CardKind, Fee, OperatorSession, Register, Role
from counter_app.records.errors import CardRecordError, RecordCodeKeyError, RoleRequiredError
from counter_app.records.models import Card, CardPrintData
from tests.support.records_fixtures import resident

PRINT_DATA = '{"face": {"security_code": "4821", "name": "山田\u3000太郎"}}'.encode()


def _issue(register: Register, clerk: OperatorSession, person: int, serial: str) -> None:
    application = register.cards.receive_application(
        clerk, person, CardKind.PHOTO, Fee.standard(500)
    )
    register.cards.record_issued(
        clerk, application, serial=serial, issued_on=dt.date(2024, 4, 1),
        expires_on=dt.date(2034, 4, 1), chip_key_fingerprint="ab" * 32, issuer_key_id="CA-01",
    )  # fmt: skip


def test_print_data_is_sealed_bound_to_its_card_and_opened_with_a_reason(
    register: Register, supervisor: OperatorSession, make_operator: Callable[..., OperatorSession]
) -> None:
    clerk = make_operator("issuer", Role.ISSUING_CLERK)
    first = register.residents.add(supervisor, resident())
    second = register.residents.add(supervisor, resident("佐藤", "花子", "サトウ", "ハナコ"))
    _issue(register, clerk, first, "AAAA0001")
    _issue(register, clerk, second, "AAAA0002")
    register.printouts.keep(clerk, "AAAA0001", PRINT_DATA)
    register.printouts.keep(clerk, "AAAA0002", b"{}")
    with register._store.db.transaction(read_only=True) as s:
        rows = {
            serial: sealed
            for serial, sealed in s.execute(
                select(Card.serial, CardPrintData.sealed).join(
                    CardPrintData, CardPrintData.card_id == Card.id
                )
            )
        }
    assert b"4821" not in rows["AAAA0001"] and "山田".encode() not in rows["AAAA0001"]

    assert (
        register.printouts.open_for_reprint(
            clerk, "card-issuance", "AAAA0001", "face", " 用紙詰まり "
        )
        == PRINT_DATA
    )
    event = register.audit_events(1)[0]
    assert (event.action, event.resident_id, event.purpose_code) == (
        "card.reprint",
        first,
        "card-issuance",
    )
    assert event.detail == {"serial": "AAAA0001", "what": "face", "reason": "用紙詰まり"}

    # a sealed copy moved to another card's row no longer opens
    with register._store.db.transaction() as s:
        other = s.scalar(select(Card.id).where(Card.serial == "AAAA0002"))
        s.get(CardPrintData, other).sealed = rows["AAAA0001"]  # type: ignore[union-attr]
    with pytest.raises(RecordCodeKeyError):
        register.printouts.open_for_reprint(clerk, "card-issuance", "AAAA0002", "face", "x")


def test_a_reprint_needs_a_reason_and_an_issuing_clerk(
    register: Register, supervisor: OperatorSession, make_operator: Callable[..., OperatorSession]
) -> None:
    clerk = make_operator("issuer", Role.ISSUING_CLERK)
    checker = make_operator("checker", Role.VERIFYING_CLERK)
    person = register.residents.add(supervisor, resident())
    _issue(register, clerk, person, "AAAA0003")
    register.printouts.keep(clerk, "AAAA0003", PRINT_DATA)
    before = register.audit_events(1)[0].seq
    with pytest.raises(CardRecordError):
        register.printouts.open_for_reprint(clerk, "card-issuance", "AAAA0003", "face", "  ")
    with pytest.raises(RoleRequiredError):
        register.printouts.open_for_reprint(checker, "card-issuance", "AAAA0003", "face", "x")
    assert all(e.action != "card.reprint" for e in register.audit_events(5) if e.seq > before)


def test_print_outcomes_are_recorded_without_content(
    register: Register, supervisor: OperatorSession, make_operator: Callable[..., OperatorSession]
) -> None:
    clerk = make_operator("issuer", Role.ISSUING_CLERK)
    person = register.residents.add(supervisor, resident())
    _issue(register, clerk, person, "AAAA0004")
    register.printouts.record_printout(
        clerk, "card-issuance", "AAAA0004", "receipt", printed=False, how="failed"
    )
    event = register.audit_events(1)[0]
    assert (event.action, event.outcome.value, event.resident_id) == (
        "card.printout",
        "failed",
        person,
    )
    assert event.detail == {
        "serial": "AAAA0004",
        "what": "receipt",
        "printed": False,
        "how": "failed",
    }
