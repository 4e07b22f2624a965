"""The text attributes AP 券面事項入力補助AP: name, address, birth date, sex, under the PIN."""

from __future__ import annotations

from counter_app.card import profile as p
from counter_app.card.sessions.base import PinSession

BINDING_SFI = p.Fid.TEXT_BINDING & 0x1F
ATTRIBUTES_SFI = p.Fid.TEXT_ATTRIBUTES & 0x1F
INTEGRITY_SFI = p.Fid.TEXT_INTEGRITY & 0x1F
CERTIFICATE_SFI = p.Fid.SIGNER_CERTIFICATE & 0x1F


class TextSession(PinSession):
    """券面事項入力補助AP; every file but the certificate needs the PIN."""

    aid = p.Aid.TEXT.value

    def read_binding(self) -> bytes:
        """EF 0001: FF10 { DF11 card serial }."""
        return self.read(BINDING_SFI, context="READ text binding")

    def read_attributes(self) -> bytes:
        """EF 0002: FF20 { DF21 offsets, DF22 name, DF23 address, DF24 birth, DF25 sex }."""
        return self.read(ATTRIBUTES_SFI, context="READ text attributes")

    def read_integrity(self) -> bytes:
        """EF 0003: FF30 { DF31, DF32, DF33 signature }."""
        return self.read(INTEGRITY_SFI, context="READ text integrity")

    def read_certificate(self) -> bytes:
        """EF 0004: the issuer's signer certificate (readable without the PIN)."""
        return self.read(CERTIFICATE_SFI, context="READ signer certificate")
