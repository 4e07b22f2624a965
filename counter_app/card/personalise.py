"""Issuing a card (personalisation) and changing its address, both safe to tear and run again.

Personalisation writes every file under the issuer channel and ends with ACTIVATE FILE, so a
card pulled out midway stays not operational; running `personalise` again deletes what the torn
run left and starts over. An address change suspends the card first and activates it last; a
torn change leaves a suspended card that `update_address` resumes. Nothing read from the card is
re-signed unless its issuer signature checks out first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from counter_app.card import layout
from counter_app.card import profile as p
from counter_app.card.cvc import CertificateError, CvCertificate, parse_certificate
from counter_app.card.errors import (
    ApplicationExistsError,
    CardAlreadyPersonalisedError,
    CardFullError,
    CardNotPersonalisedError,
    VerificationFailedError,
)
from counter_app.card.issuer_keys import IssuerSigner, TrustStore
from counter_app.card.personal_data import (
    ADDRESS_IMAGE_SIZE,
    CardholderData,
    InvalidAddressError,
    to_fullwidth_digits,
)
from counter_app.card.protocol import ApduTransport
from counter_app.card.scp03 import StaticKeys
from counter_app.card.sessions.base import PIN, UNLOCK, life_cycle_error, read_life_cycle
from counter_app.card.sessions.card import CommonSession
from counter_app.card.sessions.face import FACE_DATA_SFI as FACE_SFI
from counter_app.card.sessions.face import FaceSession
from counter_app.card.sessions.issuer import EfSpec, IssuerSession
from counter_app.card.sessions.text import (
    ATTRIBUTES_SFI,
    CERTIFICATE_SFI,
    INTEGRITY_SFI,
    TextSession,
)
from counter_app.card.tlv import TlvError, object_extent

TEXT_DF_FID = 0xDF01
FACE_DF_FID = 0xDF02
JUKI_DF_FID = 0xDF03
LABELS = {
    p.Aid.TEXT: "券面事項入力補助AP",
    p.Aid.FACE: "券面事項確認AP",
    p.Aid.JUKI: "住基AP",
}
IDENTITY_DFS = ((p.Aid.TEXT, TEXT_DF_FID), (p.Aid.FACE, FACE_DF_FID), (p.Aid.JUKI, JUKI_DF_FID))
MAX_EF_SIZE = 0x7FFF
TEXT_FILE_SIZE = 1024  # name (100 characters) and address (200) in UTF-8, with room to change
INTEGRITY_FILE_SIZE = 512
CERTIFICATE_SLACK = 128  # room for a later signer certificate with longer references
FACE_SLACK = 4096  # room for a longer address image after a move
ADDRESS_MAX_LENGTH = 200

_TEXT = p.Aid.TEXT.value
_FACE = p.Aid.FACE.value


@dataclass(frozen=True)
class PersonalisationResult:
    """What the issuing workflow records about a freshly personalised card."""

    serial: str
    chip_public_key: bytes
    restarted: bool  # a torn earlier run was found and cleaned up


def _card_serial(transport: ApduTransport) -> bytes:
    common = CommonSession(transport)
    common.select()
    return common.card_info().serial


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
    serial = _card_serial(transport)
    state = read_life_cycle(transport)
    if state in (p.LifeCycle.OPERATIONAL, p.LifeCycle.SUSPENDED):
        raise CardAlreadyPersonalisedError()
    if state not in (p.LifeCycle.BLANK, p.LifeCycle.PERSONALISING):
        raise life_cycle_error(state) or CardNotPersonalisedError("unknown life cycle")
    issuer = IssuerSession(transport)
    issuer.open(keys)
    restarted = False
    if state == p.LifeCycle.PERSONALISING:
        for aid, _ in IDENTITY_DFS:
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


# -- address change -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddressUpdateResult:
    """What the address-change workflow records."""

    serial: str
    resumed: bool  # the card was found suspended by an earlier, torn change


def render_address_image(address: str) -> bytes:
    """The address as the face AP stores it: a 1-bit PNG of the profile's size."""
    from counter_app.card.face_images import render_text_image

    width, height = ADDRESS_IMAGE_SIZE
    return render_text_image(address, width_px=width, height_px=height)


def _padded(new: bytes, old: bytes) -> bytes:
    """`new`, followed by zeros over whatever of the old content would outlast it."""
    try:
        old_length = object_extent(old)
    except TlvError:
        old_length = len(old.rstrip(b"\x00"))
    return new + bytes(max(0, old_length - len(new)))


def _signed_by_any(
    certificates: list[CvCertificate], trust: TrustStore, message: bytes, signature: bytes
) -> bool:
    return any(trust.verify_data_signature(c, message, signature) for c in certificates)


@dataclass(frozen=True)
class _TextFiles:
    binding: layout.ParsedBinding
    attributes_raw: bytes
    attributes: layout.ParsedText
    integrity_raw: bytes
    certificate_raw: bytes


def update_address(
    transport: ApduTransport,
    address: str,
    *,
    pin: str,
    unlock_number: str,
    signer: IssuerSigner,
    keys: StaticKeys,
    trust: TrustStore,
    address_image: bytes | None = None,
) -> AddressUpdateResult:
    """Write a new address (text, face image, both signatures): deactivate, write, activate.

    The resident's PIN and the unlock number open the files to read (the card asks for them
    even under the issuer channel). Everything is read and checked before the card is touched;
    only data whose issuer signature verifies against `trust` is re-signed, anything else
    raises VerificationFailedError. Resumes a card left suspended by a torn change.
    """
    address = to_fullwidth_digits(address)
    if not address.strip() or address != address.strip() or len(address) > ADDRESS_MAX_LENGTH:
        raise InvalidAddressError("empty, padded with spaces, or too long")
    PIN.check_format(pin)
    UNLOCK.check_format(unlock_number)
    image = address_image if address_image is not None else render_address_image(address)
    serial = _card_serial(transport)
    state = read_life_cycle(transport)
    if state not in (p.LifeCycle.OPERATIONAL, p.LifeCycle.SUSPENDED):
        raise life_cycle_error(state) or CardNotPersonalisedError("unknown life cycle")
    issuer = IssuerSession(transport)
    issuer.open(keys)

    # Read and check everything before the first write.
    text_session = TextSession(transport)
    text_session.select()
    text_session.verify(pin)
    text = _read_text_files(text_session)
    face_session = FaceSession(transport)
    face_session.select()
    face_session.verify(unlock_number)
    face_raw = face_session.read(FACE_SFI, single_tlv=False)  # the whole file: its size
    face_certificate_raw = face_session.read_certificate()
    candidates = _candidate_certificates(signer, text.certificate_raw, face_certificate_raw)
    _check_text(text, serial, address, candidates, trust)
    face = _check_face(face_raw, candidates, trust)

    new_face = layout.encode_face_data(dataclasses.replace(face, address_image=image), signer.sign)
    if len(new_face) > len(face_raw):
        raise CardFullError(f"new face data of {len(new_face)} bytes in {len(face_raw)}")
    new_attributes = layout.encode_text_attributes(
        dataclasses.replace(text.attributes.attributes, address=address)
    )
    new_integrity = layout.encode_integrity(text.binding.encoded, new_attributes, signer.sign)
    certificate = signer.certificate.encode()

    # Suspend, then write face first and the text integrity before the attributes, each
    # certificate last: at every tear the card holds data the checks above accept next time.
    if state == p.LifeCycle.OPERATIONAL:
        issuer.deactivate_card()
    issuer.require_df(_FACE)
    issuer.update(FACE_SFI, _padded(new_face, face_raw))
    _replace_certificate(issuer, face_certificate_raw, certificate)
    issuer.require_df(_TEXT)
    issuer.update(INTEGRITY_SFI, _padded(new_integrity, text.integrity_raw))
    issuer.update(ATTRIBUTES_SFI, _padded(new_attributes, text.attributes_raw))
    _replace_certificate(issuer, text.certificate_raw, certificate)
    issuer.activate_card()
    return AddressUpdateResult(serial.hex().upper(), state == p.LifeCycle.SUSPENDED)


def _read_text_files(text: TextSession) -> _TextFiles:
    attributes_raw = text.read_attributes()
    integrity_raw = text.read_integrity()
    return _TextFiles(
        layout.parse_binding(text.read_binding()),
        attributes_raw,
        layout.parse_text_attributes(attributes_raw),
        integrity_raw,
        text.read_certificate(),
    )


def _candidate_certificates(signer: IssuerSigner, *raw: bytes) -> list[CvCertificate]:
    """The certificates the card's data may be signed under: ours and those on the card.

    Each still has to chain to the trust store (TrustStore.verify_data_signature checks that).
    """
    found: list[CvCertificate] = [signer.certificate]
    for encoded in raw:
        try:
            found.append(parse_certificate(encoded))
        except CertificateError:
            continue
    return found


def _check_text(
    text: _TextFiles,
    serial: bytes,
    address: str,
    certificates: list[CvCertificate],
    trust: TrustStore,
) -> None:
    """The text data is the issuer's, possibly with the new address already written."""
    integrity = layout.parse_integrity(text.integrity_raw)
    if text.binding.serial != serial or layout.sha256(text.binding.encoded) != (
        integrity.binding_digest
    ):
        raise VerificationFailedError("the text data is not bound to this card")
    current = text.attributes
    moved = layout.parse_text_attributes(
        layout.encode_text_attributes(dataclasses.replace(current.attributes, address=address))
    )
    digests = {layout.sha256(current.digested), layout.sha256(moved.digested)}
    if integrity.text_digest not in digests:
        raise VerificationFailedError("the text data does not match its digest")
    if not _signed_by_any(certificates, trust, integrity.signed, integrity.signature):
        raise VerificationFailedError("the text data's issuer signature is not valid")


def _check_face(
    raw: bytes, certificates: list[CvCertificate], trust: TrustStore
) -> layout.FaceData:
    parsed = layout.parse_face_data(raw)
    if not _signed_by_any(certificates, trust, parsed.signed, parsed.signature):
        raise VerificationFailedError("the face data's issuer signature is not valid")
    return parsed.face


def _replace_certificate(issuer: IssuerSession, old_raw: bytes, certificate: bytes) -> None:
    """Write our signer certificate over the one on the card when they differ."""
    try:
        if old_raw[: object_extent(old_raw)] == certificate:
            return
    except TlvError:
        pass
    issuer.update(CERTIFICATE_SFI, _padded(certificate, old_raw))
