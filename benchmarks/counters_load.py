"""Ten counters at once on one PostgreSQL register, with faults: throughput, latency, checks.

A throw-away PostgreSQL server (fsync on) holds a register of $LOAD_RESIDENTS demo residents
(default 2000). $LOAD_COUNTERS counter processes (default 3; spawned, each its own operator,
connection and virtual cards) work for $LOAD_SECONDS seconds (default 60) through a weighted
mix of resident searches, issuances (a blank virtual card personalised, checked, recorded, face
and receipt printed to a PDF printer), verifications of issued cards, address changes and
facility bookings and cancellations. Counter 0 reads its cards through pcscd + vpcd when they
are installed ($LOAD_PCSCD=0: not), the others in process.

Meanwhile $LOAD_FAULTS faults (default: two of each kind) are injected at random times: a
counter's connection killed inside a transaction, the server restarted, pcscd restarted under
the reading counter, the printer refusing jobs. A clerk who gets a message runs the work again
(the workflow resumes at its failed step) or, after several tries, gives it up.

Printed: per action the count, throughput, p50/p95/p99 and how the actions ended; per fault
kind how many were injected and how the affected work ended; the checks afterwards (audit
chain, no card twice, no two cards in force, no overlapping bookings, nothing reported done
missing, nothing given up half-recorded). A failed check fails the run (AssertionError).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import statistics
import tempfile
import threading
from collections import Counter as Tally
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from multiprocessing.queues import Queue
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, text

from benchmarks import Row, Skipped
from benchmarks._load_checks import Check, run_checks
from benchmarks._load_counter import (
    POLICY,
    WEIGHTS,
    Claims,
    CounterSpec,
    Report,
    Sample,
    Told,
    counter_main,
)
from benchmarks._load_faults import KILLED, KINDS, PCSCD, PRINTER, RESTARTED, Fault, FaultInjector
from counter_app.card.issuer_keys import load_or_create_issuer
from counter_app.printing.seal_keys import load_or_create_seal_signer
from counter_app.records import Register, ResidentStatus, Role
from counter_app.records.local_postgres import (
    LocalPostgres,
    LocalPostgresError,
    start_local_postgres,
)
from counter_app.records.reservations import FacilityKind, NewFacility, OpeningHours

if TYPE_CHECKING:
    from counter_app.card_service.pcscd_service import PcscdService

SUPERVISOR = ("demo-supervisor", "demo-supervisor-password")
CLERK_PASSWORD = "counter-load-password"
FACILITIES = 4
ATTRIBUTE_S = 60.0  # a message up to this long after a fault is put down to it


@dataclass(frozen=True)
class LoadSettings:
    """How big the run is."""

    counters: int = 3
    seconds: float = 60.0
    faults: int = 8
    residents: int = 2000
    pcscd: bool = True

    @classmethod
    def from_environment(cls) -> LoadSettings:
        counters = int(os.environ.get("LOAD_COUNTERS", "3"))
        seconds = float(os.environ.get("LOAD_SECONDS", "60"))
        return cls(
            counters=counters,
            seconds=seconds,
            faults=int(os.environ.get("LOAD_FAULTS", str(2 * len(KINDS)))),
            residents=int(os.environ.get("LOAD_RESIDENTS", "2000")),
            pcscd=os.environ.get("LOAD_PCSCD", "1") != "0",
        )


@dataclass
class FaultOutcome:
    """One kind of fault: how many were injected, and how the work it hit ended."""

    injected: int = 0
    told: int = 0  # messages the clerks saw because of it
    ended: Tally[str] = field(default_factory=Tally)  # action endings of the work it hit


@dataclass
class LoadReport:
    """Everything the run measured and found."""

    settings: LoadSettings
    seconds: float
    samples: list[Sample]
    claims: list[Claims]
    faults: list[Fault]
    injection_failures: list[str]
    crashes: list[str]
    checks: list[Check]
    pcscd_counter: bool

    def by_fault(self) -> dict[str, FaultOutcome]:
        """Each kind's count, and the endings of the actions whose messages it caused."""
        outcomes = {kind: FaultOutcome() for kind in KINDS}
        for fault in self.faults:
            outcomes[fault.kind].injected += 1
        for sample in self.samples:
            reads = self.pcscd_counter and sample.counter == 0
            kinds = {k for k in (_cause(t, self.faults, reads) for t in sample.told) if k}
            for told in sample.told:
                kind = _cause(told, self.faults, reads)
                if kind:
                    outcomes[kind].told += 1
            for kind in kinds:
                outcomes[kind].ended[sample.ended] += 1
        return outcomes

    def unexplained(self) -> list[Told]:
        """Messages no injected fault explains."""
        return [
            t
            for s in self.samples
            for t in s.told
            if _cause(t, self.faults, self.pcscd_counter and s.counter == 0) is None
        ]

    @property
    def passed(self) -> bool:
        return (
            all(c.passed for c in self.checks)
            and not self.crashes
            and not any(s.ended == "wrong verdict" for s in self.samples)
        )


_CAUSES = {
    KILLED: ("DatabaseUnavailableError", "DatabaseBusyError", "RegisterStatusUnknown"),
    RESTARTED: ("DatabaseUnavailableError", "DatabaseBusyError", "RegisterStatusUnknown"),
    PRINTER: ("PrinterError", "PrintFailedError"),
}


def _cause(told: Told, faults: Sequence[Fault], reads_through_pcscd: bool) -> str | None:
    """The kind of the latest recent fault before `told` that can cause its error, if any.

    A pcscd restart explains the reader and card errors of the counter reading through it.
    """
    for fault in sorted(faults, key=lambda f: f.at, reverse=True):
        if not fault.at - 1.0 <= told.at <= fault.at + ATTRIBUTE_S:
            continue
        if fault.kind == PCSCD:
            database = told.error in _CAUSES[KILLED] or told.error == "RegisterStatusUnknown"
            if reads_through_pcscd and not database and told.error not in _CAUSES[PRINTER]:
                return fault.kind
        elif told.error in _CAUSES[fault.kind]:
            return fault.kind
    return None


# -- setting the register up -----------------------------------------------------------------------


def _prepare(url: str, key: Path, settings: LoadSettings) -> tuple[list[int], list[int], list[str]]:
    """Migrate, seed, add the clerks and facilities: (resident ids, facility ids, queries)."""
    register = Register.initialise(url, key_path=key, policy=POLICY)
    try:
        register.seed_demo(settings.residents, seed=1)
        boss = register.operators.login_with_password(*SUPERVISOR)
        for n in range(settings.counters):
            register.operators.register(
                boss, login=f"counter-{n}", display_name=f"窓口 {n}",
                roles=[Role.ISSUING_CLERK, Role.VERIFYING_CLERK], password=CLERK_PASSWORD,
            )  # fmt: skip
        hours = tuple(OpeningHours(d, dt.time(9), dt.time(21)) for d in range(7))
        facilities = [
            register.reservations.add_facility(
                boss, NewFacility(f"負荷試験 会議室{n}", FacilityKind.ROOM, 30, hours, 5, 0)
            )
            for n in range(FACILITIES)
        ]
        register.operators.logout(boss)
    finally:
        register.close()
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT id, family_name_kana FROM residents WHERE status = :living ORDER BY id"
                ),
                {"living": ResidentStatus.RESIDENT.value},
            ).all()
    finally:
        engine.dispose()
    residents = [int(r[0]) for r in rows]
    queries = sorted({str(r[1]) for r in rows})[:200]
    return residents, facilities, queries


@contextlib.contextmanager
def _pcscd(wanted: bool, given: PcscdService | None) -> Iterator[PcscdService | None]:
    """pcscd with vpcd, started here so the run may restart it; None when not possible.

    `given`: the caller's pcscd, whose vpcd lock the caller holds (a test's fixture).
    """
    if given is not None or not wanted:
        yield given
        return
    try:
        from counter_app.card.pcsc import pcsc_available
        from counter_app.card_service.pcscd_service import (
            PcscdService,
            PcscdUnavailableError,
            find_pcscd,
            vpcd_lock,
        )
    except ImportError:
        yield None
        return
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(vpcd_lock(timeout=120))
            if pcsc_available():
                yield None  # a pcscd we do not own: restarting it is not ours to do
                return
            service = stack.enter_context(PcscdService(program=find_pcscd()))
            service.start()
        except PcscdUnavailableError:
            yield None
            return
        yield service


# -- the run --------------------------------------------------------------------------------------


def load_run(settings: LoadSettings, pcscd: PcscdService | None = None) -> LoadReport:
    """Start the server, the counters and the faults; wait; check; report.

    `pcscd`: a pcscd the caller started (and holds the vpcd lock of) for the reading counter;
    by default the run starts its own when it can.
    """
    try:
        server = start_local_postgres(("max_connections=60",))  # fsync on, as in production
    except LocalPostgresError as exc:
        raise Skipped(f"PostgreSQL is not installed or did not start: {exc}") from exc
    try:
        with tempfile.TemporaryDirectory(prefix="counters-load-") as tmp:
            return _run(server, Path(tmp), settings, pcscd)
    finally:
        server.stop()


def _run(
    server: LocalPostgres, tmp: Path, settings: LoadSettings, given: PcscdService | None
) -> LoadReport:
    url, key, home, printer = server.url(), tmp / "record-code.key", tmp / "home", tmp / "printer"
    printer.mkdir()
    load_or_create_issuer(home)
    load_or_create_seal_signer(home)
    residents, facilities, queries = _prepare(url, key, settings)
    with _pcscd(settings.pcscd, given) as pcscd:
        specs = []
        for n in range(settings.counters):
            cards = tmp / f"cards-{n}"
            cards.mkdir()
            specs.append(
                CounterSpec(
                    index=n,
                    url=url,
                    key_path=str(key),
                    home=str(home),
                    login=f"counter-{n}",
                    password=CLERK_PASSWORD,
                    residents=tuple(residents[n :: settings.counters]),
                    facilities=tuple(facilities),
                    queries=tuple(queries),
                    printer=str(printer),
                    cards=str(cards),
                    seconds=settings.seconds,
                    seed=1000 + n,
                    pcscd=pcscd is not None and n == 0,
                )
            )
        restart = pcscd.restart if pcscd is not None and pcscd.started_here else None
        injector = FaultInjector(
            server, url, printer, settings.seconds, settings.faults, restart_pcscd=restart
        )
        context = multiprocessing.get_context("spawn")
        ready = context.Barrier(len(specs) + 1)  # every counter logged in, and the run
        reports: Queue[Report] = context.Queue()
        processes = [
            context.Process(target=counter_main, args=(spec, ready, reports)) for spec in specs
        ]
        for process in processes:
            process.start()
        with contextlib.suppress(threading.BrokenBarrierError):  # a counter that failed to start
            ready.wait(300)
        injector.start()
        done = [reports.get(timeout=settings.seconds + 600) for _ in specs]
        injector.stop()
        for process in processes:
            process.join(60)
    checks = run_checks(url, key, [claims for _, _, claims, _ in done], set(residents))
    samples = [s for _, samples, _, _ in done for s in samples]
    return LoadReport(
        settings=settings,
        seconds=max((s.started + s.seconds for s in samples), default=0.0)
        - min((s.started for s in samples), default=0.0),
        samples=samples,
        claims=[claims for _, _, claims, _ in done],
        faults=injector.faults,
        injection_failures=injector.failures,
        crashes=[f"counter {n}: {crash}" for n, _, _, crash in done if crash],
        checks=checks,
        pcscd_counter=pcscd is not None,
    )


# -- the tables ---------------------------------------------------------------------------------


def _ms(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] * 1000 if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000


def action_rows(report: LoadReport) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for action in WEIGHTS:
        samples = [s for s in report.samples if s.action == action]
        done = [s.seconds for s in samples if s.ended in ("ok", "resumed")]
        ended = Tally(s.ended for s in samples)
        rows.append((
            action, str(len(samples)), f"{len(samples) / max(report.seconds, 1e-9):.2f}",
            f"{_ms(done, 50):.0f}", f"{_ms(done, 95):.0f}", f"{_ms(done, 99):.0f}",
            str(sum(len(s.told) for s in samples)),
            ", ".join(f"{k} {v}" for k, v in sorted(ended.items())),
        ))  # fmt: skip
    return rows


def fault_rows(report: LoadReport) -> list[tuple[str, ...]]:
    return [
        (
            kind,
            str(o.injected),
            str(o.told),
            ", ".join(f"{k} {v}" for k, v in sorted(o.ended.items())),
        )
        for kind, o in report.by_fault().items()
    ]


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)


def clerk_sentences(report: LoadReport) -> list[str]:
    """The distinct messages the clerks saw, in Japanese as the window shows them."""
    from PySide6.QtCore import QTranslator

    from ui.errors import CONTEXT
    from ui.i18n import CATALOG, translations_dir

    translator = QTranslator()
    translator.load(f"{CATALOG}_ja", str(translations_dir()))
    seen = Tally((t.error, t.what, t.todo) for s in report.samples for t in s.told)
    lines = []
    for (error, what, todo), count in seen.most_common():
        ja = [translator.translate(CONTEXT, x) or x for x in (what, todo)]
        lines.append(f"{count:5d}  {error}: {ja[0]} {ja[1]}")
    return lines


def format_report(report: LoadReport) -> str:
    s = report.settings
    parts = [
        f"{s.counters} counters on PostgreSQL for {report.seconds:.0f} s "
        f"({'counter 0 through pcscd + vpcd' if report.pcscd_counter else 'no pcscd counter'})",
        "",
        _table(
            ("action", "count", "per s", "p50 ms", "p95 ms", "p99 ms", "messages", "ended"),
            action_rows(report),
        ),
        "",
        _table(("fault", "injected", "messages", "work it hit ended"), fault_rows(report)),
        "",
        "messages the clerks saw:",
        *clerk_sentences(report),
        "",
        _table(
            ("check afterwards", "result"),
            [
                (c.name, "pass" if c.passed else "FAIL: " + "; ".join(c.wrong))
                for c in report.checks
            ],
        ),
    ]
    unexplained = report.unexplained()
    if unexplained:
        parts += ["", f"{len(unexplained)} messages no fault explains:"]
        parts += [f"  {t.error}: {t.what}" for t in unexplained[:10]]
    if report.injection_failures:
        parts += ["", "faults that could not be injected:", *report.injection_failures]
    if report.crashes:
        parts += ["", "counters that stopped:", *report.crashes]
    return "\n".join(parts)


def run() -> list[Row]:
    """The baseline first (one counter alone, no faults, no pcscd, a tenth of the time), then
    the load run; each load figure's ratio is to the same figure of the counter alone."""
    settings = LoadSettings.from_environment()
    alone_seconds = max(20.0, settings.seconds / 10)
    alone = load_run(replace(settings, counters=1, seconds=alone_seconds, faults=0, pcscd=False))
    report = load_run(settings)
    print(format_report(report))
    print()
    if not (report.passed and alone.passed):
        raise AssertionError("the load run's checks failed (see above)")
    rows = []
    baseline = {row[0]: row for row in action_rows(alone)}
    for action, _, per_s, _, p95, *_ in action_rows(report):
        _, _, alone_per_s, _, alone_p95, *_ = baseline[action]
        name = f"counters load: {action}"
        rows += [
            Row(f"{name}, one counter alone, throughput", float(alone_per_s), "actions/s"),
            Row(f"{name}, one counter alone, p95", float(alone_p95), "ms"),
            Row(
                f"{name}, throughput",
                float(per_s),
                "actions/s",
                baseline=f"{name}, one counter alone, throughput",
            ),
            Row(f"{name}, p95", float(p95), "ms", baseline=f"{name}, one counter alone, p95"),
        ]
    return rows
