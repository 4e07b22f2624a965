"""A fake vpcd: the pcscd side of the vpcd protocol on a local TCP port, for tests without pcscd."""

from __future__ import annotations

import socket


class FakeVpcd:
    """The pcscd side of the vpcd protocol: listens, accepts the card, sends it messages."""

    def __init__(self, port: int = 0) -> None:
        self.listener = socket.create_server(("127.0.0.1", port))
        self.listener.settimeout(5.0)
        self.port: int = self.listener.getsockname()[1]
        self.link: socket.socket | None = None

    def accept(self) -> None:
        self.link, _ = self.listener.accept()
        self.link.settimeout(5.0)

    def send(self, payload: bytes, *, split: bool = False) -> None:
        """Send one message; `split` writes length and payload separately, as vpcd does."""
        assert self.link is not None
        header = len(payload).to_bytes(2, "big")
        if split:
            self.link.send(header)
            self.link.send(payload)
        else:
            self.link.sendall(header + payload)

    def receive(self) -> bytes:
        assert self.link is not None
        header = self._exactly(2)
        return self._exactly(int.from_bytes(header, "big"))

    def request(self, payload: bytes, *, split: bool = False) -> bytes:
        self.send(payload, split=split)
        return self.receive()

    def drop(self) -> None:
        """Close the card's connection, as a restarting pcscd does."""
        if self.link is not None:
            self.link.close()
            self.link = None

    def close(self) -> None:
        self.drop()
        self.listener.close()

    def _exactly(self, n: int) -> bytes:
        assert self.link is not None
        data = b""
        while len(data) < n:
            chunk = self.link.recv(n - len(data))
            if not chunk:
                raise ConnectionError("the card closed the connection")
            data += chunk
        return data
