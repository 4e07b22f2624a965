"""Reader back ends (PC/SC or the in-process virtual reader) and the value objects they report.

A back end is used from one thread only: the card thread in the GUI, the main thread in the
command line. It hands out value copies (`ReaderInfo`), never live objects.
"""

from __future__ import annotations

from typing import Protocol

from counter_app.card.connection import CardConnection, ReaderInfo


class ReaderBackend(Protocol):
    """Where readers come from."""

    @property
    def description(self) -> str:
        """Short English description shown in the status bar, e.g. "PC/SC (pcscd)"."""
        ...

    @property
    def is_virtual(self) -> bool:
        """True for the in-process virtual reader (the status bar says so)."""
        ...

    def readers(self) -> tuple[ReaderInfo, ...]:
        """The readers now, with whether a card is present and its ATR."""
        ...

    def wait_for_change(
        self, known: tuple[ReaderInfo, ...], timeout: float
    ) -> tuple[ReaderInfo, ...]:
        """Block up to `timeout` seconds until the readers differ from `known`; return them."""
        ...

    def connect(self, reader: str) -> CardConnection:
        """Open a connection to the card in `reader` (NoCardError, ReaderUnavailableError)."""
        ...

    def close(self) -> None: ...
