"""Recovering the P-256 public keys that could have made an ECDSA signature (SEC 1 §4.1.6).

A chip opened with the PIN does not show its issuer-signed key (that is in the face data); the
register keeps the key's SHA-256 instead, and the key recovered from the chip's fresh answer
must be the one recorded.
"""

from __future__ import annotations

import hashlib
from typing import Final

P: Final = 0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF
A: Final = P - 3
B: Final = 0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B
N: Final = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
G: Final = (
    0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296,
    0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5,
)

Point = tuple[int, int] | None  # None is the point at infinity


def _add(p1: Point, p2: Point) -> Point:
    if p1 is None:
        return p2
    if p2 is None:
        return p1
    (x1, y1), (x2, y2) = p1, p2
    if x1 == x2 and (y1 + y2) % P == 0:
        return None
    if p1 == p2:
        slope = (3 * x1 * x1 + A) * pow(2 * y1, -1, P) % P
    else:
        slope = (y2 - y1) * pow(x2 - x1, -1, P) % P
    x3 = (slope * slope - x1 - x2) % P
    return x3, (slope * (x1 - x3) - y1) % P


def _multiply(k: int, point: Point) -> Point:
    result: Point = None
    addend = point
    while k:
        if k & 1:
            result = _add(result, addend)
        addend = _add(addend, addend)
        k >>= 1
    return result


def recover_points(message: bytes, signature: bytes) -> list[bytes]:
    """The uncompressed points (65 bytes) of every key for which `signature` (r ‖ s) over
    `message` with SHA-256 is valid; empty for a malformed signature."""
    half = len(signature) // 2
    r = int.from_bytes(signature[:half], "big")
    s = int.from_bytes(signature[half:], "big")
    if len(signature) != 64 or not (0 < r < N and 0 < s < N):
        return []
    e = int.from_bytes(hashlib.sha256(message).digest(), "big") % N
    r_inverse = pow(r, -1, N)
    found: list[bytes] = []
    for x in (r, r + N):
        if x >= P:
            continue
        rhs = (pow(x, 3, P) + A * x + B) % P
        y = pow(rhs, (P + 1) // 4, P)
        if y * y % P != rhs:
            continue
        for candidate in (y, P - y):
            q = _multiply(r_inverse, _add(_multiply(s, (x, candidate)), _multiply(N - e, G)))
            if q is not None:
                found.append(b"\x04" + q[0].to_bytes(32, "big") + q[1].to_bytes(32, "big"))
    return found
