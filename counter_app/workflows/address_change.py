"""Address change after a move (転入・転居): authenticate the card, rewrite its address, print.

The register and the card agree afterwards: a new address the clerk types (from the resident's
転居届) is recorded in the register in the `record` step, with the card's change; without one,
the card gets the address the register already holds.

Steps: `resident` (the new address from the register, under the card-service purpose; refused
when the card's back has no free line),
`insert_card`, `authenticate` (read_face: chip challenge and signatures; the card must be the
resident's card in use), `update_card` (address text, face image, both signatures; a torn
change is resumed on the next run), `record`, `print` (only the new line, at the next free
position of the card's back).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from counter_app.card.address import AddressUpdateResult, update_address
from counter_app.card.personal_data import to_fullwidth_digits
from counter_app.card.profile import LifeCycle
from counter_app.card.protocol import ApduTransport
from counter_app.card.reading import read_face
from counter_app.errors import CounterError
from counter_app.printing.card_face import (
    AddressChange,
    AddressLinesFullError,
    CardFace,
    render_address_change,
)
from counter_app.printing.layouts import CARD_BACK
from counter_app.records import CardInfo, ResidentView
from counter_app.records.issuance_records import ADDRESS_CHANGED
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
    active_card,
    card_records,
    card_sex,
    identify_card,
)
from counter_app.workflows.errors import CardNotVerifiedError, PrintFailedError
from counter_app.workflows.reprint import keep_address_change

MOVE_KINDS = ("転居", "転入")


@dataclass(frozen=True)
class AddressChangeRequest:
    """The move: who, when, which kind; the PIN and unlock number open the card's files."""

    resident_id: int
    moved_on: date
    pin: str = field(repr=False)
    unlock_number: str = field(repr=False)  # 照合番号B, built from the card face
    kind: str = "転居"  # or 転入
    new_address: str | None = None  # default: the address in the register


@dataclass(frozen=True)
class AddressChangeResult:
    """The recorded change; `back_line_pdf` prints only the new line (None until printed)."""

    serial: str
    address: str
    line_index: int  # 0-based position of the new line on the card's back
    resumed: bool  # an earlier, torn change of this card was finished
    back_line_pdf: bytes | None = field(default=None, repr=False)


class AddressChangeWorkflow(Workflow[AddressChangeResult]):
    """Change the address on a resident's card; see the module docstring for the steps."""

    steps: tuple[Step, ...] = (
        Step("resident", "Check the resident and the new address"),
        Step("insert_card", "Insert the resident's card"),
        Step("authenticate", "Check the card", restart_from="insert_card"),
        Step("update_card", "Write the new address", restart_from="insert_card"),
        Step("record", "Record the address change"),
        Step("print", "Print the new address on the back"),
    )

    def __init__(
        self, ctx: CounterContext, request: AddressChangeRequest, card: CardSource
    ) -> None:
        super().__init__()
        if request.kind not in MOVE_KINDS:
            raise ValueError(f"kind must be one of {MOVE_KINDS}")
        self.ctx = ctx
        self.request = request
        self._card = CardSteps(card)
        self._resident: ResidentView | None = None
        self._address = ""
        self._cards: list[CardInfo] = []
        self._identity: CardIdentity | None = None
        self._face: CardFace | None = None
        self._updated: AddressUpdateResult | None = None
        self._moved = False  # the register holds the new address
        self._line: int | None = None  # the card's change is recorded, as this line of the back
        self._recorded: AddressChangeResult | None = None

    @property
    def recorded(self) -> AddressChangeResult | None:
        """The recorded change, as soon as it is recorded (even when printing then fails)."""
        return self._recorded

    def _step_resident(self) -> None:
        self.ctx.certifying_municipality()  # refused before the card's back can be printed
        access = self.ctx.register.access(self.ctx.operator, SERVICE_PURPOSE)
        self._resident = access.resident(self.request.resident_id)
        self._cards = access.cards(self.request.resident_id)
        card = active_card(self._cards)  # NoActiveCardError before the card is asked for
        if len(card_records(self.ctx).address_changes(card.serial)) >= len(CARD_BACK.lines):
            # Refused before the chip is changed: a change that cannot be printed on the back
            # would leave the card's face and chip disagreeing.
            raise AddressLinesFullError(f"all {len(CARD_BACK.lines)} lines of {card.serial}")
        address = self.request.new_address or self._resident.summary.address
        self._address = to_fullwidth_digits(address)

    def _step_insert_card(self) -> None:
        self._card.connect()
        self._identity = identify_card(self.ctx, ApduTransport(self._card.connection))
        active_card(self._cards, self._identity.serial_text)  # WrongCardError
        active_card([c for c in self._cards if c.serial == self._identity.serial_text])

    def _step_authenticate(self) -> None:
        identity = require(self._identity, "no card identified")
        if identity.life_cycle == LifeCycle.SUSPENDED:
            return  # a torn change: update_address checks the signatures and resumes it
        transport = ApduTransport(self._card.connection)
        face = read_face(
            transport,
            self.request.unlock_number,
            trust=self.ctx.issuer.trust,
            today=self.ctx.today(),
        )
        if face.face is None or not face.report.all_succeeded:
            raise CardNotVerifiedError("the face data or the chip failed its checks")

    def _step_update_card(self) -> None:
        identity = require(self._identity, "no card identified")
        self._updated = update_address(
            ApduTransport(self._card.connection),
            self._address,
            pin=self.request.pin,
            unlock_number=self.request.unlock_number,
            signer=self.ctx.issuer.signer,
            keys=identity.keys,
            trust=self.ctx.issuer.trust,
            font_file=self.ctx.font_file,
        )

    def _step_record(self) -> None:
        updated = require(self._updated, "the card is not updated")
        resident = require(self._resident, "no resident")
        self._card.close()
        moved_to = self.request.new_address
        # Three transactions; when the connection is lost between them, running the step again
        # does only what is left, so the move and the card's change are each recorded once and
        # the new line keeps its place on the card's back.
        if moved_to and moved_to.strip() != resident.summary.address and not self._moved:
            # The move the clerk took (転居届) is recorded in the register with the card's new
            # address, so the two never disagree.
            self.ctx.register.residents.change_address(
                self.ctx.operator, self.request.resident_id, moved_to.strip(), postal_code=None
            )
            self._moved = True
        if self._line is None:
            records = card_records(self.ctx)
            line = len(records.address_changes(updated.serial))
            records.record_card_event(
                self.ctx.operator,
                SERVICE_PURPOSE,
                updated.serial,
                ADDRESS_CHANGED,
                {"moved_on": self.request.moved_on.isoformat(), "kind": self.request.kind},
            )
            self._line = line
        line = self._line
        change = AddressChange(self.request.moved_on, self._address, self.request.kind)
        keep_address_change(self.ctx, updated.serial, change, line)
        self._recorded = AddressChangeResult(updated.serial, self._address, line, updated.resumed)
        self._set_result(self._recorded)

    def _step_print(self) -> None:
        recorded, resident = self._recorded, self._resident
        if recorded is None or resident is None:
            raise AssertionError("print before record")
        card = next(c for c in self._cards if c.serial == recorded.serial)
        # Only the number of earlier lines matters: render_address_change prints below them.
        earlier = tuple(
            AddressChange(self.request.moved_on, "") for _ in range(recorded.line_index)
        )
        face = CardFace(
            serial=recorded.serial,
            name=resident.summary.family_name,
            address=recorded.address,
            birth_date=resident.summary.birth_date,
            sex=card_sex(resident.summary.sex),
            expiry=card.expires_on,
            security_code="0000",  # not printed by the back line
            municipality=self.ctx.certifying_municipality(),
            address_changes=earlier,
        )
        change = AddressChange(self.request.moved_on, recorded.address, self.request.kind)
        try:
            pdf = render_address_change(face, change).pdf
        except CounterError as exc:
            raise PrintFailedError(f"{type(exc).__name__}: {exc.detail}") from exc
        self._recorded = replace(recorded, back_line_pdf=pdf)
        self._set_result(self._recorded)

    def _clean_up(self) -> None:
        self._card.close()
