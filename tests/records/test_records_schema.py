"""The register's schema: migrations build exactly the models, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from counter_app.records import Register
from counter_app.records.errors import DatabaseNotInitialisedError, RecordCodeKeyError
from counter_app.records.models import Base
from counter_app.records.schema import current_revision, head_revision, is_search_extra


def test_migrations_build_exactly_the_models(register: Register) -> None:
    with register._store.db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_name": lambda name, kind, parent: not is_search_extra(name)}
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == []
    assert current_revision(register._store.db) == head_revision()


def test_init_twice_keeps_data_and_standard_purposes(
    records_url: str, records_key_path: Path
) -> None:
    first = Register.initialise(records_url, key_path=records_key_path)
    codes = [p.code for p in first.purposes()]
    first.close()
    again = Register.initialise(records_url, key_path=records_key_path)
    assert [p.code for p in again.purposes()] == codes
    assert {"card-issuance", "rent-arrears", "licence-return-exemption"} <= set(codes)
    assert again.verify_audit_chain().intact
    again.close()


def test_opening_an_empty_database_says_run_db_init(tmp_path: Path) -> None:
    with pytest.raises(DatabaseNotInitialisedError) as info:
        Register.open(f"sqlite:///{tmp_path / 'empty.sqlite3'}", key_path=tmp_path / "k")
    assert "db init" in info.value.todo


def test_a_different_key_is_refused_before_anything_is_written(
    records_url: str, tmp_path: Path
) -> None:
    other_key = tmp_path / "other.key"
    other_key.write_text("11" * 32 + "\n")
    with pytest.raises(RecordCodeKeyError):
        Register.open(records_url, key_path=other_key)


def test_sqlite_register_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    register = Register.initialise(f"sqlite:///{tmp_path / 'r.sqlite3'}", key_path=tmp_path / "key")
    with register._store.db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    register.close()


def test_key_file_is_created_readable_by_the_owner_only(tmp_path: Path) -> None:
    key = tmp_path / "keys" / "record-code.key"
    Register.initialise(f"sqlite:///{tmp_path / 'r.sqlite3'}", key_path=key).close()
    assert key.stat().st_mode & 0o777 == 0o600
