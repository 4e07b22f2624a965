"""An empty data home for tests that start the counter as a new clerk would: no register set."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.config import DB_ENV, HOME_ENV, RECORD_CODE_KEY_FILE_ENV


@pytest.fixture
def empty_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data home not made yet; commands the test starts see it and no register or key file."""
    home = tmp_path / "home"
    monkeypatch.setenv(HOME_ENV, str(home))
    monkeypatch.delenv(DB_ENV, raising=False)
    monkeypatch.delenv(RECORD_CODE_KEY_FILE_ENV, raising=False)
    return home
