"""Changing the address on an issued card: suspend, rewrite and re-sign, activate.

An address change suspends the card first and activates it last; a torn change leaves a
suspended card that `update_address` resumes. Nothing read from the card is re-signed unless its
issuer signature checks out first.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from counter_app.card import layout
from counter_app.card import profile as p
from counter_app.card.cvc import CertificateError, CvCertificate, parse_certificate
from counter_app.card.errors import CardFullError, CardNotPersonalisedError, VerificationFailedError
from counter_app.card.face_images import render_text_image
from counter_app.card.issuer_keys import IssuerSigner, TrustStore
from counter_app.card.personal_data import (
    ADDRESS_IMAGE_SIZE,
    ADDRESS_MAX_LENGTH,
    InvalidAddressError,
    to_fullwidth_digits,
)
from counter_app.card.protocol import ApduTransport
from counter_app.card.scp03 import StaticKeys
from counter_app.card.sessions.base import PIN, UNLOCK, life_cycle_error, read_life_cycle
from counter_app.card.sessions.card import card_serial
from counter_app.card.sessions.face import FACE_DATA_SFI as FACE_SFI
from counter_app.card.sessions.face import FaceSession
from counter_app.card.sessions.issuer import IssuerSession
from counter_app.card.sessions.text import (
    ATTRIBUTES_SFI,
    CERTIFICATE_SFI,
    INTEGRITY_SFI,
    TextSession,
)
from counter_app.card.tlv import TlvError, object_extent

_TEXT = p.Aid.TEXT.value
_FACE = p.Aid.FACE.value


@dataclass(frozen=True)
class AddressUpdateResult:
    """What the address-change workflow records."""

    serial: str
    resumed: bool  # the card was found suspended by an earlier, torn change


def render_address_image(address: str, font_file: Path | None = None) -> bytes:
    """The address as the face AP stores it: a 1-bit PNG of the profile's size."""
    width, height = ADDRESS_IMAGE_SIZE
    return render_text_image(address, width_px=width, height_px=height, font_file=font_file)


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
    font_file: Path | None = None,
) -> AddressUpdateResult:
    """Write a new address (text, face image, both signatures): deactivate, write, activate.

    The resident's PIN and the unlock number open the files to read (the card asks for them
    even under the issuer channel). Everything is read and checked before the card is touched;
    only data whose issuer signature verifies against `trust` is re-signed, anything else
    raises VerificationFailedError. Resumes a card left suspended by a torn change. Without
    `address_image` the address is drawn with `font_file` (None: the font found).
    """
    address = to_fullwidth_digits(address)
    if not address.strip() or address != address.strip() or len(address) > ADDRESS_MAX_LENGTH:
        raise InvalidAddressError("empty, padded with spaces, or too long")
    PIN.check_format(pin)
    UNLOCK.check_format(unlock_number)
    image = address_image if address_image is not None else render_address_image(address, font_file)
    serial = card_serial(transport)
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
