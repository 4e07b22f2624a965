"""Issuing, changing the address and the multipurpose area, on real virtual card files."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks._card_metrics import measure_apdu_counts
from counter_app.card import profile as p
from counter_app.card.address import render_address_image, update_address
from counter_app.card.applications import (
    AppFile,
    install_application,
    list_applications,
    personalise_application,
    read_application_file,
    remove_application,
)
from counter_app.card.errors import (
    ApplicationExistsError,
    ApplicationMissingError,
    CardAlreadyPersonalisedError,
    InvalidPinError,
    PinRequiredError,
)
from counter_app.card.issuer_keys import IssuerMaterial
from counter_app.card.personal_data import CardholderData
from counter_app.card.personalise import personalise
from counter_app.card.reading import read_face, read_text
from counter_app.card.sessions import IssuerSession
from counter_app.card.summary import read_summary
from tests.support.card_fixtures import Card

Resident = tuple[CardholderData, str]
NEW_ADDRESS = "大阪府大阪市北区中之島1丁目3番20号"
NEW_ADDRESS_STORED = "大阪府大阪市北区中之島１丁目３番２０号"
LIBRARY = bytes.fromhex("F0524343010001")


def test_personalisation_makes_an_operational_card_with_every_application(
    blank_card: Card, resident: Resident, issuer: IssuerMaterial
) -> None:
    data, pin = resident
    transport = blank_card.transport()
    result = personalise(transport, data, pin, signer=issuer.signer, keys=blank_card.keys)
    assert result.serial == blank_card.serial.hex().upper() and not result.restarted
    assert len(result.chip_public_key) == 65
    summary = read_summary(blank_card.connection(), pin=pin, trust=issuer.trust)
    assert summary.life_cycle is p.LifeCycle.OPERATIONAL
    assert summary.pin_tries_left == 3 and summary.holder_name == data.name
    assert summary.applications == ("共通AP", "券面事項入力補助AP", "券面事項確認AP", "住基AP")
    with pytest.raises(CardAlreadyPersonalisedError):
        personalise(blank_card.transport(), data, pin, signer=issuer.signer, keys=blank_card.keys)


def test_a_face_read_takes_at_most_six_apdus_on_an_extended_reader(
    card: Card, resident: Resident, issuer: IssuerMaterial
) -> None:
    data, _ = resident
    transport = card.transport(extended=True)
    face = read_face(transport, data.unlock_number, trust=issuer.trust)
    assert face.report.all_succeeded
    assert transport.apdu_count <= 6


def test_apdu_counts_are_measured_for_the_benchmarks(tmp_path: Path) -> None:
    long = measure_apdu_counts(tmp_path / "extended", extended_length=True)
    short = measure_apdu_counts(tmp_path / "short", extended_length=False)
    assert long.face_read <= 6 and long.summary <= 6 and long.text_read <= 8
    assert long.personalisation <= 30
    assert short.face_read > long.face_read and short.personalisation > long.personalisation
    assert short.summary == long.summary


def test_the_address_changes_with_its_signatures_and_image(
    card: Card, resident: Resident, issuer: IssuerMaterial
) -> None:
    data, pin = resident
    result = update_address(
        card.transport(),
        NEW_ADDRESS,
        pin=pin,
        unlock_number=data.unlock_number,
        signer=issuer.signer,
        keys=card.keys,
        trust=issuer.trust,
    )
    assert not result.resumed
    text = read_text(card.transport(), pin, trust=issuer.trust)
    assert text.report.all_succeeded and text.attributes is not None
    assert text.attributes.address == NEW_ADDRESS_STORED
    assert text.attributes.name == data.name
    face = read_face(card.transport(), data.unlock_number, trust=issuer.trust)
    assert face.report.all_succeeded and face.face is not None
    assert face.face.address_image == render_address_image(NEW_ADDRESS_STORED)
    assert face.face.photo == data.photo_jpeg
    assert read_summary(card.connection()).life_cycle is p.LifeCycle.OPERATIONAL


def test_a_wrong_pin_leaves_the_card_untouched_by_an_address_change(
    card: Card, resident: Resident, issuer: IssuerMaterial
) -> None:
    data, pin = resident
    with pytest.raises(InvalidPinError):
        update_address(
            card.transport(),
            NEW_ADDRESS,
            pin=f"{(int(pin) + 1) % 10000:04d}",
            unlock_number=data.unlock_number,
            signer=issuer.signer,
            keys=card.keys,
            trust=issuer.trust,
        )
    assert read_summary(card.connection()).life_cycle is p.LifeCycle.OPERATIONAL
    text = read_text(card.transport(), pin, trust=issuer.trust)
    assert text.attributes is not None and text.attributes.address == data.address


def test_multipurpose_applications_are_installed_listed_read_and_removed(
    card: Card, resident: Resident
) -> None:
    _, pin = resident
    assert list_applications(card.transport()) == ()
    files = [AppFile(0x01, 64, content=b"library card 0001")]
    assert not install_application(card.transport(), LIBRARY, "図書館カード", files, keys=card.keys)
    listed = list_applications(card.transport())
    assert [(a.aid, a.label) for a in listed] == [(LIBRARY, "図書館カード")]
    assert "図書館カード" in read_summary(card.connection()).applications
    with pytest.raises(PinRequiredError):
        read_application_file(card.transport(), LIBRARY, 0x01)
    content = read_application_file(card.transport(), LIBRARY, 0x01, pin=pin)
    assert content.rstrip(b"\0") == b"library card 0001"
    personalise_application(card.transport(), LIBRARY, {0x01: b"library card 0002"}, keys=card.keys)
    content = read_application_file(card.transport(), LIBRARY, 0x01, pin=pin)
    assert content.rstrip(b"\0") == b"library card 0002"
    with pytest.raises(ApplicationExistsError):
        install_application(card.transport(), LIBRARY, "図書館カード", files, keys=card.keys)
    assert remove_application(card.transport(), LIBRARY, keys=card.keys)
    assert list_applications(card.transport()) == ()
    with pytest.raises(ApplicationMissingError):
        read_application_file(card.transport(), LIBRARY, 0x01, pin=pin)
    assert not remove_application(card.transport(), LIBRARY, keys=card.keys)


def test_a_torn_install_is_invisible_and_replaced_by_the_next_one(
    card: Card, resident: Resident
) -> None:
    _, pin = resident
    session = IssuerSession(card.transport())
    session.open(card.keys)
    assert session.create_df(0xDF10, LIBRARY, "図書館カード")  # then the card was pulled
    assert list_applications(card.transport()) == ()
    files = [AppFile(0x01, 32, content=b"again")]
    assert install_application(card.transport(), LIBRARY, "図書館カード", files, keys=card.keys)
    assert [a.aid for a in list_applications(card.transport())] == [LIBRARY]
    assert read_application_file(card.transport(), LIBRARY, 1, pin=pin).rstrip(b"\0") == b"again"


def test_a_multipurpose_aid_has_the_project_prefix(card: Card) -> None:
    with pytest.raises(ValueError):
        install_application(card.transport(), bytes(7), "x", [], keys=card.keys)
    with pytest.raises(ValueError):
        AppFile(0x20, 10)
