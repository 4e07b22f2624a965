"""A throw-away PostgreSQL server with one database for a benchmark, or Skipped without one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from sqlalchemy import create_engine, text

from benchmarks import Skipped
from counter_app.records.local_postgres import LocalPostgresError, start_local_postgres

T = TypeVar("T")


def with_bench_database(
    name: str,
    work: Callable[[str], T],
    *,
    settings: Sequence[str] = ("shared_buffers=256MB",),
    options: str = "",
) -> T:
    """Start a server, create database `name` (UTF-8, `options` added), run `work` on its URL,
    stop the server."""
    try:
        server = start_local_postgres(tuple(settings))
    except LocalPostgresError as exc:
        raise Skipped(str(exc)) from exc
    try:
        engine = create_engine(server.url(), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(
                text(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' {options}")
            )
        engine.dispose()
        return work(server.url(name))
    finally:
        server.stop()
