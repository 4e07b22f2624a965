"""Bridge a card object to pcscd's vpcd driver (vsmartcard), so every PC/SC client sees it.

The card side is a TCP client of vpcd (127.0.0.1:35963 for the reader "Virtual PCD 00 00").
Every message is a 2-byte big-endian length and a payload.  A 1-byte payload from vpcd is a
control (0 power off, 1 power on, 2 reset, 4 send the ATR, answered as a normal message); a longer
one is a command APDU, answered with the response APDU.  Closing the connection takes the card
out of the reader.

Latency: vpcd writes the length and the payload with two send() calls and leaves Nagle on, so
its payload waits for our acknowledgement of the length.  Linux delays that acknowledgement by
up to 40 ms unless asked otherwise, which turns a 0.1 ms round trip into 40-50 ms.  The bridge
therefore re-arms TCP_QUICKACK after every recv(), sets TCP_NODELAY, and writes each answer
with one sendall().
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Protocol

log = logging.getLogger(__name__)

VPCD_HOST = "127.0.0.1"
VPCD_PORT = 35963
VPCD_READER = "Virtual PCD 00 00"

CTRL_POWER_OFF = 0
CTRL_POWER_ON = 1
CTRL_RESET = 2
CTRL_ATR = 4

_SW_NO_PRECISE_DIAGNOSIS = b"\x6f\x00"
_MAX_PAYLOAD = 0xFFFF
_RECV_SIZE = 2 + _MAX_PAYLOAD
_TCP_QUICKACK: int | None = getattr(socket, "TCP_QUICKACK", None)


class CardLike(Protocol):
    """What the bridge needs from a card: the virtual card OS and EchoCard both fit."""

    @property
    def atr(self) -> bytes: ...

    def power_on(self) -> bytes: ...

    def power_off(self) -> None: ...

    def process(self, command: bytes) -> bytes: ...


def _with_tck(atr_without_tck: bytes) -> bytes:
    tck = 0
    for byte in atr_without_tck[1:]:
        tck ^= byte
    return atr_without_tck + bytes((tck,))


# The profile's ATR layout (docs/card-profile.md §1) with the issuer data "RCC-ECHO": T=1,
# compact-TLV card capabilities announcing command chaining and extended Lc/Le.
ECHO_ATR = _with_tck(bytes.fromhex("3B8E800180739001C058") + b"RCC-ECHO")


class EchoCard:
    """A card that answers every command APDU with its own bytes and 9000 (the latency floor)."""

    def __init__(self, atr: bytes = ECHO_ATR) -> None:
        self._atr = atr
        self.powered = False
        self.power_ons = 0
        self.commands = 0

    @property
    def atr(self) -> bytes:
        return self._atr

    def power_on(self) -> bytes:
        self.powered = True
        self.power_ons += 1
        return self._atr

    def power_off(self) -> None:
        self.powered = False

    def process(self, command: bytes) -> bytes:
        self.commands += 1
        return command + b"\x90\x00"


def vpcd_reader_name(port: int) -> str:
    """The PC/SC name of the vpcd slot listening on `port` (default configuration)."""
    slot = port - VPCD_PORT
    if 0 <= slot <= 0xFF:
        return f"Virtual PCD 00 {slot:02X}"
    return f"the vpcd reader on port {port}"


class VpcdBridge:
    """Serve one card object to vpcd: answer controls and APDUs, reconnect when vpcd goes away."""

    def __init__(
        self,
        card: CardLike,
        host: str = VPCD_HOST,
        port: int = VPCD_PORT,
        *,
        poll_interval: float = 0.2,
        max_backoff: float = 1.0,
    ) -> None:
        self.card = card
        self.host = host
        self.port = port
        self._poll_interval = poll_interval
        self._max_backoff = max_backoff
        self._stop = threading.Event()
        self._active_stop: threading.Event | None = None
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    def stop(self) -> None:
        """Make serve_forever/serve_once return soon; safe from any thread or signal handler."""
        self._stop.set()
        if self._active_stop is not None:
            self._active_stop.set()
        with self._lock:
            sock = self._sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def serve_forever(
        self, ready: Callable[[], None] | None = None, stop: threading.Event | None = None
    ) -> None:
        """Serve until `stop` is set or stop() is called, reconnecting with a short backoff.

        `ready` is called once, when vpcd first talks to the card (the card is in the reader).
        """
        stop = stop or self._stop
        self._active_stop = stop
        if self._stop.is_set():
            stop.set()
        backoff = 0.05
        said_unreachable = False
        announced = False

        def first_message() -> None:
            nonlocal announced
            if not announced:
                announced = True
                if ready is not None:
                    ready()

        while not stop.is_set():
            try:
                sock = self._connect()
            except OSError as exc:
                if not said_unreachable:
                    log.info(
                        "vpcd at %s is not reachable (%s); is pcscd running? Retrying",
                        self.address,
                        exc.strerror or exc,
                    )
                    said_unreachable = True
                stop.wait(backoff)
                backoff = min(backoff * 2, self._max_backoff)
                continue
            log.info("connected to vpcd at %s", self.address)
            said_unreachable = False
            backoff = 0.05
            self._serve_connection(sock, stop, first_message)
            if not stop.is_set():
                log.info("vpcd at %s closed the connection; reconnecting", self.address)
                stop.wait(backoff)

    def serve_once(self, stop: threading.Event | None = None) -> None:
        """Connect once and serve until vpcd closes the connection or `stop` is set.

        Raises OSError when vpcd cannot be reached.
        """
        stop = stop or self._stop
        self._active_stop = stop
        sock = self._connect()
        self._serve_connection(sock, stop, lambda: None)

    def _connect(self) -> socket.socket:
        sock = socket.create_connection((self.host, self.port), timeout=2.0)
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.settimeout(self._poll_interval)
        except OSError:
            sock.close()
            raise
        with self._lock:
            self._sock = sock
        return sock

    def _serve_connection(
        self, sock: socket.socket, stop: threading.Event, first_message: Callable[[], None]
    ) -> None:
        buffer = bytearray()
        try:
            while not stop.is_set():
                try:
                    chunk = sock.recv(_RECV_SIZE)
                except TimeoutError:
                    continue
                except OSError as exc:
                    log.debug("vpcd connection error: %s", exc)
                    return
                if not chunk:
                    return
                _quick_ack(sock)
                buffer += chunk
                while len(buffer) >= 2:
                    length = int.from_bytes(buffer[:2], "big")
                    if len(buffer) < 2 + length:
                        break
                    payload = bytes(buffer[2 : 2 + length])
                    del buffer[: 2 + length]
                    first_message()
                    answer = self._answer(payload)
                    if answer is not None:
                        sock.sendall(len(answer).to_bytes(2, "big") + answer)
        except OSError as exc:
            log.debug("vpcd connection error: %s", exc)
        finally:
            with self._lock:
                self._sock = None
            sock.close()
            self.card.power_off()

    def _answer(self, payload: bytes) -> bytes | None:
        """The answer to one message from vpcd, or None for controls that take none."""
        if len(payload) == 1:
            control = payload[0]
            if control == CTRL_ATR:
                return self.card.atr
            if control == CTRL_POWER_ON:
                self.card.power_on()
            elif control == CTRL_RESET:
                self.card.power_off()
                self.card.power_on()
            elif control == CTRL_POWER_OFF:
                self.card.power_off()
            else:
                log.debug("ignoring unknown vpcd control %d", control)
            return None
        if not payload:
            return None
        try:
            response = self.card.process(payload)
        except Exception:
            # Never log the command: it may carry a PIN or key material.
            log.exception("the card failed on a command with INS %02X", payload[1])
            return _SW_NO_PRECISE_DIAGNOSIS
        if len(response) > _MAX_PAYLOAD:
            log.error("response of %d bytes does not fit a vpcd message", len(response))
            return _SW_NO_PRECISE_DIAGNOSIS
        return response


def _quick_ack(sock: socket.socket) -> None:
    """Acknowledge what we received now (Linux), so vpcd's Nagle-held payload is not delayed."""
    if _TCP_QUICKACK is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, _TCP_QUICKACK, 1)


class BackgroundBridge:
    """A VpcdBridge serving on a daemon thread (tests, benchmarks, tools)."""

    def __init__(self, card: CardLike, host: str = VPCD_HOST, port: int = VPCD_PORT) -> None:
        self.bridge = VpcdBridge(card, host, port)
        self._ready = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self.bridge.serve_forever,
            kwargs={"ready": self._ready.set, "stop": self._stop},
            name=f"vpcd-bridge-{port}",
            daemon=True,
        )

    def start(self, timeout: float = 5.0) -> None:
        """Start serving; raise TimeoutError unless vpcd talks to the card within `timeout`."""
        self._thread.start()
        if not self._ready.wait(timeout):
            self.stop()
            raise TimeoutError(
                f"vpcd at {self.bridge.address} did not take the card within {timeout:.0f} s;"
                " is pcscd running, and is the reader free (no other card served to it)?"
            )

    def stop(self, timeout: float = 5.0) -> None:
        """Take the card out of the reader and wait for the thread to end."""
        self.bridge.stop()
        if self._thread.is_alive():
            self._thread.join(timeout)


def serve_card_file(path: str | Path, host: str = VPCD_HOST, port: int = VPCD_PORT) -> int:
    """Load a virtual card file and serve it to vpcd until SIGINT or SIGTERM; exit code."""
    from counter_app.virtual_card.card import VirtualCard

    card = VirtualCard.load(Path(path))
    bridge = VpcdBridge(card, host, port)
    stop = threading.Event()
    reader = vpcd_reader_name(port)

    def ready() -> None:
        print(
            f'ready: card {card.serial.hex().upper()} in reader "{reader}" via {host}:{port}',
            flush=True,
        )

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        bridge.serve_forever(ready=ready, stop=stop)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0
