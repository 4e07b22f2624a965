"""What a card's printouts are rebuilt from, sealed (reprint of the face, receipt, address lines).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "card_print_data",
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["card_id"], ["cards.id"], name=op.f("fk_card_print_data_card_id_cards")
        ),
        sa.PrimaryKeyConstraint("card_id", name=op.f("pk_card_print_data")),
    )


def downgrade() -> None:
    op.drop_table("card_print_data")
