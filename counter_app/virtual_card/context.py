"""What a command handler gets (the assembled command and the card) and what it gives back."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from counter_app.card.apdu import Sw
from counter_app.card.profile import LifeCycle
from counter_app.card.scp03 import CardChannel
from counter_app.virtual_card.session import Session
from counter_app.virtual_card.state import CardState


class Ins(IntEnum):
    """The instructions this card knows (docs/card-profile.md §9)."""

    SELECT = 0xA4
    READ_BINARY = 0xB0
    UPDATE_BINARY = 0xD6
    VERIFY = 0x20
    CHANGE_REFERENCE_DATA = 0x24
    RESET_RETRY_COUNTER = 0x2C
    GET_CHALLENGE = 0x84
    INTERNAL_AUTHENTICATE = 0x2A
    GENERATE_ASYMMETRIC_KEY_PAIR = 0x47
    CREATE_FILE = 0xE0
    DELETE_FILE = 0xE4
    ACTIVATE_FILE = 0x44
    DEACTIVATE_FILE = 0x04
    TERMINATE_CARD_USAGE = 0xFE
    GET_RESPONSE = 0xC0
    INITIALIZE_UPDATE = 0x50
    EXTERNAL_AUTHENTICATE = 0x82


@dataclass(frozen=True)
class Command:
    """A complete command as the handler sees it: unchained, and unwrapped when secured."""

    cla: int  # as sent, secure messaging and chaining bits included
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    ne: int = 0
    ne_is_max: bool = False  # Le 00 on a short APDU, 0000 on an extended one
    secured: bool = False  # came through the open issuer secure channel
    challenge: bytes | None = None  # what GET CHALLENGE left for this command
    handshake: CardChannel | None = None  # what INITIALIZE UPDATE left for this command

    @property
    def p1p2(self) -> int:
        return (self.p1 << 8) | self.p2


@dataclass(frozen=True)
class Reply:
    """A handler's answer: data and status word."""

    data: bytes = b""
    sw: int = Sw.OK


def status(sw: int) -> Reply:
    """An answer with no data."""
    return Reply(b"", sw)


OK = Reply()


@dataclass
class Context:
    """The card as handlers see it; `dirty` marks a change to persist before answering."""

    state: CardState
    session: Session
    dirty: bool = False

    @property
    def life_cycle(self) -> LifeCycle:
        return self.state.life_cycle

    def changed(self) -> None:
        """Note that persistent state changed: the card writes its file before it answers."""
        self.dirty = True
