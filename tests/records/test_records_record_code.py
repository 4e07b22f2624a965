"""The resident record code: sealed at rest, masked by default, revealed only under a purpose
that allows it, and never in logs, output, exceptions or the database file."""

from __future__ import annotations

import logging
import pickle
from pathlib import Path

import pytest
from sqlalchemy import MetaData, select, text, update

from counter_app.commands import audit as audit_cli
from counter_app.commands import records as records_cli
from counter_app.config import Configuration
from counter_app.records import (
    OperatorSession,
    Outcome,
    RecordCode,
    Register,
    Role,
)
from counter_app.records.errors import (
    AccessRefusedError,
    DuplicateRecordCodeError,
    RecordCodeFormatError,
    RecordCodeKeyError,
)
from counter_app.records.models import Resident
from tests.support.records_fixtures import FAST_POLICY, SUPERVISOR_PASSWORD, resident

CODE = "83920174655"
OTHER = "20481736592"


def _spellings(code: str) -> list[bytes]:
    """The code as it could sit in a file: ASCII, UTF-16, full-width digits."""
    wide = code.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})
    return [code.encode(), code.encode("utf-16-le"), code.encode("utf-16-be"), wide.encode()]


def test_the_code_shows_masked_unless_revealed() -> None:
    code = RecordCode("８３９２０１７４６５５")  # full-width digits are accepted
    assert code.reveal() == CODE
    for shown in (str(code), repr(code), f"{code}", f"{code!r}", format(code, "s")):
        assert CODE not in shown and "*" in shown
    with pytest.raises(TypeError):
        pickle.dumps(code)
    with pytest.raises(RecordCodeFormatError) as info:
        RecordCode("1234567890X")
    assert "1234567890X" not in str(info.value)


def test_reveal_only_under_a_purpose_that_allows_it_and_audited(
    register: Register, supervisor: OperatorSession
) -> None:
    person = register.residents.add(supervisor, resident(code=CODE))
    assert register.access(supervisor, "identity-check").resident(person).record_code_masked == (
        "*" * 11
    )
    with pytest.raises(AccessRefusedError):
        register.access(supervisor, "identity-check").reveal_record_code(person)
    refused = register.audit_events(1)[0]
    assert (refused.action, refused.outcome) == ("resident.record_code.reveal", Outcome.REFUSED)

    revealed = register.access(supervisor, "card-issuance").reveal_record_code(person)
    assert revealed is not None and revealed.reveal() == CODE
    allowed = register.audit_events(1)[0]
    assert (allowed.action, allowed.outcome) == ("resident.record_code.reveal", Outcome.ALLOWED)
    assert allowed.resident_id == person


def test_the_same_code_cannot_be_registered_twice(
    register: Register, supervisor: OperatorSession
) -> None:
    register.residents.add(supervisor, resident(code=CODE))
    with pytest.raises(DuplicateRecordCodeError) as info:
        register.residents.add(
            supervisor, resident("別人", "二郎", "ベツジン", "ジロウ", code=CODE)
        )
    assert CODE not in str(info.value) and CODE not in repr(info.value)
    assert info.value.__cause__ is None or CODE not in str(info.value.__cause__)
    assert register.residents.count() == 1


def test_a_sealed_code_copied_to_another_resident_does_not_open(
    register: Register, supervisor: OperatorSession
) -> None:
    first = register.residents.add(supervisor, resident(code=CODE))
    second = register.residents.add(supervisor, resident("鈴木", "一", "スズキ", "ハジメ"))
    with register._store.db.transaction() as s:
        sealed = s.scalar(select(Resident.record_code_sealed).where(Resident.id == first))
        s.execute(update(Resident).where(Resident.id == second).values(record_code_sealed=sealed))
    with pytest.raises(RecordCodeKeyError):
        register.access(supervisor, "card-issuance").reveal_record_code(second)


def test_no_code_in_logs_output_errors_or_tables(
    register: Register,
    supervisor: OperatorSession,
    records_url: str,
    records_key_path: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("sqlalchemy.engine", "sqlalchemy.pool", "alembic", "counter_app"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    shown: list[str] = []
    try:
        person = register.residents.add(supervisor, resident(code=CODE))
        register.residents.add(supervisor, resident("佐藤", "花子", "サトウ", "ハナコ", code=OTHER))
        access = register.access(supervisor, "card-issuance")
        shown.append(repr(access.search("ヤマダ")))
        shown.append(repr(access.resident(person)))
        code = access.reveal_record_code(person)
        shown += [str(code), repr(code), f"{code}"]
        for attempt in (
            lambda: register.residents.add(supervisor, resident(code=CODE)),
            lambda: register.access(supervisor, "identity-check").reveal_record_code(person),
            lambda: access.search(CODE),
        ):
            with pytest.raises(Exception) as info:
                attempt()
            shown += [str(info.value), repr(info.value), str(info.value.__cause__)]
        shown.append(repr(register.audit_events(100)))
        monkeypatch.setattr("sys.stdin", _Stdin(SUPERVISOR_PASSWORD))
        config = Configuration(
            data_dir=tmp_path, register_url=records_url, record_code_key_file=records_key_path
        )
        records_cli.residents_search(
            config, "ヤマダ", operator="supervisor", purpose="card-issuance", password_stdin=True,
            as_json=True,
        )  # fmt: skip
        audit_cli.verify_chain(records_url)
    finally:
        for name in ("sqlalchemy.engine", "sqlalchemy.pool", "alembic", "counter_app"):
            logging.getLogger(name).setLevel(logging.NOTSET)
    out = capsys.readouterr()
    everything = "\n".join([caplog.text, out.out, out.err, *shown])
    assert "INSERT INTO residents" in caplog.text  # the SQL log really was on
    assert '"hits"' in out.out
    for secret in (CODE, OTHER):
        assert secret not in everything

    # No table holds either code in any readable form.
    dump = _dump_tables(register)
    for secret in (CODE, OTHER):
        for spelling in _spellings(secret):
            assert spelling not in dump


def test_the_sqlite_file_never_holds_the_code(tmp_path: Path) -> None:
    key = tmp_path / "key"
    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    register = Register.initialise(url, key_path=key, policy=FAST_POLICY)
    register.operators.register(
        None,
        login="boss",
        display_name="b",
        roles=[Role.SUPERVISOR],
        password="boss-pass",
    )
    boss = register.operators.login_with_password("boss", "boss-pass")
    person = register.residents.add(boss, resident(code=CODE))
    register.access(boss, "card-issuance").reveal_record_code(person)
    with register._store.db.engine.connect() as conn:  # bytes still in the WAL count too
        wal_files = [p.read_bytes() for p in tmp_path.iterdir() if p.is_file()]
        conn.execute(text("SELECT 1"))
    register.close()
    files = wal_files + [p.read_bytes() for p in tmp_path.iterdir() if p.is_file()]
    assert any(b"SQLite format 3" in f for f in files)
    for blob in files:
        for spelling in _spellings(CODE):
            assert spelling not in blob


class _Stdin:
    def __init__(self, line: str) -> None:
        self._line = line + "\n"

    def readline(self) -> str:
        return self._line


def _dump_tables(register: Register) -> bytes:
    meta = MetaData()
    meta.reflect(register._store.db.engine)
    chunks: list[bytes] = []
    with register._store.db.engine.connect() as conn:
        for table in meta.sorted_tables:
            for row in conn.execute(select(table)):
                for value in row:
                    chunks.append(value if isinstance(value, bytes) else str(value).encode())
    return b"\x00".join(chunks)
