"""Demo and blank virtual card files for training, tests and the in-process reader.

Made on the host side: a card OS file is manufactured, then personalised through the card layer
with keys of the development issuer (created here on first use: making a card is a training
action).

A demo card is a TRAINING card: it is personalised with an invented resident, and its PIN and
unlock number are saved in plain text in a sidecar file next to it, so that trainees can use
it. Never do this for a real resident's card.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from counter_app.card.issuer_keys import load_or_create_issuer
from counter_app.card.personal_data import demo_cardholder
from counter_app.card.personalise import personalise
from counter_app.card.protocol import ApduTransport
from counter_app.config import Configuration
from counter_app.errors import CounterError
from counter_app.japanese_dates import format_era_date
from counter_app.virtual_card.card import VirtualCard
from counter_app.virtual_card.inprocess import InProcessReader
from counter_app.virtual_card.state import SERIAL_LENGTH

SIDECAR_SUFFIX = ".training.json"
DEMO_CARD_NAME = "demo-card.json"


class CardFileExistsError(CounterError):
    what = "A card file already exists at that place."
    todo = "Choose another file name, or replace the card on purpose (--force)."


def training_sidecar(path: Path) -> Path:
    """Where a demo card's training data (PIN, unlock number) is kept: card.training.json."""
    return path.with_suffix(SIDECAR_SUFFIX)


def demo_card_path(config: Configuration) -> Path:
    """Where the in-process reader's demo card lives."""
    return config.cards_dir / DEMO_CARD_NAME


def new_blank_card(config: Configuration) -> Path:
    """Make a new blank training card in the cards folder (keys from the development issuer)."""
    name = f"blank-{time.strftime('%Y%m%d-%H%M%S')}-{os.urandom(3).hex()}.json"
    path = config.cards_dir / name
    create_card(path, demo=False, force=False, home=config.data_dir)
    return path


def ensure_demo_card(path: Path, *, home: Path) -> None:
    """Create a personalised demo card at `path` unless a card is already there."""
    if not path.exists():
        with contextlib.suppress(CardFileExistsError):  # another process made it meanwhile
            create_card(path, demo=True, force=False, home=home)


def _write_json(path: Path, document: dict[str, Any]) -> None:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False, indent=1)
            handle.write("\n")
        os.chmod(name, 0o600)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def create_card(path: Path, *, demo: bool, force: bool, home: Path) -> dict[str, Any] | None:
    """Make a blank card file at `path`, or with `demo` a personalised training card.

    The card's issuer channel keys are diversified from the issuer master key in `home`.
    Returns the demo resident's data with its PIN and unlock number (None for a blank card).
    The card appears at `path` only when complete.
    """
    path = Path(path)
    if path.exists() and not force:
        raise CardFileExistsError(str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    issuer = load_or_create_issuer(home)
    serial = os.urandom(SERIAL_LENGTH)
    keys = issuer.card_keys(serial)
    staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        card_file = staging / path.name
        VirtualCard.manufacture(card_file, keys, serial)
        summary: dict[str, Any] | None = None
        if not force and path.exists():
            raise CardFileExistsError(str(path))
        if demo:
            data, pin = demo_cardholder()
            reader = InProcessReader()
            reader.insert(card_file)
            personalise(ApduTransport(reader.connect()), data, pin, signer=issuer.signer, keys=keys)
            reader.remove()
            summary = {
                "serial": serial.hex().upper(),
                "name": data.name,
                "address": data.address,
                "birth_date": data.birth_date.isoformat(),
                "birth_date_era": format_era_date(data.birth_date),
                "sex": data.sex,
                "expiry": data.expiry.isoformat(),
                "pin": pin,
                "unlock_number": data.unlock_number,
            }
            _write_json(training_sidecar(path), {"training_card": True, **summary})
        else:
            training_sidecar(path).unlink(missing_ok=True)  # it described the card replaced
        os.replace(card_file, path)
        return summary
    finally:
        for leftover in staging.iterdir():
            leftover.unlink(missing_ok=True)
        staging.rmdir()
