"""What the counter window shows about the card in a reader, as one value object."""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.card.profile import LifeCycle


@dataclass(frozen=True)
class CardSummary:
    """A card's state as read without secrets (and the holder's name once unlocked)."""

    reader: str
    serial: str | None  # 16 upper-case hex digits, None when the card is not ours
    life_cycle: LifeCycle | None
    pin_tries_left: int | None  # None when the card has no PIN yet
    applications: tuple[str, ...] = ()  # labels of the operational applications (EF.DIR)
    holder_name: str | None = None  # only after the PIN or unlock number was given
    recognised: bool = True  # False for a card that does not follow our profile
