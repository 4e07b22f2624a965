"""A service put on a card and taken off it through pcscd + vpcd: APDUs and wall time.

The applet administrator's ServiceDesk on an issued card in the vpcd reader, against a SQLite
register: the library service installed (the resident's consent recorded, the DF and its files
written and activated under the issuer secure channel, the link recorded installed), its member
number personalised (under the secure channel again), and its removal (DELETE FILE under the
secure channel, the link ended). Baseline in the same run: listing the services on the card
(the card's serial and its multipurpose applications, named from the register), which opens no
secure channel and writes nothing. Each install, personalisation and removal is a new card
session, as at the counter.

Bounded: RUNS cycles of list, install, personalise, remove after one warm-up cycle (under ten
seconds through pcscd on 2 shared cores), holding the vpcd reader meanwhile.

Measured (2 shared cores, pcscd + vpcd, medians of two runs under other load): listing 5 APDUs,
6-10 ms; install 13 APDUs, 80-110 ms (11-14x the listing); personalisation 8 APDUs, 45-55 ms;
removal 8 APDUs, 37-45 ms.
"""

from __future__ import annotations

import dataclasses
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from benchmarks import Row, Skipped
from benchmarks.verification import PASSWORD, Counter, _pcscd
from counter_app.card.connection import CardConnection, ConnectionWrapper
from counter_app.card_service.pcscd_service import PcscdUnavailableError
from counter_app.records import STANDARD_SERVICES, Role
from counter_app.workflows.card_services import CONSENT_TEXT_VERSION, ServiceDesk

RUNS = 20
SERVICE = "library"
BASELINE = "list the services on the card"


class _Counting(ConnectionWrapper):
    """Counts the APDUs of every connection a step opens."""

    total = 0

    def transmit(self, command: bytes) -> bytes:
        _Counting.total += 1
        return self.inner.transmit(command)


@dataclasses.dataclass
class _Samples:
    ms: list[float] = dataclasses.field(default_factory=list)
    apdus: list[int] = dataclasses.field(default_factory=list)

    def take(self, step: Callable[[], object]) -> None:
        _Counting.total = 0
        started = time.perf_counter()
        step()
        self.ms.append((time.perf_counter() - started) * 1000)
        self.apdus.append(_Counting.total)

    def rows(self, label: str, baseline: str = "") -> list[Row]:
        def base(what: str) -> str:
            return f"{baseline}: {what}" if baseline else ""

        return [
            Row(f"{label}: APDUs", float(max(self.apdus)), "APDUs", base("APDUs")),
            Row(f"{label}: median", statistics.median(self.ms), "ms", base("median")),
            Row(f"{label}: p95", statistics.quantiles(self.ms, n=20)[18], "ms", base("p95")),
        ]


def _admin_desk(counter: Counter, connect: Callable[[], CardConnection]) -> ServiceDesk:
    """The catalogue enabled and an applet administrator's desk on the card in the reader."""
    register = counter.register
    supervisor = register.operators.login_with_password("sup", PASSWORD)
    for new in STANDARD_SERVICES:
        register.services.add_service_type(supervisor, new)
        register.services.set_enabled(supervisor, new.code, True)
    register.operators.register(
        supervisor, login="applet", display_name="applet", roles=[Role.APPLET_ADMIN],
        password=PASSWORD,
    )  # fmt: skip
    admin = register.operators.login_with_password("applet", PASSWORD)
    ctx = dataclasses.replace(counter.ctx, operator=admin)
    return ServiceDesk(ctx, lambda: _Counting(connect()))


def _measure(desk: ServiceDesk) -> list[Row]:
    listing, install, personalise, removal = _Samples(), _Samples(), _Samples(), _Samples()
    for run in range(RUNS + 1):
        member = f"L-{run:06d}"
        listing.take(desk.on_card)
        install.take(
            partial(
                desk.install, SERVICE, consent_version=CONSENT_TEXT_VERSION, member_number=member
            )
        )
        personalise.take(partial(desk.personalise, SERVICE, f"{member}-2"))
        removal.take(lambda: desk.remove(SERVICE))
        if run == 0:  # the warm-up cycle is not counted
            for samples in (listing, install, personalise, removal):
                samples.ms.clear()
                samples.apdus.clear()
    if desk.on_card().services:
        raise RuntimeError("the benchmark card still holds a service after its removal")
    return [
        *listing.rows(f"{BASELINE} (pcscd)"),
        *install.rows(
            "library service install (consent, secure channel, member number; pcscd)",
            f"{BASELINE} (pcscd)",
        ),
        *personalise.rows(
            "library member number personalised (secure channel; pcscd)",
            f"{BASELINE} (pcscd)",
        ),
        *removal.rows("library service removal (pcscd)", f"{BASELINE} (pcscd)"),
    ]


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        counter = Counter(Path(tmp))
        try:
            with _pcscd(counter) as connect:
                return _measure(_admin_desk(counter, connect))
        except PcscdUnavailableError as exc:
            raise Skipped(f"no pcscd with the vpcd reader: {exc}") from exc
        finally:
            counter.register.close()
