"""The in-process virtual reader: the virtual card OS behind the CardConnection interface.

Used when no PC/SC service answers, and by tests.  Taking the card out (`remove`) makes every
open connection fail with CardRemovedError, as a real reader does; putting it back (`insert`)
loads the card from its file, so only what the card had written survives.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from counter_app.card.connection import (
    CardRemovedError,
    NoCardError,
    ReaderInfo,
    ReaderUnavailableError,
)
from counter_app.virtual_card.card import VirtualCard

READER_NAME = "Virtual Reader (in-process) 00 00"


class InProcessConnection:
    """A connection to the card in the in-process reader."""

    def __init__(self, reader: InProcessReader, card: VirtualCard, generation: int) -> None:
        self._reader = reader
        self._card = card
        self._generation = generation
        self._closed = False

    @property
    def reader_name(self) -> str:
        return self._reader.name

    @property
    def atr(self) -> bytes:
        return self._card.atr

    @property
    def extended_length(self) -> bool:
        return self._reader.extended_length

    def transmit(self, command: bytes) -> bytes:
        if self._closed or not self._reader.holds(self._card, self._generation):
            raise CardRemovedError()
        # No trace here: ApduTransport traces every exchange, masking what the caller marks secret.
        return self._card.process(command)

    def close(self) -> None:
        """Disconnect and reset the card, so no security status outlives the connection."""
        if not self._closed and self._reader.holds(self._card, self._generation):
            self._card.power_on()
        self._closed = True


class InProcessReader:
    """One reader slot that holds a virtual card file or nothing."""

    def __init__(self, name: str = READER_NAME, *, extended_length: bool = True) -> None:
        self.name = name
        self.extended_length = extended_length
        self._lock = threading.Condition()
        self._card: VirtualCard | None = None
        self._path: Path | None = None
        self._generation = 0

    def insert(self, path: Path) -> None:
        """Put the card stored at `path` into the reader (power on, fresh volatile state)."""
        card = VirtualCard.load(path)
        card.power_on()
        with self._lock:
            self._card, self._path = card, path
            self._generation += 1
            self._lock.notify_all()

    def remove(self) -> None:
        """Take the card out: open connections fail from now on."""
        with self._lock:
            if self._card is not None:
                self._card.power_off()
            self._card, self._path = None, None
            self._generation += 1
            self._lock.notify_all()

    @property
    def card_path(self) -> Path | None:
        return self._path

    def holds(self, card: VirtualCard, generation: int) -> bool:
        """True while `card` is still the inserted card of that insertion."""
        return self._card is card and self._generation == generation

    def info(self) -> ReaderInfo:
        card = self._card
        return ReaderInfo(self.name, card is not None, card.atr if card is not None else b"")

    def connect(self) -> InProcessConnection:
        with self._lock:
            if self._card is None:
                raise NoCardError()
            return InProcessConnection(self, self._card, self._generation)

    def wait(self, generation: int, timeout: float) -> int:
        """Block until the insertion generation differs from `generation` or `timeout` passes."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._generation == generation:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._lock.wait(left)
            return self._generation

    @property
    def generation(self) -> int:
        return self._generation


class InProcessBackend:
    """A ReaderBackend with one in-process virtual reader."""

    def __init__(self, reader: InProcessReader | None = None) -> None:
        self.reader = reader or InProcessReader()

    @property
    def description(self) -> str:
        return "virtual reader (no PC/SC service)"

    @property
    def is_virtual(self) -> bool:
        return True

    def readers(self) -> tuple[ReaderInfo, ...]:
        return (self.reader.info(),)

    def wait_for_change(
        self, known: tuple[ReaderInfo, ...], timeout: float
    ) -> tuple[ReaderInfo, ...]:
        now = self.readers()
        if now != known:
            return now
        self.reader.wait(self.reader.generation, timeout)
        return self.readers()

    def insert_card(self, path: Path) -> None:
        """Put the card stored at `path` in the reader, in place of the card there (training)."""
        self.reader.insert(path)

    def connect(self, reader: str) -> InProcessConnection:
        if reader != self.reader.name:
            raise ReaderUnavailableError(f"no reader named {reader!r}")
        return self.reader.connect()

    def close(self) -> None:
        """Nothing to release: the card file is written after every command."""
