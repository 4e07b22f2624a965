"""New issuance: application, blank card, personalisation, read-back check, record, print.

Steps: `application` (resident, fee, identity documents; nothing recorded but the identity
check), `insert_card`, `personalise`, `verify` (read back: signatures, chip challenge, data equal
to what was written), `record` (application with its fee or exemption, and the issued card, only
now), `print` (the card's print data kept in the register for a reprint, then card face and
handover receipt as PDF). A card step that fails (card pulled out)
resumes at `insert_card` with the same or another blank card; a failed `print` leaves the
issuance recorded and only printing is repeated.
"""

from __future__ import annotations

import hashlib
import logging
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Final

from counter_app.card.errors import CardAlreadyPersonalisedError
from counter_app.card.personal_data import CardholderData, build_cardholder
from counter_app.card.personalise import PersonalisationResult, personalise
from counter_app.card.profile import LifeCycle
from counter_app.card.protocol import ApduTransport
from counter_app.card.reading import read_face, read_text
from counter_app.errors import CounterError
from counter_app.japanese_dates import add_years, is_ascii_digits
from counter_app.licence_numbers import SAFETY_COMMISSION_CODES
from counter_app.printing.card_face import CardFace, render_card
from counter_app.printing.receipt import render_receipt
from counter_app.records import (
    CardInfo,
    CardKind,
    ExemptionGround,
    Fee,
    ProofKind,
    ResidentView,
    SearchResult,
)
from counter_app.records.issuance_records import RecordedExemption
from counter_app.workflows.base import (
    CardSource,
    CardSteps,
    CounterContext,
    Step,
    Workflow,
    require,
)
from counter_app.workflows.common import (
    EXEMPTION_PURPOSE,
    ISSUANCE_PURPOSE,
    VALIDITY_YEARS,
    CardIdentity,
    CountingConnection,
    IdentityDocument,
    age_on,
    card_name,
    card_records,
    card_sex,
    check_documents,
    identify_card,
    new_security_code,
    validate_photo,
)
from counter_app.workflows.errors import (
    CardDataMismatchError,
    CardNotVerifiedError,
    NotEligibleForFreeIssuanceError,
    PhotoMissingError,
    PrintFailedError,
    ProofMissingError,
    ProofNumberFormatError,
)
from counter_app.workflows.reprint import PrintData, keep_print_data

log = logging.getLogger(__name__)

PERSONALISE_APDUS: Final = 60  # about how many APDUs personalisation takes, for progress


@dataclass(frozen=True)
class ElderlyProof:
    """Proof that the resident returned the driving licence: certificate number or notice date."""

    kind: ProofKind
    number: str  # 運転経歴証明書 number, or the notice's date as YYYY-MM-DD

    @classmethod
    def certificate(cls, number: str) -> ElderlyProof:
        """The number of a driving history certificate (運転経歴証明書): the 12 digits of the
        licence number, the first two the public safety commission's code."""
        number = unicodedata.normalize("NFKC", number).replace(" ", "").replace("-", "")
        if not number:
            raise ProofMissingError("no certificate number")
        if not is_ascii_digits(number, 12) or number[:2] not in SAFETY_COMMISSION_CODES:
            raise ProofNumberFormatError("not 12 digits starting with a commission code")
        return cls(ProofKind.DRIVING_HISTORY_CERTIFICATE, number)

    @classmethod
    def cancellation_notice(cls, notice_date: date, *, today: date | None = None) -> ElderlyProof:
        """The date of the licence cancellation notice (運転免許の取消通知書)."""
        if notice_date > (today or date.today()):
            raise ProofMissingError("the notice date is in the future")
        return cls(ProofKind.LICENCE_CANCELLATION_NOTICE, notice_date.isoformat())

    @classmethod
    def parse(cls, text: str, *, today: date | None = None) -> ElderlyProof:
        """A date (YYYY-MM-DD) means a cancellation notice; anything else a certificate number."""
        try:
            notice = date.fromisoformat(text.strip())
        except ValueError:
            return cls.certificate(text)
        return cls.cancellation_notice(notice, today=today)


@dataclass(frozen=True)
class IssuanceRequest:
    """What the clerk gathered: resident, documents, PIN (checked with new_pin), photo, proof."""

    resident_id: int
    identity_documents: tuple[IdentityDocument, ...]
    pin: str = field(repr=False)
    photo_jpeg: bytes = field(default=b"", repr=False)  # b"" for a card without photo
    photo_card: bool = False
    elderly_proof: ElderlyProof | None = None

    @property
    def kind(self) -> CardKind:
        return CardKind.PHOTO if self.photo_card else CardKind.NO_PHOTO


@dataclass(frozen=True)
class PrintedIssuance:
    """The printouts of an issuance: card face (ID-1, front and back) and receipt (A4)."""

    card_face_pdf: bytes = field(repr=False)
    receipt_pdf: bytes = field(repr=False)
    card_face_seal: bytes = field(default=b"", repr=False)  # the seal in the face's QR code


@dataclass(frozen=True)
class IssuanceResult:
    """A recorded issuance; `printed` is None until printing succeeded."""

    resident_id: int
    application_id: int
    card: CardInfo
    fee: Fee
    restarted: bool  # a torn earlier write was cleaned up on the card
    printed: PrintedIssuance | None = None

    @property
    def serial(self) -> str:
        return self.card.serial


def find_residents(ctx: CounterContext, query: str, limit: int = 50) -> SearchResult:
    """Search the register under the issuance purpose (kana, kanji, Latin name, birth date)."""
    return ctx.register.access(ctx.operator, ISSUANCE_PURPOSE).search(query, limit)


def fee_for(ctx: CounterContext, resident: ResidentView, proof: ElderlyProof | None) -> Fee:
    """The standard fee, or free issuance when `proof` is given and the age rule holds."""
    if proof is None:
        return Fee.standard(ctx.settings.fee_yen)
    minimum = ctx.settings.free_issuance_min_age
    age = age_on(resident.summary.birth_date, ctx.today())
    if age < minimum:
        raise NotEligibleForFreeIssuanceError(f"age {age}, rule {minimum}", minimum_age=minimum)
    if not proof.number:
        raise ProofMissingError()
    return Fee.exempt(ExemptionGround.LICENCE_RETURNED, proof.kind, proof.number)


@dataclass(frozen=True)
class FreeIssuanceOutlook:
    """What the clerk sees when free issuance is chosen, before any proof or card: the age
    rule's verdict and the proof recorded at an earlier free application, if any."""

    age: int
    minimum_age: int
    earlier: RecordedExemption | None

    @property
    def eligible_by_age(self) -> bool:
        return self.age >= self.minimum_age


def free_issuance_outlook(ctx: CounterContext, resident_id: int) -> FreeIssuanceOutlook:
    """The age rule for the resident today and their earlier licence-return proof (audited)."""
    resident = ctx.register.access(ctx.operator, EXEMPTION_PURPOSE).resident(resident_id)
    earlier = ctx.register.service_records.earlier_exemption(
        ctx.operator, EXEMPTION_PURPOSE, resident_id
    )
    age = age_on(resident.summary.birth_date, ctx.today())
    return FreeIssuanceOutlook(age, ctx.settings.free_issuance_min_age, earlier)


def check_free_issuance(ctx: CounterContext, resident_id: int, proof: ElderlyProof) -> Fee:
    """Check free issuance for the resident now (the UI's fee page), under its purpose."""
    resident = ctx.register.access(ctx.operator, EXEMPTION_PURPOSE).resident(resident_id)
    return fee_for(ctx, resident, proof)


class IssuanceWorkflow(Workflow[IssuanceResult]):
    """Issue a new card to a resident; see the module docstring for the steps."""

    steps: tuple[Step, ...] = (
        Step("application", "Check the application"),
        Step("insert_card", "Insert a blank card"),
        Step("personalise", "Write the card", restart_from="insert_card"),
        Step("verify", "Check the written card", restart_from="insert_card"),
        Step("record", "Record the issuance"),
        Step("print", "Print the card face and the receipt"),
    )

    def __init__(self, ctx: CounterContext, request: IssuanceRequest, card: CardSource) -> None:
        super().__init__()
        self.ctx = ctx
        self.request = request
        self._card = CardSteps(card)
        self._resident: ResidentView | None = None
        self._fee: Fee | None = None
        self._data: CardholderData | None = None
        self._identity: CardIdentity | None = None
        self._written: PersonalisationResult | None = None
        self._verified_serial: str | None = None
        self._application_id: int | None = None
        self._issued: IssuanceResult | None = None

    @property
    def issued(self) -> IssuanceResult | None:
        """The recorded issuance, as soon as it is recorded (even when printing then fails)."""
        return self._issued

    @property
    def cardholder(self) -> CardholderData | None:
        """The data written to the card (for the preview), once the application is checked."""
        return self._data

    # -- steps --------------------------------------------------------------------------------

    def _step_application(self) -> None:
        ctx, request = self.ctx, self.request
        ctx.certifying_municipality()  # refused before a card is written that cannot be printed
        documents = check_documents(request.identity_documents)
        photo = b""
        if request.photo_card:
            if not request.photo_jpeg:
                raise PhotoMissingError()
            photo = validate_photo(request.photo_jpeg)
        access = ctx.register.access(ctx.operator, ISSUANCE_PURPOSE)
        resident = access.resident(request.resident_id)
        fee = (
            check_free_issuance(ctx, request.resident_id, request.elderly_proof)
            if request.elderly_proof is not None
            else fee_for(ctx, resident, None)
        )
        code = access.reveal_record_code(request.resident_id)
        today = ctx.today()
        self._data = build_cardholder(
            card_name(resident),
            resident.summary.address,
            resident.summary.birth_date,
            card_sex(resident.summary.sex),
            add_years(today, VALIDITY_YEARS),
            new_security_code(),
            photo,
            code.reveal() if code is not None else None,
            today=today,
            font_file=ctx.font_file,
        )
        self._resident, self._fee = resident, fee
        card_records(ctx).record_identity_check(
            ctx.operator,
            ISSUANCE_PURPOSE,
            request.resident_id,
            task="issuance",
            documents=[d.value for d in documents],
        )

    def _step_insert_card(self) -> None:
        self._card.connect()
        self._identity = identify_card(self.ctx, ApduTransport(self._card.connection))

    def _step_personalise(self) -> None:
        identity = require(self._identity, "no card identified")
        data = require(self._data, "no cardholder data")
        written = self._written
        if (
            identity.life_cycle == LifeCycle.OPERATIONAL
            and written is not None
            and written.serial == identity.serial_text
        ):
            return  # this card was written before it was pulled: check it again
        if identity.life_cycle == LifeCycle.OPERATIONAL:
            raise CardAlreadyPersonalisedError(f"card {identity.serial_text}")
        counting = CountingConnection(
            self._card.connection, lambda count: self._report(count / PERSONALISE_APDUS)
        )
        self._written = personalise(
            ApduTransport(counting),
            data,
            self.request.pin,
            signer=self.ctx.issuer.signer,
            keys=identity.keys,
        )

    def _step_verify(self) -> None:
        written = require(self._written, "the card is not written")
        data = require(self._data, "no cardholder data")
        self._card.connect()  # a fresh session: nothing of the writing session's status stays
        transport = ApduTransport(self._card.connection)
        verify_written_card(self.ctx, transport, data, self.request.pin, written)
        self._verified_serial = written.serial

    def _step_record(self) -> None:
        ctx, written = self.ctx, require(self._written, "the card is not written")
        data, fee = require(self._data, "no cardholder data"), require(self._fee, "no fee")
        self._card.close()
        ledger = ctx.register.cards
        # Received once: when recording the card fails (the register connection lost), running
        # the step again records it on the same application instead of leaving this one open.
        if self._application_id is None:
            self._application_id = ledger.receive_application(
                ctx.operator, self.request.resident_id, self.request.kind, fee
            )
        application_id = self._application_id
        card = ledger.record_issued(
            ctx.operator,
            application_id,
            serial=written.serial,
            issued_on=ctx.today(),
            expires_on=data.expiry,
            chip_key_fingerprint=hashlib.sha256(written.chip_public_key).hexdigest(),
            issuer_key_id=ctx.issuer.signer.certificate.chr,
        )
        self._issued = IssuanceResult(
            resident_id=self.request.resident_id,
            application_id=application_id,
            card=card,
            fee=fee,
            restarted=written.restarted,
        )
        self._set_result(self._issued)

    def _step_print(self) -> None:
        issued = self._issued
        if issued is None:
            raise AssertionError("print before record")
        data = require(self._data, "no cardholder data")
        # Kept before anything is printed, so a face lost at printing can be printed again; a
        # register that fails here is retried with this step alone (the issuance stays recorded).
        keep_print_data(self.ctx, issuance_print_data(self.ctx, issued, data))
        try:
            printed = print_issuance(self.ctx, issued, data)
        except CounterError as exc:
            raise PrintFailedError(f"{type(exc).__name__}: {exc.detail}") from exc
        except (OSError, ValueError) as exc:
            raise PrintFailedError(type(exc).__name__) from exc
        self._issued = replace(issued, printed=printed)
        self._set_result(self._issued)

    # -- helpers ------------------------------------------------------------------------------

    def _clean_up(self) -> None:
        self._card.close()


def verify_written_card(
    ctx: CounterContext,
    transport: ApduTransport,
    data: CardholderData,
    pin: str,
    written: PersonalisationResult,
) -> None:
    """Read the card back: every check must succeed and the data equal what was written."""
    text = read_text(transport, pin, trust=ctx.issuer.trust, today=ctx.today())
    if text.serial != written.serial:
        raise CardDataMismatchError("another card is in the reader")
    if text.attributes is None or not text.report.all_succeeded:
        raise CardNotVerifiedError("the text data failed its checks")
    attributes = text.attributes
    if (attributes.name, attributes.address, attributes.birth_date, attributes.sex) != (
        data.name,
        data.address,
        data.birth_date,
        data.sex,
    ):
        raise CardDataMismatchError("the text attributes differ from the record")
    face = read_face(transport, data.unlock_number, trust=ctx.issuer.trust, today=ctx.today())
    if face.face is None or not face.report.all_succeeded:
        raise CardNotVerifiedError("the face data or the chip failed its checks")
    if face.face.chip_public_key != written.chip_public_key:
        raise CardDataMismatchError("the chip key differs from the one generated")
    if (face.face.photo, face.face.name_image, face.face.address_image, face.face.expiry) != (
        data.photo_jpeg,
        data.name_image,
        data.address_image,
        data.expiry,
    ):
        raise CardDataMismatchError("the face data differs from the record")


def issuance_print_data(
    ctx: CounterContext, issued: IssuanceResult, data: CardholderData
) -> PrintData:
    """What the card face and the handover receipt of a recorded issuance are printed from."""
    municipality = ctx.certifying_municipality()
    return PrintData(
        face=CardFace.from_cardholder(data, serial=issued.serial, municipality=municipality),
        issued_on=issued.card.issued_on,
        card_kind=issued.card.kind,
        fee_yen=issued.fee.amount_yen,
        exemption=issued.fee.exemption,
        proof_kind=issued.fee.proof_kind,
        clerk=ctx.operator.display_name,
    )


def print_issuance(
    ctx: CounterContext, issued: IssuanceResult, data: CardholderData
) -> PrintedIssuance:
    """Render the card face and the handover receipt of a recorded issuance."""
    kept = issuance_print_data(ctx, issued, data)
    card = render_card(kept.face, ctx.seal_signer, issued_on=issued.card.issued_on)
    return PrintedIssuance(card.pdf, render_receipt(kept.receipt()), card.seal)
