"""The hourly counts of the audit trail the council figures add up: kept by every append, built
by migration 0009 for the events before it, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command
from sqlalchemy import select, text

from counter_app.records import OperatorSession, Outcome, PurposeCode, Register
from counter_app.records.database import Database, resolve_url
from counter_app.records.models import AuditEvent
from counter_app.records.schema import alembic_config, migrate
from counter_app.records.statistics import counts_from_events, counts_from_hours
from tests.support.records_fixtures import resident

EVERYTHING = ("0000", "9999")  # bounds before and after any hour or audit timestamp


def test_every_append_is_counted_in_its_hour(
    register: Register, supervisor: OperatorSession
) -> None:
    someone = register.residents.add(supervisor, resident())
    looking = register.access(supervisor, PurposeCode.SUPERVISION)
    for _ in range(3):
        looking.resident(someone)
    with register._store.db.transaction() as s:
        register._store.audit.append(s, action="resident.read", outcome=Outcome.REFUSED)
    with register._store.db.transaction(read_only=True) as s:
        actions = tuple(s.scalars(select(AuditEvent.action).distinct()))
        from_hours = counts_from_hours(s, actions, *EVERYTHING)
        from_events = counts_from_events(s, actions, *EVERYTHING)
    assert sorted(from_hours, key=str) == sorted(from_events, key=str)
    reads = {(p, o): n for a, p, o, n in from_hours if a == "resident.read"}
    assert reads == {("supervision", "allowed"): 3, (None, "refused"): 1}


def test_the_migration_counts_the_events_already_in_the_trail(
    empty_url: str,
) -> None:
    db = Database(resolve_url(empty_url))
    config = alembic_config()
    event = (
        "INSERT INTO audit_events (seq, occurred_at, operator_id, action, outcome, purpose_code, "
        "resident_id, detail, prev_hash, hash) VALUES (:seq, :at, NULL, :action, 'allowed', "
        ":purpose, NULL, '{}', '0', '0')"
    )
    try:
        with db.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0008")
            for seq, at, action, purpose in (
                (1, "2025-04-01T00:10:00.000000Z", "resident.read", "card-issuance"),
                (2, "2025-04-01T00:59:59.999999Z", "resident.read", "card-issuance"),
                (3, "2025-04-01T01:00:00.000000Z", "resident.read", "card-issuance"),
                (4, "2025-04-01T01:30:00.000000Z", "operator.login", None),
            ):
                conn.execute(
                    text(event), {"seq": seq, "at": at, "action": action, "purpose": purpose}
                )
        migrate(db)
        with db.engine.connect() as conn:
            rows = conn.execute(
                text("SELECT hour, action, purpose_code, outcome, events FROM audit_hour_counts")
            ).all()
        assert sorted(tuple(r) for r in rows) == [
            ("2025-04-01T00", "resident.read", "card-issuance", "allowed", 2),
            ("2025-04-01T01", "operator.login", "", "allowed", 1),
            ("2025-04-01T01", "resident.read", "card-issuance", "allowed", 1),
        ]
    finally:
        db.dispose()


def test_verifying_the_chain_names_the_hours_whose_counts_were_changed(
    register: Register, supervisor: OperatorSession
) -> None:
    someone = register.residents.add(supervisor, resident())
    register.access(supervisor, PurposeCode.SUPERVISION).resident(someone)
    report = register.verify_audit_chain()
    assert report.intact and report.counts_differ == ()
    with register._store.db.transaction() as s:
        hour = s.scalar(select(AuditEvent.occurred_at).where(AuditEvent.action == "resident.read"))
        assert hour is not None
        s.execute(
            text("UPDATE audit_hour_counts SET events = events + 40 WHERE action = 'resident.read'")
        )
    report = register.verify_audit_chain()
    assert report.intact  # the events are untouched; the council figures of that hour are not
    assert report.counts_differ == (hour[:13],)
    with register._store.db.transaction() as s:
        s.execute(text("DELETE FROM audit_hour_counts WHERE action = 'resident.read'"))
    assert register.verify_audit_chain().counts_differ == (hour[:13],)
