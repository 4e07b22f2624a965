"""What can go wrong with the security module, in words for the clerk and the administrator.

No message ever holds the token's PIN or key material; the detail names settings and labels.
"""

from __future__ import annotations

from counter_app.errors import ConfigurationError


class TokenError(ConfigurationError):
    """The security module or its token cannot be used as configured."""

    what = "The security module that holds the municipality's keys cannot be used."
    todo = (
        "Do not issue cards or print certificates. Check that the security module is connected "
        "and call the system administrator."
    )


class TokenNotConfiguredError(TokenError):
    """A configured counter without a token: it never falls back to key files."""

    what = (
        "No security module is configured, so this counter cannot sign cards or printouts "
        "(key files are used only in the training mode)."
    )
    todo = (
        "Set COUNTER_APP_PKCS11_MODULE, COUNTER_APP_TOKEN_LABEL and COUNTER_APP_TOKEN_PIN_FILE "
        "(see docs/keys.md), then start again."
    )


class TokenModuleError(TokenError):
    what = "The security module's PKCS#11 library cannot be loaded."
    todo = (
        "Check that COUNTER_APP_PKCS11_MODULE names the module's library file (for SoftHSM2, "
        "libsofthsm2.so) and that the module's software is installed, then start again."
    )


class TokenNotFoundError(TokenError):
    what = "The security module has no token with the configured label."
    todo = (
        "Check that the security module is connected and that COUNTER_APP_TOKEN_LABEL names its "
        "token, then start again."
    )


class TokenPinFileError(TokenError):
    what = "The file holding the token's PIN cannot be read."
    todo = (
        "Check that COUNTER_APP_TOKEN_PIN_FILE names a file this counter's user can read, "
        "holding the PIN on one line, then start again."
    )


class TokenPinError(TokenError):
    what = "The security module refused the token's PIN."
    todo = (
        "Do not start the counter again and again: the token locks after a few wrong PINs. Ask "
        "the system administrator to check the PIN file named by COUNTER_APP_TOKEN_PIN_FILE."
    )


class TokenPinLockedError(TokenError):
    what = "The token's PIN is locked after too many wrong tries."
    todo = "Call the system administrator: the token's security officer must unlock the PIN."


class TokenKeyNotFoundError(TokenError):
    what = "A key this counter needs is not in the security module's token."
    todo = (
        "Do not issue cards or print. The supervisor creates the keys in the token with "
        "`counter-app keys create-ca` and `counter-app keys create-signer` (docs/keys.md)."
    )


class TokenOperationError(TokenError):
    what = "The security module could not complete a key operation."
    todo = (
        "Try again. If it fails again, check that the security module is connected and call "
        "the system administrator."
    )
