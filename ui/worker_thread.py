"""A serialised worker thread: one QThread that owns a resource and runs jobs on it in order.

The database worker (ui/db_thread.py) and the print worker (ui/print_thread.py) are built on it,
after Anki's single database worker: the resource (a Register, nothing for printing) is opened on
the worker thread, every job runs there one at a time, and its result or error is delivered on
the GUI thread. Exceptions cross with their traceback dropped (it is logged on the worker first).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from counter_app.errors import CounterError

log = logging.getLogger(__name__)

R = TypeVar("R")
T = TypeVar("T")
STOP_TIMEOUT_MS = 5000

_still_running: list[tuple[QThread, QObject]] = []


def _detach(exc: BaseException) -> BaseException:
    """Drop the traceback and chained exceptions, whose frames hold live objects."""
    exc.__traceback__ = None
    exc.__context__ = None
    exc.__cause__ = None
    return exc


def log_failure(doing: str, exc: BaseException) -> None:
    """Log a failed job: a CounterError briefly, anything else with its traceback."""
    if isinstance(exc, CounterError):
        log.info("%s failed: %s: %s", doing, type(exc).__name__, exc.detail or exc.what)
    else:
        log.error("%s failed", doing, exc_info=exc)


class _Worker(QObject, Generic[R]):
    """Lives on the worker thread; owns the resource. Talk to it only through SerialThread."""

    opened = Signal(object)  # the resource
    open_failed = Signal(object)  # exception
    job_finished = Signal(int, object)
    job_failed = Signal(int, object)
    busy_changed = Signal(bool)

    def __init__(
        self, name: str, opener: Callable[[], R], closer: Callable[[R], None] | None
    ) -> None:
        super().__init__()
        self._name = name
        self._opener = opener
        self._closer = closer
        self.resource: R | None = None
        self.ident: int | None = None

    def _open(self) -> bool:
        try:
            self.resource = self._opener()
        except Exception as exc:
            log_failure(f"opening the {self._name}", exc)
            self.open_failed.emit(_detach(exc))
            return False
        self.opened.emit(self.resource)
        return True

    @Slot()
    def start(self) -> None:
        """Open the resource (connected to QThread.started)."""
        self.ident = threading.get_ident()
        self.busy_changed.emit(True)
        try:
            self._open()
        finally:
            self.busy_changed.emit(False)

    @Slot(int, object)
    def run_job(self, job_id: int, job: Callable[[Any], object]) -> None:
        """Run one job with the resource (opening it again if it failed before)."""
        self.busy_changed.emit(True)
        try:
            if self.resource is None and not self._open():
                self.job_failed.emit(job_id, CounterError(f"{self._name} not open"))
                return
            result = job(self.resource)
        except BaseException as exc:
            log_failure(f"a {self._name} job", exc)
            self.job_failed.emit(job_id, _detach(exc))
        else:
            self.job_finished.emit(job_id, result)
        finally:
            self.busy_changed.emit(False)

    @Slot()
    def stop(self) -> None:
        """Close the resource on this thread and end the thread's event loop."""
        if self.resource is not None and self._closer is not None:
            try:
                self._closer(self.resource)
            except Exception as exc:
                log_failure(f"closing the {self._name}", exc)
        self.resource = None
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())
        QThread.currentThread().quit()


class SerialThread(QObject, Generic[R]):
    """The GUI thread's handle on one worker thread; its signals arrive on the GUI thread."""

    opened = Signal(object)
    open_failed = Signal(object)
    busy_changed = Signal(bool)
    job_succeeded = Signal()
    job_errored = Signal(object)

    _job_requested = Signal(int, object)
    _stop_requested = Signal()

    def __init__(
        self,
        name: str,
        opener: Callable[[], R],
        closer: Callable[[R], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.name = name
        self._thread = QThread()
        self._thread.setObjectName(name)
        self._worker: _Worker[R] = _Worker(name, opener, closer)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.start)
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[BaseException], None]]]
        self._callbacks = {}
        self._next_job = 1
        self._busy_count = 0
        self._stopped = False
        queued = Qt.ConnectionType.QueuedConnection
        self._job_requested.connect(self._worker.run_job, queued)
        self._stop_requested.connect(self._worker.stop, queued)
        w = self._worker
        w.opened.connect(self._on_opened, queued)
        w.open_failed.connect(self._on_open_failed, queued)
        w.job_finished.connect(self._on_job_finished, queued)
        w.job_failed.connect(self._on_job_failed, queued)
        w.busy_changed.connect(self._on_busy_changed, queued)

    def start(self) -> None:
        """Start the thread; it opens the resource there."""
        if not self._thread.isRunning() and not self._stopped:
            self._thread.start()

    @property
    def busy(self) -> bool:
        return self._busy_count > 0

    def on_worker_thread(self) -> bool:
        """True when the caller runs on this worker's thread."""
        return threading.get_ident() == self._worker.ident

    def submit(
        self,
        job: Callable[[R], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> int:
        """Run `job(resource)` on the worker; call on_done or on_error on the GUI thread."""
        job_id = self._next_job
        self._next_job += 1
        if self._stopped:
            return job_id
        self._callbacks[job_id] = (on_done, on_error or self._log_unhandled)
        self._job_requested.emit(job_id, job)
        return job_id

    def forget(self, job_id: int) -> None:
        """Drop the callbacks of a job whose result nobody waits for any more."""
        self._callbacks.pop(job_id, None)

    def stop(self, timeout_ms: int = STOP_TIMEOUT_MS) -> bool:
        """Close the resource on the worker and join it; True when it ended in time."""
        if self._stopped:
            return not self._thread.isRunning()
        self._stopped = True
        self._callbacks.clear()
        if not self._thread.isRunning():
            return True
        self._stop_requested.emit()
        ended = bool(self._thread.wait(timeout_ms))
        if not ended:
            log.warning("the %s did not stop within %d ms", self.name, timeout_ms)
            _still_running.append((self._thread, self._worker))  # never destroy a live QThread
        return ended

    @staticmethod
    def _log_unhandled(exc: BaseException) -> None:
        log.warning("job failed: %s", type(exc).__name__)

    @Slot(object)
    def _on_opened(self, resource: object) -> None:
        if not self._stopped:
            self.opened.emit(resource)

    @Slot(object)
    def _on_open_failed(self, exc: BaseException) -> None:
        if not self._stopped:
            self.open_failed.emit(exc)

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        was_busy = self.busy
        self._busy_count = max(0, self._busy_count + (1 if busy else -1))
        if self.busy != was_busy and not self._stopped:
            self.busy_changed.emit(self.busy)

    @Slot(int, object)
    def _on_job_finished(self, job_id: int, result: object) -> None:
        callbacks = self._callbacks.pop(job_id, None)
        if not self._stopped:
            self.job_succeeded.emit()
        if callbacks is not None:
            callbacks[0](result)

    @Slot(int, object)
    def _on_job_failed(self, job_id: int, exc: BaseException) -> None:
        callbacks = self._callbacks.pop(job_id, None)
        if not self._stopped:
            self.job_errored.emit(exc)
        if callbacks is not None:
            callbacks[1](exc)
