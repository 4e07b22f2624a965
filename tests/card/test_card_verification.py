"""Each genuineness check has its own verdict; data a failed check covers is never shown."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

import pytest

from counter_app.card import profile as p
from counter_app.card.errors import VerificationFailedError
from counter_app.card.issuer_keys import IssuerMaterial, TrustStore, load_or_create_issuer
from counter_app.card.layout import TextAttributes
from counter_app.card.personal_data import CardholderData
from counter_app.card.personalise import personalise
from counter_app.card.reading import read_face, read_text, read_text_ap
from counter_app.card.sessions.card import card_serial
from counter_app.card.summary import read_summary
from counter_app.card.verification import CheckId, SigningPeriod, Verdict
from tests.support.card_fixtures import TODAY, Card, manufacture

Resident = tuple[CardholderData, str]
TEXT = p.Aid.TEXT.value
FACE = p.Aid.FACE.value


def test_a_personalised_card_reads_back_and_passes_every_check(
    card: Card, resident: Resident, issuer: IssuerMaterial
) -> None:
    data, pin = resident
    text = read_text(card.transport(), pin, trust=issuer.trust)
    assert text.report.all_succeeded, text.report.checks
    assert text.serial == card.serial.hex().upper()
    assert text.attributes == TextAttributes(data.name, data.address, data.birth_date, data.sex)
    face = read_face(card.transport(), data.unlock_number, trust=issuer.trust)
    assert face.report.all_succeeded, face.report.checks
    assert face.face is not None
    assert (face.face.birth_date, face.face.sex, face.face.expiry) == (
        data.birth_date,
        data.sex,
        data.expiry,
    )
    assert face.face.photo == data.photo_jpeg
    assert face.face.name_image == data.name_image
    assert face.face.address_image == data.address_image
    assert face.face.code_image == data.code_image
    assert [c.id for c in face.report.checks] == [
        CheckId.SIGNER_CERTIFICATE,
        CheckId.FACE_SIGNATURE,
        CheckId.CHIP_AUTHENTICATION,
        CheckId.CARD_EXPIRY,
    ]


def _flip_in_name(data: bytearray) -> None:
    index = data.index("\u3000".encode()) - 1  # the last byte of the family name
    data[index] ^= 0x01


def test_an_altered_text_file_fails_its_digest_and_is_withheld(
    card: Card, resident: Resident, issuer: IssuerMaterial
) -> None:
    _, pin = resident
    card.alter_file(TEXT, p.Fid.TEXT_ATTRIBUTES, _flip_in_name)
    text = read_text(card.transport(), pin, trust=issuer.trust)
    assert text.report.verdict(CheckId.ATTRIBUTES_DIGEST) is Verdict.FAILED
    assert text.report.verdict(CheckId.TEXT_SIGNATURE) is Verdict.SUCCEEDED  # over DF31, DF32
    assert text.attributes is None
    assert not text.report.all_succeeded
    with pytest.raises(VerificationFailedError):
        read_summary(card.connection(), pin=pin, trust=issuer.trust)


def test_an_altered_face_file_fails_the_signature_and_is_withheld(
    card: Card, resident: Resident, issuer: IssuerMaterial
) -> None:
    data, _ = resident

    def flip_photo_byte(content: bytearray) -> None:
        start = content.index(data.photo_jpeg[:32])
        content[start + 100] ^= 0x40

    card.alter_file(FACE, p.Fid.FACE_DATA, flip_photo_byte)
    face = read_face(card.transport(), data.unlock_number, trust=issuer.trust)
    assert face.report.verdict(CheckId.SIGNER_CERTIFICATE) is Verdict.SUCCEEDED
    assert face.report.verdict(CheckId.FACE_SIGNATURE) is Verdict.FAILED
    assert face.report.verdict(CheckId.CHIP_AUTHENTICATION) is Verdict.NOT_CHECKED
    assert face.face is None and not face.report.data_valid


def test_altered_integrity_data_fails_the_issuer_signature(
    card: Card, resident: Resident, issuer: IssuerMaterial
) -> None:
    _, pin = resident

    def flip_signature(content: bytearray) -> None:
        content[content.index(b"\xdf\x33") + 10] ^= 0x01

    card.alter_file(TEXT, p.Fid.TEXT_INTEGRITY, flip_signature)
    text = read_text(card.transport(), pin, trust=issuer.trust)
    assert text.report.verdict(CheckId.TEXT_SIGNATURE) is Verdict.FAILED
    assert text.report.verdict(CheckId.ATTRIBUTES_DIGEST) is Verdict.SUCCEEDED
    assert text.attributes is None


def _copy_onto_other_chip(
    card: Card, resident: Resident, issuer: IssuerMaterial, path: Path, *, with_serial: bool
) -> Card:
    """A second card with the genuine card's files; with_serial also fakes its common AP."""
    data, pin = resident
    other = manufacture(issuer, path)
    personalise(other.transport(), data, pin, signer=issuer.signer, keys=other.keys)
    common = p.Aid.COMMON.value.hex().upper()
    genuine = card.document()["dfs"]
    copy = other.document()
    own_common = [df for df in copy["dfs"] if df["aid"].upper() == common]
    copied = [df for df in genuine if with_serial or df["aid"].upper() != common]
    copy["dfs"] = copied if with_serial else own_common + copied
    other.write_document(copy)
    return other


@pytest.mark.parametrize("with_serial", [False, True], ids=["own-serial", "faked-serial"])
def test_data_copied_onto_another_chip_fails_chip_authentication(
    card: Card, resident: Resident, issuer: IssuerMaterial, tmp_path: Path, with_serial: bool
) -> None:
    data, pin = resident
    other = _copy_onto_other_chip(
        card, resident, issuer, tmp_path / "o.json", with_serial=with_serial
    )
    face = read_face(other.transport(), data.unlock_number, trust=issuer.trust)
    assert face.report.verdict(CheckId.FACE_SIGNATURE) is Verdict.SUCCEEDED
    assert face.report.verdict(CheckId.CHIP_AUTHENTICATION) is Verdict.FAILED
    assert "copied" in face.report.get(CheckId.CHIP_AUTHENTICATION).reason
    assert face.face is None
    text = read_text(other.transport(), pin, trust=issuer.trust)
    binding = Verdict.SUCCEEDED if with_serial else Verdict.FAILED
    assert text.report.verdict(CheckId.CARD_BINDING) is binding
    assert (text.attributes is None) is not with_serial  # only the chip check sees that clone


def test_a_card_from_an_untrusted_issuer_is_not_shown_as_valid(
    card: Card, resident: Resident, tmp_path: Path
) -> None:
    data, pin = resident
    stranger = load_or_create_issuer(tmp_path / "stranger")
    text = read_text(card.transport(), pin, trust=stranger.trust)
    assert text.report.verdict(CheckId.SIGNER_CERTIFICATE) is Verdict.FAILED
    assert text.report.verdict(CheckId.TEXT_SIGNATURE) is Verdict.NOT_CHECKED
    assert text.attributes is None
    face = read_face(card.transport(), data.unlock_number, trust=stranger.trust)
    assert face.report.verdict(CheckId.FACE_SIGNATURE) is Verdict.NOT_CHECKED
    assert face.face is None


def test_without_a_trust_store_the_signer_cannot_be_checked_and_nothing_is_shown(
    card: Card, resident: Resident
) -> None:
    data, pin = resident
    nothing = TrustStore(missing="no trust store is configured")
    text = read_text(card.transport(), pin, trust=nothing)
    signer = text.report.get(CheckId.SIGNER_CERTIFICATE)
    assert (signer.verdict, signer.reason) == (Verdict.NOT_CHECKED, "no trust store is configured")
    assert text.attributes is None and not text.report.data_valid
    face = read_face(card.transport(), data.unlock_number, trust=nothing)
    assert face.report.verdict(CheckId.SIGNER_CERTIFICATE) is Verdict.NOT_CHECKED
    assert face.report.verdict(CheckId.CHIP_AUTHENTICATION) is Verdict.NOT_CHECKED
    assert face.face is None


def test_an_expired_card_fails_the_expiry_check_and_its_face_data_is_withheld(
    blank_card: Card, resident: Resident, issuer: IssuerMaterial
) -> None:
    data, pin = resident
    short = dataclasses.replace(data, expiry=TODAY + timedelta(days=30))
    personalise(blank_card.transport(), short, pin, signer=issuer.signer, keys=blank_card.keys)
    later = TODAY + timedelta(days=31)
    face = read_face(blank_card.transport(), short.unlock_number, trust=issuer.trust, today=later)
    expiry = face.report.get(CheckId.CARD_EXPIRY)
    assert expiry.verdict is Verdict.FAILED and expiry.found == short.expiry.isoformat()
    assert face.report.verdict(CheckId.FACE_SIGNATURE) is Verdict.SUCCEEDED
    assert face.face is None and not face.report.data_valid
    on_time = read_face(blank_card.transport(), short.unlock_number, trust=issuer.trust)
    assert on_time.report.all_succeeded


def test_a_damaged_file_is_a_failed_check_not_a_crash(
    card: Card, resident: Resident, issuer: IssuerMaterial
) -> None:
    _, pin = resident

    def break_structure(content: bytearray) -> None:
        content[content.index(b"\xdf\x21") + 2] = 0x7F  # DF21 now runs past its template

    card.alter_file(TEXT, p.Fid.TEXT_ATTRIBUTES, break_structure)
    text = read_text(card.transport(), pin, trust=issuer.trust)
    check = text.report.get(CheckId.ATTRIBUTES_DIGEST)
    assert check.verdict is Verdict.FAILED and "damaged" in check.reason
    assert text.attributes is None


def test_the_signer_certificate_must_have_been_valid_when_the_card_was_signed(
    card: Card, resident: Resident, issuer: IssuerMaterial
) -> None:
    _, pin = resident
    far = date(2090, 1, 1)
    text = read_text(card.transport(), pin, trust=issuer.trust, today=far)
    check = text.report.get(CheckId.SIGNER_CERTIFICATE)
    assert check.verdict is Verdict.FAILED and "when the card was signed" in check.reason
    assert text.attributes is None


def test_chain_model_a_card_signed_in_time_verifies_after_its_signer_certificate_ended(
    card: Card, resident: Resident, issuer: IssuerMaterial
) -> None:
    _, pin = resident
    cert_end = issuer.signer.certificate.expiry
    after_cert = cert_end + timedelta(days=1)  # the card itself is still valid then
    signed = SigningPeriod.on(TODAY)
    transport = card.transport()
    serial = card_serial(transport)
    text = read_text_ap(transport, pin, serial, trust=issuer.trust, today=after_cert, signed=signed)
    assert text.report.verdict(CheckId.SIGNER_CERTIFICATE) is Verdict.SUCCEEDED
    assert text.attributes is not None
    late = SigningPeriod.on(after_cert)
    transport = card.transport()
    text = read_text_ap(transport, pin, serial, trust=issuer.trust, today=after_cert, signed=late)
    assert text.report.verdict(CheckId.SIGNER_CERTIFICATE) is Verdict.FAILED
