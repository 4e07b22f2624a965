"""Kiosks as separate processes: each opens the register itself and books when told to go.

Used by the concurrency proofs: every process opens the register and connects, waits at one
barrier, then all book at once. Each
sends back (name, outcome, next free slots) with outcome "booked", or the refusal's code.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from dataclasses import dataclass
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path

from counter_app.records import Register
from counter_app.records.errors import ReservationError, SlotTakenError
from counter_app.records.reservations import Kiosk

KioskResult = tuple[str, str, tuple[tuple[str, str], ...]]


@dataclass(frozen=True)
class KioskOrder:
    """One kiosk's booking: its name, the resident, the facility, the start and slots."""

    name: str
    resident_id: int
    facility_id: int
    starts_at: dt.datetime
    slots: int = 1


def kiosk_main(
    url: str, key_path: Path, order: KioskOrder, ready: Barrier, results: Queue[KioskResult]
) -> None:
    register = Register.open(url, key_path=key_path)
    try:
        register.reservations.facility(order.facility_id)  # connected before the race
        ready.wait(120)
        try:
            register.reservations.reserve(
                Kiosk(order.name), order.facility_id, order.resident_id, order.starts_at,
                order.slots,
            )  # fmt: skip
        except SlotTakenError as exc:
            results.put((order.name, exc.code, exc.next_free))
        except ReservationError as exc:
            results.put((order.name, exc.code, ()))
        else:
            results.put((order.name, "booked", ()))
    finally:
        register.close()


def run_kiosks(url: str, key_path: Path, orders: list[KioskOrder]) -> dict[str, KioskResult]:
    """Start one spawned process per order, let them all book at once, collect every answer."""
    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(len(orders))
    results: Queue[KioskResult] = context.Queue()
    processes = [
        context.Process(target=kiosk_main, args=(url, key_path, order, ready, results))
        for order in orders
    ]
    for process in processes:
        process.start()
    answers = {}
    for _ in orders:
        answer = results.get(timeout=120)
        answers[answer[0]] = answer
    for process in processes:
        process.join(30)
        assert process.exitcode == 0, f"kiosk process ended with {process.exitcode}"
    return answers
