"""The library worker: the SIP2 connection to the library system, on its own thread.

It connects when the window starts (the check shown in the status bar, like the register's and
the printer's); without a configured library system it first starts the training library on
this machine, which stops with the worker. Loans, returns and renewals by barcode run here, so a
slow library system never holds up the card reader or the window.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QObject

from counter_app.config import Configuration
from counter_app.errors import CounterError
from counter_app.library.client import LibraryClient
from counter_app.library.errors import LibraryUnreachableError
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

    def _connect(self) -> LibraryClient:
        if self._client is None:
            self._client = LibraryClient(self._stack.enter_context(library_settings(self._config)))
        try:
            self._client.connect()
        except CounterError as exc:
            self._failure = exc
            raise
        return self._client

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
