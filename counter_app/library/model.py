"""What the library system tells the desk, as value copies: patron, item, loan, return, status."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from counter_app.library.messages import parse_sip_date


class PatronBlock(enum.Enum):
    """The 14 positions of SIP2's patron status; Y at a position means the block applies.

    The values are the reasons in words (English source strings the window translates).
    """

    CHARGE_DENIED = "Borrowing is suspended for this patron."
    RENEWAL_DENIED = "Renewing is suspended for this patron."
    RECALL_DENIED = "Recalls are suspended for this patron."
    HOLD_DENIED = "Reservations are suspended for this patron."
    CARD_LOST = "The library card was reported lost."
    TOO_MANY_CHARGED = "The patron has borrowed the most items allowed."
    TOO_MANY_OVERDUE = "The patron has too many overdue items."
    TOO_MANY_RENEWALS = "The patron has renewed too often."
    TOO_MANY_CLAIMED_RETURNED = "Too many items were claimed returned."
    TOO_MANY_LOST = "Too many items were lost."
    EXCESSIVE_FINES = "The patron has unpaid fines."
    EXCESSIVE_FEES = "The patron has unpaid fees."
    RECALL_OVERDUE = "A recalled item is overdue."
    TOO_MANY_BILLED = "Too many items were billed."

    @staticmethod
    def from_status(status: str) -> tuple[PatronBlock, ...]:
        """The blocks that a 14-character patron status sets."""
        return tuple(block for block, flag in zip(PatronBlock, status, strict=False) if flag == "Y")

    @staticmethod
    def to_status(blocks: tuple[PatronBlock, ...]) -> str:
        """The 14-character patron status for these blocks."""
        return "".join("Y" if block in blocks else " " for block in PatronBlock)


class CirculationStatus(enum.Enum):
    """SIP2's circulation status of an item (item information, 18)."""

    OTHER = "01"
    ON_ORDER = "02"
    AVAILABLE = "03"
    CHARGED = "04"
    CHARGED_NOT_RECALLABLE = "05"
    IN_PROCESS = "06"
    RECALLED = "07"
    ON_HOLD_SHELF = "08"
    WAITING_TO_BE_RESHELVED = "09"
    IN_TRANSIT = "10"
    CLAIMED_RETURNED = "11"
    LOST = "12"
    MISSING = "13"

    @property
    def on_loan(self) -> bool:
        return self in (
            CirculationStatus.CHARGED,
            CirculationStatus.CHARGED_NOT_RECALLABLE,
            CirculationStatus.RECALLED,
        )


@dataclass(frozen=True)
class LibraryStatus:
    """The library system's answer to the counter's status (98)."""

    library_name: str
    institution: str
    online: bool
    checkout_ok: bool
    checkin_ok: bool
    renewal_ok: bool
    protocol_version: str


@dataclass(frozen=True)
class Patron:
    """A library account as the library system reports it (64)."""

    patron_id: str
    name: str
    valid: bool
    blocks: tuple[PatronBlock, ...]
    charged_items: tuple[str, ...]
    charged_count: int
    overdue_count: int
    fee: str  # the outstanding amount as the library system writes it, "" when none
    screen_message: str

    @property
    def may_borrow(self) -> bool:
        return self.valid and not self.blocks

    @property
    def block_reasons(self) -> tuple[str, ...]:
        return tuple(block.value for block in self.blocks)


@dataclass(frozen=True)
class Item:
    """An item as the library system reports it (18)."""

    barcode: str
    title: str
    status: CirculationStatus
    due: dt.date | None
    due_text: str


@dataclass(frozen=True)
class Loan:
    """A loan or renewal the library system recorded (12, 30).

    `confirmed_on_reconnect` is True when the answer was lost and the counter found the loan
    already recorded when it asked again: the clerk sees one loan, and nothing was sent twice.
    """

    patron_id: str
    barcode: str
    title: str
    due: dt.date | None
    due_text: str
    renewal: bool
    screen_message: str = ""
    confirmed_on_reconnect: bool = False


@dataclass(frozen=True)
class Return:
    """A return the library system recorded (10)."""

    barcode: str
    title: str
    patron_id: str  # whose loan it was, when the library system says
    alert: bool  # the library system wants the item put aside (a hold, another branch)
    screen_message: str = ""
    confirmed_on_reconnect: bool = False


def due_date(text: str) -> dt.date | None:
    """A due date from SIP2 text: the 18-character form, or None when it is free text."""
    moment = parse_sip_date(text)
    return moment.date() if moment else None
