"""GUI stall during card work: the real counter window issuing cards, offscreen.

The window is built as `counter-app` builds it (first start: the training register, the
in-process virtual reader), the demo issuing clerk logs in, and for each run a new blank
training card goes in and a training resident is issued a card with the keyboard. A QTimer
ticks every 5 ms on the GUI thread from the start of the workflow to its result; the gaps
between ticks show how long the event loop stalled, during the card steps (blank card
inserted to card verified) and over the whole workflow (which renders the printouts last).
Also the time from "blank card inserted" (the workflow's insert step begins) to "card
verified" (the record step begins).
Targets: longest stall under 50 ms; blank card to verified under 2 s.
"""

from __future__ import annotations

import functools
import itertools
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks import Row, Skipped, median_and_p99

if TYPE_CHECKING:
    from counter_app.workflows import Progress

RUNS = 3
TICK_MS = 5
PIN = "4826"


def run() -> list[Row]:
    """Issue RUNS cards through the window; the stall and blank-to-verified rows."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError as exc:  # pragma: no cover - PySide6 is a dependency
        raise Skipped(f"PySide6 missing: {exc}") from exc
    app = QApplication.instance() or QApplication([])
    saved = {k: os.environ.get(k) for k in ("COUNTER_APP_HOME", "COUNTER_APP_DB")}
    home = Path(tempfile.mkdtemp(prefix="counter-gui-stall-"))
    os.environ["COUNTER_APP_HOME"] = str(home)
    os.environ.pop("COUNTER_APP_DB", None)
    try:
        gaps, card_gaps, verified = _measure(app, home)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(home, ignore_errors=True)
    _median, p99 = median_and_p99(gaps)
    _card_median, card_p99 = median_and_p99(card_gaps)
    return [
        Row("gui: longest stall, card steps (blank -> verified)", max(card_gaps), "ms"),
        Row("gui: p99 tick gap, card steps (5 ms timer)", card_p99, "ms"),
        Row("gui: longest stall, whole issuance incl. printing", max(gaps), "ms"),
        Row("gui: p99 tick gap, whole issuance (5 ms timer)", p99, "ms"),
        Row("gui: blank card inserted -> card verified (median)", statistics.median(verified), "s"),
    ]


class _Ticker:
    """Notes each tick of the 5 ms timer and when the workflow reached the two steps."""

    def __init__(self, progress: Callable[[], Progress | None], insert: int, record: int) -> None:
        self._progress, self._insert, self._record = progress, insert, record
        self.ticks: list[float] = []
        self.steps: list[int] = []  # the step index at each tick (-1: not started)
        self.marks: dict[str, float] = {}

    def tick(self) -> None:
        now = time.perf_counter()
        self.ticks.append(now)
        progress = self._progress()
        self.steps.append(-1 if progress is None else progress.index)
        if progress is None:
            return
        if progress.index >= self._insert:
            self.marks.setdefault("insert", now)
        if progress.index >= self._record or progress.finished:
            self.marks.setdefault("verified", now)

    def gaps_ms(self) -> list[float]:
        """The gaps between successive ticks, in milliseconds."""
        return [(b - a) * 1000 for a, b in itertools.pairwise(self.ticks)]

    def card_gaps_ms(self) -> list[float]:
        """The gaps that ended while the card steps ran (blank card inserted to verified)."""
        return [
            (b - a) * 1000
            for (a, b), step in zip(itertools.pairwise(self.ticks), self.steps[1:], strict=True)
            if self._insert <= step < self._record
        ]


def _measure(app: object, home: Path) -> tuple[list[float], list[float], list[float]]:
    from PySide6.QtCore import QSettings, Qt, QTimer
    from PySide6.QtTest import QTest

    from counter_app import training
    from counter_app.card.profile import LifeCycle
    from counter_app.card_service.backends import open_in_process_backend
    from counter_app.config import Configuration
    from counter_app.records import Role
    from counter_app.workflows import IssuanceWorkflow
    from ui.app import build_window

    settings = QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat)
    config = Configuration(data_dir=home)
    window, _card_thread, _settings = build_window(
        config,
        "en",
        backend_factory=functools.partial(open_in_process_backend, config),
        settings=settings,
    )
    window.services.printout_dir = home / "printouts"
    window.show()

    def wait_until(condition: Callable[[], bool], what: str, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise Skipped(f"timed out waiting for {what}")
            QTest.qWait(10)

    gaps: list[float] = []
    card_gaps: list[float] = []
    verified: list[float] = []
    try:
        wait_until(lambda: window.training is not None, "the training register")
        wait_until(lambda: window.blank_card_action.isVisible(), "the virtual reader")
        info = window.training
        clerk = info.operator(Role.ISSUING_CLERK) if info else None
        assert clerk is not None
        login = window.login_page
        QTest.keyClicks(login.login_field, clerk.login)
        QTest.keyClick(login.login_field, Qt.Key.Key_Return)
        QTest.keyClicks(login.password_field, clerk.password)
        QTest.keyClick(login.password_field, Qt.Key.Key_Return)
        wait_until(lambda: window.stack.currentIndex() == 1, "the login")
        page = window.pages["issuance"]
        steps = [step.name for step in IssuanceWorkflow.steps]
        insert_index, record_index = steps.index("insert_card"), steps.index("record")
        for number in range(RUNS):
            before = window.last_training_card
            window.blank_card_action.trigger()
            wait_until(lambda b=before: window.last_training_card != b, "a blank card")
            reader = window.reader_list.current_reader()
            wait_until(
                lambda r=reader: (
                    r in window.summaries
                    and window.summaries[r].life_cycle is not LifeCycle.OPERATIONAL
                ),
                "the blank card read",
            )
            person = training.TRAINING_RESIDENTS[number % len(training.TRAINING_RESIDENTS)]
            page.search.box.setFocus()
            QTest.keyClicks(page.search.box, person.birth_date.isoformat())
            QTest.keyClick(page.search.box, Qt.Key.Key_Return)
            wait_until(lambda: len(page.search.hits) == 1, "the search")
            QTest.keyClick(page.search.results, Qt.Key.Key_Return)
            document = next(iter(page.documents.values()))
            if not document.isChecked():
                QTest.keyClick(document, Qt.Key.Key_Space)

            ticker = _Ticker(page.runner.progress, insert_index, record_index)
            timer = QTimer()
            timer.setInterval(TICK_MS)
            timer.timeout.connect(ticker.tick)
            timer.start()
            page.run_issue(PIN)  # as the resident's PIN dialog does once accepted
            wait_until(
                lambda: page.result is not None or page.runner.error is not None, "the issuance"
            )
            timer.stop()
            if page.runner.error is not None:
                raise Skipped(f"the issuance failed: {page.runner.message.text()}")
            gaps += ticker.gaps_ms()
            card_gaps += ticker.card_gaps_ms()
            verified.append(ticker.marks["verified"] - ticker.marks["insert"])
            preview = window.services.last_preview
            while preview is not None and preview.isVisible():
                preview.reject()
                QTest.qWait(50)
                preview = window.services.last_preview
            page.reset()
    finally:
        window.close()
    return gaps, card_gaps, verified
