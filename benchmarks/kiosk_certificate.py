"""The certificate kiosk: from card insertion to printed PDF bytes (median), against rendering the
same certificate alone, and the print-time subject check (the seal read back from the PDF).

One resident's card in an in-process reader, a SQLite register; each timed run inserts the card,
opens the session with the PIN (text AP read and verified, register lookup, audit), renders the
copy of the resident record in memory, checks its subject and hands the bytes to a printer that
keeps them in memory, then records the issuance.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import Row
from counter_app.card.issuer_keys import load_or_create_issuer
from counter_app.card.protocol import ApduTransport
from counter_app.card.scp03 import diversify_keys
from counter_app.printing.card_face import DEMO_MUNICIPALITY
from counter_app.printing.certificate import render_certificate
from counter_app.printing.seal_keys import load_or_create_seal_signer
from counter_app.records import Kiosk, NewResident, OperatorPolicy, Register, Role, Sex
from counter_app.trust_store import Trust
from counter_app.virtual_card import VirtualCard
from counter_app.virtual_card.inprocess import InProcessReader
from counter_app.workflows import CounterContext, CounterSettings, IssuanceRequest
from counter_app.workflows.certificate_kiosk import (
    KioskSetup,
    Scope,
    open_session,
    record_copy,
    subject_mismatch,
)
from counter_app.workflows.common import IdentityDocument
from counter_app.workflows.issuance import IssuanceWorkflow

RUNS = 15
PIN = "1234"
PASSWORD = "bench-password-1"
POLICY = OperatorPolicy(argon2_time_cost=1, argon2_memory_kib=8, argon2_parallelism=1)


class _Printer:
    """Keeps the last job's bytes, as a print queue would receive them."""

    last = b""

    def print_pdf(self, pdf: bytes, title: str, copies: int) -> str:
        self.last = pdf
        return "bench-1"


def _kiosk(folder: Path) -> tuple[KioskSetup, Path, str]:
    register = Register.initialise(
        f"sqlite:///{folder / 'register.sqlite3'}", key_path=folder / "key", policy=POLICY
    )
    register.operators.register(
        None, login="sup", display_name="sup", roles=[Role.SUPERVISOR], password=PASSWORD
    )
    sup = register.operators.login_with_password("sup", PASSWORD)
    register.operators.register(
        sup, login="clerk", display_name="clerk", roles=[Role.ISSUING_CLERK], password=PASSWORD
    )
    resident = NewResident(
        "山田", "花子", "ヤマダ", "ハナコ", dt.date(1958, 5, 3), Sex.FEMALE,
        "東京都千代田区千代田1-1", household_code="H-BENCH",
    )  # fmt: skip
    resident_id = register.residents.add(sup, resident)
    issuer = load_or_create_issuer(folder)
    signer = load_or_create_seal_signer(folder)
    ctx = CounterContext(
        register=register,
        operator=register.operators.login_with_password("clerk", PASSWORD),
        issuer=issuer,
        seal_signer=signer,
        settings=CounterSettings(),
        municipality=DEMO_MUNICIPALITY,
        trust=Trust.of(issuer.trust.certificates(), [signer.certificate]),
    )
    serial = os.urandom(8)
    path = folder / "card.json"
    VirtualCard.manufacture(path, diversify_keys(issuer.channel_master_key, serial), serial)
    reader = InProcessReader()
    reader.insert(path)
    request = IssuanceRequest(resident_id, (IdentityDocument.PASSPORT,), PIN)
    IssuanceWorkflow(ctx, request, reader.connect).run()
    reader.remove()
    setup = KioskSetup(
        register=register, kiosk_id="bench-kiosk", seal_signer=signer, trust=issuer.trust,
        printer=_Printer(), municipality=DEMO_MUNICIPALITY, mayor_name="見本\u3000太郎",
    )  # fmt: skip
    return setup, path, serial.hex().upper()


def _median_ms(operation: Callable[[], object]) -> float:
    operation()
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        operation()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        setup, path, serial = _kiosk(Path(tmp))
        printer = setup.printer
        assert isinstance(printer, _Printer)
        render_only = "render the same certificate alone: median"

        def card_to_bytes() -> None:
            reader = InProcessReader()
            reader.insert(path)  # the card goes in
            try:
                session = open_session(setup, ApduTransport(reader.connect()), PIN)
                session.issue(Scope.SELF, 1)
            finally:
                reader.remove()

        seal_signer = setup.seal_signer
        # The same copy a session prints, for the baseline and the check alone.
        subject = setup.register.kiosk_certificates.subject_of_card(Kiosk(setup.kiosk_id), serial)
        session_copy = record_copy(setup, subject, Scope.SELF)
        rendered = render_certificate(session_copy, seal_signer)
        rows = [
            Row(
                render_only, _median_ms(lambda: render_certificate(session_copy, seal_signer)), "ms"
            ),
            Row(
                "subject check alone (seal read back from the PDF): median",
                _median_ms(
                    lambda: subject_mismatch(rendered.pdf, session_copy, (seal_signer.certificate,))
                ),
                "ms",
                render_only,
            ),
            Row(
                "kiosk: card in to printed PDF bytes (PIN, register, render, check, audit): median",
                _median_ms(card_to_bytes),
                "ms",
                render_only,
            ),
            Row("kiosk: PDF bytes sent to the printer", len(printer.last) / 1000, "kB"),
        ]
        setup.register.close()
        return rows
