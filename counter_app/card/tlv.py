"""BER-TLV (ISO/IEC 7816-4 §5.2, ISO/IEC 8825-1) tags and lengths, parsed and built."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass


class TlvError(ValueError):
    """Bytes that are not well-formed BER-TLV."""


def _read_tag(buf: bytes, pos: int) -> tuple[int, int]:
    if pos >= len(buf):
        raise TlvError("truncated tag")
    first = buf[pos]
    tag = first
    pos += 1
    if first & 0x1F == 0x1F:
        while True:
            if pos >= len(buf):
                raise TlvError("truncated multi-byte tag")
            b = buf[pos]
            tag = (tag << 8) | b
            pos += 1
            if not b & 0x80:
                break
            if tag > 0xFFFFFF:
                raise TlvError("tag longer than three bytes")
    return tag, pos


def _read_length(buf: bytes, pos: int) -> tuple[int, int]:
    if pos >= len(buf):
        raise TlvError("truncated length")
    first = buf[pos]
    pos += 1
    if first < 0x80:
        return first, pos
    n = first & 0x7F
    if n == 0 or n > 3:
        raise TlvError(f"unsupported length form {first:02X}")
    if pos + n > len(buf):
        raise TlvError("truncated length")
    return int.from_bytes(buf[pos : pos + n], "big"), pos + n


def encode_tag(tag: int) -> bytes:
    """The tag's bytes, as written in the standards (0x5F4E -> 5F 4E)."""
    if tag < 0:
        raise TlvError("negative tag")
    return tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")


def encode_length(length: int) -> bytes:
    """Definite length in the shortest form (1 to 4 bytes)."""
    if length < 0:
        raise TlvError("negative length")
    if length < 0x80:
        return bytes((length,))
    if length <= 0xFF:
        return bytes((0x81, length))
    if length <= 0xFFFF:
        return b"\x82" + length.to_bytes(2, "big")
    if length <= 0xFFFFFF:
        return b"\x83" + length.to_bytes(3, "big")
    raise TlvError("length longer than 16 MiB")


def object_extent(buf: bytes) -> int:
    """Bytes taken by the data object `buf` begins with: tag, length and value (TlvError when
    its header is cut short); the value itself need not be in `buf` yet."""
    _, pos = _read_tag(buf, 0)
    length, pos = _read_length(buf, pos)
    return pos + length


def is_constructed(tag: int) -> bool:
    """True when the tag's first byte has the constructed bit (b6) set."""
    first = encode_tag(tag)[0]
    return bool(first & 0x20)


@dataclass(frozen=True)
class Tlv:
    """One BER-TLV data object."""

    tag: int
    value: bytes

    def encode(self) -> bytes:
        return encode_tag(self.tag) + encode_length(len(self.value)) + self.value

    def children(self) -> list[Tlv]:
        """The data objects inside a constructed object."""
        return parse_all(self.value)

    @classmethod
    def build(cls, tag: int, children: Iterable[Tlv]) -> Tlv:
        """A constructed object holding `children` in order."""
        return cls(tag, b"".join(child.encode() for child in children))


def iter_tlv(buf: bytes, *, allow_padding: bool = False) -> Iterator[tuple[Tlv, int, int]]:
    """Yield (object, start offset, end offset) for each object at the top level of `buf`.

    With `allow_padding`, a 00 byte where a tag would start ends the walk: transparent files are
    created larger than their content and padded with zeros (FF starts a tag: FF20, FF30...).
    """
    pos = 0
    buf = bytes(buf)
    while pos < len(buf):
        if allow_padding and buf[pos] == 0x00:
            return
        start = pos
        tag, pos = _read_tag(buf, pos)
        length, pos = _read_length(buf, pos)
        end = pos + length
        if end > len(buf):
            raise TlvError(f"value of tag {tag:X} runs past the end")
        yield Tlv(tag, buf[pos:end]), start, end
        pos = end


def parse_all(buf: bytes, *, allow_padding: bool = False) -> list[Tlv]:
    """Every top-level object in `buf`."""
    return [tlv for tlv, _, _ in iter_tlv(buf, allow_padding=allow_padding)]


def parse_one(buf: bytes, *, allow_padding: bool = False) -> Tlv:
    """The single object in `buf` (trailing zero padding allowed when asked)."""
    objects = parse_all(buf, allow_padding=allow_padding)
    if len(objects) != 1:
        raise TlvError(f"expected one data object, found {len(objects)}")
    return objects[0]


def to_dict(objects: Iterable[Tlv]) -> dict[int, bytes]:
    """Map tag to value; a repeated tag is an error, since card files never repeat one."""
    out: dict[int, bytes] = {}
    for tlv in objects:
        if tlv.tag in out:
            raise TlvError(f"tag {tlv.tag:X} appears twice")
        out[tlv.tag] = tlv.value
    return out


def find(objects: Iterable[Tlv], tag: int) -> bytes:
    """The value of `tag` among `objects`, or TlvError when it is missing."""
    for tlv in objects:
        if tlv.tag == tag:
            return tlv.value
    raise TlvError(f"tag {tag:X} missing")
