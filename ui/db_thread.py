"""The database worker: the one thread that talks to the resident register.

The Register is opened on this thread and every job runs there in turn, so the GUI never waits
on the database and no two threads share a session. `state_changed` tells the status bar
whether the register answers; while it does not, the worker checks again every few seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from counter_app.records import Register
from counter_app.records.errors import DatabaseBusyError, DatabaseUnavailableError
from ui.worker_thread import SerialThread, SerialWorker

RETRY_MS = 5000
CHECK_MS = 60_000

RegisterFactory = Callable[[], Register]


@dataclass(frozen=True)
class DbState:
    """What the status bar says about the register."""

    kind: str  # "connecting" | "ready" | "unavailable"
    description: str = ""
    error: BaseException | None = None


def _ping(register: Register) -> int:
    return len(register.purposes())


class DbThread(SerialThread[Register]):
    """The GUI thread's handle on the database worker."""

    state_changed = Signal(object)  # DbState

    def __init__(self, factory: RegisterFactory, parent: QObject | None = None) -> None:
        super().__init__(SerialWorker("database worker", factory, Register.close), parent)
        self.state = DbState("connecting")
        self.opened.connect(self._on_register_opened)
        self.open_failed.connect(self._on_unavailable)
        self.job_succeeded.connect(self._on_job_ok)
        self.job_errored.connect(self._on_job_error)
        self._check = QTimer(self)
        self._check.timeout.connect(self._check_now)

    def _set(self, state: DbState) -> None:
        self.state = state
        self.state_changed.emit(state)
        self._check.start(RETRY_MS if state.kind == "unavailable" else CHECK_MS)

    def _on_register_opened(self, register: Register) -> None:
        self._set(DbState("ready", register.description))

    def _on_unavailable(self, exc: BaseException) -> None:
        self._set(DbState("unavailable", self.state.description, exc))

    def _on_job_ok(self) -> None:
        if self.state.kind != "ready":
            self._set(DbState("ready", self.state.description))

    def _on_job_error(self, exc: BaseException) -> None:
        if isinstance(exc, (DatabaseUnavailableError, DatabaseBusyError)):
            self._on_unavailable(exc)

    def _check_now(self) -> None:
        if not self.busy:
            self.submit(_ping, lambda _n: None, lambda _exc: None)

    def stop(self, timeout_ms: int | None = None) -> bool:
        """Stop checking, close the register on its thread and join it."""
        self._check.stop()
        return super().stop(timeout_ms)
