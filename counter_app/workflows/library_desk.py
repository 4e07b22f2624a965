"""The library desk: the library card on the resident's card, loans by barcode (docs/library.md).

Library staff put the resident's card in the reader. `LibraryDesk.check_card()` asks the
register first, before any PIN: a card suspended (reported lost), revoked or returned, or a
library service locked or not on the card, is refused at once. `LibraryDesk.open(pin)` reads the
member number from the card's library service after the resident's PIN (`service_of_card`, as
the reservation kiosk does) and asks the library system for the patron (SIP2 63/64). The
`DeskSession` it returns lends, returns and renews items by barcode (11/12, 09/10, 29/30).

Every step is audited under the library-desk purpose with ids only: the card's serial,
the item's barcode, and the error's name when refused; never a title or a name. Card steps and
library calls block: run them on the card worker.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from counter_app.card.protocol import ApduTransport
from counter_app.card.sessions.card import card_serial
from counter_app.errors import CounterError
from counter_app.library.client import LibraryClient
from counter_app.library.model import Loan, Patron, Return
from counter_app.records import Outcome, PurposeCode
from counter_app.records.audit import DetailValue
from counter_app.workflows.base import CardSource, CardSteps, CounterContext
from counter_app.workflows.card_services import service_of_card

LIBRARY_SERVICE = "library"
T = TypeVar("T")


class LibraryDesk:
    """The library desk's steps for the card in the reader (one card at a time)."""

    def __init__(self, ctx: CounterContext, card: CardSource, library: LibraryClient) -> None:
        self.ctx = ctx
        self.library = library
        self._card = CardSteps(card)

    def check_card(self) -> str:
        """The card's serial when its library service may be used; refused at once otherwise."""
        try:
            serial = card_serial(ApduTransport(self._card.connect())).hex().upper()
        finally:
            self._card.close()
        _audited(
            self.ctx, serial, "library.card_checked", {},
            lambda: self.ctx.register.services.require_usable(serial, LIBRARY_SERVICE),
        )  # fmt: skip
        return serial

    def open(self, pin: str) -> DeskSession:
        """Open the library service with the resident's PIN and look the patron up."""
        try:
            transport = ApduTransport(self._card.connect())
            serial = card_serial(transport).hex().upper()
            link = _audited(
                self.ctx, serial, "library.card_opened", {},
                lambda: service_of_card(self.ctx.register, transport, LIBRARY_SERVICE, pin),
            )  # fmt: skip
        finally:
            self._card.close()
        session = DeskSession(self.ctx, self.library, serial, link.member_number or "")
        session.refresh()
        return session


@dataclass
class DeskSession:
    """One resident at the library desk: their patron record, and loans by barcode."""

    ctx: CounterContext
    library: LibraryClient
    serial: str
    member_number: str
    patron: Patron | None = None

    def refresh(self) -> Patron:
        """The patron as the library system has them now (blocks, loans)."""
        self.patron = self._do(
            "library.patron", {}, lambda: self.library.patron(self.member_number)
        )
        return self.patron

    def lend(self, barcode: str) -> Loan:
        """Lend the item to the resident (checkout)."""
        return self._item("library.lend", barcode, self.library.lend)

    def renew(self, barcode: str) -> Loan:
        """Extend the resident's loan of the item."""
        return self._item("library.renew", barcode, self.library.renew)

    def give_back(self, barcode: str) -> Return:
        """Take the item back (checkin)."""
        returned = self._do(
            "library.return", {"barcode": barcode}, lambda: self.library.give_back(barcode)
        )
        self._refresh_quietly()
        return returned

    def _item(self, action: str, barcode: str, call: Callable[[str, str], Loan]) -> Loan:
        loan = self._do(action, {"barcode": barcode}, lambda: call(self.member_number, barcode))
        self._refresh_quietly()
        return loan

    def _refresh_quietly(self) -> None:
        """The loans list after a transaction; a failed look-up keeps the last one shown."""
        with contextlib.suppress(CounterError):
            self.refresh()

    def _do(self, action: str, detail: dict[str, DetailValue], call: Callable[[], T]) -> T:
        return _audited(self.ctx, self.serial, action, detail, call)


def _audited(
    ctx: CounterContext,
    serial: str,
    action: str,
    detail: dict[str, DetailValue],
    call: Callable[[], T],
) -> T:
    """Run one desk step and audit it: done, or refused with the error's name."""
    try:
        result = call()
    except CounterError as exc:
        ctx.register.services.record_use(
            ctx.operator, serial, LIBRARY_SERVICE, action, Outcome.REFUSED,
            {**detail, "error": type(exc).__name__}, purpose=PurposeCode.LIBRARY_DESK,
        )  # fmt: skip
        raise
    ctx.register.services.record_use(
        ctx.operator, serial, LIBRARY_SERVICE, action, Outcome.OK, detail,
        purpose=PurposeCode.LIBRARY_DESK,
    )  # fmt: skip
    return result
