"""The audit search: a page of 100 events on a trail of $BENCH_AUDIT_EVENTS events (default
1,000,000), SQLite and PostgreSQL, with the search indexes of migration 0007 and, as the
baseline in the same run, with only the two indexes the trail had before.

Events are inserted directly (200 operators, 30 actions, 3 % refused, 20,000 residents, a year
of times); their hashes are placeholders, which the search does not read. Each search goes the
supervisor's whole way (`AuditSearch.search`: the role check and its own audit event committed).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from benchmarks import Row
from benchmarks._postgres import with_bench_database
from counter_app.records import AuditFilter, OperatorPolicy, Outcome, Register, Role

EVENTS = int(os.environ.get("BENCH_AUDIT_EVENTS", "1000000"))
SEARCHES = 40
BATCH = 20_000
POLICY = OperatorPolicy(argon2_time_cost=1, argon2_memory_kib=1024, argon2_parallelism=1)
START = dt.datetime(2025, 12, 1, tzinfo=dt.UTC)
NEW_INDEXES = (
    "ix_audit_events_occurred_at_seq",
    "ix_audit_events_operator_id_occurred_at_seq",
    "ix_audit_events_resident_id_occurred_at_seq",
    "ix_audit_events_purpose_code_occurred_at_seq",
    "ix_audit_events_action_occurred_at_seq",
    "ix_audit_events_outcome_occurred_at_seq",
)
OLD_INDEXES = (
    "CREATE INDEX ix_audit_events_operator_id_occurred_at ON audit_events "
    "(operator_id, occurred_at)",
    "CREATE INDEX ix_audit_events_resident_id_occurred_at ON audit_events "
    "(resident_id, occurred_at)",
)
ACTIONS = [f"bench.action{n:02d}" for n in range(29)] + ["operator.login"]
PURPOSES = ["identity-check", "card-issuance", "card-service", "supervision", None]


def _fill(url: str) -> None:
    """EVENTS events straight into the table, and the chain head after them."""
    rng = random.Random(7)
    engine = create_engine(url)
    seconds = 365 * 24 * 3600
    try:
        with engine.begin() as conn:
            first = conn.execute(text("SELECT last_seq FROM audit_chain_head")).scalar_one() + 1
            last = first + EVENTS - 1
            for start in range(first, last + 1, BATCH):
                rows = []
                for seq in range(start, min(start + BATCH, last + 1)):
                    at = START + dt.timedelta(seconds=seconds * (seq - first) / EVENTS)
                    rows.append(
                        {
                            "seq": seq,
                            "at": at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                            "operator": rng.randint(1000, 1199),
                            "action": rng.choice(ACTIONS),
                            "outcome": "refused" if rng.random() < 0.03 else "ok",
                            "purpose": rng.choice(PURPOSES),
                            "resident": rng.randint(1, 20_000) if rng.random() < 0.6 else None,
                            "hash": f"{seq:064x}",
                        }
                    )
                conn.execute(
                    text(
                        "INSERT INTO audit_events (seq, occurred_at, operator_id, action, "
                        "outcome, purpose_code, resident_id, detail, prev_hash, hash) VALUES "
                        "(:seq, :at, :operator, :action, :outcome, :purpose, :resident, '{}', "
                        ":hash, :hash)"
                    ),
                    rows,
                )
            conn.execute(
                text("UPDATE audit_chain_head SET last_seq = :n, last_hash = :h WHERE id = 1"),
                {"n": last, "h": f"{last:064x}"},
            )
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("VACUUM ANALYZE audit_events"))
            else:  # and fold the big write-ahead log in now, not during the first searches
                conn.execute(text("ANALYZE"))
                conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    finally:
        engine.dispose()


def _use_old_indexes(url: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            for name in NEW_INDEXES:
                conn.execute(text(f"DROP INDEX {name}"))
            for statement in OLD_INDEXES:
                conn.execute(text(statement))
            conn.execute(text("ANALYZE audit_events"))
        if engine.dialect.name == "sqlite":
            with engine.connect() as conn:
                conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    finally:
        engine.dispose()


def _searches(rng: random.Random) -> dict[str, list[AuditFilter]]:
    """Searches a supervisor makes: a month or a week, by one condition or two."""

    def month() -> tuple[dt.datetime, dt.datetime]:
        since = START + dt.timedelta(days=rng.randint(0, 330))
        return since, since + dt.timedelta(days=30)

    def make(**conditions: object) -> AuditFilter:
        since, until = month()
        return AuditFilter(since=since, until=until, **conditions)  # type: ignore[arg-type]

    return {
        "operator in a month": [make(operator_id=rng.randint(1000, 1199)) for _ in range(SEARCHES)],
        "refused in a month": [make(outcome=Outcome.REFUSED) for _ in range(SEARCHES)],
        "operator + refused": [
            make(operator_id=rng.randint(1000, 1199), outcome=Outcome.REFUSED)
            for _ in range(SEARCHES)
        ],
        "resident, any time": [
            AuditFilter(resident_id=rng.randint(1, 20_000)) for _ in range(SEARCHES)
        ],
        "action in a month": [make(action="operator.login") for _ in range(SEARCHES)],
        "a month": [make() for _ in range(SEARCHES)],
    }


def _time(register: Register, label: str, variant: str) -> list[Row]:
    session = register.operators.login_with_password("bench", "bench-password")
    rows = []
    for kind, filters in _searches(random.Random(3)).items():
        for f in filters[:5]:  # warm the caches a little
            register.audit_search.search(session, f)
        samples = []
        for f in filters:
            started = time.perf_counter()
            register.audit_search.search(session, f)
            samples.append((time.perf_counter() - started) * 1000)
        name = f"audit search {label}: {kind}, page of 100"
        p50 = statistics.median(samples)
        p95 = statistics.quantiles(samples, n=100)[94]
        if variant == "new":
            rows.append(Row(f"{name} p50", p50, "ms", f"{name} p50, old indexes"))
            rows.append(Row(f"{name} p95", p95, "ms", f"{name} p95, old indexes"))
        else:
            rows.append(Row(f"{name} p50, old indexes", p50, "ms"))
            rows.append(Row(f"{name} p95, old indexes", p95, "ms"))
    return rows


def _measure(label: str, url: str, key: Path) -> list[Row]:
    register = Register.initialise(url, key_path=key, policy=POLICY)
    try:
        register.operators.register(
            None, login="bench", display_name="bench", roles=[Role.SUPERVISOR],
            password="bench-password",
        )  # fmt: skip
    finally:
        register.close()
    started = time.perf_counter()
    _fill(url)
    fill_rate = EVENTS / (time.perf_counter() - started)
    register = Register.open(url, key_path=key, policy=POLICY)
    try:
        new = _time(register, label, "new")
    finally:
        register.close()
    _use_old_indexes(url)
    register = Register.open(url, key_path=key, policy=POLICY)
    try:
        old = _time(register, label, "old")
    finally:
        register.close()
    fill = Row(f"audit search {label}: {EVENTS} events inserted", fill_rate, "events/s")
    return [fill, *old, *new]  # baselines first, so the table can show the ratios


def run() -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="bench-audit-") as tmp:
        key = Path(tmp) / "record-code.key"
        rows += _measure("SQLite", f"sqlite:///{Path(tmp) / 'register.sqlite3'}", key)
        if os.environ.get("BENCH_AUDIT_POSTGRES", "1") != "0":
            rows += with_bench_database("bench_audit", lambda url: _measure("PostgreSQL", url, key))
    return rows
