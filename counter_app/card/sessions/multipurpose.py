"""A multipurpose application (profile §3): a data-only DF under a proprietary AID."""

from __future__ import annotations

from counter_app.card import profile as p
from counter_app.card.protocol import ApduTransport
from counter_app.card.sessions.base import PinSession


def check_multipurpose_aid(aid: bytes) -> bytes:
    """The AID when it is a multipurpose one (F0 52 43 43 + 3 bytes), else ValueError."""
    if len(aid) != p.MULTIPURPOSE_AID_LENGTH or not aid.startswith(p.MULTIPURPOSE_AID_PREFIX):
        raise ValueError("a multipurpose AID is F0524343 followed by 3 bytes")
    return aid


class MultipurposeSession(PinSession):
    """One multipurpose DF; the resident PIN is available in it (P2 91)."""

    def __init__(self, transport: ApduTransport, aid: bytes) -> None:
        super().__init__(transport)
        self.aid = check_multipurpose_aid(aid)

    def read_file(self, sfi: int) -> bytes:
        """A whole EF of the application (its read condition must be met)."""
        return self.read(sfi, context="READ application data", single_tlv=False)
