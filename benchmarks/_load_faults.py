"""The load run's fault injector: a thread that breaks things at random times and keeps count.

Four kinds, each at least `minimum` times when there is time for it:

- `connection killed`: pg_terminate_backend on a counter's connection that is inside a
  transaction ('idle in transaction') or running a statement ('active');
- `server restarted`: `pg_ctl restart -m fast` (every open transaction rolls back);
- `pcscd restarted`: the pcscd started for the run, under the counter reading through it;
- `printer failed`: the PDF printer refuses every job for a few seconds (a paper jam).
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text

from benchmarks._load_counter import JAM_FILE, READING_FILE
from counter_app.records.local_postgres import LocalPostgres

KILLED = "connection killed"
RESTARTED = "server restarted"
PCSCD = "pcscd restarted"
PRINTER = "printer failed"
KINDS = (KILLED, RESTARTED, PCSCD, PRINTER)
JAM_S = 4.0

_IN_TRANSACTION = text(
    "SELECT pid, state FROM pg_stat_activity WHERE backend_type = 'client backend'"
    " AND pid <> pg_backend_pid() AND datname = current_database()"
    " AND state IN ('idle in transaction', 'active')"
)


@dataclass(frozen=True)
class Fault:
    """One injected fault: its kind and when (wall clock) it was done."""

    kind: str
    at: float
    note: str = ""


@dataclass
class FaultInjector:
    """Injects `count` faults spread over `seconds`, each kind in turn in a shuffled order."""

    server: LocalPostgres
    database_url: str
    printer: Path
    seconds: float
    count: int
    restart_pcscd: Callable[[], None] | None  # None: pcscd is not ours to restart
    seed: int = 7
    faults: list[Fault] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def kinds(self) -> list[str]:
        available = [k for k in KINDS if k != PCSCD or self.restart_pcscd is not None]
        order = (available * (self.count // len(available) + 1))[: max(self.count, 0)]
        random.Random(self.seed).shuffle(order)
        return order

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="fault-injector", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(120)
        (self.printer / JAM_FILE).unlink(missing_ok=True)

    def _run(self) -> None:
        order = self.kinds()
        rng = random.Random(self.seed)
        # Faults in the middle 80 % of the run, one per equal share at a random point of it.
        share = self.seconds * 0.8 / max(len(order), 1)
        began = time.monotonic()
        for n, kind in enumerate(order):
            due = began + self.seconds * 0.1 + share * (n + rng.uniform(0.1, 0.9))
            if self._stop.wait(max(due - time.monotonic(), 0)):
                return
            try:
                self._inject(kind)
            except Exception as exc:  # a failed injection is reported, not fatal
                self.failures.append(f"{kind}: {type(exc).__name__}: {exc}")

    def _inject(self, kind: str) -> None:
        if kind == KILLED:
            pid = self._kill_in_transaction()
            self.faults.append(Fault(kind, time.time(), f"backend {pid}"))
        elif kind == RESTARTED:
            at = time.time()
            self.server.restart()
            self.faults.append(Fault(kind, at, f"{time.time() - at:.1f} s"))
        elif kind == PCSCD:
            assert self.restart_pcscd is not None
            reading = self.printer.parent / READING_FILE
            deadline = time.monotonic() + 30
            while not reading.exists() and time.monotonic() < deadline:
                time.sleep(0.01)  # under the counter while it reads a card
            at = time.time()
            self.restart_pcscd()
            self.faults.append(Fault(kind, at, f"{time.time() - at:.1f} s"))
        elif kind == PRINTER:
            jam = self.printer / JAM_FILE
            jam.write_text("paper jam\n", encoding="utf-8")
            self.faults.append(Fault(kind, time.time(), f"{JAM_S:.0f} s"))
            self._stop.wait(JAM_S)
            jam.unlink(missing_ok=True)

    def _kill_in_transaction(self, patience_s: float = 10.0) -> int:
        """Terminate a counter's backend caught in a transaction; its pid."""
        engine = create_engine(self.database_url, isolation_level="AUTOCOMMIT")
        try:
            deadline = time.monotonic() + patience_s
            with engine.connect() as conn:
                while True:
                    states = list(conn.execute(_IN_TRANSACTION))
                    # Between statements of a transaction first: the next statement fails for
                    # sure, while an 'active' one may have finished when the kill arrives (its
                    # connection then dies idle in the pool, and the pool's ping replaces it).
                    idle = [pid for pid, state in states if state == "idle in transaction"]
                    pids = idle or [pid for pid, _ in states]
                    if pids and (idle or time.monotonic() > deadline - patience_s / 2):
                        pid = random.choice(pids)
                        conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
                        return int(pid)
                    if time.monotonic() > deadline:
                        raise TimeoutError("no counter was inside a transaction")
                    time.sleep(0.005)
        finally:
            engine.dispose()
