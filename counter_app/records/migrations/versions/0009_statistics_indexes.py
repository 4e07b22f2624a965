"""Council figures: covering indexes for the counts of the audit trail and of the residents.

The look-ups and service uses of a period are counted per action, purpose and outcome: with
`(action, purpose_code, outcome, occurred_at)` the database reads the index alone, already in
the order of the groups (no sort of millions of events), and skips nothing it must count.
The holding rate counts living residents per postal code, sex, nationality and birth-date band:
`(postal_code, sex, nationality, birth_date, status, status_since)` holds every column it reads,
in the order of the groups, so the count reads a narrow index instead of the wide records.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# (name, table, columns); the residents' name is short of PostgreSQL's 63-character limit.
NEW: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "ix_audit_events_action_purpose_code_outcome_occurred_at",
        "audit_events",
        ("action", "purpose_code", "outcome", "occurred_at"),
    ),
    (
        "ix_residents_holding_rate",
        "residents",
        ("postal_code", "sex", "nationality", "birth_date", "status", "status_since"),
    ),
)


def upgrade() -> None:
    for name, table, columns in NEW:
        op.create_index(name, table, list(columns))


def downgrade() -> None:
    for name, table, _columns in NEW:
        op.drop_index(name, table_name=table)
