"""Printing in the real window: a cancelled card face is said and recorded as not printed, and
the issuing clerk prints it again with a reason (Ctrl+Shift+P), the QR code still opening the
same card."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.printing.raster import rasterise_pdf
from counter_app.records import AuditRecord
from counter_app.workflows import IssuanceResult, Printout, unlock_from_qr_text
from tests.support.counter_window import (
    PIN,
    choose_resident,
    enter_pin,
    go_to,
    issue_on_blank_card,
    type_printed_fields,
    wait_done,
    wait_for_card,
)
from ui.main_window import MainWindow
from ui.pages.address_change_page import AddressChangePage
from ui.pages.issuance_page import IssuancePage
from ui.pages.reprint_dialog import ReprintDialog
from ui.print_preview import PrintPreview

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _events(window: MainWindow, action: str) -> list[AuditRecord]:
    ctx = window.services.context
    assert ctx is not None
    return [e for e in ctx.register.audit_events(30) if e.action == action]


def _preview(qtbot: QtBot, window: MainWindow, seen: PrintPreview | None) -> PrintPreview:
    qtbot.waitUntil(
        lambda: (
            window.services.last_preview not in (None, seen)
            and window.services.last_preview.isVisible()
        ),  # type: ignore[union-attr]
        timeout=10000,
    )
    preview = window.services.last_preview
    assert isinstance(preview, PrintPreview)
    qtbot.waitUntil(lambda: preview.page_count > 0, timeout=10000)
    return preview


def _save(qtbot: QtBot, preview: PrintPreview) -> Path:
    qtbot.keyClick(preview.print_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: preview.outcome is not None, timeout=10000)
    assert preview.outcome is not None and preview.outcome.pdf_path is not None
    qtbot.keyClick(preview.print_button, Qt.Key.Key_Return)  # Done
    qtbot.waitUntil(lambda: not preview.isVisible(), timeout=5000)
    return Path(preview.outcome.pdf_path)


def test_a_cancelled_face_is_not_printed_and_is_printed_again_with_a_reason(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.blank_card_action.trigger()
    wait_for_card(qtbot, window, operational=False)
    page = go_to(qtbot, window, "issuance")
    assert isinstance(page, IssuancePage)
    choose_resident(qtbot, page)
    document = next(iter(page.documents.values()))
    document.setFocus()
    qtbot.keyClick(document, Qt.Key.Key_Space)
    qtbot.keyClick(document, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    enter_pin(qtbot, page, PIN, twice=True)
    wait_done(qtbot, page)
    result = page.result
    assert isinstance(result, IssuanceResult)
    data = getattr(page.runner.workflow, "cardholder", None)
    assert data is not None

    # The clerk cancels the card face's preview (Esc), then saves the receipt.
    face_preview = _preview(qtbot, window, None)
    qtbot.keyClick(face_preview, Qt.Key.Key_Escape)
    _save(qtbot, _preview(qtbot, window, face_preview))
    qtbot.waitUntil(lambda: page.printouts is not None, timeout=5000)
    said = page.outcome.text()
    assert "Not printed: Card face." in said and "Handover receipt" not in said
    assert "Print again" in said and "Ctrl+Shift+P" in said
    assert page.outcome.isVisible()
    qtbot.waitUntil(lambda: len(_events(window, "card.printout")) == 2, timeout=10000)
    outcomes = {e.detail["what"]: e.detail for e in _events(window, "card.printout")}
    assert outcomes["face"]["printed"] is False and outcomes["face"]["how"] == "cancelled"
    assert outcomes["receipt"]["printed"] is True
    assert not list(window.services.printout_dir.glob(f"card-{result.serial}*.pdf"))

    # Print again: Ctrl+Shift+P, the face is chosen; without a reason it is refused in words.
    wait_for_card(qtbot, window, operational=True)
    qtbot.keyClick(
        page.new_button,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: page.reprint_dialog is not None, timeout=5000)
    dialog = page.reprint_dialog
    assert isinstance(dialog, ReprintDialog)
    assert dialog.choices[dialog.chosen()].objectName() == "reprint_face"
    dialog.reason.setFocus()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert "Type the reason" in dialog.message.text()
    assert dialog.focusWidget() is dialog.reason
    assert not _events(window, "card.reprint")

    dialog.reason.insert("用紙詰まり")  # as the input method commits it (QtTest types ASCII only)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    saved = _save(qtbot, _preview(qtbot, window, face_preview))
    qtbot.waitUntil(lambda: dialog.printed is not None, timeout=5000)
    assert "Printed again: Card face" in dialog.message.text()
    assert saved.parent == window.services.printout_dir
    assert saved.name.startswith(f"card-{result.serial}-reprint-")

    front = rasterise_pdf(saved.read_bytes(), dpi=300, grey=True)[0]
    [code] = zxingcpp.read_barcodes(front)
    ctx = window.services.context
    assert ctx is not None
    qr = unlock_from_qr_text(str(code.text), (ctx.seal_signer.certificate,))
    assert qr.verdict.valid
    assert qr.seal.card_serial == result.serial
    assert qr.unlock_number == data.unlock_number
    [reprint] = _events(window, "card.reprint")
    assert reprint.detail == {"serial": result.serial, "what": "face", "reason": "用紙詰まり"}
    qtbot.waitUntil(lambda: len(_events(window, "card.printout")) == 3, timeout=10000)
    assert _events(window, "card.printout")[0].detail["printed"] is True

    # Later, no resident chosen: the card in the reader is the one; Alt+R the receipt.
    qtbot.keyClick(dialog.close_button, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.reprint_dialog is None, timeout=5000)
    qtbot.keyClick(page.new_button, Qt.Key.Key_Space)
    assert page.resident is None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.search.box, timeout=5000)
    qtbot.keyClick(page.search.box, Qt.Key.Key_P, CTRL_SHIFT)
    qtbot.waitUntil(lambda: page.reprint_dialog is not None, timeout=5000)
    dialog = page.reprint_dialog
    assert isinstance(dialog, ReprintDialog)
    assert f"card {result.serial}" in dialog.heading.text()
    face = dialog.choices[Printout.FACE]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is face, timeout=5000)
    qtbot.keyClick(face, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.chosen() is Printout.RECEIPT, timeout=2000)
    dialog.reason.setFocus()
    dialog.reason.insert("印刷失敗")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    receipt = _save(qtbot, _preview(qtbot, window, window.services.last_preview))
    assert receipt.name.startswith(f"receipt-{result.serial}-reprint-")
    doc = pypdfium2.PdfDocument(str(receipt))
    text = doc[0].get_textpage().get_text_range()
    doc.close()
    assert result.serial in text and "交付通知書" in text
    qtbot.waitUntil(lambda: len(_events(window, "card.reprint")) == 2, timeout=5000)
    assert _events(window, "card.reprint")[0].detail["reason"] == "印刷失敗"


def test_an_address_line_not_printed_is_said_and_printed_again(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.blank_card_action.trigger()
    result, unlock, _saved = issue_on_blank_card(qtbot, window)
    receipt_preview = window.services.last_preview
    assert isinstance(receipt_preview, PrintPreview)
    page = go_to(qtbot, window, "address")
    assert isinstance(page, AddressChangePage)
    choose_resident(qtbot, page)
    page.new_address.setText("東京都港区芝公園4-2-8")
    type_printed_fields(qtbot, page, unlock)
    qtbot.keyClick(
        page.unlock.security_code, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    enter_pin(qtbot, page, PIN, twice=False)
    wait_done(qtbot, page)

    line_preview = _preview(qtbot, window, receipt_preview)
    cancelled_pdf = line_preview.job.pdf
    qtbot.keyClick(line_preview, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.printouts is not None, timeout=5000)
    assert "芝公園" in page.outcome.text()
    assert "not printed" in page.outcome.text() and "Print again" in page.outcome.text()
    qtbot.waitUntil(lambda: len(_events(window, "card.printout")) == 3, timeout=10000)
    latest = _events(window, "card.printout")[0].detail
    assert (latest["what"], latest["printed"], latest["how"]) == (
        "address-lines",
        False,
        "cancelled",
    )

    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5000)
    issuance = go_to(qtbot, window, "issuance")
    assert isinstance(issuance, IssuancePage) and issuance.resident is not None
    qtbot.keyClick(
        QApplication.focusWidget() or window,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: issuance.reprint_dialog is not None, timeout=5000)
    dialog = issuance.reprint_dialog
    assert isinstance(dialog, ReprintDialog)
    face = dialog.choices[Printout.FACE]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is face, timeout=5000)
    qtbot.keyClick(face, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.chosen() is Printout.ADDRESS_LINES, timeout=2000)
    dialog.reason.setFocus()
    dialog.reason.insert("プレビューを閉じてしまった")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    saved = _save(qtbot, _preview(qtbot, window, line_preview))
    assert saved.name.startswith(f"address-{result.serial}-reprint-")
    # the line printed again is the line the address change would have printed
    again = rasterise_pdf(saved.read_bytes(), dpi=150, grey=True)[0]
    assert again.tobytes() == rasterise_pdf(cancelled_pdf, dpi=150, grey=True)[0].tobytes()
    qtbot.waitUntil(lambda: dialog.printed is not None, timeout=5000)
    assert "Printed again: Address line" in dialog.message.text()
