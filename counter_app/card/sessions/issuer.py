"""The issuer security domain: the SCP03 channel and the commands that build and service a card.

Every command here runs under the issuer channel (docs/card-profile.md §6), which covers the whole
card once open; refusals become domain errors like every other session's.
"""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.card import profile as p
from counter_app.card.apdu import CommandApdu, Sw
from counter_app.card.errors import (
    ApplicationExistsError,
    ApplicationMissingError,
    CardFullError,
    IssuerAuthenticationError,
)
from counter_app.card.layout import parse_chip_key
from counter_app.card.protocol import CardStatusError
from counter_app.card.scp03 import SecureChannelError, SecurityLevel, StaticKeys
from counter_app.card.sessions.base import (
    INS_SELECT,
    P2_FCP,
    PIN,
    SELECT_BY_AID,
    UNLOCK,
    SecretKind,
    Session,
    parse_life_cycle,
)
from counter_app.card.tlv import Tlv

INS_CREATE_FILE = 0xE0
INS_DELETE_FILE = 0xE4
INS_UPDATE_BINARY = 0xD6
INS_ACTIVATE_FILE = 0x44
INS_DEACTIVATE_FILE = 0x04
INS_TERMINATE_CARD = 0xFE
INS_GENERATE_KEY = 0x47
INS_RESET_RETRY_COUNTER = 0x2C
FDB_DF = 0x38
FDB_TRANSPARENT = 0x01
CHANNEL_LEVEL = SecurityLevel(0x33)  # C-MAC, C-DECRYPTION, R-MAC, R-ENCRYPTION


@dataclass(frozen=True)
class EfSpec:
    """A transparent EF to create: identifier, SFI, size and access conditions."""

    fid: int
    size: int
    read: p.Access
    update: p.Access = p.Access.ISSUER

    @property
    def sfi(self) -> int:
        return self.fid & 0x1F


def df_fcp(fid: int, aid: bytes, label: str) -> bytes:
    """FCP of a DF: 62 { 82 38, 83 FID, 84 AID, 50 label }."""
    return Tlv.build(
        0x62,
        [
            Tlv(0x82, bytes((FDB_DF,))),
            Tlv(0x83, fid.to_bytes(2, "big")),
            Tlv(0x84, aid),
            Tlv(0x50, label.encode("utf-8")),
        ],
    ).encode()


def ef_fcp(spec: EfSpec) -> bytes:
    """FCP of a transparent EF: 62 { 82 01, 83 FID, 80 size, 88 SFI, A1 { 80 read, 81 update } }."""
    access = Tlv.build(0xA1, [Tlv(0x80, bytes((spec.read,))), Tlv(0x81, bytes((spec.update,)))])
    return Tlv.build(
        0x62,
        [
            Tlv(0x82, bytes((FDB_TRANSPARENT,))),
            Tlv(0x83, spec.fid.to_bytes(2, "big")),
            Tlv(0x80, spec.size.to_bytes(2, "big")),
            Tlv(0x88, bytes((spec.sfi << 3,))),  # SFI in bits 8-4 (ISO/IEC 7816-4)
            access,
        ],
    ).encode()


class IssuerSession(Session):
    """The ISD and the issuer-only commands; `open` must succeed before anything else."""

    aid = p.Aid.ISD.value

    def open(self, keys: StaticKeys) -> None:
        """SELECT the ISD and open SCP03 at security level 33 (3 APDUs)."""
        try:
            self.transport.open_secure_channel(keys, CHANNEL_LEVEL)
        except SecureChannelError as exc:
            raise IssuerAuthenticationError(exc.detail) from None
        except CardStatusError as exc:
            if exc.sw in (Sw.VERIFY_FAIL_NO_INFO, Sw.REFERENCE_NOT_FOUND):
                raise IssuerAuthenticationError(f"status {exc.sw:04X}") from None
            raise self.error_for(exc.sw, "open issuer channel") from None

    def close(self) -> None:
        """Forget the channel (the card closes it on reset)."""
        self.transport.close_secure_channel()

    def _run(self, command: CommandApdu, context: str, *, secret: bool = False) -> bytes:
        response = self.transport.send(command, secret=secret)
        return self.expect_ok(response, context).data

    # -- selection ------------------------------------------------------------------------------

    def select_df(self, aid: bytes) -> p.LifeCycle | None:
        """SELECT a DF by AID with its FCP; its own life cycle, or None when it does not exist."""
        command = CommandApdu(0x00, INS_SELECT, SELECT_BY_AID, P2_FCP, aid, 256)
        response = self.transport.send(command)
        if response.sw == Sw.FILE_NOT_FOUND:
            return None
        self.expect_ok(response, "SELECT")
        state = parse_life_cycle(response.data)
        return state if state is not None else p.LifeCycle.OPERATIONAL

    def select_mf(self) -> None:
        """SELECT the MF (no FCP)."""
        self._run(CommandApdu(0x00, INS_SELECT, 0x00, 0x0C), "SELECT MF")

    # -- files ----------------------------------------------------------------------------------

    def create_df(self, fid: int, aid: bytes, label: str) -> bool:
        """CREATE FILE of a DF, which becomes the current DF; False when `fid` is taken."""
        command = CommandApdu(0x00, INS_CREATE_FILE, 0x00, 0x00, df_fcp(fid, aid, label))
        response = self.transport.send(command)
        if response.sw == Sw.FILE_ALREADY_EXISTS:
            return False
        if response.sw == Sw.DF_NAME_EXISTS:
            raise ApplicationExistsError(f"DF {aid.hex().upper()} exists")
        self.expect_ok(response, "CREATE FILE (DF)")
        return True

    def create_ef(self, spec: EfSpec) -> None:
        """CREATE FILE of a transparent EF in the current DF."""
        self._run(CommandApdu(0x00, INS_CREATE_FILE, 0x00, 0x00, ef_fcp(spec)), "CREATE FILE")

    def update(self, sfi: int, data: bytes, *, secret: bool = False) -> None:
        """UPDATE BINARY from offset 0 of an EF addressed by SFI (chained when long)."""
        command = CommandApdu(0x00, INS_UPDATE_BINARY, 0x80 | sfi, 0x00, data)
        response = self.transport.send(command, secret=secret)
        if response.sw == Sw.WRONG_LENGTH:
            raise CardFullError(f"{len(data)} bytes do not fit EF with SFI {sfi:02X}")
        self.expect_ok(response, "UPDATE BINARY")

    def delete_current(self) -> None:
        """DELETE FILE: the current DF with everything in it."""
        self._run(CommandApdu(0x00, INS_DELETE_FILE, 0x00, 0x00), "DELETE FILE")

    def delete_df(self, aid: bytes) -> bool:
        """Delete the DF named `aid` if it exists; True when one was deleted."""
        if self.select_df(aid) is None:
            return False
        self.delete_current()
        return True

    def require_df(self, aid: bytes) -> p.LifeCycle:
        """SELECT a DF that must exist; its life cycle."""
        state = self.select_df(aid)
        if state is None:
            raise ApplicationMissingError(f"DF {aid.hex().upper()} not found")
        return state

    # -- life cycle -----------------------------------------------------------------------------

    def activate(self) -> None:
        """ACTIVATE FILE on the current DF (the MF: the card becomes operational)."""
        self._run(CommandApdu(0x00, INS_ACTIVATE_FILE, 0x00, 0x00), "ACTIVATE FILE")

    def deactivate_card(self) -> None:
        """DEACTIVATE FILE on the MF: the card is suspended."""
        self.select_mf()
        self._run(CommandApdu(0x00, INS_DEACTIVATE_FILE, 0x00, 0x00), "DEACTIVATE FILE")

    def activate_card(self) -> None:
        """ACTIVATE FILE on the MF: the card becomes operational."""
        self.select_mf()
        self.activate()

    def terminate_card(self) -> None:
        """TERMINATE CARD USAGE: irreversible."""
        self._run(CommandApdu(0x00, INS_TERMINATE_CARD, 0x00, 0x00), "TERMINATE CARD USAGE")

    # -- keys and reference data ----------------------------------------------------------------

    def generate_chip_key(self) -> bytes:
        """GENERATE ASYMMETRIC KEY PAIR on the card; the new public point (65 bytes)."""
        command = CommandApdu(0x00, INS_GENERATE_KEY, 0x80, p.CHIP_KEY_REFERENCE, ne=256)
        return parse_chip_key(self._run(command, "GENERATE ASYMMETRIC KEY PAIR"))

    def set_reference(self, kind: SecretKind, value: str) -> None:
        """RESET RETRY COUNTER P1 02: set the PIN or unlock number and reset its counter."""
        data = kind.check_format(value)
        command = CommandApdu(0x00, INS_RESET_RETRY_COUNTER, 0x02, kind.p2, data)
        self._run(command, "RESET RETRY COUNTER", secret=True)

    def set_pin(self, pin: str) -> None:
        """Set the resident PIN (the text AP, 住基AP or a multipurpose DF selected)."""
        self.set_reference(PIN, pin)

    def set_unlock_number(self, number: str) -> None:
        """Set the unlock number 照合番号B (the face AP selected)."""
        self.set_reference(UNLOCK, number)
