"""Purposes get their dates: in force from, the council's answer (答申), retired from.

Purposes already in a register are the standard ones, in force since resident cards were first
issued (2003-08-25).

Revision ID: 0006
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None

STANDARD_IN_FORCE = "2003-08-25"


def upgrade() -> None:
    with op.batch_alter_table("purposes", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "in_force_from",
                sa.Date(),
                nullable=False,
                server_default=sa.text(f"'{STANDARD_IN_FORCE}'"),
            )
        )
        batch_op.add_column(sa.Column("council_answer_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("retired_from", sa.Date(), nullable=True))
    with op.batch_alter_table("purposes", schema=None) as batch_op:
        batch_op.alter_column("in_force_from", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("purposes", schema=None) as batch_op:
        batch_op.drop_column("retired_from")
        batch_op.drop_column("council_answer_on")
        batch_op.drop_column("in_force_from")
