"""Reprint of a card's face, receipt and address line from what the register kept, with the
clerk's reason in the audit trail; and `counter-app reprint` writing the PDF to the printouts."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from PIL import Image, ImageChops, ImageDraw

import main
from counter_app.card.issuer_keys import IssuerMaterial
from counter_app.printing.layouts import CARD_FRONT, ID1_HEIGHT_MM
from counter_app.printing.raster import rasterise_pdf
from counter_app.records import OperatorSession, Register, Role
from counter_app.workflows import (
    AddressChangeRequest,
    AddressChangeWorkflow,
    CounterContext,
    IdentityDocument,
    IssuanceRequest,
    IssuanceResult,
    IssuanceWorkflow,
    Printout,
    record_printout,
    reprint,
    unlock_from_qr_text,
)
from counter_app.workflows.errors import NothingToReprintError, ReprintReasonMissingError
from tests.support.card_fixtures import Card, manufacture
from tests.support.command_line import command_register
from tests.support.counter_context import counter_context
from tests.support.photos import portrait_jpeg
from tests.support.records_fixtures import CLERK_PASSWORD, resident
from tests.support.softhsm import SoftToken

PIN = "4829"
DOCS = (IdentityDocument.DRIVING_HISTORY_CERTIFICATE,)
DPI = 200


@pytest.fixture
def ctx(
    register: Register,
    make_operator: Callable[..., OperatorSession],
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> CounterContext:
    return counter_context(register, make_operator("clerk", Role.ISSUING_CLERK), issuer, tmp_path)


def _issue_photo_card(
    ctx: CounterContext, resident_id: int, issuer: IssuerMaterial, path: Path
) -> tuple[IssuanceWorkflow, IssuanceResult, Card]:
    card = manufacture(issuer, path)
    request = IssuanceRequest(resident_id, DOCS, PIN, photo_jpeg=portrait_jpeg(), photo_card=True)
    workflow = IssuanceWorkflow(ctx, request, card.reader.connect)
    return workflow, workflow.run(), card


def _front(pdf: bytes) -> Image.Image:
    return rasterise_pdf(pdf, dpi=DPI, grey=True)[0]


def _without_qr(pdf: bytes) -> Image.Image:
    """The front with the QR code's box painted white."""
    front = _front(pdf)
    qr, px = CARD_FRONT.qr, DPI / 25.4
    top = (ID1_HEIGHT_MM - qr.y - qr.h) * px
    box = (int(qr.x * px), int(top), int((qr.x + qr.w) * px) + 1, int(top + qr.h * px) + 1)
    ImageDraw.Draw(front).rectangle(box, fill=255)
    return front


def _qr(pdf: bytes) -> str:
    # QR codes only: the guilloche and microtext can pass for a linear barcode now and then
    codes = zxingcpp.read_barcodes(_front(pdf), formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(codes) == 1
    return str(codes[0].text)


def test_the_face_is_printed_again_as_issued_with_the_reason_recorded(
    ctx: CounterContext,
    register: Register,
    supervisor: OperatorSession,
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> None:
    resident_id = register.residents.add(supervisor, resident())
    workflow, issued, _ = _issue_photo_card(ctx, resident_id, issuer, tmp_path / "card.json")
    assert issued.printed is not None and workflow.cardholder is not None

    again = reprint(ctx, resident_id, Printout.FACE, "用紙詰まり")

    assert again.serial == issued.serial and again.file_name.startswith(f"card-{issued.serial}")
    qr = unlock_from_qr_text(_qr(again.pdf), (ctx.seal_signer.certificate,))
    assert qr.verdict.valid
    assert qr.seal.card_serial == issued.serial
    assert qr.unlock_number == workflow.cardholder.unlock_number  # the chip opens with it
    # Everything but the QR code (the seal is signed again) is printed as at issuance, photo too.
    before, after = _without_qr(issued.printed.card_face_pdf), _without_qr(again.pdf)
    assert ImageChops.difference(before, after).getbbox() is None
    event = register.audit_events(5)[0]
    assert event.action == "card.reprint"
    assert event.detail == {"serial": issued.serial, "what": "face", "reason": "用紙詰まり"}
    assert event.purpose_code == "card-issuance"


def test_a_reprint_without_a_reason_is_refused_and_nothing_is_opened(
    ctx: CounterContext,
    register: Register,
    supervisor: OperatorSession,
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> None:
    resident_id = register.residents.add(supervisor, resident())
    _issue_photo_card(ctx, resident_id, issuer, tmp_path / "card.json")
    before = register.audit_events(1)[0].seq
    with pytest.raises(ReprintReasonMissingError) as refused:
        reprint(ctx, resident_id, Printout.RECEIPT, "  ")
    assert "reason" in refused.value.what
    assert register.audit_events(1)[0].seq == before


def test_the_receipt_and_the_last_address_line_are_printed_again(
    ctx: CounterContext,
    register: Register,
    supervisor: OperatorSession,
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> None:
    resident_id = register.residents.add(supervisor, resident())
    workflow, issued, card = _issue_photo_card(ctx, resident_id, issuer, tmp_path / "card.json")
    assert workflow.cardholder is not None
    with pytest.raises(NothingToReprintError):
        reprint(ctx, resident_id, Printout.ADDRESS_LINES, "印刷失敗")

    receipt = reprint(ctx, resident_id, Printout.RECEIPT, "印刷失敗")
    doc = pypdfium2.PdfDocument(receipt.pdf)
    text = doc[0].get_textpage().get_text_range()
    doc.close()
    assert issued.serial in text and "交付通知書" in text

    register.residents.change_address(supervisor, resident_id, "東京都港区芝公園4-2-8", None)
    moved = dt.date.today()
    request = AddressChangeRequest(resident_id, moved, PIN, workflow.cardholder.unlock_number)
    changed = AddressChangeWorkflow(ctx, request, card.reader.connect)
    result = changed.run()
    assert result.back_line_pdf is not None
    line = reprint(ctx, resident_id, Printout.ADDRESS_LINES, "かすれ")
    assert _front(line.pdf).tobytes() == _front(result.back_line_pdf).tobytes()
    # the face printed again carries the line on its back
    face = reprint(ctx, resident_id, Printout.FACE, "再発行前の確認")
    doc = pypdfium2.PdfDocument(face.pdf)
    back = doc[1].get_textpage().get_text_range()
    doc.close()
    assert "芝公園４-２-８" in back


def test_a_printout_not_printed_is_recorded_as_not_printed(
    ctx: CounterContext,
    register: Register,
    supervisor: OperatorSession,
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> None:
    resident_id = register.residents.add(supervisor, resident())
    _, issued, _card = _issue_photo_card(ctx, resident_id, issuer, tmp_path / "card.json")
    record_printout(ctx, issued.serial, Printout.FACE, printed=False, how="cancelled")
    event = register.audit_events(1)[0]
    assert (event.action, event.outcome.value) == ("card.printout", "failed")
    assert event.detail == {
        "serial": issued.serial,
        "what": "face",
        "printed": False,
        "how": "cancelled",
    }


def test_counter_app_reprint_writes_the_face_to_the_printouts_directory(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    soft_token: SoftToken,
) -> None:
    made = command_register(
        tmp_path, monkeypatch, [("clerk", Role.ISSUING_CLERK)], token=soft_token
    )
    issuer = made.issuer()
    register = made.open()
    try:
        sup = made.log_in_supervisor(register)
        resident_id = register.residents.add(sup, resident())
        clerk = register.operators.login_with_password("clerk", CLERK_PASSWORD)
        ctx = dataclasses.replace(  # the municipality's counter: every key in its token
            counter_context(register, clerk, issuer, made.home), seal_signer=made.seal_signer()
        )
        workflow, issued, _ = _issue_photo_card(ctx, resident_id, issuer, tmp_path / "card.json")
    finally:
        register.close()
    assert workflow.cardholder is not None
    db = ["--db", made.url, "--operator", "clerk", "--resident", str(resident_id)]

    assert main.main(["reprint", *db, "--what", "face", "--reason", ""]) == 2
    assert "reason" in capsys.readouterr().err.lower()
    assert main.main(["reprint", *db, "--what", "face", "--reason", "用紙詰まり"]) == 0
    said = capsys.readouterr().out
    [pdf] = (made.home / "printouts").glob(f"card-{issued.serial}-reprint-*.pdf")
    assert str(pdf) in said
    qr = unlock_from_qr_text(_qr(pdf.read_bytes()), (ctx.seal_signer.certificate,))
    assert qr.verdict.valid and qr.seal.card_serial == issued.serial
    assert qr.unlock_number == workflow.cardholder.unlock_number
    by_card = ["reprint", "--db", made.url, "--operator", "clerk", "--what", "receipt"]
    assert main.main([*by_card, "--serial", "FFFF0000FFFF0000", "--reason", "x"]) == 2
    assert "not a card of this resident" in capsys.readouterr().err
    assert main.main([*by_card, "--serial", issued.serial, "--reason", "印刷失敗"]) == 0
    assert f"receipt-{issued.serial}-reprint-" in capsys.readouterr().out
    register = made.open()
    try:
        actions = [
            (e.action, e.detail.get("reason"), e.detail.get("how"))
            for e in register.audit_events(30)
        ]
    finally:
        register.close()
    assert ("card.reprint", "用紙詰まり", None) in actions
    assert ("card.printout", None, "pdf") in actions
