"""The library desk: the library card on the resident's card, loans by barcode (docs/library.md).

Library staff put the resident's card in the reader. `LibraryDesk.check_card()` asks the
register first, before any PIN: a card suspended (reported lost), revoked or returned, or a
library service locked or not on the card, is refused at once. `LibraryDesk.read_card(pin)`
reads the member number from the card's library service after the resident's PIN
(`service_of_card`, as the reservation kiosk does). The `DeskSession` it returns asks the
library system for the patron (SIP2 63/64) and lends, returns and renews items by barcode
(11/12, 09/10, 29/30).

Every step is audited under the library-desk purpose with ids only: the card's serial,
the item's barcode, and the error's name when refused; never a title or a name. Card steps and
library calls block: run the card steps on the card worker, the library calls on the
library worker (`open_desk` does both, for tests and tools).
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
from counter_app.library.model import Item, Loan, Patron, Return
from counter_app.records import Outcome, PurposeCode
from counter_app.records.audit import DetailValue
from counter_app.workflows.base import CardSource, CardSteps, CounterContext
from counter_app.workflows.card_services import service_of_card

LIBRARY_SERVICE = "library"
T = TypeVar("T")


class LibraryDesk:
    """The library desk's card steps for the card in the reader (one card at a time)."""

    def __init__(self, ctx: CounterContext, card: CardSource) -> None:
        self.ctx = ctx
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

    def read_card(self, pin: str) -> LibraryCard:
        """Open the card's library service with the resident's PIN: their member number."""
        try:
            transport = ApduTransport(self._card.connect())
            serial = card_serial(transport).hex().upper()
            link = _audited(
                self.ctx, serial, "library.card_opened", {},
                lambda: service_of_card(self.ctx.register, transport, LIBRARY_SERVICE, pin),
            )  # fmt: skip
        finally:
            self._card.close()
        return LibraryCard(serial, link.member_number or "")


@dataclass(frozen=True)
class LibraryCard:
    """The library card on the resident's card: the card's serial and the member number."""

    serial: str
    member_number: str


def open_desk(
    ctx: CounterContext, card: CardSource, library: LibraryClient, pin: str
) -> DeskSession:
    """The card's member number after the PIN, then the patron from the library system."""
    read = LibraryDesk(ctx, card).read_card(pin)
    session = DeskSession(ctx, read.serial, read.member_number)
    session.refresh(library)
    return session


@dataclass
class DeskSession:
    """One resident at the library desk: their patron record, their loans, loans by barcode.

    The library calls take the client: the window runs them on its library worker.
    """

    ctx: CounterContext
    serial: str
    member_number: str
    patron: Patron | None = None
    loans: tuple[Item, ...] = ()  # the items on loan to the resident, with their due dates

    def refresh(self, library: LibraryClient) -> Patron:
        """The patron as the library system has them now (blocks, loans and due dates)."""

        def look_up() -> tuple[Patron, tuple[Item, ...]]:
            patron = library.patron(self.member_number)
            return patron, tuple(library.item(barcode) for barcode in patron.charged_items)

        self.patron, self.loans = self._do("library.patron", {}, look_up)
        return self.patron

    def lend(self, library: LibraryClient, barcode: str) -> Loan:
        """Lend the item to the resident (checkout)."""
        return self._item(library, "library.lend", barcode, library.lend)

    def renew(self, library: LibraryClient, barcode: str) -> Loan:
        """Extend the resident's loan of the item."""
        return self._item(library, "library.renew", barcode, library.renew)

    def give_back(self, library: LibraryClient, barcode: str) -> Return:
        """Take the item back (checkin)."""
        returned = self._do(
            "library.return", {"barcode": barcode}, lambda: library.give_back(barcode)
        )
        self._refresh_quietly(library)
        return returned

    def _item(
        self,
        library: LibraryClient,
        action: str,
        barcode: str,
        call: Callable[[str, str], Loan],
    ) -> Loan:
        loan = self._do(action, {"barcode": barcode}, lambda: call(self.member_number, barcode))
        self._refresh_quietly(library)
        return loan

    def _refresh_quietly(self, library: LibraryClient) -> None:
        """The loans after a transaction; a failed look-up keeps the last ones shown."""
        with contextlib.suppress(CounterError):
            self.refresh(library)

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
