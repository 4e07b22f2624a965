"""Secret (symmetric) keys in the token that derive other keys there, never leaving it.

Two of the municipality's secrets are imported once from the files that held them before
(`counter-app keys import-secrets`): the issuer secure channel's master key, an AES key the
token uses for AES-CMAC (each card's SCP03 keys are derived from it, card-profile.md §5), and the
record-code key's HKDF pseudorandom key, an HMAC key the token uses for HMAC-SHA256 (the
register's sub-keys are expanded from it). Both are imported sensitive and not extractable: the
token computes with them and never shows them. What they derive (a card's channel keys, the
register's AES-GCM and HMAC keys) lives in the host's memory for as long as it is used.
"""

from __future__ import annotations

from typing import Any, Final

from pkcs11 import Attribute, KeyType, Mechanism, ObjectClass

from counter_app.keystore.errors import TokenOperationError
from counter_app.keystore.token import Token

CHANNEL_MASTER_LABEL: Final = "channel-master"  # AES-128, AES-CMAC
RECORD_CODE_LABEL: Final = "record-code-prk"  # 32 bytes, HMAC-SHA256
AES_KEY_LENGTHS: Final = (16, 24, 32)


def _import(token: Token, label: str, key_type: KeyType, value: bytes) -> None:
    if token.has(ObjectClass.SECRET_KEY, label):
        raise TokenOperationError(
            f"token {token.label!r} already holds a secret key labelled {label!r}"
        )
    template = {
        Attribute.CLASS: ObjectClass.SECRET_KEY,
        Attribute.KEY_TYPE: key_type,
        Attribute.VALUE: value,
        Attribute.LABEL: label,
        Attribute.TOKEN: True,
        Attribute.PRIVATE: True,
        Attribute.SENSITIVE: True,
        Attribute.EXTRACTABLE: False,
        Attribute.SIGN: True,
        Attribute.VERIFY: True,
        Attribute.ENCRYPT: False,
        Attribute.DECRYPT: False,
        Attribute.WRAP: False,
        Attribute.UNWRAP: False,
        Attribute.DERIVE: False,
    }
    with token.session() as session:
        session.create_object(template)


def import_aes_key(token: Token, label: str, value: bytes) -> None:
    """Import an AES key for AES-CMAC only: sensitive, not extractable, refused if there."""
    if len(value) not in AES_KEY_LENGTHS:
        raise ValueError(f"an AES key has 16, 24 or 32 bytes, not {len(value)}")
    _import(token, label, KeyType.AES, value)


def import_hmac_key(token: Token, label: str, value: bytes) -> None:
    """Import a generic secret for HMAC-SHA256 only: sensitive, not extractable."""
    if len(value) < 32:
        raise ValueError(f"an HMAC-SHA256 key has at least 32 bytes, not {len(value)}")
    _import(token, label, KeyType.GENERIC_SECRET, value)


class _TokenMac:
    """A MAC under the token's secret key `label`, computed in the token (the key stays there)."""

    mechanism: Mechanism

    def __init__(self, token: Token, label: str) -> None:
        self._token = token
        self._label = label

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._token.label!r}, {self._label!r})"

    def __call__(self, data: bytes) -> bytes:
        key: Any = self._token.secret_key(self._label)  # python-pkcs11's stub lacks sign()
        with self._token.session():
            tag: bytes = key.sign(data, mechanism=self.mechanism)
        return tag


class TokenCmac(_TokenMac):
    """AES-CMAC under the token's AES key `label`."""

    mechanism = Mechanism.AES_CMAC


class TokenHmac(_TokenMac):
    """HMAC-SHA256 under the token's generic secret `label`."""

    mechanism = Mechanism.SHA256_HMAC


def has_secret(token: Token, label: str) -> bool:
    """True when the token holds the secret key `label`."""
    return token.has(ObjectClass.SECRET_KEY, label)
