"""The certificate kiosk window on the training register: a card issued to a training resident,
the PIN typed or touched, the choice and fee, the certificate's bytes at the printer; the screen
cleared (no name, no PIN in any widget) on card removal, on idle and after printing."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from counter_app.config import Configuration
from counter_app.printing.cups import PrinterError
from counter_app.virtual_card.inprocess import InProcessBackend
from tests.support.card_fixtures import Card
from tests.support.kiosk_window import (
    CARD_PIN,
    FAMILY,
    GIVEN,
    PERSON,
    app,
    choose_service,
    desk_has_session,
    issue_training_card,
    shown_texts,
)
from ui import i18n
from ui.errors import error_texts
from ui.kiosk_certificate import CertificateFlow
from ui.kiosk_window import MESSAGE, PIN, WAITING, KioskWindow, build_kiosk


@dataclass
class MemoryPrinter:
    """The print queue as the kiosk sees it: the bytes stay in memory."""

    jobs: list[tuple[str, bytes, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def print_pdf(self, pdf: bytes, title: str, copies: int) -> str:
        with self.lock:
            self.jobs.append((title, pdf, copies))
            return f"kiosk-{len(self.jobs)}"


@pytest.fixture
def card(empty_home: Path, tmp_path: Path) -> Card:
    """A card issued at the training counter to the first training resident, out of the reader."""
    return issue_training_card(empty_home, tmp_path)


@pytest.fixture
def printer() -> MemoryPrinter:
    return MemoryPrinter()


@pytest.fixture
def kiosk(
    qtbot: QtBot, empty_home: Path, card: Card, printer: MemoryPrinter
) -> Iterator[KioskWindow]:
    app_lang = i18n.Translations(app())
    app_lang.set_language("ja")
    window = build_kiosk(
        Configuration(data_dir=empty_home),
        lambda: InProcessBackend(card.reader),
        printer=printer,
        full_screen=False,
    )
    qtbot.addWidget(window)
    window.open()
    qtbot.waitUntil(lambda: window.info is not None, timeout=60000)
    yield window
    window.close()
    app_lang.set_language(i18n.SOURCE_LANGUAGE)


def assert_forgotten(window: KioskWindow) -> None:
    texts = "\n".join(shown_texts(window))
    assert PERSON.name not in texts and GIVEN not in texts  # (研修 alone is in 研修用)
    assert CARD_PIN not in texts
    assert window.pin_field.text() == ""


def certificate(window: KioskWindow) -> CertificateFlow:
    assert window.certificate is not None
    return window.certificate


def insert_card(qtbot: QtBot, window: KioskWindow, card: Card, *, touch: bool = False) -> None:
    """The card on the reader, then 住民票の写し from the services menu (key 1, or touched)."""
    card.reader.insert(card.path)
    choose_service(qtbot, window, 1, touch=touch)


def remove_card(qtbot: QtBot, window: KioskWindow, card: Card) -> None:
    card.reader.remove()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == WAITING, timeout=10000)


def wait_choice(qtbot: QtBot, window: KioskWindow) -> None:
    page = certificate(window).page
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page, timeout=30000)


def test_by_keyboard_household_two_copies_printed_from_memory(
    qtbot: QtBot, kiosk: KioskWindow, card: Card, printer: MemoryPrinter
) -> None:
    assert "カードを置いてください" in kiosk.waiting_label.text()
    insert_card(qtbot, kiosk, card)
    assert kiosk.pin_field.hasFocus() or kiosk.pin_field.echoMode() is QLineEdit.EchoMode.Password
    qtbot.keyClicks(kiosk.pin_field, CARD_PIN)
    qtbot.keyClick(kiosk.pin_field, Qt.Key.Key_Return)
    wait_choice(qtbot, kiosk)
    assert PERSON.name in certificate(kiosk).greeting.text()
    assert "200円" in certificate(kiosk).fee_label.text()
    qtbot.keyClick(kiosk, Qt.Key.Key_2)  # 世帯全員
    qtbot.keyClick(kiosk, Qt.Key.Key_Up)
    assert certificate(kiosk).copies == 2
    assert "400円" in certificate(kiosk).fee_label.text()
    qtbot.keyClick(kiosk, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(printer.jobs) == 1 and not kiosk.busy, timeout=60000)
    assert_forgotten(kiosk)  # cleared after printing
    assert not desk_has_session(qtbot, kiosk)
    assert kiosk.stack.currentIndex() == MESSAGE
    assert "カードをお取りください" in kiosk.message_detail.text()
    title, pdf, copies = printer.jobs[0]
    assert copies == 2 and title.startswith("住民票の写し")
    document = pdfium.PdfDocument(pdf)
    text = "".join(str(document[i].get_textpage().get_text_range()) for i in range(len(document)))
    document.close()
    assert FAMILY in text and GIVEN in text
    assert certificate(kiosk).issued is not None and certificate(kiosk).issued.fee_yen == 400
    remove_card(qtbot, kiosk, card)
    assert_forgotten(kiosk)


def test_by_touch_the_big_buttons_print_for_the_resident_alone(
    qtbot: QtBot, kiosk: KioskWindow, card: Card, printer: MemoryPrinter
) -> None:
    insert_card(qtbot, kiosk, card, touch=True)
    for digit in CARD_PIN:
        button = kiosk.digit_buttons[digit]
        assert button.height() >= 72 or button.minimumHeight() >= 72
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert kiosk.pin_field.text() == CARD_PIN
    assert CARD_PIN not in kiosk.pin_field.displayText()  # masked
    qtbot.mouseClick(kiosk.pin_ok, Qt.MouseButton.LeftButton)
    wait_choice(qtbot, kiosk)
    qtbot.mouseClick(certificate(kiosk).more, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(certificate(kiosk).more, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(certificate(kiosk).fewer, Qt.MouseButton.LeftButton)
    assert "400円" in certificate(kiosk).fee_label.text()
    qtbot.mouseClick(certificate(kiosk).self_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(certificate(kiosk).confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(printer.jobs) == 1 and not kiosk.busy, timeout=60000)
    assert printer.jobs[0][2] == 2
    assert_forgotten(kiosk)


def test_a_wrong_pin_says_the_tries_left_in_words(
    qtbot: QtBot, kiosk: KioskWindow, card: Card
) -> None:
    insert_card(qtbot, kiosk, card)
    qtbot.keyClicks(kiosk.pin_field, "0000")
    qtbot.keyClick(kiosk.pin_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "暗証番号" in kiosk.pin_message.text(), timeout=30000)
    assert "2" in kiosk.pin_message.text() or "あと" in kiosk.pin_message.text()
    assert kiosk.stack.currentIndex() == PIN
    assert kiosk.pin_field.text() == ""


def test_card_removed_mid_flow_clears_the_screen(
    qtbot: QtBot, kiosk: KioskWindow, card: Card, printer: MemoryPrinter
) -> None:
    insert_card(qtbot, kiosk, card)
    qtbot.keyClicks(kiosk.pin_field, CARD_PIN)
    qtbot.keyClick(kiosk.pin_field, Qt.Key.Key_Return)
    wait_choice(qtbot, kiosk)
    qtbot.keyClick(kiosk, Qt.Key.Key_Up)
    assert desk_has_session(qtbot, kiosk)
    remove_card(qtbot, kiosk, card)
    assert_forgotten(kiosk)
    assert not desk_has_session(qtbot, kiosk)
    assert certificate(kiosk).copies == 1
    assert printer.jobs == []
    # A PIN half typed is gone too when the card leaves.
    insert_card(qtbot, kiosk, card)
    qtbot.keyClicks(kiosk.pin_field, CARD_PIN[:2])
    remove_card(qtbot, kiosk, card)
    assert_forgotten(kiosk)


def test_idle_clears_the_screen_and_asks_for_the_card(
    qtbot: QtBot, kiosk: KioskWindow, card: Card, printer: MemoryPrinter
) -> None:
    insert_card(qtbot, kiosk, card)
    qtbot.keyClicks(kiosk.pin_field, CARD_PIN)
    qtbot.keyClick(kiosk.pin_field, Qt.Key.Key_Return)
    wait_choice(qtbot, kiosk)
    kiosk._idle.start(50)  # the idle time, shortened
    qtbot.waitUntil(lambda: kiosk.stack.currentIndex() == MESSAGE, timeout=5000)
    assert_forgotten(kiosk)
    assert not desk_has_session(qtbot, kiosk)
    assert "カードをお取りください" in kiosk.message_detail.text()
    qtbot.keyClick(kiosk, Qt.Key.Key_Return)  # nothing to confirm any more
    qtbot.wait(300)
    assert printer.jobs == []


def files_under(*folders: Path) -> set[Path]:
    """Every file, the register's own database files aside (its audit rows are expected)."""
    return {
        path
        for folder in folders
        for path in folder.rglob("*")
        if path.is_file() and not path.name.startswith("register.sqlite3")
    }


def test_training_without_a_printer_prints_nothing_and_keeps_nothing(
    qtbot: QtBot, empty_home: Path, card: Card, tmp_path: Path
) -> None:
    i18n.Translations(app()).set_language("ja")
    window = build_kiosk(
        Configuration(data_dir=empty_home), lambda: InProcessBackend(card.reader), full_screen=False
    )
    qtbot.addWidget(window)
    try:
        window.open()
        qtbot.waitUntil(lambda: window.info is not None, timeout=60000)
        assert window.info is not None and not window.info.prints
        assert "印刷も保存もされません" in window.status_label.text()
        before = files_under(empty_home, tmp_path)
        insert_card(qtbot, window, card)
        qtbot.keyClicks(window.pin_field, CARD_PIN)
        qtbot.keyClick(window.pin_field, Qt.Key.Key_Return)
        wait_choice(qtbot, window)
        qtbot.keyClick(window, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: certificate(window).issued is not None, timeout=60000)
        assert "印刷も保存もしていません" in window.message.text()
        assert certificate(window).issued.job_id == ""
        assert files_under(empty_home, tmp_path) == before  # no PDF anywhere
        assert_forgotten(window)
    finally:
        window.close()
        i18n.Translations(app()).set_language(i18n.SOURCE_LANGUAGE)


@dataclass
class BrokenPrinter:
    def print_pdf(self, pdf: bytes, title: str, copies: int) -> str:
        raise PrinterError("lp refused the job: the queue is stopped")


def test_a_printer_error_is_said_in_japanese_and_the_screen_cleared(
    qtbot: QtBot, empty_home: Path, card: Card
) -> None:
    i18n.Translations(app()).set_language("ja")
    window = build_kiosk(
        Configuration(data_dir=empty_home),
        lambda: InProcessBackend(card.reader),
        printer=BrokenPrinter(),
        full_screen=False,
    )
    qtbot.addWidget(window)
    try:
        window.open()
        qtbot.waitUntil(lambda: window.info is not None, timeout=60000)
        insert_card(qtbot, window, card)
        qtbot.keyClicks(window.pin_field, CARD_PIN)
        qtbot.keyClick(window.pin_field, Qt.Key.Key_Return)
        wait_choice(qtbot, window)
        qtbot.keyClick(window, Qt.Key.Key_Return)
        qtbot.waitUntil(
            lambda: window.stack.currentIndex() == MESSAGE and not window.busy, timeout=60000
        )
        what, _todo = error_texts(PrinterError("x"))
        assert window.message.text() == what and what != PrinterError.what  # in Japanese
        assert "カードをお取りください" in window.message_detail.text()
        assert_forgotten(window)
    finally:
        window.close()
        i18n.Translations(app()).set_language(i18n.SOURCE_LANGUAGE)


def test_enter_on_the_cancel_button_cancels_and_the_kiosk_runs_full_screen(
    qtbot: QtBot, empty_home: Path, card: Card, printer: MemoryPrinter, kiosk: KioskWindow
) -> None:
    insert_card(qtbot, kiosk, card)
    qtbot.keyClicks(kiosk.pin_field, CARD_PIN)
    qtbot.keyClick(kiosk.pin_field, Qt.Key.Key_Return)
    wait_choice(qtbot, kiosk)
    certificate(kiosk).cancel.setFocus()
    qtbot.keyClick(certificate(kiosk).cancel, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: kiosk.stack.currentIndex() == MESSAGE, timeout=5000)
    assert "取りやめました" in kiosk.message.text()
    assert not desk_has_session(qtbot, kiosk)
    assert printer.jobs == []
    assert_forgotten(kiosk)
    full = build_kiosk(
        Configuration(data_dir=empty_home), lambda: InProcessBackend(card.reader), printer=printer
    )
    qtbot.addWidget(full)
    try:
        full.open()
        assert full.windowState() & Qt.WindowState.WindowFullScreen
    finally:
        full.close()


def test_a_card_without_the_certificate_service_is_refused_in_words_and_nothing_printed(
    qtbot: QtBot, empty_home: Path, tmp_path: Path, printer: MemoryPrinter
) -> None:
    (tmp_path / "bare").mkdir()
    bare = issue_training_card(empty_home, tmp_path / "bare", certificate=False)
    app_lang = i18n.Translations(app())
    app_lang.set_language("ja")
    window = build_kiosk(
        Configuration(data_dir=empty_home),
        lambda: InProcessBackend(bare.reader),
        printer=printer,
        full_screen=False,
    )
    qtbot.addWidget(window)
    window.open()
    try:
        qtbot.waitUntil(lambda: window.info is not None, timeout=60000)
        insert_card(qtbot, window, bare)
        qtbot.keyClicks(window.pin_field, CARD_PIN)
        qtbot.keyClick(window.pin_field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.stack.currentIndex() == MESSAGE, timeout=30000)
        assert "このサービスはカードに載っていません" in window.message.text()
        assert "窓口" in window.message_detail.text()
        assert printer.jobs == []
        assert_forgotten(window)
    finally:
        window.close()
        app_lang.set_language(i18n.SOURCE_LANGUAGE)
