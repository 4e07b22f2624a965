"""The real 個人番号カード's files where they differ from ours, built and parsed.

The text AP's files have our card's shapes (EF 0001 holds the individual number instead of the
card serial; the counter only digests it). The face AP's EF 0002 has our shape too, except that
DF24 is kept as stored and DF28 holds one signature per group of objects
(`real_profile.FACE_SIGNED_GROUPS`), each over that group's objects as stored; DF29 (expiry) and
DF2A (security-code image) are signed by none. See docs/card-profile.md, "The real 個人番号カード
profile".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from counter_app.card import layout
from counter_app.card import profile as p
from counter_app.card import real_profile as real
from counter_app.card.tlv import Tlv, iter_tlv

NUMBER_LENGTH = 12
TAG_NUMBER = 0xFF10  # the virtual real-profile card's EF 0001: FF10 { DF11 12 digits }
TAG_NUMBER_VALUE = 0xDF11


def encode_number_file(number: str) -> bytes:
    """Text AP EF 0001 of the virtual real-profile card (what DF31 digests)."""
    if len(number) != NUMBER_LENGTH or not number.isascii() or not number.isdigit():
        raise ValueError("an individual number is 12 ASCII digits")
    return Tlv.build(TAG_NUMBER, [Tlv(TAG_NUMBER_VALUE, number.encode("ascii"))]).encode()


def number_file_digest(raw: bytes) -> bytes:
    """SHA-256 of EF 0001's one object as stored (padding dropped); never parses the number."""
    with layout.malformed("individual number file"):
        objects = list(iter_tlv(raw, allow_padding=True))
        if len(objects) != 1:
            raise ValueError("not one data object")
        _, start, end = objects[0]
        return layout.sha256(bytes(raw[start:end]))


def group_messages(encoded: dict[int, bytes]) -> tuple[bytes, ...]:
    """What each DF28 signature signs: its group's objects, as stored, in file order."""
    return tuple(b"".join(encoded[tag] for tag in group) for group in real.FACE_SIGNED_GROUPS)


def face_objects_for_signing(face: layout.FaceData) -> dict[int, bytes]:
    """Each object but DF28, encoded as the real card stores it (DF24 as given)."""
    return layout.face_objects(face, chip_key=face.chip_public_key)


def encode_face_data(face: layout.FaceData, sign: Callable[[bytes], bytes]) -> bytes:
    """Face AP EF 0002 of the real profile; `sign` is called once per group, in group order."""
    encoded = face_objects_for_signing(face)
    signatures = b"".join(sign(message) for message in group_messages(encoded))
    encoded[p.TAG_FACE_SIGNATURE] = Tlv(p.TAG_FACE_SIGNATURE, signatures).encode()
    objects = [encoded[tag] for tag in layout.FACE_FILE_ORDER]
    return Tlv(p.TAG_FACE, layout.with_offsets(p.TAG_FACE_OFFSETS, objects)).encode()


@dataclass(frozen=True)
class ParsedRealFace:
    """The face data, and per group the signed bytes and its signature (None when DF28 is
    not three signatures of the right length)."""

    face: layout.FaceData
    messages: tuple[bytes, ...] = field(repr=False)
    signatures: tuple[bytes, ...] | None = field(repr=False)


def _split_signatures(value: bytes) -> tuple[bytes, ...] | None:
    size = real.GROUP_SIGNATURE_LENGTH
    if len(value) != size * len(real.FACE_SIGNED_GROUPS):
        return None
    return tuple(value[i : i + size] for i in range(0, len(value), size))


def parse_face_data(raw: bytes) -> ParsedRealFace:
    """Parse the real face AP's EF 0002; CardDataError when it is malformed."""
    with layout.malformed("face data"):
        tlv, _ = layout.single_object(raw, p.TAG_FACE, "face data")
        fields = layout.fields_of(tlv.value)
        value = {tag: fields[tag][0].value for tag in layout.FACE_FILE_ORDER}
        face = layout.FaceData(
            birth_date=layout.decode_date(value[p.TAG_FACE_BIRTH]),
            sex=layout.decode_sex(value[p.TAG_FACE_SEX]),
            chip_public_key=value[p.TAG_FACE_CHIP_KEY],
            name_image=value[p.TAG_FACE_NAME_IMAGE],
            address_image=value[p.TAG_FACE_ADDRESS_IMAGE],
            photo=value[p.TAG_FACE_PHOTO],
            expiry=layout.decode_date(value[p.TAG_FACE_EXPIRY]),
            code_image=value[p.TAG_FACE_CODE_IMAGE],
        )
        messages = group_messages({tag: fields[tag][1] for tag in layout.FACE_FILE_ORDER})
        signatures = _split_signatures(value[p.TAG_FACE_SIGNATURE])
        return ParsedRealFace(face, messages, signatures)
