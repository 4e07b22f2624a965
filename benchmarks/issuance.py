"""Issuance: time from "blank card inserted" to "card verified", as the issuing workflow does it.

The card steps of IssuanceWorkflow (identify the card, personalise under the issuer channel,
then read back and verify on a fresh connection), on the virtual card in process and through
pcscd + vpcd. Target: under 2 s. Median of a few runs, each on a new blank card.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import cast

from benchmarks import Row, Skipped
from counter_app.card.connection import CardConnection
from counter_app.card.issuer_keys import IssuerMaterial, load_or_create_issuer
from counter_app.card.personal_data import CardholderData, demo_cardholder
from counter_app.card.personalise import personalise
from counter_app.card.protocol import ApduTransport
from counter_app.card.scp03 import diversify_keys
from counter_app.printing.card_face import DEMO_MUNICIPALITY
from counter_app.printing.seal_crypto import SealSigner
from counter_app.records import OperatorSession, Register
from counter_app.trust_store import Trust
from counter_app.virtual_card import VirtualCard
from counter_app.virtual_card.inprocess import InProcessReader
from counter_app.workflows.base import CounterContext
from counter_app.workflows.common import identify_card
from counter_app.workflows.issuance import verify_written_card
from counter_app.workflows.settings import CounterSettings

RUNS = 5
TARGET_S = 2.0


def _context(issuer: IssuerMaterial) -> CounterContext:
    """The card steps use only the issuer material and the date of the context."""
    return CounterContext(
        register=cast(Register, None),
        operator=cast(OperatorSession, None),
        issuer=issuer,
        seal_signer=cast(SealSigner, None),
        settings=CounterSettings(),
        municipality=DEMO_MUNICIPALITY,
        trust=Trust.of(issuer.trust.certificates(), []),  # the read-back uses the issuer's own
    )


def blank_to_verified(
    ctx: CounterContext, connect: Callable[[], CardConnection], data: CardholderData, pin: str
) -> float:
    """Seconds from the first APDU to a blank card until its read-back check passed."""
    start = time.perf_counter()
    connection = connect()
    try:
        transport = ApduTransport(connection)
        identity = identify_card(ctx, transport)
        written = personalise(transport, data, pin, signer=ctx.issuer.signer, keys=identity.keys)
    finally:
        connection.close()
    connection = connect()
    try:
        verify_written_card(ctx, ApduTransport(connection), data, pin, written)
    finally:
        connection.close()
    return time.perf_counter() - start


def _blank(issuer: IssuerMaterial, path: Path) -> VirtualCard:
    serial = os.urandom(8)
    return VirtualCard.manufacture(path, diversify_keys(issuer.channel_master_key, serial), serial)


def _in_process(ctx: CounterContext, folder: Path, data: CardholderData, pin: str) -> float:
    path = folder / f"card-{os.urandom(4).hex()}.json"
    _blank(ctx.issuer, path)
    reader = InProcessReader()
    reader.insert(path)
    return blank_to_verified(ctx, reader.connect, data, pin)


@contextlib.contextmanager
def _pcscd() -> Iterator[None]:
    from counter_app.card_service.pcscd_service import (
        PcscdUnavailableError,
        ensure_pcscd,
        vpcd_lock,
    )

    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(vpcd_lock())
            stack.enter_context(ensure_pcscd())
        except PcscdUnavailableError as exc:
            raise Skipped(str(exc)) from exc
        yield


def _through_pcscd(ctx: CounterContext, folder: Path, data: CardholderData, pin: str) -> float:
    from counter_app.card.pcsc import PcscBackend
    from counter_app.card_service.pcscd_service import InsertedCard
    from counter_app.virtual_card.vpcd import VPCD_READER

    card = _blank(ctx.issuer, folder / f"card-{os.urandom(4).hex()}.json")
    with InsertedCard(card):
        backend = PcscBackend(only=VPCD_READER)
        try:
            return blank_to_verified(ctx, lambda: backend.connect(VPCD_READER), data, pin)
        finally:
            backend.close()


def run() -> list[Row]:
    """Median seconds from blank card to verified card, in process and through pcscd."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        ctx = _context(load_or_create_issuer(folder / "home"))
        data, pin = demo_cardholder(1234)
        rows = [
            Row(
                "issuance blank→verified, in process (median)",
                statistics.median(_in_process(ctx, folder, data, pin) for _ in range(RUNS)),
                "s",
            )
        ]
        try:
            with _pcscd():
                samples = [_through_pcscd(ctx, folder, data, pin) for _ in range(RUNS)]
        except Skipped:
            return rows
        rows.append(
            Row("issuance blank→verified, pcscd + vpcd (median)", statistics.median(samples), "s")
        )
        return rows
