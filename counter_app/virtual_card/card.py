"""The virtual card: one APDU in, one response out, state written to its file after each change."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import counter_app.virtual_card.dispatcher as dispatcher
import counter_app.virtual_card.storage as storage
from counter_app.card.apdu import ApduFormatError, CommandApdu, ResponseApdu, Sw
from counter_app.card.profile import Aid
from counter_app.card.scp03 import SecureChannelError, StaticKeys
from counter_app.virtual_card.context import Command, Context, Ins, Reply, status
from counter_app.virtual_card.session import Chain, Session
from counter_app.virtual_card.state import (
    SERIAL_LENGTH,
    CardState,
    blank_state,
    decode_state,
    encode_state,
)
from counter_app.virtual_card.transport import (
    MAX_COMMAND_DATA,
    deliver,
    get_response,
    is_extended,
    ne_is_max,
    sw_bytes,
)

log = logging.getLogger(__name__)


def _with_tck(atr: bytes) -> bytes:
    tck = 0
    for byte in atr[1:]:
        tck ^= byte
    return atr + bytes((tck,))


# docs/card-profile.md §1: T=1, compact-TLV capabilities (chaining, extended lengths), "RCC-JUKI".
ATR = _with_tck(bytes.fromhex("3B8E800180739001C058") + b"RCC-JUKI")


def _selects_isd(apdu: CommandApdu) -> bool:
    """SELECT of the issuer security domain by AID: it closes the channel and starts over."""
    return (
        apdu.ins == Ins.SELECT
        and apdu.p1 == 0x04
        and apdu.data == Aid.ISD.value
        and not apdu.cla & dispatcher.CLA_CHAINING
    )


class VirtualCard:
    """A resident card in software that implements docs/card-profile.md."""

    def __init__(self, path: Path, state: CardState) -> None:
        self._path = path
        self._state = state
        self._session = Session()
        self._powered = True

    # -- life of the card object --------------------------------------------------------------

    @classmethod
    def manufacture(cls, path: Path, keys: StaticKeys, serial: bytes | None = None) -> VirtualCard:
        """A new blank card written to `path` (FileExistsError when something is there)."""
        serial = os.urandom(SERIAL_LENGTH) if serial is None else bytes(serial)
        state = blank_state(keys, serial)
        path = Path(path)
        storage.create_file(path, encode_state(state))
        return cls(path, state)

    @classmethod
    def load(cls, path: Path) -> VirtualCard:
        """The card stored at `path`, inserted and powered (CardFileError when damaged)."""
        path = Path(path)
        return cls(path, decode_state(storage.read_file(path)))

    @property
    def atr(self) -> bytes:
        return ATR

    @property
    def serial(self) -> bytes:
        return self._state.serial

    @property
    def path(self) -> Path:
        return self._path

    def power_on(self) -> bytes:
        """Cold or warm reset: MF selected, no security status, no channel; return the ATR."""
        self._reset_session()
        self._powered = True
        return ATR

    def power_off(self) -> None:
        """Drop everything volatile; the next command powers the card up again."""
        self._reset_session()
        self._powered = False

    def _reset_session(self) -> None:
        self._session.close_channel()
        self._session = Session()

    # -- commands -----------------------------------------------------------------------------

    def process(self, command: bytes) -> bytes:
        """Answer one command APDU with response data and SW; never raises, whatever the bytes."""
        try:
            if not self._powered:
                self.power_on()
            return self._process(bytes(command))
        except Exception:
            log.exception("virtual card: internal error, state reloaded from the card file")
            self._recover()
            return sw_bytes(Sw.NO_PRECISE_DIAGNOSIS)

    def _process(self, raw: bytes) -> bytes:
        session = self._session
        if raw[:2] == bytes((0x00, Ins.GET_RESPONSE)):
            return get_response(session, raw)
        # Anything else ends what the previous command left: pending answer, chain, challenge.
        session.pending, session.pending_sw = b"", None
        chain, session.chain = session.chain, None
        challenge, session.challenge = session.challenge, None
        handshake, session.handshake = session.handshake, None
        if len(raw) < 4:
            return sw_bytes(Sw.WRONG_LENGTH)
        refused = dispatcher.precheck(raw[0], raw[1])
        if refused is not None:
            return sw_bytes(refused)
        try:
            apdu = CommandApdu.decode(raw)
        except ApduFormatError:
            return sw_bytes(Sw.WRONG_LENGTH)
        outer_ne = apdu.ne
        extended = is_extended(raw)
        unwrapped = self._through_channel(apdu)
        if isinstance(unwrapped, Reply):
            return sw_bytes(unwrapped.sw)
        apdu, secured = unwrapped
        data = self._chain(chain, apdu, chained=bool(raw[0] & dispatcher.CLA_CHAINING))
        if isinstance(data, Reply):
            if data.sw == Sw.OK:
                session.challenge = challenge  # a part is not yet "the next command"
            return self._answer(data, secured, outer_ne)

        cmd = Command(
            cla=raw[0],
            ins=apdu.ins,
            p1=apdu.p1,
            p2=apdu.p2,
            data=data,
            ne=apdu.ne,
            ne_is_max=ne_is_max(apdu.ne, extended),
            secured=secured,
            challenge=challenge,
            handshake=handshake,
        )
        ctx = Context(self._state, session)
        reply = dispatcher.dispatch(ctx, cmd)
        if ctx.dirty and not self._save():
            session.close_channel()
            return sw_bytes(Sw.MEMORY_FAILURE)
        if secured and reply.sw == Sw.SECURITY_STATUS_NOT_SATISFIED:
            session.close_channel()  # every 6982 ends the channel, as the host assumes
            return sw_bytes(reply.sw)
        return self._answer(reply, secured, outer_ne)

    def _chain(self, chain: Chain | None, apdu: CommandApdu, *, chained: bool) -> bytes | Reply:
        """The whole command data on the last part; 9000 to keep a part, 6883 or 6700 to refuse."""
        if chain is not None and (chain.ins, chain.p1, chain.p2) != (apdu.ins, apdu.p1, apdu.p2):
            return status(Sw.LAST_COMMAND_EXPECTED)
        data = (chain.data if chain is not None else b"") + apdu.data
        if len(data) > MAX_COMMAND_DATA:
            return status(Sw.WRONG_LENGTH)
        if chained:
            self._session.chain = Chain(apdu.ins, apdu.p1, apdu.p2, data)
            return Reply()
        return data

    def _through_channel(self, apdu: CommandApdu) -> tuple[CommandApdu, bool] | Reply:
        """Apply the channel rules of §6: the plain command and whether it came secured."""
        session = self._session
        channel = session.channel
        secure_bit = bool(apdu.cla & dispatcher.CLA_SECURE_MESSAGING)
        if channel is None:
            if secure_bit and apdu.ins != Ins.EXTERNAL_AUTHENTICATE:
                return status(Sw.SECURITY_STATUS_NOT_SATISFIED)
            return apdu, False
        if not secure_bit:
            session.close_channel()
            if _selects_isd(apdu):
                return apdu, False
            return status(Sw.SECURITY_STATUS_NOT_SATISFIED)
        try:
            plain = channel.unwrap(apdu)
        except (SecureChannelError, ValueError):
            session.close_channel()
            return status(Sw.SECURITY_STATUS_NOT_SATISFIED)
        if _selects_isd(plain):
            session.close_channel()
            return plain, False
        return plain, True

    def _answer(self, reply: Reply, secured: bool, ne: int) -> bytes:
        """Secure the answer when the command was, then cut it to Ne with 61xx as needed."""
        data, sw = reply.data, reply.sw
        channel = self._session.channel
        if secured and channel is not None and channel.is_open:
            wrapped = channel.wrap(ResponseApdu(data, sw))
            data, sw = wrapped.data, wrapped.sw
        return deliver(self._session, data, sw, ne=ne, fits=len(reply.data) <= ne)

    # -- persistence --------------------------------------------------------------------------

    def _save(self) -> bool:
        """Write the whole state atomically; on failure go back to what the file holds."""
        try:
            storage.replace_file(self._path, encode_state(self._state))
            return True
        except OSError:
            log.exception("virtual card: could not write the card file")
            self._recover()
            return False

    def _recover(self) -> None:
        """Return to the last written state and a fresh session after a failure."""
        try:
            self._state = decode_state(storage.read_file(self._path))
        except Exception:
            log.exception("virtual card: could not reload the card file")
        self._reset_session()
