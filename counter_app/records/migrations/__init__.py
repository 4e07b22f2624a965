"""Alembic migrations of the register, run from code (`counter_app.records.schema.migrate`)."""
