"""Verifying a presented card: a genuine card passes, each forgery fails the check that names it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from counter_app.card import profile as p
from counter_app.card.connection import CardConnection, ConnectionWrapper
from counter_app.card.errors import LastTryError, UnlockNumberError
from counter_app.card.issuer_keys import IssuerMaterial, load_or_create_issuer
from counter_app.card.personal_data import demo_cardholder
from counter_app.card.personalise import personalise
from counter_app.card.protocol import ApduTransport
from counter_app.card.sessions.face import FaceSession
from counter_app.card.unlock_entry import ExpiryYearError
from counter_app.card.verification import CheckId, Verdict
from counter_app.errors import CounterError
from counter_app.face_scan.report import FaceField
from counter_app.face_scan.simulated_scans import ScanCondition, simulate_scan, transplant
from counter_app.japanese_dates import EraDateFormatError, era_yymmdd
from counter_app.printing.layouts import CARD_FRONT
from counter_app.printing.qr import seal_text
from counter_app.printing.raster import rasterise_pdf
from counter_app.printing.seal import parse
from counter_app.printing.seal_documents import CardFaceQrError, CardFaceSeal, sign_document
from counter_app.printing.seal_keys import load_or_create_seal_signer
from counter_app.records import CardStatus, OperatorSession, Register, Role
from counter_app.records.errors import DatabaseUnavailableError
from counter_app.workflows import (
    CounterContext,
    IdentityDocument,
    IssuanceRequest,
    IssuanceWorkflow,
    ReturnRequest,
    ReturnWorkflow,
    suspend_card,
)
from counter_app.workflows.unlock_number import unlock_from_printed
from counter_app.workflows.verification import (
    OpenedWith,
    VerificationRequest,
    VerificationResult,
    VerificationWorkflow,
)
from tests.support.card_fixtures import Card, manufacture
from tests.support.counter_context import counter_context
from tests.support.records_fixtures import resident

PIN = "4829"
TODAY = dt.date.today()
PURPOSE = "identity-check"
FACE = p.Aid.FACE.value
SCAN_DPI = 300
TEXT = p.Aid.TEXT.value


@dataclasses.dataclass
class Issued:
    """A card issued through the issuance workflow: its file, serial and printed seal."""

    card: Card
    serial: str
    qr_text: str
    unlock_number: str
    resident_id: int
    face_pdf: bytes = b""


@pytest.fixture
def records_url(tmp_path: Path, records_sqlite_template: Path) -> str:
    path = tmp_path / "register.sqlite3"
    shutil.copyfile(records_sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def issuing(
    register: Register,
    make_operator: Callable[..., OperatorSession],
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> CounterContext:
    operator = make_operator("clerk", Role.ISSUING_CLERK)
    return counter_context(register, operator, issuer, tmp_path)


@pytest.fixture
def verifying(
    register: Register,
    make_operator: Callable[..., OperatorSession],
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> CounterContext:
    return counter_context(
        register, make_operator("checker", Role.VERIFYING_CLERK), issuer, tmp_path
    )


def _issue(
    ctx: CounterContext, supervisor: OperatorSession, issuer: IssuerMaterial, path: Path
) -> Issued:
    resident_id = ctx.register.residents.add(supervisor, resident(given=path.stem))
    card = manufacture(issuer, path)
    docs = (IdentityDocument.PASSPORT,)
    result = IssuanceWorkflow(ctx, IssuanceRequest(resident_id, docs, PIN), card.reader.connect)
    issued = result.run()
    assert issued.printed is not None
    seal = CardFaceSeal.from_seal(parse(issued.printed.card_face_seal))
    text = seal_text(issued.printed.card_face_seal)
    pdf = issued.printed.card_face_pdf
    return Issued(card, issued.serial, text, seal.unlock_number, resident_id, pdf)


@pytest.fixture
def issued(
    issuing: CounterContext, supervisor: OperatorSession, issuer: IssuerMaterial, tmp_path: Path
) -> Issued:
    return _issue(issuing, supervisor, issuer, tmp_path / "genuine.json")


def _verify(ctx: CounterContext, card: Card, **request: object) -> VerificationResult:
    workflow = VerificationWorkflow(
        ctx,
        VerificationRequest(PURPOSE, **request),  # type: ignore[arg-type]
        card.connection,
    )
    return workflow.run()


def _verdicts(result: VerificationResult) -> dict[CheckId, Verdict]:
    return {c.id: c.verdict for c in result.checks}


def _refused_by(result: VerificationResult, check_id: CheckId) -> None:
    assert not result.valid
    assert result.get(check_id).verdict is Verdict.FAILED, result.get(check_id)


# -- genuine cards ---------------------------------------------------------------------------------


def test_a_genuine_card_read_from_its_qr_code_is_valid_and_the_check_is_audited(
    verifying: CounterContext, issued: Issued, register: Register
) -> None:
    result = _verify(verifying, issued.card, qr_text=issued.qr_text)
    assert result.valid and result.in_use and result.recorded
    assert result.opened_with == (OpenedWith.QR_CODE,)
    verdicts = _verdicts(result)
    for check_id in (
        CheckId.SIGNER_CERTIFICATE,
        CheckId.FACE_SIGNATURE,
        CheckId.CHIP_AUTHENTICATION,
        CheckId.CARD_EXPIRY,
        CheckId.REGISTER_STATUS,
        CheckId.QR_SEAL,
    ):
        assert verdicts[check_id] is Verdict.SUCCEEDED, result.get(check_id)
    assert result.face is not None and result.register is not None
    event = next(e for e in register.audit_events(10) if e.action == "card.verified")
    assert event.purpose_code == PURPOSE and event.outcome == "ok"
    assert event.resident_id == issued.resident_id
    assert issued.unlock_number not in str(event) and "photo" not in str(event)


def test_a_genuine_card_opened_with_the_pin_runs_the_chip_and_expiry_checks_too(
    verifying: CounterContext, issued: Issued
) -> None:
    result = _verify(verifying, issued.card, pin=PIN)
    assert result.valid and result.text is not None
    assert result.get(CheckId.CHIP_AUTHENTICATION).verdict is Verdict.SUCCEEDED
    assert "recorded at issuance" in result.get(CheckId.CHIP_AUTHENTICATION).reason
    assert result.get(CheckId.CARD_EXPIRY).verdict is Verdict.SUCCEEDED


def test_with_pin_and_unlock_number_the_text_and_face_data_are_compared(
    verifying: CounterContext, issued: Issued
) -> None:
    result = _verify(verifying, issued.card, pin=PIN, unlock_number=issued.unlock_number)
    assert result.valid
    assert result.get(CheckId.TEXT_FACE_AGREEMENT).verdict is Verdict.SUCCEEDED
    assert result.text is not None and result.face is not None


def test_the_unlock_number_composed_from_the_printed_parts_opens_the_card(
    verifying: CounterContext, issued: Issued
) -> None:
    number = issued.unlock_number
    composed = unlock_from_printed(number[:6], "２０" + number[8:10], number[10:])
    assert composed == number
    assert _verify(verifying, issued.card, unlock_number=composed).valid


# -- forged, altered and invalid cards ------------------------------------------------------------


def test_face_data_altered_after_signing_fails_the_face_signature_and_is_withheld(
    verifying: CounterContext, issued: Issued
) -> None:
    def change_name_image(data: bytearray) -> None:
        data[data.index(b"IEND") - 8] ^= 0x01  # inside the name image's compressed pixels

    issued.card.alter_file(FACE, p.Fid.FACE_DATA, change_name_image)
    result = _verify(verifying, issued.card, unlock_number=issued.unlock_number)
    _refused_by(result, CheckId.FACE_SIGNATURE)
    assert result.face is None


def test_text_data_altered_after_signing_fails_its_digest(
    verifying: CounterContext, issued: Issued
) -> None:
    def rename(data: bytearray) -> None:
        index = data.index("山田".encode())
        data[index : index + 6] = "川田".encode()

    issued.card.alter_file(TEXT, p.Fid.TEXT_ATTRIBUTES, rename)
    result = _verify(verifying, issued.card, pin=PIN)
    _refused_by(result, CheckId.ATTRIBUTES_DIGEST)
    assert result.text is None
    check = result.get(CheckId.ATTRIBUTES_DIGEST)
    assert check.expected and check.found and check.expected != check.found


def test_a_card_signed_by_an_unknown_issuer_fails_the_certificate(
    verifying: CounterContext, tmp_path: Path
) -> None:
    stranger = load_or_create_issuer(tmp_path / "stranger")
    card = manufacture(stranger, tmp_path / "stranger.json")
    data, pin = demo_cardholder(7, today=TODAY)
    personalise(card.transport(), data, pin, signer=stranger.signer, keys=card.keys)
    result = _verify(verifying, card, unlock_number=data.unlock_number)
    _refused_by(result, CheckId.SIGNER_CERTIFICATE)
    assert "not valid" in result.get(CheckId.SIGNER_CERTIFICATE).reason  # same name, other key
    assert result.get(CheckId.REGISTER_STATUS).verdict is Verdict.FAILED
    assert result.face is None


def _clone(genuine: Card, issuer: IssuerMaterial, path: Path) -> Card:
    """Every file of `genuine`, its serial, PIN and unlock number, on a chip with another key."""
    other = manufacture(issuer, path)
    data, pin = demo_cardholder(9, today=TODAY)
    personalise(other.transport(), data, pin, signer=issuer.signer, keys=other.keys)
    document, original = other.document(), genuine.document()
    for copied in ("serial", "dfs", "pin", "unlock"):  # all but the chip key, which stays
        document[copied] = original[copied]
    other.write_document(document)
    return other


@pytest.mark.parametrize("secret", ["unlock", "pin"])
def test_a_clone_on_another_chip_fails_chip_authentication(
    verifying: CounterContext, issued: Issued, issuer: IssuerMaterial, tmp_path: Path, secret: str
) -> None:
    clone = _clone(issued.card, issuer, tmp_path / "clone.json")
    opened = {"unlock_number": issued.unlock_number} if secret == "unlock" else {"pin": PIN}
    result = _verify(verifying, clone, **opened)
    assert result.serial == issued.serial  # the clone even shows the genuine serial
    _refused_by(result, CheckId.CHIP_AUTHENTICATION)
    assert result.text is None and result.face is None


def test_an_expired_card_fails_the_expiry_and_its_data_is_withheld(
    verifying: CounterContext, issued: Issued
) -> None:
    later = dataclasses.replace(verifying, today=lambda: TODAY.replace(year=TODAY.year + 11))
    result = _verify(later, issued.card, unlock_number=issued.unlock_number)
    _refused_by(result, CheckId.CARD_EXPIRY)
    assert result.face is None
    assert result.get(CheckId.SIGNER_CERTIFICATE).verdict is Verdict.SUCCEEDED  # chain model


def test_a_card_suspended_a_moment_ago_is_refused_by_the_register_check(
    verifying: CounterContext, issuing: CounterContext, issued: Issued
) -> None:
    suspend_card(issuing, issued.resident_id)
    result = _verify(verifying, issued.card, unlock_number=issued.unlock_number)
    _refused_by(result, CheckId.REGISTER_STATUS)
    check = result.get(CheckId.REGISTER_STATUS)
    assert (check.expected, check.found) == ("active", "suspended")
    assert result.get(CheckId.CHIP_AUTHENTICATION).verdict is Verdict.SUCCEEDED


def test_a_revoked_card_is_refused(
    verifying: CounterContext, issued: Issued, register: Register, supervisor: OperatorSession
) -> None:
    register.cards.change_status(supervisor, issued.serial, CardStatus.REVOKED, "reissued")
    result = _verify(verifying, issued.card, pin=PIN)
    _refused_by(result, CheckId.REGISTER_STATUS)
    assert result.get(CheckId.REGISTER_STATUS).found == "revoked"


def test_a_returned_card_is_refused(
    verifying: CounterContext, issuing: CounterContext, issued: Issued
) -> None:
    request = ReturnRequest(issued.resident_id, card_at_hand=False)
    ReturnWorkflow(issuing, request, None).run()
    result = _verify(verifying, issued.card, unlock_number=issued.unlock_number)
    _refused_by(result, CheckId.REGISTER_STATUS)
    assert result.get(CheckId.REGISTER_STATUS).found == "returned"


def test_the_text_of_one_card_on_another_fails_the_card_binding(
    verifying: CounterContext,
    issuing: CounterContext,
    issued: Issued,
    supervisor: OperatorSession,
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> None:
    other = _issue(issuing, supervisor, issuer, tmp_path / "other.json")
    document = other.card.document()
    text_df = next(df for df in issued.card.document()["dfs"] if bytes.fromhex(df["aid"]) == TEXT)
    document["dfs"] = [
        text_df if bytes.fromhex(df["aid"]) == TEXT else df for df in document["dfs"]
    ]
    other.card.write_document(document)
    result = _verify(verifying, other.card, pin=PIN)
    _refused_by(result, CheckId.CARD_BINDING)
    assert result.get(CheckId.CARD_BINDING).found == issued.serial
    assert result.text is None


def test_a_damaged_face_file_and_a_damaged_certificate_fail_their_checks(
    verifying: CounterContext, issued: Issued
) -> None:
    def break_structure(data: bytearray) -> None:
        data[data.index(b"\xdf\x21") + 2] = 0x7F  # DF21 now runs past its template

    issued.card.alter_file(FACE, p.Fid.FACE_DATA, break_structure)
    result = _verify(verifying, issued.card, unlock_number=issued.unlock_number)
    _refused_by(result, CheckId.FACE_SIGNATURE)
    assert "damaged" in result.get(CheckId.FACE_SIGNATURE).reason

    def break_certificate(data: bytearray) -> None:
        data[40] ^= 0xFF

    issued.card.alter_file(TEXT, p.Fid.SIGNER_CERTIFICATE, break_certificate)
    result = _verify(verifying, issued.card, pin=PIN)
    _refused_by(result, CheckId.SIGNER_CERTIFICATE)


def test_a_qr_code_of_another_card_is_refused_without_spending_a_try(
    verifying: CounterContext,
    issuing: CounterContext,
    issued: Issued,
    supervisor: OperatorSession,
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> None:
    other = _issue(issuing, supervisor, issuer, tmp_path / "other.json")
    result = _verify(verifying, issued.card, qr_text=other.qr_text)
    _refused_by(result, CheckId.QR_SEAL)
    assert result.get(CheckId.QR_SEAL).found == other.serial
    assert result.in_use and result.get(CheckId.CHIP_AUTHENTICATION).verdict is Verdict.NOT_CHECKED
    face = FaceSession(issued.card.transport())
    face.select()
    assert face.tries_left() == p.UNLOCK_TRIES


def test_a_qr_seal_signed_with_another_key_fails_the_qr_check(
    verifying: CounterContext, issued: Issued, tmp_path: Path
) -> None:
    forger = load_or_create_seal_signer(tmp_path / "forger")
    seal = CardFaceSeal(issued.serial, issued.unlock_number, bytes(32))
    forged = sign_document(forger, seal, issue_date=TODAY, signed_on=TODAY).encode()
    result = _verify(verifying, issued.card, qr_text=seal_text(forged))
    _refused_by(result, CheckId.QR_SEAL)
    assert "not genuine" in result.get(CheckId.QR_SEAL).reason


def test_when_the_register_does_not_answer_the_status_is_unknown_never_succeeded(
    verifying: CounterContext, issued: Issued, monkeypatch: pytest.MonkeyPatch
) -> None:
    def down(*_: object, **__: object) -> None:
        raise DatabaseUnavailableError("connection lost")

    monkeypatch.setattr(verifying.register.service_records, "card", down)
    monkeypatch.setattr(verifying.register.service_records, "record_verification", down)
    result = _verify(verifying, issued.card, unlock_number=issued.unlock_number)
    assert result.get(CheckId.REGISTER_STATUS).verdict is Verdict.UNKNOWN
    assert not result.valid and not result.recorded
    assert result.get(CheckId.CHIP_AUTHENTICATION).verdict is Verdict.SUCCEEDED


# -- tries and typing slips ------------------------------------------------------------------------


def test_a_wrong_number_says_the_tries_left_and_the_last_try_needs_confirmation(
    verifying: CounterContext, issued: Issued
) -> None:
    wrong = era_yymmdd(dt.date(1950, 4, 2)) + issued.unlock_number[6:]
    with pytest.raises(UnlockNumberError) as caught:
        _verify(verifying, issued.card, unlock_number=wrong)
    assert caught.value.tries_left == p.UNLOCK_TRIES - 1
    transport: ApduTransport = issued.card.transport()
    face = FaceSession(transport)
    face.select()
    for _ in range(p.UNLOCK_TRIES - 2):
        with pytest.raises(UnlockNumberError):
            face.verify(wrong)
    with pytest.raises(LastTryError):
        _verify(verifying, issued.card, unlock_number=wrong)
    result = _verify(
        verifying, issued.card, unlock_number=issued.unlock_number, confirm_last_try=True
    )
    assert result.valid


class _Wire(ConnectionWrapper):
    """Keeps every command APDU sent; with `no_fcp` a SELECT by AID asks for no FCP, so the card
    tells nothing at SELECT (as a card OS without the profile's FCP would)."""

    def __init__(self, inner: CardConnection, sent: list[bytes], *, no_fcp: bool) -> None:
        super().__init__(inner)
        self.sent = sent
        self.no_fcp = no_fcp

    def transmit(self, command: bytes) -> bytes:
        if self.no_fcp and command[1:4] == b"\xa4\x04\x04":
            command = command[:3] + b"\x0c" + command[4:-1]  # P2 0C and no Le
        self.sent.append(command)
        return self.inner.transmit(command)


def _verify_on_the_wire(
    ctx: CounterContext, card: Card, *, no_fcp: bool = False, **request: object
) -> tuple[list[bytes], VerificationResult | CounterError]:
    """The commands one verification sends, and its result (or the error it raised)."""
    sent: list[bytes] = []
    workflow = VerificationWorkflow(
        ctx,
        VerificationRequest(PURPOSE, **request),  # type: ignore[arg-type]
        lambda: _Wire(card.connection(), sent, no_fcp=no_fcp),
    )
    try:
        return sent, workflow.run()
    except CounterError as exc:
        return sent, exc


def _numbers_sent(sent: list[bytes]) -> list[bytes]:
    """The VERIFY commands that carried a value (an empty VERIFY only asks the tries left)."""
    return [c for c in sent if c[1] == 0x20 and len(c) > 4]


def _tries_asked(sent: list[bytes]) -> int:
    return sum(1 for c in sent if c[1] == 0x20 and len(c) == 4)


def _down_to_the_last_try(card: Card, number: str) -> None:
    face = FaceSession(card.transport())
    face.select()
    wrong = era_yymmdd(dt.date(1950, 4, 2)) + number[6:]
    for _ in range(p.UNLOCK_TRIES - 1):
        with pytest.raises(UnlockNumberError):
            face.verify(wrong)


def test_on_an_extended_length_reader_a_verification_takes_six_apdus(
    verifying: CounterContext, issued: Issued
) -> None:
    sent, result = _verify_on_the_wire(verifying, issued.card, unlock_number=issued.unlock_number)
    assert isinstance(result, VerificationResult) and result.valid
    assert result.serial == issued.serial  # told by the face AP's SELECT
    assert len(sent) == 6  # SELECT, VERIFY, 2 READ BINARY, GET CHALLENGE, INTERNAL AUTHENTICATE
    assert len(_numbers_sent(sent)) == 1 and _tries_asked(sent) == 0


def test_a_short_length_reader_verifies_the_same_card_in_chunks(
    verifying: CounterContext, issued: Issued
) -> None:
    issued.card.reader.extended_length = False
    sent, result = _verify_on_the_wire(verifying, issued.card, unlock_number=issued.unlock_number)
    assert isinstance(result, VerificationResult) and result.valid
    assert len(sent) > 6 and all(len(c) <= 5 + 255 + 1 for c in sent)


@pytest.mark.parametrize("no_fcp", [False, True], ids=["tries told at select", "tries asked"])
def test_on_the_last_try_a_typing_slip_is_not_sent_to_the_card(
    verifying: CounterContext, issued: Issued, no_fcp: bool
) -> None:
    _down_to_the_last_try(issued.card, issued.unlock_number)
    slip = issued.unlock_number[:-1] + str((int(issued.unlock_number[-1]) + 1) % 10)
    sent, outcome = _verify_on_the_wire(verifying, issued.card, no_fcp=no_fcp, unlock_number=slip)
    assert isinstance(outcome, LastTryError) and outcome.tries_left == 1
    assert _numbers_sent(sent) == []
    assert _tries_asked(sent) == (1 if no_fcp else 0)
    face = FaceSession(issued.card.transport())
    face.select()
    assert face.tries_left() == 1  # the card never saw the slip


def test_a_card_that_tells_nothing_at_select_is_verified_with_the_serial_and_tries_asked(
    verifying: CounterContext, issued: Issued
) -> None:
    sent, result = _verify_on_the_wire(
        verifying, issued.card, no_fcp=True, unlock_number=issued.unlock_number
    )
    assert isinstance(result, VerificationResult) and result.valid
    assert result.serial == issued.serial  # from the common AP
    assert _tries_asked(sent) == 1
    assert len(sent) == 10  # the SELECT that told nothing, then SELECT and READ of the common AP


# -- the unlock number's sources -----------------------------------------------------------------


def test_the_printed_parts_compose_the_profile_example() -> None:
    assert unlock_from_printed("300217", "2036", "4821") == "30021720364821"
    assert unlock_from_printed("昭和30年2月17日", "２０３６", " 4821 ") == "30021720364821"
    assert unlock_from_printed("令和元年5月1日", "2036", "0007") == "01050120360007"


@pytest.mark.parametrize(
    ("birth", "year", "code", "error"),
    [
        ("3002171", "2036", "4821", EraDateFormatError),
        ("301317", "2036", "4821", EraDateFormatError),
        ("西暦30年2月17日", "2036", "4821", EraDateFormatError),
        ("300217", "36", "4821", ExpiryYearError),
        ("300217", "2036", "48a1", ValueError),
    ],
)
def test_malformed_printed_parts_are_refused_in_words(
    birth: str, year: str, code: str, error: type[Exception]
) -> None:
    with pytest.raises(error) as caught:
        unlock_from_printed(birth, year, code)
    assert getattr(caught.value, "what", "")


def test_scanner_text_that_is_not_a_card_face_seal_is_refused(
    verifying: CounterContext, issued: Issued
) -> None:
    with pytest.raises(CardFaceQrError):
        _verify(verifying, issued.card, qr_text="hello, world")


# -- the printed face against the chip (issue 9 §3) -----------------------------------------------


def _front(issued_card: Issued) -> Image.Image:
    return rasterise_pdf(issued_card.face_pdf, SCAN_DPI)[0]


def _scan(front: Image.Image) -> bytes:
    return simulate_scan(front, ScanCondition(angle=1.8, blur=0.7), random.Random(9))


def test_a_genuine_card_with_a_scan_of_its_face_is_valid_field_by_field(
    verifying: CounterContext, issued: Issued, register: Register
) -> None:
    scan = _scan(_front(issued))

    result = _verify(verifying, issued.card, qr_text=issued.qr_text, face_scan=scan)

    assert result.valid, result.failed
    assert result.get(CheckId.PRINTED_FACE).verdict is Verdict.SUCCEEDED
    comparison = result.face_comparison
    assert comparison is not None and comparison.matches
    assert comparison.get(FaceField.SECURITY_CODE).succeeded  # known from the QR's number
    event = next(e for e in register.audit_events(10) if e.action == "card.verified")
    assert event.detail["face_compared_by"] == "scan" and event.detail["face_mismatches"] == ""


def test_a_face_printed_with_another_name_is_refused_and_the_audit_names_the_field(
    verifying: CounterContext,
    issued: Issued,
    issuing: CounterContext,
    supervisor: OperatorSession,
    issuer: IssuerMaterial,
    tmp_path: Path,
    register: Register,
) -> None:
    other = _issue(issuing, supervisor, issuer, tmp_path / "other.json")
    front = _front(issued)
    name = CARD_FRONT.texts["name"].box
    forged = transplant(front, _front(other), name, SCAN_DPI)

    result = _verify(verifying, issued.card, qr_text=issued.qr_text, face_scan=_scan(forged))

    assert not result.valid
    assert result.get(CheckId.PRINTED_FACE).verdict is Verdict.FAILED
    assert "name" in result.get(CheckId.PRINTED_FACE).reason
    assert result.face_comparison is not None
    assert [f.field for f in result.face_comparison.mismatches] == [FaceField.NAME]
    event = next(e for e in register.audit_events(10) if e.action == "card.verified")
    assert event.detail["face_mismatches"] == "name" and event.outcome == "refused"


def test_a_scan_without_the_card_in_it_leaves_the_printed_face_unknown(
    verifying: CounterContext, issued: Issued
) -> None:
    blank = io.BytesIO()
    Image.new("RGB", (1200, 800), "white").save(blank, format="PNG")

    result = _verify(verifying, issued.card, qr_text=issued.qr_text, face_scan=blank.getvalue())

    assert not result.valid
    check = result.get(CheckId.PRINTED_FACE)
    assert check.verdict is Verdict.UNKNOWN and "QR code could not be read" in check.reason
    assert result.face_comparison is None
