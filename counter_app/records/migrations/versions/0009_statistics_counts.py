"""Council figures: hourly counts of the audit trail, a covering index for the holding rate.

`audit_hour_counts` holds how many events of each action, purpose and outcome the trail has per
UTC hour; `AuditTrail.append` adds to it in the transaction of each event, and this migration
counts the events already there. The look-ups and service uses of a period whose days start on
a whole UTC hour (every time zone of whole hours, Japan's among them) are then summed from a few
thousand rows instead of counted from millions of events.
The holding rate counts living residents per postal code, sex, nationality and birth-date band:
`(postal_code, sex, nationality, birth_date, status, status_since)` holds every column it reads,
in the order of the groups, so the count reads a narrow index instead of the wide records.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

HOLDING_INDEX = "ix_residents_holding_rate"  # short of PostgreSQL's 63-character limit
HOLDING_COLUMNS = ["postal_code", "sex", "nationality", "birth_date", "status", "status_since"]
COUNT_EVENTS = (
    "INSERT INTO audit_hour_counts (hour, action, purpose_code, outcome, events) "
    "SELECT substr(occurred_at, 1, 13), action, coalesce(purpose_code, ''), outcome, count(*) "
    "FROM audit_events GROUP BY substr(occurred_at, 1, 13), action, "
    "coalesce(purpose_code, ''), outcome"
)


def upgrade() -> None:
    op.create_table(
        "audit_hour_counts",
        sa.Column("hour", sa.String(length=13), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("purpose_code", sa.String(length=32), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "hour", "action", "purpose_code", "outcome", name=op.f("pk_audit_hour_counts")
        ),
    )
    op.execute(COUNT_EVENTS)
    op.create_index(HOLDING_INDEX, "residents", HOLDING_COLUMNS)


def downgrade() -> None:
    op.drop_index(HOLDING_INDEX, table_name="residents")
    op.drop_table("audit_hour_counts")
