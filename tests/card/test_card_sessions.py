"""The sessions turn the card's status words into domain errors a clerk can act on."""

from __future__ import annotations

import dataclasses
import logging

import pytest

from counter_app.card import profile as p
from counter_app.card.errors import (
    CardNotPersonalisedError,
    CardSuspendedError,
    CardTerminatedError,
    InvalidPinError,
    IssuerAuthenticationError,
    NotOurCardError,
    PinBlockedError,
    PinFormatError,
    PinRequiredError,
    UnlockNumberError,
    UnlockRequiredError,
)
from counter_app.card.issuer_keys import IssuerMaterial
from counter_app.card.personal_data import CardholderData
from counter_app.card.personalise import personalise
from counter_app.card.pins import (
    change_pin,
    pin_tries_left,
    reset_pin,
    reset_unlock_number,
    unlock_tries_left,
)
from counter_app.card.protocol import ApduTransport
from counter_app.card.reading import read_face, read_text
from counter_app.card.scp03 import StaticKeys
from counter_app.card.sessions import FaceSession, IssuerSession, JukiSession, TextSession
from counter_app.card.summary import read_summary
from counter_app.card.trace import TRACE, install_trace_level
from tests.support.card_fixtures import Card

Resident = tuple[CardholderData, str]


def _wrong(pin: str) -> str:
    return f"{(int(pin) + 1) % 10000:04d}"


def test_a_wrong_pin_says_how_many_tries_are_left(card: Card, resident: Resident) -> None:
    _, pin = resident
    text = TextSession(card.transport())
    text.select()
    with pytest.raises(InvalidPinError) as first:
        text.verify(_wrong(pin))
    assert first.value.tries_left == 2
    with pytest.raises(InvalidPinError) as second:
        text.verify(_wrong(pin))
    assert second.value.tries_left == 1
    assert text.tries_left() == 1
    text.verify(pin)
    assert text.tries_left() == 3  # a right PIN resets the counter


def test_three_wrong_pins_block_it_and_even_the_right_one_is_refused(
    card: Card, resident: Resident
) -> None:
    _, pin = resident
    text = TextSession(card.transport())
    text.select()
    for _ in range(2):
        with pytest.raises(InvalidPinError):
            text.verify(_wrong(pin))
    with pytest.raises(InvalidPinError) as last:
        text.verify(_wrong(pin))
    assert last.value.tries_left == 0
    with pytest.raises(PinBlockedError):
        text.verify(pin)
    assert pin_tries_left(card.transport()) == 0
    assert read_summary(card.connection()).pin_tries_left == 0


def test_asking_for_tries_left_never_uses_a_try(card: Card) -> None:
    for _ in range(5):
        assert pin_tries_left(card.transport()) == 3
    assert unlock_tries_left(card.transport()) == 10


def test_a_malformed_pin_is_refused_before_it_costs_a_try(card: Card) -> None:
    text = TextSession(card.transport())
    text.select()
    for bad in ("123", "12345", "１２３４", "12a4"):
        with pytest.raises(PinFormatError):
            text.verify(bad)
    assert text.tries_left() == 3


def test_the_text_data_is_refused_without_the_pin(card: Card) -> None:
    text = TextSession(card.transport())
    text.select()
    with pytest.raises(PinRequiredError):
        text.read_attributes()
    assert text.read_certificate()[:2] == b"\x7f\x21"  # the certificate is public


def test_the_face_data_needs_the_unlock_number(card: Card, resident: Resident) -> None:
    data, _ = resident
    face = FaceSession(card.transport())
    face.select()
    with pytest.raises(UnlockRequiredError):
        face.read_face_data()
    wrong = data.unlock_number[:-1] + str((int(data.unlock_number[-1]) + 1) % 10)
    with pytest.raises(UnlockNumberError) as info:
        face.verify(wrong)
    assert info.value.tries_left == 9
    face.verify(data.unlock_number)
    assert face.read_face_data()[:2] == b"\xff\x20"


def test_a_short_only_reader_reads_the_same_data_with_more_apdus(
    card: Card, resident: Resident, issuer: IssuerMaterial
) -> None:
    data, pin = resident
    extended_text = card.transport(extended=True)
    text_long = read_text(extended_text, pin, trust=issuer.trust)
    extended_face = card.transport(extended=True)
    face_long = read_face(extended_face, data.unlock_number, trust=issuer.trust)
    short_text = card.transport(extended=False)
    text_short = read_text(short_text, pin, trust=issuer.trust)
    short_face = card.transport(extended=False)
    face_short = read_face(short_face, data.unlock_number, trust=issuer.trust)
    assert text_short.attributes == text_long.attributes is not None
    assert face_short.face == face_long.face is not None
    assert face_short.face.photo == data.photo_jpeg
    assert extended_face.apdu_count <= 6
    assert short_face.apdu_count > extended_face.apdu_count
    assert short_text.apdu_count > extended_text.apdu_count


def test_the_resident_changes_the_pin(card: Card, resident: Resident) -> None:
    _, pin = resident
    with pytest.raises(InvalidPinError) as info:
        change_pin(card.transport(), _wrong(pin), "2468")
    assert info.value.tries_left == 2
    change_pin(card.transport(), pin, "2468")
    text = TextSession(card.transport())
    text.select()
    with pytest.raises(InvalidPinError):
        text.verify(pin)
    text.verify("2468")
    with pytest.raises(PinFormatError):
        change_pin(card.transport(), "2468", "24")


def test_the_issuer_resets_a_blocked_pin(card: Card, resident: Resident) -> None:
    _, pin = resident
    text = TextSession(card.transport())
    text.select()
    for _ in range(3):
        with pytest.raises(InvalidPinError):
            text.verify(_wrong(pin))
    reset_pin(card.transport(), "8642", keys=card.keys)
    assert pin_tries_left(card.transport()) == 3
    text = TextSession(card.transport())
    text.select()
    text.verify("8642")


def test_the_issuer_resets_the_unlock_number(card: Card, resident: Resident) -> None:
    data, _ = resident
    reset_unlock_number(card.transport(), "11111111111111", keys=card.keys)
    face = FaceSession(card.transport())
    face.select()
    with pytest.raises(UnlockNumberError):
        face.verify(data.unlock_number)
    face.verify("11111111111111")


def test_wrong_issuer_keys_are_refused(card: Card) -> None:
    wrong = StaticKeys(b"\x01" * 16, b"\x02" * 16, b"\x03" * 16)
    with pytest.raises(IssuerAuthenticationError):
        reset_pin(card.transport(), "1234", keys=wrong)


def test_a_blank_card_reads_as_not_personalised(blank_card: Card) -> None:
    with pytest.raises(CardNotPersonalisedError):
        TextSession(blank_card.transport()).select()
    text = TextSession(blank_card.transport())
    with pytest.raises(CardNotPersonalisedError):
        text.tries_left()  # no text AP selected: the card is asked why
    summary = read_summary(blank_card.connection())
    assert summary.recognised and summary.life_cycle is p.LifeCycle.BLANK
    assert summary.serial == blank_card.serial.hex().upper()
    assert summary.pin_tries_left is None
    assert summary.applications == ("共通AP",)


def test_a_terminated_card_says_so(card: Card, issuer: IssuerMaterial, resident: Resident) -> None:
    _, pin = resident
    transport = card.transport()
    session = IssuerSession(transport)
    session.open(card.keys)
    session.terminate_card()
    summary = read_summary(card.connection())
    assert summary.life_cycle is p.LifeCycle.TERMINATED and summary.serial is None
    with pytest.raises(CardTerminatedError):
        read_text(card.transport(), pin, trust=issuer.trust)


def test_a_suspended_card_is_refused_outside_the_channel(
    card: Card, issuer: IssuerMaterial, resident: Resident
) -> None:
    _, pin = resident
    session = IssuerSession(card.transport())
    session.open(card.keys)
    session.deactivate_card()
    with pytest.raises(CardSuspendedError):
        read_text(card.transport(), pin, trust=issuer.trust)
    summary = read_summary(card.connection())
    assert summary.life_cycle is p.LifeCycle.SUSPENDED and summary.pin_tries_left is None


class ForeignCard:
    """A card that is not ours: it knows none of our applications."""

    reader_name = "foreign"
    atr = b"\x3b\x00"
    extended_length = True

    def transmit(self, command: bytes) -> bytes:
        return b"\x6a\x82"

    def close(self) -> None:
        """Nothing to release."""


def test_a_foreign_card_is_not_recognised(issuer: IssuerMaterial) -> None:
    summary = read_summary(ForeignCard())
    assert not summary.recognised and summary.serial is None
    with pytest.raises(NotOurCardError):
        read_text(ApduTransport(ForeignCard()), "1234", trust=issuer.trust)


def test_the_resident_record_code_is_read_with_the_pin_and_never_traced(
    issuer: IssuerMaterial,
    resident: Resident,
    blank_card: Card,
    caplog: pytest.LogCaptureFixture,
) -> None:
    data, pin = resident
    code = "31415926535"
    with_code = dataclasses.replace(data, resident_code=code)
    personalise(blank_card.transport(), with_code, pin, signer=issuer.signer, keys=blank_card.keys)
    install_trace_level()
    juki = JukiSession(blank_card.transport())
    juki.select()
    with pytest.raises(PinRequiredError):
        juki.read_resident_code()
    with caplog.at_level(TRACE, logger="counter_app.apdu"):
        juki.verify(pin)
        assert juki.read_resident_code() == code
    traced = caplog.text
    assert "B0 81" in traced  # the read was traced, its answer masked
    assert code not in traced and code.encode().hex(" ").upper() not in traced
    assert "masked" in traced
    assert repr(with_code).count(code) == 0


def test_a_card_without_a_resident_record_code_has_none(card: Card, resident: Resident) -> None:
    _, pin = resident
    juki = JukiSession(card.transport())
    juki.select()
    juki.verify(pin)
    assert juki.read_resident_code() is None


def test_no_pin_reaches_the_log(
    card: Card, resident: Resident, caplog: pytest.LogCaptureFixture
) -> None:
    _, pin = resident
    install_trace_level()
    with caplog.at_level(logging.DEBUG - 5):
        text = TextSession(card.transport())
        text.select()
        text.verify(pin)
    assert "20 00 91" in caplog.text
    assert pin.encode().hex(" ").upper() not in caplog.text
