"""Runs a workflow on the card thread and shows its steps, progress, cancel, retry and give-up.

The workflow never calls the UI: a timer pulls `progress()` every 50 ms. Cancel stops at the
next safe point (between steps, never mid-write). After an error the clerk is told what happened
and what to do, and "Try again" resumes where the workflow says (a card step at "insert the
card"); "Give up" runs the workflow's clean-up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.card.connection import CardConnection
from counter_app.card.readers import ReaderBackend
from counter_app.workflows import Progress, Workflow
from ui.card_thread import CardThread
from ui.errors import error_texts
from ui.retranslating import Retranslating
from ui.status_bar import ERROR_STYLE

POLL_MS = 50


class ReaderSource:
    """The workflow's card source: the counter's reader, through the card thread's back end."""

    def __init__(self, reader: str) -> None:
        self.reader = reader
        self.backend: ReaderBackend | None = None

    def __call__(self) -> CardConnection:
        if self.backend is None:
            raise AssertionError("the card source is used outside a card-thread job")
        return self.backend.connect(self.reader)

    @contextmanager
    def bound(self, backend: ReaderBackend) -> Iterator[ReaderSource]:
        """The source usable through `backend` for one card-thread job, and not after it."""
        self.backend = backend
        try:
            yield self
        finally:
            self.backend = None


def on_reader(reader: str, backend: ReaderBackend, use: Callable[[ReaderSource], object]) -> object:
    """Card thread: `use` the counter's reader `reader` through `backend` for one job."""
    with ReaderSource(reader).bound(backend) as source:
        return use(source)


def _run(workflow: Workflow[Any], source: ReaderSource, backend: ReaderBackend) -> object:
    with source.bound(backend):
        return workflow.run()


def step_title(title: str) -> str:
    """A workflow step's English title in the interface language."""
    return QCoreApplication.translate("workflows", title)


class WorkflowRunner(Retranslating, QWidget):
    """The progress panel of one workflow at a time."""

    finished = Signal(object)  # the result
    failed = Signal(object)  # the exception (already shown in the panel)
    state_changed = Signal()

    def __init__(self, card_thread: CardThread, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workflowRunner")
        self._card_thread = card_thread
        self.workflow: Workflow[Any] | None = None
        self._source: ReaderSource | None = None
        self.running = False
        self.uses_card = True  # False: the workflow never touches a card (nothing to leave in)
        self.error: BaseException | None = None
        self.max_gap_ms = 0.0

        self.steps = QListWidget()
        self.steps.setObjectName("workflowSteps")
        self.steps.setMaximumHeight(150)
        self.bar = QProgressBar()
        self.bar.setObjectName("workflowProgress")
        self.bar.setRange(0, 1000)
        self.message = QLabel()
        self.message.setObjectName("workflowMessage")
        self.message.setWordWrap(True)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("workflowCancel")
        self.cancel_button.clicked.connect(self.cancel)
        # Esc, not an Alt letter: the runner is on every page; it is live only while shown
        self.cancel_button.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.retry_button = QPushButton()
        self.retry_button.setObjectName("workflowRetry")
        self.retry_button.clicked.connect(self.retry)
        self.abort_button = QPushButton()
        self.abort_button.setObjectName("workflowAbort")
        self.abort_button.clicked.connect(self.give_up)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.abort_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.steps)
        layout.addWidget(self.bar)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self.retranslate()
        self._render_buttons()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.cancel_button.setText(self.tr("Stop after this step (Esc)"))
        self.cancel_button.setAccessibleName(self.tr("Stop after this step"))
        self.retry_button.setText(self.tr("&Try again"))
        self.retry_button.setAccessibleName(self.tr("Try again"))
        self.abort_button.setText(self.tr("&Give up"))
        self.abort_button.setAccessibleName(self.tr("Give up this task"))
        self.steps.setAccessibleName(self.tr("Steps"))
        self.bar.setAccessibleName(self.tr("Progress"))
        self._render()

    def start(self, workflow: Workflow[Any], source: ReaderSource, *, card: bool = True) -> None:
        """Run `workflow` (built with `source`) on the card thread; `card`: it uses the card."""
        self.workflow = workflow
        self._source = source
        self.uses_card = card
        self.error = None
        self._launch()

    def retry(self) -> None:
        """Resume the failed workflow where it says (same or another card)."""
        if self.workflow is None or self.running:
            return
        self.error = None
        self._launch()

    def cancel(self) -> None:
        """Ask the workflow to stop at the next safe point."""
        if self.workflow is not None and self.running:
            self.workflow.cancel()
            self._render()

    def give_up(self) -> None:
        """Drop the failed workflow (its clean-up runs on the card thread)."""
        workflow = self.workflow
        if workflow is None or self.running:
            return
        self.workflow = None
        self.error = None
        self._card_thread.submit(lambda _b: workflow.abort(), lambda _r: None)
        self._render()
        self.state_changed.emit()

    def reset(self) -> None:
        """Forget a finished workflow."""
        if not self.running:
            self.workflow = None
            self.error = None
            self._render()

    def _launch(self) -> None:
        assert self.workflow is not None and self._source is not None
        workflow, source = self.workflow, self._source
        self.running = True
        self._timer.start()
        self._card_thread.submit(
            lambda backend: _run(workflow, source, backend), self._done, self._failed
        )
        self._render()
        self.state_changed.emit()

    def _done(self, result: object) -> None:
        self.running = False
        self._timer.stop()
        self._card_thread.reread()  # the card changed: the status area shows what it is now
        self._render()
        self.state_changed.emit()
        self.finished.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self._timer.stop()
        self._card_thread.reread()
        self.error = exc
        self._render()
        self.state_changed.emit()
        self.failed.emit(exc)
        self.retry_button.setFocus()

    def _poll(self) -> None:
        self._render()

    def progress(self) -> Progress | None:
        return self.workflow.progress() if self.workflow is not None else None

    def _render(self) -> None:
        progress = self.progress()
        self.steps.clear()
        workflow = self.workflow
        if workflow is None or progress is None:
            self.bar.setValue(0)
            self.message.setText("")
            self.message.setStyleSheet("")
            self.setVisible(False)
            self._render_buttons()
            return
        self.setVisible(True)
        for index, step in enumerate(workflow.steps):
            if progress.finished or index < progress.index:
                mark = "✔"
            elif index == progress.index and progress.failed_step == step.name:
                mark = "✖"
            elif index == progress.index and progress.running:
                mark = "▶"
            else:
                mark = "・"
            self.steps.addItem(f"{mark} {step_title(step.title)}")
        self.bar.setValue(round(progress.fraction * 1000))
        if self.error is not None:
            what, todo = error_texts(self.error)
            text, style = f"{what}\n{todo}", ERROR_STYLE
        elif progress.finished:
            text, style = self.tr("Done."), ""
        elif progress.cancel_requested and progress.running:
            text, style = self.tr("Stopping after this step…"), ""
        elif progress.running and self.uses_card:
            text = self.tr("{step}… Leave the card in the reader.").format(
                step=step_title(progress.title)
            )
            style = ""
        elif progress.running:
            text = self.tr("{step}…").format(step=step_title(progress.title))
            style = ""
        else:
            text, style = "", ""
        self.message.setText(text)
        self.message.setStyleSheet(style)
        self.message.setAccessibleName(text)
        self._render_buttons()

    def _render_buttons(self) -> None:
        has = self.workflow is not None
        self.cancel_button.setVisible(has and self.running)
        self.retry_button.setVisible(has and not self.running and self.error is not None)
        self.abort_button.setVisible(has and not self.running and self.error is not None)
