"""A card pulled out at any APDU of an issuance or address change is never half-valid.

For every APDU n of the operation, the card is removed once before it runs command n and once
after it ran it but before the answer arrives; it is then re-inserted from its file. Each time
the card is either not operational (nothing readable, and running the operation again finishes
it) or operational with every check succeeding.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from counter_app.card import profile as p
from counter_app.card.address import update_address
from counter_app.card.connection import CardRemovedError
from counter_app.card.errors import CardNotOperationalError
from counter_app.card.issuer_keys import IssuerMaterial
from counter_app.card.personal_data import CardholderData
from counter_app.card.personalise import personalise
from counter_app.card.protocol import ApduTransport
from counter_app.card.reading import read_face, read_text
from counter_app.card.sessions.base import read_life_cycle
from tests.support.card_fixtures import Card, TearingConnection, copy_card, manufacture

Resident = tuple[CardholderData, str]
NEW_ADDRESS = "北海道札幌市中央区北一条西２丁目１番地"
Operation = Callable[[ApduTransport, Card], object]
# A short-only reader turns the face file into dozens of chained APDUs, each torn twice.
SHORT = pytest.param(False, marks=pytest.mark.slow)


def _count_apdus(card: Card, operation: Operation) -> int:
    transport = card.transport()
    operation(transport, card)
    return transport.apdu_count


def _torn(card: Card, operation: Operation, tear_at: int, *, after: bool) -> None:
    """Run `operation` with the card pulled at APDU `tear_at`; then put the card back."""
    connection = TearingConnection(card.connection(), tear_at, after=after)
    with pytest.raises(CardRemovedError):
        operation(ApduTransport(connection), card)
    card.reinsert()


def _state(card: Card) -> p.LifeCycle | None:
    return read_life_cycle(card.transport())


def _assert_all_checks_succeed(
    card: Card, resident: Resident, issuer: IssuerMaterial, addresses: set[str]
) -> str:
    data, pin = resident
    text = read_text(card.transport(), pin, trust=issuer.trust)
    face = read_face(card.transport(), data.unlock_number, trust=issuer.trust)
    assert text.report.all_succeeded, text.report.checks
    assert face.report.all_succeeded, face.report.checks
    assert text.attributes is not None and text.attributes.address in addresses
    return text.attributes.address


def _assert_unreadable(card: Card, resident: Resident, issuer: IssuerMaterial) -> None:
    data, pin = resident
    with pytest.raises(CardNotOperationalError):
        read_text(card.transport(), pin, trust=issuer.trust)
    with pytest.raises(CardNotOperationalError):
        read_face(card.transport(), data.unlock_number, trust=issuer.trust)


@pytest.mark.parametrize("extended", [True, SHORT], ids=["extended", "short"])
def test_a_torn_personalisation_is_never_half_valid_and_starts_over(
    issuer: IssuerMaterial, resident: Resident, tmp_path: Path, extended: bool
) -> None:
    data, pin = resident
    blank = manufacture(issuer, tmp_path / "blank.json", extended=extended)

    def issue(transport: ApduTransport, card: Card) -> object:
        return personalise(transport, data, pin, signer=issuer.signer, keys=card.keys)

    total = _count_apdus(copy_card(blank, tmp_path / "count.json", extended=extended), issue)
    outcomes = {"operational": 0, "restarted": 0, "fresh": 0}
    for tear_at in range(1, total + 1):
        for after in (False, True):
            card = copy_card(blank, tmp_path / f"torn-{tear_at}-{after}.json", extended=extended)
            _torn(card, issue, tear_at, after=after)
            state = _state(card)
            if state is p.LifeCycle.OPERATIONAL:
                assert after and tear_at == total  # only once ACTIVATE FILE has run
                outcomes["operational"] += 1
            else:
                assert state in (p.LifeCycle.BLANK, p.LifeCycle.PERSONALISING)
                _assert_unreadable(card, resident, issuer)
                result = personalise(
                    card.transport(), data, pin, signer=issuer.signer, keys=card.keys
                )
                outcomes["restarted" if result.restarted else "fresh"] += 1
            _assert_all_checks_succeed(card, resident, issuer, {data.address})
            card.path.unlink()
    print(f"personalisation of {total} APDUs torn {2 * total} times: {outcomes}")
    assert outcomes["operational"] == 1 and outcomes["restarted"] > 0 and outcomes["fresh"] > 0


@pytest.mark.parametrize("extended", [True, SHORT], ids=["extended", "short"])
def test_a_torn_address_change_is_resumed(
    personalised_template: Card,
    issuer: IssuerMaterial,
    resident: Resident,
    tmp_path: Path,
    extended: bool,
) -> None:
    data, pin = resident
    stored = "北海道札幌市中央区北一条西２丁目１番地"

    def move(transport: ApduTransport, card: Card) -> object:
        return update_address(
            transport,
            NEW_ADDRESS,
            pin=pin,
            unlock_number=data.unlock_number,
            signer=issuer.signer,
            keys=card.keys,
            trust=issuer.trust,
        )

    template = copy_card(personalised_template, tmp_path / "template.json", extended=extended)
    total = _count_apdus(copy_card(template, tmp_path / "count.json", extended=extended), move)
    outcomes = {"old": 0, "new": 0, "resumed": 0}
    for tear_at in range(1, total + 1):
        for after in (False, True):
            card = copy_card(template, tmp_path / f"torn-{tear_at}-{after}.json", extended=extended)
            _torn(card, move, tear_at, after=after)
            state = _state(card)
            if state is p.LifeCycle.OPERATIONAL:
                address = _assert_all_checks_succeed(card, resident, issuer, {data.address, stored})
                outcomes["new" if address == stored else "old"] += 1
            else:
                assert state is p.LifeCycle.SUSPENDED
                _assert_unreadable(card, resident, issuer)
                result = move(card.transport(), card)
                assert getattr(result, "resumed", False)
                _assert_all_checks_succeed(card, resident, issuer, {stored})
                outcomes["resumed"] += 1
            card.path.unlink()
    print(f"address change of {total} APDUs torn {2 * total} times: {outcomes}")
    assert outcomes["new"] == 1 and outcomes["resumed"] > 0 and outcomes["old"] > 0
