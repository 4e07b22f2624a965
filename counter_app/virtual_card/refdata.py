"""Reference data objects: the resident PIN (4 digits, 3 tries) and the unlock number (14, 10)."""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from counter_app.card.profile import PIN_LENGTH, PIN_TRIES, UNLOCK_NUMBER_LENGTH, UNLOCK_TRIES


@dataclass(eq=False)
class ReferenceData:
    """Fixed-length ASCII digits with a retry counter; repr() never shows the value (logs)."""

    length: int
    max_tries: int
    value: bytes | None = None
    tries: int = 0

    def __repr__(self) -> str:
        state = "set" if self.value is not None else "unset"
        return f"ReferenceData({state}, tries={self.tries}/{self.max_tries})"

    @property
    def is_set(self) -> bool:
        return self.value is not None

    @property
    def blocked(self) -> bool:
        return self.tries == 0

    def well_formed(self, candidate: bytes) -> bool:
        """True for exactly `length` ASCII digits."""
        return len(candidate) == self.length and all(0x30 <= b <= 0x39 for b in candidate)

    def matches(self, candidate: bytes) -> bool:
        """Compare in constant time; a malformed candidate never matches."""
        if self.value is None or not self.well_formed(candidate):
            return False
        return hmac.compare_digest(self.value, candidate)

    def set(self, value: bytes) -> None:
        """Store a new value (already checked with well_formed) and reset the counter."""
        self.value = bytes(value)
        self.tries = self.max_tries


def new_pin() -> ReferenceData:
    """The resident PIN, not yet set."""
    return ReferenceData(PIN_LENGTH, PIN_TRIES, tries=PIN_TRIES)


def new_unlock_number() -> ReferenceData:
    """The unlock number 照合番号B, not yet set."""
    return ReferenceData(UNLOCK_NUMBER_LENGTH, UNLOCK_TRIES, tries=UNLOCK_TRIES)
