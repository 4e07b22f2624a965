"""The contents of the card's files, built and parsed (docs/card-profile.md §3).

Builders return the bytes the issuer writes; parsers take the bytes as read (padding allowed)
and keep the exact signed bytes, so digests and signatures are checked over what the card holds,
not over a re-encoding of it. Parsers raise CardDataError for anything malformed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from counter_app.card import profile as p
from counter_app.card.errors import CardDataError
from counter_app.card.tlv import Tlv, TlvError, iter_tlv, parse_all, parse_one

SERIAL_LENGTH = 8
EC_POINT_LENGTH = 65
RESIDENT_CODE_LENGTH = 11
SEX_CODES = frozenset({0, 1, 2, 9})  # ISO/IEC 5218


@contextmanager
def malformed(what: str) -> Iterator[None]:
    """Turn TLV, Unicode and value errors while parsing `what` into CardDataError."""
    try:
        yield
    except KeyError:
        raise CardDataError(f"{what}: a data object is missing") from None
    except (TlvError, UnicodeDecodeError, ValueError) as exc:
        raise CardDataError(f"{what}: {exc}") from None


def sha256(data: bytes) -> bytes:
    """SHA-256 digest, the hash of every digest and signature on the card."""
    return hashlib.sha256(data).digest()


def encode_date(day: date) -> bytes:
    """YYYYMMDD in ASCII."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}".encode("ascii")


def decode_date(value: bytes) -> date:
    """Parse YYYYMMDD (ValueError when it is not a calendar date)."""
    text = value.decode("ascii")
    if len(text) != 8 or not text.isdigit():
        raise ValueError("date is not 8 digits")
    return date(int(text[:4]), int(text[4:6]), int(text[6:]))


def encode_sex(sex: int) -> bytes:
    if sex not in SEX_CODES:
        raise ValueError("sex is not an ISO/IEC 5218 code")
    return str(sex).encode("ascii")


def decode_sex(value: bytes) -> int:
    if len(value) != 1 or not value.isdigit() or int(value) not in SEX_CODES:
        raise ValueError("sex is not an ISO/IEC 5218 digit")
    return int(value)


def with_offsets(offsets_tag: int, objects: list[bytes]) -> bytes:
    """An offset table (2 bytes per object, from the start of the value) and the objects."""
    header = len(Tlv(offsets_tag, bytes(2 * len(objects))).encode())
    offsets = b""
    position = header
    for encoded in objects:
        offsets += position.to_bytes(2, "big")
        position += len(encoded)
    return Tlv(offsets_tag, offsets).encode() + b"".join(objects)


def single_object(raw: bytes, tag: int, what: str) -> tuple[Tlv, bytes]:
    """The file's one top-level object with `tag`, and its exact encoding as read."""
    objects = list(iter_tlv(raw, allow_padding=True))
    if len(objects) != 1 or objects[0][0].tag != tag:
        raise CardDataError(f"{what}: not one {tag:X} object")
    tlv, start, end = objects[0]
    return tlv, bytes(raw[start:end])


def fields_of(value: bytes) -> dict[int, tuple[Tlv, bytes]]:
    """The objects inside a template, by tag, each with its exact encoding."""
    out: dict[int, tuple[Tlv, bytes]] = {}
    for tlv, start, end in iter_tlv(value):
        if tlv.tag in out:
            raise CardDataError(f"tag {tlv.tag:X} appears twice")
        out[tlv.tag] = (tlv, value[start:end])
    return out


# -- common AP and EF.DIR -------------------------------------------------------------------------


@dataclass(frozen=True)
class CardInfo:
    """The common AP's card information (EF 0001)."""

    serial: bytes
    profile_version: int

    @property
    def serial_text(self) -> str:
        """The serial as shown and printed: 16 upper-case hexadecimal digits."""
        return self.serial.hex().upper()


def parse_card_info(raw: bytes) -> CardInfo:
    """FF40 { DF41 serial, DF42 profile version }."""
    with malformed("card information"):
        tlv, _ = single_object(raw, p.TAG_CARD_INFO, "card information")
        values = {tag: obj.value for tag, (obj, _) in fields_of(tlv.value).items()}
        serial = values[p.TAG_CARD_SERIAL]
        version = values[p.TAG_PROFILE_VERSION]
        if len(serial) != SERIAL_LENGTH or len(version) != 1:
            raise ValueError("serial or profile version of the wrong length")
        return CardInfo(serial, version[0])


@dataclass(frozen=True)
class ApplicationEntry:
    """One application template of EF.DIR."""

    aid: bytes
    label: str


def encode_application_entry(entry: ApplicationEntry) -> bytes:
    """61 { 4F AID, 50 label }."""
    return Tlv.build(
        p.TAG_APP_TEMPLATE,
        [Tlv(p.TAG_APP_AID, entry.aid), Tlv(p.TAG_APP_LABEL, entry.label.encode("utf-8"))],
    ).encode()


def parse_ef_dir(raw: bytes) -> tuple[ApplicationEntry, ...]:
    """Every application template in EF.DIR, in file order."""
    entries = []
    with malformed("application list"):
        for template in parse_all(raw, allow_padding=True):
            if template.tag != p.TAG_APP_TEMPLATE:
                continue
            values = {tag: obj.value for tag, (obj, _) in fields_of(template.value).items()}
            label = values.get(p.TAG_APP_LABEL, b"").decode("utf-8")
            entries.append(ApplicationEntry(values[p.TAG_APP_AID], label))
    return tuple(entries)


# -- text attributes AP ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TextAttributes:
    """Name, address, birth date and sex as the text attributes AP holds them."""

    name: str
    address: str
    birth_date: date
    sex: int  # ISO/IEC 5218: 1 male, 2 female, 9 not applicable


def encode_binding(serial: bytes) -> bytes:
    """Text AP EF 0001: FF10 { DF11 card serial }."""
    return Tlv.build(p.TAG_TEXT_BINDING, [Tlv(p.TAG_TEXT_SERIAL, serial)]).encode()


@dataclass(frozen=True)
class ParsedBinding:
    serial: bytes
    encoded: bytes  # the FF10 object as read: what DF31 digests


def parse_binding(raw: bytes) -> ParsedBinding:
    with malformed("card binding"):
        tlv, encoded = single_object(raw, p.TAG_TEXT_BINDING, "card binding")
        serial = fields_of(tlv.value)[p.TAG_TEXT_SERIAL][0].value
        return ParsedBinding(serial, encoded)


def encode_text_attributes(attributes: TextAttributes) -> bytes:
    """Text AP EF 0002: FF20 { DF21 offsets, DF22 name, DF23 address, DF24 birth, DF25 sex }."""
    objects = [
        Tlv(p.TAG_TEXT_NAME, attributes.name.encode("utf-8")).encode(),
        Tlv(p.TAG_TEXT_ADDRESS, attributes.address.encode("utf-8")).encode(),
        Tlv(p.TAG_TEXT_BIRTH, encode_date(attributes.birth_date)).encode(),
        Tlv(p.TAG_TEXT_SEX, encode_sex(attributes.sex)).encode(),
    ]
    return Tlv(p.TAG_TEXT, with_offsets(p.TAG_TEXT_OFFSETS, objects)).encode()


@dataclass(frozen=True)
class ParsedText:
    attributes: TextAttributes
    digested: bytes  # DF22 to DF25 as read: what DF32 digests


def parse_text_attributes(raw: bytes) -> ParsedText:
    with malformed("text attributes"):
        tlv, _ = single_object(raw, p.TAG_TEXT, "text attributes")
        fields = fields_of(tlv.value)
        tags = (p.TAG_TEXT_NAME, p.TAG_TEXT_ADDRESS, p.TAG_TEXT_BIRTH, p.TAG_TEXT_SEX)
        name, address, birth, sex = (fields[tag][0].value for tag in tags)
        attributes = TextAttributes(
            name=name.decode("utf-8"),
            address=address.decode("utf-8"),
            birth_date=decode_date(birth),
            sex=decode_sex(sex),
        )
        digested = b"".join(fields[tag][1] for tag in tags)
        if digested not in tlv.value:
            raise ValueError("DF22 to DF25 are not one run in file order")
        return ParsedText(attributes, digested)


def text_digests(binding: bytes, attributes: bytes) -> tuple[bytes, bytes]:
    """DF31 and DF32 for the encoded EF 0001 and EF 0002 (as built by this module)."""
    text = parse_text_attributes(attributes)
    return sha256(binding), sha256(text.digested)


def integrity_message(binding_digest: bytes, text_digest: bytes) -> bytes:
    """What DF33 signs: the DF31 TLV followed by the DF32 TLV."""
    return (
        Tlv(p.TAG_DIGEST_BINDING, binding_digest).encode()
        + Tlv(p.TAG_DIGEST_TEXT, text_digest).encode()
    )


def encode_integrity(binding: bytes, attributes: bytes, sign: Callable[[bytes], bytes]) -> bytes:
    """Text AP EF 0003: FF30 { DF31, DF32, DF33 signature made by `sign` }."""
    message = integrity_message(*text_digests(binding, attributes))
    signature = Tlv(p.TAG_INTEGRITY_SIGNATURE, sign(message)).encode()
    return Tlv(p.TAG_INTEGRITY, message + signature).encode()


@dataclass(frozen=True)
class ParsedIntegrity:
    binding_digest: bytes
    text_digest: bytes
    signature: bytes = field(repr=False)
    signed: bytes = field(repr=False)  # the DF31 and DF32 objects as read: what DF33 signs


def parse_integrity(raw: bytes) -> ParsedIntegrity:
    with malformed("integrity data"):
        tlv, _ = single_object(raw, p.TAG_INTEGRITY, "integrity data")
        fields = fields_of(tlv.value)
        binding_digest, binding_encoded = fields[p.TAG_DIGEST_BINDING]
        text_digest, text_encoded = fields[p.TAG_DIGEST_TEXT]
        signature = fields[p.TAG_INTEGRITY_SIGNATURE][0].value
        return ParsedIntegrity(
            binding_digest.value,
            text_digest.value,
            signature,
            binding_encoded + text_encoded,
        )


# -- face confirmation AP -------------------------------------------------------------------------


@dataclass(frozen=True)
class FaceData:
    """The face confirmation AP's data (EF 0002), images as stored."""

    birth_date: date
    sex: int
    chip_public_key: bytes = field(repr=False)  # uncompressed P-256 point, 65 bytes
    name_image: bytes = field(repr=False)  # 1-bit PNG
    address_image: bytes = field(repr=False)  # 1-bit PNG
    photo: bytes = field(repr=False)  # JPEG, empty for a no-photo card
    expiry: date = date.min
    code_image: bytes = field(default=b"", repr=False)  # security code, 1-bit PNG


def encode_chip_key(point: bytes) -> bytes:
    """7F49 { 86 point }."""
    return Tlv.build(p.TAG_CHIP_PUBLIC_KEY, [Tlv(p.TAG_EC_POINT, point)]).encode()


def parse_chip_key(raw: bytes) -> bytes:
    """The EC point inside 7F49 { 86 point }."""
    with malformed("chip public key"):
        tlv = parse_one(raw, allow_padding=True)
        if tlv.tag != p.TAG_CHIP_PUBLIC_KEY:
            raise ValueError("not a 7F49 public key")
        point = fields_of(tlv.value)[p.TAG_EC_POINT][0].value
        if len(point) != EC_POINT_LENGTH or point[0] != 0x04:
            raise ValueError("not an uncompressed P-256 point")
        return point


def face_objects(face: FaceData, chip_key: bytes | None = None) -> dict[int, bytes]:
    """Each object of the face data but DF28, encoded; DF24 holds `chip_key` as given, or else
    our card's 7F49 { 86 point } of `face.chip_public_key`."""
    key = chip_key if chip_key is not None else encode_chip_key(face.chip_public_key)
    return {
        p.TAG_FACE_BIRTH: Tlv(p.TAG_FACE_BIRTH, encode_date(face.birth_date)).encode(),
        p.TAG_FACE_SEX: Tlv(p.TAG_FACE_SEX, encode_sex(face.sex)).encode(),
        p.TAG_FACE_CHIP_KEY: Tlv(p.TAG_FACE_CHIP_KEY, key).encode(),
        p.TAG_FACE_NAME_IMAGE: Tlv(p.TAG_FACE_NAME_IMAGE, face.name_image).encode(),
        p.TAG_FACE_ADDRESS_IMAGE: Tlv(p.TAG_FACE_ADDRESS_IMAGE, face.address_image).encode(),
        p.TAG_FACE_PHOTO: Tlv(p.TAG_FACE_PHOTO, face.photo).encode(),
        p.TAG_FACE_EXPIRY: Tlv(p.TAG_FACE_EXPIRY, encode_date(face.expiry)).encode(),
        p.TAG_FACE_CODE_IMAGE: Tlv(p.TAG_FACE_CODE_IMAGE, face.code_image).encode(),
    }


def face_signed_message(encoded: dict[int, bytes]) -> bytes:
    """What DF28 signs: SHA-256 of each signed object's encoding, in the profile's order."""
    return b"".join(sha256(encoded[tag]) for tag in p.FACE_SIGNED_TAGS)


FACE_FILE_ORDER = (
    p.TAG_FACE_BIRTH,
    p.TAG_FACE_SEX,
    p.TAG_FACE_CHIP_KEY,
    p.TAG_FACE_NAME_IMAGE,
    p.TAG_FACE_ADDRESS_IMAGE,
    p.TAG_FACE_PHOTO,
    p.TAG_FACE_SIGNATURE,
    p.TAG_FACE_EXPIRY,
    p.TAG_FACE_CODE_IMAGE,
)


def encode_face_data(face: FaceData, sign: Callable[[bytes], bytes]) -> bytes:
    """Face AP EF 0002: FF20 { DF21 offsets, DF22 ... DF2A }, DF28 signed by `sign`."""
    encoded = face_objects(face)
    encoded[p.TAG_FACE_SIGNATURE] = Tlv(
        p.TAG_FACE_SIGNATURE, sign(face_signed_message(encoded))
    ).encode()
    objects = [encoded[tag] for tag in FACE_FILE_ORDER]
    return Tlv(p.TAG_FACE, with_offsets(p.TAG_FACE_OFFSETS, objects)).encode()


@dataclass(frozen=True)
class ParsedFace:
    face: FaceData
    signature: bytes = field(repr=False)
    signed: bytes = field(repr=False)  # the digests DF28 signs, over the objects as read


def parse_face_data(raw: bytes) -> ParsedFace:
    with malformed("face data"):
        tlv, _ = single_object(raw, p.TAG_FACE, "face data")
        fields = fields_of(tlv.value)
        value = {tag: fields[tag][0].value for tag in FACE_FILE_ORDER}
        face = FaceData(
            birth_date=decode_date(value[p.TAG_FACE_BIRTH]),
            sex=decode_sex(value[p.TAG_FACE_SEX]),
            chip_public_key=parse_chip_key(value[p.TAG_FACE_CHIP_KEY]),
            name_image=value[p.TAG_FACE_NAME_IMAGE],
            address_image=value[p.TAG_FACE_ADDRESS_IMAGE],
            photo=value[p.TAG_FACE_PHOTO],
            expiry=decode_date(value[p.TAG_FACE_EXPIRY]),
            code_image=value[p.TAG_FACE_CODE_IMAGE],
        )
        signed = face_signed_message({tag: fields[tag][1] for tag in p.FACE_SIGNED_TAGS})
        return ParsedFace(face, value[p.TAG_FACE_SIGNATURE], signed)


# -- 住基AP ----------------------------------------------------------------------------------------


def encode_resident_code(code: str) -> bytes:
    """住基AP EF 0001: FF70 { DF71 11 ASCII digits }."""
    if len(code) != RESIDENT_CODE_LENGTH or not code.isascii() or not code.isdigit():
        raise ValueError("a resident record code is 11 ASCII digits")
    return Tlv.build(p.TAG_RESIDENT_CODE, [Tlv(p.TAG_RESIDENT_CODE_VALUE, code.encode())]).encode()


def parse_resident_code(raw: bytes) -> str:
    # The message never quotes the data: it is the resident record code.
    try:
        tlv, _ = single_object(raw, p.TAG_RESIDENT_CODE, "resident record code")
        code = fields_of(tlv.value)[p.TAG_RESIDENT_CODE_VALUE][0].value.decode("ascii")
    except (TlvError, UnicodeDecodeError, KeyError):
        raise CardDataError("resident record code file is malformed") from None
    if len(code) != RESIDENT_CODE_LENGTH or not code.isdigit():
        raise CardDataError("resident record code is not 11 digits")
    return code
