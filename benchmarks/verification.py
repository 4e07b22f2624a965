"""Verifying a presented card without a scan: APDUs and wall time, register check included.

The whole VerificationWorkflow (serial, register status read fresh from a SQLite register,
face AP under the unlock number with the tries-left guard, chip challenge, every check, the
audit event) on a card issued into that register, in process (extended-length and short-only
reader) and through pcscd + vpcd. Baseline in the same run: the plain face read of the same card
(common AP serial, then `read_face`), which has no register work and no guard. Targets: at most
6 APDUs on an extended-length reader, under 150 ms.

Measured (2 shared cores): 6 APDUs, about 10 ms through pcscd and 6 ms in process (before the
serial and the tries left came with the face AP's SELECT: 9 APDUs); 19-20 on a short-only
reader, where the face data alone takes 12-13 READ BINARY chunks.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from benchmarks import Row
from counter_app.card.connection import CardConnection, ConnectionWrapper
from counter_app.card.issuer_keys import load_or_create_issuer
from counter_app.card.pcsc import PcscBackend
from counter_app.card.protocol import ApduTransport
from counter_app.card.reading import read_face
from counter_app.card.scp03 import diversify_keys
from counter_app.card.sessions.card import card_serial
from counter_app.card_service.pcscd_service import (
    InsertedCard,
    PcscdUnavailableError,
    ensure_pcscd,
    vpcd_lock,
)
from counter_app.printing.card_face import DEMO_MUNICIPALITY
from counter_app.printing.seal import parse
from counter_app.printing.seal_documents import CardFaceSeal
from counter_app.printing.seal_keys import load_or_create_seal_signer
from counter_app.records import NewResident, OperatorPolicy, Register, Role, Sex
from counter_app.trust_store import Trust
from counter_app.virtual_card import VirtualCard
from counter_app.virtual_card.inprocess import InProcessReader
from counter_app.virtual_card.vpcd import VPCD_READER
from counter_app.workflows import (
    CounterContext,
    CounterSettings,
    IdentityDocument,
    IssuanceRequest,
    IssuanceWorkflow,
)
from counter_app.workflows.verification import VerificationRequest, VerificationWorkflow

RUNS = 20
PASSWORD = "bench-password-1"
POLICY = OperatorPolicy(argon2_time_cost=1, argon2_memory_kib=8, argon2_parallelism=1)


class _Counting(ConnectionWrapper):
    """Counts the APDUs of every connection a run opens."""

    total = 0

    def transmit(self, command: bytes) -> bytes:
        _Counting.total += 1
        return self.inner.transmit(command)


class Counter:
    """A card whose file, register, contexts and unlock number are ready for verifications."""

    def __init__(self, folder: Path) -> None:
        register = Register.initialise(
            f"sqlite:///{folder / 'register.sqlite3'}", key_path=folder / "key", policy=POLICY
        )
        register.operators.register(
            None, login="sup", display_name="sup", roles=[Role.SUPERVISOR], password=PASSWORD
        )
        sup = register.operators.login_with_password("sup", PASSWORD)
        for login, role in (("clerk", Role.ISSUING_CLERK), ("checker", Role.VERIFYING_CLERK)):
            register.operators.register(
                sup, login=login, display_name=login, roles=[role], password=PASSWORD
            )
        resident = NewResident(
            "山田",
            "太郎",
            "ヤマダ",
            "タロウ",
            dt.date(1955, 2, 17),
            Sex.MALE,
            "東京都千代田区千代田1-1",
        )
        resident_id = register.residents.add(sup, resident)
        issuer = load_or_create_issuer(folder)
        seal_signer = load_or_create_seal_signer(folder)
        self.register = register
        self.ctx = CounterContext(
            register=register,
            operator=register.operators.login_with_password("checker", PASSWORD),
            issuer=issuer,
            seal_signer=seal_signer,
            settings=CounterSettings(),
            municipality=DEMO_MUNICIPALITY,
            trust=Trust.of(issuer.trust.certificates(), [seal_signer.certificate]),
        )
        clerk = register.operators.login_with_password("clerk", PASSWORD)
        issuing = dataclasses.replace(self.ctx, operator=clerk)
        serial = os.urandom(8)
        self.path = folder / "card.json"
        VirtualCard.manufacture(
            self.path, diversify_keys(issuer.channel_master_key, serial), serial
        )
        reader = InProcessReader()
        reader.insert(self.path)
        request = IssuanceRequest(resident_id, (IdentityDocument.PASSPORT,), "1234")
        issued = IssuanceWorkflow(issuing, request, reader.connect).run()
        reader.remove()
        assert issued.printed is not None
        self.unlock = CardFaceSeal.from_seal(parse(issued.printed.card_face_seal)).unlock_number

    def verify(self, connect: Callable[[], CardConnection]) -> None:
        request = VerificationRequest("identity-check", unlock_number=self.unlock)
        result = VerificationWorkflow(self.ctx, request, lambda: _Counting(connect())).run()
        if not result.valid:
            raise RuntimeError(f"the benchmark card did not verify: {result.failed}")

    def face_read(self, connect: Callable[[], CardConnection]) -> None:
        connection = _Counting(connect())
        try:
            transport = ApduTransport(connection)
            card_serial(transport)
            face = read_face(transport, self.unlock, trust=self.ctx.issuer.trust)
        finally:
            connection.close()
        if face.face is None:
            raise RuntimeError("the benchmark card's face data did not verify")


def _measure(label: str, operation: Callable[[], None], baseline: str = "") -> list[Row]:
    """Median wall time and APDUs of `operation` over RUNS, after one warm-up."""
    operation()
    samples, apdus = [], []
    for _ in range(RUNS):
        _Counting.total = 0
        start = time.perf_counter()
        operation()
        samples.append((time.perf_counter() - start) * 1000)
        apdus.append(_Counting.total)
    base_ms = f"{baseline}: median" if baseline else ""
    base_apdus = f"{baseline}: APDUs" if baseline else ""
    return [
        Row(f"{label}: median", statistics.median(samples), "ms", base_ms),
        Row(f"{label}: APDUs", float(max(apdus)), "APDUs", base_apdus),
    ]


def _rows(where: str, counter: Counter, connect: Callable[[], CardConnection]) -> list[Row]:
    face = f"plain face read ({where})"
    return [
        *_measure(face, lambda: counter.face_read(connect)),
        *_measure(
            f"verification, unlock number, register check ({where})",
            lambda: counter.verify(connect),
            face,
        ),
    ]


def _in_process(counter: Counter, *, extended_length: bool) -> list[Row]:
    reader = InProcessReader(extended_length=extended_length)
    reader.insert(counter.path)
    try:
        where = "in process" if extended_length else "in process, short-only reader"
        return _rows(where, counter, reader.connect)
    finally:
        reader.remove()


@contextlib.contextmanager
def _pcscd(counter: Counter) -> Iterator[Callable[[], CardConnection]]:
    with vpcd_lock(), ensure_pcscd(), InsertedCard(VirtualCard.load(counter.path)):
        backend = PcscBackend(only=VPCD_READER)
        try:
            yield lambda: backend.connect(VPCD_READER)
        finally:
            backend.close()


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        counter = Counter(Path(tmp))
        try:
            rows = _in_process(counter, extended_length=True)
            rows += _in_process(counter, extended_length=False)
            try:
                with _pcscd(counter) as connect:
                    rows += _rows("pcscd", counter, connect)
            except PcscdUnavailableError as exc:
                rows.append(Row(f"through pcscd skipped: {exc}", 0.0, ""))
            return rows
        finally:
            counter.register.close()
