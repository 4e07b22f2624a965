"""Shared fixtures."""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# resident register (records): SQLite and PostgreSQL fixtures
from tests.records_fixtures import *  # noqa: F403
