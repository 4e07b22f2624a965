"""Every reason and piece of evidence on the verification page is Japanese in the Japanese UI.

The checks come from the core's own check functions on real data (the development issuer's
certificate, a seal signed with another key, register records in each state), so each reason
is worded exactly as the core words it; the real page lists them. In Japanese no English word
is left (only the values: dates, serials, certificate names, all digits and capitals); in English
the core's words are shown as they are.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.card.issuer_keys import TrustStore, load_or_create_issuer
from counter_app.card.verification import (
    Check,
    SigningPeriod,
    check_certificate,
    check_expiry,
)
from counter_app.printing.qr import seal_text
from counter_app.printing.seal_documents import CardFaceSeal, sign_document
from counter_app.printing.seal_keys import load_or_create_seal_signer
from counter_app.records import CardInfo, CardKind, CardStatus, Role
from counter_app.workflows import VerificationResult
from counter_app.workflows.card_status import suspend_card
from counter_app.workflows.unlock_number import unlock_from_qr_text
from counter_app.workflows.verification import RegisterRecord, check_qr, check_register
from tests.support.counter_window import issue_on_blank_card, log_in, press, type_printed_fields
from ui import i18n
from ui.main_window import MainWindow
from ui.pages.verification_page import VerificationPage

TODAY = dt.date.today()
SERIAL = "0123456789ABCDEF"
ENGLISH_WORD = re.compile(r"[a-z]+")  # values (dates, serials, certificate names) have none


def _card(status: CardStatus) -> CardInfo:
    return CardInfo(
        1, SERIAL, 1, CardKind.PHOTO, status, dt.date(2026, 4, 1), dt.date(2036, 4, 1), "", ""
    )


def core_checks(home: Path) -> tuple[Check, ...]:
    """A check of each kind whose reason or evidence carries a value, as the core words it."""
    issuer = load_or_create_issuer(home / "issuer")
    certificate = issuer.signer.certificate
    own = certificate.car
    genuine_seal = load_or_create_seal_signer(home / "seal")
    forger = load_or_create_seal_signer(home / "forger")
    seal = CardFaceSeal(SERIAL, "30021720364821", bytes(32))
    forged = sign_document(forger, seal, issue_date=TODAY, signed_on=TODAY).encode()
    forged_qr = unlock_from_qr_text(seal_text(forged), (genuine_seal.certificate,))
    signed = sign_document(genuine_seal, seal, issue_date=TODAY, signed_on=TODAY).encode()
    genuine_qr = unlock_from_qr_text(seal_text(signed), (genuine_seal.certificate,))
    return (
        check_certificate(certificate.encode(), issuer.trust, SigningPeriod.on(TODAY)).check,
        check_certificate(certificate.encode(), issuer.trust, SigningPeriod.unknown(TODAY)).check,
        check_certificate(certificate.encode(), TrustStore(), SigningPeriod.on(TODAY)).check,
        check_certificate(
            certificate.encode(), issuer.trust, SigningPeriod.on(dt.date(1990, 1, 1))
        ).check,
        check_expiry(dt.date(2020, 4, 1), TODAY),  # expired
        check_expiry(TODAY + dt.timedelta(days=1), TODAY),
        check_register(RegisterRecord(_card(CardStatus.ACTIVE)), certificate, own),
        check_register(RegisterRecord(_card(CardStatus.SUSPENDED)), certificate, own),
        check_register(RegisterRecord(_card(CardStatus.RETURNED)), certificate, own),
        check_register(RegisterRecord(None), certificate, "JPOURS-CA-00001"),  # another issuer
        check_register(RegisterRecord(None), certificate, own),  # unknown to our register
        check_register(RegisterRecord(None, reachable=False), certificate, own),
        check_qr(forged_qr, SERIAL),  # a seal signed with another key
        check_qr(genuine_qr, "FEDCBA9876543210"),  # the QR code of another card
    )


def certificate_authority(home: Path) -> str:
    return load_or_create_issuer(home / "issuer").signer.certificate.car


def listed(page: VerificationPage, checks: tuple[Check, ...]) -> list[tuple[str, str]]:
    """Show `checks` on the page as a finished verification; (reason, evidence) per row."""
    result = VerificationResult(SERIAL, (), checks, valid=False)
    page.finish(result)
    page.task_done(result)
    rows = (page.checks.topLevelItem(i) for i in range(page.checks.topLevelItemCount()))
    return [(row.text(2), row.text(3)) for row in rows if row is not None]


def set_language(lang: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n.Translations(app).set_language(lang)


def test_every_reason_with_a_value_is_japanese_with_the_value_kept(
    window: MainWindow, tmp_path: Path
) -> None:
    page = window.pages["verification"]
    assert isinstance(page, VerificationPage)
    checks = core_checks(tmp_path)
    set_language("ja")
    japanese = listed(page, checks)
    english_left = {text: ENGLISH_WORD.findall(text) for row in japanese for text in row if text}
    assert not {text: words for text, words in english_left.items() if words}
    shown = "\n".join(text for row in japanese for text in row)
    for value in (
        certificate_authority(tmp_path),
        "2020-04-01",
        "1990-01-01",
        "FEDCBA9876543210",
        "2026-04-01",
    ):
        assert value in shown  # the values are put into the Japanese sentences
    assert "一時停止" in shown and "返納" in shown  # the register's words, in Japanese

    set_language("en")
    english = listed(page, checks)
    for (reason, evidence), check in zip(english, checks, strict=True):
        # As the core words it; a register status in the clerk's words ("Suspended (lost)").
        assert reason == check.reason or reason.startswith("the register shows the card as: ")
        assert (reason + evidence).replace("—", "").isascii()


def test_a_suspended_card_verified_in_japanese_shows_no_english_reason(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.last_training_card = None
    window.blank_card_action.trigger()
    qtbot.waitUntil(lambda: window.last_training_card is not None, timeout=20000)
    issued, unlock, _saved = issue_on_blank_card(qtbot, window)
    ctx = window.services.context  # type: ignore[union-attr]
    assert ctx is not None and window.db_thread is not None
    done: list[object] = []
    window.db_thread.submit(lambda _r: suspend_card(ctx, issued.resident_id), done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    page = window.pages["verification"]
    assert isinstance(page, VerificationPage)
    press(qtbot, window, Qt.Key.Key_L)  # the verifying clerk takes over
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=5000)
    log_in(qtbot, window, Role.VERIFYING_CLERK)
    qtbot.waitUntil(lambda: "verification" in window.pages, timeout=10000)
    page = window.pages["verification"]
    assert isinstance(page, VerificationPage)
    qtbot.waitUntil(lambda: page.unlock.qr.hasFocus(), timeout=5000)
    japanese = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(page.unlock.qr, Qt.Key.Key_J, japanese)
    type_printed_fields(qtbot, page, unlock)
    qtbot.keyClick(
        page.unlock.security_code, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.waitUntil(lambda: isinstance(page.result, VerificationResult), timeout=30000)
    rows = (page.checks.topLevelItem(i) for i in range(page.checks.topLevelItemCount()))
    cells = [row.text(c) for row in rows if row is not None for c in (2, 3)]
    assert len(cells) >= 10
    assert not [text for text in cells if ENGLISH_WORD.search(text)]
    assert page.verdict.text().startswith("無効") and "一時停止" in page.verdict.text()
