"""Length forms, response chaining (61xx and GET RESPONSE) and the rules of command chaining."""

from __future__ import annotations

from counter_app.card.apdu import ApduFormatError, CommandApdu, Sw
from counter_app.virtual_card.session import Session

SHORT_MAX_NE = 256
EXTENDED_MAX_NE = 65536
MAX_COMMAND_DATA = 65535


def sw_bytes(sw: int) -> bytes:
    return sw.to_bytes(2, "big")


def is_extended(raw: bytes) -> bool:
    """True when a command (already decoded without error) uses extended length fields."""
    body = raw[4:]
    return len(body) >= 3 and body[0] == 0


def ne_is_max(ne: int, extended: bool) -> bool:
    """True for Le 00 on a short APDU or 0000 on an extended one: 'as much as there is'."""
    return ne == EXTENDED_MAX_NE or (ne == SHORT_MAX_NE and not extended)


def deliver(session: Session, data: bytes, sw: int, *, ne: int, fits: bool) -> bytes:
    """The answer as sent: whole when the plain answer fitted Ne, else Ne bytes and 61xx."""
    # Under the channel `data` is the secured answer: it may exceed Ne by its padding and R-MAC
    # when the plain answer fitted (scp03.py: Ne applies to the plain response).
    if fits or len(data) <= ne:
        return data + sw_bytes(sw)
    first, rest = data[:ne], data[ne:]
    session.pending, session.pending_sw = rest, sw
    return first + sw_bytes(0x6100 | (len(rest) if len(rest) < 256 else 0))


def get_response(session: Session, raw: bytes) -> bytes:
    """GET RESPONSE 00 C0 00 00 Le: the next part of the pending answer (6985 when none)."""
    try:
        apdu = CommandApdu.decode(raw)
    except ApduFormatError:
        return sw_bytes(Sw.WRONG_LENGTH)
    if apdu.p1 or apdu.p2:
        return sw_bytes(Sw.INCORRECT_P1P2)
    if apdu.data or apdu.ne == 0:
        return sw_bytes(Sw.WRONG_LENGTH)
    if session.pending_sw is None:
        return sw_bytes(Sw.CONDITIONS_NOT_SATISFIED)
    part, session.pending = session.pending[: apdu.ne], session.pending[apdu.ne :]
    if session.pending:
        left = len(session.pending)
        return part + sw_bytes(0x6100 | (left if left < 256 else 0))
    sw, session.pending_sw = session.pending_sw, None
    return part + sw_bytes(sw)
