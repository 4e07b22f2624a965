"""The resident register: search p50/p95, seeding and audit append rates, SQLite and PostgreSQL.

$BENCH_RESIDENTS demo residents (default 1,000,000) are seeded into a SQLite file and into a
throw-away PostgreSQL server (fsync on, database LC_CTYPE C.UTF-8), both in a temporary
directory removed at the end.
Each search goes the clerk's whole way: `PurposeAccess.search` under a purpose, with the
operator check and the audit event committed. Every search row names the indexes its query
plan used. Audit appends are timed with 1 and 4 writer processes (one operator each).
"""

from __future__ import annotations

import multiprocessing
import os
import random
import statistics
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text

from benchmarks import Row, Skipped
from counter_app.records import OperatorPolicy, PurposeCode, Register
from counter_app.records.access import plan_indexes
from counter_app.records.local_postgres import LocalPostgresError, start_local_postgres

RESIDENTS = int(os.environ.get("BENCH_RESIDENTS", "1000000"))
SEARCHES_PER_KIND = 200
APPEND_SECONDS = 3.0
POLICY = OperatorPolicy(argon2_time_cost=1, argon2_memory_kib=1024, argon2_parallelism=1)
PURPOSE = PurposeCode.IDENTITY_CHECK
CLERK = ("demo-verifying", "demo-verifying-password")
Queries = dict[str, list[str]]


def _queries(url: str, rng: random.Random) -> Queries:
    """Search strings a clerk would type, made from a random sample of residents."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            top = conn.execute(text("SELECT max(id) FROM residents")).scalar_one()
            ids = [rng.randint(1, top) for _ in range(SEARCHES_PER_KIND * 3)]
            rows = conn.execute(
                text(
                    "SELECT family_name, given_name, family_name_kana, given_name_kana, "
                    "birth_date, address, latin_name FROM residents WHERE id IN "
                    f"({','.join(map(str, ids))})"
                )
            ).all()
            latin = conn.execute(
                text("SELECT latin_name FROM residents WHERE latin_name IS NOT NULL LIMIT 2000")
            ).all()
    finally:
        engine.dispose()
    queries: Queries = {k: [] for k in ("kana", "kanji", "latin", "birth_date", "address")}
    queries["address (2 characters)"] = []
    for family, given, family_kana, given_kana, born, address, _latin in rows:
        queries["kana"].append(f"{family_kana} {given_kana[:2]}")
        queries["kanji"].append(f"{family} {given}")
        queries["birth_date"].append(str(born))
        folded = unicodedata.normalize("NFKC", address).replace("東京都練馬区", "")
        queries["address"].append(folded.split("番")[0])  # town, 丁目 and 番: 石神井町3丁目12
        queries["address (2 characters)"].append(f"addr:{folded[:2]}")
    for (name,) in rng.sample(latin, min(len(latin), SEARCHES_PER_KIND)):
        family, _, given = name.partition(" ")
        queries["latin"].append(f"{family} {given[:2]}")
    return {kind: values[:SEARCHES_PER_KIND] for kind, values in queries.items()}


def _percentiles(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples), statistics.quantiles(samples, n=100)[94]


def _search_rows(label: str, url: str, key: Path, queries: Queries) -> list[Row]:
    register = Register.open(url, key_path=key, policy=POLICY)
    rows = []
    try:
        session = register.operators.login_with_password(*CLERK)
        access = register.access(session, PURPOSE)
        for kind, values in queries.items():
            for query in values[:10]:  # warm the caches a little
                access.search(query)
            samples = []
            for query in values:
                started = time.perf_counter()
                access.search(query)
                samples.append((time.perf_counter() - started) * 1000)
            p50, p95 = _percentiles(samples)
            used = ", ".join(plan_indexes(register.search_plan(PURPOSE, values[0]))) or "?"
            name = f"records {label}: search {kind} [{used}]"
            rows.append(Row(f"{name} p50", p50, "ms"))
            rows.append(Row(f"{name} p95", p95, "ms"))
    finally:
        register.close()
    return rows


def _append_worker(url: str, key: str, seconds: float, start_at: float) -> int:
    register = Register.open(url, key_path=Path(key), policy=POLICY)
    try:
        session = register.operators.login_with_password(*CLERK)
        while time.time() < start_at:
            time.sleep(0.001)
        done, deadline = 0, time.monotonic() + seconds
        while time.monotonic() < deadline:
            register.operators.logout(session)  # one transaction appending one audit event
            done += 1
        return done
    finally:
        register.close()


def _append_rows(label: str, url: str, key: Path) -> list[Row]:
    rows = []
    context = multiprocessing.get_context("spawn")
    for writers in (1, 4):
        start_at = time.time() + 3.0
        with context.Pool(writers) as pool:
            counts = pool.starmap(
                _append_worker, [(url, str(key), APPEND_SECONDS, start_at)] * writers
            )
        rate = sum(counts) / APPEND_SECONDS
        rows.append(Row(f"records {label}: audit appends, {writers} writer(s)", rate, "events/s"))
    register = Register.open(url, key_path=key, policy=POLICY)
    try:
        if not register.verify_audit_chain().intact:
            raise AssertionError(f"{label}: the audit chain broke under concurrent writers")
    finally:
        register.close()
    return rows


def _measure(label: str, url: str, key: Path, rng: random.Random) -> list[Row]:
    register = Register.initialise(url, key_path=key, policy=POLICY)
    try:
        report = register.seed_demo(RESIDENTS, seed=1)
    finally:
        register.close()
    rows = [Row(f"records {label}: seed-demo {RESIDENTS} residents", report.rows_per_second,
                "rows/s")]  # fmt: skip
    rows += _search_rows(label, url, key, _queries(url, rng))
    rows += _append_rows(label, url, key)
    return rows


def _with_postgres(work: Callable[[str], list[Row]]) -> list[Row]:
    try:
        server = start_local_postgres(("max_connections=60", "shared_buffers=256MB"))
    except LocalPostgresError as exc:
        raise Skipped(str(exc)) from exc
    try:
        engine = create_engine(server.url(), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(  # a UTF-8 LC_CTYPE: pg_trgm finds no trigrams in kanji under "C"
                text(
                    "CREATE DATABASE bench_register TEMPLATE template0 ENCODING 'UTF8' "
                    "LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'"
                )
            )
        engine.dispose()
        return work(server.url("bench_register"))
    finally:
        server.stop()


def run() -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="bench-records-") as tmp:
        key = Path(tmp) / "record-code.key"
        rows += _measure("SQLite", f"sqlite:///{Path(tmp) / 'register.sqlite3'}", key,
                         random.Random(1))  # fmt: skip
        rows += _with_postgres(lambda url: _measure("PostgreSQL", url, key, random.Random(1)))
    return rows
