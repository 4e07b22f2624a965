"""GUI fixtures: an empty data home, the SQLite register template with its record-code key, and
the real window on the training register with the issuing clerk logged in.

`backend` and `window` are the training ones by default; a module that tests another window (a
fake back end, a bare card window) defines its own fixture of that name, which wins there.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.card_service.backends import open_in_process_backend
from counter_app.config import Configuration
from counter_app.virtual_card.inprocess import InProcessBackend
from tests.support.counter_window import open_logged_in
from tests.support.data_home import empty_home  # noqa: F401  (fixture)
from tests.support.records_fixtures import (  # noqa: F401  (fixtures)
    records_key_path,
    records_sqlite_template,
)
from ui import i18n
from ui.main_window import MainWindow


@pytest.fixture
def backend(empty_home: Path) -> InProcessBackend:  # noqa: F811
    """The in-process reader of a first start, holding the demo card."""
    return open_in_process_backend(Configuration(data_dir=empty_home))


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, backend: InProcessBackend) -> Iterator[MainWindow]:
    """The real window from an empty data directory, the training issuing clerk logged in."""
    window = open_logged_in(qtbot, tmp_path, lambda: backend)
    yield window
    window.close()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n.Translations(app).set_language(i18n.SOURCE_LANGUAGE)
