"""The real window behind pcscd: login to a printed card on a blank virtual card in vpcd.

The issued card then reads back through pcscd with opensc-tool's raw APDUs (a client we did not
write) and with the card layer.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.card import layout
from counter_app.card.issuer_keys import load_or_create_issuer
from counter_app.card.protocol import ApduTransport
from counter_app.card.reading import read_text
from counter_app.card.scp03 import diversify_keys
from counter_app.card_service.pcscd_service import InsertedCard, PcscdService
from counter_app.card_service.training_slot import vpcd_training_reader
from counter_app.virtual_card.card import VirtualCard
from counter_app.virtual_card.vpcd import CardLike
from tests.support.counter_window import PERSON, PIN, issue_on_blank_card, open_logged_in
from tests.support.opensc import opensc_read
from ui import i18n


@pytest.mark.pcscd
def test_the_window_issues_and_prints_a_card_in_vpcd_that_opensc_reads_back(
    qtbot: QtBot,
    tmp_path: Path,
    empty_home: Path,
    insert_card: Callable[[CardLike], InsertedCard],
) -> None:
    if shutil.which("opensc-tool") is None:
        pytest.skip("opensc-tool is not installed")
    from counter_app.card.pcsc import PcscBackend

    issuer = load_or_create_issuer(empty_home)
    serial = os.urandom(8)
    keys = diversify_keys(issuer.channel_master_key, serial)
    slot = insert_card(VirtualCard.manufacture(tmp_path / "blank.json", keys, serial))
    window = open_logged_in(qtbot, tmp_path, lambda: PcscBackend(only=slot.reader))
    try:
        qtbot.waitUntil(lambda: window.reader_list.current_reader() == slot.reader, timeout=20000)
        assert not window.virtual_backend
        result, _unlock, saved = issue_on_blank_card(qtbot, window)
    finally:
        window.close()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        i18n.Translations(app).set_language(i18n.SOURCE_LANGUAGE)
    assert result.serial == serial.hex().upper()
    assert [p.name for p in saved] == [
        f"card-{result.serial}.pdf",
        next(p.name for p in saved if p.name.startswith("receipt-")),
    ]
    assert all(p.read_bytes().startswith(b"%PDF") for p in saved)

    backend = PcscBackend(only=slot.reader)
    connection = backend.connect(slot.reader)
    try:
        text = read_text(ApduTransport(connection), PIN, trust=issuer.trust)
    finally:
        connection.close()
        backend.close()
    assert text.report.all_succeeded and text.attributes is not None
    assert text.attributes.name == PERSON.name
    assert text.attributes.address == PERSON.address

    raw = opensc_read(slot.reader, PIN)
    parsed = layout.parse_text_attributes(raw)
    assert parsed.attributes.name == PERSON.name
    assert parsed.attributes.address == PERSON.address


@pytest.mark.pcscd
def test_training_cards_are_served_into_vpcd_when_pcsc_has_only_the_empty_virtual_reader(
    qtbot: QtBot,
    tmp_path: Path,
    empty_home: Path,
    pcscd: PcscdService,
) -> None:
    from counter_app.card.pcsc import PcscBackend

    assert vpcd_training_reader(["Other Reader 00 00", pcscd.reader]) == pcscd.reader
    assert vpcd_training_reader(["Other Reader 00 00"]) is None
    window = open_logged_in(qtbot, tmp_path, lambda: PcscBackend(only=pcscd.reader))
    try:
        assert not window.virtual_backend
        qtbot.waitUntil(lambda: window.blank_card_action.isVisible(), timeout=20000)
        assert window.training_reader() == pcscd.reader
        window.blank_card_action.trigger()
        qtbot.waitUntil(lambda: window.last_training_card is not None, timeout=20000)
        assert window.vpcd_slot is not None and window.vpcd_slot.card_path is not None
        assert window.vpcd_slot.card_path == empty_home / "cards" / str(window.last_training_card)
        result, _unlock, _saved = issue_on_blank_card(qtbot, window)  # a clerk has a card now

        window.last_training_card = None
        window.demo_card_action.trigger()
        qtbot.waitUntil(lambda: window.last_training_card == "demo-card.json", timeout=20000)
        reader = pcscd.reader
        qtbot.waitUntil(
            lambda: reader in window.summaries and window.summaries[reader].serial != result.serial,
            timeout=20000,
        )
    finally:
        window.close()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        i18n.Translations(app).set_language(i18n.SOURCE_LANGUAGE)
    assert window.vpcd_slot.card_path is None  # stopped with the window
    backend = PcscBackend(only=pcscd.reader)
    try:
        deadline = time.monotonic() + 10
        while any(r.card_present for r in backend.readers()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(r.card_present for r in backend.readers())
    finally:
        backend.close()
