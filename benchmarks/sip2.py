"""The library desk over SIP2 against the training library on this machine.

The floor is a bare status round trip (99/98): one message each way through the client, the
socket and the server.  A lend round trip is a checkout (11/12) and a checkin (09/10) of the same
item; two bare messages would be a ratio of 2x, so the rest is what the two transactions cost
(building, checking and parsing the longer messages, recording the loan).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from benchmarks import Row
from counter_app.library.client import LibraryClient
from counter_app.library.training_server import TrainingServer, barcode_of

ROUNDS = 1000
WARM_UP = 50
FLOOR = "SIP2 status 99/98 round trip: median"


def _time(exchange: Callable[[], object]) -> list[float]:
    """Milliseconds of ROUNDS calls, after a warm-up."""
    for _ in range(WARM_UP):
        exchange()
    samples = []
    for _ in range(ROUNDS):
        started = time.perf_counter_ns()
        exchange()
        samples.append((time.perf_counter_ns() - started) / 1e6)
    return samples


def _rows(label: str, samples: list[float], baseline: str = "") -> list[Row]:
    return [
        Row(f"{label}: median", statistics.median(samples), "ms", baseline),
        Row(f"{label}: p95", statistics.quantiles(samples, n=100)[94], "ms"),
    ]


def run() -> list[Row]:
    with TrainingServer() as library, LibraryClient(library.settings()) as desk:
        desk.connect()
        floor = _time(desk.check)
        book = barcode_of(5)

        def lend_round_trip() -> None:
            desk.lend("20000002", book)
            desk.give_back(book)

        lend = _time(lend_round_trip)
    return [
        *_rows("SIP2 status 99/98 round trip", floor),
        *_rows("SIP2 lend round trip (checkout + checkin)", lend, FLOOR),
    ]
