"""The counter window, as a clerk sees it, on a fake reader back end."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from counter_app.card.connection import CardCommunicationError
from counter_app.card.profile import LifeCycle
from tests.support.fakes import FakeBackend, FakeCard, open_window, temp_settings
from ui import i18n
from ui.main_window import MainWindow

GUI_THREAD = threading.get_ident()


@pytest.fixture
def backend() -> FakeBackend:
    return FakeBackend()


@pytest.fixture
def window(qtbot: QtBot, backend: FakeBackend, tmp_path: Path) -> Iterator[MainWindow]:
    win, translations = open_window(backend, tmp_path, lang="en")
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.reader_list.count() == 1, timeout=5000)
    yield win
    win.close()
    translations.set_language(i18n.SOURCE_LANGUAGE)


def headline(win: MainWindow) -> str:
    return win.card_panel.headline.text()


def value(win: MainWindow, key: str) -> str:
    return win.card_panel.values[key].text()


def message_boxes(name: str) -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == name and w.isVisible()
    ]


def test_the_window_shows_the_reader_and_asks_for_a_card(window: MainWindow) -> None:
    assert window.reader_list.item(0).text().startswith("Fake Reader 0")
    assert "No card" in window.reader_list.item(0).text()
    assert headline(window) == "Place the card on the reader."
    assert window.status.card_label.text() == "No card"


def test_an_inserted_card_and_its_state_show_within_a_second(
    qtbot: QtBot, window: MainWindow, backend: FakeBackend
) -> None:
    backend.insert(FakeCard(serial="0123456789ABCDEF", tries_left=2))
    qtbot.waitUntil(lambda: headline(window) == "In use", timeout=1000)
    assert "Card inserted" in window.reader_list.item(0).text()
    assert value(window, "serial") == "0123 4567 89AB CDEF"
    assert value(window, "pin") == "2 tries left"
    assert "住基AP" in value(window, "applications")
    assert value(window, "holder") == "Shown after the resident enters the PIN"
    assert window.status.card_label.text() == "Card: In use"
    assert window.unlock_action.isEnabled()


@pytest.mark.parametrize(
    ("life_cycle", "words"),
    [
        (LifeCycle.BLANK, "Not issued (blank)"),
        (LifeCycle.PERSONALISING, "Being issued"),
        (LifeCycle.SUSPENDED, "Suspended"),
        (LifeCycle.TERMINATED, "Invalidated"),
    ],
)
def test_each_life_cycle_state_is_shown_in_words(
    qtbot: QtBot, window: MainWindow, backend: FakeBackend, life_cycle: LifeCycle, words: str
) -> None:
    backend.insert(FakeCard(life_cycle=life_cycle))
    qtbot.waitUntil(lambda: value(window, "state") == words, timeout=5000)
    assert not window.unlock_action.isEnabled()


def test_taking_the_card_out_clears_it_at_once(
    qtbot: QtBot, window: MainWindow, backend: FakeBackend
) -> None:
    backend.insert()
    qtbot.waitUntil(lambda: headline(window) == "In use", timeout=5000)
    backend.remove()
    qtbot.waitUntil(lambda: headline(window) == "Place the card on the reader.", timeout=1000)
    assert not window.card_panel.values["serial"].isVisible()
    assert window.status.card_label.text() == "No card"
    assert not window.unlock_action.isEnabled()


def unlock(qtbot: QtBot, window: MainWindow, pin: str) -> None:
    """Open the PIN dialog from the keyboard shortcut's action and type the PIN."""
    window.unlock_action.trigger()
    qtbot.waitUntil(lambda: window.pin_dialog is not None and window.pin_dialog.isVisible())
    dialog = window.pin_dialog
    assert dialog is not None
    assert dialog.field.echoMode() == dialog.field.EchoMode.Password
    qtbot.keyClicks(dialog.field, pin)
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)


def test_the_right_pin_shows_the_holder_name_until_the_card_leaves(
    qtbot: QtBot, window: MainWindow, backend: FakeBackend
) -> None:
    backend.insert(FakeCard(pin="1234", holder_name="山田　太郎"))
    qtbot.waitUntil(window.unlock_action.isEnabled, timeout=5000)
    unlock(qtbot, window, "1234")
    qtbot.waitUntil(lambda: value(window, "holder") == "山田　太郎", timeout=5000)
    assert window.pin_dialog is None
    backend.remove()
    qtbot.waitUntil(lambda: headline(window) == "Place the card on the reader.", timeout=1000)
    assert value(window, "holder") == ""
    backend.insert()
    qtbot.waitUntil(lambda: headline(window) == "In use", timeout=5000)
    assert value(window, "holder") == "Shown after the resident enters the PIN"


def test_pins_never_reach_the_log(
    qtbot: QtBot, window: MainWindow, backend: FakeBackend, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(1)
    backend.insert(FakeCard(pin="8642"))
    qtbot.waitUntil(window.unlock_action.isEnabled, timeout=5000)
    unlock(qtbot, window, "9753")
    qtbot.waitUntil(lambda: bool(message_boxes("wrongPinBox")), timeout=5000)
    message_boxes("wrongPinBox")[0].accept()
    unlock(qtbot, window, "8642")
    qtbot.waitUntil(lambda: value(window, "holder") == "山田　太郎", timeout=5000)
    assert "InvalidPinError" in caplog.text  # the failure was logged...
    assert "9753" not in caplog.text and "8642" not in caplog.text  # ...without the PIN


def test_a_wrong_pin_says_how_many_tries_are_left(
    qtbot: QtBot, window: MainWindow, backend: FakeBackend
) -> None:
    backend.insert(FakeCard(pin="1234", tries_left=3))
    qtbot.waitUntil(window.unlock_action.isEnabled, timeout=5000)
    unlock(qtbot, window, "9999")
    qtbot.waitUntil(lambda: bool(message_boxes("wrongPinBox")), timeout=5000)
    box = message_boxes("wrongPinBox")[0]
    assert box.text() == "The PIN was wrong. 2 tries are left."
    assert value(window, "pin") == "2 tries left"
    assert value(window, "holder") == "Shown after the resident enters the PIN"
    box.accept()


def test_the_pin_dialog_accepts_only_four_digits(
    qtbot: QtBot, window: MainWindow, backend: FakeBackend
) -> None:
    backend.insert()
    qtbot.waitUntil(window.unlock_action.isEnabled, timeout=5000)
    window.unlock_action.trigger()
    dialog = window.pin_dialog
    assert dialog is not None
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    qtbot.keyClicks(dialog.field, "12a")
    assert dialog.field.text() == "12"
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.field, "345")
    assert dialog.field.text() == "1234"
    assert ok.isEnabled()
    dialog.reject()
    assert dialog.field.text() == ""


def test_a_card_that_cannot_be_read_is_explained_in_words(
    qtbot: QtBot, window: MainWindow, backend: FakeBackend
) -> None:
    backend.insert(FakeCard(read_error=CardCommunicationError("SW 6F00 reading EF.DIR")))
    qtbot.waitUntil(lambda: headline(window) == CardCommunicationError.what, timeout=5000)
    assert window.card_panel.advice.text() == CardCommunicationError.todo
    assert "6F00" not in headline(window) + window.card_panel.advice.text()
    assert window.status.card_label.text() == "Card: could not be read"


def test_the_status_bar_names_the_back_end(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: "PC/SC (fake)" in window.status.backend_label.text())
    assert "virtual" not in window.status.backend_label.text().lower()
    assert not window.virtual_banner.isVisible()


def test_the_virtual_reader_is_shown_as_a_warning(qtbot: QtBot, tmp_path: Path) -> None:
    backend = FakeBackend(is_virtual=True, description="virtual reader (no PC/SC service)")
    win, translations = open_window(backend, tmp_path, lang="en")
    qtbot.addWidget(win)
    try:
        qtbot.waitUntil(lambda: "virtual" in win.status.backend_label.text().lower())
        assert "no PC/SC" in win.status.backend_label.text()
        assert win.status.backend_label.styleSheet()  # highlighted
        assert win.virtual_banner.isVisible()
        assert "virtual reader" in win.virtual_banner.text()
        translations.set_language("ja")
        assert "仮想リーダー" in win.status.backend_label.text()
    finally:
        win.close()
        translations.set_language(i18n.SOURCE_LANGUAGE)


def test_switching_language_changes_the_texts_and_is_remembered(
    qtbot: QtBot, window: MainWindow, backend: FakeBackend, tmp_path: Path
) -> None:
    backend.insert()
    qtbot.waitUntil(lambda: headline(window) == "In use", timeout=5000)
    window.language_actions["ja"].trigger()
    assert window.windowTitle() == "住民基本台帳カード窓口"
    assert headline(window) == "利用中"
    assert value(window, "pin") == "残り3回"
    assert window.status.card_label.text() == "カード：利用中"
    assert window.unlock_action.text().startswith("暗証番号")
    assert "カードあり" in window.reader_list.item(0).text()
    assert i18n.saved_language(temp_settings(tmp_path)) == "ja"

    window.language_actions["en"].trigger()
    assert window.windowTitle() == "Resident Card Counter"
    assert headline(window) == "In use"
    assert i18n.saved_language(temp_settings(tmp_path)) == "en"


def test_the_gui_thread_never_talks_to_the_back_end(
    qtbot: QtBot, window: MainWindow, backend: FakeBackend
) -> None:
    backend.insert()
    qtbot.waitUntil(window.unlock_action.isEnabled, timeout=5000)
    unlock(qtbot, window, "1234")
    qtbot.waitUntil(lambda: value(window, "holder") == "山田　太郎", timeout=5000)
    window.reread_action.trigger()
    backend.remove()
    qtbot.waitUntil(lambda: headline(window) == "Place the card on the reader.", timeout=5000)
    window.close()

    names = {name for name, _ in backend.calls}
    assert {"readers", "wait_for_change", "connect", "read_summary", "close"} <= names
    assert GUI_THREAD not in backend.calling_threads()
    assert len(backend.calling_threads()) == 1


def test_the_window_stays_responsive_while_a_slow_card_is_read(
    qtbot: QtBot, window: MainWindow, backend: FakeBackend
) -> None:
    backend.read_delay = 1.0
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    backend.insert()
    qtbot.waitUntil(lambda: window.status.busy_bar.isVisible(), timeout=5000)
    assert headline(window) == "Reading the card…"
    qtbot.waitUntil(lambda: headline(window) == "In use", timeout=10000)
    qtbot.waitUntil(lambda: not window.status.busy_bar.isVisible(), timeout=5000)
    timer.stop()
    # The GUI thread went on handling events all through the one-second read: had the read run
    # on it, one gap between ticks would be a second long.
    assert len(ticks) >= 10
    assert max(b - a for a, b in itertools.pairwise(ticks)) < 0.9


def test_closing_the_window_stops_the_card_thread_within_two_seconds(
    qtbot: QtBot, window: MainWindow, backend: FakeBackend
) -> None:
    backend.insert()
    qtbot.waitUntil(lambda: headline(window) == "In use", timeout=5000)
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 2.0
    assert not window.card_thread.running
    assert backend.closed


def test_every_action_has_a_shortcut_and_widgets_have_names(window: MainWindow) -> None:
    actions = [
        window.unlock_action,
        window.reread_action,
        window.quit_action,
        *window.language_actions.values(),
    ]
    assert all(not a.shortcut().isEmpty() for a in actions)
    assert len({a.shortcut().toString() for a in actions}) == len(actions)
    for widget in (
        window.reader_list,
        window.card_panel,
        window.card_panel.unlock_button,
        window.status.backend_label,
        *window.card_panel.values.values(),
    ):
        assert widget.accessibleName(), widget.objectName()


def test_the_tab_key_goes_from_the_reader_list_to_the_unlock_button(
    qtbot: QtBot, window: MainWindow, backend: FakeBackend
) -> None:
    backend.insert()
    qtbot.waitUntil(window.unlock_action.isEnabled, timeout=5000)
    window.activateWindow()
    window.reader_list.setFocus()
    qtbot.keyClick(window.reader_list, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.card_panel.unlock_button


def test_the_saved_language_is_read_back(tmp_path: Path) -> None:
    settings = temp_settings(tmp_path)
    assert i18n.saved_language(settings) == "ja"  # the default
    i18n.save_language(settings, "en")
    assert i18n.saved_language(QSettings(settings.fileName(), QSettings.Format.IniFormat)) == "en"


def test_pcsc_training_with_a_vpcd_reader_shows_a_training_banner(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from counter_app.training import TrainingInfo
    from counter_app.virtual_card.vpcd import VPCD_PORT, vpcd_reader_name

    vpcd = vpcd_reader_name(VPCD_PORT)
    backend = FakeBackend(reader_names=("Fake Reader 0", vpcd))
    win, _translations = open_window(backend, tmp_path, lang="en")
    qtbot.addWidget(win)
    try:
        qtbot.waitUntil(lambda: len(win.readers) == 2, timeout=5000)
        assert not win.training_banner.isVisible()
        win.training = cast(TrainingInfo, object())  # the training register is open
        win._render_training_actions()
        assert win.training_banner.isVisible()
        assert vpcd in win.training_banner.text()
        assert not win.virtual_banner.isVisible()
    finally:
        win.close()
