"""Initial register: residents, households, cards, applications and fees, operators, purposes,
audit chain; append-only triggers on the audit events.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

GENESIS_HASH = "0" * 64

# Audit events are append-only: the database itself refuses UPDATE and DELETE on them.
APPEND_ONLY = {
    "sqlite": [
        "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events "
        "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END",
        "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
        "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END",
    ],
    "postgresql": [
        "CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$",
        "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events "
        "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()",
        "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()",
    ],
}
DROP_APPEND_ONLY = {
    "sqlite": [
        "DROP TRIGGER audit_events_no_update",
        "DROP TRIGGER audit_events_no_delete",
    ],
    "postgresql": [
        "DROP TRIGGER audit_events_no_truncate ON audit_events",
        "DROP TRIGGER audit_events_append_only ON audit_events",
        "DROP FUNCTION audit_events_append_only()",
    ],
}
TABLES_NEWEST_FIRST = [
    "application_fees",
    "card_status_changes",
    "card_applications",
    "resident_status_changes",
    "case_parties",
    "cards",
    "residents",
    "purpose_roles",
    "purpose_categories",
    "purpose_cases",
    "operator_roles",
    "operator_duty_periods",
    "register_meta",
    "purposes",
    "operators",
    "households",
    "audit_events",
    "audit_chain_head",
]


def upgrade() -> None:
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.String(length=32), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("purpose_code", sa.String(length=32), nullable=True),
        sa.Column("resident_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
        sa.UniqueConstraint("seq", name=op.f("uq_audit_events_seq")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_audit_events_operator_id_occurred_at"),
            ["operator_id", "occurred_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_audit_events_resident_id_occurred_at"),
            ["resident_id", "occurred_at"],
            unique=False,
        )

    op.create_table(
        "households",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_code", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_households")),
        sa.UniqueConstraint("household_code", name=op.f("uq_households_household_code")),
    )
    op.create_table(
        "operators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=128), nullable=False),
        sa.Column("password_hash", sa.String(length=256), nullable=True),
        sa.Column("card_serial", sa.String(length=32), nullable=True),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operators")),
        sa.UniqueConstraint("card_serial", name=op.f("uq_operators_card_serial")),
        sa.UniqueConstraint("login", name=op.f("uq_operators_login")),
    )
    op.create_table(
        "purposes",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("legal_basis", sa.String(length=256), nullable=False),
        sa.Column("reveals_record_code", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_purposes")),
    )
    op.create_table(
        "register_meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=256), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_register_meta")),
    )
    op.create_table(
        "operator_duty_periods",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("registered_by", sa.Integer(), nullable=True),
        sa.Column("removed_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["operator_id"],
            ["operators.id"],
            name=op.f("fk_operator_duty_periods_operator_id_operators"),
        ),
        sa.ForeignKeyConstraint(
            ["registered_by"],
            ["operators.id"],
            name=op.f("fk_operator_duty_periods_registered_by_operators"),
        ),
        sa.ForeignKeyConstraint(
            ["removed_by"],
            ["operators.id"],
            name=op.f("fk_operator_duty_periods_removed_by_operators"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operator_duty_periods")),
    )
    with op.batch_alter_table("operator_duty_periods", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_operator_duty_periods_operator_id"), ["operator_id"], unique=False
        )

    op.create_table(
        "operator_roles",
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["operator_id"], ["operators.id"], name=op.f("fk_operator_roles_operator_id_operators")
        ),
        sa.PrimaryKeyConstraint("operator_id", "role", name=op.f("pk_operator_roles")),
    )
    op.create_table(
        "purpose_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("purpose_code", sa.String(length=32), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["purpose_code"], ["purposes.code"], name=op.f("fk_purpose_cases_purpose_code_purposes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purpose_cases")),
        sa.UniqueConstraint(
            "purpose_code", "reference", name=op.f("uq_purpose_cases_purpose_code_reference")
        ),
    )
    with op.batch_alter_table("purpose_cases", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_purpose_cases_purpose_code"), ["purpose_code"], unique=False
        )

    op.create_table(
        "purpose_categories",
        sa.Column("purpose_code", sa.String(length=32), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["purpose_code"],
            ["purposes.code"],
            name=op.f("fk_purpose_categories_purpose_code_purposes"),
        ),
        sa.PrimaryKeyConstraint("purpose_code", "category", name=op.f("pk_purpose_categories")),
    )
    op.create_table(
        "purpose_roles",
        sa.Column("purpose_code", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["purpose_code"], ["purposes.code"], name=op.f("fk_purpose_roles_purpose_code_purposes")
        ),
        sa.PrimaryKeyConstraint("purpose_code", "role", name=op.f("pk_purpose_roles")),
    )
    op.create_table(
        "residents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("relationship_to_head", sa.String(length=16), nullable=False),
        sa.Column("family_name", sa.String(length=64), nullable=False),
        sa.Column("given_name", sa.String(length=64), nullable=False),
        sa.Column("family_name_kana", sa.String(length=128), nullable=False),
        sa.Column("given_name_kana", sa.String(length=128), nullable=False),
        sa.Column("latin_name", sa.String(length=128), nullable=True),
        sa.Column("tsusho", sa.String(length=128), nullable=True),
        sa.Column("tsusho_kana", sa.String(length=256), nullable=True),
        sa.Column("nationality", sa.String(length=3), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("sex", sa.SmallInteger(), nullable=False),
        sa.Column("postal_code", sa.String(length=8), nullable=True),
        sa.Column("address", sa.String(length=256), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("status_since", sa.Date(), nullable=False),
        sa.Column("record_code_sealed", sa.LargeBinary(length=64), nullable=True),
        sa.Column("record_code_hmac", sa.LargeBinary(length=32), nullable=True),
        sa.Column(
            "kana_key",
            sa.String(length=256).with_variant(sa.String(length=256, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "kanji_key",
            sa.String(length=128).with_variant(sa.String(length=128, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "tsusho_key",
            sa.String(length=128).with_variant(sa.String(length=128, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "latin_key",
            sa.String(length=128).with_variant(sa.String(length=128, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "address_key",
            sa.String(length=256).with_variant(sa.String(length=256, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('resident', 'moved_out', 'deceased')", name=op.f("ck_residents_status")
        ),
        sa.CheckConstraint("sex IN (0, 1, 2, 9)", name=op.f("ck_residents_sex_iso5218")),
        sa.ForeignKeyConstraint(
            ["household_id"], ["households.id"], name=op.f("fk_residents_household_id_households")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_residents")),
        sa.UniqueConstraint("record_code_hmac", name=op.f("uq_residents_record_code_hmac")),
    )
    with op.batch_alter_table("residents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_residents_birth_date_kana_key"), ["birth_date", "kana_key"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_residents_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_residents_kana_key"), ["kana_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_residents_kanji_key"), ["kanji_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_residents_latin_key"), ["latin_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_residents_tsusho_key"), ["tsusho_key"], unique=False)

    op.create_table(
        "cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(length=32), nullable=False),
        sa.Column("holder_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("chip_key_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("issuer_key_id", sa.String(length=64), nullable=False),
        sa.CheckConstraint("kind IN ('photo', 'no_photo')", name=op.f("ck_cards_kind")),
        sa.CheckConstraint(
            "status IN ('active', 'suspended', 'revoked', 'returned', 'expired')",
            name=op.f("ck_cards_status"),
        ),
        sa.ForeignKeyConstraint(
            ["holder_id"], ["residents.id"], name=op.f("fk_cards_holder_id_residents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cards")),
        sa.UniqueConstraint("serial", name=op.f("uq_cards_serial")),
    )
    with op.batch_alter_table("cards", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cards_holder_id"), ["holder_id"], unique=False)

    op.create_table(
        "case_parties",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["purpose_cases.id"], name=op.f("fk_case_parties_case_id_purpose_cases")
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["residents.id"], name=op.f("fk_case_parties_resident_id_residents")
        ),
        sa.PrimaryKeyConstraint("case_id", "resident_id", "category", name=op.f("pk_case_parties")),
    )
    with op.batch_alter_table("case_parties", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_parties_resident_id_category"),
            ["resident_id", "category"],
            unique=False,
        )

    op.create_table(
        "resident_status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["operator_id"],
            ["operators.id"],
            name=op.f("fk_resident_status_changes_operator_id_operators"),
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"],
            ["residents.id"],
            name=op.f("fk_resident_status_changes_resident_id_residents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resident_status_changes")),
    )
    with op.batch_alter_table("resident_status_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_resident_status_changes_resident_id"), ["resident_id"], unique=False
        )

    op.create_table(
        "card_applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("card_kind", sa.String(length=16), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("received_by", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["card_id"], ["cards.id"], name=op.f("fk_card_applications_card_id_cards")
        ),
        sa.ForeignKeyConstraint(
            ["received_by"],
            ["operators.id"],
            name=op.f("fk_card_applications_received_by_operators"),
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"],
            ["residents.id"],
            name=op.f("fk_card_applications_resident_id_residents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_applications")),
    )
    with op.batch_alter_table("card_applications", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_card_applications_resident_id"), ["resident_id"], unique=False
        )

    op.create_table(
        "card_status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=256), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["card_id"], ["cards.id"], name=op.f("fk_card_status_changes_card_id_cards")
        ),
        sa.ForeignKeyConstraint(
            ["operator_id"],
            ["operators.id"],
            name=op.f("fk_card_status_changes_operator_id_operators"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_status_changes")),
    )
    with op.batch_alter_table("card_status_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_card_status_changes_card_id"), ["card_id"], unique=False
        )

    op.create_table(
        "application_fees",
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("amount_yen", sa.Integer(), nullable=False),
        sa.Column("exemption_ground", sa.String(length=32), nullable=True),
        sa.Column("proof_kind", sa.String(length=32), nullable=True),
        sa.Column("proof_number", sa.String(length=64), nullable=True),
        sa.Column("checked_by", sa.Integer(), nullable=True),
        sa.Column("checked_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "(exemption_ground IS NULL AND amount_yen > 0) OR "
            "(exemption_ground IS NOT NULL AND amount_yen = 0 AND proof_kind IS NOT NULL "
            "AND checked_by IS NOT NULL)",
            name=op.f("ck_application_fees_exemption_has_proof"),
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["card_applications.id"],
            name=op.f("fk_application_fees_application_id_card_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["checked_by"], ["operators.id"], name=op.f("fk_application_fees_checked_by_operators")
        ),
        sa.PrimaryKeyConstraint("application_id", name=op.f("pk_application_fees")),
    )
    op.bulk_insert(
        sa.table(
            "audit_chain_head",
            sa.column("id", sa.Integer()),
            sa.column("last_seq", sa.Integer()),
            sa.column("last_hash", sa.String()),
        ),
        [{"id": 1, "last_seq": 0, "last_hash": GENESIS_HASH}],
    )
    for statement in APPEND_ONLY[op.get_bind().dialect.name]:
        op.execute(statement)


def downgrade() -> None:
    for statement in DROP_APPEND_ONLY[op.get_bind().dialect.name]:
        op.execute(statement)
    for table in TABLES_NEWEST_FIRST:
        op.drop_table(table)
