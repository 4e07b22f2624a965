"""Secrets that derive keys inside the token (SoftHSM2): the derived keys are the file keys'
byte for byte, and the secrets never come out of the token."""

from __future__ import annotations

import os

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pkcs11 import Attribute
from pkcs11 import exceptions as p11

from counter_app.card.scp03 import diversify_keys, diversify_keys_with
from counter_app.keystore import TokenOperationError, open_token
from counter_app.keystore.secret_keys import (
    CHANNEL_MASTER_LABEL,
    RECORD_CODE_LABEL,
    TokenCmac,
    TokenHmac,
    import_aes_key,
    import_hmac_key,
)
from counter_app.records.crypto import RecordCodeCipher, record_code_prk
from counter_app.records.types import RecordCode
from tests.support.softhsm import SoftToken

INFOS = (b"resident-record-code aes-gcm v1", b"resident-record-code hmac v1")


def test_card_keys_diversified_in_the_token_are_the_file_masters_keys(
    soft_token: SoftToken,
) -> None:
    token = open_token(soft_token.settings)
    master = os.urandom(16)
    import_aes_key(token, CHANNEL_MASTER_LABEL, master)
    in_token = TokenCmac(token, CHANNEL_MASTER_LABEL)
    for _ in range(5):
        serial = os.urandom(8)
        assert diversify_keys_with(in_token, serial) == diversify_keys(master, serial)
    with pytest.raises(p11.AttributeSensitive):  # the token never shows the master key
        token.secret_key(CHANNEL_MASTER_LABEL)[Attribute.VALUE]
    with pytest.raises(TokenOperationError, match="already holds"):
        import_aes_key(token, CHANNEL_MASTER_LABEL, os.urandom(16))


def test_the_record_code_keys_expanded_in_the_token_are_the_file_keys(
    soft_token: SoftToken,
) -> None:
    token = open_token(soft_token.settings)
    master = os.urandom(32)
    import_hmac_key(token, RECORD_CODE_LABEL, record_code_prk(master))
    prf = TokenHmac(token, RECORD_CODE_LABEL)
    for info in INFOS:  # HKDF-SHA256 as the file path has always computed it
        expected = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)
        assert prf(info + b"\x01") == expected
    from_file, from_token = RecordCodeCipher(master), RecordCodeCipher.from_prk(prf)
    assert from_token.key_check() == from_file.key_check()  # the register still knows it
    code = RecordCode("12345678901")
    assert from_token.open(from_file.seal(code, 7), 7).reveal() == code.reveal()
    assert from_file.open(from_token.seal(code, 8), 8).reveal() == code.reveal()
    assert from_token.fingerprint(code) == from_file.fingerprint(code)
    assert RecordCodeCipher(os.urandom(32)).key_check() != from_token.key_check()
    with pytest.raises(p11.AttributeSensitive):
        token.secret_key(RECORD_CODE_LABEL)[Attribute.VALUE]
