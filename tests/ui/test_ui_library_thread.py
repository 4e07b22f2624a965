"""The library worker and the status bar: the connection check at start, over real sockets.

Without a configured library system the worker starts the training library, the status bar
says it is connected, and stopping the worker stops the training library (its port closes). A
configured library system that nothing answers at is shown as unavailable, and a job asked
anyway gets the error in words.
"""

from __future__ import annotations

import socket
from pathlib import Path

from pytestqt.qtbot import QtBot

from counter_app.config import Configuration, LibrarySettings
from counter_app.library.errors import LibraryUnreachableError
from counter_app.library.model import LibraryStatus
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
    assert bar.library_label.text() == "⚠ Library system unavailable"
    assert bar.library_label.styleSheet() == ERROR_STYLE
    errors: list[BaseException] = []
    library.submit(lambda client: client.patron("20000001"), lambda _r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=10000)
    assert isinstance(errors[0], LibraryUnreachableError)
    assert library.stop()
