"""run_gui: opens the counter window in the saved language, and returns when it closes."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.card.readers import ReaderBackend
from counter_app.config import Configuration
from tests.support.fakes import FakeBackend, temp_settings
from ui import i18n
from ui.app import run_gui
from ui.main_window import MainWindow


def _close_when_shown(seen: dict[str, object]) -> None:
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    shown = [w for w in windows if w.isVisible()]
    if not shown or not shown[0].status.backend:
        QTimer.singleShot(20, lambda: _close_when_shown(seen))
        return
    window = shown[0]
    seen["title"] = window.windowTitle()
    seen["backend"] = window.status.backend_label.text()
    window.close()


def test_run_gui_opens_the_window_in_japanese_by_default_and_returns_zero(
    qtbot: QtBot, tmp_path: Path
) -> None:
    backend = FakeBackend(is_virtual=True, description="virtual reader (no PC/SC service)")
    opened_on: list[int] = []

    def factory() -> ReaderBackend:
        opened_on.append(threading.get_ident())
        return backend

    seen: dict[str, object] = {}
    QTimer.singleShot(0, lambda: _close_when_shown(seen))
    try:
        code = run_gui(
            Configuration(data_dir=tmp_path),
            None,
            backend_factory=factory,
            settings=temp_settings(tmp_path),
        )
    finally:
        i18n.Translations(QApplication.instance()).set_language(i18n.SOURCE_LANGUAGE)  # type: ignore[arg-type]
    assert code == 0
    assert seen["title"] == "住民基本台帳カード窓口"
    assert "仮想リーダー" in str(seen["backend"])
    assert opened_on and opened_on[0] != threading.get_ident()
    assert backend.closed


def test_run_gui_takes_the_language_from_the_command_line(qtbot: QtBot, tmp_path: Path) -> None:
    seen: dict[str, object] = {}
    QTimer.singleShot(0, lambda: _close_when_shown(seen))
    code = run_gui(
        Configuration(data_dir=tmp_path),
        "en",
        backend_factory=FakeBackend,
        settings=temp_settings(tmp_path),
    )
    assert code == 0
    assert seen["title"] == "Resident Card Counter"
