"""An empty data home for tests that start the counter as a new clerk would: no register set."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.records.crypto import KEY_FILE_ENV
from counter_app.records.database import DB_ENV


@pytest.fixture
def empty_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data home not made yet, with no register URL or key file set in the environment."""
    home = tmp_path / "home"
    monkeypatch.setenv("COUNTER_APP_HOME", str(home))
    monkeypatch.delenv(DB_ENV, raising=False)
    monkeypatch.delenv(KEY_FILE_ENV, raising=False)
    return home
