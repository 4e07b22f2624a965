"""How many APDUs the card operations take, measured on the in-process reader."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from counter_app.card.address import update_address
from counter_app.card.connection import CardConnection, ConnectionWrapper
from counter_app.card.issuer_keys import load_or_create_issuer
from counter_app.card.personal_data import demo_cardholder
from counter_app.card.personalise import personalise
from counter_app.card.protocol import ApduTransport
from counter_app.card.reading import read_face, read_text
from counter_app.card.scp03 import diversify_keys
from counter_app.card.summary import read_summary
from counter_app.virtual_card.card import VirtualCard
from counter_app.virtual_card.inprocess import InProcessReader

DEMO_SEED = 20090101
NEW_ADDRESS = "東京都千代田区霞が関１丁目２番２号"


@dataclass(frozen=True)
class Cost:
    """What one operation put on the wire."""

    apdus: int
    bytes_sent: int
    bytes_received: int


@dataclass(frozen=True)
class ApduCounts:
    """Cost per operation on one kind of reader (extended-length or short-only)."""

    extended_length: bool
    costs: dict[str, Cost]

    @property
    def personalisation(self) -> int:
        return self.costs["personalisation"].apdus

    @property
    def summary(self) -> int:
        return self.costs["summary"].apdus

    @property
    def text_read(self) -> int:
        return self.costs["text_read"].apdus

    @property
    def face_read(self) -> int:
        return self.costs["face_read"].apdus

    @property
    def address_update(self) -> int:
        return self.costs["address_update"].apdus


class _CountingConnection(ConnectionWrapper):
    """A CardConnection that counts the APDUs and bytes on the wire."""

    def __init__(self, inner: CardConnection) -> None:
        super().__init__(inner)
        self.apdus = 0
        self.sent = 0
        self.received = 0

    def transmit(self, command: bytes) -> bytes:
        response = self.inner.transmit(command)
        self.apdus += 1
        self.sent += len(command)
        self.received += len(response)
        return response

    def cost(self) -> Cost:
        return Cost(self.apdus, self.sent, self.received)


def measure_apdu_counts(workdir: Path, *, extended_length: bool = True) -> ApduCounts:
    """Personalise a fresh card in `workdir` and measure what each operation on it costs.

    `workdir` receives a development issuer and the card file; use an empty temporary directory.
    """
    issuer = load_or_create_issuer(workdir)
    serial = os.urandom(8)
    keys = diversify_keys(issuer.channel_master_key, serial)
    path = workdir / f"card-{serial.hex()}.json"
    VirtualCard.manufacture(path, keys, serial)
    reader = InProcessReader(extended_length=extended_length)
    data, pin = demo_cardholder(DEMO_SEED)
    costs: dict[str, Cost] = {}

    def measured(name: str, operation: Callable[[_CountingConnection], object]) -> None:
        reader.insert(path)  # a reset between operations, as a new card session would have
        counting = _CountingConnection(reader.connect())
        operation(counting)
        costs[name] = counting.cost()

    measured(
        "personalisation",
        lambda c: personalise(ApduTransport(c), data, pin, signer=issuer.signer, keys=keys),
    )
    measured("summary", lambda c: read_summary(c, trust=issuer.trust))
    measured("text_read", lambda c: read_text(ApduTransport(c), pin, trust=issuer.trust))
    measured(
        "face_read",
        lambda c: read_face(ApduTransport(c), data.unlock_number, trust=issuer.trust),
    )
    measured(
        "address_update",
        lambda c: update_address(
            ApduTransport(c),
            NEW_ADDRESS,
            pin=pin,
            unlock_number=data.unlock_number,
            signer=issuer.signer,
            keys=keys,
            trust=issuer.trust,
        ),
    )
    return ApduCounts(extended_length=extended_length, costs=costs)
