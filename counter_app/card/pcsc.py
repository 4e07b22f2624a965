"""PC/SC through pyscard: the only module in the project that imports `smartcard`.

It adapts pcsc-lite's SCard* calls (pyscard's thin `smartcard.scard` layer, not its object
layer, which adds observers and copies on every exchange) to `CardConnection` and
`ReaderBackend`, and turns PC/SC return codes into the card layer's errors.  Importing this
module never fails: without pyscard `pcsc_available()` is False.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time

from counter_app.card.connection import (
    CardCommunicationError,
    CardError,
    CardRemovedError,
    NoCardError,
    ReaderInfo,
    ReaderUnavailableError,
)

try:
    from smartcard import scard
except ImportError:  # pragma: no cover - exercised by a subprocess test
    scard = None

__all__ = [
    "PcscBackend",
    "PcscConnection",
    "atr_announces_extended_length",
    "atr_historical_bytes",
    "pcsc_available",
    "pyscard_installed",
]

log = logging.getLogger(__name__)

PNP_NOTIFICATION = "\\\\?PnP?\\Notification"
# The largest short command APDU (4 header bytes, Lc, 255 data bytes, Le): a reader whose
# SCARD_ATTR_MAXINPUT is above this passes extended-length APDUs.
_SHORT_APDU_MAX = 261
# vpcd hands APDUs to the card unchanged over TCP, whatever their length, but does not report
# SCARD_ATTR_MAXINPUT.
_READERS_PASSING_EXTENDED = ("Virtual PCD",)
# How long a failed exchange waits for pcscd to notice a removal (it polls vpcd every 400 ms).
_REMOVAL_GRACE = 1.0


def _code(hr: int) -> int:
    return hr & 0xFFFFFFFF


def _const(name: str) -> int:
    return _code(int(getattr(scard, name)))


def _message(hr: int) -> str:
    try:
        return str(scard.SCardGetErrorMessage(hr)).strip().rstrip(".")
    except Exception:
        return "unknown PC/SC error"


def _error(hr: int, what: str) -> CardError:
    """The card layer's error for PC/SC return code `hr`."""
    code = _code(hr)
    detail = f"{what}: {_message(hr)} (0x{code:08X})"
    if code in (_const("SCARD_W_REMOVED_CARD"), _const("SCARD_E_NO_SMARTCARD")):
        return CardRemovedError(detail)
    if code in (
        _const("SCARD_E_UNKNOWN_READER"),
        _const("SCARD_E_READER_UNAVAILABLE"),
        _const("SCARD_E_NO_SERVICE"),
        _const("SCARD_E_SERVICE_STOPPED"),
        _const("SCARD_E_NO_READERS_AVAILABLE"),
        _const("SCARD_E_SHARING_VIOLATION"),
        _const("SCARD_E_INVALID_HANDLE"),
    ):
        return ReaderUnavailableError(detail)
    return CardCommunicationError(detail)


def atr_historical_bytes(atr: bytes) -> bytes:
    """The historical bytes of an ATR (ISO/IEC 7816-3 §8.2), or b"" when it is malformed."""
    if len(atr) < 2:
        return b""
    count = atr[1] & 0x0F
    y = atr[1] >> 4
    i = 2
    while True:
        i += bin(y & 0x0F).count("1")
        if not y & 0x8:
            break
        if i > len(atr):
            return b""
        td = atr[i - 1]
        y = td >> 4
    historical = atr[i : i + count]
    return historical if len(historical) == count else b""


def atr_announces_extended_length(atr: bytes) -> bool:
    """True when the ATR's card capabilities (compact-TLV tag 7) announce extended Lc/Le."""
    historical = atr_historical_bytes(atr)
    if not historical:
        return False
    category = historical[0]
    if category == 0x80:
        tlv = historical[1:]
    elif category == 0x00:
        tlv = historical[1:-3]  # the last three bytes are the status indicator
    else:
        return False
    i = 0
    while i < len(tlv):
        tag, length = tlv[i] >> 4, tlv[i] & 0x0F
        value = tlv[i + 1 : i + 1 + length]
        if tag == 0x7 and len(value) >= 3:
            return bool(value[2] & 0x40)
        i += 1 + length
    return False


def pyscard_installed() -> bool:
    """True when pyscard imports."""
    return scard is not None


def pcsc_available(timeout: float = 2.0) -> bool:
    """True when pyscard imports and the PC/SC service answers (a context can be established)."""
    if scard is None:
        return False
    answered: list[bool] = []

    def probe() -> None:
        try:
            hr, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        except Exception:
            answered.append(False)
            return
        if _code(hr) == 0:
            scard.SCardReleaseContext(context)
        answered.append(_code(hr) == 0)

    # A hung service must not hang the caller: probe on a throw-away thread.
    thread = threading.Thread(target=probe, name="pcsc-probe", daemon=True)
    thread.start()
    thread.join(timeout)
    return bool(answered and answered[0])


class PcscConnection:
    """A connection to the card in one PC/SC reader (shared access, T=1 or T=0)."""

    def __init__(
        self,
        context: int,
        handle: int,
        protocol: int,
        reader: str,
        atr: bytes,
        extended_length: bool,
    ) -> None:
        self._context = context
        self._handle = handle
        self._protocol = protocol
        self._reader = reader
        self._atr = atr
        self._extended = extended_length
        self._closed = False

    @property
    def reader_name(self) -> str:
        return self._reader

    @property
    def atr(self) -> bytes:
        return self._atr

    @property
    def protocol(self) -> str:
        """The protocol in use: T=0 or T=1."""
        return "T=1" if self._protocol == scard.SCARD_PROTOCOL_T1 else "T=0"

    @property
    def extended_length(self) -> bool:
        return self._extended

    def transmit(self, command: bytes) -> bytes:
        """Send one command APDU and return the response with SW1 SW2.

        Not traced here: ApduTransport traces every exchange once, knowing which are secret.
        """
        if self._closed:
            raise CardCommunicationError("the connection is closed")
        try:
            hr, response = scard.SCardTransmit(self._handle, self._protocol, list(command))
        except (scard.error, SystemError) as exc:
            raise CardCommunicationError(f"SCardTransmit failed: {exc}") from exc
        if _code(hr) != 0:
            raise self._transmit_error(hr)
        result = bytes(response)
        if len(result) < 2:
            raise CardCommunicationError(f"response of {len(result)} bytes has no status word")
        return result

    def _transmit_error(self, hr: int) -> CardError:
        error = _error(hr, "SCardTransmit")
        if isinstance(error, CardRemovedError | ReaderUnavailableError):
            return error
        if _code(hr) == _const("SCARD_W_RESET_CARD"):
            # Another program reset the card: whatever we had selected or verified is gone.
            scard.SCardReconnect(
                self._handle,
                scard.SCARD_SHARE_SHARED,
                scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
                scard.SCARD_LEAVE_CARD,
            )
            return CardCommunicationError("the card was reset by another program")
        # A card pulled mid-exchange first shows as a failed exchange; pcscd sees that it is
        # gone at its next presence poll.
        return self._removal(_REMOVAL_GRACE, error.detail) or error

    def _removal(self, grace: float, detail: str) -> CardError | None:
        """The error to raise when the card left the reader (or was put back), else None."""
        watch = [(self._reader, scard.SCARD_STATE_UNAWARE)]
        hr, states = scard.SCardGetStatusChange(self._context, 0, watch)
        if _code(hr) != 0:
            return _error(hr, "SCardGetStatusChange")
        state = int(states[0][1])
        if not state & scard.SCARD_STATE_PRESENT:
            return CardRemovedError(detail)
        watch = [(self._reader, state & ~scard.SCARD_STATE_CHANGED)]
        hr, states = scard.SCardGetStatusChange(self._context, int(grace * 1000), watch)
        if _code(hr) == _const("SCARD_E_TIMEOUT"):
            return None
        if _code(hr) != 0:
            return _error(hr, "SCardGetStatusChange")
        new_state = int(states[0][1])
        removed = not new_state & scard.SCARD_STATE_PRESENT
        reinserted = (new_state >> 16) != (state >> 16)
        return CardRemovedError(detail) if removed or reinserted else None

    def close(self) -> None:
        """Disconnect and reset the card, so no security status outlives the connection."""
        if self._closed:
            return
        self._closed = True
        try:
            scard.SCardDisconnect(self._handle, scard.SCARD_RESET_CARD)
        except (scard.error, SystemError) as exc:
            log.debug("SCardDisconnect failed: %s", exc)


class PcscBackend:
    """Readers of the PC/SC service (pcscd on Linux, WinSCard on Windows)."""

    def __init__(self, only: str | None = None) -> None:
        if scard is None:
            raise ReaderUnavailableError("pyscard is not installed")
        self._only = only
        self._context: int | None = None
        self._said_unavailable = False
        self._establish()

    @property
    def description(self) -> str:
        return "PC/SC (pcscd)"

    @property
    def is_virtual(self) -> bool:
        return False

    def _establish(self) -> int:
        if self._context is not None:
            return self._context
        hr, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if _code(hr) != 0:
            raise _error(hr, "SCardEstablishContext")
        self._context = int(context)
        if self._said_unavailable:
            log.info("the PC/SC service answers again")
            self._said_unavailable = False
        return self._context

    def _drop_context(self) -> None:
        if self._context is not None:
            with contextlib.suppress(scard.error, SystemError):
                scard.SCardReleaseContext(self._context)
            self._context = None

    def _service_lost(self, hr: int) -> bool:
        """True, after dropping the context, when `hr` says the service went away."""
        lost = _code(hr) in (
            _const("SCARD_E_NO_SERVICE"),
            _const("SCARD_E_SERVICE_STOPPED"),
            _const("SCARD_E_INVALID_HANDLE"),
            _const("SCARD_F_COMM_ERROR"),
        )
        if lost:
            self._drop_context()
            if not self._said_unavailable:
                log.warning("the PC/SC service stopped answering: %s", _message(hr))
                self._said_unavailable = True
        return lost

    def _snapshot(self) -> tuple[tuple[ReaderInfo, ...], list[tuple[str, int]]]:
        """The readers now and the states to watch, the PnP pseudo reader last (with the count
        of all readers in its high word, as pcsc-lite expects); nothing when the service is down.
        """
        for _attempt in range(2):
            try:
                context = self._establish()
            except ReaderUnavailableError:
                return (), []
            hr, names = scard.SCardListReaders(context, [])
            if _code(hr) == _const("SCARD_E_NO_READERS_AVAILABLE"):
                return (), [(PNP_NOTIFICATION, 0)]
            if _code(hr) != 0:
                if self._service_lost(hr):
                    continue
                raise _error(hr, "SCardListReaders")
            pnp = (PNP_NOTIFICATION, len(names) << 16)
            names = [n for n in names if self._only is None or n == self._only]
            if not names:
                return (), [pnp]
            hr, states = scard.SCardGetStatusChange(
                context, 0, [(n, scard.SCARD_STATE_UNAWARE) for n in names]
            )
            if _code(hr) != 0:
                if self._service_lost(hr):
                    continue
                if _code(hr) == _const("SCARD_E_UNKNOWN_READER"):
                    continue  # a reader left between the two calls
                raise _error(hr, "SCardGetStatusChange")
            infos = []
            raw = []
            for name, event, atr in states:
                present = bool(event & scard.SCARD_STATE_PRESENT)
                infos.append(ReaderInfo(name, present, bytes(atr) if present else b""))
                raw.append((name, int(event) & ~scard.SCARD_STATE_CHANGED))
            return tuple(infos), [*raw, pnp]
        return (), []

    def readers(self) -> tuple[ReaderInfo, ...]:
        return self._snapshot()[0]

    def wait_for_change(
        self, known: tuple[ReaderInfo, ...], timeout: float
    ) -> tuple[ReaderInfo, ...]:
        deadline = time.monotonic() + timeout
        now, states = self._snapshot()
        while now == known:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            if self._context is None:
                # The service is down: look again now and then until it is back.
                time.sleep(min(left, 0.5))
                now, states = self._snapshot()
                continue
            hr, _ = scard.SCardGetStatusChange(self._context, max(1, int(left * 1000)), states)
            code = _code(hr)
            if code in (_const("SCARD_E_TIMEOUT"), _const("SCARD_E_CANCELLED")):
                break
            lost = code != 0 and self._service_lost(hr)
            if code not in (0, _const("SCARD_E_UNKNOWN_READER")) and not lost:
                raise _error(hr, "SCardGetStatusChange")
            # Some change (perhaps only one the ReaderInfo values do not show): look again.
            now, states = self._snapshot()
        return now

    def cancel(self) -> None:
        """Make a wait_for_change blocked in another thread return now."""
        if self._context is not None:
            scard.SCardCancel(self._context)

    def connect(self, reader: str) -> PcscConnection:
        if self._only is not None and reader != self._only:
            raise ReaderUnavailableError(f"reader {reader!r} is not in use")
        context = self._establish()
        protocols = scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1
        hr, handle, protocol = scard.SCardConnect(
            context, reader, scard.SCARD_SHARE_SHARED, protocols
        )
        if _code(hr) != 0:
            error = _error(hr, f"SCardConnect to {reader!r}")
            if isinstance(error, CardRemovedError):
                raise NoCardError(error.detail)
            if _code(hr) in (
                _const("SCARD_W_UNRESPONSIVE_CARD"),
                _const("SCARD_W_UNPOWERED_CARD"),
            ):
                raise CardCommunicationError(error.detail)
            self._service_lost(hr)
            raise error
        hr, _name, _state, _protocol, atr = scard.SCardStatus(handle)
        if _code(hr) != 0:
            scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)
            error = _error(hr, "SCardStatus")
            raise NoCardError(error.detail) if isinstance(error, CardRemovedError) else error
        atr = bytes(atr)
        extended = (
            protocol == scard.SCARD_PROTOCOL_T1
            and atr_announces_extended_length(atr)
            and self._reader_passes_extended(handle, reader)
        )
        return PcscConnection(context, int(handle), int(protocol), reader, atr, extended)

    @staticmethod
    def _reader_passes_extended(handle: int, reader: str) -> bool:
        hr, value = scard.SCardGetAttrib(handle, scard.SCARD_ATTR_MAXINPUT)
        if _code(hr) == 0 and len(value) >= 4:
            return int.from_bytes(bytes(value[:4]), "little") > _SHORT_APDU_MAX
        return reader.startswith(_READERS_PASSING_EXTENDED)

    def close(self) -> None:
        self._drop_context()
