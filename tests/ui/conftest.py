"""GUI fixtures: an empty data home, and the SQLite register template with its record-code key."""

from __future__ import annotations

from tests.support.data_home import empty_home  # noqa: F401  (fixture)
from tests.support.records_fixtures import (  # noqa: F401  (fixtures)
    records_key_path,
    records_sqlite_template,
)
