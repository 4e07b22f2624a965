"""Printouts kept and printed again: the card face, the handover receipt, the address lines.

At issuance the register keeps what the card's printouts are rebuilt from, sealed: the printed
fields, the security code and the photo (on the card's chip only behind the unlock number, of
which the security code is part, so a face that was never printed could not be read back), the
receipt's rows and, after each address change, the new back-side line. A reprint needs the
issuing clerk's reason, which the audit trail keeps under the issuance purpose; whether each
printout was then printed or not is recorded too (`record_printout`).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Final

from counter_app.printing.card_face import (
    AddressChange,
    CardFace,
    Municipality,
    render_address_change,
    render_card,
)
from counter_app.printing.receipt import HandoverReceipt, render_receipt
from counter_app.records import CardInfo, CardKind, CardStatus, ExemptionGround, ProofKind
from counter_app.workflows.base import CounterContext
from counter_app.workflows.common import ISSUANCE_PURPOSE, active_card, card_records
from counter_app.workflows.errors import (
    CardNotActiveError,
    NothingToReprintError,
    ReprintReasonMissingError,
    WrongCardError,
)

FORMAT: Final = 1


class Printout(StrEnum):
    """The printouts of a card that can be printed again."""

    FACE = "face"
    RECEIPT = "receipt"
    ADDRESS_LINES = "address-lines"


@dataclass(frozen=True)
class PrintData:
    """What a card's printouts are printed from (the municipality is the counter's own)."""

    face: CardFace = field(repr=False)
    issued_on: date
    card_kind: CardKind
    fee_yen: int
    exemption: ExemptionGround | None
    proof_kind: ProofKind | None
    clerk: str

    def to_bytes(self) -> bytes:
        """Canonical JSON (the photo in Base64)."""
        face = self.face
        data = {
            "format": FORMAT,
            "face": {
                "serial": face.serial,
                "name": face.name,
                "address": face.address,
                "birth_date": face.birth_date.isoformat(),
                "sex": face.sex,
                "expiry": face.expiry.isoformat(),
                "security_code": face.security_code,
                "photo": base64.b64encode(face.photo_jpeg).decode("ascii"),
                "foreign_resident": face.foreign_resident,
                "alias": face.alias,
                "address_changes": [
                    {"moved_on": c.moved_on.isoformat(), "address": c.address, "kind": c.kind}
                    for c in face.address_changes
                ],
            },
            "issued_on": self.issued_on.isoformat(),
            "card_kind": self.card_kind.value,
            "fee_yen": self.fee_yen,
            "exemption": self.exemption.value if self.exemption else None,
            "proof_kind": self.proof_kind.value if self.proof_kind else None,
            "clerk": self.clerk,
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes, municipality: Municipality) -> PrintData:
        """The data `to_bytes` wrote, the face printed for `municipality`."""
        data = json.loads(raw.decode("utf-8"))
        f = data["face"]
        face = CardFace(
            serial=f["serial"],
            name=f["name"],
            address=f["address"],
            birth_date=date.fromisoformat(f["birth_date"]),
            sex=int(f["sex"]),
            expiry=date.fromisoformat(f["expiry"]),
            security_code=f["security_code"],
            municipality=municipality,
            photo_jpeg=base64.b64decode(f["photo"]),
            foreign_resident=bool(f["foreign_resident"]),
            alias=f["alias"],
            address_changes=tuple(
                AddressChange(date.fromisoformat(c["moved_on"]), c["address"], c["kind"])
                for c in f["address_changes"]
            ),
        )
        return cls(
            face=face,
            issued_on=date.fromisoformat(data["issued_on"]),
            card_kind=CardKind(data["card_kind"]),
            fee_yen=int(data["fee_yen"]),
            exemption=ExemptionGround(data["exemption"]) if data["exemption"] else None,
            proof_kind=ProofKind(data["proof_kind"]) if data["proof_kind"] else None,
            clerk=data["clerk"],
        )

    def receipt(self) -> HandoverReceipt:
        """The handover receipt as it was printed at issuance."""
        face = self.face
        return HandoverReceipt(
            municipality=face.municipality,
            name=face.name,
            address=face.address,
            birth_date=face.birth_date,
            serial=face.serial,
            card_kind=self.card_kind,
            issued_on=self.issued_on,
            expires_on=face.expiry,
            fee_yen=self.fee_yen,
            exemption=self.exemption,
            proof_kind=self.proof_kind,
            clerk=self.clerk,
        )


@dataclass(frozen=True)
class Reprint:
    """A printout rendered again: what, for which card, the PDF and its file name."""

    what: Printout
    serial: str
    pdf: bytes = field(repr=False)
    file_name: str


def keep_print_data(ctx: CounterContext, data: PrintData) -> None:
    """Keep the card's print data in the register (sealed), for a reprint later."""
    ctx.register.printouts.keep(ctx.operator, data.face.serial, data.to_bytes())


def keep_address_change(
    ctx: CounterContext, serial: str, change: AddressChange, index: int
) -> None:
    """Put the new back-side line (the `index`-th change) into the card's kept print data.

    A card without kept print data (issued before the register kept it) is left as it is.
    """
    municipality = ctx.certifying_municipality()

    def with_change(raw: bytes) -> bytes:
        data = PrintData.from_bytes(raw, municipality)
        earlier = data.face.address_changes[:index]
        face = replace(data.face, address_changes=(*earlier, change))
        return replace(data, face=face).to_bytes()

    ctx.register.printouts.update(ctx.operator, serial, with_change)


def reprint(
    ctx: CounterContext,
    resident_id: int | None,
    what: Printout,
    reason: str,
    *,
    serial: str | None = None,
) -> Reprint:
    """Render `what` of the resident's card in use again (or of the card `serial`, the card in
    the reader), recorded with the clerk's `reason`."""
    reason = reason.strip()
    if not reason:
        raise ReprintReasonMissingError()
    municipality = ctx.certifying_municipality()
    card = _card_in_use(ctx, resident_id, serial)
    raw = ctx.register.printouts.open_for_reprint(
        ctx.operator, ISSUANCE_PURPOSE, card.serial, what.value, reason
    )
    if raw is None:
        raise NothingToReprintError(f"no print data kept for card {card.serial}")
    data = PrintData.from_bytes(raw, municipality)
    face = data.face
    today = ctx.today().isoformat()
    if what is Printout.FACE:
        pdf = render_card(face, ctx.seal_signer, issued_on=data.issued_on).pdf
        name = f"card-{card.serial}-reprint-{today}.pdf"
    elif what is Printout.RECEIPT:
        pdf = render_receipt(data.receipt())
        name = f"receipt-{card.serial}-reprint-{today}.pdf"
    else:
        if not face.address_changes:
            raise NothingToReprintError(f"card {card.serial} has no address change")
        *earlier, last = face.address_changes
        pdf = render_address_change(replace(face, address_changes=tuple(earlier)), last).pdf
        name = f"address-{card.serial}-reprint-{today}.pdf"
    return Reprint(what, card.serial, pdf, name)


def _card_in_use(ctx: CounterContext, resident_id: int | None, serial: str | None) -> CardInfo:
    """The resident's card in use, or the card `serial` when it is in use."""
    if serial is None:
        if resident_id is None:
            raise ValueError("a resident or a card serial is needed")
        return active_card(ctx.register.access(ctx.operator, ISSUANCE_PURPOSE).cards(resident_id))
    card = card_records(ctx).card(ctx.operator, ISSUANCE_PURPOSE, serial)
    if card is None or (resident_id is not None and card.holder_id != resident_id):
        raise WrongCardError(f"card {serial} is not in the register for this resident")
    if card.status != CardStatus.ACTIVE:
        raise CardNotActiveError(f"card {serial} is {card.status.value}")
    return card


def record_printout(
    ctx: CounterContext, serial: str, what: Printout, *, printed: bool, how: str
) -> None:
    """Record whether a printout of the card was printed (printer, pdf) or not (cancelled,
    failed), under the issuance purpose."""
    ctx.register.printouts.record_printout(
        ctx.operator, ISSUANCE_PURPOSE, serial, what.value, printed=printed, how=how
    )
