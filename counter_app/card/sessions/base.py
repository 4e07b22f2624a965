"""What every session shares: selecting its application, the card's life cycle, secrets
(PIN, unlock number) and turning status words into domain errors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from counter_app.card import profile as p
from counter_app.card.apdu import CommandApdu, ResponseApdu, Sw, sw_tries_left
from counter_app.card.connection import CardError
from counter_app.card.errors import (
    AccessDeniedError,
    ApplicationMissingError,
    CardFullError,
    CardNotPersonalisedError,
    CardSuspendedError,
    CardTerminatedError,
    FileMissingError,
    InvalidPinError,
    PinBlockedError,
    PinFormatError,
    PinRequiredError,
    UnlockBlockedError,
    UnlockNumberError,
    UnlockNumberFormatError,
    UnlockRequiredError,
)
from counter_app.card.layout import SERIAL_LENGTH
from counter_app.card.protocol import ApduTransport, CardStatusError
from counter_app.card.tlv import TlvError, parse_all, parse_one, to_dict

INS_SELECT = 0xA4
INS_VERIFY = 0x20
INS_CHANGE_REFERENCE_DATA = 0x24
SELECT_BY_AID = 0x04
SELECT_MF_OR_FID = 0x00
P2_NO_DATA = 0x0C
P2_FCP = 0x04
TAG_FCP = 0x62
TAG_LCS = 0x8A


@dataclass(frozen=True)
class SecretKind:
    """A reference datum the card checks: its P2, format, tries and the errors it maps to."""

    p2: int
    length: int
    tries: int
    wrong: type[InvalidPinError] | type[UnlockNumberError]
    blocked: type[CardError]
    required: type[CardError]
    malformed: type[CardError]

    def check_format(self, value: str) -> bytes:
        """The value's bytes; a malformed value is refused here, so it costs no try."""
        if len(value) != self.length or not value.isascii() or not value.isdigit():
            raise self.malformed()
        return value.encode("ascii")


PIN = SecretKind(
    0x91,
    p.PIN_LENGTH,
    p.PIN_TRIES,
    InvalidPinError,
    PinBlockedError,
    PinRequiredError,
    PinFormatError,
)
UNLOCK = SecretKind(
    0x92,
    p.UNLOCK_NUMBER_LENGTH,
    p.UNLOCK_TRIES,
    UnlockNumberError,
    UnlockBlockedError,
    UnlockRequiredError,
    UnlockNumberFormatError,
)


@dataclass(frozen=True)
class SelectedApplication:
    """What an application's FCP told when it was selected with P2 04 (docs/card-profile.md §8):
    the card serial and the tries left of the application's PIN or unlock number, where it told."""

    aid: bytes
    serial: bytes | None = None
    tries: tuple[int, int] | None = None  # (the reference's VERIFY P2, tries left)

    def tries_left(self, secret: SecretKind) -> int | None:
        """The tries left of `secret` as the FCP told them; None when it did not."""
        if self.tries is None or self.tries[0] != secret.p2:
            return None
        return self.tries[1]


def parse_selected(aid: bytes, fcp: bytes) -> SelectedApplication:
    """The serial and tries left in an application's FCP (`A5 { DF41, DF43 }`); a card that does
    not tell them, or tells them in another shape, gives None for each."""
    try:
        template = parse_one(fcp)
        if template.tag != TAG_FCP:
            return SelectedApplication(aid)
        proprietary = to_dict(template.children()).get(p.TAG_FCP_PROPRIETARY)
        if proprietary is None:
            return SelectedApplication(aid)
        fields = to_dict(parse_all(proprietary))
    except (TlvError, ValueError):
        return SelectedApplication(aid)
    serial = fields.get(p.TAG_CARD_SERIAL)
    tries = fields.get(p.TAG_TRIES_LEFT)
    return SelectedApplication(
        aid,
        serial if serial is not None and len(serial) == SERIAL_LENGTH else None,
        (tries[0], tries[1]) if tries is not None and len(tries) == 2 else None,
    )


def select_command(aid: bytes, *, fcp: bool = False) -> CommandApdu:
    """SELECT a DF by its AID, with its FCP (P2 04) or without an answer (P2 0C)."""
    if fcp:
        return CommandApdu(0x00, INS_SELECT, SELECT_BY_AID, P2_FCP, aid, 256)
    return CommandApdu(0x00, INS_SELECT, SELECT_BY_AID, P2_NO_DATA, aid)


def parse_life_cycle(fcp: bytes) -> p.LifeCycle | None:
    """The LCS byte (tag 8A) of an FCP template, or None when there is none we know."""
    try:
        template = parse_one(fcp)
        if template.tag != TAG_FCP:
            return None
        lcs = to_dict(template.children()).get(TAG_LCS, b"")
        return p.LifeCycle(lcs[0]) if len(lcs) == 1 else None
    except (TlvError, ValueError):
        return None


def read_life_cycle(transport: ApduTransport) -> p.LifeCycle | None:
    """SELECT the MF with its FCP and return the card's life cycle (None if it does not say)."""
    mf = p.MF_FID.to_bytes(2, "big")
    response = transport.send(CommandApdu(0x00, INS_SELECT, SELECT_MF_OR_FID, P2_FCP, mf, 256))
    return parse_life_cycle(response.data) if response.ok else None


def life_cycle_error(life_cycle: p.LifeCycle | None) -> CardError | None:
    """The error that explains a refusal by the card's state, or None when it is operational."""
    if life_cycle in (p.LifeCycle.BLANK, p.LifeCycle.PERSONALISING):
        return CardNotPersonalisedError()
    if life_cycle == p.LifeCycle.SUSPENDED:
        return CardSuspendedError()
    if life_cycle == p.LifeCycle.TERMINATED:
        return CardTerminatedError()
    return None


# Status words a card that is not operational answers: the card is asked for its state (which
# selects the MF, so this happens only on the way to an error). 6982 is not among them: this card
# answers it only for a missing PIN, unlock number or channel, and the caller may go on.
_STATE_WORDS = frozenset(
    {
        Sw.CONDITIONS_NOT_SATISFIED,
        Sw.FILE_NOT_FOUND,
        Sw.REFERENCE_DATA_NOT_USABLE,
        Sw.COMMAND_NOT_ALLOWED_NO_EF,
    }
)


class Session:
    """One card application over an ApduTransport; status words become domain errors."""

    aid: bytes | None = None  # the application's DF name; None for the MF and card-wide commands
    secret: ClassVar[SecretKind | None] = None

    def __init__(self, transport: ApduTransport) -> None:
        self.transport = transport

    # -- selection ----------------------------------------------------------------------------

    def select(self) -> None:
        """SELECT this application by its AID (no FCP asked, one APDU)."""
        if self.aid is None:
            raise TypeError(f"{type(self).__name__} has no application to select")
        command = select_command(self.aid)
        self.expect_ok(self.transport.send(command), "SELECT", missing=ApplicationMissingError)

    def select_with_fcp(self) -> SelectedApplication:
        """SELECT this application with its FCP (one APDU): the serial and tries left it tells."""
        if self.aid is None:
            raise TypeError(f"{type(self).__name__} has no application to select")
        response = self.transport.send(select_command(self.aid, fcp=True))
        self.expect_ok(response, "SELECT", missing=ApplicationMissingError)
        return parse_selected(self.aid, response.data)

    def select_and_count_tries(self) -> int | None:
        """SELECT this application and the tries left of its PIN or unlock number, never using
        one: told by its FCP (one APDU), else asked with VERIFY without data (one more)."""
        told = self.select_with_fcp().tries_left(self._secret())
        return told if told is not None else self.tries_left()

    # -- status words -------------------------------------------------------------------------

    def expect_ok(
        self,
        response: ResponseApdu,
        context: str,
        *,
        missing: type[CardError] | None = None,
    ) -> ResponseApdu:
        """Return `response` when it is 9000 (or 6282), else raise the matching domain error."""
        if response.sw in (Sw.OK, Sw.END_OF_FILE_WARNING):
            return response
        raise self.error_for(response.sw, context, missing=missing)

    def error_for(
        self, sw: int, context: str, *, missing: type[CardError] | None = None
    ) -> CardError:
        """The domain error for a refusal; asks the card for its state when that may explain it."""
        secret = self.secret
        tries = sw_tries_left(sw)
        if secret is not None and tries is not None:
            return secret.wrong(tries)
        if secret is not None and sw == Sw.AUTH_METHOD_BLOCKED:
            return secret.blocked()
        if sw == Sw.NOT_ENOUGH_MEMORY:
            return CardFullError()
        if sw == Sw.SECURITY_STATUS_NOT_SATISFIED:
            return secret.required() if secret is not None else AccessDeniedError()
        if sw in _STATE_WORDS:
            state_error = life_cycle_error(read_life_cycle(self.transport))
            if state_error is not None:
                return state_error
            if sw == Sw.FILE_NOT_FOUND and missing is not None:
                return missing()
        return CardStatusError(sw, context)

    # -- files --------------------------------------------------------------------------------

    def read(
        self,
        sfi: int,
        *,
        secret: bool = False,
        context: str = "READ BINARY",
        single_tlv: bool = True,
    ) -> bytes:
        """Read a whole EF of this application by SFI; refusals become domain errors.

        `single_tlv`: the file holds one data object and padding (most of the profile's files),
        so a chunked read stops at the object's end.
        """
        try:
            return self.transport.read_file(
                sfi, secret=secret, context=context, single_tlv=single_tlv
            )
        except CardStatusError as exc:
            raise self.error_for(exc.sw, context, missing=FileMissingError) from None

    # -- secrets ------------------------------------------------------------------------------

    def _secret(self) -> SecretKind:
        if self.secret is None:
            raise TypeError(f"{type(self).__name__} has no PIN or unlock number")
        return self.secret

    def verify(self, value: str) -> None:
        """VERIFY the PIN or unlock number; raise InvalidPinError(tries_left) and the like."""
        kind = self._secret()
        data = kind.check_format(value)
        response = self.transport.send(CommandApdu(0x00, INS_VERIFY, 0x00, kind.p2, data))
        self.expect_ok(response, "VERIFY")

    def tries_left(self) -> int | None:
        """Tries left (VERIFY without data; never counts a try); None when not set yet."""
        kind = self._secret()
        response = self.transport.send(CommandApdu(0x00, INS_VERIFY, 0x00, kind.p2))
        if response.ok:
            return kind.tries  # verified in this DF: the counter was reset by that success
        tries = sw_tries_left(response.sw)
        if tries is not None:
            return tries
        if response.sw == Sw.AUTH_METHOD_BLOCKED:
            return 0
        if response.sw == Sw.REFERENCE_DATA_NOT_USABLE:
            return None
        raise self.error_for(response.sw, "VERIFY")


class PinSession(Session):
    """An application guarded by the resident PIN (text AP, 住基AP, multipurpose DFs)."""

    secret = PIN

    def change_pin(self, old: str, new: str) -> None:
        """CHANGE REFERENCE DATA old ‖ new; a wrong old PIN raises InvalidPinError(tries_left)."""
        data = PIN.check_format(old) + PIN.check_format(new)
        command = CommandApdu(0x00, INS_CHANGE_REFERENCE_DATA, 0x00, PIN.p2, data)
        self.expect_ok(self.transport.send(command), "CHANGE REFERENCE DATA")
