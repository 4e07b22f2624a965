"""The register's tables as typed SQLAlchemy models.

These are the raw rows, private to `counter_app.records`: code outside this package never imports
this module (a test enforces it). Identity data is read through `PurposeAccess` only.
Enumerated values are stored as short strings; the enums live in `counter_app.records.types`.
Search keys (`*_key` columns) hold normalised copies of names and addresses, and on PostgreSQL
they use the "C" collation so that prefix ranges use their B-tree indexes.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator, TypeEngine

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored as naive UTC and read back as an aware UTC datetime."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must carry a time zone")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


def search_key(length: int) -> TypeEngine[str]:
    """A normalised search column: binary order on SQLite, the "C" collation on PostgreSQL."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class RegisterMeta(Base):
    """Settings of this register (e.g. the check value of the record-code key)."""

    __tablename__ = "register_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(256))


class Household(Base):
    """A household (世帯): residents living together under one head."""

    __tablename__ = "households"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_code: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class Resident(Base):
    """A person in the basic resident register, Japanese or foreign resident."""

    __tablename__ = "residents"
    __table_args__ = (
        CheckConstraint("sex IN (0, 1, 2, 9)", name="sex_iso5218"),
        CheckConstraint("status IN ('resident', 'moved_out', 'deceased')", name="status"),
        Index(None, "kana_key"),
        Index(None, "kanji_key"),
        Index(None, "tsusho_key"),
        Index(None, "latin_key"),
        Index(None, "birth_date", "kana_key"),
        Index(None, "household_id"),
        # Every column the holding rate reads, in the order of its groups (migration 0009).
        Index(
            "ix_residents_holding_rate",
            *("postal_code", "sex", "nationality", "birth_date", "status", "status_since"),
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("households.id"))
    relationship_to_head: Mapped[str] = mapped_column(String(16))
    family_name: Mapped[str] = mapped_column(String(64))
    given_name: Mapped[str] = mapped_column(String(64))
    family_name_kana: Mapped[str] = mapped_column(String(128))
    given_name_kana: Mapped[str] = mapped_column(String(128))
    latin_name: Mapped[str | None] = mapped_column(String(128))
    tsusho: Mapped[str | None] = mapped_column(String(128))
    tsusho_kana: Mapped[str | None] = mapped_column(String(256))
    nationality: Mapped[str | None] = mapped_column(String(3))
    birth_date: Mapped[dt.date] = mapped_column(Date)
    sex: Mapped[int] = mapped_column(SmallInteger)
    postal_code: Mapped[str | None] = mapped_column(String(8))
    address: Mapped[str] = mapped_column(String(256))
    status: Mapped[str] = mapped_column(String(16))
    status_since: Mapped[dt.date] = mapped_column(Date)
    record_code_sealed: Mapped[bytes | None] = mapped_column(LargeBinary(64))
    record_code_hmac: Mapped[bytes | None] = mapped_column(LargeBinary(32), unique=True)
    kana_key: Mapped[str] = mapped_column(search_key(256))
    kanji_key: Mapped[str] = mapped_column(search_key(128))
    tsusho_key: Mapped[str | None] = mapped_column(search_key(128))
    latin_key: Mapped[str | None] = mapped_column(search_key(128))
    address_key: Mapped[str] = mapped_column(search_key(256))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())

    def __repr__(self) -> str:
        return f"<Resident id={self.id}>"


class ResidentStatusChange(Base):
    """One change of a resident's status, with the date it took effect."""

    __tablename__ = "resident_status_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    effective_on: Mapped[dt.date] = mapped_column(Date)
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))


class Operator(Base):
    """A person who works the counter; credentials and lock-out state."""

    __tablename__ = "operators"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128))
    password_hash: Mapped[str | None] = mapped_column(String(256))
    card_serial: Mapped[str | None] = mapped_column(String(32), unique=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    # a one-time password given by a supervisor: the operator sets their own at the next login
    must_change_password: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())

    def __repr__(self) -> str:
        return f"<Operator id={self.id} login={self.login!r}>"


class OperatorRole(Base):
    """A role an operator holds."""

    __tablename__ = "operator_roles"
    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(32), primary_key=True)


class DutyPeriod(Base):
    """A period in which an operator is registered for duty (open while `ends_at` is null)."""

    __tablename__ = "operator_duty_periods"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"), index=True)
    starts_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    ends_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    registered_by: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    removed_by: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))


class Purpose(Base):
    """An ordinance task identity data may be used for, from `in_force_from` until the day
    before `retired_from`; `council_answer_on` is the privacy council's answer (答申)."""

    __tablename__ = "purposes"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    legal_basis: Mapped[str] = mapped_column(String(256))
    reveals_record_code: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    in_force_from: Mapped[dt.date] = mapped_column(Date)
    council_answer_on: Mapped[dt.date | None] = mapped_column(Date)
    retired_from: Mapped[dt.date | None] = mapped_column(Date)


class PurposeCategory(Base):
    """A relationship category of person a purpose may look up."""

    __tablename__ = "purpose_categories"
    purpose_code: Mapped[str] = mapped_column(ForeignKey("purposes.code"), primary_key=True)
    category: Mapped[str] = mapped_column(String(32), primary_key=True)


class PurposeRole(Base):
    """An operator role allowed to work under a purpose."""

    __tablename__ = "purpose_roles"
    purpose_code: Mapped[str] = mapped_column(ForeignKey("purposes.code"), primary_key=True)
    role: Mapped[str] = mapped_column(String(32), primary_key=True)


class PurposeCase(Base):
    """A matter handled under a purpose (e.g. one rent-arrears case)."""

    __tablename__ = "purpose_cases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    purpose_code: Mapped[str] = mapped_column(ForeignKey("purposes.code"), index=True)
    reference: Mapped[str] = mapped_column(String(64))
    opened_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    closed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    __table_args__ = (UniqueConstraint("purpose_code", "reference"),)


class CaseParty(Base):
    """A resident's part in a case (tenant, guarantor...): what a purpose's categories match."""

    __tablename__ = "case_parties"
    case_id: Mapped[int] = mapped_column(ForeignKey("purpose_cases.id"), primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), primary_key=True)
    category: Mapped[str] = mapped_column(String(32), primary_key=True)
    __table_args__ = (Index(None, "resident_id", "category"),)


class Card(Base):
    """A resident card issued to a resident."""

    __tablename__ = "cards"
    __table_args__ = (
        CheckConstraint("kind IN ('photo', 'no_photo')", name="kind"),
        CheckConstraint(
            "status IN ('active', 'suspended', 'revoked', 'returned', 'expired')", name="status"
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    holder_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    issued_on: Mapped[dt.date] = mapped_column(Date)
    expires_on: Mapped[dt.date] = mapped_column(Date)
    chip_key_fingerprint: Mapped[str] = mapped_column(String(64))
    issuer_key_id: Mapped[str] = mapped_column(String(64))


class CardPrintData(Base):
    """What a card's printouts are rebuilt from (face, receipt, address lines), sealed.

    The security code and the photo are on no other row: without them the face of a card
    cannot be printed again. Sealed under the register's key, bound to the card's id.
    """

    __tablename__ = "card_print_data"
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), primary_key=True)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class CardStatusChange(Base):
    """One step of a card's status history."""

    __tablename__ = "card_status_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(256))
    changed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"))


class CardApplication(Base):
    """An application for a card, and the card it led to."""

    __tablename__ = "card_applications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    card_kind: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    received_by: Mapped[int] = mapped_column(ForeignKey("operators.id"))
    status: Mapped[str] = mapped_column(String(16))
    card_id: Mapped[int | None] = mapped_column(ForeignKey("cards.id"))


class ApplicationFee(Base):
    """The fee of an application: the standard amount, or an exemption with its proof."""

    __tablename__ = "application_fees"
    __table_args__ = (
        CheckConstraint(
            "(exemption_ground IS NULL AND amount_yen > 0) OR "
            "(exemption_ground IS NOT NULL AND amount_yen = 0 AND proof_kind IS NOT NULL "
            "AND checked_by IS NOT NULL)",
            name="exemption_has_proof",
        ),
    )
    application_id: Mapped[int] = mapped_column(
        ForeignKey("card_applications.id"), primary_key=True
    )
    amount_yen: Mapped[int] = mapped_column(Integer)
    exemption_ground: Mapped[str | None] = mapped_column(String(32))
    proof_kind: Mapped[str | None] = mapped_column(String(32))
    proof_number: Mapped[str | None] = mapped_column(String(64))
    checked_by: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    checked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())


class AuditEvent(Base):
    """One event of the audit chain; rows are never updated or deleted (triggers refuse it)."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    occurred_at: Mapped[str] = mapped_column(String(32))
    operator_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))
    purpose_code: Mapped[str | None] = mapped_column(String(32))
    resident_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    __table_args__ = (
        # Each search condition with the period and the newest-first order (migration 0007).
        Index(None, "occurred_at", "seq"),
        Index(None, "operator_id", "occurred_at", "seq"),
        Index(None, "resident_id", "occurred_at", "seq"),
        Index(None, "purpose_code", "occurred_at", "seq"),
        Index(None, "action", "occurred_at", "seq"),
        Index(None, "outcome", "occurred_at", "seq"),
    )


class AuditChainHead(Base):
    """The single row naming the last event of the chain; appenders lock it to serialise."""

    __tablename__ = "audit_chain_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))


class AuditHourCount(Base):
    """How many events of one action, purpose and outcome the trail holds for one UTC hour.

    Kept by `AuditTrail.append` in the transaction of each event, so the council figures add up
    hours instead of counting millions of events. Derived from the trail, which stays the
    record: migration 0009 built the counts of the events before it from the events.
    """

    __tablename__ = "audit_hour_counts"
    hour: Mapped[str] = mapped_column(String(13), primary_key=True)  # "YYYY-MM-DDTHH", UTC
    action: Mapped[str] = mapped_column(String(64), primary_key=True)
    purpose_code: Mapped[str] = mapped_column(String(32), primary_key=True)  # "" for none
    outcome: Mapped[str] = mapped_column(String(16), primary_key=True)
    events: Mapped[int] = mapped_column(Integer)


class Facility(Base):
    """A public facility residents reserve in slots (a hall, a court, a meeting room)."""

    __tablename__ = "facilities"
    __table_args__ = (
        CheckConstraint("kind IN ('hall', 'court', 'room')", name="kind"),
        CheckConstraint("slot_minutes > 0", name="slot_minutes"),
        CheckConstraint("max_future_bookings > 0", name="max_future_bookings"),
        CheckConstraint("cancel_deadline_hours >= 0", name="cancel_deadline_hours"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    slot_minutes: Mapped[int] = mapped_column(Integer)
    max_future_bookings: Mapped[int] = mapped_column(Integer)
    cancel_deadline_hours: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class FacilityHours(Base):
    """A facility's opening hours on one weekday (0 Monday ... 6 Sunday); no row: closed."""

    __tablename__ = "facility_hours"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint("opens_minute < closes_minute", name="opens_before_closing"),
    )
    facility_id: Mapped[int] = mapped_column(ForeignKey("facilities.id"), primary_key=True)
    weekday: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    opens_minute: Mapped[int] = mapped_column(Integer)  # minutes after local midnight
    closes_minute: Mapped[int] = mapped_column(Integer)


class Reservation(Base):
    """A resident's reservation of a facility from `starts_at` to `ends_at` (local wall time).

    Times are naive local times of the municipality (Japan Standard Time, no daylight saving),
    as the facility's timetable is. Two `booked` reservations of one facility never overlap: on
    PostgreSQL an exclusion constraint (migration 0003) refuses it, on SQLite the writer checks
    it inside its BEGIN IMMEDIATE transaction.
    """

    __tablename__ = "reservations"
    __table_args__ = (
        CheckConstraint("status IN ('booked', 'cancelled')", name="status"),
        CheckConstraint("starts_at < ends_at", name="starts_before_end"),
        CheckConstraint(
            "(created_by_operator IS NULL) <> (created_by_kiosk IS NULL)", name="one_creator"
        ),
        Index(None, "facility_id", "starts_at"),
        Index(None, "resident_id", "status", "ends_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facilities.id"))
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"))
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime)
    ends_at: Mapped[dt.datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    created_by_operator: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    created_by_kiosk: Mapped[str | None] = mapped_column(String(64))
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    cancelled_by_operator: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    cancelled_by_kiosk: Mapped[str | None] = mapped_column(String(64))
    cancel_reason: Mapped[str | None] = mapped_column(String(256))


class Ordinance(Base):
    """A municipal ordinance article that allows a service on the card (多目的利用の条例)."""

    __tablename__ = "ordinances"
    __table_args__ = (UniqueConstraint("name", "article"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    article: Mapped[str] = mapped_column(String(64))
    in_force_from: Mapped[dt.date] = mapped_column(Date)
    repealed_on: Mapped[dt.date | None] = mapped_column(Date)


class ServiceType(Base):
    """A service of the catalogue: the card application it installs and who administers it.

    `files` is JSON text: a list of {"fid", "size", "read", "update", "field"} objects (access
    rules by name of `counter_app.card.profile.Access`). `roles` is a comma-separated list.
    """

    __tablename__ = "service_types"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    aid: Mapped[str] = mapped_column(String(32), unique=True)  # hex, upper case
    files: Mapped[str] = mapped_column(Text)
    ordinance_id: Mapped[int] = mapped_column(ForeignKey("ordinances.id"))
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    roles: Mapped[str] = mapped_column(String(128))


class CardService(Base):
    """A service on one card for its holder: consent, member number, state until it ends.

    `consented`: consent recorded, the card not yet written (a torn install); `installed`;
    `locked` (use refused by the register); `ended` (removed, re-issued, returned).
    """

    __tablename__ = "card_services"
    __table_args__ = (
        CheckConstraint("state IN ('consented', 'installed', 'locked', 'ended')", name="state"),
        CheckConstraint("(state = 'ended') = (ended_at IS NOT NULL)", name="ended_when_ended"),
        Index(None, "card_id", "state"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"))
    service_id: Mapped[int] = mapped_column(ForeignKey("service_types.id"))
    member_number: Mapped[str | None] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16))
    consent_operator: Mapped[int] = mapped_column(ForeignKey("operators.id"))
    consent_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    consent_version: Mapped[str] = mapped_column(String(32))
    installed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    carried_from: Mapped[int | None] = mapped_column(ForeignKey("card_services.id"))
    ended_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    ended_reason: Mapped[str | None] = mapped_column(String(64))
