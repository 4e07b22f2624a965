"""Alembic environment: runs on the connection handed over by `schema.migrate`."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from counter_app.records.models import Base
from counter_app.records.schema import is_search_extra

config = context.config
connection = config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("run migrations through counter_app.records.schema.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_name=lambda name, kind, parent: not is_search_extra(name),
)
with context.begin_transaction():
    context.run_migrations()
