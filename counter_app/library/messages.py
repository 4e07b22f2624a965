"""SIP2 2.00 messages as data, and their wire form.

A message is a two-digit command code, fixed-length fields that follow it, and variable fields
that each start with a two-letter field id and end with `|`.  With error detection on, the
message ends with `AY` and a one-digit sequence number, then `AZ` and a four-hex-digit checksum:
the two's complement of the 16-bit sum of every byte before the checksum digits.  A carriage
return ends every message.  Only the two ends of one connection need agree on the text encoding;
Japanese titles need UTF-8, which is the default here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from counter_app.library.errors import LibraryProtocolError

TERMINATOR = b"\r"
DELIMITER = "|"
DATE_FORMAT = "%Y%m%d    %H%M%S"  # YYYYMMDDZZZZHHMMSS, the zone left blank: local time
DATE_LENGTH = 18

# The length of the fixed part of each message after its command code, in characters.
FIXED_LENGTH: dict[str, int] = {
    "93": 2,  # UID algorithm, PWD algorithm
    "94": 1,  # ok
    "99": 8,  # status code, max print width, protocol version
    "98": 34,  # 6 flags, timeout, retries, date/time sync, protocol version
    "63": 31,  # language, transaction date, summary
    "64": 59,  # patron status, language, transaction date, six counts
    "11": 38,  # SC renewal policy, no block, transaction date, nb due date
    "12": 22,  # ok, renewal ok, magnetic media, desensitize, transaction date
    "09": 37,  # no block, transaction date, return date
    "10": 22,  # ok, resensitize, magnetic media, alert, transaction date
    "29": 38,  # third party allowed, no block, transaction date, nb due date
    "30": 22,  # ok, renewal ok, magnetic media, desensitize, transaction date
    "17": 18,  # transaction date
    "18": 24,  # circulation status, security marker, fee type, transaction date
    "35": 18,  # transaction date
    "36": 19,  # end session, transaction date
    "96": 0,  # request SC resend (sent by the library system)
    "97": 0,  # request ACS resend (sent by the counter)
}
RESEND_CODES = frozenset({"96", "97"})  # they carry a checksum but no sequence number
_FIELD_ID = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True)
class Message:
    """One SIP2 message: its code, its fixed part as text, and its variable fields in order."""

    code: str
    fixed: str = ""
    fields: tuple[tuple[str, str], ...] = ()
    sequence: int | None = field(default=None, compare=False)

    def get(self, field_id: str, default: str = "") -> str:
        """The first value of a variable field, or `default` when it is absent."""
        return next((value for fid, value in self.fields if fid == field_id), default)

    def all(self, field_id: str) -> tuple[str, ...]:
        """Every value of a repeatable field (charged items, screen messages...)."""
        return tuple(value for fid, value in self.fields if fid == field_id)

    def flag(self, position: int) -> bool:
        """A one-character fixed field that says Y (or 1) for yes."""
        return self.fixed[position : position + 1] in ("Y", "1")


def sip_date(moment: dt.datetime) -> str:
    """A date and time in SIP2's 18-character form."""
    return moment.strftime(DATE_FORMAT)


def parse_sip_date(text: str) -> dt.datetime | None:
    """A SIP2 date (YYYYMMDDZZZZHHMMSS, any zone) or None when the text is not one."""
    text = text.strip()
    if len(text) < 8 or not text[:8].isdigit():
        return None
    try:
        day = dt.datetime.strptime(text[:8], "%Y%m%d")
        clock = text[12:18] if len(text) >= DATE_LENGTH else ""
        if clock.isdigit():
            return day.replace(hour=int(clock[:2]), minute=int(clock[2:4]), second=int(clock[4:]))
        return day
    except ValueError:
        return None


def checksum(data: bytes) -> str:
    """The four hex digits that make the 16-bit sum of `data` and the checksum zero."""
    return f"{(-sum(data)) & 0xFFFF:04X}"


def checksum_ok(frame: bytes) -> bool:
    """True when a frame (without CR) that ends in AZ and four hex digits adds up."""
    digits = frame[-4:]
    if len(frame) < 6 or frame[-6:-4] != b"AZ":
        return False
    try:
        value = int(digits, 16)
    except ValueError:
        return False
    return (sum(frame[:-4]) + value) & 0xFFFF == 0


def encode(message: Message, *, encoding: str = "utf-8", error_detection: bool = True) -> bytes:
    """The message's wire form, ending in CR; with error detection, AY and AZ are added."""
    text = message.code + message.fixed
    for field_id, value in message.fields:
        if not _FIELD_ID.fullmatch(field_id) or DELIMITER in value or "\r" in value:
            raise ValueError(f"field {field_id!r} cannot carry {value!r}")
        text += field_id + value + DELIMITER
    data = text.encode(encoding)
    if error_detection:
        if message.code not in RESEND_CODES:
            data += f"AY{(message.sequence or 0) % 10}".encode("ascii")
        data += b"AZ"
        data += checksum(data).encode("ascii")
    return data + TERMINATOR


def decode(frame: bytes, *, encoding: str = "utf-8") -> Message:
    """A message from its wire form (the CR may be there or not); checks a checksum if any.

    Raises `LibraryProtocolError` for a malformed message and `ChecksumError` for one whose
    checksum does not add up.
    """
    frame = frame.rstrip(b"\r\n").lstrip(b"\n")
    sequence: int | None = None
    if re.search(rb"AZ[0-9A-Fa-f]{4}$", frame):
        if not checksum_ok(frame):
            raise ChecksumError(f"the checksum of a {frame[:2]!r} message does not add up")
        frame = frame[:-6]
        trailer = re.search(rb"AY([0-9])$", frame)
        if trailer:
            sequence = int(trailer.group(1))
            frame = frame[: trailer.start()]
    try:
        text = frame.decode(encoding)
    except UnicodeDecodeError as exc:
        raise LibraryProtocolError(f"an answer is not {encoding} text: {exc}") from None
    code = text[:2]
    if code not in FIXED_LENGTH:
        raise LibraryProtocolError(f"unknown message code {code!r}")
    length = FIXED_LENGTH[code]
    fixed, rest = text[2 : 2 + length], text[2 + length :]
    if len(fixed) != length:
        raise LibraryProtocolError(f"a {code} message is too short: {len(text)} characters")
    fields = tuple((piece[:2], piece[2:]) for piece in rest.split(DELIMITER) if len(piece) >= 2)
    return Message(code, fixed, fields, sequence)


class ChecksumError(LibraryProtocolError):
    what = "A message from the library system arrived damaged."
