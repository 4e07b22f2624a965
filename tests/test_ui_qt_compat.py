"""Signals are emitted without the PySide6 6.12.0 leak that lets Python 3.11 free True."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal

import ui
from ui.qt_compat import emit

UI_DIR = Path(ui.__file__).parent


class _Sender(QObject):
    value = Signal(object)


def test_a_thousand_emits_leave_true_its_references(qapp: object) -> None:
    sender = _Sender()
    received: list[object] = []
    sender.value.connect(received.append)
    before = sys.getrefcount(True)
    for i in range(1000):
        emit(sender.value, i)
    assert len(received) == 1000
    assert sys.getrefcount(True) - before > -10  # without emit(): -1000, then an abort


def test_ui_code_emits_and_disconnects_only_through_qt_compat() -> None:
    offenders = []
    for path in sorted(UI_DIR.rglob("*.py")):
        if path.name == "qt_compat.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("emit", "disconnect")
            ):
                offenders.append(f"{path.name}:{node.lineno}")
    assert not offenders, f"use ui.qt_compat.emit() instead of .emit(): {offenders}"
