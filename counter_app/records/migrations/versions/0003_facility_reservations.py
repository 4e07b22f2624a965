"""Facility reservations: facilities, their weekly opening hours, reservations.

No double booking, enforced by the database. PostgreSQL: an exclusion constraint over the
facility and the time range of every `booked` reservation (needs the `btree_gist` extension for
the `=` on the facility id; it ships with PostgreSQL's contrib and is a trusted extension, so a
database owner may create it). SQLite has no such constraint: the register checks the rule
inside the writer's BEGIN IMMEDIATE transaction, which no other writer can interleave with.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

NO_OVERLAP = (
    "ALTER TABLE reservations ADD CONSTRAINT reservations_no_overlap EXCLUDE USING gist "
    "(facility_id WITH =, tsrange(starts_at, ends_at) WITH &&) WHERE (status = 'booked')"
)


def upgrade() -> None:
    op.create_table(
        "facilities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("slot_minutes", sa.Integer(), nullable=False),
        sa.Column("max_future_bookings", sa.Integer(), nullable=False),
        sa.Column("cancel_deadline_hours", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint("kind IN ('hall', 'court', 'room')", name=op.f("ck_facilities_kind")),
        sa.CheckConstraint("slot_minutes > 0", name=op.f("ck_facilities_slot_minutes")),
        sa.CheckConstraint(
            "max_future_bookings > 0", name=op.f("ck_facilities_max_future_bookings")
        ),
        sa.CheckConstraint(
            "cancel_deadline_hours >= 0", name=op.f("ck_facilities_cancel_deadline_hours")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_facilities")),
        sa.UniqueConstraint("name", name=op.f("uq_facilities_name")),
    )
    op.create_table(
        "facility_hours",
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.SmallInteger(), nullable=False),
        sa.Column("opens_minute", sa.Integer(), nullable=False),
        sa.Column("closes_minute", sa.Integer(), nullable=False),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name=op.f("ck_facility_hours_weekday")),
        sa.CheckConstraint(
            "opens_minute < closes_minute", name=op.f("ck_facility_hours_opens_before_closing")
        ),
        sa.ForeignKeyConstraint(
            ["facility_id"],
            ["facilities.id"],
            name=op.f("fk_facility_hours_facility_id_facilities"),
        ),
        sa.PrimaryKeyConstraint("facility_id", "weekday", name=op.f("pk_facility_hours")),
    )
    op.create_table(
        "reservations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_operator", sa.Integer(), nullable=True),
        sa.Column("created_by_kiosk", sa.String(length=64), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.Column("cancelled_by_operator", sa.Integer(), nullable=True),
        sa.Column("cancelled_by_kiosk", sa.String(length=64), nullable=True),
        sa.Column("cancel_reason", sa.String(length=256), nullable=True),
        sa.CheckConstraint(
            "status IN ('booked', 'cancelled')", name=op.f("ck_reservations_status")
        ),
        sa.CheckConstraint("starts_at < ends_at", name=op.f("ck_reservations_starts_before_end")),
        sa.CheckConstraint(
            "(created_by_operator IS NULL) <> (created_by_kiosk IS NULL)",
            name=op.f("ck_reservations_one_creator"),
        ),
        sa.ForeignKeyConstraint(
            ["facility_id"], ["facilities.id"], name=op.f("fk_reservations_facility_id_facilities")
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["residents.id"], name=op.f("fk_reservations_resident_id_residents")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_operator"],
            ["operators.id"],
            name=op.f("fk_reservations_created_by_operator_operators"),
        ),
        sa.ForeignKeyConstraint(
            ["cancelled_by_operator"],
            ["operators.id"],
            name=op.f("fk_reservations_cancelled_by_operator_operators"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reservations")),
    )
    with op.batch_alter_table("reservations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reservations_facility_id_starts_at"),
            ["facility_id", "starts_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_reservations_resident_id_status_ends_at"),
            ["resident_id", "status", "ends_at"],
            unique=False,
        )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        op.execute(NO_OVERLAP)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE reservations DROP CONSTRAINT reservations_no_overlap")
    with op.batch_alter_table("reservations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reservations_resident_id_status_ends_at"))
        batch_op.drop_index(batch_op.f("ix_reservations_facility_id_starts_at"))
    op.drop_table("reservations")
    op.drop_table("facility_hours")
    op.drop_table("facilities")
