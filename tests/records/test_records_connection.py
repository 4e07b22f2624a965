"""A lost database connection: nothing half-written, and the clerk is told what happened."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from counter_app.errors import CounterError
from counter_app.records import CardKind, Fee, OperatorSession, Register
from counter_app.records.errors import DatabaseUnavailableError
from tests.support.records_fixtures import resident


@pytest.fixture
def admin_engine(postgres_admin_url: URL) -> Iterator[Engine]:
    engine = create_engine(postgres_admin_url, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


def _drop_before_audit(
    register: Register, admin: Engine, monkeypatch: pytest.MonkeyPatch
) -> list[int]:
    """Make the next audit append find its connection killed by the server."""
    killed: list[int] = []
    original = register.audit.append

    def append(session: Session, **kwargs: Any) -> Any:
        if not killed:
            pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
            with admin.connect() as conn:
                conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            killed.append(pid)
        return original(session, **kwargs)

    monkeypatch.setattr(register.audit, "append", append)
    return killed


@pytest.mark.parametrize("records_url", ["postgresql"], indirect=True)
def test_connection_killed_mid_registration_leaves_nothing_half_written(
    register: Register,
    supervisor: OperatorSession,
    admin_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events_before = register.verify_audit_chain().events
    killed = _drop_before_audit(register, admin_engine, monkeypatch)
    with pytest.raises(DatabaseUnavailableError) as info:
        register.residents.add(supervisor, resident(code="83920174655"))
    assert killed, "the backend was not terminated"
    assert isinstance(info.value, CounterError)
    assert "connection" in info.value.what and "again" in info.value.todo
    # Nothing of the step is kept: no resident, no event, the chain intact.
    assert register.residents.count() == 0
    report = register.verify_audit_chain()
    assert report.intact and report.events == events_before
    # The clerk does the step again and it works on a fresh connection.
    person = register.residents.add(supervisor, resident(code="83920174655"))
    assert register.residents.count() == 1
    revealed = register.access(supervisor, "card-issuance").reveal_record_code(person)
    assert revealed is not None and revealed.reveal() == "83920174655"
    assert register.verify_audit_chain().intact


@pytest.mark.parametrize("records_url", ["postgresql"], indirect=True)
def test_connection_killed_during_an_application_keeps_no_fee_without_its_application(
    register: Register,
    supervisor: OperatorSession,
    admin_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    person = register.residents.add(supervisor, resident())
    _drop_before_audit(register, admin_engine, monkeypatch)
    with pytest.raises(DatabaseUnavailableError):
        register.cards.receive_application(supervisor, person, CardKind.PHOTO, Fee.standard(500))
    with register._store.db.engine.connect() as conn:
        counts = [
            conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
            for t in ("card_applications", "application_fees")
        ]
    assert counts == [0, 0]


def test_an_unreachable_server_is_reported_as_unavailable(tmp_path: Path) -> None:
    url = f"postgresql://nobody@/register?host={tmp_path}&port=1"
    with pytest.raises(DatabaseUnavailableError) as info:
        Register.open(url, key_path=tmp_path / "key")
    assert "nobody" not in info.value.what
