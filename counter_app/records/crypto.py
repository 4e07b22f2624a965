"""Sealing resident record codes: AES-256-GCM at rest, a keyed HMAC for uniqueness.

The master key (32 random bytes) lives outside the database, in a file the caller names (the
configuration's `record_code_key`), created with mode 0600 on first use. Counters sharing one
PostgreSQL register must share this file.
Keys are derived from it with HKDF-SHA256 (no salt): one for AES-GCM, one for the HMAC, one for
other private data. With a security module the token holds HKDF's pseudorandom key instead and
runs the expand step (HMAC-SHA256) itself; the derived keys are the same bytes. The sealed
form is `version (1 byte) || nonce (12) || ciphertext+tag`, with the resident's id as associated
data, so a sealed code copied to another resident's row no longer opens. The register keeps an
HMAC check value of the key (`register_meta.record_code_key_check`) so a wrong key is caught
before anything is written with it.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
from collections.abc import Callable, Sequence
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from counter_app.records.errors import RecordCodeKeyError
from counter_app.records.types import RecordCode

SEAL_VERSION = 1
_NONCE_LEN = 12


def load_or_create_key(path: Path, *, create: bool) -> bytes:
    """Read the 32-byte master key (hex in the file); create it (mode 0600) when allowed."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        if not create:
            raise RecordCodeKeyError("the record-code key file does not exist") from None
        return _create_key(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordCodeKeyError("the record-code key file cannot be read") from exc
    try:
        key = bytes.fromhex(text)
    except ValueError:
        raise RecordCodeKeyError("the record-code key file is damaged") from None
    if len(key) != 32:
        raise RecordCodeKeyError("the record-code key file is damaged")
    return key


def _create_key(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_bytes(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first: use theirs
        return load_or_create_key(path, create=False)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key.hex() + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return key


Prf = Callable[[bytes], bytes]
"""HMAC-SHA256 under the HKDF pseudorandom key: in host memory, or in a security module."""


class RecordCodeCipher:
    """Seals, opens and fingerprints record codes with keys derived from one master key."""

    def __init__(self, master_key: bytes) -> None:
        prk = record_code_prk(master_key)
        self._use(functools.partial(_hmac_sha256, prk))

    @classmethod
    def from_prk(cls, prf: Prf) -> RecordCodeCipher:
        """The same cipher with HKDF's expand step run by `prf`, HMAC-SHA256 under the master
        key's pseudorandom key (`record_code_prk`), which a security module keeps: the derived
        keys are the file key's, byte for byte, so a register keeps working."""
        cipher = cls.__new__(cls)
        cipher._use(prf)
        return cipher

    def _use(self, prf: Prf) -> None:
        self._aead = AESGCM(_expand(prf, b"resident-record-code aes-gcm v1"))
        self._mac_key = _expand(prf, b"resident-record-code hmac v1")
        self._data_aead = AESGCM(_expand(prf, b"card print data aes-gcm v1"))

    def __repr__(self) -> str:
        return "RecordCodeCipher(<keys hidden>)"

    def seal(self, code: RecordCode, resident_id: int) -> bytes:
        """The stored form of `code` for the resident with this id."""
        nonce = secrets.token_bytes(_NONCE_LEN)
        sealed = self._aead.encrypt(nonce, code.reveal().encode("ascii"), _aad(resident_id))
        return bytes([SEAL_VERSION]) + nonce + sealed

    def open(self, sealed: bytes, resident_id: int) -> RecordCode:
        """The code sealed for this resident; RecordCodeKeyError when it does not open."""
        if not sealed or sealed[0] != SEAL_VERSION:
            raise RecordCodeKeyError("a sealed record code has an unknown format")
        nonce, body = sealed[1 : 1 + _NONCE_LEN], sealed[1 + _NONCE_LEN :]
        try:
            plain = self._aead.decrypt(nonce, body, _aad(resident_id))
        except InvalidTag:
            raise RecordCodeKeyError("a sealed record code does not open with this key") from None
        return RecordCode(plain.decode("ascii"))

    def seal_data(self, plain: bytes, label: str) -> bytes:
        """Seal other private data (a card's print data) bound to `label` (e.g. `card:12`)."""
        nonce = secrets.token_bytes(_NONCE_LEN)
        sealed = self._data_aead.encrypt(nonce, plain, label.encode("ascii"))
        return bytes([SEAL_VERSION]) + nonce + sealed

    def open_data(self, sealed: bytes, label: str) -> bytes:
        """The data sealed with `label`; RecordCodeKeyError when it does not open."""
        if not sealed or sealed[0] != SEAL_VERSION:
            raise RecordCodeKeyError("sealed data has an unknown format")
        nonce, body = sealed[1 : 1 + _NONCE_LEN], sealed[1 + _NONCE_LEN :]
        try:
            return self._data_aead.decrypt(nonce, body, label.encode("ascii"))
        except InvalidTag:
            raise RecordCodeKeyError("sealed data does not open with this key") from None

    def seal_many(self, items: Sequence[tuple[str, int]]) -> dict[int, tuple[bytes, bytes]]:
        """Sealed form and fingerprint of many (digits, resident id) pairs, by resident id."""
        nonces = secrets.token_bytes(_NONCE_LEN * len(items))
        mac = hmac.new(self._mac_key, digestmod=hashlib.sha256)
        encrypt, version = self._aead.encrypt, bytes([SEAL_VERSION])
        result: dict[int, tuple[bytes, bytes]] = {}
        for n, (digits, resident_id) in enumerate(items):
            plain = RecordCode(digits).reveal().encode("ascii")
            nonce = nonces[n * _NONCE_LEN : (n + 1) * _NONCE_LEN]
            one = mac.copy()
            one.update(plain)
            sealed = version + nonce + encrypt(nonce, plain, _aad(resident_id))
            result[resident_id] = (sealed, one.digest())
        return result

    def fingerprint(self, code: RecordCode) -> bytes:
        """Keyed HMAC-SHA256 of the code: equal codes, equal fingerprints; reveals nothing."""
        return hmac.new(self._mac_key, code.reveal().encode("ascii"), hashlib.sha256).digest()

    def key_check(self) -> str:
        """A value stored in the register to recognise this key later."""
        return hmac.new(self._mac_key, b"key check", hashlib.sha256).hexdigest()


def record_code_prk(master_key: bytes) -> bytes:
    """HKDF-SHA256's extract step (RFC 5869, no salt): the key the sub-keys are expanded from;
    what a security module holds instead of the master key."""
    return _hmac_sha256(bytes(hashlib.sha256().digest_size), master_key)


def _hmac_sha256(key: bytes, data: bytes) -> bytes:
    return hmac.new(key, data, hashlib.sha256).digest()


def _expand(prf: Prf, info: bytes) -> bytes:
    """HKDF-SHA256's expand step for one 32-byte key: T(1) = HMAC(PRK, info || 01)."""
    return prf(info + b"\x01")


def _aad(resident_id: int) -> bytes:
    return f"resident:{resident_id}".encode("ascii")
