"""APDU round trips through pyscard and pcscd to a card in the vpcd reader.

The echo card (answers with the command and 9000) is the floor: pyscard, pcscd, vpcd and our
bridge, with no card OS.  The virtual card rows are the same path to the real card OS; their
ratio to the floor shows what the card OS adds.  The in-process row is the card OS alone.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import Row, Skipped, median_and_p99
from counter_app.card.connection import CardConnection
from counter_app.card.pcsc import PcscBackend
from counter_app.card.profile import Aid
from counter_app.card_service.pcscd_service import (
    InsertedCard,
    PcscdUnavailableError,
    ensure_pcscd,
    vpcd_lock,
)
from counter_app.virtual_card.vpcd import VPCD_READER, CardLike, EchoCard

ROUNDS = 1000
WARM_UP = 50
READ_16 = bytes.fromhex("00B0000010")
SELECT_COMMON = bytes.fromhex("00A4040C") + bytes((len(Aid.COMMON.value),)) + Aid.COMMON.value
READ_EF_0001 = bytes.fromhex("00B0810000")  # READ BINARY, short EF identifier 1, whole file
FLOOR = "pcscd echo card, READ BINARY 16: median"


def _time(exchange: Callable[[], object], rounds: int = ROUNDS) -> list[float]:
    """Milliseconds of `rounds` calls, after a warm-up."""
    for _ in range(WARM_UP):
        exchange()
    samples = []
    for _ in range(rounds):
        started = time.perf_counter_ns()
        exchange()
        samples.append((time.perf_counter_ns() - started) / 1e6)
    return samples


def _expect(conn: CardConnection, command: bytes, sw: bytes = b"\x90\x00") -> Callable[[], None]:
    def exchange() -> None:
        response = conn.transmit(command)
        if response[-2:] != sw:
            raise RuntimeError(f"{command.hex()} answered {response.hex()}")

    return exchange


def _rows(label: str, samples: list[float], baseline: str = "") -> list[Row]:
    median, p99 = median_and_p99(samples)
    return [
        Row(f"{label}: median", median, "ms", baseline),
        Row(f"{label}: p99", p99, "ms"),
    ]


def _through_pcscd(card: CardLike, measure: Callable[[CardConnection], list[Row]]) -> list[Row]:
    with InsertedCard(card):
        backend = PcscBackend(only=VPCD_READER)
        conn = backend.connect(VPCD_READER)
        try:
            return measure(conn)
        finally:
            conn.close()
            backend.close()


def _virtual_card(folder: Path) -> CardLike:
    from counter_app.card.scp03 import diversify_keys
    from counter_app.virtual_card import VirtualCard

    serial = os.urandom(8)
    keys = diversify_keys(os.urandom(16), serial)
    return VirtualCard.manufacture(folder / "card.json", keys=keys, serial=serial)


def run() -> list[Row]:
    """Echo card floor, then the virtual card OS through pcscd and in process."""
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(vpcd_lock())
            stack.enter_context(ensure_pcscd())
        except PcscdUnavailableError as exc:
            raise Skipped(str(exc)) from exc
        return _measure()


def _measure() -> list[Row]:
    echo = _through_pcscd(
        EchoCard(),
        lambda conn: _rows("pcscd echo card, READ BINARY 16", _time(_expect(conn, READ_16))),
    )
    with tempfile.TemporaryDirectory() as folder:
        card = _virtual_card(Path(folder))

        def measure(conn: CardConnection) -> list[Row]:
            select = _time(_expect(conn, SELECT_COMMON))
            read = _time(_expect(conn, READ_EF_0001))
            return [
                *_rows("pcscd virtual card, SELECT common AP", select, FLOOR),
                *_rows("pcscd virtual card, READ BINARY EF 0001", read, FLOOR),
            ]

        virtual = _through_pcscd(card, measure)
        card.power_on()
        card.process(SELECT_COMMON)
        in_process = _rows(
            "in process virtual card, READ BINARY EF 0001",
            _time(lambda: card.process(READ_EF_0001)),
        )
    return echo + virtual + in_process
