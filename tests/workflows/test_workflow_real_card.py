"""The verification workflow with a real 個人番号カード (second profile of the virtual card):
told by its AID, opened with 照合番号B and the PIN, never valid for this register's counter
without the J-LIS key, and audited under the name 個人番号カード."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from counter_app.card.issuer_keys import IssuerMaterial
from counter_app.card.real_reading import NO_ISSUER_KEY, REAL_CARD_SERIAL
from counter_app.card.verification import CheckId, Verdict
from counter_app.printing.qr import seal_text
from counter_app.printing.seal_documents import CardFaceSeal, sign_document
from counter_app.records import OperatorSession, Register, Role
from counter_app.trust_store import Trust
from counter_app.virtual_card.inprocess import InProcessReader
from counter_app.workflows import CounterContext
from counter_app.workflows.verification import (
    OpenedWith,
    VerificationRequest,
    VerificationResult,
    VerificationWorkflow,
)
from tests.support.counter_context import counter_context
from tests.support.real_card import PIN, UNLOCK_NUMBER, card_data, issue, played_jlis

PURPOSE = "identity-check"
GROUPS = (
    CheckId.FACE_SIGNATURE_ATTRIBUTES,
    CheckId.FACE_SIGNATURE_IMAGES,
    CheckId.FACE_SIGNATURE_PHOTO,
)


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


@pytest.fixture
def reader(tmp_path: Path) -> InProcessReader:
    issue(tmp_path / "real.json")
    reader = InProcessReader()
    reader.insert(tmp_path / "real.json")
    return reader


def _verify(ctx: CounterContext, reader: InProcessReader, **request: object) -> VerificationResult:
    workflow = VerificationWorkflow(
        ctx,
        VerificationRequest(PURPOSE, **request),  # type: ignore[arg-type]
        reader.connect,
    )
    return workflow.run()


def test_without_the_jlis_key_the_card_is_not_valid_and_nothing_failed(
    verifying: CounterContext, reader: InProcessReader, register: Register
) -> None:
    result = _verify(verifying, reader, unlock_number=UNLOCK_NUMBER)
    assert not result.valid and result.serial == REAL_CARD_SERIAL
    assert result.failed == ()  # not checked is not failed
    for check_id in (CheckId.SIGNER_CERTIFICATE, *GROUPS):
        assert result.get(check_id).reason == NO_ISSUER_KEY
        assert result.get(check_id).verdict is Verdict.NOT_CHECKED
    assert result.face is None and result.recorded
    event = next(e for e in register.audit_events(10) if e.action == "card.verified")
    assert event.outcome == "refused" and UNLOCK_NUMBER not in str(event)


def test_with_the_jlis_key_and_both_secrets_the_data_is_shown_and_compared(
    verifying: CounterContext, reader: InProcessReader
) -> None:
    own = verifying.trust
    cards = [*own.cards.certificates(), played_jlis().ca_certificate]
    ctx = dataclasses.replace(verifying, trust=Trust.of(cards, own.seals))
    result = _verify(ctx, reader, unlock_number=UNLOCK_NUMBER, pin=PIN)
    assert result.valid and not result.in_use, result.checks
    assert result.opened_with == (OpenedWith.PIN, OpenedWith.UNLOCK_NUMBER)
    assert all(result.get(group).succeeded for group in GROUPS)
    assert result.get(CheckId.TEXT_SIGNATURE).succeeded
    assert result.get(CheckId.TEXT_FACE_AGREEMENT).succeeded
    assert result.get(CheckId.REGISTER_STATUS).verdict is Verdict.NOT_CHECKED
    assert result.text == card_data().attributes
    assert result.face is not None and result.face.expiry == card_data().face.expiry


def test_our_qr_code_with_a_real_card_is_refused_and_its_number_not_sent(
    verifying: CounterContext, reader: InProcessReader
) -> None:
    # A genuine seal of ours, even one holding this card's number: it is not this card's QR.
    today = dt.date.today()
    payload = CardFaceSeal("0123456789ABCDEF", UNLOCK_NUMBER, bytes(32))
    seal = sign_document(verifying.seal_signer, payload, issue_date=today, signed_on=today)
    result = _verify(verifying, reader, qr_text=seal_text(seal.encode()))
    assert not result.valid and result.opened_with == ()
    assert result.get(CheckId.QR_SEAL).verdict is Verdict.FAILED
    assert result.get(CheckId.CARD_EXPIRY).verdict is Verdict.NOT_CHECKED
