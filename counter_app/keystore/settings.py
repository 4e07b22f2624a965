"""Which token holds the keys: the PKCS#11 module, the token's label, the file with its PIN."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from counter_app.keystore.errors import TokenPinFileError


@dataclass(frozen=True)
class TokenSettings:
    """The configured token. The PIN itself is read from `pin_file` only when a session opens,
    so it is in no configuration object, repr or log."""

    module: Path  # the module's PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so
    label: str  # the token's label
    pin_file: Path  # a file holding the user PIN on its first line

    def read_pin(self) -> str:
        """The user PIN from the PIN file (first line, without its line end)."""
        try:
            text = self.pin_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
            raise TokenPinFileError(f"cannot read {self.pin_file}: {reason}") from None
        lines = text.splitlines()
        pin = lines[0].strip() if lines else ""
        if not pin:
            raise TokenPinFileError(f"{self.pin_file} is empty")
        return pin
