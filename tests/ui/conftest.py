"""GUI fixtures: the migrated SQLite register template and the key its copies are opened with."""

from __future__ import annotations

from tests.support.records_fixtures import (  # noqa: F401  (fixtures)
    records_key_path,
    records_sqlite_template,
)
