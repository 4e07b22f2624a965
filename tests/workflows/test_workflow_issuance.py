"""Issuance, address change, PIN reset, suspension, re-issue and return on the in-process reader."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from counter_app.card.connection import CardConnection, CardRemovedError
from counter_app.card.errors import CardTerminatedError, PinFormatError
from counter_app.card.issuer_keys import IssuerMaterial
from counter_app.card.profile import LifeCycle
from counter_app.card.protocol import ApduTransport
from counter_app.card.reading import read_text
from counter_app.card.sessions.base import read_life_cycle
from counter_app.card.trace import TRACE, install_trace_level
from counter_app.records import (
    CardStatus,
    ExemptionGround,
    OperatorSession,
    ProofKind,
    Register,
    Role,
)
from counter_app.workflows import (
    AddressChangeRequest,
    AddressChangeWorkflow,
    CounterContext,
    ElderlyProof,
    IdentityDocument,
    IssuanceRequest,
    IssuanceWorkflow,
    PinResetRequest,
    PinResetWorkflow,
    ReissueRequest,
    ReissueWorkflow,
    ReturnRequest,
    ReturnWorkflow,
    check_card_status,
    free_issuance_report,
    new_pin,
    suspend_card,
    validate_photo,
)
from counter_app.workflows.errors import (
    CardNotActiveError,
    NotEligibleForFreeIssuanceError,
    PhotoEmptyError,
    PhotoTooSmallError,
    PinMismatchError,
    ProofNumberFormatError,
)
from counter_app.workflows.issuance import free_issuance_outlook
from counter_app.workflows.settings import load_settings
from tests.support.card_fixtures import TearingConnection, manufacture
from tests.support.counter_context import counter_context
from tests.support.photos import portrait_jpeg
from tests.support.records_fixtures import resident

PIN = "4829"
TODAY = dt.date.today()
DOCS = (IdentityDocument.DRIVING_HISTORY_CERTIFICATE,)


@pytest.fixture
def clerk(make_operator: Callable[..., OperatorSession]) -> OperatorSession:
    return make_operator("clerk", Role.ISSUING_CLERK)


@pytest.fixture
def ctx(
    register: Register,
    clerk: OperatorSession,
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> CounterContext:
    return counter_context(register, clerk, issuer, tmp_path)


def _add_resident(register: Register, supervisor: OperatorSession, **kw: object) -> int:
    return register.residents.add(supervisor, resident(**kw))  # type: ignore[arg-type]


def _issue(
    ctx: CounterContext, resident_id: int, card_source: Callable[[], CardConnection], **kw: object
) -> IssuanceWorkflow:
    request = IssuanceRequest(resident_id, DOCS, PIN, **kw)  # type: ignore[arg-type]
    return IssuanceWorkflow(ctx, request, card_source)


def test_issuance_writes_verifies_records_and_prints(
    ctx: CounterContext,
    register: Register,
    supervisor: OperatorSession,
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> None:
    resident_id = _add_resident(register, supervisor, code="12345678901")
    card = manufacture(issuer, tmp_path / "blank.json")
    workflow = _issue(ctx, resident_id, card.reader.connect)
    result = workflow.run()
    assert result.serial == card.serial.hex().upper()
    assert result.fee.amount_yen == 500 and result.fee.exemption is None
    assert result.printed is not None
    assert result.printed.card_face_pdf.startswith(b"%PDF")
    assert result.printed.receipt_pdf.startswith(b"%PDF")
    assert workflow.progress().finished and workflow.progress().fraction == 1.0
    text = read_text(card.transport(), PIN, trust=issuer.trust)
    assert text.attributes is not None
    assert text.attributes.name == "山田\u3000太郎"
    assert text.attributes.address == "東京都千代田区千代田１-１"
    cards = register.access(supervisor, "card-service").cards(resident_id)
    assert [(c.serial, c.status) for c in cards] == [(result.serial, CardStatus.ACTIVE)]
    actions = [e.action for e in register.audit_events(100)]
    assert "card.issued" in actions and "identity.checked" in actions


def test_elderly_free_issuance_is_recorded_with_its_proof_and_reported(
    ctx: CounterContext,
    register: Register,
    supervisor: OperatorSession,
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> None:
    resident_id = _add_resident(register, supervisor, born=dt.date(1950, 4, 1))
    card = manufacture(issuer, tmp_path / "blank.json")
    assert free_issuance_outlook(ctx, resident_id).earlier is None
    proof = ElderlyProof.parse("７４１２ ３４５６ ７８９０")  # as typed: full-width, spaced
    result = _issue(ctx, resident_id, card.reader.connect, elderly_proof=proof).run()
    assert result.fee.amount_yen == 0
    assert result.fee.exemption == ExemptionGround.LICENCE_RETURNED
    report = free_issuance_report(ctx, TODAY - dt.timedelta(days=1), TODAY)
    assert [(e.resident_id, e.serial, e.proof_kind, e.proof_number) for e in report] == [
        (resident_id, result.serial, ProofKind.DRIVING_HISTORY_CERTIFICATE, "741234567890")
    ]
    outlook = free_issuance_outlook(ctx, resident_id)  # the next application sees the proof
    assert outlook.eligible_by_age and outlook.earlier is not None
    assert (outlook.earlier.proof_kind, outlook.earlier.proof_number) == (
        ProofKind.DRIVING_HISTORY_CERTIFICATE,
        "741234567890",
    )
    assert free_issuance_report(ctx, TODAY + dt.timedelta(days=1), TODAY + dt.timedelta(2)) == []


def test_under_age_resident_is_refused_free_issuance_before_the_card(
    ctx: CounterContext,
    register: Register,
    supervisor: OperatorSession,
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> None:
    born = TODAY.replace(year=TODAY.year - 60)
    resident_id = _add_resident(register, supervisor, born=born)
    card = manufacture(issuer, tmp_path / "blank.json")
    notice = ElderlyProof.parse((TODAY - dt.timedelta(days=3)).isoformat())
    assert notice.kind == ProofKind.LICENCE_CANCELLATION_NOTICE
    workflow = _issue(ctx, resident_id, card.reader.connect, elderly_proof=notice)
    with pytest.raises(NotEligibleForFreeIssuanceError):
        workflow.run()
    assert workflow.progress().failed_step == "application"
    assert read_life_cycle(card.transport()) == LifeCycle.BLANK
    assert register.access(supervisor, "card-service").cards(resident_id) == []


def test_age_rule_comes_from_the_settings_file(tmp_path: Path) -> None:
    assert load_settings(tmp_path).free_issuance_min_age == 65
    (tmp_path / "counter.toml").write_text("[issuance]\nfree_issuance_min_age = 70\n")
    assert load_settings(tmp_path).free_issuance_min_age == 70


@pytest.mark.parametrize(
    ("tear_at", "after"), [(3, False), (12, True), (25, False), (33, True), (40, False)]
)
def test_card_pulled_mid_issue_then_retry_succeeds_and_nothing_is_half_recorded(
    ctx: CounterContext,
    register: Register,
    supervisor: OperatorSession,
    issuer: IssuerMaterial,
    tmp_path: Path,
    tear_at: int,
    after: bool,
) -> None:
    resident_id = _add_resident(register, supervisor)
    card = manufacture(issuer, tmp_path / "blank.json")
    tearing = True
    sent = [0]  # APDUs over every connection of the run

    class Tear(TearingConnection):
        def transmit(self, command: bytes) -> bytes:
            sent[0] += 1
            self.count = sent[0] - 1
            return super().transmit(command)

    def source() -> CardConnection:
        connection = card.connection()
        return Tear(connection, tear_at, after=after) if tearing else connection

    workflow = _issue(ctx, resident_id, source)
    with pytest.raises(CardRemovedError):
        workflow.run()
    assert workflow.issued is None
    assert register.access(supervisor, "card-service").cards(resident_id) == []
    tearing = False
    result = workflow.run()  # the same card, put back
    assert read_text(card.transport(), PIN, trust=issuer.trust).attributes is not None
    cards = register.access(supervisor, "card-service").cards(resident_id)
    assert [c.serial for c in cards] == [result.serial]


def test_card_pulled_mid_issue_retry_with_a_new_blank_card(
    ctx: CounterContext,
    register: Register,
    supervisor: OperatorSession,
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> None:
    resident_id = _add_resident(register, supervisor)
    first = manufacture(issuer, tmp_path / "first.json")
    second = manufacture(issuer, tmp_path / "second.json")
    current = [lambda: TearingConnection(first.connection(), 15, after=True)]
    workflow = _issue(ctx, resident_id, lambda: current[0]())
    with pytest.raises(CardRemovedError):
        workflow.run()
    current[0] = second.connection
    result = workflow.run()
    assert result.serial == second.serial.hex().upper()
    assert read_life_cycle(first.transport()) != LifeCycle.OPERATIONAL  # never usable


def test_pin_photo_checks() -> None:
    assert new_pin("2580", "2580") == "2580"
    with pytest.raises(PinMismatchError):
        new_pin("2580", "2508")
    with pytest.raises(PinFormatError):
        new_pin("12a4", "12a4")
    flat = io.BytesIO()
    Image.new("RGB", (300, 400), "white").save(flat, "JPEG")
    with pytest.raises(PhotoEmptyError):
        validate_photo(flat.getvalue())
    small = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(small, "JPEG")
    with pytest.raises(PhotoTooSmallError):
        validate_photo(small.getvalue())
    assert validate_photo(portrait_jpeg()) == portrait_jpeg()


def test_photo_card_carries_the_photo(
    ctx: CounterContext,
    register: Register,
    supervisor: OperatorSession,
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> None:
    resident_id = _add_resident(register, supervisor)
    card = manufacture(issuer, tmp_path / "blank.json")
    result = _issue(
        ctx, resident_id, card.reader.connect, photo_jpeg=portrait_jpeg(), photo_card=True
    ).run()
    assert result.card.kind == "photo"


@pytest.fixture
def issued(
    ctx: CounterContext,
    register: Register,
    supervisor: OperatorSession,
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> tuple[int, IssuanceWorkflow, Callable[[], CardConnection], Path]:
    resident_id = _add_resident(register, supervisor)
    card = manufacture(issuer, tmp_path / "card.json")
    workflow = _issue(ctx, resident_id, card.reader.connect)
    workflow.run()
    return resident_id, workflow, card.connection, card.path


def test_address_change_reads_back_from_the_chip_and_prints_the_next_line(
    ctx: CounterContext,
    register: Register,
    supervisor: OperatorSession,
    issuer: IssuerMaterial,
    issued: tuple[int, IssuanceWorkflow, Callable[[], CardConnection], Path],
) -> None:
    resident_id, issuance, connect, _ = issued
    data = issuance.cardholder
    assert data is not None
    results = []
    for moved, address in ((TODAY, "東京都港区芝公園4-2-8"), (TODAY, "東京都港区芝5-1")):
        register.residents.change_address(supervisor, resident_id, address, None)
        request = AddressChangeRequest(resident_id, moved, PIN, data.unlock_number)
        results.append(AddressChangeWorkflow(ctx, request, connect).run())
    assert [r.line_index for r in results] == [0, 1]
    assert results[1].back_line_pdf is not None and results[1].back_line_pdf.startswith(b"%PDF")
    text = read_text(ApduTransport(connect()), PIN, trust=issuer.trust)
    assert text.attributes is not None and text.attributes.address == "東京都港区芝５-１"


def test_a_new_address_typed_at_the_counter_is_recorded_in_the_register_with_the_card(
    ctx: CounterContext,
    register: Register,
    supervisor: OperatorSession,
    issuer: IssuerMaterial,
    issued: tuple[int, IssuanceWorkflow, Callable[[], CardConnection], Path],
) -> None:
    resident_id, issuance, connect, _ = issued
    data = issuance.cardholder
    assert data is not None
    moved_to = "東京都港区芝公園4-2-8"
    request = AddressChangeRequest(
        resident_id, TODAY, PIN, data.unlock_number, new_address=moved_to
    )
    AddressChangeWorkflow(ctx, request, connect).run()
    in_register = register.access(supervisor, "card-service").resident(resident_id)
    on_card = read_text(ApduTransport(connect()), PIN, trust=issuer.trust).attributes
    assert in_register.summary.address == moved_to
    assert on_card is not None and on_card.address == "東京都港区芝公園４-２-８"


def test_pin_reset_after_lock_out(
    ctx: CounterContext,
    issuer: IssuerMaterial,
    issued: tuple[int, IssuanceWorkflow, Callable[[], CardConnection], Path],
) -> None:
    resident_id, _, connect, _ = issued
    from counter_app.card.errors import InvalidPinError, PinBlockedError

    for _ in range(3):
        with pytest.raises((InvalidPinError, PinBlockedError)):
            read_text(ApduTransport(connect()), "0000", trust=issuer.trust)
    request = PinResetRequest(resident_id, (IdentityDocument.PASSPORT,), "7777")
    PinResetWorkflow(ctx, request, connect).run()
    text = read_text(ApduTransport(connect()), "7777", trust=issuer.trust)
    assert text.attributes is not None


def test_suspended_card_is_refused_by_verification(
    ctx: CounterContext,
    issued: tuple[int, IssuanceWorkflow, Callable[[], CardConnection], Path],
) -> None:
    resident_id, issuance, _, _ = issued
    serial = issuance.result.serial
    assert check_card_status(ctx, serial).status == CardStatus.ACTIVE
    suspend_card(ctx, resident_id)
    with pytest.raises(CardNotActiveError):
        check_card_status(ctx, serial)


def test_reissue_revokes_the_old_card_after_the_new_one_is_recorded(
    ctx: CounterContext,
    register: Register,
    supervisor: OperatorSession,
    issuer: IssuerMaterial,
    tmp_path: Path,
    issued: tuple[int, IssuanceWorkflow, Callable[[], CardConnection], Path],
) -> None:
    resident_id, issuance, _, _ = issued
    suspend_card(ctx, resident_id)
    new_card = manufacture(issuer, tmp_path / "new.json")
    request = ReissueRequest(IssuanceRequest(resident_id, DOCS, PIN), reason="lost")
    result = ReissueWorkflow(ctx, request, new_card.reader.connect).run()
    statuses = {
        c.serial: c.status for c in register.access(supervisor, "card-service").cards(resident_id)
    }
    assert statuses == {
        issuance.result.serial: CardStatus.REVOKED,
        result.serial: CardStatus.ACTIVE,
    }


def test_return_terminates_the_chip_and_records_it(
    ctx: CounterContext,
    register: Register,
    supervisor: OperatorSession,
    issuer: IssuerMaterial,
    issued: tuple[int, IssuanceWorkflow, Callable[[], CardConnection], Path],
) -> None:
    resident_id, issuance, connect, _ = issued
    result = ReturnWorkflow(ctx, ReturnRequest(resident_id), connect).run()
    assert result.chip_terminated and result.card.status == CardStatus.RETURNED
    with pytest.raises(CardTerminatedError):
        read_text(ApduTransport(connect()), PIN, trust=issuer.trust)
    with pytest.raises(CardNotActiveError):
        check_card_status(ctx, issuance.result.serial)


def test_counter_workflows_at_trace_level_never_show_the_record_code(
    ctx: CounterContext,
    register: Register,
    supervisor: OperatorSession,
    issuer: IssuerMaterial,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = "98765432109"
    install_trace_level()
    with caplog.at_level(TRACE):
        resident_id = _add_resident(register, supervisor, code=code)
        card = manufacture(issuer, tmp_path / "card.json")
        issuance = _issue(ctx, resident_id, card.reader.connect)
        issuance.run()
        data = issuance.cardholder
        assert data is not None
        register.residents.change_address(supervisor, resident_id, "東京都港区芝公園4-2-8", None)
        request = AddressChangeRequest(resident_id, TODAY, PIN, data.unlock_number)
        AddressChangeWorkflow(ctx, request, card.connection).run()
        reset = PinResetRequest(resident_id, (IdentityDocument.PASSPORT,), "7777")
        PinResetWorkflow(ctx, reset, card.connection).run()
    captured = capsys.readouterr()
    everything = caplog.text + captured.out + captured.err
    assert "card.issued" in " ".join(e.action for e in register.audit_events(100))
    assert any(record.levelno == TRACE for record in caplog.records)  # the APDUs were traced
    spellings = (code, code.encode().hex(), code.encode().hex(" ").upper(), " ".join(code))
    assert not [s for s in spellings if s.lower() in everything.lower()]


@pytest.mark.parametrize(
    "typed",
    ["AB12345678", "12345678901", "1234567890123", "151234567890", "001234567890", "99123456789X"],
)
def test_a_certificate_number_without_the_licence_structure_is_refused_in_words(
    typed: str,
) -> None:
    with pytest.raises(ProofNumberFormatError) as refused:
        ElderlyProof.parse(typed)
    assert "12 digits" in refused.value.what and "public safety commission" in refused.value.what


def test_the_outlook_explains_an_under_age_resident_before_any_proof(
    ctx: CounterContext, register: Register, supervisor: OperatorSession
) -> None:
    resident_id = _add_resident(register, supervisor, born=TODAY.replace(year=TODAY.year - 60))
    outlook = free_issuance_outlook(ctx, resident_id)
    assert (outlook.age, outlook.minimum_age, outlook.eligible_by_age) == (60, 65, False)
