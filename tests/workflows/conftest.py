"""Workflow fixtures: a real issuer and a SQLite register with a supervisor and operators."""

from __future__ import annotations

from tests.support.card_fixtures import issuer  # noqa: F401  (fixture)
from tests.support.records_fixtures import (  # noqa: F401  (fixtures)
    make_operator,
    records_key_path,
    records_sqlite_template,
    register,
    supervisor,
)
