"""The installed PySide6 does not leak references on Signal.emit (PySide6 6.12.0 did).

PySide6 6.12.0 returned `True` from `SignalInstance.emit()` without a reference; on Python 3.11
the window aborted after a few hundred signals ("Fatal Python error: bool_dealloc").
pyproject.toml excludes that release; this test catches any other release with the same bug.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal(int)


def test_emitting_signals_keeps_the_interpreter_alive(qapp: object) -> None:
    probe = _Probe()
    received: list[int] = []
    probe.ping.connect(received.append)
    before = sys.getrefcount(True)
    for n in range(100):
        probe.ping.emit(n)
    assert received == list(range(100))
    assert abs(sys.getrefcount(True) - before) < 10
