"""ISO 7816-4 command and response APDUs: encoding, decoding and status words."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Sw(IntEnum):
    """Status words the card profile uses (docs/card-profile.md, "Status words")."""

    OK = 0x9000
    END_OF_FILE_WARNING = 0x6282
    SELECTED_FILE_DEACTIVATED = 0x6283
    VERIFY_FAIL_NO_INFO = 0x6300
    MEMORY_FAILURE = 0x6581
    WRONG_LENGTH = 0x6700
    LOGICAL_CHANNEL_NOT_SUPPORTED = 0x6881
    SECURE_MESSAGING_NOT_SUPPORTED = 0x6882
    LAST_COMMAND_EXPECTED = 0x6883
    CHAINING_NOT_SUPPORTED = 0x6884
    COMMAND_INCOMPATIBLE = 0x6981
    SECURITY_STATUS_NOT_SATISFIED = 0x6982
    AUTH_METHOD_BLOCKED = 0x6983
    REFERENCE_DATA_NOT_USABLE = 0x6984
    CONDITIONS_NOT_SATISFIED = 0x6985
    COMMAND_NOT_ALLOWED_NO_EF = 0x6986
    SM_DATA_MISSING = 0x6987
    SM_DATA_INCORRECT = 0x6988
    WRONG_DATA = 0x6A80
    FUNCTION_NOT_SUPPORTED = 0x6A81
    FILE_NOT_FOUND = 0x6A82
    NOT_ENOUGH_MEMORY = 0x6A84
    INCORRECT_P1P2 = 0x6A86
    REFERENCE_NOT_FOUND = 0x6A88
    FILE_ALREADY_EXISTS = 0x6A89
    DF_NAME_EXISTS = 0x6A8A
    WRONG_P1P2 = 0x6B00
    INS_NOT_SUPPORTED = 0x6D00
    CLA_NOT_SUPPORTED = 0x6E00
    NO_PRECISE_DIAGNOSIS = 0x6F00


def sw_tries_left(sw: int) -> int | None:
    """Tries left encoded in a 63Cx status word, or None when the word is not 63Cx."""
    if sw & 0xFFF0 == 0x63C0:
        return sw & 0x0F
    return None


class ApduFormatError(ValueError):
    """Bytes that are not a well-formed command or response APDU."""


@dataclass(frozen=True)
class CommandApdu:
    """A command APDU. `ne` is the expected response length: 0 for none, up to 65536."""

    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    ne: int = 0

    def __post_init__(self) -> None:
        for name in ("cla", "ins", "p1", "p2"):
            value = getattr(self, name)
            if not 0 <= value <= 0xFF:
                raise ApduFormatError(f"{name} out of range: {value}")
        if len(self.data) > 65535:
            raise ApduFormatError("command data longer than 65535 bytes")
        if not 0 <= self.ne <= 65536:
            raise ApduFormatError(f"Ne out of range: {self.ne}")

    @property
    def needs_extended(self) -> bool:
        """True when the command cannot be sent as a short APDU."""
        return len(self.data) > 255 or self.ne > 256

    def encode(self, extended: bool | None = None) -> bytes:
        """Encode as ISO 7816-4 bytes; short form unless `extended` or the lengths need it."""
        if extended is None:
            extended = self.needs_extended
        if not extended and self.needs_extended:
            raise ApduFormatError("command needs an extended-length APDU")
        header = bytes((self.cla, self.ins, self.p1, self.p2))
        lc = len(self.data)
        if not extended:
            body = b""
            if lc:
                body += bytes((lc,)) + self.data
            if self.ne:
                body += bytes((self.ne % 256,))
            return header + body
        body = b""
        if lc:
            body += b"\x00" + lc.to_bytes(2, "big") + self.data
        if self.ne:
            le = (self.ne % 65536).to_bytes(2, "big")
            body += le if lc else b"\x00" + le
        return header + body

    @classmethod
    def decode(cls, raw: bytes) -> CommandApdu:
        """Parse ISO 7816-4 command bytes (cases 1-4, short and extended)."""
        if len(raw) < 4:
            raise ApduFormatError("command shorter than 4 bytes")
        cla, ins, p1, p2 = raw[0], raw[1], raw[2], raw[3]
        body = raw[4:]
        n = len(body)
        if n == 0:
            return cls(cla, ins, p1, p2)
        if n == 1:
            return cls(cla, ins, p1, p2, ne=body[0] or 256)
        if body[0] != 0:
            lc = body[0]
            if n == 1 + lc:
                return cls(cla, ins, p1, p2, body[1:])
            if n == 2 + lc:
                return cls(cla, ins, p1, p2, body[1 : 1 + lc], body[-1] or 256)
            raise ApduFormatError("short Lc does not match the command length")
        if n == 3:
            return cls(cla, ins, p1, p2, ne=int.from_bytes(body[1:3], "big") or 65536)
        lc = int.from_bytes(body[1:3], "big")
        if lc == 0:
            raise ApduFormatError("extended Lc of zero")
        if n == 3 + lc:
            return cls(cla, ins, p1, p2, body[3:])
        if n == 5 + lc:
            le = int.from_bytes(body[-2:], "big") or 65536
            return cls(cla, ins, p1, p2, body[3 : 3 + lc], le)
        raise ApduFormatError("extended Lc does not match the command length")


@dataclass(frozen=True)
class ResponseApdu:
    """A response APDU: data and a status word."""

    data: bytes
    sw: int

    @property
    def ok(self) -> bool:
        return self.sw == Sw.OK

    @property
    def sw1(self) -> int:
        return self.sw >> 8

    @property
    def sw2(self) -> int:
        return self.sw & 0xFF

    def encode(self) -> bytes:
        return self.data + self.sw.to_bytes(2, "big")

    @classmethod
    def decode(cls, raw: bytes) -> ResponseApdu:
        if len(raw) < 2:
            raise ApduFormatError("response shorter than its status word")
        return cls(bytes(raw[:-2]), int.from_bytes(raw[-2:], "big"))
