"""Workflow fixtures: a real issuer and a SQLite register with a supervisor and operators."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.card_fixtures import issuer  # noqa: F401  (fixture)
from tests.support.records_fixtures import (  # noqa: F401  (fixtures)
    make_operator,
    records_key_path,
    records_sqlite_template,
    register,
    supervisor,
)
from tests.support.softhsm import soft_token  # noqa: F401  (fixture)


@pytest.fixture
def records_url(tmp_path: Path, records_sqlite_template: Path) -> str:  # noqa: F811
    """SQLite only here: the card work dominates; the records tests cover PostgreSQL."""
    path = tmp_path / "register.sqlite3"
    shutil.copyfile(records_sqlite_template, path)
    return f"sqlite:///{path}"
