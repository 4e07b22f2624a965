"""What the card holds only while powered: selection, security status, channel, buffers."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from counter_app.card.scp03 import CardChannel
from counter_app.virtual_card.filesystem import DedicatedFile, ElementaryFile, ReferenceFile


class Root(Enum):
    """Selections that are not application DFs: the MF and the issuer security domain."""

    MF = "MF"
    ISD = "ISD"


CurrentDf = DedicatedFile | Root
CurrentEf = ElementaryFile | ReferenceFile


@dataclass
class Chain:
    """The parts of a chained command received so far."""

    ins: int
    p1: int
    p2: int
    data: bytes


@dataclass
class Session:
    """Volatile state; a new Session is what a card reset gives."""

    current_df: CurrentDf = Root.MF
    current_ef: CurrentEf | None = None
    verified: set[int] = field(default_factory=set)  # references verified in the current DF
    channel: CardChannel | None = None  # the open issuer secure channel
    handshake: CardChannel | None = None  # after INITIALIZE UPDATE, until EXTERNAL AUTHENTICATE
    pending: bytes = b""  # response data GET RESPONSE has yet to deliver
    pending_sw: int | None = None  # the final status word of that response; None: nothing pending
    chain: Chain | None = None
    challenge: bytes | None = None  # from GET CHALLENGE, for the next command only

    def select_df(self, df: CurrentDf) -> None:
        """Make `df` current with no current EF; another DF loses the security status."""
        if df is not self.current_df:
            self.verified.clear()
        self.current_df = df
        self.current_ef = None

    def close_channel(self) -> None:
        """End the issuer secure channel (and any half-open one)."""
        if self.channel is not None:
            self.channel.close()
        self.channel = None
        self.handshake = None

    @property
    def channel_open(self) -> bool:
        return self.channel is not None and self.channel.is_open
