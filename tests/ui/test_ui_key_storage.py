"""The status bar says where the signing keys are: files in training, else the security module."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.config import Configuration
from counter_app.keystore import TokenSettings
from tests.support.fakes import FakeBackend, temp_settings
from ui import i18n
from ui.card_thread import CardThread
from ui.main_window import MainWindow

CONFIGURED = "postgresql://counter@register.example.lg.jp/register"
TOKEN = TokenSettings(module=Path("libsofthsm2.so"), label="shimonoseki-2026", pin_file=Path("p"))


def _keys_text(qtbot: QtBot, tmp_path: Path, config: Configuration, lang: str) -> str:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translations = i18n.Translations(app)
    translations.set_language(lang)
    backend = FakeBackend()
    window = MainWindow(
        CardThread(lambda: backend, read_summary=backend.read_summary),
        translations,
        temp_settings(tmp_path),
        config=config,
    )
    qtbot.addWidget(window)
    try:
        window.show()
        label = window.status.keys_label
        assert label.isVisible()
        return label.text()
    finally:
        window.close()
        translations.set_language(i18n.SOURCE_LANGUAGE)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_training_says_on_screen_that_the_keys_are_files(
    qtbot: QtBot, tmp_path: Path, lang: str
) -> None:
    text = _keys_text(qtbot, tmp_path, Configuration(data_dir=tmp_path), lang)
    expected = {
        "en": "Training: the keys are kept in files",
        "ja": "訓練用：鍵はファイルに保存されています",
    }
    assert expected[lang] in text


def test_a_configured_counter_names_its_token(qtbot: QtBot, tmp_path: Path) -> None:
    config = Configuration(data_dir=tmp_path, register_url=CONFIGURED, token=TOKEN)
    text = _keys_text(qtbot, tmp_path, config, "ja")
    assert "セキュリティモジュール" in text and "shimonoseki-2026" in text
    assert "ファイル" not in text


def test_a_configured_counter_without_a_token_warns_that_it_cannot_sign(
    qtbot: QtBot, tmp_path: Path
) -> None:
    config = Configuration(data_dir=tmp_path, register_url=CONFIGURED)
    text = _keys_text(qtbot, tmp_path, config, "en")
    assert "No security module" in text and "cannot be signed" in text
