"""Address fragment search: a trigram index on residents.address_key.

PostgreSQL: a GIN index with pg_trgm (when the server offers the extension), which serves
`address_key LIKE '%fragment%'`. SQLite: an FTS5 table with the trigram tokenizer kept in step
with residents by triggers (external content: it stores the index, not a copy of the address).
Both help fragments of three characters or more; shorter ones fall back to a scan.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SQLITE_UP = [
    "CREATE VIRTUAL TABLE residents_address_fts USING fts5("
    "address_key, content='residents', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER residents_address_fts_insert AFTER INSERT ON residents BEGIN "
    "INSERT INTO residents_address_fts(rowid, address_key) VALUES (new.id, new.address_key); END",
    "CREATE TRIGGER residents_address_fts_delete AFTER DELETE ON residents BEGIN "
    "INSERT INTO residents_address_fts(residents_address_fts, rowid, address_key) "
    "VALUES ('delete', old.id, old.address_key); END",
    "CREATE TRIGGER residents_address_fts_update AFTER UPDATE OF address_key ON residents BEGIN "
    "INSERT INTO residents_address_fts(residents_address_fts, rowid, address_key) "
    "VALUES ('delete', old.id, old.address_key); "
    "INSERT INTO residents_address_fts(rowid, address_key) VALUES (new.id, new.address_key); END",
    "INSERT INTO residents_address_fts(residents_address_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER residents_address_fts_update",
    "DROP TRIGGER residents_address_fts_delete",
    "DROP TRIGGER residents_address_fts_insert",
    "DROP TABLE residents_address_fts",
]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)
        return
    available = bind.execute(
        sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
    ).first()
    if available is None:
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(
        "CREATE INDEX ix_residents_address_key_trgm ON residents "
        "USING gin (address_key gin_trgm_ops)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_DOWN:
            op.execute(statement)
        return
    op.execute("DROP INDEX IF EXISTS ix_residents_address_key_trgm")
