"""Base45 (RFC 9285): bytes as QR alphanumeric text, so keyboard-wedge scanners type them."""

from __future__ import annotations

from typing import Final

ALPHABET: Final = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_INDEX: Final = {char: i for i, char in enumerate(ALPHABET)}


class Base45Error(ValueError):
    """Text that is not valid Base45."""


def encode(data: bytes) -> str:
    """Base45 text of `data`: two bytes become three characters, a last byte two."""
    out: list[str] = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        c, n = n % 45, n // 45
        d, e = n % 45, n // 45
        out += (ALPHABET[c], ALPHABET[d], ALPHABET[e])
    if len(data) % 2:
        n = data[-1]
        out += (ALPHABET[n % 45], ALPHABET[n // 45])
    return "".join(out)


def decode(text: str) -> bytes:
    """The bytes of Base45 `text`; Base45Error for foreign characters or impossible values."""
    try:
        values = [_INDEX[char] for char in text]
    except KeyError as exc:
        raise Base45Error(f"{exc.args[0]!r} is not a Base45 character") from None
    if len(values) % 3 == 1:
        raise Base45Error("Base45 text cannot have a length of 3n + 1")
    out = bytearray()
    for i in range(0, len(values), 3):
        chunk = values[i : i + 3]
        if len(chunk) == 3:
            n = chunk[0] + 45 * chunk[1] + 2025 * chunk[2]
            if n > 0xFFFF:
                raise Base45Error("a Base45 triplet is larger than two bytes")
            out += n.to_bytes(2, "big")
        else:
            n = chunk[0] + 45 * chunk[1]
            if n > 0xFF:
                raise Base45Error("a final Base45 pair is larger than one byte")
            out.append(n)
    return bytes(out)
