"""Every patron block the library system may report is said in Japanese at the desk."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.library.model import PatronBlock
from ui import i18n
from ui.library_texts import BLOCK_TEXTS, block_text


def test_every_patron_block_is_said_in_japanese(qtbot: QtBot) -> None:
    assert set(BLOCK_TEXTS) == {block.value for block in PatronBlock}
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translations = i18n.Translations(app)
    translations.set_language("ja")
    try:
        said = {block: block_text(block) for block in PatronBlock}
    finally:
        translations.set_language(i18n.SOURCE_LANGUAGE)
    assert said[PatronBlock.CHARGE_DENIED] == "この利用者は貸出停止中です。"
    assert all(text != block.value and text.endswith("。") for block, text in said.items())
