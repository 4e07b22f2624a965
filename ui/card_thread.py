"""The card thread: the one thread that talks to the reader back end, enumeration included.

Design (after Electrum's device thread and AusweisApp's reader manager):

- `CardWorker` lives on a dedicated `QThread`. It opens the back end there, then polls
  `backend.wait_for_change(known, 0.25)` from a zero-interval timer, so queued jobs and the stop
  request are handled between two polls (at most 0.25 s late).
- When the readers change it emits a tuple of `ReaderInfo` value copies; when a card appears it
  reads the card's `CardSummary` and emits that.
- The GUI submits work with `CardThread.submit(job, on_done, on_error)`; the job runs on the card
  thread with the back end, and its result comes back on the GUI thread.
- Only frozen dataclasses (and plain values) cross the thread boundary; exceptions cross with
  their traceback dropped (it is logged on the card thread first), so no live card object leaks.
- `CardThread.stop()` sets the abort flag, lets the worker close the back end on its own thread
  and joins the thread.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import threading
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot

from counter_app.card.connection import CardConnection, ReaderInfo, ReaderUnavailableError
from counter_app.card.readers import ReaderBackend
from counter_app.card.summary import CardSummary, read_summary
from ui.worker_thread import JobDesk, detach, join_worker, log_failure, thread_for

log = logging.getLogger(__name__)

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])

POLL_TIMEOUT = 0.25  # seconds one wait_for_change may block the card thread
RETRY_INTERVAL_MS = 1000  # after the back end failed, poll no faster than this
STOP_TIMEOUT_MS = 2000

ReadSummary = Callable[..., CardSummary]  # read_summary(connection, *, pin=None)
BackendFactory = Callable[[], ReaderBackend]

# Card threads by OS thread id, with their abort flags. (Not threading.local: PySide may give a
# Qt thread a fresh Python thread state for each call into Python, which empties a local.)
_card_threads: dict[int, threading.Event] = {}


def on_card_thread() -> bool:
    """True when the caller runs on a card thread."""
    return threading.get_ident() in _card_threads


def assert_card_thread() -> None:
    """Raise AssertionError unless the caller runs on the card thread (kept under python -O)."""
    if not on_card_thread():
        raise AssertionError(
            f"card back end used from thread {threading.current_thread().name}, "
            "not from the card thread"
        )


def card_thread_only(func: F) -> F:
    """Decorate a function that must run on the card thread."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        assert_card_thread()
        return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def assert_gui_thread() -> None:
    """Raise AssertionError unless the caller runs on the GUI thread."""
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() != app.thread():
        raise AssertionError("GUI code called from a thread that is not the GUI thread")


def is_value_copy(value: object) -> bool:
    """True for what may cross the thread boundary: plain values and frozen dataclasses of them."""
    if value is None or isinstance(
        value, bool | int | float | str | bytes | Enum | dt.date | dt.timedelta
    ):
        return True
    if isinstance(value, tuple | frozenset):
        return all(is_value_copy(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        params = getattr(type(value), "__dataclass_params__", None)
        return bool(params and params.frozen) and all(
            is_value_copy(getattr(value, field.name)) for field in dataclasses.fields(value)
        )
    return False


@dataclasses.dataclass(frozen=True)
class BackendInfo:
    """What the status bar says about the back end."""

    description: str
    is_virtual: bool


class _CardThreadBackend:
    """The back end as jobs see it: every call checks that it runs on the card thread."""

    def __init__(self, backend: ReaderBackend) -> None:
        self._backend = backend

    @property
    def description(self) -> str:
        return self._backend.description

    @property
    def is_virtual(self) -> bool:
        return self._backend.is_virtual

    @card_thread_only
    def readers(self) -> tuple[ReaderInfo, ...]:
        return self._backend.readers()

    @card_thread_only
    def wait_for_change(
        self, known: tuple[ReaderInfo, ...], timeout: float
    ) -> tuple[ReaderInfo, ...]:
        return self._backend.wait_for_change(known, timeout)

    @card_thread_only
    def connect(self, reader: str) -> CardConnection:
        return self._backend.connect(reader)

    @card_thread_only
    def insert_card(self, path: Path) -> None:
        """Swap the card of the in-process reader (training cards); other back ends refuse."""
        insert = getattr(self._backend, "insert_card", None)
        if insert is None:
            raise ReaderUnavailableError("this reader does not take training cards")
        insert(path)

    @card_thread_only
    def close(self) -> None:
        raise AssertionError("jobs must not close the back end; the card thread does")


@card_thread_only
def read_card(
    backend: ReaderBackend,
    reader: str,
    *,
    pin: str | None = None,
    read_summary: ReadSummary = read_summary,
) -> CardSummary:
    """Connect to the card in `reader`, read its summary (with the PIN: the holder name), close."""
    connection = backend.connect(reader)
    try:
        if pin is None:
            return read_summary(connection)
        return read_summary(connection, pin=pin)
    finally:
        connection.close()


class CardWorker(QObject):
    """Runs on the card thread; owns the back end. Talk to it only through CardThread."""

    backend_opened = Signal(object)  # BackendInfo
    backend_failed = Signal(object)  # exception
    readers_changed = Signal(object)  # tuple[ReaderInfo, ...]
    poll_failed = Signal(object)  # exception; None when polling works again
    summary_read = Signal(object)  # CardSummary
    summary_failed = Signal(str, object)  # reader, exception
    busy_changed = Signal(bool)
    job_finished = Signal(int, object)  # job id, value copy
    job_failed = Signal(int, object)  # job id, exception

    def __init__(self, backend_factory: BackendFactory, read_summary: ReadSummary) -> None:
        super().__init__()
        self._backend_factory = backend_factory
        self._read_summary = read_summary
        self._backend: ReaderBackend | None = None
        self._guarded: _CardThreadBackend | None = None
        self._known: tuple[ReaderInfo, ...] = ()
        self._poll_failing = False
        self._timer: QTimer | None = None
        self.abort_event = threading.Event()

    # --- life cycle -------------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """Open the back end and begin polling (connected to QThread.started)."""
        _card_threads[threading.get_ident()] = self.abort_event
        self.busy_changed.emit(True)
        try:
            backend = self._backend_factory()
        except Exception as exc:
            log_failure("opening the card back end", exc, log)
            self.backend_failed.emit(detach(exc))
            return
        finally:
            self.busy_changed.emit(False)
        self._backend = backend
        self._guarded = _CardThreadBackend(backend)
        self.backend_opened.emit(BackendInfo(backend.description, backend.is_virtual))
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._poll)
        self._publish(self._safe_readers())
        self._timer.start()

    @Slot()
    def stop(self) -> None:
        """Stop polling, close the back end on this thread, and end the thread's event loop."""
        assert_card_thread()
        self.abort_event.set()
        if self._timer is not None:
            self._timer.stop()
        if self._backend is not None:
            try:
                self._backend.close()
            except Exception as exc:
                log_failure("closing the card back end", exc, log)
            self._backend = None
            self._guarded = None
        _card_threads.pop(threading.get_ident(), None)
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())  # so the GUI thread may delete it later
        QThread.currentThread().quit()

    # --- polling ----------------------------------------------------------------------------

    @card_thread_only
    def _safe_readers(self) -> tuple[ReaderInfo, ...] | None:
        assert self._backend is not None
        try:
            readers = self._backend.readers()
        except Exception as exc:
            self._poll_error(exc)
            return None
        self._poll_ok()
        return readers

    @Slot()
    @card_thread_only
    def _poll(self) -> None:
        if self.abort_event.is_set() or self._backend is None:
            return
        try:
            now = self._backend.wait_for_change(self._known, POLL_TIMEOUT)
        except Exception as exc:
            self._poll_error(exc)
            return
        self._poll_ok()
        if now != self._known:
            self._publish(now)

    def _poll_error(self, exc: Exception) -> None:
        if not self._poll_failing:
            self._poll_failing = True
            log_failure("watching the readers", exc, log)
            self._known = ()
            self.readers_changed.emit(())
            self.poll_failed.emit(detach(exc))
        if self._timer is not None:
            self._timer.setInterval(RETRY_INTERVAL_MS)

    def _poll_ok(self) -> None:
        if self._poll_failing:
            self._poll_failing = False
            self.poll_failed.emit(None)
        if self._timer is not None and self._timer.interval() != 0:
            self._timer.setInterval(0)

    def _publish(self, now: tuple[ReaderInfo, ...] | None) -> None:
        """Tell the GUI about the readers, then read every newly inserted card."""
        if now is None:
            return
        before = {info.name: info for info in self._known}
        self._known = now
        self.readers_changed.emit(now)
        for info in now:
            old = before.get(info.name)
            inserted = info.card_present and (
                old is None or not old.card_present or old.atr != info.atr
            )
            if inserted and not self.abort_event.is_set():
                self._read_summary_of(info.name)

    @card_thread_only
    def _read_summary_of(self, reader: str) -> None:
        assert self._guarded is not None
        self.busy_changed.emit(True)
        try:
            summary = read_card(self._guarded, reader, read_summary=self._read_summary)
        except Exception as exc:
            log_failure(f"reading the card in {reader}", exc, log)
            self.summary_failed.emit(reader, detach(exc))
        else:
            self.summary_read.emit(summary)
        finally:
            self.busy_changed.emit(False)

    @Slot()
    def reread(self) -> None:
        """Read again every card present (the clerk asked for it)."""
        assert_card_thread()
        if self._backend is None:
            return
        now = self._safe_readers()
        if now is None:
            return
        if now != self._known:
            self._known = now
            self.readers_changed.emit(now)
        for info in now:
            if info.card_present:
                self._read_summary_of(info.name)

    # --- jobs -------------------------------------------------------------------------------

    @Slot(int, object)
    def run_job(self, job_id: int, job: Callable[[ReaderBackend], object]) -> None:
        """Run one submitted job with the back end and report its value copy or its error."""
        assert_card_thread()
        if self._guarded is None:
            self.job_failed.emit(job_id, ReaderUnavailableError("card back end not open"))
            return
        self.busy_changed.emit(True)
        try:
            result = job(self._guarded)
            if not is_value_copy(result):
                raise TypeError(
                    f"card job returned {type(result).__name__}, not a frozen value copy"
                )
        except BaseException as exc:
            log_failure("a card job", exc, log)
            self.job_failed.emit(job_id, detach(exc))
        else:
            self.job_finished.emit(job_id, result)
        finally:
            self.busy_changed.emit(False)


def abort_requested() -> bool:
    """True when the card thread is stopping; long jobs check this between card commands."""
    event = _card_threads.get(threading.get_ident())
    return bool(event is not None and event.is_set())


class CardThread(QObject):
    """The GUI thread's handle on the card thread; its signals arrive on the GUI thread."""

    backend_opened = Signal(object)  # BackendInfo
    backend_failed = Signal(object)  # exception
    readers_changed = Signal(object)  # tuple[ReaderInfo, ...]
    poll_failed = Signal(object)  # exception, or None once the readers answer again
    summary_read = Signal(object)  # CardSummary
    summary_failed = Signal(str, object)  # reader, exception
    busy_changed = Signal(bool)

    _job_requested = Signal(int, object)
    _reread_requested = Signal()
    _stop_requested = Signal()

    def __init__(
        self,
        backend_factory: BackendFactory,
        *,
        read_summary: ReadSummary = read_summary,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.read_summary = read_summary
        self._worker = CardWorker(backend_factory, read_summary)
        self._thread = thread_for(self._worker, "card thread", self._worker.start)
        self._jobs = JobDesk(self._log_unhandled)

        queued = Qt.ConnectionType.QueuedConnection
        self._job_requested.connect(self._worker.run_job, queued)
        self._reread_requested.connect(self._worker.reread, queued)
        self._stop_requested.connect(self._worker.stop, queued)
        w = self._worker
        w.backend_opened.connect(self._on_backend_opened, queued)
        w.backend_failed.connect(self._on_backend_failed, queued)
        w.readers_changed.connect(self._on_readers_changed, queued)
        w.poll_failed.connect(self._on_poll_failed, queued)
        w.summary_read.connect(self._on_summary_read, queued)
        w.summary_failed.connect(self._on_summary_failed, queued)
        w.busy_changed.connect(self._on_busy_changed, queued)
        w.job_finished.connect(self._on_job_finished, queued)
        w.job_failed.connect(self._on_job_failed, queued)

    # --- control from the GUI thread --------------------------------------------------------

    def start(self) -> None:
        """Start the card thread; it opens the back end and starts watching the readers."""
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread.isRunning()

    @property
    def busy(self) -> bool:
        return self._jobs.busy

    def submit(
        self,
        job: Callable[[ReaderBackend], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> int:
        """Run `job(backend)` on the card thread; call on_done or on_error on the GUI thread."""
        assert_gui_thread()
        return self._jobs.submit(
            lambda job_id: self._job_requested.emit(job_id, job), on_done, on_error
        )

    def reread(self) -> None:
        """Ask the card thread to read every present card again."""
        if not self._jobs.closed:
            self._reread_requested.emit()

    def abort(self) -> None:
        """Ask running jobs to stop at their next check (abort_requested())."""
        self._worker.abort_event.set()

    def stop(self, timeout_ms: int = STOP_TIMEOUT_MS) -> bool:
        """Abort, close the back end on the card thread and join it; True when it ended in time."""
        assert_gui_thread()
        if self._jobs.closed:
            return not self._thread.isRunning()
        self._jobs.close()
        self.abort()
        return join_worker(self._thread, self._worker, self._stop_requested.emit, timeout_ms, log)

    # --- deliveries on the GUI thread -------------------------------------------------------

    @staticmethod
    def _log_unhandled(exc: BaseException) -> None:
        log.warning("card job failed: %s", exc)

    @Slot(object)
    def _on_backend_opened(self, info: BackendInfo) -> None:
        self.backend_opened.emit(info)

    @Slot(object)
    def _on_backend_failed(self, exc: BaseException) -> None:
        self.backend_failed.emit(exc)

    @Slot(object)
    def _on_readers_changed(self, readers: tuple[ReaderInfo, ...]) -> None:
        if not self._jobs.closed:
            self.readers_changed.emit(readers)

    @Slot(object)
    def _on_poll_failed(self, exc: BaseException | None) -> None:
        if not self._jobs.closed:
            self.poll_failed.emit(exc)

    @Slot(object)
    def _on_summary_read(self, summary: CardSummary) -> None:
        if not self._jobs.closed:
            self.summary_read.emit(summary)

    @Slot(str, object)
    def _on_summary_failed(self, reader: str, exc: BaseException) -> None:
        if not self._jobs.closed:
            self.summary_failed.emit(reader, exc)

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        if self._jobs.count_busy(busy):
            self.busy_changed.emit(self.busy)

    @Slot(int, object)
    def _on_job_finished(self, job_id: int, result: object) -> None:
        self._jobs.deliver(job_id, result)

    @Slot(int, object)
    def _on_job_failed(self, job_id: int, exc: BaseException) -> None:
        self._jobs.deliver_error(job_id, exc)
