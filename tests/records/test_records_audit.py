"""The audit trail: a hash chain that `counter-app audit verify` checks, one chain even with
several writers at once."""

from __future__ import annotations

import itertools
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Connection, func, select, text
from sqlalchemy.exc import DBAPIError

import main
from counter_app.records import OperatorSession, Register
from counter_app.records.audit import GENESIS_HASH, canonical_bytes, event_hash
from counter_app.records.models import AuditEvent
from tests.support.records_fixtures import resident

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def trail(register: Register, supervisor: OperatorSession) -> int:
    """A register with a few events of every kind; returns the number of events."""
    person = register.residents.add(supervisor, resident())
    access = register.access(supervisor, "identity-check")
    access.search("ヤマダ")
    access.resident(person)
    register.audit_events()
    report = register.verify_audit_chain()
    assert report.intact
    return report.events


@contextmanager
def tampering(register: Register) -> Iterator[Connection]:
    """A connection of someone who removed the append-only triggers first."""
    with register._store.db.engine.begin() as conn:
        if register._store.db.dialect == "sqlite":
            conn.execute(text("DROP TRIGGER audit_events_no_update"))
            conn.execute(text("DROP TRIGGER audit_events_no_delete"))
        else:
            conn.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
        yield conn


def verify(url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main.main(["audit", "verify", "--db", url])
    return code, capsys.readouterr().out


def test_intact_chain_verifies(
    trail: int, records_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = verify(records_url, capsys)
    assert code == 0
    assert f"intact: {trail} events" in out


def test_altered_event_is_named(
    register: Register, trail: int, records_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with tampering(register) as conn:
        conn.execute(text("UPDATE audit_events SET outcome = 'allowed' WHERE seq = 3"))
    code, out = verify(records_url, capsys)
    assert code == 1
    assert "BROKEN at event 3" in out and "altered" in out


def test_altered_event_with_recomputed_hash_breaks_the_next_link(
    register: Register, trail: int, records_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with register._store.db.transaction(read_only=True) as s:
        row = s.scalar(select(AuditEvent).where(AuditEvent.seq == 2))
        assert row is not None
        s.expunge(row)
    row.action = "nothing.to.see"
    forged = event_hash(row)
    with tampering(register) as conn:
        conn.execute(
            text("UPDATE audit_events SET action = 'nothing.to.see', hash = :h WHERE seq = 2"),
            {"h": forged},
        )
    code, out = verify(records_url, capsys)
    assert code == 1
    assert "BROKEN at event 3" in out and "does not follow event 2" in out


def test_deleted_event_is_named(
    register: Register, trail: int, records_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with tampering(register) as conn:
        conn.execute(text("DELETE FROM audit_events WHERE seq = 4"))
    code, out = verify(records_url, capsys)
    assert code == 1
    assert "BROKEN at event 4" in out and "missing" in out


def test_deleted_last_event_is_named(
    register: Register, trail: int, records_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with tampering(register) as conn:
        conn.execute(text("DELETE FROM audit_events WHERE seq = :n"), {"n": trail})
    code, out = verify(records_url, capsys)
    assert code == 1
    assert f"BROKEN at event {trail}" in out


def test_reordered_events_are_named(
    register: Register, trail: int, records_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with tampering(register) as conn:
        conn.execute(text("UPDATE audit_events SET seq = -1 WHERE seq = 2"))
        conn.execute(text("UPDATE audit_events SET seq = 2 WHERE seq = 3"))
        conn.execute(text("UPDATE audit_events SET seq = 3 WHERE seq = -1"))
    code, out = verify(records_url, capsys)
    assert code == 1
    assert "BROKEN at event 2" in out


def test_the_database_refuses_to_change_or_delete_events(register: Register, trail: int) -> None:
    for statement in (
        "UPDATE audit_events SET action = 'x' WHERE seq = 1",
        "DELETE FROM audit_events WHERE seq = 1",
    ):
        with pytest.raises(DBAPIError), register._store.db.engine.begin() as conn:
            conn.execute(text(statement))
    assert register.verify_audit_chain().intact


def test_canonical_form_is_pinned() -> None:
    event = AuditEvent(
        seq=1,
        occurred_at="2024-04-01T09:00:00.000000Z",
        operator_id=7,
        action="resident.read",
        outcome="allowed",
        purpose_code="card-issuance",
        resident_id=42,
        detail='{"via":"applicant"}',
        prev_hash=GENESIS_HASH,
    )
    assert (
        canonical_bytes(event)
        == (
            '{"action":"resident.read","at":"2024-04-01T09:00:00.000000Z",'
            '"detail":"{\\"via\\":\\"applicant\\"}","operator":7,"outcome":"allowed",'
            '"prev":"' + "0" * 64 + '","purpose":"card-issuance","resident":42,"seq":1,"v":1}'
        ).encode()
    )


WORKER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from counter_app.records import Outcome, Register
    url, key = sys.argv[1], sys.argv[2]
    worker, count, start = int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
    register = Register.open(url, key_path=Path(key))
    time.sleep(max(0.0, start - time.time()))
    for i in range(count):
        with register._store.db.transaction() as s:
            register.audit.append(s, action="test.concurrent", outcome=Outcome.OK,
                                  detail={"worker": worker, "i": i})
        time.sleep(0.01)  # a counter does other work between two steps
    register.close()
    """
)


def test_four_writers_at_once_leave_one_valid_chain(
    register: Register, records_url: str, records_key_path: Path
) -> None:
    import time

    before = register.verify_audit_chain().events
    workers, count = 4, 40
    start = time.time() + 2.0
    procs = []
    for w in range(workers):
        args = [records_url, str(records_key_path), str(w), str(count), str(start)]
        procs.append(
            subprocess.Popen(
                [sys.executable, "-c", WORKER, *args], cwd=ROOT, stderr=subprocess.PIPE, text=True
            )
        )
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * workers, errors
    report = register.verify_audit_chain()
    assert report.intact, report.reason
    assert report.events == before + workers * count
    with register._store.db.transaction(read_only=True) as s:
        per_worker = dict(
            s.execute(
                select(AuditEvent.detail, func.count())
                .where(AuditEvent.action == "test.concurrent")
                .group_by(AuditEvent.detail)
            ).all()
        )
    assert len(per_worker) == workers * count  # every (worker, i) exactly once
    with register._store.db.transaction(read_only=True) as s:
        order = [
            d.split('"worker":')[1].rstrip("}")
            for d in s.scalars(
                select(AuditEvent.detail)
                .where(AuditEvent.action == "test.concurrent")
                .order_by(AuditEvent.seq)
            )
        ]
    switches = sum(a != b for a, b in itertools.pairwise(order))
    assert switches > workers, "the writers did not overlap; the test proved nothing"
