"""Signing keys as the card and printing layers use them: in a token, or in a training file.

Either kind signs with the same algorithm and encoding, so nothing that verifies changes: RSA
keys sign RSASSA-PKCS1-v1_5 with SHA-256, EC keys ECDSA with DER signatures (PKCS#11 answers
raw r||s; it is converted here). A token key's private half never leaves the token.
"""

from __future__ import annotations

import hashlib
from typing import Protocol

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from pkcs11 import Attribute, Mechanism, ObjectClass, SignMixin
from pkcs11.util.ec import encode_ec_public_key

from counter_app.keystore.errors import TokenOperationError
from counter_app.keystore.token import Token

# PKCS#11 CKM_ECDSA signs a digest the caller computes (SoftHSM2 has no CKM_ECDSA_SHA256).
_DIGESTS = {"sha224": hashlib.sha224, "sha256": hashlib.sha256, "sha384": hashlib.sha384}


class RsaSigningKey(Protocol):
    """An RSA private key that signs RSASSA-PKCS1-v1_5 with SHA-256."""

    def public_key(self) -> rsa.RSAPublicKey: ...

    def sign_pkcs1v15_sha256(self, message: bytes) -> bytes: ...


class EcSigningKey(Protocol):
    """An EC private key that signs ECDSA and answers the DER encoding."""

    def public_key(self) -> ec.EllipticCurvePublicKey: ...

    def sign_ecdsa(self, message: bytes, algorithm: hashes.HashAlgorithm) -> bytes: ...


class FileRsaKey:
    """An RSA key held in memory from a key file (the training mode)."""

    def __init__(self, key: rsa.RSAPrivateKey) -> None:
        self._key = key

    def __repr__(self) -> str:
        return "FileRsaKey()"

    def public_key(self) -> rsa.RSAPublicKey:
        return self._key.public_key()

    def sign_pkcs1v15_sha256(self, message: bytes) -> bytes:
        return self._key.sign(message, padding.PKCS1v15(), hashes.SHA256())


class FileEcKey:
    """An EC key held in memory from a key file (the training mode): RFC 6979 nonces."""

    def __init__(self, key: ec.EllipticCurvePrivateKey) -> None:
        self._key = key

    def __repr__(self) -> str:
        return "FileEcKey()"

    def public_key(self) -> ec.EllipticCurvePublicKey:
        return self._key.public_key()

    def sign_ecdsa(self, message: bytes, algorithm: hashes.HashAlgorithm) -> bytes:
        return self._key.sign(message, ec.ECDSA(algorithm, deterministic_signing=True))


class TokenRsaKey:
    """An RSA key pair in the token, found by its label; signs with CKM_SHA256_RSA_PKCS."""

    def __init__(self, token: Token, label: str) -> None:
        self._token = token
        self.label = label
        public = token.public_key(label)
        with token.session():
            exponent, modulus = public[Attribute.PUBLIC_EXPONENT], public[Attribute.MODULUS]
        self._public = rsa.RSAPublicNumbers(
            int.from_bytes(exponent, "big"), int.from_bytes(modulus, "big")
        ).public_key()

    def __repr__(self) -> str:
        return f"TokenRsaKey({self.label!r})"

    def public_key(self) -> rsa.RSAPublicKey:
        return self._public

    def sign_pkcs1v15_sha256(self, message: bytes) -> bytes:
        key: SignMixin = self._token.find(ObjectClass.PRIVATE_KEY, self.label)
        with self._token.session():
            signature: bytes = key.sign(message, mechanism=Mechanism.SHA256_RSA_PKCS)
        return signature


class TokenEcKey:
    """An EC key pair in the token, found by its label; signs with CKM_ECDSA over our digest.

    The token draws each nonce from its own generator, so unlike a file key two signatures of
    the same message differ; both verify.
    """

    def __init__(self, token: Token, label: str) -> None:
        self._token = token
        self.label = label
        public = token.public_key(label)
        with token.session():
            der = encode_ec_public_key(public)
        loaded = serialization.load_der_public_key(der)
        if not isinstance(loaded, ec.EllipticCurvePublicKey):
            raise TokenOperationError(f"key {label!r} in the token is not an EC key")
        self._public = loaded

    def __repr__(self) -> str:
        return f"TokenEcKey({self.label!r})"

    def public_key(self) -> ec.EllipticCurvePublicKey:
        return self._public

    def sign_ecdsa(self, message: bytes, algorithm: hashes.HashAlgorithm) -> bytes:
        digest = _DIGESTS.get(algorithm.name)
        if digest is None:
            raise ValueError(f"no ECDSA with {algorithm.name} in the token")
        key: SignMixin = self._token.find(ObjectClass.PRIVATE_KEY, self.label)
        with self._token.session():
            raw: bytes = key.sign(digest(message).digest(), mechanism=Mechanism.ECDSA)
        half = len(raw) // 2
        r, s = int.from_bytes(raw[:half], "big"), int.from_bytes(raw[half:], "big")
        return encode_dss_signature(r, s)


def as_rsa_signing_key(key: rsa.RSAPrivateKey | RsaSigningKey) -> RsaSigningKey:
    """`key` as an RsaSigningKey (a cryptography key from a file is wrapped)."""
    return FileRsaKey(key) if isinstance(key, rsa.RSAPrivateKey) else key


def as_ec_signing_key(key: ec.EllipticCurvePrivateKey | EcSigningKey) -> EcSigningKey:
    """`key` as an EcSigningKey (a cryptography key from a file is wrapped)."""
    return FileEcKey(key) if isinstance(key, ec.EllipticCurvePrivateKey) else key
