"""One TCP connection to a SIP2 library system: CR-terminated frames, connect and read timeouts."""

from __future__ import annotations

import socket
import time

from counter_app.library.errors import (
    LibraryConnectionLostError,
    LibraryNotAnsweringError,
    LibraryProtocolError,
    LibraryUnreachableError,
)
from counter_app.library.messages import TERMINATOR

MAX_FRAME = 64 * 1024  # a SIP2 answer is a few hundred bytes; more is not a SIP2 server


class SipSocket:
    """A connected socket that sends a frame and reads one back, each within its timeout."""

    def __init__(self, host: str, port: int, *, connect_timeout: float, read_timeout: float):
        self.read_timeout = read_timeout
        try:
            self._sock = socket.create_connection((host, port), timeout=connect_timeout)
        except TimeoutError:
            raise LibraryUnreachableError(f"no connection to {host}:{port} in time") from None
        except OSError as exc:
            raise LibraryUnreachableError(f"{host}:{port}: {exc.strerror or exc}") from None
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._pending = b""

    def send(self, frame: bytes) -> None:
        """Send one frame; a closed connection is reported as lost."""
        try:
            self._sock.sendall(frame)
        except OSError as exc:
            self.close()
            raise LibraryConnectionLostError(f"sending: {exc}") from None

    def receive(self) -> bytes:
        """One frame up to and without its CR, within the read timeout counted from now."""
        deadline = time.monotonic() + self.read_timeout
        while TERMINATOR not in self._pending:
            left = deadline - time.monotonic()
            if left <= 0:
                self.close()
                raise LibraryNotAnsweringError(f"no answer in {self.read_timeout:g} s")
            self._sock.settimeout(left)
            try:
                chunk = self._sock.recv(4096)
            except TimeoutError:
                continue
            except OSError as exc:
                self.close()
                raise LibraryConnectionLostError(f"receiving: {exc}") from None
            if not chunk:
                self.close()
                partial = " in the middle of an answer" if self._pending.strip() else ""
                raise LibraryConnectionLostError(f"the library system hung up{partial}")
            self._pending += chunk
            if len(self._pending) > MAX_FRAME:
                self.close()
                raise LibraryProtocolError("an answer longer than any SIP2 message")
        frame, _, self._pending = self._pending.partition(TERMINATOR)
        return frame.lstrip(b"\n")

    def close(self) -> None:
        self._sock.close()
