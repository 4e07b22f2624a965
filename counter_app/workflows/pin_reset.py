"""PIN reset after a lock-out: identity check recorded, issuer channel, the resident's new PIN.

Steps: `identity` (the identity documents, recorded under the card-service purpose),
`insert_card` (the resident's card in use), `reset_pin` (under the issuer channel), `record`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from counter_app.card.errors import CardNotOperationalError
from counter_app.card.pins import reset_pin
from counter_app.card.profile import LifeCycle
from counter_app.card.protocol import ApduTransport
from counter_app.card.sessions.base import PIN
from counter_app.records import CardInfo
from counter_app.workflows.base import (
    CardSource,
    CardSteps,
    CounterContext,
    Step,
    Workflow,
    require,
)
from counter_app.workflows.common import (
    SERVICE_PURPOSE,
    CardIdentity,
    IdentityDocument,
    active_card,
    card_records,
    check_documents,
    identify_card,
)


@dataclass(frozen=True)
class PinResetRequest:
    """Who, which documents proved it, and the new PIN (checked with new_pin)."""

    resident_id: int
    identity_documents: tuple[IdentityDocument, ...]
    new_pin: str = field(repr=False)


@dataclass(frozen=True)
class PinResetResult:
    """The card whose PIN was reset."""

    serial: str


class PinResetWorkflow(Workflow[PinResetResult]):
    """Reset a blocked PIN; see the module docstring for the steps."""

    steps: tuple[Step, ...] = (
        Step("identity", "Check the resident's identity"),
        Step("insert_card", "Insert the resident's card"),
        Step("reset_pin", "Set the new PIN", restart_from="insert_card"),
        Step("record", "Record the PIN reset"),
    )

    def __init__(self, ctx: CounterContext, request: PinResetRequest, card: CardSource) -> None:
        super().__init__()
        self.ctx = ctx
        self.request = request
        self._card = CardSteps(card)
        self._cards: list[CardInfo] = []
        self._identity: CardIdentity | None = None

    def _step_identity(self) -> None:
        PIN.check_format(self.request.new_pin)
        documents = check_documents(self.request.identity_documents)
        access = self.ctx.register.access(self.ctx.operator, SERVICE_PURPOSE)
        self._cards = access.cards(self.request.resident_id)
        active_card(self._cards)
        card_records(self.ctx).record_identity_check(
            self.ctx.operator,
            SERVICE_PURPOSE,
            self.request.resident_id,
            task="pin_reset",
            documents=[d.value for d in documents],
        )

    def _step_insert_card(self) -> None:
        self._card.connect()
        identity = identify_card(self.ctx, ApduTransport(self._card.connection))
        card = active_card(self._cards, identity.serial_text)
        active_card([card])  # the card must be in use in the register
        if identity.life_cycle != LifeCycle.OPERATIONAL:
            raise CardNotOperationalError(f"life cycle {identity.life_cycle}")
        self._identity = identity

    def _step_reset_pin(self) -> None:
        identity = require(self._identity, "no card identified")
        reset_pin(ApduTransport(self._card.connection), self.request.new_pin, keys=identity.keys)

    def _step_record(self) -> None:
        identity = require(self._identity, "no card identified")
        self._card.close()
        card_records(self.ctx).record_card_event(
            self.ctx.operator, SERVICE_PURPOSE, identity.serial_text, "card.pin_reset"
        )
        self._set_result(PinResetResult(identity.serial_text))

    def _clean_up(self) -> None:
        self._card.close()
