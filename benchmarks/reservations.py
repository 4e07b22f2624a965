"""Facility reservations on PostgreSQL: 10 kiosk processes booking at once, throughput and p95.

A throw-away PostgreSQL server (fsync on) holds a fresh register. Each kiosk is its own spawned
process with its own connection, acting for its own resident, and goes the whole way of a
booking: the facility and resident checks, the overlap check, the insert under the exclusion
constraint and the audit event, committed. Three runs of $BENCH_BOOKINGS bookings per kiosk
(default 40), each on its own facility of 15-minute slots:

- baseline: one kiosk makes all the bookings of the 10 kiosks, one after the other;
- 10 kiosks, distinct slots: the same bookings shared out (slot i to kiosk i mod 10), so they
  race on the same days of the same facility without ever wanting the same slot;
- 10 kiosks, same slots: every kiosk tries every slot; one wins each, the other nine are
  refused with the next free times (their latency includes finding those).

After the runs the register is checked: no two booked reservations of a facility overlap, and
the audit chain is intact.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import statistics
import tempfile
import time
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path

from sqlalchemy import create_engine, text

from benchmarks import Row, Skipped
from counter_app.records import (
    FacilityInfo,
    FacilityKind,
    Kiosk,
    NewFacility,
    OpeningHours,
    OperatorPolicy,
    Register,
)
from counter_app.records.errors import ReservationError
from counter_app.records.local_postgres import LocalPostgresError, start_local_postgres
from counter_app.records.reservations import LOCAL_TIME, day_slots

KIOSKS = 10
BOOKINGS = int(os.environ.get("BENCH_BOOKINGS", "40"))
POLICY = OperatorPolicy(argon2_time_cost=1, argon2_memory_kib=1024, argon2_parallelism=1)
SUPERVISOR = ("demo-supervisor", "demo-supervisor-password")
HOURS = tuple(OpeningHours(d, dt.time(6), dt.time(22)) for d in range(7))
Sample = tuple[float, bool]  # seconds, booked
Work = tuple[str, int, int, list[str]]  # kiosk id, facility, resident, slot starts
Done = tuple[list[Sample], float, float]  # samples, released at, finished at


def _kiosk(
    url: str,
    key: str,
    work: Work,
    ready: Barrier,
    results: Queue[Done],
) -> None:
    kiosk, facility, resident, starts = work
    register = Register.open(url, key_path=Path(key), policy=POLICY)
    try:
        register.reservations.facility(facility)  # connected before the clock starts
        ready.wait(120)
        began = time.time()
        samples = []
        for start in starts:
            t0 = time.perf_counter()
            try:
                register.reservations.reserve(
                    Kiosk(kiosk), facility, resident, dt.datetime.fromisoformat(start)
                )
                booked = True
            except ReservationError:
                booked = False
            samples.append((time.perf_counter() - t0, booked))
        results.put((samples, began, time.time()))
    finally:
        register.close()


def _slots(facility: FacilityInfo, count: int) -> list[str]:
    """The first `count` slot starts of the facility from the day after tomorrow on."""
    day = dt.datetime.now(LOCAL_TIME).date() + dt.timedelta(days=2)
    found: list[str] = []
    while len(found) < count:
        found += [start.isoformat() for start, _ in day_slots(facility, day)]
        day += dt.timedelta(days=1)
    return found[:count]


def _race(url: str, key: Path, work: list[Work]) -> tuple[list[Sample], float]:
    """Run the kiosks' work at once (each in its own process, all released by one barrier once
    connected): every sample of every kiosk, and the seconds from release to the last finish."""
    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(len(work))
    results: Queue[Done] = context.Queue()
    processes = [
        context.Process(target=_kiosk, args=(url, str(key), w, ready, results)) for w in work
    ]
    for process in processes:
        process.start()
    done = [results.get(timeout=600) for _ in work]
    for process in processes:
        process.join(60)
    samples = [sample for kiosk, _, _ in done for sample in kiosk]
    return samples, max(end for _, _, end in done) - min(began for _, began, _ in done)


def _rows(label: str, samples: list[Sample], seconds: float, baseline: str) -> list[Row]:
    booked = sum(1 for _, ok in samples if ok)
    p95 = statistics.quantiles([s for s, _ in samples], n=100)[94] * 1000
    return [
        Row(f"reservations PostgreSQL: {label}, bookings", booked / seconds, "bookings/s",
            f"reservations PostgreSQL: {baseline}, bookings" if baseline else ""),
        Row(f"reservations PostgreSQL: {label}, attempts", len(samples) / seconds, "attempts/s"),
        Row(f"reservations PostgreSQL: {label}, p95", p95, "ms",
            f"reservations PostgreSQL: {baseline}, p95" if baseline else ""),
    ]  # fmt: skip


def _check(url: str) -> None:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            overlaps = conn.execute(
                text(
                    "SELECT count(*) FROM reservations a JOIN reservations b ON "
                    "a.facility_id = b.facility_id AND a.id < b.id AND a.status = 'booked' "
                    "AND b.status = 'booked' AND a.starts_at < b.ends_at "
                    "AND b.starts_at < a.ends_at"
                )
            ).scalar_one()
    finally:
        engine.dispose()
    if overlaps:
        raise AssertionError(f"{overlaps} pairs of booked reservations overlap")


def _measure(url: str, key: Path) -> list[Row]:
    register = Register.initialise(url, key_path=key, policy=POLICY)
    try:
        register.seed_demo(KIOSKS, seed=1)
        boss = register.operators.login_with_password(*SUPERVISOR)
        facilities = [
            NewFacility(f"bench {name}", FacilityKind.ROOM, 15, HOURS, 100_000, 0)
            for name in ("baseline", "distinct", "same")
        ]
        ids = [register.reservations.add_facility(boss, f) for f in facilities]
        register.operators.logout(boss)
        starts = _slots(register.reservations.facility(ids[0]), KIOSKS * BOOKINGS)
    finally:
        register.close()
    runs: dict[str, list[Work]] = {
        "1 kiosk (baseline)": [("kiosk-0", ids[0], 1, starts)],
        f"{KIOSKS} kiosks, distinct slots": [
            (f"kiosk-{k}", ids[1], k + 1, starts[k::KIOSKS]) for k in range(KIOSKS)
        ],
        f"{KIOSKS} kiosks, same slots": [
            (f"kiosk-{k}", ids[2], k + 1, starts[:BOOKINGS]) for k in range(KIOSKS)
        ],
    }
    rows: list[Row] = []
    for label, work in runs.items():
        samples, seconds = _race(url, key, work)
        rows += _rows(label, samples, seconds, "" if "baseline" in label else "1 kiosk (baseline)")
    _check(url)
    register = Register.open(url, key_path=key, policy=POLICY)
    try:
        if not register.verify_audit_chain().intact:
            raise AssertionError("the audit chain broke under concurrent kiosks")
    finally:
        register.close()
    return rows


def run() -> list[Row]:
    try:
        server = start_local_postgres(("max_connections=60",))  # fsync on, as in production
    except LocalPostgresError as exc:
        raise Skipped(f"PostgreSQL is not installed or did not start: {exc}") from exc
    try:
        with tempfile.TemporaryDirectory(prefix="bench-reservations-") as tmp:
            return _measure(server.url(), Path(tmp) / "record-code.key")
    finally:
        server.stop()
