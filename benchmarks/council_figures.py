"""Figures for the council on a seeded register: seconds per figure group, SQLite and PostgreSQL.

$BENCH_STATS_RESIDENTS demo residents (default 100,000, about a minute in all; set 1000000 for
the issue's size) are seeded as `counter-app db seed-demo` does, then cards, applications, fees,
status changes and audit events are added in bulk with INSERT ... SELECT over the residents:
a card for one resident in nine (some returned, some free), $BENCH_STATS_EVENTS_PER_RESIDENT
audit events per resident (default 5: look-ups, library uses and other work) spread over the
office hours of 2025, counted into the hourly counts as the migration counts a trail. The added
events carry no valid hashes: the register is thrown away. The figures are those of 2025; each
figure group is timed in its own read transaction, and for comparison the look-ups and service
uses are also counted from the events themselves, as before the hourly counts. The baseline is
a plain COUNT(*) of the residents in the same run.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from benchmarks import Row
from benchmarks._postgres import with_bench_database
from counter_app.records import OperatorPolicy, Register
from counter_app.records.audit import format_timestamp
from counter_app.records.audit_search import day_start
from counter_app.records.statistics import IDENTITY_LOOKUPS, SERVICE_USES, counts_from_events

RESIDENTS = int(os.environ.get("BENCH_STATS_RESIDENTS", "100000"))
EVENTS_PER_RESIDENT = int(os.environ.get("BENCH_STATS_EVENTS_PER_RESIDENT", "5"))
POLICY = OperatorPolicy(argon2_time_cost=1, argon2_memory_kib=1024, argon2_parallelism=1)
SUPERVISOR = ("demo-supervisor", "demo-supervisor-password")
START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
ISSUE_DAYS = ("2016-03-01", "2025-02-10", "2025-06-20", "2025-11-05")
EVENT_ACTIONS = ("resident.search", "resident.read", "library.lend", "card.issued",
                 "resident.cards", "kiosk.certificate.issued", "operator.login")  # fmt: skip
# The migration's count of the events into audit_hour_counts, for the events added here in bulk.
COUNT_EVENTS = str(
    importlib.import_module(
        "counter_app.records.migrations.versions.0009_statistics_counts"
    ).COUNT_EVENTS
)
PURPOSES = ("identity-check", "card-issuance", "library-desk", "supervision")


def _case(column: str, values: tuple[str, ...], cast: str = "") -> str:
    whens = " ".join(
        f"WHEN {column} % {len(values)} = {i} THEN {cast}'{v}'" for i, v in enumerate(values)
    )
    return f"CASE {whens} END"


def _event_time(pg: bool, n: int) -> str:
    """An audit timestamp spread over 2025: any day, 00:00 to 10:00 UTC (office hours in
    Japan), any second of the hour, from the resident's id and the event's number `n`."""
    x = f"(id * 7 + {n})"
    if pg:
        return (
            f"to_char(TIMESTAMP '2025-01-01' + make_interval(days => {x} % 365, "
            f"hours => {x} % 10, secs => {x} % 3600), "
            """'YYYY-MM-DD"T"HH24:MI:SS".000000Z"')"""
        )
    return (
        f"strftime('%Y-%m-%dT%H:%M:%S.000000Z', '2025-01-01', '+' || ({x} % 365) || ' days', "
        f"'+' || ({x} % 10) || ' hours', '+' || ({x} % 3600) || ' seconds')"
    )


def _fill(url: str) -> None:
    """Cards, applications, fees, status changes and audit events over the seeded residents."""
    engine = create_engine(url)
    pg = engine.dialect.name == "postgresql"
    date, stamp = ("DATE ", "TIMESTAMP ") if pg else ("", "")
    concat = "'B' || CAST(id AS TEXT)"
    try:
        with engine.begin() as conn:
            sup = conn.execute(text("SELECT min(id) FROM operators")).scalar_one()
            conn.execute(text(
                "INSERT INTO cards (id, serial, holder_id, kind, status, issued_on, expires_on, "
                "chip_key_fingerprint, issuer_key_id) "
                f"SELECT id, {concat}, id, 'photo', "
                "CASE WHEN id % 45 = 0 THEN 'returned' ELSE 'active' END, "
                f"{_case('id', ISSUE_DAYS, date)}, "
                f"CASE WHEN id % 4 = 0 THEN {date}'2026-03-01' ELSE {date}'2035-03-01' END, "
                "'ab', 'CA' FROM residents WHERE id % 9 = 0"
            ))  # fmt: skip
            conn.execute(text(
                "INSERT INTO card_applications (id, resident_id, card_kind, received_at, "
                "received_by, status, card_id) "
                f"SELECT id, holder_id, 'photo', {stamp}'2025-01-05 01:00:00', {sup}, 'issued', "
                "id FROM cards"
            ))  # fmt: skip
            conn.execute(text(
                "INSERT INTO application_fees (application_id, amount_yen, exemption_ground, "
                "proof_kind, proof_number, checked_by, checked_at) "
                "SELECT id, CASE WHEN id % 10 = 0 THEN 0 ELSE 500 END, "
                "CASE WHEN id % 10 = 0 THEN 'licence_returned' END, "
                "CASE WHEN id % 10 = 0 THEN 'driving_history_cert' END, NULL, "
                f"CASE WHEN id % 10 = 0 THEN {sup} END, NULL FROM card_applications"
            ))  # fmt: skip
            conn.execute(text(
                "INSERT INTO card_status_changes (card_id, status, reason, changed_at, "
                f"operator_id) SELECT id, status, 'bench', {stamp}'2025-07-01 03:00:00', {sup} "
                "FROM cards WHERE status <> 'active'"
            ))  # fmt: skip
            top = conn.execute(text("SELECT coalesce(max(seq), 0) FROM audit_events")).scalar_one()
            for n in range(EVENTS_PER_RESIDENT):
                first = top + 1 + n * RESIDENTS
                conn.execute(text(
                    "INSERT INTO audit_events (seq, occurred_at, operator_id, action, outcome, "
                    "purpose_code, resident_id, detail, prev_hash, hash) "
                    f"SELECT {first} + id, {_event_time(pg, n)}, {sup}, "
                    f"{_case(f'(id * 3 + {n})', EVENT_ACTIONS)}, "
                    "CASE WHEN id % 13 = 0 THEN 'refused' ELSE 'allowed' END, "
                    f"{_case(f'(id + {n})', PURPOSES)}, id, '{{}}', '0', '0' FROM residents"
                ))  # fmt: skip
            conn.execute(text("UPDATE audit_chain_head SET last_seq = "
                              "(SELECT max(seq) FROM audit_events)"))  # fmt: skip
            conn.execute(text("DELETE FROM audit_hour_counts"))
            conn.execute(text(COUNT_EVENTS))  # as the append would have counted them
            if not pg:
                conn.execute(text("ANALYZE"))
        if pg:  # as autovacuum leaves a register: statistics and the visibility map set
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM (ANALYZE)"))
    finally:
        engine.dispose()


def _count_events(url: str) -> float:
    """Seconds to count the look-ups and service uses of the period from the events themselves,
    as the figures did before the hourly counts (for comparison)."""
    since, until = (format_timestamp(day_start(d)) for d in (START, END + dt.timedelta(days=1)))
    engine = create_engine(url)
    try:
        with Session(engine) as s:
            began = time.perf_counter()
            for actions in (IDENTITY_LOOKUPS, tuple(SERVICE_USES)):
                counts_from_events(s, actions, since, until)
            return time.perf_counter() - began
    finally:
        engine.dispose()


def _measure(label: str, url: str, key: Path) -> list[Row]:
    register = Register.initialise(url, key_path=key, policy=POLICY)
    try:
        register.seed_demo(RESIDENTS, seed=1)
    finally:
        register.close()
    _fill(url)
    register = Register.open(url, key_path=key, policy=POLICY)
    prefix = f"statistics {label}"
    baseline = f"{prefix}: COUNT(*) residents"
    try:
        register.statistics.compute(START, END)  # warm the caches once
        began = time.perf_counter()
        register.statistics.count_residents()
        rows = [
            Row(f"{prefix}: residents seeded", RESIDENTS, "residents"),
            Row(f"{prefix}: audit events added", RESIDENTS * EVENTS_PER_RESIDENT, "events"),
            Row(baseline, time.perf_counter() - began, "s"),
        ]
        for name, seconds in register.statistics.timed(START, END).items():
            rows.append(Row(f"{prefix}: {name}", seconds, "s", baseline))
        rows.append(Row(f"{prefix}: look-ups and uses counted from the events (no hour counts)",
                        _count_events(url), "s", baseline))  # fmt: skip
        session = register.operators.login_with_password(*SUPERVISOR)
        began = time.perf_counter()
        figures = register.statistics.figures(session, START, END)
        rows.append(Row(f"{prefix}: every figure, audited", time.perf_counter() - began, "s",
                        baseline))  # fmt: skip
        overall = figures.figure("holding_rate")
        if overall.count("residents") == 0 or overall.count("cards") == 0:
            raise AssertionError(f"{label}: the seeded register gave no holding rate")
    finally:
        register.close()
    return rows


def run() -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="bench-statistics-") as tmp:
        key = Path(tmp) / "record-code.key"
        rows += _measure("SQLite", f"sqlite:///{Path(tmp) / 'register.sqlite3'}", key)
        rows += with_bench_database(
            "bench_statistics",
            lambda url: _measure("PostgreSQL", url, key),
            options="LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'",
        )
    return rows
