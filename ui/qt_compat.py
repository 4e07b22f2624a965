"""emit(): Signal.emit without the PySide6 6.12.0 reference leak that aborts Python 3.11.

In PySide6 6.12.0, `SignalInstance.emit()` (and `.disconnect()`) return `True` without taking a
reference to it, so every call from Python costs `True` one reference. On Python 3.11, where
`True` is an ordinary object, a long-running window eventually frees it and the interpreter
aborts ("Fatal Python error: bool_dealloc"). Python 3.12+ makes `True` immortal, and a fixed
PySide returns a proper reference; the probe below notices either and then does nothing.
Every signal in ui/ is emitted through `emit()`; a test keeps it that way.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 16
_inc_ref = ctypes.pythonapi.Py_IncRef
_inc_ref.argtypes = [ctypes.py_object]
_inc_ref.restype = None


class _Probe(QObject):
    ping = Signal()


def _give_back(count: int) -> None:
    for _ in range(count):
        _inc_ref(True)


def _emit_takes_a_reference_from_true() -> bool:
    """Emit a few times and see whether True lost a reference each time (restoring them)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    if lost > 0:
        _give_back(lost)
    return lost >= _PROBES


EMIT_LEAKS = _emit_takes_a_reference_from_true()


def emit(signal: SignalInstance, *args: Any) -> None:
    """Emit `signal` with `args`, giving back the reference PySide 6.12.0 takes from True."""
    signal.emit(*args)
    if EMIT_LEAKS:
        _inc_ref(True)
