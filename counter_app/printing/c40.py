"""C40 text encoding of visible digital seals (BSI TR-03137 Annex B, ICAO 9303-13)."""

from __future__ import annotations

from typing import Final

_SHIFT1: Final = 0  # pads a final pair of characters to a triplet
_SINGLE: Final = 0xFE  # a single final character follows as ASCII + 1
_ALPHABET: Final = " 0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # values 3..39


class C40Error(ValueError):
    """Text that C40 cannot hold, or bytes that are not C40."""


def _value(char: str) -> int:
    index = _ALPHABET.find(" " if char == "<" else char)
    if index < 0 or len(char) != 1:
        raise C40Error(f"{char!r} is not in the C40 set A-Z, 0-9, space and '<'")
    return index + 3


def encode(text: str) -> bytes:
    """C40 bytes of `text` (A-Z, 0-9, space; '<' is written as a space)."""
    values = [_value(char) for char in text]
    out = bytearray()
    full = len(values) - len(values) % 3
    for i in range(0, full, 3):
        out += (1600 * values[i] + 40 * values[i + 1] + values[i + 2] + 1).to_bytes(2, "big")
    rest = values[full:]
    if len(rest) == 2:
        out += (1600 * rest[0] + 40 * rest[1] + _SHIFT1 + 1).to_bytes(2, "big")
    elif len(rest) == 1:
        out += bytes((_SINGLE, ord(text[-1].replace("<", " ")) + 1))
    return bytes(out)


def decode(data: bytes) -> str:
    """The text of C40 bytes, spaces as spaces (the header decoder turns fillers into '<')."""
    if len(data) % 2:
        raise C40Error("C40 data has an odd number of bytes")
    chars: list[str] = []
    for i in range(0, len(data), 2):
        first, second = data[i], data[i + 1]
        if first == _SINGLE:
            if i != len(data) - 2:
                raise C40Error("a single-character block before the end")
            char = chr(second - 1)
            if char not in _ALPHABET:
                raise C40Error(f"single character {second - 1:#04x} is not in the C40 set")
            chars.append(char)
            continue
        value = (first << 8 | second) - 1
        if not 0 <= value < 64000:
            raise C40Error(f"C40 block {first:02X}{second:02X} is out of range")
        triplet = (value // 1600, value // 40 % 40, value % 40)
        for position, u in enumerate(triplet):
            if u == _SHIFT1 and position == 2 and i == len(data) - 2:
                continue  # padding of a final pair
            if u < 3:
                raise C40Error(f"C40 shift value {u} is not used in seals")
            chars.append(_ALPHABET[u - 3])
    return "".join(chars)


def encoded_length(characters: int) -> int:
    """Bytes that C40 takes for this many characters."""
    return (characters + 2) // 3 * 2
