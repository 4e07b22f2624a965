"""The card thread: the one thread that talks to the reader back end, enumeration included.

It is an instance of the job engine in ui/worker_thread.py (after Electrum's device thread and
AusweisApp's reader manager), with what only the card needs:

- Between jobs the worker polls `backend.wait_for_change(known, 0.25)` from a zero-interval
  timer, so queued jobs and the stop request are handled between two polls (at most 0.25 s
  late). When the readers change it emits a tuple of `ReaderInfo` value copies; when a card
  appears it reads the card's `CardSummary` and emits that.
- Jobs get the back end wrapped so that every call checks it runs on the card thread
  (`card_thread_only`), and may return only value copies (frozen dataclasses, plain values),
  so no live card object leaks to the GUI.
- A back end that failed to open is reported (`backend_failed`) and not opened again by jobs.
- `CardThread.stop()` joins within 2 s: long jobs check `abort_requested()` between commands.
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
from typing import ParamSpec, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from counter_app.card.connection import CardConnection, ReaderInfo, ReaderUnavailableError
from counter_app.card.readers import ReaderBackend
from counter_app.card.summary import CardSummary, read_summary
from ui.worker_thread import SerialThread, SerialWorker, current_worker, detach, log_failure
from ui.worker_thread import abort_requested as abort_requested  # long card jobs check it

log = logging.getLogger(__name__)

T = TypeVar("T")
P = ParamSpec("P")

POLL_TIMEOUT = 0.25  # seconds one wait_for_change may block the card thread
RETRY_INTERVAL_MS = 1000  # after the back end failed, poll no faster than this
STOP_TIMEOUT_MS = 2000

ReadSummary = Callable[..., CardSummary]  # read_summary(connection, *, pin=None)
BackendFactory = Callable[[], ReaderBackend]


def on_card_thread() -> bool:
    """True when the caller runs on a card thread."""
    return isinstance(current_worker(), CardWorker)


def assert_card_thread() -> None:
    """Raise AssertionError unless the caller runs on the card thread (kept under python -O)."""
    if not on_card_thread():
        raise AssertionError(
            f"card back end used from thread {threading.current_thread().name}, "
            "not from the card thread"
        )


def card_thread_only(func: Callable[P, T]) -> Callable[P, T]:
    """Decorate a function that must run on the card thread."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        assert_card_thread()
        return func(*args, **kwargs)

    return wrapper


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


class CardWorker(SerialWorker[ReaderBackend]):
    """Runs on the card thread; owns the back end. Talk to it only through CardThread."""

    readers_changed = Signal(object)  # tuple[ReaderInfo, ...]
    poll_failed = Signal(object)  # exception; None when polling works again
    summary_read = Signal(object)  # CardSummary
    summary_failed = Signal(str, object)  # reader, exception

    reopens_for_jobs = False  # a back end that failed stays failed until the next start

    def __init__(self, backend_factory: BackendFactory, read_summary: ReadSummary) -> None:
        super().__init__(
            "card thread",
            backend_factory,
            _close_backend,
            resource_name="card back end",
            logger=log,
        )
        self._read_summary = read_summary
        self._guarded: _CardThreadBackend | None = None
        self._known: tuple[ReaderInfo, ...] = ()
        self._poll_failing = False
        self._timer: QTimer | None = None

    # --- the engine's hooks -----------------------------------------------------------------

    def opened_value(self, resource: ReaderBackend) -> BackendInfo:
        """A value copy of the back end for the status bar."""
        return BackendInfo(resource.description, resource.is_virtual)

    def after_open(self) -> None:
        """Guard the back end and begin polling the readers."""
        assert self.resource is not None
        self._guarded = _CardThreadBackend(self.resource)
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._poll)
        self._publish(self._safe_readers())
        self._timer.start()

    def job_view(self, resource: ReaderBackend) -> ReaderBackend:
        """The back end whose every call checks that it runs on the card thread."""
        return self._guarded if self._guarded is not None else _CardThreadBackend(resource)

    def check_result(self, result: object) -> None:
        """Only value copies leave the card thread: no live card object reaches the GUI."""
        if not is_value_copy(result):
            raise TypeError(f"card job returned {type(result).__name__}, not a frozen value copy")

    def not_open_error(self) -> BaseException:
        return ReaderUnavailableError("card back end not open")

    def before_close(self) -> None:
        """Stop polling before the back end closes."""
        assert_card_thread()
        if self._timer is not None:
            self._timer.stop()
        self._guarded = None

    # --- polling ----------------------------------------------------------------------------

    @card_thread_only
    def _safe_readers(self) -> tuple[ReaderInfo, ...] | None:
        assert self.resource is not None
        try:
            readers = self.resource.readers()
        except Exception as exc:
            self._poll_error(exc)
            return None
        self._poll_ok()
        return readers

    @Slot()
    @card_thread_only
    def _poll(self) -> None:
        if self.abort_event.is_set() or self.resource is None:
            return
        try:
            now = self.resource.wait_for_change(self._known, POLL_TIMEOUT)
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
        if self.resource is None:
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


def _close_backend(backend: ReaderBackend) -> None:
    backend.close()


class CardThread(SerialThread[ReaderBackend]):
    """The GUI thread's handle on the card thread; its signals arrive on the GUI thread."""

    backend_opened = Signal(object)  # BackendInfo
    backend_failed = Signal(object)  # exception
    readers_changed = Signal(object)  # tuple[ReaderInfo, ...]
    poll_failed = Signal(object)  # exception, or None once the readers answer again
    summary_read = Signal(object)  # CardSummary
    summary_failed = Signal(str, object)  # reader, exception

    _reread_requested = Signal()

    stop_timeout_ms = STOP_TIMEOUT_MS

    def __init__(
        self,
        backend_factory: BackendFactory,
        *,
        read_summary: ReadSummary = read_summary,
        parent: QObject | None = None,
    ) -> None:
        worker = CardWorker(backend_factory, read_summary)
        super().__init__(worker, parent)
        self.read_summary = read_summary
        self.opened.connect(self.backend_opened)
        self.open_failed.connect(self.backend_failed)
        queued = Qt.ConnectionType.QueuedConnection
        self._reread_requested.connect(worker.reread, queued)
        worker.readers_changed.connect(self._on_readers_changed, queued)
        worker.poll_failed.connect(self._on_poll_failed, queued)
        worker.summary_read.connect(self._on_summary_read, queued)
        worker.summary_failed.connect(self._on_summary_failed, queued)

    def reread(self) -> None:
        """Ask the card thread to read every present card again."""
        if not self.closed:
            self._reread_requested.emit()

    @Slot(object)
    def _on_readers_changed(self, readers: tuple[ReaderInfo, ...]) -> None:
        if not self.closed:
            self.readers_changed.emit(readers)

    @Slot(object)
    def _on_poll_failed(self, exc: BaseException | None) -> None:
        if not self.closed:
            self.poll_failed.emit(exc)

    @Slot(object)
    def _on_summary_read(self, summary: CardSummary) -> None:
        if not self.closed:
            self.summary_read.emit(summary)

    @Slot(str, object)
    def _on_summary_failed(self, reader: str, exc: BaseException) -> None:
        if not self.closed:
            self.summary_failed.emit(reader, exc)
