"""Keys in a hardware security module, through PKCS#11 (docs/keys.md).

A low layer: the card, printing and records layers use it, so it imports none of them, no
workflow, command or Qt. It opens one logged-in session per configured token, shared by every
thread under a lock, and finds keys by label; errors are ConfigurationErrors in words.
"""

from __future__ import annotations

from counter_app.keystore.errors import (
    TokenError,
    TokenKeyNotFoundError,
    TokenModuleError,
    TokenNotConfiguredError,
    TokenNotFoundError,
    TokenOperationError,
    TokenPinError,
    TokenPinFileError,
    TokenPinLockedError,
)
from counter_app.keystore.settings import TokenSettings
from counter_app.keystore.token import Token, forget_tokens, open_token

__all__ = [
    "Token",
    "TokenError",
    "TokenKeyNotFoundError",
    "TokenModuleError",
    "TokenNotConfiguredError",
    "TokenNotFoundError",
    "TokenOperationError",
    "TokenPinError",
    "TokenPinFileError",
    "TokenPinLockedError",
    "TokenSettings",
    "forget_tokens",
    "open_token",
]
