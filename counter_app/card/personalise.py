"""Issuing a card (personalisation), safe to tear and run again.

Personalisation writes every file under the issuer channel and ends with ACTIVATE FILE, so a
card pulled out midway stays not operational; running `personalise` again deletes what the torn
run left and starts over.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from counter_app.card import layout
from counter_app.card import profile as p
from counter_app.card.errors import (
    ApplicationExistsError,
    CardAlreadyPersonalisedError,
    CardFullError,
    CardNotPersonalisedError,
)
from counter_app.card.issuer_keys import IssuerSigner
from counter_app.card.personal_data import (
    CardholderData,
)
from counter_app.card.protocol import ApduTransport
from counter_app.card.scp03 import StaticKeys
from counter_app.card.sessions.base import PIN, life_cycle_error, read_life_cycle
from counter_app.card.sessions.card import card_serial
from counter_app.card.sessions.issuer import EfSpec, IssuerSession

TEXT_DF_FID = 0xDF01
FACE_DF_FID = 0xDF02
JUKI_DF_FID = 0xDF03
LABELS = {
    p.Aid.TEXT: "券面事項入力補助AP",
    p.Aid.FACE: "券面事項確認AP",
    p.Aid.JUKI: "住基AP",
}
MAX_EF_SIZE = 0x7FFF
TEXT_FILE_SIZE = 1024  # name (100 characters) and address (200) in UTF-8, with room to change
INTEGRITY_FILE_SIZE = 512
CERTIFICATE_SLACK = 128  # room for a later signer certificate with longer references
FACE_SLACK = 4096  # room for a longer address image after a move


@dataclass(frozen=True)
class PersonalisationResult:
    """What the issuing workflow records about a freshly personalised card."""

    serial: str
    chip_public_key: bytes
    restarted: bool  # a torn earlier run was found and cleaned up


def _write_ef(issuer: IssuerSession, spec: EfSpec, content: bytes, *, secret: bool = False) -> None:
    if len(content) > spec.size:
        raise CardFullError(f"EF {spec.fid:04X}: {len(content)} bytes in {spec.size}")
    issuer.create_ef(spec)
    issuer.update(spec.sfi, content, secret=secret)


def _create_identity_df(issuer: IssuerSession, fid: int, aid: p.Aid) -> None:
    if not issuer.create_df(fid, aid.value, LABELS[aid]):
        raise ApplicationExistsError(f"file identifier {fid:04X} is taken")


def _certificate_spec(fid: int, certificate: bytes) -> EfSpec:
    return EfSpec(fid, len(certificate) + CERTIFICATE_SLACK, p.Access.ALWAYS)


# -- personalisation ------------------------------------------------------------------------------


def personalise(
    transport: ApduTransport,
    data: CardholderData,
    pin: str,
    *,
    signer: IssuerSigner,
    keys: StaticKeys,
) -> PersonalisationResult:
    """Write `data` to a blank card (or one a torn run left personalising) and activate it.

    Generates the chip key on the card, signs the text and face data with `signer`, sets the
    PIN and the unlock number, and activates the card last.
    """
    PIN.check_format(pin)  # before anything touches the card
    serial = card_serial(transport)
    state = read_life_cycle(transport)
    if state in (p.LifeCycle.OPERATIONAL, p.LifeCycle.SUSPENDED):
        raise CardAlreadyPersonalisedError()
    if state not in (p.LifeCycle.BLANK, p.LifeCycle.PERSONALISING):
        raise life_cycle_error(state) or CardNotPersonalisedError("unknown life cycle")
    issuer = IssuerSession(transport)
    issuer.open(keys)
    restarted = False
    if state == p.LifeCycle.PERSONALISING:
        for aid in LABELS:  # the identity APs a torn run may have left
            restarted = issuer.delete_df(aid.value) or restarted
    certificate = signer.certificate.encode()
    _write_text_ap(issuer, data, serial, certificate, signer.sign)
    issuer.set_pin(pin)
    point = issuer.generate_chip_key()  # the card takes it once personalising (first CREATE)
    _write_face_ap(issuer, data, point, certificate, signer.sign)
    issuer.set_unlock_number(data.unlock_number)
    _write_juki_ap(issuer, data)
    issuer.activate_card()
    return PersonalisationResult(serial.hex().upper(), point, restarted)


def _write_text_ap(
    issuer: IssuerSession,
    data: CardholderData,
    serial: bytes,
    certificate: bytes,
    sign: Callable[[bytes], bytes],
) -> None:
    binding = layout.encode_binding(serial)
    attributes = layout.encode_text_attributes(
        layout.TextAttributes(data.name, data.address, data.birth_date, data.sex)
    )
    integrity = layout.encode_integrity(binding, attributes, sign)
    _create_identity_df(issuer, TEXT_DF_FID, p.Aid.TEXT)
    _write_ef(issuer, EfSpec(p.Fid.TEXT_BINDING, len(binding), p.Access.PIN), binding)
    _write_ef(issuer, EfSpec(p.Fid.TEXT_ATTRIBUTES, TEXT_FILE_SIZE, p.Access.PIN), attributes)
    _write_ef(issuer, EfSpec(p.Fid.TEXT_INTEGRITY, INTEGRITY_FILE_SIZE, p.Access.PIN), integrity)
    _write_ef(issuer, _certificate_spec(p.Fid.SIGNER_CERTIFICATE, certificate), certificate)


def _face_data(data: CardholderData, point: bytes) -> layout.FaceData:
    return layout.FaceData(
        birth_date=data.birth_date,
        sex=data.sex,
        chip_public_key=point,
        name_image=data.name_image,
        address_image=data.address_image,
        photo=data.photo_jpeg,
        expiry=data.expiry,
        code_image=data.code_image,
    )


def _write_face_ap(
    issuer: IssuerSession,
    data: CardholderData,
    point: bytes,
    certificate: bytes,
    sign: Callable[[bytes], bytes],
) -> None:
    face = layout.encode_face_data(_face_data(data, point), sign)
    if len(face) > MAX_EF_SIZE:
        raise CardFullError(f"face data of {len(face)} bytes")
    _create_identity_df(issuer, FACE_DF_FID, p.Aid.FACE)
    size = min(MAX_EF_SIZE, len(face) + FACE_SLACK)
    _write_ef(issuer, EfSpec(p.Fid.FACE_DATA, size, p.Access.UNLOCK), face)
    _write_ef(issuer, _certificate_spec(p.Fid.SIGNER_CERTIFICATE, certificate), certificate)


def _write_juki_ap(issuer: IssuerSession, data: CardholderData) -> None:
    _create_identity_df(issuer, JUKI_DF_FID, p.Aid.JUKI)
    if data.resident_code is not None:
        code = layout.encode_resident_code(data.resident_code)
        spec = EfSpec(p.Fid.RESIDENT_CODE, len(code), p.Access.PIN)
        _write_ef(issuer, spec, code, secret=True)
