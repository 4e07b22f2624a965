"""The multipurpose service catalogue: ordinances, service types, services on cards.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ordinances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("article", sa.String(length=64), nullable=False),
        sa.Column("in_force_from", sa.Date(), nullable=False),
        sa.Column("repealed_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ordinances")),
        sa.UniqueConstraint("name", "article", name=op.f("uq_ordinances_name_article")),
    )
    op.create_table(
        "service_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("aid", sa.String(length=32), nullable=False),
        sa.Column("files", sa.Text(), nullable=False),
        sa.Column("ordinance_id", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("roles", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(
            ["ordinance_id"],
            ["ordinances.id"],
            name=op.f("fk_service_types_ordinance_id_ordinances"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_types")),
        sa.UniqueConstraint("aid", name=op.f("uq_service_types_aid")),
        sa.UniqueConstraint("code", name=op.f("uq_service_types_code")),
    )
    op.create_table(
        "card_services",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("member_number", sa.String(length=64), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("consent_operator", sa.Integer(), nullable=False),
        sa.Column("consent_at", sa.DateTime(), nullable=False),
        sa.Column("consent_version", sa.String(length=32), nullable=False),
        sa.Column("installed_at", sa.DateTime(), nullable=True),
        sa.Column("carried_from", sa.Integer(), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("ended_reason", sa.String(length=64), nullable=True),
        sa.CheckConstraint(
            "state IN ('consented', 'installed', 'locked', 'ended')",
            name=op.f("ck_card_services_state"),
        ),
        sa.CheckConstraint(
            "(state = 'ended') = (ended_at IS NOT NULL)",
            name=op.f("ck_card_services_ended_when_ended"),
        ),
        sa.ForeignKeyConstraint(
            ["card_id"], ["cards.id"], name=op.f("fk_card_services_card_id_cards")
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service_types.id"],
            name=op.f("fk_card_services_service_id_service_types"),
        ),
        sa.ForeignKeyConstraint(
            ["consent_operator"],
            ["operators.id"],
            name=op.f("fk_card_services_consent_operator_operators"),
        ),
        sa.ForeignKeyConstraint(
            ["carried_from"],
            ["card_services.id"],
            name=op.f("fk_card_services_carried_from_card_services"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_services")),
    )
    with op.batch_alter_table("card_services", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_card_services_card_id_state"), ["card_id", "state"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("card_services", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_card_services_card_id_state"))
    op.drop_table("card_services")
    op.drop_table("service_types")
    op.drop_table("ordinances")
