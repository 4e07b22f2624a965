"""How many APDUs the card operations take, measured on the in-process reader (for benchmarks)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from counter_app.card.address import update_address
from counter_app.card.connection import CardConnection
from counter_app.card.inprocess import InProcessReader
from counter_app.card.issuer_keys import load_or_create_issuer
from counter_app.card.personal_data import demo_cardholder
from counter_app.card.personalise import personalise
from counter_app.card.protocol import ApduTransport
from counter_app.card.reading import read_face, read_text
from counter_app.card.scp03 import diversify_keys
from counter_app.card.summary import read_summary
from counter_app.virtual_card.card import VirtualCard

DEMO_SEED = 20090101
NEW_ADDRESS = "東京都千代田区霞が関１丁目２番２号"


@dataclass(frozen=True)
class ApduCounts:
    """APDUs per operation on one kind of reader (extended-length or short-only)."""

    extended_length: bool
    personalisation: int
    summary: int
    text_read: int
    face_read: int
    address_update: int


class _CountingConnection:
    """A CardConnection that counts the APDUs on the wire (read_summary makes its own transport)."""

    def __init__(self, inner: CardConnection) -> None:
        self.inner = inner
        self.count = 0

    @property
    def reader_name(self) -> str:
        return self.inner.reader_name

    @property
    def atr(self) -> bytes:
        return self.inner.atr

    @property
    def extended_length(self) -> bool:
        return self.inner.extended_length

    def transmit(self, command: bytes) -> bytes:
        self.count += 1
        return self.inner.transmit(command)

    def close(self) -> None:
        self.inner.close()


def measure_apdu_counts(workdir: Path, *, extended_length: bool = True) -> ApduCounts:
    """Personalise a fresh card in `workdir` and count the APDUs of each operation on it.

    `workdir` receives a development issuer and the card file; use an empty temporary directory.
    """
    issuer = load_or_create_issuer(workdir)
    serial = os.urandom(8)
    keys = diversify_keys(issuer.channel_master_key, serial)
    path = workdir / f"card-{serial.hex()}.json"
    VirtualCard.manufacture(path, keys, serial)
    reader = InProcessReader(extended_length=extended_length)
    reader.insert(path)
    data, pin = demo_cardholder(DEMO_SEED)

    def fresh() -> ApduTransport:
        reader.insert(path)  # a reset between operations, as a new card session would have
        return ApduTransport(reader.connect())

    transport = fresh()
    personalise(transport, data, pin, signer=issuer.signer, keys=keys)
    personalisation = transport.apdu_count
    counting = _CountingConnection(fresh().connection)
    read_summary(counting, trust=issuer.trust)
    transport = fresh()
    read_text(transport, pin, trust=issuer.trust)
    text_read = transport.apdu_count
    transport = fresh()
    read_face(transport, data.unlock_number, trust=issuer.trust)
    face_read = transport.apdu_count
    transport = fresh()
    update_address(
        transport,
        NEW_ADDRESS,
        pin=pin,
        unlock_number=data.unlock_number,
        signer=issuer.signer,
        keys=keys,
        trust=issuer.trust,
    )
    return ApduCounts(
        extended_length=extended_length,
        personalisation=personalisation,
        summary=counting.count,
        text_read=text_read,
        face_read=face_read,
        address_update=transport.apdu_count,
    )
