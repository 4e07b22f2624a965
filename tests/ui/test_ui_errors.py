"""show_error: a clerk reads what happened and what to do, in their language, never a code."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from counter_app.card.connection import CardRemovedError
from counter_app.errors import (
    CounterError,
    MunicipalityCodeError,
    MunicipalityNotConfiguredError,
)
from ui import i18n
from ui.errors import error_texts, show_error


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def japanese(qapp: QApplication) -> Iterator[i18n.Translations]:
    translations = i18n.Translations(qapp)
    assert translations.set_language("ja")
    yield translations
    translations.set_language(i18n.SOURCE_LANGUAGE)


def test_a_counter_error_shows_its_what_and_todo_in_japanese(
    parent: QWidget, japanese: i18n.Translations
) -> None:
    box = show_error(parent, CardRemovedError("SW 6A82 after SELECT"))
    assert box.isVisible()
    assert box.text() == "処理の途中でカードがリーダーから外されました。"
    assert box.informativeText() == "カードをリーダーに置き直し、最初から操作をやり直してください。"
    assert "6A82" not in box.text() + box.informativeText()
    assert box.detailedText() == "SW 6A82 after SELECT"  # for the administrator, behind a button
    box.close()


def test_a_counter_error_in_english_shows_the_source_texts(parent: QWidget) -> None:
    box = show_error(parent, CardRemovedError())
    assert (box.text(), box.informativeText()) == (CardRemovedError.what, CardRemovedError.todo)
    assert box.detailedText() == ""
    box.close()


def test_an_unexpected_error_shows_a_generic_message_and_logs_the_traceback(
    parent: QWidget, caplog: pytest.LogCaptureFixture
) -> None:
    try:
        raise KeyError("internal detail")
    except KeyError as exc:
        with caplog.at_level(logging.ERROR, logger="ui.errors"):
            box = show_error(parent, exc)
    assert box.text() == CounterError.what
    assert box.informativeText() == CounterError.todo
    assert "internal detail" not in box.text() + box.informativeText()
    assert caplog.records and caplog.records[0].exc_info is not None
    assert isinstance(box, QMessageBox)
    box.close()


def test_error_texts_fall_back_to_the_base_class_text(japanese: i18n.Translations) -> None:
    class NewError(CounterError):
        what = "Something new that nobody translated yet."

    what, todo = error_texts(NewError())
    assert what == NewError.what  # untranslated source, still readable
    assert todo == "もう一度お試しください。再び起きる場合は、システム管理者に連絡してください。"


@pytest.mark.parametrize(
    ("error", "settings"),
    [
        (
            MunicipalityNotConfiguredError(),
            ("COUNTER_APP_MUNICIPALITY（", "COUNTER_APP_MUNICIPALITY_CODE", "COUNTER_APP_MAYOR"),
        ),
        (MunicipalityCodeError(), ("COUNTER_APP_MUNICIPALITY_CODE",)),
    ],
)
def test_a_missing_or_wrong_municipality_setting_is_named_in_japanese(
    japanese: i18n.Translations, error: CounterError, settings: tuple[str, ...]
) -> None:
    what, todo = error_texts(error)
    assert what != error.what and todo != error.todo  # translated
    assert all(name in what + todo for name in settings)
    assert "証明書を印刷できません" in what or "団体コード" in what
