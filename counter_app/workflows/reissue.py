"""Re-issue: a new card is issued as in a new issuance, then the old card is revoked.

The multipurpose services of the old card go onto the new one (same member numbers and
consents) before the old card is revoked; the old card's service links end with it.

The old card is revoked only after the new card is verified and recorded, so a failed re-issue
never leaves the resident without a card in the register. A lost card is usually suspended
first (card_status.suspend_card); a suspended or active old card is revoked here.
"""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.card.protocol import ApduTransport
from counter_app.records import CardInfo, CardStatus
from counter_app.workflows.base import CardSource, CounterContext, Step, require
from counter_app.workflows.card_services import install_links
from counter_app.workflows.common import SERVICE_PURPOSE, active_card, identify_card
from counter_app.workflows.errors import NoActiveCardError, WrongCardError
from counter_app.workflows.issuance import IssuanceRequest, IssuanceWorkflow

_REVOCABLE = (CardStatus.ACTIVE, CardStatus.SUSPENDED)


@dataclass(frozen=True)
class ReissueRequest:
    """A new issuance, and why the old card goes (lost, damaged...)."""

    issuance: IssuanceRequest
    reason: str = "reissued"
    old_serial: str | None = None  # default: the resident's newest active or suspended card


class ReissueWorkflow(IssuanceWorkflow):
    """The issuance steps with `revoke_old` after `record`."""

    steps: tuple[Step, ...] = (
        Step("old_card", "Find the card to replace"),
        *IssuanceWorkflow.steps[:5],
        Step("carry_services", "Put the old card's services on the new card"),
        Step("revoke_old", "Revoke the old card"),
        IssuanceWorkflow.steps[5],
    )

    def __init__(self, ctx: CounterContext, request: ReissueRequest, card: CardSource) -> None:
        super().__init__(ctx, request.issuance, card)
        self.reissue = request
        self._old: CardInfo | None = None

    @property
    def old_card(self) -> CardInfo | None:
        """The card being replaced, once found."""
        return self._old

    def _step_old_card(self) -> None:
        access = self.ctx.register.access(self.ctx.operator, SERVICE_PURPOSE)
        cards = access.cards(self.request.resident_id)
        if self.reissue.old_serial is not None:
            self._old = active_card(cards, self.reissue.old_serial)
        else:
            self._old = next((c for c in cards if c.status in _REVOCABLE), None)
        if self._old is None or self._old.status not in _REVOCABLE:
            raise NoActiveCardError("no active or suspended card to replace")

    def _step_carry_services(self) -> None:
        old = require(self._old, "no old card")
        new = require(self.issued, "no new card").serial
        links = self.ctx.register.services.carry_over(self.ctx.operator, old.serial, new)
        if all(link.state != "consented" for link in links):
            return
        try:
            transport = ApduTransport(self._card.connect())
            identity = identify_card(self.ctx, transport)
            if identity.serial_text != new:
                raise WrongCardError(f"card {identity.serial_text} is not the new card {new}")
            install_links(self.ctx, transport, identity, links)
        finally:
            self._card.close()

    def _step_revoke_old(self) -> None:
        old = require(self._old, "no old card")
        self._old = self.ctx.register.cards.change_status(
            self.ctx.operator, old.serial, CardStatus.REVOKED, self.reissue.reason
        )
