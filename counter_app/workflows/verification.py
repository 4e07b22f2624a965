"""Verifying a presented card (本人確認): is this the genuine, valid card in use, check by check?

`VerificationWorkflow(ctx, request, card_source).run()` returns a `VerificationResult`: every
check with its verdict, reason and evidence, the data the checks cover (withheld when one of
them did not succeed), the register's record and whether the card is valid. The same checks
run whatever opened the chip: the signer certificate by the chain model, the issuer
signatures and the binding to this card's serial, a fresh chip challenge, the expiry, the
register status read at that moment, text against face data when both were read, and the QR
seal when its text was given. Every verification is an audit event under the purpose.

Steps: qr (decode the scanned QR text), serial (the card in the reader), register (its record,
fresh), read (open with the unlock number and/or PIN, read, challenge the chip; never the last
try unless `confirm_last_try`), record (the audit event). A wrong number raises
`UnlockNumberError` / `InvalidPinError` with `tries_left`; `run()` again resumes at "serial".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from PIL import Image

from counter_app.card.cvc import CvCertificate
from counter_app.card.errors import NotOurCardError
from counter_app.card.layout import FaceData, TextAttributes
from counter_app.card.profile import Aid
from counter_app.card.protocol import ApduTransport
from counter_app.card.reading import (
    TEXT_COVERING,
    FaceReading,
    TextReading,
    chip_checks_without_face,
    read_face,
    read_text_ap,
)
from counter_app.card.real_reading import REAL_CARD_SERIAL, CardKind, detect_card
from counter_app.card.sessions.base import SelectedApplication
from counter_app.card.sessions.card import presented_card
from counter_app.card.verification import (
    Check,
    CheckId,
    SigningPeriod,
    Verdict,
)
from counter_app.errors import CounterError
from counter_app.face_scan.compare import ChipFace, compare_face
from counter_app.face_scan.report import ComparedBy, FaceComparison
from counter_app.records import CardInfo, CardStatus
from counter_app.records.errors import DatabaseBusyError, DatabaseUnavailableError
from counter_app.workflows.base import CardSource, CardSteps, CounterContext, Step, Workflow
from counter_app.workflows.common import card_records
from counter_app.workflows.real_card_verification import read_real_card
from counter_app.workflows.unlock_number import QrUnlock, unlock_from_qr_text

MUST_SUCCEED = frozenset(
    {CheckId.SIGNER_CERTIFICATE, CheckId.CHIP_AUTHENTICATION, CheckId.CARD_EXPIRY}
)
"""Checks that must succeed for any card to be valid; the rest must not fail or be unknown."""

_REGISTER_DOWN = (DatabaseUnavailableError, DatabaseBusyError)


class OpenedWith(StrEnum):
    """What opened the chip (recorded in the audit event; never the number itself)."""

    UNLOCK_NUMBER = "unlock_number"
    QR_CODE = "qr_code"
    PIN = "pin"


@dataclass(frozen=True)
class VerificationRequest:
    """What to verify with: the purpose, and the unlock number (typed or from the QR text) and/or
    the resident's PIN. `confirm_last_try` lets a number be sent when only one try is left.
    `face_scan` is a scan or photo of the printed card face (image file bytes or an image): it is
    compared with the chip's face data after the chip is read (issue 9 §3)."""

    purpose: str
    unlock_number: str | None = field(default=None, repr=False)
    pin: str | None = field(default=None, repr=False)
    qr_text: str | None = field(default=None, repr=False)
    confirm_last_try: bool = False
    face_scan: bytes | Image.Image | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.unlock_number is None and self.pin is None and self.qr_text is None:
            raise ValueError("give an unlock number, a PIN or the QR text")


@dataclass(frozen=True)
class VerificationResult:
    """The verdict on a presented card.

    `valid` is True only when every check that applies succeeded (a check "not checked" by
    design, such as another issuer's register, does not count against the card). `text` and
    `face` are None unless read and every check covering them succeeded. `register` is the
    register's record (None when unknown or unreachable). `recorded` is False when the audit
    event could not be written (the register did not answer). `face_comparison` is the printed
    face against the chip, field by field, when a scan was given and the face data was read.
    """

    serial: str
    opened_with: tuple[OpenedWith, ...]
    checks: tuple[Check, ...]
    valid: bool
    text: TextAttributes | None = None
    face: FaceData | None = field(default=None, repr=False)
    register: CardInfo | None = None
    recorded: bool = False
    face_comparison: FaceComparison | None = field(default=None, repr=False)

    def get(self, check_id: CheckId) -> Check:
        """The check `check_id`; "not checked" when it was not run."""
        found = next((c for c in self.checks if c.id is check_id), None)
        return found or Check(check_id, Verdict.NOT_CHECKED, "not part of this verification")

    @property
    def in_use(self) -> bool:
        """True when the register shows the card in use (read at the moment of the check)."""
        return self.get(CheckId.REGISTER_STATUS).succeeded

    @property
    def failed(self) -> tuple[Check, ...]:
        """The checks that failed or whose outcome is unknown, in order."""
        return tuple(c for c in self.checks if c.verdict in (Verdict.FAILED, Verdict.UNKNOWN))


# -- the checks that need the register, the QR code or both readings ------------------------------


@dataclass(frozen=True)
class RegisterRecord:
    """The register's answer: the card's record (None when unknown), or unreachable."""

    card: CardInfo | None
    reachable: bool = True


def check_register(
    record: RegisterRecord, signer: CvCertificate | None, own_authority: str
) -> Check:
    """The card's status in the register now; another trusted issuer's card is not checked."""
    cid = CheckId.REGISTER_STATUS
    if not record.reachable:
        reason = "the register did not answer, so the card's status is not known"
        return Check(cid, Verdict.UNKNOWN, reason)
    card = record.card
    if card is None:
        if signer is not None and signer.car != own_authority:
            reason = f"a card of another issuer ({signer.car}); its register is not ours"
            return Check(cid, Verdict.NOT_CHECKED, reason)
        reason = "this municipality's register has no such card"
        return Check(cid, Verdict.FAILED, reason, "a registered card", "not registered")
    if card.status == CardStatus.ACTIVE:
        return Check(cid, Verdict.SUCCEEDED, f"in use since {card.issued_on}")
    reason = f"the register shows the card as {card.status.value}"
    return Check(cid, Verdict.FAILED, reason, CardStatus.ACTIVE.value, card.status.value)


def check_agreement(text: TextAttributes | None, face: FaceData | None, both: bool) -> Check:
    """Birth date and sex the same on the text and the face data."""
    cid = CheckId.TEXT_FACE_AGREEMENT
    if not both:
        return Check(cid, Verdict.NOT_CHECKED, "only one of the text and face data was read")
    if text is None or face is None:
        return Check(cid, Verdict.NOT_CHECKED, "the data of a failed check is not compared")
    found = f"{face.birth_date} {face.sex}"
    expected = f"{text.birth_date} {text.sex}"
    if (text.birth_date, text.sex) == (face.birth_date, face.sex):
        return Check(cid, Verdict.SUCCEEDED, "the same birth date and sex")
    return Check(cid, Verdict.FAILED, "the text and face data differ", expected, found)


def check_qr(qr: QrUnlock | None, serial: str) -> Check:
    """The printed QR seal: its signature, and that it names this chip's serial."""
    cid = CheckId.QR_SEAL
    if qr is None:
        return Check(cid, Verdict.NOT_PRESENT, "no QR code was read")
    if not qr.verdict.valid:
        unchecked = next((c for c in qr.verdict.checks if c.status == "not checked"), None)
        if unchecked is not None:  # no trust store to check it against: cannot be checked
            return Check(cid, Verdict.NOT_CHECKED, unchecked.reason)
        failing = next((c for c in qr.verdict.checks if c.status == "failed"), None)
        reason = f"the seal is not genuine: {failing.reason if failing else 'not valid'}"
        return Check(cid, Verdict.FAILED, reason)
    if qr.seal.card_serial != serial:
        reason = "the QR code is of another card"
        return Check(cid, Verdict.FAILED, reason, serial, qr.seal.card_serial)
    return Check(cid, Verdict.SUCCEEDED, "a genuine seal naming this card's serial")


def check_printed_face(comparison: FaceComparison) -> Check:
    """The printed face's verdict: every field compared matches the chip, or which do not."""
    cid = CheckId.PRINTED_FACE
    if comparison.matches:
        compared = sum(1 for f in comparison.fields if f.succeeded)
        return Check(cid, Verdict.SUCCEEDED, f"all {compared} printed fields match the chip")
    names = ", ".join(f.field.value for f in comparison.mismatches)
    return Check(cid, Verdict.FAILED, f"the printed face differs from the chip: {names}")


def required_checks(
    text_read: bool, face_read: bool, face_scanned: bool = False
) -> frozenset[CheckId]:
    """The checks that must succeed: the essential ones and those covering the data read."""
    required = set(MUST_SUCCEED)
    if face_scanned:
        required.add(CheckId.PRINTED_FACE)
    if text_read:
        required.update(TEXT_COVERING)
    if face_read:
        required.add(CheckId.FACE_SIGNATURE)
    return frozenset(required)


def card_valid(checks: tuple[Check, ...], required: frozenset[CheckId] = MUST_SUCCEED) -> bool:
    """Valid when the required checks succeeded and no check failed or is unknown."""
    verdicts = {c.id: c.verdict for c in checks}
    essential = all(verdicts.get(cid) is Verdict.SUCCEEDED for cid in required)
    return essential and not any(v in (Verdict.FAILED, Verdict.UNKNOWN) for v in verdicts.values())


def _not_opened(reason: str) -> tuple[Check, ...]:
    return tuple(
        Check(cid, Verdict.NOT_CHECKED, reason)
        for cid in (CheckId.SIGNER_CERTIFICATE, CheckId.CHIP_AUTHENTICATION, CheckId.CARD_EXPIRY)
    )


# -- the workflow ---------------------------------------------------------------------------------


class VerificationWorkflow(Workflow[VerificationResult]):
    """Verify the presented card; steps: qr, serial, register, read, record."""

    steps: tuple[Step, ...] = (
        Step("qr", "Read the QR code"),
        Step("serial", "Read the card", restart_from="serial"),
        Step("register", "Check the card in the register", restart_from="serial"),
        Step("read", "Open and check the card", restart_from="serial"),
        Step("record", "Record the verification"),
    )

    def __init__(self, ctx: CounterContext, request: VerificationRequest, card: CardSource) -> None:
        super().__init__()
        self.ctx = ctx
        self.request = request
        self._card = CardSteps(card)
        self._qr: QrUnlock | None = None
        self._serial: bytes | None = None
        self._selected: SelectedApplication | None = None
        self._record = RegisterRecord(None)
        self._checks: tuple[Check, ...] = ()
        self._opened: tuple[OpenedWith, ...] = ()
        self._text: TextAttributes | None = None
        self._face: FaceData | None = None
        self._required = MUST_SUCCEED
        self._kind = CardKind.OURS
        self._face_comparison: FaceComparison | None = None

    @property
    def _unlock_number(self) -> str | None:
        if self.request.unlock_number is not None:
            return self.request.unlock_number
        return self._qr.unlock_number if self._qr is not None else None

    def _step_qr(self) -> None:
        if self.request.qr_text is None:
            return
        trust = self.ctx.trust
        self._qr = unlock_from_qr_text(self.request.qr_text, trust.seals, trust.seals_missing)

    def _step_serial(self) -> None:
        self._card.connect()
        transport = ApduTransport(self._card.connection)
        # The serial from the FCP of the application opened first, which stays selected.
        first = Aid.TEXT if self.request.pin is not None else Aid.FACE
        try:
            presented = presented_card(transport, first)
        except NotOurCardError:
            # Not ours: a 個人番号カード has the JPKI AP (asked only now: ours pay nothing).
            self._kind = detect_card(transport)
            if self._kind is CardKind.REAL:
                return  # no serial of ours, not in our register
            raise
        self._serial, self._selected = presented.serial, presented.selected

    def _step_register(self) -> None:
        if self._kind is CardKind.REAL:
            return
        serial = self._serial_text
        try:
            card = card_records(self.ctx).card(self.ctx.operator, self.request.purpose, serial)
        except _REGISTER_DOWN:
            self._record = RegisterRecord(None, reachable=False)
            return
        self._record = RegisterRecord(card)

    @property
    def _serial_text(self) -> str:
        if self._kind is CardKind.REAL:
            return REAL_CARD_SERIAL
        if self._serial is None:
            raise AssertionError("no card serial")
        return self._serial.hex().upper()

    def _step_read(self) -> None:
        if self._kind is CardKind.REAL:
            self._read_real_card()
            return
        serial = self._serial_text
        qr_check = check_qr(self._qr, serial)
        if self._qr is not None and self._qr.seal.card_serial != serial:
            # A QR code of another card: its number is not sent, so no try is spent.
            reason = "the chip was not opened: the QR code is of another card"
            register = check_register(self._record, None, self._own_authority)
            self._checks = (*_not_opened(reason), register, qr_check)
            return
        today = self.ctx.today()
        card = self._record.card
        signed = SigningPeriod.on(card.issued_on) if card is not None else None
        transport = ApduTransport(self._card.connection)
        confirm = self.request.confirm_last_try
        text_reading: TextReading | None = None
        face_reading: FaceReading | None = None
        opened: list[OpenedWith] = []
        if self.request.pin is not None:
            text_reading = read_text_ap(
                transport,
                self.request.pin,
                self._serial or b"",
                trust=self.ctx.trust.cards,
                today=today,
                signed=signed,
                confirm_last_try=confirm,
                selected=self._selected,
            )
            opened.append(OpenedWith.PIN)
        unlock = self._unlock_number
        if unlock is not None:
            face_reading = read_face(
                transport,
                unlock,
                trust=self.ctx.trust.cards,
                today=today,
                signed=signed,
                confirm_last_try=confirm,
                selected=self._selected,
            )
            via_qr = self.request.unlock_number is None
            opened.append(OpenedWith.QR_CODE if via_qr else OpenedWith.UNLOCK_NUMBER)
        self._opened = tuple(opened)
        checks = self._read_checks(text_reading, face_reading, today, transport)
        self._card.close()
        self._checks = (*checks, qr_check)
        scanned = self.request.face_scan is not None
        if scanned:
            self._checks = (*self._checks, self._printed_face_check(face_reading, serial))
        self._required = required_checks(
            text_reading is not None, face_reading is not None, scanned
        )

    def _printed_face_check(self, face: FaceReading | None, serial: str) -> Check:
        """The scan of the printed face against the chip's face data, once that data is proven."""
        cid = CheckId.PRINTED_FACE
        if face is None or face.face is None:
            return Check(cid, Verdict.NOT_CHECKED, "the chip's face data was not read")
        proven = (CheckId.FACE_SIGNATURE, CheckId.CHIP_AUTHENTICATION)
        verdicts = {c.id: c.verdict for c in face.report.checks}
        if any(verdicts.get(c) is not Verdict.SUCCEEDED for c in proven):
            reason = "the chip's face data is not proven genuine, so the print is not compared"
            return Check(cid, Verdict.NOT_CHECKED, reason)
        unlock = self._unlock_number
        data = face.face
        chip = ChipFace(serial, data, unlock[-4:] if unlock is not None else None)
        certificates = self.ctx.trust.seals
        scan = self.request.face_scan
        assert scan is not None
        try:
            self._face_comparison = compare_face(scan, chip, certificates)
        except CounterError as exc:
            return Check(cid, Verdict.UNKNOWN, exc.what)  # the clerk compares by eye instead
        return check_printed_face(self._face_comparison)

    def _read_checks(
        self,
        text: TextReading | None,
        face: FaceReading | None,
        today: date,
        transport: ApduTransport,
    ) -> tuple[Check, ...]:
        checks: list[Check] = []
        if face is not None:
            checks.extend(face.report.checks)
            self._face = face.face
        if text is not None:
            for check in text.report.checks:
                if face is None or check.id is not CheckId.SIGNER_CERTIFICATE:
                    checks.append(check)
                elif not check.succeeded:  # one certificate check: the worse of the two
                    checks[0] = check
        if face is None and text is not None:
            checks.extend(self._text_only_chip_checks(today, transport))
        if text is not None:
            covering = {c.id: c for c in checks}
            needed = (*TEXT_COVERING, CheckId.CHIP_AUTHENTICATION, CheckId.CARD_EXPIRY)
            if all(covering[cid].succeeded for cid in needed if cid in covering):
                self._text = text.attributes
        signer = (face.signer if face is not None else None) or (
            text.signer if text is not None else None
        )
        checks.append(check_register(self._record, signer, self._own_authority))
        checks.append(
            check_agreement(self._text, self._face, both=text is not None and face is not None)
        )
        return tuple(checks)

    def _text_only_chip_checks(self, today: date, transport: ApduTransport) -> tuple[Check, ...]:
        """With the PIN only, the chip key and expiry come from the register's record."""
        card = self._record.card
        fingerprint = card.chip_key_fingerprint if card is not None else None
        expiry = card.expires_on if card is not None else None
        return chip_checks_without_face(transport, fingerprint, expiry, today)

    def _read_real_card(self) -> None:
        """A real 個人番号カード: its public layout, J-LIS's keys (real_card_verification)."""
        request = self.request
        outcome = read_real_card(
            ApduTransport(self._card.connection),
            pin=request.pin,
            unlock_number=request.unlock_number,
            qr_given=request.qr_text is not None,
            trust=self.ctx.trust.cards,
            today=self.ctx.today(),
            confirm_last_try=request.confirm_last_try,
        )
        self._card.close()
        opened = (OpenedWith.PIN,) if outcome.text_read else ()
        self._opened = (*opened, *((OpenedWith.UNLOCK_NUMBER,) if outcome.face_read else ()))
        self._text, self._face = outcome.text, outcome.face
        both = outcome.text_read and outcome.face_read
        agreement = check_agreement(outcome.text, outcome.face, both=both)
        self._checks = (*outcome.checks, agreement, outcome.qr)
        self._required = outcome.required

    @property
    def _own_authority(self) -> str:
        return self.ctx.issuer.signer.certificate.car

    def _step_record(self) -> None:
        valid = card_valid(self._checks, self._required)
        failed = ",".join(
            c.id.value for c in self._checks if c.verdict in (Verdict.FAILED, Verdict.UNKNOWN)
        )
        try:
            card_records(self.ctx).record_verification(
                self.ctx.operator,
                self.request.purpose,
                self._serial_text,
                valid=valid,
                failed=failed,
                opened_with=",".join(o.value for o in self._opened),
                face_compared_by=self._compared_by.value,
                face_mismatches=",".join(f.field.value for f in self._face_comparison.mismatches)
                if self._face_comparison is not None
                else "",
            )
            recorded = True
        except _REGISTER_DOWN:
            recorded = False
        self._set_result(
            VerificationResult(
                serial=self._serial_text,
                opened_with=self._opened,
                checks=self._checks,
                valid=valid,
                text=self._text,
                face=self._face,
                register=self._record.card,
                recorded=recorded,
                face_comparison=self._face_comparison,
            )
        )

    @property
    def _compared_by(self) -> ComparedBy:
        if self._face_comparison is None:
            return ComparedBy.NOT_COMPARED
        return self._face_comparison.compared_by

    def _clean_up(self) -> None:
        self._card.close()
