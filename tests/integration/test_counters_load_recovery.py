"""What the load run found, each proved on its own against a real PostgreSQL server.

A counter's connection is killed by the server (pg_terminate_backend, as an administrator or a
restart does) at the statement where it hurts; the clerk is told, runs the work again, and the
register holds the work once and nothing half-done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, text

from counter_app.card.issuer_keys import IssuerMaterial
from counter_app.card.protocol import ApduTransport
from counter_app.card.reading import read_text
from counter_app.printing.card_face import AddressLinesFullError
from counter_app.printing.layouts import CARD_BACK
from counter_app.records import OperatorSession, Register, Role
from counter_app.records.errors import DatabaseUnavailableError
from counter_app.records.issuance_records import ADDRESS_CHANGED
from counter_app.workflows import CounterContext
from counter_app.workflows.address_change import AddressChangeRequest, AddressChangeWorkflow
from counter_app.workflows.common import IdentityDocument, card_records
from counter_app.workflows.issuance import IssuanceRequest, IssuanceWorkflow
from tests.support.card_fixtures import issuer, manufacture  # noqa: F401  (fixture)
from tests.support.counter_context import counter_context
from tests.support.records_fixtures import (  # noqa: F401  (fixtures)
    fresh_register_url,
    make_operator,
    postgres_admin_url,
    records_key_path,
    records_pg_template,
    register,
    resident,
    supervisor,
)

PIN = "4829"


@pytest.fixture
def records_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """PostgreSQL only: a server that can kill a counter's connection."""
    with fresh_register_url(request, "postgresql", tmp_path) as url:
        yield url


@contextmanager
def connection_killed_at(url: str, statement_start: str) -> Iterator[list[int]]:
    """The server terminates the backend that is about to run a statement starting with
    `statement_start`, the first time only; yields the pids killed."""
    killed: list[int] = []
    admin = create_engine(url, isolation_level="AUTOCOMMIT")

    def before(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if killed or not statement.lstrip().upper().startswith(statement_start):
            return
        pid = conn.connection.dbapi_connection.info.backend_pid
        with admin.connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        killed.append(pid)

    event.listen(Engine, "before_cursor_execute", before)
    try:
        yield killed
    finally:
        event.remove(Engine, "before_cursor_execute", before)
        admin.dispose()


def _count(url: str, sql: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(sql)).scalar_one())
    finally:
        engine.dispose()


@pytest.fixture
def ctx(
    register: Register,  # noqa: F811
    make_operator: Callable[..., OperatorSession],  # noqa: F811
    issuer: IssuerMaterial,  # noqa: F811
    tmp_path: Path,
) -> CounterContext:
    return counter_context(register, make_operator("clerk", Role.ISSUING_CLERK), issuer, tmp_path)


def test_issuance_whose_card_record_lost_its_connection_is_recorded_once_on_run_again(
    ctx: CounterContext,
    records_url: str,
    supervisor: OperatorSession,  # noqa: F811
    issuer: IssuerMaterial,  # noqa: F811
    tmp_path: Path,
) -> None:
    resident_id = ctx.register.residents.add(supervisor, resident())
    card = manufacture(issuer, tmp_path / "blank.json")
    request = IssuanceRequest(resident_id, (IdentityDocument.PASSPORT,), PIN)
    workflow = IssuanceWorkflow(ctx, request, card.reader.connect)
    with (
        connection_killed_at(records_url, "INSERT INTO CARDS ") as killed,
        pytest.raises(DatabaseUnavailableError),
    ):
        workflow.run()
    assert killed and workflow.progress().failed_step == "record"
    result = workflow.run()  # the clerk presses "run again"
    assert result.printed is not None
    assert _count(records_url, "SELECT count(*) FROM cards") == 1
    assert _count(records_url, "SELECT count(*) FROM card_applications") == 1
    assert (
        _count(records_url, "SELECT count(*) FROM card_applications WHERE status <> 'issued'") == 0
    )
    assert ctx.register.verify_audit_chain().intact


def test_address_change_whose_print_data_lost_its_connection_is_recorded_once_on_run_again(
    ctx: CounterContext,
    records_url: str,
    supervisor: OperatorSession,  # noqa: F811
    issuer: IssuerMaterial,  # noqa: F811
    tmp_path: Path,
) -> None:
    resident_id = ctx.register.residents.add(supervisor, resident())
    card = manufacture(issuer, tmp_path / "card.json")
    request = IssuanceRequest(resident_id, (IdentityDocument.PASSPORT,), PIN)
    issuance = IssuanceWorkflow(ctx, request, card.reader.connect)
    issued = issuance.run()
    assert issuance.cardholder is not None
    unlock = issuance.cardholder.unlock_number
    move = AddressChangeRequest(
        resident_id, dt.date.today(), PIN, unlock, new_address="東京都港区芝公園4-2-8"
    )
    workflow = AddressChangeWorkflow(ctx, move, card.reader.connect)
    with (
        connection_killed_at(records_url, "UPDATE CARD_PRINT_DATA ") as killed,
        pytest.raises(DatabaseUnavailableError),
    ):
        workflow.run()
    assert killed and workflow.progress().failed_step == "record"
    result = workflow.run()  # the clerk presses "run again"
    assert result.line_index == 0  # the first line of the card's back, not the second
    assert card_records(ctx).address_changes(issued.serial) == [dt.date.today()]
    moves = "SELECT count(*) FROM audit_events WHERE action = 'resident.address_changed'"
    assert _count(records_url, moves) == 1
    assert ctx.register.verify_audit_chain().intact


def test_address_change_on_a_card_whose_back_is_full_is_refused_before_the_chip_changes(
    ctx: CounterContext,
    supervisor: OperatorSession,  # noqa: F811
    issuer: IssuerMaterial,  # noqa: F811
    tmp_path: Path,
) -> None:
    """The load run changed some cards' addresses more often than their backs have lines: the
    chip and the register took the seventh change, then printing failed with "check the
    printer" however often the clerk tried."""
    resident_id = ctx.register.residents.add(supervisor, resident())
    card = manufacture(issuer, tmp_path / "card.json")
    request = IssuanceRequest(resident_id, (IdentityDocument.PASSPORT,), PIN)
    issuance = IssuanceWorkflow(ctx, request, card.reader.connect)
    issued = issuance.run()
    assert issuance.cardholder is not None
    records = card_records(ctx)
    for _ in CARD_BACK.lines:  # six changes already on the back
        detail = {"moved_on": dt.date.today().isoformat(), "kind": "転居"}
        records.record_card_event(
            ctx.operator, "card-service", issued.serial, ADDRESS_CHANGED, detail
        )
    move = AddressChangeRequest(
        resident_id,
        dt.date.today(),
        PIN,
        issuance.cardholder.unlock_number,
        new_address="東京都港区芝公園4-2-8",
    )
    workflow = AddressChangeWorkflow(ctx, move, card.reader.connect)
    with pytest.raises(AddressLinesFullError) as refused:
        workflow.run()
    assert refused.value.todo.startswith("Re-issue the card")
    assert workflow.progress().failed_step == "resident"
    text = read_text(ApduTransport(card.reader.connect()), PIN, trust=issuer.trust)
    assert text.attributes is not None and "芝公園" not in text.attributes.address
    summary = ctx.register.access(supervisor, "card-service").resident(resident_id).summary
    assert "芝公園" not in summary.address
    assert len(records.address_changes(issued.serial)) == len(CARD_BACK.lines)
