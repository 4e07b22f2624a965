"""Audit search: an index per search condition with the period and the newest-first order.

Searches filter on one or more of operator, resident, purpose, action and outcome within a
period and read the newest events first, a page at a time (`(occurred_at, seq)` keyset). An
index on `(condition, occurred_at, seq)` serves each in index order and stops after one page,
however many millions of events the trail holds; `(occurred_at, seq)` serves the period alone.
The two indexes of 0001 on `(operator_id, occurred_at)` and `(resident_id, occurred_at)` are
replaced by their longer forms, which serve every query they served.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

NEW: tuple[tuple[str, ...], ...] = (
    ("occurred_at", "seq"),
    ("operator_id", "occurred_at", "seq"),
    ("resident_id", "occurred_at", "seq"),
    ("purpose_code", "occurred_at", "seq"),
    ("action", "occurred_at", "seq"),
    ("outcome", "occurred_at", "seq"),
)
OLD: tuple[tuple[str, ...], ...] = (("operator_id", "occurred_at"), ("resident_id", "occurred_at"))


def _name(columns: tuple[str, ...]) -> str:
    return "ix_audit_events_" + "_".join(columns)


def upgrade() -> None:
    for columns in OLD:
        op.drop_index(_name(columns), table_name="audit_events")
    for columns in NEW:
        op.create_index(_name(columns), "audit_events", list(columns))


def downgrade() -> None:
    for columns in NEW:
        op.drop_index(_name(columns), table_name="audit_events")
    for columns in OLD:
        op.create_index(_name(columns), "audit_events", list(columns))
