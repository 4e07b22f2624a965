"""The small connection interface every card conversation goes through, and its errors.

The protocol code above this module never imports pyscard: `pcsc.py` adapts pyscard to
`CardConnection`, and `virtual_card/inprocess.py` connects straight to the virtual card OS.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from counter_app.errors import CounterError


class CardError(CounterError):
    """Base of the card layer's errors."""

    what = "The card could not be read or written."
    todo = "Take the card out, put it back in the reader, and try again."


class CardRemovedError(CardError):
    what = "The card was taken out of the reader during the operation."
    todo = "Put the card back in the reader and start the operation again."


class NoCardError(CardError):
    what = "There is no card in the reader."
    todo = "Put the card in the reader."


class ReaderUnavailableError(CardError):
    what = "The card reader is not available."
    todo = "Check that the reader is connected. If it is, restart the card service or the PC."


class CardCommunicationError(CardError):
    what = "The card did not answer as expected."
    todo = (
        "Take the card out, put it back in, and try again. "
        "If it fails again the card may be damaged."
    )


@dataclass(frozen=True)
class ReaderInfo:
    """A value copy of a reader's state, safe to hand to any thread."""

    name: str
    card_present: bool
    atr: bytes = b""


@runtime_checkable
class CardConnection(Protocol):
    """An open connection to the card in one reader: raw command bytes in, response bytes out."""

    @property
    def reader_name(self) -> str: ...

    @property
    def atr(self) -> bytes: ...

    @property
    def extended_length(self) -> bool:
        """True when both reader and card take extended-length APDUs."""
        ...

    def transmit(self, command: bytes) -> bytes:
        """Send one command APDU; return the response including SW1 SW2.

        Raises CardRemovedError when the card left the reader, CardCommunicationError otherwise.
        """
        ...

    def close(self) -> None: ...


class ConnectionWrapper:
    """A CardConnection that forwards to another; subclasses override `transmit` to observe."""

    def __init__(self, inner: CardConnection) -> None:
        self.inner = inner

    @property
    def reader_name(self) -> str:
        return self.inner.reader_name

    @property
    def atr(self) -> bytes:
        return self.inner.atr

    @property
    def extended_length(self) -> bool:
        return self.inner.extended_length

    def transmit(self, command: bytes) -> bytes:
        return self.inner.transmit(command)

    def close(self) -> None:
        self.inner.close()
