"""The printed face against the chip on the verifying clerk's page: the real window, keyboard only.

The issuing clerk issues a card; the verifying clerk checks it. Without a scan, the chip's name,
address and photo images are shown large beside a checklist the clerk answers with Space and
Alt+M / Alt+D; the answer is an audit event "compared by eye" under the verification's purpose
and operator, and a mismatch turns the verdict to 無効. A scan of the card face is given with
Alt+F from an image file. Nothing of it stays once the card leaves, the next resident comes or
the operator leaves.
"""

from __future__ import annotations

import io
import random
import re
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QLineEdit, QScrollArea
from pytestqt.qtbot import QtBot

from counter_app.card.verification import Verdict
from counter_app.face_scan.report import (
    ComparedBy,
    FaceComparison,
    FaceField,
    FieldComparison,
    Region,
)
from counter_app.face_scan.simulated_scans import ScanCondition, simulate_scan, transplant
from counter_app.printing.layouts import CARD_FRONT
from counter_app.printing.raster import rasterise_pdf
from counter_app.records import AuditRecord, Register
from counter_app.virtual_card.inprocess import InProcessBackend
from counter_app.workflows import IssuanceResult
from tests.support.counter_window import PERSON, press, type_printed_fields
from tests.support.verification_window import ctrl_enter, issue, verifying_clerk, wait_verdict
from ui.face_by_eye_panel import TEXT_IMAGE_HEIGHT, TEXT_IMAGE_MAX_WIDTH
from ui.main_window import MainWindow
from ui.pages.verification_page import INVALID_STYLE, VALID_STYLE, VerificationPage

ALT = Qt.KeyboardModifier.AltModifier
SCAN_DPI = 300


def face_events(qtbot: QtBot, window: MainWindow) -> list[AuditRecord]:
    """The register's face-comparison events, newest first."""
    got: list[list[AuditRecord]] = []
    assert window.db_thread is not None
    window.db_thread.submit(lambda register: Register.audit_events(register, 30), got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=10000)
    return [e for e in got[0] if e.action == "card.face_compared"]


def key(
    qtbot: QtBot, code: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key typed wherever the keyboard is."""
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, code, modifier)


def verified(qtbot: QtBot, window: MainWindow) -> tuple[VerificationPage, IssuanceResult]:
    """A card issued to PERSON, then checked from its print by the verifying clerk: valid."""
    issued, unlock = issue(qtbot, window)
    page = verifying_clerk(qtbot, window)
    type_printed_fields(qtbot, page, unlock)
    ctrl_enter(qtbot, page)
    assert wait_verdict(qtbot, page).valid
    return page, issued


def eye_images(page: VerificationPage) -> dict[FaceField, QSize]:
    """The chip's images the by-eye panel shows, and their size on screen."""
    return {
        field: label.pixmap().size()
        for field, label in page.by_eye.images.items()
        if label.isVisible() and not label.pixmap().isNull()
    }


def test_the_clerk_confirms_by_eye_that_the_card_matches_and_it_is_recorded_as_by_eye(
    qtbot: QtBot, window: MainWindow, backend: InProcessBackend
) -> None:
    page, issued = verified(qtbot, window)

    assert page.by_eye.isVisible() and not page.face_view.isVisible()
    assert not page.scan_button.isEnabled()  # a scan is given before the check, not after
    assert page.verdict.text().startswith("Valid") and page.verdict.styleSheet() == VALID_STYLE
    images = eye_images(page)
    for text_field in (FaceField.NAME, FaceField.ADDRESS):  # large, but fits beside the list
        size = images[text_field]
        assert size.height() == TEXT_IMAGE_HEIGHT or size.width() == TEXT_IMAGE_MAX_WIDTH
        assert size.height() <= TEXT_IMAGE_HEIGHT and size.width() <= TEXT_IMAGE_MAX_WIDTH
    scroll = page.findChild(QScrollArea)
    assert scroll is None or not scroll.horizontalScrollBar().isVisible()  # nothing cut off
    assert FaceField.PHOTO not in images  # the training card has no photo: nothing to compare
    assert not page.by_eye.checks[FaceField.PHOTO].isVisible()
    checks = [page.by_eye.checks[f] for f in (FaceField.NAME, FaceField.ADDRESS)]
    assert QApplication.focusWidget() is checks[0]  # the keyboard is on the checklist
    assert not page.by_eye.match_button.isEnabled()  # nothing confirmed yet
    for index, check in enumerate(checks):
        key(qtbot, Qt.Key.Key_Space)
        assert check.isChecked()
        if index < len(checks) - 1:
            key(qtbot, Qt.Key.Key_Tab)
    assert page.by_eye.match_button.isEnabled() and not page.by_eye.mismatch_button.isEnabled()
    key(qtbot, Qt.Key.Key_M, ALT)
    qtbot.waitUntil(lambda: "Recorded" in page.by_eye.state.text(), timeout=10000)

    assert "matches the chip, compared by eye" in page.by_eye.state.text()
    assert page.verdict.styleSheet() == VALID_STYLE  # still valid
    event = face_events(qtbot, window)[0]
    assert event.purpose_code == "identity-check" and event.outcome == "ok"
    assert event.detail == {
        "serial": issued.serial,
        "compared_by": "eye",
        "matches": True,
        "mismatched": "",
    }
    assert event.operator_id == window.session.operator_id  # type: ignore[union-attr]
    assert PERSON.name.split("\u3000")[0] not in str(event) and PERSON.address not in str(event)

    done: list[object] = []
    window.card_thread.submit(lambda _b: backend.reader.remove(), done.append)  # the card leaves
    qtbot.waitUntil(lambda: page.result is None, timeout=10000)
    assert not page.by_eye.isVisible() and not eye_images(page)
    assert page.by_eye.face is None and page.eye is None
    assert not any(check.isChecked() for check in checks)


def test_a_mismatch_seen_by_eye_makes_the_card_invalid_in_japanese_and_is_recorded(
    qtbot: QtBot, window: MainWindow
) -> None:
    page, issued = verified(qtbot, window)
    key(
        qtbot, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: page.verdict.text().startswith("有効"), timeout=5000)
    assert QApplication.focusWidget() is page.by_eye.checks[FaceField.NAME]

    key(qtbot, Qt.Key.Key_Space)  # the name matches; the address does not
    assert not page.by_eye.match_button.isEnabled() and page.by_eye.mismatch_button.isEnabled()
    key(qtbot, Qt.Key.Key_D, ALT)
    qtbot.waitUntil(lambda: "記録" in page.by_eye.state.text(), timeout=10000)

    verdict = page.verdict.text()
    assert verdict.startswith("無効") and "券面とICチップの内容が一致しない" in verdict
    assert "住所" in verdict and "氏名" not in verdict
    assert page.verdict.styleSheet() == INVALID_STYLE
    assert page.data_state.isVisible()  # the holder's data is greyed: do not rely on it
    event = face_events(qtbot, window)[0]
    assert event.outcome == "refused" and event.purpose_code == "identity-check"
    assert event.detail["compared_by"] == "eye" and event.detail["mismatched"] == "address"
    assert event.detail["serial"] == issued.serial

    press(qtbot, window, Qt.Key.Key_N)  # the next resident
    qtbot.waitUntil(lambda: page.result is None, timeout=5000)
    assert not page.by_eye.isVisible() and not eye_images(page) and page.eye is None
    assert not page.verdict.text()


def scan_file(issued: IssuanceResult, folder: Path) -> Path:
    """The issued card's printed front, rasterised as a scanner would give it."""
    assert issued.printed is not None
    front = rasterise_pdf(issued.printed.card_face_pdf, dpi=200)[0]
    out = io.BytesIO()
    front.save(out, "PNG")
    path = folder / "card-face.png"
    path.write_bytes(out.getvalue())
    return path


def choose_in_dialog(qtbot: QtBot, page: VerificationPage, path: Path) -> None:
    """Alt+O, then the file's path in the dialog, accepted."""
    key(qtbot, Qt.Key.Key_O, ALT)
    qtbot.waitUntil(
        lambda: page.scan_dialog is not None and page.scan_dialog.isVisible(), timeout=5000
    )
    dialog = page.scan_dialog
    assert isinstance(dialog, QFileDialog)
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    assert isinstance(name, QLineEdit)
    name.setFocus()
    # The path as the clerk would type it, set at once: typed key by key it races Qt's path
    # completer, which lists folders in the background and may rewrite the text or take Enter.
    name.setText(str(path))
    dialog.accept()
    qtbot.waitUntil(lambda: page.scan_dialog is None, timeout=5000)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window(), timeout=5000)


def test_a_scan_of_the_card_face_is_given_from_a_file_and_forgotten_with_the_operator(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    issued, _unlock = issue(qtbot, window)
    page = verifying_clerk(qtbot, window)
    assert "compared by eye" in page.scan_state.text()  # no scan yet

    (tmp_path / "notes.txt").write_text("not an image")
    choose_in_dialog(qtbot, page, tmp_path / "notes.txt")
    assert page.form_error.isVisible() and "not an image" in page.form_error.text()
    assert page.face_scan == b""

    path = scan_file(issued, tmp_path)
    choose_in_dialog(qtbot, page, path)
    assert page.face_scan == path.read_bytes()
    assert "Card face scanned" in page.scan_state.text() and not page.form_error.isVisible()
    assert QApplication.focusWidget() is page.scan_button  # back where the clerk was

    press(qtbot, window, Qt.Key.Key_L)  # the operator leaves: the scan goes too
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=5000)
    assert page.face_scan == b"" and "Card face scanned" not in page.scan_state.text()


def test_a_comparison_from_a_scan_replaces_the_checklist_and_leaves_with_the_card(
    qtbot: QtBot, window: MainWindow, backend: InProcessBackend, tmp_path: Path
) -> None:
    """How the page shows a comparison handed to it (the comparison is built here)."""
    page, issued = verified(qtbot, window)
    scan = scan_file(issued, tmp_path).read_bytes()
    comparison = FaceComparison(
        ComparedBy.SCAN,
        (
            FieldComparison(
                FaceField.NAME, Verdict.FAILED, "another name", Region(80, 80, 413, 63)
            ),
            FieldComparison(FaceField.ADDRESS, Verdict.SUCCEEDED, "the same address"),
        ),
        scan,
    )
    page.show_face_comparison(comparison)

    assert page.face_view.isVisible() and not page.by_eye.isVisible()
    assert "does not match the chip: Name" in page.face_view.outcome.text()
    chip_name = page.face_view.findChild(QLabel, "printedFaceChip_name")
    assert isinstance(chip_name, QLabel) and not chip_name.pixmap().isNull()

    done: list[object] = []
    window.card_thread.submit(lambda _b: backend.reader.remove(), done.append)
    qtbot.waitUntil(lambda: page.result is None, timeout=10000)
    assert not page.face_view.isVisible() and page.face_view.comparison is None
    assert page.face_view.overview.pixmap().isNull()
    assert not any(label.isVisible() for label in page.face_view.findChildren(QLabel))


def scan_at_300_dpi(issued: IssuanceResult, folder: Path, *, erase_name: bool = False) -> Path:
    """The issued card's printed front as a 300 dpi scanner gives it, turned a little and
    blurred; with `erase_name`, a forgery whose name was scraped off the print."""
    assert issued.printed is not None
    front = rasterise_pdf(issued.printed.card_face_pdf, dpi=SCAN_DPI)[0]
    if erase_name:
        blank = Image.new("RGB", front.size, "white")
        front = transplant(front, blank, CARD_FRONT.texts["name"].box, SCAN_DPI)
    path = folder / ("forged.png" if erase_name else "genuine.png")
    path.write_bytes(simulate_scan(front, ScanCondition(angle=1.2, blur=0.6), random.Random(3)))
    return path


def test_a_scan_given_before_the_check_is_compared_with_the_chip_field_by_field(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    issued, unlock = issue(qtbot, window)
    page = verifying_clerk(qtbot, window)
    choose_in_dialog(qtbot, page, scan_at_300_dpi(issued, tmp_path))
    type_printed_fields(qtbot, page, unlock)
    ctrl_enter(qtbot, page)

    result = wait_verdict(qtbot, page)
    assert result.valid, result.failed
    assert page.face_view.isVisible() and not page.by_eye.isVisible()
    assert "matches the chip (compared from the scan)" in page.face_view.outcome.text()

    key(
        qtbot, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: page.verdict.text().startswith("有効"), timeout=5000)
    rows = page.face_view.fields
    reasons = [rows.topLevelItem(i).text(2) for i in range(rows.topLevelItemCount())]
    assert len(reasons) >= 7
    assert not [r for r in reasons if re.search("[a-z]", r)]  # every field's reason in Japanese


def test_a_scan_of_a_print_without_the_name_is_invalid_and_the_name_outlined(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    issued, unlock = issue(qtbot, window)
    page = verifying_clerk(qtbot, window)
    choose_in_dialog(qtbot, page, scan_at_300_dpi(issued, tmp_path, erase_name=True))
    type_printed_fields(qtbot, page, unlock)
    ctrl_enter(qtbot, page)

    result = wait_verdict(qtbot, page)
    assert not result.valid
    assert page.verdict.styleSheet() == INVALID_STYLE
    assert "does not match the chip: Name" in page.face_view.outcome.text()
    chip_name = page.face_view.findChild(QLabel, "printedFaceChip_name")
    assert isinstance(chip_name, QLabel) and chip_name.isVisible()
