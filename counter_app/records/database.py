"""Connecting to the register: the URL, the engine, transactions, and what a lost link means.

SQLite (the default, one counter) runs in WAL mode with foreign keys on; every transaction that
may write starts with BEGIN IMMEDIATE, so writers queue instead of failing half-way. PostgreSQL
(a register shared by several counters) is reached through psycopg 3. Database errors that mean
"the server went away" or "it is busy" become `DatabaseUnavailableError` / `DatabaseBusyError`
after the transaction was rolled back, so the clerk is told and nothing half-done remains.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from counter_app.records.errors import (
    DatabaseBusyError,
    DatabaseNotInitialisedError,
    DatabaseUnavailableError,
    DatabaseUrlError,
)

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_S = 30.0
_BEGIN_OPTION = "counter_begin"


def resolve_url(url: str) -> URL:
    """The register's URL (the configuration's `register`) with the driver this program uses."""
    if not url:
        raise DatabaseUrlError("no register URL was given")
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseUrlError("the register URL could not be parsed") from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif parsed.drivername == "sqlite":
        parsed = parsed.set(drivername="sqlite+pysqlite")
    if parsed.drivername not in ("postgresql+psycopg", "sqlite+pysqlite"):
        raise DatabaseUrlError(f"unsupported database kind {parsed.drivername!r}")
    return parsed


def describe_url(url: URL) -> str:
    """The URL for messages: never the password."""
    return url.render_as_string(hide_password=True)


def make_engine(url: URL) -> Engine:
    """An engine for the register; statement parameters never appear in logs or errors."""
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, hide_parameters=True, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S}
        )
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    return create_engine(
        url, hide_parameters=True, pool_pre_ping=True, connect_args={"connect_timeout": 10}
    )


def _sqlite_on_connect(dbapi_connection: Any, _record: object) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN, so that it can be BEGIN IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get(_BEGIN_OPTION, "IMMEDIATE")
    connection.exec_driver_sql(f"BEGIN {mode}")


class Database:
    """The engine and sessions of one register, with errors translated for the clerk."""

    def __init__(self, url: URL, engine: Engine | None = None) -> None:
        self.url = url
        self.engine = engine or make_engine(url)
        self._writer = sessionmaker(self.engine, expire_on_commit=False)
        self._reader = sessionmaker(
            self.engine.execution_options(**{_BEGIN_OPTION: "DEFERRED"}), expire_on_commit=False
        )

    @property
    def dialect(self) -> str:
        """ "sqlite" or "postgresql"."""
        return self.url.get_backend_name()

    @contextmanager
    def transaction(self, *, read_only: bool = False) -> Iterator[Session]:
        """A session in one transaction: committed at the end, rolled back on any error."""
        factory = self._reader if read_only else self._writer
        with translate_errors(), factory() as session, session.begin():
            yield session

    def vacuum_after_bulk_load(self) -> None:
        """PostgreSQL: VACUUM (ANALYZE) the resident tables after a bulk load has committed.

        Sets the hint bits and the visibility map now (index-only scans, no page dirtied by the
        first searches) and the planner's statistics, instead of an autovacuum of the whole
        table competing with the clerks' first searches. SQLite: nothing to do.
        """
        if self.url.get_backend_name() != "postgresql":
            return
        with (
            translate_errors(),
            self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn,
        ):
            conn.execute(text("VACUUM (ANALYZE) households, residents"))

    def table_names(self) -> set[str]:
        """The tables that exist in the register."""
        with translate_errors(), self.engine.connect() as conn:
            return set(inspect(conn).get_table_names())

    def ping(self) -> None:
        """Raise DatabaseUnavailableError unless the server answers."""
        with translate_errors(), self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


_BUSY = ("database is locked", "database table is locked", "lock timeout")


@contextmanager
def translate_errors() -> Iterator[None]:
    """Turn driver errors that mean lost/busy/missing register into the clerk's errors."""
    try:
        yield
    except DBAPIError as exc:
        orig = exc.orig
        message = str(orig).lower()
        if "no such table" in message or type(orig).__name__ == "UndefinedTable":
            raise DatabaseNotInitialisedError("a table of the register is missing") from exc
        if any(s in message for s in _BUSY):
            raise DatabaseBusyError("the database stayed locked") from exc
        if exc.connection_invalidated or isinstance(exc, OperationalError):
            log.warning("register connection lost (%s)", type(orig).__name__)
            raise DatabaseUnavailableError("the database connection was lost") from exc
        raise
