"""The visible digital seal (ICAO 9303-13, BSI TR-03137): header, message zone, signature zone.

This module is the byte format only; signing and verifying live in seal_crypto.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from counter_app.card.tlv import TlvError, encode_length
from counter_app.printing import c40

MAGIC: Final = 0xDC
VERSION_3: Final = 0x02  # the version byte of VDS version 3
VERSION_4: Final = 0x03  # the version byte of VDS version 4
SIGNATURE_TAG: Final = 0xFF
_V3_REFERENCE_LENGTH: Final = 5


class SealFormatError(ValueError):
    """Bytes that are not a well-formed visible digital seal."""


def encode_date(day: date) -> bytes:
    """Three bytes: the integer MMDDYYYY (TR-03137 §3.2.3; 1957-03-25 -> 31 9E F5)."""
    return int(f"{day.month:02d}{day.day:02d}{day.year:04d}").to_bytes(3, "big")


def decode_date(data: bytes) -> date:
    """The date of three MMDDYYYY bytes."""
    if len(data) != 3:
        raise SealFormatError("a seal date takes three bytes")
    digits = f"{int.from_bytes(data, 'big'):08d}"
    try:
        return date(int(digits[4:]), int(digits[:2]), int(digits[2:4]))
    except ValueError:
        raise SealFormatError(f"{data.hex().upper()} is not a date") from None


@dataclass(frozen=True)
class SealHeader:
    """The header: who issued and signed the seal, when, and which document profile it is."""

    version: int  # VERSION_3 or VERSION_4
    country: str  # issuing country, three letters ('<' fillers allowed: D<<)
    signer: str  # signer identifier: two-letter country and two characters
    certificate_reference: str  # hex digits naming the signer certificate
    issue_date: date
    signature_date: date
    feature_reference: int  # document feature definition reference
    type_category: int  # document type category

    def encode(self) -> bytes:
        """The header bytes."""
        if self.version not in (VERSION_3, VERSION_4):
            raise SealFormatError(f"unknown seal version byte {self.version:#04x}")
        if len(self.country) != 3 or len(self.signer) != 4:
            raise SealFormatError("country takes three characters and signer four")
        ref = self.certificate_reference
        if self.version == VERSION_3:
            if len(ref) != _V3_REFERENCE_LENGTH:
                raise SealFormatError("a version 3 certificate reference has five characters")
            identity = c40.encode(self.signer + ref)
        else:
            if not 0 < len(ref) < 256:
                raise SealFormatError("certificate reference must have 1 to 255 characters")
            identity = c40.encode(f"{self.signer}{len(ref):02X}{ref}")
        return (
            bytes((MAGIC, self.version))
            + c40.encode(self.country)
            + identity
            + encode_date(self.issue_date)
            + encode_date(self.signature_date)
            + bytes((self.feature_reference, self.type_category))
        )


@dataclass(frozen=True)
class Feature:
    """One document feature of the message zone: tag (0-254) and value bytes."""

    tag: int
    value: bytes

    def encode(self) -> bytes:
        if not 0 <= self.tag < SIGNATURE_TAG:
            raise SealFormatError(f"feature tag {self.tag} is outside 0-254")
        return bytes((self.tag,)) + encode_length(len(self.value)) + self.value


@dataclass(frozen=True)
class Seal:
    """A parsed seal: header, features in order, the raw signature r||s and the signed bytes."""

    header: SealHeader
    features: tuple[Feature, ...]
    signature: bytes
    signed_data: bytes

    def feature(self, tag: int) -> bytes | None:
        """The value of the first feature with this tag, or None."""
        return next((f.value for f in self.features if f.tag == tag), None)

    def encode(self) -> bytes:
        """The seal's bytes: signed data, then the signature zone."""
        return self.signed_data + signature_zone(self.signature)


def signed_part(header: SealHeader, features: tuple[Feature, ...]) -> bytes:
    """Header and message zone: the bytes the signature covers."""
    if not features:
        raise SealFormatError("the message zone must hold at least one feature")
    return header.encode() + b"".join(feature.encode() for feature in features)


def signature_zone(signature: bytes) -> bytes:
    """Tag FF, length, and the raw signature r||s."""
    return bytes((SIGNATURE_TAG,)) + encode_length(len(signature)) + signature


def _read_length(data: bytes, pos: int) -> tuple[int, int]:
    """A DER length at `pos` (one byte below 0x80, else 81-83 and that many bytes)."""
    if pos >= len(data):
        raise SealFormatError("the seal ends inside a length")
    first = data[pos]
    if first < 0x80:
        return first, pos + 1
    count = first & 0x7F
    if not 1 <= count <= 3 or pos + 1 + count > len(data):
        raise SealFormatError(f"length form {first:02X} is not valid")
    length = int.from_bytes(data[pos + 1 : pos + 1 + count], "big")
    if encode_length(length) != data[pos : pos + 1 + count]:
        raise SealFormatError("a length is not in its shortest form")
    return length, pos + 1 + count


def _parse_header(data: bytes) -> tuple[SealHeader, int]:
    if len(data) < 2 or data[0] != MAGIC:
        raise SealFormatError("the seal does not start with the magic byte DC")
    version = data[1]
    if version not in (VERSION_3, VERSION_4):
        raise SealFormatError(f"unknown seal version byte {version:#04x}")
    try:
        country = c40.decode(data[2:4]).replace(" ", "<")
        if version == VERSION_3:
            identity = c40.decode(data[4:10])
            signer, ref = identity[:4], identity[4:]
            pos = 10
        else:
            prefix = c40.decode(data[4:8])  # four signer characters and two length digits
            total = 6 + int(prefix[4:6], 16)
            end = 4 + c40.encoded_length(total)
            identity = c40.decode(data[4:end])
            if len(identity) != total:
                raise SealFormatError("the certificate reference length does not match")
            signer, ref = identity[:4], identity[6:]
            pos = end
    except (c40.C40Error, ValueError) as exc:
        raise SealFormatError(f"the header is not valid C40: {exc}") from None
    if len(country) != 3 or len(signer) != 4 or len(data) < pos + 8:
        raise SealFormatError("the header is cut short")
    header = SealHeader(
        version=version,
        country=country,
        signer=signer,
        certificate_reference=ref,
        issue_date=decode_date(data[pos : pos + 3]),
        signature_date=decode_date(data[pos + 3 : pos + 6]),
        feature_reference=data[pos + 6],
        type_category=data[pos + 7],
    )
    return header, pos + 8


def parse(data: bytes) -> Seal:
    """The seal in `data`; SealFormatError unless every byte is part of a well-formed seal."""
    data = bytes(data)
    header, pos = _parse_header(data)
    features: list[Feature] = []
    while True:
        if pos >= len(data):
            raise SealFormatError("the seal has no signature zone")
        tag = data[pos]
        length, value_at = _read_length(data, pos + 1)
        end = value_at + length
        if end > len(data):
            raise SealFormatError(f"the value of tag {tag:02X} runs past the end")
        if tag == SIGNATURE_TAG:
            if end != len(data):
                raise SealFormatError("bytes follow the signature zone")
            if not features:
                raise SealFormatError("the message zone holds no feature")
            if length == 0 or length % 2:
                raise SealFormatError("the signature is not r||s of equal halves")
            return Seal(header, tuple(features), data[value_at:end], data[:pos])
        features.append(Feature(tag, data[value_at:end]))
        pos = end


__all__ = [
    "MAGIC",
    "SIGNATURE_TAG",
    "VERSION_3",
    "VERSION_4",
    "Feature",
    "Seal",
    "SealFormatError",
    "SealHeader",
    "TlvError",
    "decode_date",
    "encode_date",
    "parse",
    "signature_zone",
    "signed_part",
]
