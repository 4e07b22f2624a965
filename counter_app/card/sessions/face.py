"""The face confirmation AP 券面事項確認AP: face data behind the unlock number 照合番号B."""

from __future__ import annotations

from counter_app.card import profile as p
from counter_app.card.sessions.base import UNLOCK, Session

FACE_DATA_SFI = p.Fid.FACE_DATA & 0x1F
CERTIFICATE_SFI = p.Fid.SIGNER_CERTIFICATE & 0x1F


class FaceSession(Session):
    """券面事項確認AP; EF 0002 needs the unlock number 照合番号B."""

    aid = p.Aid.FACE.value
    secret = UNLOCK

    def read_face_data(self) -> bytes:
        """EF 0002: FF20 { DF21 offsets, DF22 ... DF2A }."""
        return self.read(FACE_DATA_SFI, context="READ face data")

    def read_certificate(self) -> bytes:
        """EF 0004: the issuer's signer certificate (readable without the unlock number)."""
        return self.read(CERTIFICATE_SFI, context="READ signer certificate")
