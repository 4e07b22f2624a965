"""The library worker: the SIP2 connection to the library system, on its own thread.

It connects when the window starts (the check shown in the status bar, like the register's and
the printer's); without a configured library system it first starts the training library on
this machine, which stops with the worker. Loans, returns and renewals by barcode run here, so a
slow library system never holds up the card reader or the window.

The connection is watched for the status bar with every job, not only at start: a job that
finds the library system gone (the connection dropped, no answer in time, nothing listening)
emits `open_failed` with that error before the job's own error arrives, and the next job the
library system answers (itself reconnecting, or a refusal in words) emits `opened` again.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QObject

from counter_app.config import Configuration
from counter_app.errors import CounterError
from counter_app.library.client import LibraryClient
from counter_app.library.errors import (
    LibraryConnectionError,
    LibraryError,
    LibraryUnreachableError,
)
from counter_app.library.model import LibraryStatus
from counter_app.library.training_server import library_settings
from ui.worker_thread import SerialThread, SerialWorker


class LibraryWorker(SerialWorker[LibraryClient]):
    """Owns the library client (and the training library, when one is started)."""

    def __init__(self, config: Configuration) -> None:
        super().__init__("library worker", self._connect, resource_name="library system")
        self._config = config
        self._stack = contextlib.ExitStack()
        self._client: LibraryClient | None = None
        self._failure: CounterError | None = None
        self._connected = False

    def _connect(self) -> LibraryClient:
        if self._client is None:
            self._client = LibraryClient(self._stack.enter_context(library_settings(self._config)))
        try:
            self._client.connect()
        except CounterError as exc:
            self._failure = exc
            self._connected = False
            raise
        self._connected = True
        return self._client

    def after_job(self, error: BaseException | None) -> None:
        """Tell the status bar at once when a job lost the library system, or found it again."""
        if isinstance(error, LibraryConnectionError):
            self._failure, self._connected = error, False
            self.open_failed.emit(error)
            return
        answered = error is None or isinstance(error, LibraryError)  # a refusal is an answer
        status = self._client.status if self._client is not None else None
        if answered and not self._connected and status is not None:
            self._connected = True
            self.opened.emit(status)

    def not_open_error(self) -> BaseException:
        """Why a job could not reach the library system (it is tried again for every job)."""
        return self._failure or LibraryUnreachableError()

    def opened_value(self, resource: LibraryClient) -> object:
        return resource.status

    def before_close(self) -> None:
        if self._client is not None:
            self._client.close()
        self._stack.close()  # the training library stops here


class LibraryThread(SerialThread[LibraryClient]):
    """The GUI thread's handle on the library worker; `opened` carries the LibraryStatus."""

    def __init__(self, config: Configuration, parent: QObject | None = None) -> None:
        super().__init__(LibraryWorker(config), parent)
        self.status: LibraryStatus | None = None
        self.opened.connect(self._remember)

    def _remember(self, status: object) -> None:
        if isinstance(status, LibraryStatus):
            self.status = status

    def client(self) -> LibraryClient | None:
        """The client, once the worker made it (for the card thread's desk opening)."""
        worker = self._worker
        assert isinstance(worker, LibraryWorker)
        return worker._client
