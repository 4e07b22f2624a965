"""Card-layer test fixtures: a real issuer, real virtual card files and the in-process reader.

The conftest.py of each folder that uses them imports the fixtures by name; test modules
import the helpers (`Card`, `manufacture`...) from here. Expensive things (RSA issuer keys,
the demo resident's images, a personalised card) are made once per session in each folder;
every test gets its own copy of the card file in its tmp_path.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from counter_app.card.connection import CardConnection, CardRemovedError, ConnectionWrapper
from counter_app.card.issuer_keys import IssuerMaterial, load_or_create_issuer
from counter_app.card.personal_data import CardholderData, demo_cardholder
from counter_app.card.personalise import personalise
from counter_app.card.protocol import ApduTransport
from counter_app.card.scp03 import StaticKeys
from counter_app.virtual_card.card import VirtualCard
from counter_app.virtual_card.inprocess import InProcessReader

DEMO_SEED = 4821
TODAY = date.today()


@dataclass
class Card:
    """One virtual card file in a reader of its own, with the keys that open its channel."""

    path: Path
    serial: bytes
    keys: StaticKeys
    reader: InProcessReader

    def reinsert(self) -> None:
        """Take the card out and put it back: volatile state is gone, the file is reloaded."""
        self.reader.remove()
        self.reader.insert(self.path)

    def transport(self, *, extended: bool | None = None) -> ApduTransport:
        """A fresh card session (reset) through a new transport."""
        if extended is not None:
            self.reader.extended_length = extended
        self.reinsert()
        return ApduTransport(self.reader.connect())

    def connection(self) -> CardConnection:
        self.reinsert()
        return self.reader.connect()

    def document(self) -> dict[str, Any]:
        """The card file as JSON, to alter it the way an attacker with a card writer would."""
        loaded: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
        return loaded

    def write_document(self, document: dict[str, Any]) -> None:
        self.reader.remove()
        self.path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        self.reader.insert(self.path)

    def alter_file(self, aid: bytes, fid: int, change: Callable[[bytearray], None]) -> None:
        """Change the bytes of one EF directly in the card file."""
        document = self.document()
        for df in document["dfs"]:
            if bytes.fromhex(df["aid"]) != aid:
                continue
            for ef in df["efs"]:
                if ef["fid"] == fid:
                    data = bytearray(base64.b64decode(ef["data"]))
                    change(data)
                    ef["data"] = base64.b64encode(bytes(data)).decode("ascii")
                    self.write_document(document)
                    return
        raise AssertionError(f"no EF {fid:04X} in DF {aid.hex()}")


def manufacture(issuer: IssuerMaterial, path: Path, *, extended: bool = True) -> Card:
    """A blank card at `path` with channel keys diversified from the issuer's master key."""
    serial = os.urandom(8)
    keys = issuer.card_keys(serial)
    VirtualCard.manufacture(path, keys, serial)
    reader = InProcessReader(extended_length=extended)
    reader.insert(path)
    return Card(path, serial, keys, reader)


def copy_card(template: Card, path: Path, *, extended: bool = True) -> Card:
    """A copy of `template`'s file at `path` (same serial and keys), in its own reader."""
    shutil.copyfile(template.path, path)
    reader = InProcessReader(extended_length=extended)
    reader.insert(path)
    return Card(path, template.serial, template.keys, reader)


class TearingConnection(ConnectionWrapper):
    """Pulls the card at the n-th APDU: before the card sees it, or after it ran it."""

    def __init__(self, inner: CardConnection, tear_at: int, *, after: bool) -> None:
        super().__init__(inner)
        self.tear_at = tear_at
        self.after = after
        self.count = 0

    def transmit(self, command: bytes) -> bytes:
        self.count += 1
        if self.count == self.tear_at:
            if self.after:
                self.inner.transmit(command)  # the card ran it and saved; the answer is lost
            raise CardRemovedError(f"torn at APDU {self.count}")
        return self.inner.transmit(command)


# -- fixtures --------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def issuer(tmp_path_factory: pytest.TempPathFactory) -> IssuerMaterial:
    """A development issuer (CA, signer, channel master key) made by load_or_create_issuer."""
    return load_or_create_issuer(tmp_path_factory.mktemp("issuer-home"))


@pytest.fixture(scope="session")
def resident() -> tuple[CardholderData, str]:
    """The demo resident and PIN every personalised test card carries."""
    return demo_cardholder(DEMO_SEED, today=TODAY)


@pytest.fixture(scope="session")
def personalised_template(
    issuer: IssuerMaterial,
    resident: tuple[CardholderData, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Card:
    """One personalised card for the session; tests work on copies of it."""
    card = manufacture(issuer, tmp_path_factory.mktemp("template") / "personalised.json")
    data, pin = resident
    personalise(card.transport(), data, pin, signer=issuer.signer, keys=card.keys)
    return card


@pytest.fixture
def blank_card(issuer: IssuerMaterial, tmp_path: Path) -> Card:
    """A blank card of this test, in an extended-length reader."""
    return manufacture(issuer, tmp_path / "blank.json")


@pytest.fixture
def card(personalised_template: Card, tmp_path: Path) -> Card:
    """A personalised card of this test (a copy of the session's), extended-length reader."""
    return copy_card(personalised_template, tmp_path / "card.json")
