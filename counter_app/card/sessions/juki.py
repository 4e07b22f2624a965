"""The 住基AP: the resident record code, under the PIN; its answers are masked in traces."""

from __future__ import annotations

from counter_app.card import profile as p
from counter_app.card.errors import FileMissingError
from counter_app.card.layout import parse_resident_code
from counter_app.card.sessions.base import PinSession

RESIDENT_CODE_SFI = p.Fid.RESIDENT_CODE & 0x1F


class JukiSession(PinSession):
    """住基AP; the record code is never logged (the read is marked secret for the trace)."""

    aid = p.Aid.JUKI.value

    def read_resident_code(self) -> str | None:
        """EF 0001: the 11-digit resident record code 住民票コード; None when the card has none."""
        try:
            raw = self.read(RESIDENT_CODE_SFI, secret=True, context="READ resident record code")
        except FileMissingError:
            return None
        return parse_resident_code(raw)
