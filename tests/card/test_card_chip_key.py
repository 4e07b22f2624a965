"""The chip key recovered from a chip's signature: how the PIN path checks a chip is genuine."""

from __future__ import annotations

import hashlib
import os

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from counter_app.card.chip_key import recover_points
from counter_app.card.sessions.card import ChipAnswer
from counter_app.card.verification import CheckId, Verdict, check_chip_fingerprint


def _answer(key: ec.EllipticCurvePrivateKey) -> ChipAnswer:
    card, host = os.urandom(8), os.urandom(8)
    r, s = decode_dss_signature(key.sign(card + host, ec.ECDSA(hashes.SHA256())))
    return ChipAnswer(card, host, r.to_bytes(32, "big") + s.to_bytes(32, "big"))


def _fingerprint(key: ec.EllipticCurvePrivateKey) -> str:
    point = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return hashlib.sha256(point).hexdigest()


def test_the_signing_key_is_among_the_recovered_keys() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    answer = _answer(key)
    points = recover_points(answer.signed, answer.signature)
    assert 1 <= len(points) <= 4
    assert any(hashlib.sha256(point).hexdigest() == _fingerprint(key) for point in points)
    assert recover_points(answer.signed, bytes(64)) == []


def test_a_chip_with_the_recorded_key_succeeds_another_chip_fails() -> None:
    genuine, other = (
        ec.generate_private_key(ec.SECP256R1()),
        ec.generate_private_key(ec.SECP256R1()),
    )
    recorded = _fingerprint(genuine)
    assert check_chip_fingerprint(recorded, _answer(genuine)).verdict is Verdict.SUCCEEDED
    clone = check_chip_fingerprint(recorded, _answer(other))
    assert clone.id is CheckId.CHIP_AUTHENTICATION and clone.verdict is Verdict.FAILED
    assert check_chip_fingerprint(None, _answer(genuine)).verdict is Verdict.UNKNOWN
