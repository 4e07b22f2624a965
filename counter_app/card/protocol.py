"""APDU transport over a CardConnection: length forms, chaining, GET RESPONSE, secure channel.

The layers, from the caller down: secure messaging wraps each command (SCP03, when a channel is
open), chaining splits data that does not fit one short APDU, and the encoder picks short or
extended lengths by what the reader and card take.  Responses come back the other way: 61xx is
followed with GET RESPONSE, 6Cxx is answered by sending again with the right Le, then the secure
channel checks and decrypts the whole response.
"""

from __future__ import annotations

import contextlib
import logging
import os

from counter_app.card.apdu import ApduFormatError, CommandApdu, ResponseApdu, Sw
from counter_app.card.connection import CardCommunicationError, CardConnection
from counter_app.card.profile import SCP03_KEY_VERSION, Aid
from counter_app.card.scp03 import HostChannel, SecurityLevel, StaticKeys
from counter_app.card.tlv import TlvError, object_extent
from counter_app.card.trace import trace_exchange

log = logging.getLogger(__name__)

SHORT_MAX_DATA = 255
# Under secure messaging, a part grows by up to 16 bytes of padding and an 8-byte MAC.
SECURE_OVERHEAD = 24
CHAIN_BIT = 0x10
FULL_SECURITY = SecurityLevel(0x33)  # C-MAC, C-DECRYPTION, R-MAC, R-ENCRYPTION


class CardStatusError(CardCommunicationError):
    """The card refused a command with a status word the caller did not expect."""

    def __init__(self, sw: int, context: str) -> None:
        super().__init__(f"{context}: status {sw:04X}")
        self.sw = sw


class ApduTransport:
    """Sends CommandApdus to one card and returns complete, checked ResponseApdus."""

    def __init__(self, connection: CardConnection, *, extended: bool | None = None) -> None:
        self.connection = connection
        self.extended = connection.extended_length if extended is None else extended
        self._channel: HostChannel | None = None
        self.apdu_count = 0
        self.bytes_sent = 0
        self.bytes_received = 0

    # -- secure channel -------------------------------------------------------------------

    @property
    def secure(self) -> bool:
        """True while an issuer secure channel is open."""
        return self._channel is not None

    def open_secure_channel(self, keys: StaticKeys, level: SecurityLevel = FULL_SECURITY) -> None:
        """Select the ISD and authenticate with SCP03 at `level` (docs/card-profile.md §6)."""
        self._channel = None
        self.send(CommandApdu(0x00, 0xA4, 0x04, 0x00, Aid.ISD.value, 256), expect=(Sw.OK,))
        host_challenge = os.urandom(8)
        init = self.send(
            HostChannel.initialize_update_command(keys.kvn or SCP03_KEY_VERSION, host_challenge),
            expect=(Sw.OK,),
        )
        channel, external_auth = HostChannel.open(keys, host_challenge, init.data, level)
        answer = self._send_plain(external_auth, secret=True)
        if answer.sw != Sw.OK:
            raise CardStatusError(answer.sw, "EXTERNAL AUTHENTICATE")
        self._channel = channel

    def close_secure_channel(self) -> None:
        """Forget the channel on this side (the card closes it on reset or SELECT of the ISD)."""
        self._channel = None

    # -- sending --------------------------------------------------------------------------

    def send(
        self,
        command: CommandApdu,
        *,
        secret: bool = False,
        expect: tuple[int, ...] | None = None,
        context: str = "",
    ) -> ResponseApdu:
        """Send `command` (chained and secured as needed); raise CardStatusError on an SW
        outside `expect` when `expect` is given."""
        response = self._send_plain(command, secret=secret)
        if expect is not None and response.sw not in expect:
            raise CardStatusError(response.sw, context or _describe(command))
        return response

    def _send_plain(self, command: CommandApdu, *, secret: bool) -> ResponseApdu:
        parts = self._split(command)
        response = ResponseApdu(b"", Sw.OK)
        for index, part in enumerate(parts):
            wire = self._channel.wrap(part) if self._channel is not None else part
            response = self._exchange(wire, secret=secret)
            last = index == len(parts) - 1
            if not last and response.sw != Sw.OK:
                break
        if self._channel is not None:
            response = self._unwrap(response)
        return response

    def _unwrap(self, response: ResponseApdu) -> ResponseApdu:
        assert self._channel is not None
        if response.sw == Sw.SECURITY_STATUS_NOT_SATISFIED and not response.data:
            # The card closed the channel (docs/card-profile.md §6); so do we.
            self._channel = None
            return response
        return self._channel.unwrap(response)

    def _max_part(self) -> int:
        limit = 65535 if self.extended else SHORT_MAX_DATA
        if self._channel is not None:
            limit -= SECURE_OVERHEAD
        return limit

    def _split(self, command: CommandApdu) -> list[CommandApdu]:
        """Split long data into a command chain (CLA bit 10 on all but the last part)."""
        size = self._max_part()
        data = command.data
        if len(data) <= size:
            return [command]
        chunks = [data[i : i + size] for i in range(0, len(data), size)]
        parts = [
            CommandApdu(command.cla | CHAIN_BIT, command.ins, command.p1, command.p2, chunk)
            for chunk in chunks[:-1]
        ]
        parts.append(
            CommandApdu(command.cla, command.ins, command.p1, command.p2, chunks[-1], command.ne)
        )
        return parts

    def _exchange(self, command: CommandApdu, *, secret: bool) -> ResponseApdu:
        """One command on the wire, following 61xx and 6Cxx until the answer is complete."""
        ne = command.ne
        if not self.extended and ne > 256:
            ne = 256
        if not self.extended and len(command.data) > SHORT_MAX_DATA:
            raise ApduFormatError("command too long for a short APDU after chaining")
        command = CommandApdu(command.cla, command.ins, command.p1, command.p2, command.data, ne)
        response = self._transmit(command, secret=secret)
        if response.sw1 == 0x6C:
            retry = CommandApdu(
                command.cla, command.ins, command.p1, command.p2, command.data, response.sw2 or 256
            )
            response = self._transmit(retry, secret=secret)
        data = response.data
        while response.sw1 == 0x61:
            get = CommandApdu(0x00, 0xC0, 0x00, 0x00, ne=response.sw2 or 256)
            response = self._transmit(get, secret=secret)
            data += response.data
        return ResponseApdu(data, response.sw)

    def _transmit(self, command: CommandApdu, *, secret: bool) -> ResponseApdu:
        raw = command.encode(extended=self.extended and command.needs_extended)
        answer = self.connection.transmit(raw)
        self.apdu_count += 1
        self.bytes_sent += len(raw)
        self.bytes_received += len(answer)
        trace_exchange(raw, answer, secret=secret)
        try:
            return ResponseApdu.decode(answer)
        except ApduFormatError as exc:
            raise CardCommunicationError("response shorter than a status word") from exc

    # -- files ----------------------------------------------------------------------------

    def select_aid(self, aid: bytes, *, context: str = "") -> ResponseApdu:
        """SELECT a DF by name without asking for its FCP."""
        return self.send(CommandApdu(0x00, 0xA4, 0x04, 0x0C, aid), context=context)

    def read_file(
        self, sfi: int, *, secret: bool = False, context: str = "", single_tlv: bool = False
    ) -> bytes:
        """Read a whole transparent EF of the current DF by its SFI, in as few APDUs as allowed.

        Extended-length readers get one READ BINARY with Ne = 65536; others read in chunks
        (the first by SFI, which also selects the file, then by offset).  With `single_tlv` the
        file holds one data object and zero padding: chunked reads stop at the object's end.
        """
        if self.extended:
            response = self.send(
                CommandApdu(0x00, 0xB0, 0x80 | sfi, 0x00, ne=65536),
                secret=secret,
                expect=(Sw.OK, Sw.END_OF_FILE_WARNING),
                context=context,
            )
            return response.data
        chunk = 256 - (SECURE_OVERHEAD + 8 if self._channel is not None else 0)
        out = b""
        wanted: int | None = None
        while True:
            offset = len(out)
            ne = chunk if wanted is None else min(chunk, wanted - offset)
            if offset == 0:
                command = CommandApdu(0x00, 0xB0, 0x80 | sfi, 0x00, ne=ne)
            else:
                command = CommandApdu(0x00, 0xB0, offset >> 8, offset & 0xFF, ne=ne)
            response = self.send(command, secret=secret)
            if response.sw == Sw.WRONG_P1P2 and offset:
                return out  # the previous chunk ended exactly at the end of the file
            if response.sw not in (Sw.OK, Sw.END_OF_FILE_WARNING):
                raise CardStatusError(response.sw, context or "READ BINARY")
            out += response.data
            if single_tlv and wanted is None:
                with contextlib.suppress(TlvError):
                    wanted = object_extent(out)
            if response.sw == Sw.END_OF_FILE_WARNING or len(response.data) < ne:
                return out
            if wanted is not None and len(out) >= wanted:
                return out


def _describe(command: CommandApdu) -> str:
    return f"command {command.cla:02X} {command.ins:02X} {command.p1:02X} {command.p2:02X}"
