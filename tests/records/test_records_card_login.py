"""Operator login with an operator card and its PIN, through the card layer."""

from __future__ import annotations

import pytest

from counter_app.card.errors import PinFormatError
from counter_app.card.issuer_keys import IssuerMaterial
from counter_app.card.personal_data import CardholderData
from counter_app.records import OperatorSession, Register, Role
from counter_app.records.errors import LoginFailedError, OperatorLockedError
from counter_app.workflows.operator_card_login import login_with_operator_card
from tests.support.card_fixtures import Card


def _wrong(pin: str) -> str:
    return f"{(int(pin) + 1) % 10000:04d}"


def test_card_and_pin_log_the_operator_in_and_wrong_pins_lock_out(
    register: Register,
    supervisor: OperatorSession,
    card: Card,
    issuer: IssuerMaterial,
    resident: tuple[CardholderData, str],
) -> None:
    _data, pin = resident
    serial = card.serial.hex().upper()
    clerk = register.operators.register(
        supervisor, login="card-clerk", display_name="窓口 花子", roles=[Role.ISSUING_CLERK],
        card_serial=serial,
    )  # fmt: skip
    session = login_with_operator_card(register, card.connection(), pin, trust=issuer.trust)
    assert (session.operator_id, session.method) == (clerk, "card")

    with pytest.raises(PinFormatError):  # not 4 digits: refused before the card counts a try
        login_with_operator_card(register, card.connection(), "12", trust=issuer.trust)
    with pytest.raises(LoginFailedError):
        login_with_operator_card(register, card.connection(), _wrong(pin), trust=issuer.trust)
    assert login_with_operator_card(register, card.connection(), pin, trust=issuer.trust)

    with pytest.raises(LoginFailedError):
        login_with_operator_card(register, card.connection(), _wrong(pin), trust=issuer.trust)
    with pytest.raises(LoginFailedError):
        login_with_operator_card(register, card.connection(), _wrong(pin), trust=issuer.trust)
    with pytest.raises(OperatorLockedError):
        login_with_operator_card(register, card.connection(), _wrong(pin), trust=issuer.trust)
    with pytest.raises(OperatorLockedError):
        login_with_operator_card(register, card.connection(), pin, trust=issuer.trust)

    logins = [e for e in register.audit_events(100) if e.action == "operator.login"]
    assert all(pin not in str(e.detail) for e in logins)
    assert register.verify_audit_chain().intact


def test_a_card_no_operator_holds_is_refused(
    register: Register,
    supervisor: OperatorSession,
    card: Card,
    issuer: IssuerMaterial,
    resident: tuple[CardholderData, str],
) -> None:
    with pytest.raises(LoginFailedError):
        login_with_operator_card(register, card.connection(), resident[1], trust=issuer.trust)
