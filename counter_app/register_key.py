"""Where the register's record-code key is: in the security module once imported there
(`counter-app keys import-secrets`), else the key file (the training default).

With the token the register's sub-keys are expanded by HMAC-SHA256 in the token from the key's
HKDF pseudorandom key, which never leaves it; they are the file key's sub-keys byte for byte, so
the register's key check (register_meta.record_code_key_check) still recognises it, and still
refuses a wrong one.
"""

from __future__ import annotations

from counter_app.config import Configuration
from counter_app.keystore import open_token
from counter_app.keystore.secret_keys import RECORD_CODE_LABEL, TokenHmac, has_secret
from counter_app.records.crypto import RecordCodeCipher


def token_record_code_cipher(config: Configuration) -> RecordCodeCipher | None:
    """The cipher whose key is in the configured token; None without a token or the key in it
    (the register then reads the key file)."""
    if config.token is None or config.uses_default_register:
        return None
    token = open_token(config.token)
    if not has_secret(token, RECORD_CODE_LABEL):
        return None
    return RecordCodeCipher.from_prk(TokenHmac(token, RECORD_CODE_LABEL))
