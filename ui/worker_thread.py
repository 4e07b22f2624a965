"""The one job engine: a QThread that owns a resource and runs jobs on it, one at a time.

The card thread (ui/card_thread.py), the database worker (ui/db_thread.py) and the print worker
(ui/print_thread.py) are instances of it, after Anki's single database worker and Electrum's
device thread. The guarantees, the same for all three:

- The resource (reader back end, Register, nothing for printing) is opened, used by the jobs
  and closed on the worker's own thread; the card back end is never touched anywhere else.
- Jobs are submitted from the GUI thread, run on the worker in order, and their result or error
  is delivered on the GUI thread. Exceptions cross with their traceback dropped (logged first).
- `stop()` sets the abort flag (`abort_requested()` lets long jobs end early), closes the
  resource on the worker and joins it with a timeout, so a hung service cannot freeze closing.
- A worker may refine what jobs see (`job_view`), what may come back (`check_result`), what it
  learns from a job's outcome (`after_job`: the library worker's connection state) and what
  runs between jobs (`after_open`: the card thread's reader polling).

Where register writes run: a workflow's `run()` writes the register itself, on the card thread,
through the Register the database worker opened (it hands out one session per call, so no two
threads share a session); every register access outside a workflow (searches, login, the fee
check, suspension, the card-status check) is a job on the database worker.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from counter_app.errors import CounterError

log = logging.getLogger(__name__)

R = TypeVar("R")
T = TypeVar("T")
STOP_TIMEOUT_MS = 5000

OnError = Callable[[BaseException], object]  # what a callback returns is ignored
Callbacks = tuple[Callable[[Any], object], OnError]  # a job's on_done and on_error

_still_running: list[tuple[QThread, QObject]] = []

# Running workers by OS thread id. (Not threading.local: PySide may give a Qt thread a fresh
# Python thread state for each call into Python, which empties a local.)
_workers: dict[int, SerialWorker[Any]] = {}


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


def current_worker() -> SerialWorker[Any] | None:
    """The worker whose thread the caller runs on, None elsewhere (the GUI thread)."""
    return _workers.get(threading.get_ident())


def abort_requested() -> bool:
    """True when the caller's worker is stopping; long jobs check this between steps."""
    worker = current_worker()
    return worker is not None and worker.abort_event.is_set()


def assert_gui_thread() -> None:
    """Raise AssertionError unless the caller runs on the GUI thread."""
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() != app.thread():
        raise AssertionError("GUI code called from a thread that is not the GUI thread")


class JobDesk:
    """The GUI thread's side of a worker's job queue: job ids, their callbacks, the busy count."""

    def __init__(self, unhandled: OnError) -> None:
        self._callbacks: dict[int, Callbacks] = {}
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
        on_done: Callable[[T], object],
        on_error: OnError | None,
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

    def take(self, job_id: int) -> Callbacks | None:
        """The (on_done, on_error) of a finished job, None if nobody waits for it any more."""
        return self._callbacks.pop(job_id, None)


class SerialWorker(QObject, Generic[R]):
    """Lives on the worker thread; owns the resource. Talk to it only through its SerialThread."""

    opened = Signal(object)  # opened_value(resource)
    open_failed = Signal(object)  # exception
    job_finished = Signal(int, object)  # job id, result
    job_failed = Signal(int, object)  # job id, exception
    busy_changed = Signal(bool)

    reopens_for_jobs = True  # a job finding the resource closed tries to open it again

    def __init__(
        self,
        name: str,
        opener: Callable[[], R],
        closer: Callable[[R], None] | None = None,
        *,
        resource_name: str | None = None,
        logger: logging.Logger = log,
    ) -> None:
        super().__init__()
        self.name = name
        self.resource_name = resource_name or name
        self.log = logger
        self._opener = opener
        self._closer = closer
        self.resource: R | None = None
        self.is_open = False  # not `resource is not None`: the print worker's resource is None
        self.ident: int | None = None
        self.abort_event = threading.Event()

    # --- what a kind of worker may refine ---------------------------------------------------

    def opened_value(self, resource: R) -> object:
        """What the GUI thread hears when the resource is open."""
        return resource

    def after_open(self) -> None:
        """Begin the worker's own work between jobs (nothing by default)."""

    def job_view(self, resource: R) -> R:
        """The resource as jobs see it."""
        return resource

    def check_result(self, result: object) -> None:
        """Raise when a job's result may not cross to the GUI thread (anything may by default)."""

    def not_open_error(self) -> BaseException:
        """What a job gets when the resource is not open."""
        return CounterError(f"{self.resource_name} not open")

    def after_job(self, error: BaseException | None) -> None:
        """Learn from a job's outcome (None: it succeeded), before the GUI thread hears of it."""

    def before_close(self) -> None:
        """End the worker's own work before the resource is closed (nothing by default)."""

    # --- the engine -------------------------------------------------------------------------

    def _open(self) -> bool:
        try:
            resource = self._opener()
        except Exception as exc:
            log_failure(f"opening the {self.resource_name}", exc, self.log)
            self.open_failed.emit(detach(exc))
            return False
        self.resource = resource
        self.is_open = True
        self.opened.emit(self.opened_value(resource))
        return True

    @Slot()
    def start(self) -> None:
        """Open the resource, then begin the worker's own work (connected to QThread.started)."""
        self.ident = threading.get_ident()
        _workers[self.ident] = self
        self.busy_changed.emit(True)
        try:
            ready = self._open()
        finally:
            self.busy_changed.emit(False)
        if ready:
            self.after_open()

    @Slot(int, object)
    def run_job(self, job_id: int, job: Callable[[R], object]) -> None:
        """Run one job with the resource and report its result or its error."""
        self.busy_changed.emit(True)
        try:
            if not self.is_open and not (self.reopens_for_jobs and self._open()):
                self.job_failed.emit(job_id, self.not_open_error())
                return
            result = job(self.job_view(cast(R, self.resource)))
            self.check_result(result)
        except BaseException as exc:
            log_failure(f"a {self.resource_name} job", exc, self.log)
            self.after_job(exc)
            self.job_failed.emit(job_id, detach(exc))
        else:
            self.after_job(None)
            self.job_finished.emit(job_id, result)
        finally:
            self.busy_changed.emit(False)

    @Slot()
    def stop(self) -> None:
        """Close the resource on this thread and end the thread's event loop."""
        self.abort_event.set()
        self.before_close()
        if self.is_open and self._closer is not None:
            try:
                self._closer(cast(R, self.resource))
            except Exception as exc:
                log_failure(f"closing the {self.resource_name}", exc, self.log)
        self.resource = None
        self.is_open = False
        _workers.pop(threading.get_ident(), None)
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())  # so the GUI thread may delete it later
        QThread.currentThread().quit()


class SerialThread(QObject, Generic[R]):
    """The GUI thread's handle on one worker thread; its signals arrive on the GUI thread."""

    opened = Signal(object)  # the worker's opened_value
    open_failed = Signal(object)
    busy_changed = Signal(bool)
    job_succeeded = Signal()
    job_errored = Signal(object)

    _job_requested = Signal(int, object)
    _stop_requested = Signal()

    stop_timeout_ms = STOP_TIMEOUT_MS

    def __init__(self, worker: SerialWorker[R], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = worker.name
        self._worker = worker
        self._thread = QThread()
        self._thread.setObjectName(worker.name)
        worker.moveToThread(self._thread)
        self._thread.started.connect(worker.start)
        self._jobs = JobDesk(self._log_unhandled)
        queued = Qt.ConnectionType.QueuedConnection
        self._job_requested.connect(worker.run_job, queued)
        self._stop_requested.connect(worker.stop, queued)
        worker.opened.connect(self._on_opened, queued)
        worker.open_failed.connect(self._on_open_failed, queued)
        worker.job_finished.connect(self._on_job_finished, queued)
        worker.job_failed.connect(self._on_job_failed, queued)
        worker.busy_changed.connect(self._on_busy_changed, queued)

    def start(self) -> None:
        """Start the thread; it opens the resource there."""
        if not self._thread.isRunning() and not self._jobs.closed:
            self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread.isRunning()

    @property
    def busy(self) -> bool:
        return self._jobs.busy

    @property
    def closed(self) -> bool:
        """True once stop() was called: no more jobs, no more deliveries."""
        return self._jobs.closed

    def on_worker_thread(self) -> bool:
        """True when the caller runs on this worker's thread."""
        return threading.get_ident() == self._worker.ident

    def submit(
        self,
        job: Callable[[R], T],
        on_done: Callable[[T], object],
        on_error: OnError | None = None,
    ) -> int:
        """Run `job(resource)` on the worker; call on_done or on_error on the GUI thread."""
        assert_gui_thread()
        return self._jobs.submit(
            lambda job_id: self._job_requested.emit(job_id, job), on_done, on_error
        )

    def forget(self, job_id: int) -> None:
        """Drop the callbacks of a job whose result nobody waits for any more."""
        self._jobs.forget(job_id)

    def abort(self) -> None:
        """Ask running jobs to stop at their next check (abort_requested())."""
        self._worker.abort_event.set()

    def stop(self, timeout_ms: int | None = None) -> bool:
        """Abort, close the resource on the worker and join it; True when it ended in time."""
        assert_gui_thread()
        if self._jobs.closed:
            return not self._thread.isRunning()
        self._jobs.close()
        self.abort()
        if not self._thread.isRunning():
            return True
        timeout = self.stop_timeout_ms if timeout_ms is None else timeout_ms
        self._stop_requested.emit()
        ended = bool(self._thread.wait(timeout))
        if not ended:
            self._worker.log.warning("the %s did not stop within %d ms", self.name, timeout)
            _still_running.append((self._thread, self._worker))  # never destroy a live QThread
        return ended

    def _log_unhandled(self, exc: BaseException) -> None:
        self._worker.log.warning("a %s job failed: %s", self.name, exc)

    @Slot(object)
    def _on_opened(self, value: object) -> None:
        if not self._jobs.closed:
            self.opened.emit(value)

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
