"""Suspension of a lost card, return and invalidation, and the register check of verification.

A suspension is a register change only and takes effect at once: `check_card_status`, which
every verification calls with the serial read from the chip, refuses a card not in use. Return
terminates the chip when the card is at hand (TERMINATE CARD under the issuer channel), then
records the card as returned.
"""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.card.profile import LifeCycle
from counter_app.card.protocol import ApduTransport
from counter_app.card.sessions.issuer import IssuerSession
from counter_app.records import CardInfo, CardStatus
from counter_app.workflows.base import (
    CardSource,
    CardSteps,
    CounterContext,
    Step,
    Workflow,
    require,
)
from counter_app.workflows.common import (
    IDENTITY_CHECK_PURPOSE,
    SERVICE_PURPOSE,
    CardIdentity,
    active_card,
    card_records,
    identify_card,
)
from counter_app.workflows.errors import (
    CardNotActiveError,
    CardNotRegisteredError,
    WrongCardError,
)


def suspend_card(
    ctx: CounterContext, resident_id: int, serial: str | None = None, reason: str = "lost"
) -> CardInfo:
    """Suspend the resident's card in use (or `serial`) in the register, effective at once."""
    access = ctx.register.access(ctx.operator, SERVICE_PURPOSE)
    card = active_card(access.cards(resident_id), serial)
    if card.status != CardStatus.ACTIVE:
        raise CardNotActiveError(f"card {card.serial} is {card.status}")
    return ctx.register.cards.change_status(ctx.operator, card.serial, CardStatus.SUSPENDED, reason)


def check_card_status(ctx: CounterContext, serial: str) -> CardInfo:
    """The register's record of a presented card; refuses a card that is not in use."""
    card = card_records(ctx).card(ctx.operator, IDENTITY_CHECK_PURPOSE, serial)
    if card is None:
        raise CardNotRegisteredError(f"card {serial}")
    if card.status != CardStatus.ACTIVE:
        raise CardNotActiveError(f"card {serial} is {card.status}")
    return card


@dataclass(frozen=True)
class ReturnRequest:
    """A card returned (or reported given up): whose, which, and whether it is at hand."""

    resident_id: int
    serial: str | None = None  # default: the card in the reader, or else the card in use
    card_at_hand: bool = True
    reason: str = "returned"


@dataclass(frozen=True)
class ReturnResult:
    """The card as recorded now, and whether its chip was terminated."""

    card: CardInfo
    chip_terminated: bool


class ReturnWorkflow(Workflow[ReturnResult]):
    """Take a card back and invalidate it; steps: resident, terminate_chip, record."""

    steps: tuple[Step, ...] = (
        Step("resident", "Check the resident's cards"),
        Step("terminate_chip", "Invalidate the card's chip"),
        Step("record", "Record the return"),
    )

    def __init__(
        self, ctx: CounterContext, request: ReturnRequest, card: CardSource | None
    ) -> None:
        super().__init__()
        if request.card_at_hand and card is None:
            raise ValueError("a card at hand needs a card source")
        self.ctx = ctx
        self.request = request
        self._card = CardSteps(card) if card is not None else None
        self._cards: list[CardInfo] = []
        self._serial: str | None = request.serial
        self._terminated = False

    def _step_resident(self) -> None:
        access = self.ctx.register.access(self.ctx.operator, SERVICE_PURPOSE)
        self._cards = access.cards(self.request.resident_id)
        if self._serial is not None:
            active_card(self._cards, self._serial)
        elif not self.request.card_at_hand:
            self._serial = active_card(self._cards).serial

    def _step_terminate_chip(self) -> None:
        if not self.request.card_at_hand or self._card is None:
            return
        self._card.connect()
        transport = ApduTransport(self._card.connection)
        identity: CardIdentity = identify_card(self.ctx, transport)
        if self._serial is not None and identity.serial_text != self._serial:
            raise WrongCardError(f"card {identity.serial_text} is not {self._serial}")
        active_card(self._cards, identity.serial_text)  # the resident's card
        self._serial = identity.serial_text
        if identity.life_cycle != LifeCycle.TERMINATED:
            issuer = IssuerSession(transport)
            issuer.open(identity.keys)
            issuer.terminate_card()
        self._terminated = True
        self._card.close()

    def _step_record(self) -> None:
        serial = require(self._serial, "no card chosen")
        card = next(c for c in self._cards if c.serial == serial)
        if card.status != CardStatus.RETURNED:
            card = self.ctx.register.cards.change_status(
                self.ctx.operator, serial, CardStatus.RETURNED, self.request.reason
            )
        if self._terminated:
            card_records(self.ctx).record_card_event(
                self.ctx.operator, SERVICE_PURPOSE, serial, "card.chip_terminated"
            )
        self._set_result(ReturnResult(card, self._terminated))

    def _clean_up(self) -> None:
        if self._card is not None:
            self._card.close()
