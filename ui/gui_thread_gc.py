"""Python's cycle collector runs on the GUI thread only while the window lives.

Automatic collection runs in whichever thread happens to allocate; on a worker thread it can
destroy a GUI QObject caught in a reference cycle. Seen in a test run: ~QObject on the database
worker waited for the GIL while holding Qt's connection mutex, and the GUI thread, holding the
GIL, waited for that mutex: the window froze for good. So, as Anki does, automatic collection is
off while a window is open and the GUI thread collects on a timer.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

COLLECT_EVERY_MS = 1000


class GuiThreadGarbageCollector(QObject):
    """Turns automatic collection off and collects on the GUI thread; `stop()` turns it back on."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(COLLECT_EVERY_MS)

    def collect(self) -> None:
        """Collect the oldest generation whose count passed its threshold, as Python would."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] >= thresholds[generation]:
                gc.collect(generation)
                return

    def stop(self) -> None:
        """Back to automatic collection (the workers have stopped)."""
        self._timer.stop()
        gc.collect()
        gc.enable()
