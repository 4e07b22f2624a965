"""The counter window on the real card stack: the in-process reader, a demo card, read_summary."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from counter_app.card_service.summary_reader import summary_reader
from counter_app.card_service.training_cards import create_card
from counter_app.config import Configuration
from counter_app.virtual_card.inprocess import InProcessBackend, InProcessReader
from tests.support.fakes import temp_settings
from ui import i18n
from ui.card_thread import CardThread
from ui.main_window import MainWindow


@pytest.fixture
def demo(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    path = tmp_path / "cards" / "demo-card.json"
    summary = create_card(path, demo=True, force=False, home=tmp_path)
    assert summary is not None
    return path, summary


@pytest.fixture
def reader() -> InProcessReader:
    return InProcessReader()


@pytest.fixture
def window(qtbot: QtBot, reader: InProcessReader, tmp_path: Path) -> Iterator[MainWindow]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translations = i18n.Translations(app)
    translations.set_language("ja")
    read = summary_reader(Configuration(data_dir=tmp_path))  # trusts the demo card's issuer
    card_thread = CardThread(lambda: InProcessBackend(reader), read_summary=read)
    win = MainWindow(
        card_thread, translations, temp_settings(tmp_path), config=Configuration(data_dir=tmp_path)
    )
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.reader_list.count() == 1, timeout=5000)
    yield win
    win.close()
    translations.set_language(i18n.SOURCE_LANGUAGE)


def visible_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def enter_pin(qtbot: QtBot, window: MainWindow, pin: str) -> None:
    window.unlock_action.trigger()
    dialog = window.pin_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.field, pin)
    dialog.accept()


def test_the_demo_card_is_read_unlocked_and_forgotten_when_taken_out(
    qtbot: QtBot, window: MainWindow, reader: InProcessReader, demo: tuple[Path, dict[str, Any]]
) -> None:
    path, resident = demo
    panel = window.card_panel
    assert "仮想リーダー" in window.status.backend_label.text()
    assert window.virtual_banner.isVisible()

    reader.insert(path)
    qtbot.waitUntil(lambda: panel.headline.text() == "利用中", timeout=10000)
    assert panel.values["serial"].text().replace(" ", "") == resident["serial"]
    assert panel.values["pin"].text() == "残り3回"
    assert "券面事項入力補助AP" in panel.values["applications"].text()

    wrong = "0000" if resident["pin"] != "0000" else "1111"
    enter_pin(qtbot, window, wrong)
    qtbot.waitUntil(lambda: bool(visible_boxes()), timeout=10000)
    assert visible_boxes()[0].text() == "暗証番号が違います。あと2回入力できます。"
    assert panel.values["pin"].text() == "残り2回"
    visible_boxes()[0].accept()

    enter_pin(qtbot, window, resident["pin"])
    qtbot.waitUntil(lambda: panel.values["holder"].text() == resident["name"], timeout=10000)
    assert panel.values["pin"].text() == "残り3回"

    reader.remove()
    qtbot.waitUntil(
        lambda: panel.headline.text() == "カードをリーダーに置いてください。", timeout=1000
    )
    assert resident["name"] not in panel.values["holder"].text()
