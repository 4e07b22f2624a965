"""Purposes get their dates: in force from, the council's answer (答申), retired from.

Purposes already in a register are the standard ones, in force since resident cards were first
issued (2003-08-25).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

STANDARD_IN_FORCE = "2003-08-25"


def upgrade() -> None:
    # Plain ALTER TABLE, no batch copy: on SQLite a copy of `purposes` would have to drop the
    # table its categories, roles and cases refer to. The server default dates the rows already
    # there (the standard purposes); new rows always carry their own date.
    op.add_column(
        "purposes",
        sa.Column(
            "in_force_from",
            sa.Date(),
            nullable=False,
            server_default=sa.text(f"'{STANDARD_IN_FORCE}'"),
        ),
    )
    op.add_column("purposes", sa.Column("council_answer_on", sa.Date(), nullable=True))
    op.add_column("purposes", sa.Column("retired_from", sa.Date(), nullable=True))


def downgrade() -> None:
    op.drop_column("purposes", "retired_from")
    op.drop_column("purposes", "council_answer_on")
    op.drop_column("purposes", "in_force_from")
