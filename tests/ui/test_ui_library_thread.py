"""The library worker and the status bar: the connection check at start, over real sockets.

Without a configured library system the worker starts the training library, the status bar
says it is connected, and stopping the worker stops the training library (its port closes). A
configured library system that nothing answers at is shown as not connected, and a job asked
anyway gets the error in words. A connection lost mid-loan (no answer, or dropped and not
reachable again) turns the status bar to not connected before the desk hears of the failure,
and the next request the library system answers turns it back.
"""

from __future__ import annotations

import socket
from pathlib import Path

from pytestqt.qtbot import QtBot

from counter_app.config import Configuration, LibrarySettings
from counter_app.library.errors import (
    LibraryNotAnsweringError,
    LibraryOutcomeUnknownError,
    LibraryUnreachableError,
)
from counter_app.library.model import LibraryStatus
from counter_app.library.training_server import Fault, TrainingServer, barcode_of
from ui.library_thread import LibraryThread
from ui.status_bar import ERROR_STYLE, CounterStatusBar


def closed_port() -> int:
    """A local port nothing listens at."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def refused(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return True
    return False


def test_the_training_library_starts_and_stops_with_the_worker(
    qtbot: QtBot, tmp_path: Path
) -> None:
    bar = CounterStatusBar()
    qtbot.addWidget(bar)
    library = LibraryThread(Configuration(data_dir=tmp_path))
    library.opened.connect(bar.set_library)
    library.open_failed.connect(bar.set_library_failed)
    assert bar.library_label.text() == "Library system: connecting…"
    library.start()
    qtbot.waitUntil(lambda: library.status is not None, timeout=10000)
    assert isinstance(library.status, LibraryStatus) and library.status.online
    assert bar.library_label.text().startswith("Library system: connected (")
    client = library.client()
    assert client is not None
    port = client.settings.port
    assert not refused(port)
    assert library.stop()
    assert refused(port)  # the training library is gone with the window


def test_a_library_system_that_does_not_answer_is_shown_unavailable(
    qtbot: QtBot, tmp_path: Path
) -> None:
    bar = CounterStatusBar()
    qtbot.addWidget(bar)
    settings = LibrarySettings(host="127.0.0.1", port=closed_port(), connect_timeout=1.0)
    library = LibraryThread(Configuration(data_dir=tmp_path, library=settings))
    library.open_failed.connect(bar.set_library_failed)
    library.start()
    qtbot.waitUntil(lambda: bar.library_failed is not None, timeout=10000)
    assert bar.library_label.text() == "⚠ Library system: not connected"
    assert "cannot be reached" in bar.library_label.toolTip()
    assert bar.library_label.styleSheet() == ERROR_STYLE
    errors: list[BaseException] = []
    library.submit(lambda client: client.patron("20000001"), lambda _r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=10000)
    assert isinstance(errors[0], LibraryUnreachableError)
    assert library.stop()


def test_a_connection_lost_mid_loan_shows_not_connected_at_once_and_connected_again(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with TrainingServer() as server:
        bar = CounterStatusBar()
        qtbot.addWidget(bar)
        settings = server.settings(read_timeout=0.5)
        library = LibraryThread(Configuration(data_dir=tmp_path, library=settings))
        library.opened.connect(bar.set_library)  # as the window connects them
        library.open_failed.connect(bar.set_library_failed)
        library.start()
        qtbot.waitUntil(lambda: library.status is not None, timeout=10000)
        connected = bar.library_label.text()
        assert connected.startswith("Library system: connected (")
        seen: list[tuple[object, str]] = []  # each outcome, and the status bar when it arrived

        def ask(job: object) -> object:
            count = len(seen)
            library.submit(
                job,  # type: ignore[arg-type]
                lambda result: seen.append((result, bar.library_label.text())),
                lambda exc: seen.append((exc, bar.library_label.text())),
            )
            qtbot.waitUntil(lambda: len(seen) > count, timeout=10000)
            return seen[-1][0]

        member, book = "20000001", barcode_of(3)
        server.fail_next("11", Fault.SILENT)  # the library system does not answer the loan
        failed = ask(lambda client: client.lend(member, book))
        assert isinstance(failed, LibraryNotAnsweringError)
        assert seen[-1][1] == "⚠ Library system: not connected"  # before the desk heard
        assert bar.library_label.styleSheet() == ERROR_STYLE
        assert "did not answer in time" in bar.library_label.toolTip()

        ask(lambda client: client.lend(member, book))  # the clerk's next try is answered
        assert seen[-1][1] == connected
        assert server.library.recorded("checkout", book) == 1

        server.fail_next("09", Fault.DROP_AFTER)  # dropped mid-return, and again when asked
        server.fail_next("99", Fault.DROP_BEFORE)
        server.fail_next("17", Fault.DROP_BEFORE)
        failed = ask(lambda client: client.give_back(book))
        assert isinstance(failed, LibraryOutcomeUnknownError)
        assert seen[-1][1] == "⚠ Library system: not connected"

        ask(lambda client: client.patron(member))  # a later request reconnects
        assert seen[-1][1] == connected

        server.stop()  # the library system gone altogether
        failed = ask(lambda client: client.renew(member, book))
        assert isinstance(failed, LibraryUnreachableError | LibraryOutcomeUnknownError)
        assert seen[-1][1] == "⚠ Library system: not connected"
        assert library.stop()
