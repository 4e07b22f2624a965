"""A 個人番号カード presented at the real window behind pcscd + vpcd: the card panel names it,
and the verifying clerk checks it with 照合番号B typed from its print, keyboard only, against the
J-LIS key in the data directory (the test plays J-LIS, tests/support/real_card.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.card.real_reading import CardKind
from counter_app.card_service.pcscd_service import InsertedCard
from counter_app.virtual_card.vpcd import CardLike
from tests.support import real_card
from tests.support.counter_window import open_logged_in
from tests.support.verification_window import (
    ctrl_enter,
    type_real_card_print,
    verifying_clerk,
    wait_verdict,
)
from ui import i18n
from ui.pages.verification_page import NOT_CHECKED_STYLE


@pytest.mark.pcscd
def test_the_window_names_a_real_card_in_vpcd_and_verifies_it_with_its_printed_number(
    qtbot: QtBot,
    tmp_path: Path,
    empty_home: Path,
    insert_card: Callable[[CardLike], InsertedCard],
) -> None:
    from counter_app.card.pcsc import PcscBackend

    slot = insert_card(real_card.issue(tmp_path / "real.json"))
    real_card.played_jlis().install(empty_home)
    window = open_logged_in(qtbot, tmp_path, lambda: PcscBackend(only=slot.reader))
    try:
        qtbot.waitUntil(
            lambda: (
                window.card_panel.state.summary is not None
                and window.card_panel.state.summary.kind is CardKind.REAL
            ),
            timeout=20000,
        )
        assert window.card_panel.headline.text() == "個人番号カード (issued by J-LIS)"
        page = verifying_clerk(qtbot, window)
        type_real_card_print(qtbot, page)
        ctrl_enter(qtbot, page)
        result = wait_verdict(qtbot, page)
        assert result.valid and not result.in_use
        assert page.verdict.text().startswith("Genuine, but its status is not checked")
        assert "J-LIS" in page.verdict.text()
        assert page.verdict.styleSheet() == NOT_CHECKED_STYLE
    finally:
        window.close()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        i18n.Translations(app).set_language(i18n.SOURCE_LANGUAGE)
