"""Translations: every message a clerk may see has Japanese, and the committed .qm is current."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from counter_app.errors import CounterError
from tools import update_translations as tool
from ui import error_texts, i18n

TS = i18n.translations_dir() / "counter_ja.ts"
QM = i18n.translations_dir() / "counter_ja.qm"
HOW_TO_FIX = "run tools/update_translations.py and translate the new entries in counter_ja.ts"


@pytest.fixture(scope="module")
def japanese() -> QTranslator:
    translator = QTranslator()
    assert translator.load(str(QM)), f"cannot load {QM}"
    return translator


@pytest.fixture(scope="module")
def error_classes() -> list[type[CounterError]]:
    return tool.error_classes()


def test_every_counter_app_module_imports(error_classes: list[type[CounterError]]) -> None:
    broken = {
        name: str(exc)
        for name, exc in tool.import_all().items()
        if not tool.optional_dependency_missing(exc)
    }
    assert not broken, f"these modules cannot be imported, so their errors go unchecked: {broken}"


def test_every_counter_error_has_a_japanese_what_and_todo(
    japanese: QTranslator, error_classes: list[type[CounterError]]
) -> None:
    assert len(error_classes) > 10
    missing = [
        f"{cls.__module__}.{cls.__qualname__}: {text!r}"
        for cls in error_classes
        for text in (cls.what, cls.todo)
        if not japanese.translate("errors", text) or japanese.translate("errors", text) == text
    ]
    assert not missing, f"untranslated error texts ({HOW_TO_FIX}):\n" + "\n".join(missing)


def test_the_error_catalog_lists_every_counter_error(
    error_classes: list[type[CounterError]],
) -> None:
    listed = set(error_texts.TEXTS)
    expected = {f"{c.__module__}.{c.__qualname__}" for c in error_classes}
    assert expected <= listed, f"ui/error_texts.py is out of date: {HOW_TO_FIX}"
    for cls in error_classes:
        assert error_texts.TEXTS[f"{cls.__module__}.{cls.__qualname__}"] == (cls.what, cls.todo)


def test_the_committed_qm_is_compiled_from_the_committed_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "counter_ja.qm"
    tool.lrelease(TS, fresh)
    assert fresh.read_bytes() == QM.read_bytes(), f"counter_ja.qm is stale: {HOW_TO_FIX}"


def test_every_string_in_ui_is_in_the_ts_and_translated(tmp_path: Path) -> None:
    copy = tmp_path / "counter_ja.ts"
    shutil.copy(TS, copy)
    tool.lupdate([copy])
    root = ET.parse(copy).getroot()
    unfinished = [
        message.findtext("source")
        for message in root.iter("message")
        if message.find("translation") is not None
        and message.find("translation").get("type") in ("unfinished", "obsolete", "vanished")  # type: ignore[union-attr]
    ]
    assert not unfinished, f"untranslated strings ({HOW_TO_FIX}): {unfinished}"


def test_translations_keep_every_placeholder() -> None:
    root = ET.parse(TS).getroot()
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        translation = message.findtext("translation") or ""
        assert translation.strip(), source
        assert sorted(re.findall(r"\{\w+\}", source)) == sorted(
            re.findall(r"\{\w+\}", translation)
        ), source
        if re.search(r"&\w", source):
            assert re.search(r"\(&\w\)|&\w", translation), f"mnemonic lost: {source}"
