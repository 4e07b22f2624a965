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


def detach(exc: BaseException) -> BaseException:
    """Drop the traceback and chained exceptions, whose frames hold live objects."""
    exc.__traceback__ = None
    exc.__context__ = None
    exc.__cause__ = None
    return exc


def log_failure(doing: str, exc: BaseException, logger: logging.Logger = log) -> None:
    """Log a failed job: a CounterError briefly, anything else with its traceback."""
    if isinstance(exc, CounterError):
        logger.info("%s failed: %s: %s", doing, type(exc).__name__, exc.detail or exc.what)
    else:
        logger.error("%s failed", doing, exc_info=exc)


def thread_for(worker: QObject, name: str, on_started: Callable[[], None]) -> QThread:
    """A new QThread named `name` that `worker` lives on; `on_started` runs there at its start."""
    thread = QThread()
    thread.setObjectName(name)
    worker.moveToThread(thread)
    thread.started.connect(on_started)
    return thread


def join_worker(
    thread: QThread,
    worker: QObject,
    request_stop: Callable[[], None],
    timeout_ms: int,
    logger: logging.Logger = log,
) -> bool:
    """Ask a running worker to stop and join its thread; True when it ended in time."""
    if not thread.isRunning():
        return True
    request_stop()
    ended = bool(thread.wait(timeout_ms))
    if not ended:
        logger.warning("the %s did not stop within %d ms", thread.objectName(), timeout_ms)
        _still_running.append((thread, worker))  # never destroy a live QThread
    return ended


class JobDesk:
    """The GUI thread's side of a worker's job queue: job ids, their callbacks, the busy count."""

    def __init__(self, unhandled: Callable[[BaseException], None]) -> None:
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[BaseException], None]]]
        self._callbacks = {}
        self._unhandled = unhandled
        self._next_job = 1
        self._busy_count = 0
        self.closed = False

    @property
    def busy(self) -> bool:
        return self._busy_count > 0

    def submit(
        self,
        send: Callable[[int], None],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None,
    ) -> int:
        """A new job id; unless closed, keep the callbacks and `send(job_id)` to the worker."""
        job_id = self._next_job
        self._next_job += 1
        if self.closed:
            return job_id
        self._callbacks[job_id] = (on_done, on_error or self._unhandled)
        send(job_id)
        return job_id

    def forget(self, job_id: int) -> None:
        """Drop the callbacks of a job whose result nobody waits for any more."""
        self._callbacks.pop(job_id, None)

    def close(self) -> None:
        """Take no more jobs and drop every waiting callback."""
        self.closed = True
        self._callbacks.clear()

    def count_busy(self, busy: bool) -> bool:
        """Count a worker's busy/idle report; True when `busy` changed (and not closed)."""
        was_busy = self.busy
        self._busy_count = max(0, self._busy_count + (1 if busy else -1))
        return self.busy != was_busy and not self.closed

    def take(
        self, job_id: int
    ) -> tuple[Callable[[Any], None], Callable[[BaseException], None]] | None:
        """The (on_done, on_error) of a finished job, None if nobody waits for it any more."""
        return self._callbacks.pop(job_id, None)

    def deliver(self, job_id: int, result: object) -> None:
        """Hand a job's result to its on_done, if anyone still waits for it."""
        callbacks = self.take(job_id)
        if callbacks is not None:
            callbacks[0](result)

    def deliver_error(self, job_id: int, exc: BaseException) -> None:
        """Hand a job's exception to its on_error, if anyone still waits for it."""
        callbacks = self.take(job_id)
        if callbacks is not None:
            callbacks[1](exc)


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
            self.open_failed.emit(detach(exc))
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
            self.job_failed.emit(job_id, detach(exc))
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
        self._worker: _Worker[R] = _Worker(name, opener, closer)
        self._thread = thread_for(self._worker, name, self._worker.start)
        self._jobs = JobDesk(self._log_unhandled)
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
        if not self._thread.isRunning() and not self._jobs.closed:
            self._thread.start()

    @property
    def busy(self) -> bool:
        return self._jobs.busy

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
        return self._jobs.submit(
            lambda job_id: self._job_requested.emit(job_id, job), on_done, on_error
        )

    def forget(self, job_id: int) -> None:
        """Drop the callbacks of a job whose result nobody waits for any more."""
        self._jobs.forget(job_id)

    def stop(self, timeout_ms: int = STOP_TIMEOUT_MS) -> bool:
        """Close the resource on the worker and join it; True when it ended in time."""
        if self._jobs.closed:
            return not self._thread.isRunning()
        self._jobs.close()
        return join_worker(self._thread, self._worker, self._stop_requested.emit, timeout_ms)

    @staticmethod
    def _log_unhandled(exc: BaseException) -> None:
        log.warning("job failed: %s", type(exc).__name__)

    @Slot(object)
    def _on_opened(self, resource: object) -> None:
        if not self._jobs.closed:
            self.opened.emit(resource)

    @Slot(object)
    def _on_open_failed(self, exc: BaseException) -> None:
        if not self._jobs.closed:
            self.open_failed.emit(exc)

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        if self._jobs.count_busy(busy):
            self.busy_changed.emit(self.busy)

    @Slot(int, object)
    def _on_job_finished(self, job_id: int, result: object) -> None:
        callbacks = self._jobs.take(job_id)  # before the signal, whose slots may stop the thread
        if not self._jobs.closed:
            self.job_succeeded.emit()
        if callbacks is not None:
            callbacks[0](result)

    @Slot(int, object)
    def _on_job_failed(self, job_id: int, exc: BaseException) -> None:
        callbacks = self._jobs.take(job_id)
        if not self._jobs.closed:
            self.job_errored.emit(exc)
        if callbacks is not None:
            callbacks[1](exc)
