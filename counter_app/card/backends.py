"""Choose the reader back end: PC/SC when its service answers, else the in-process reader."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from counter_app.card.connection import ReaderUnavailableError
from counter_app.card.inprocess import InProcessBackend, InProcessReader
from counter_app.card.readers import ReaderBackend
from counter_app.config import data_dir

log = logging.getLogger(__name__)


def demo_card_path(home: Path | None = None) -> Path:
    """Where the in-process reader's demo card lives."""
    return (home or data_dir()) / "cards" / "demo-card.json"


def new_blank_card(home: Path | None = None) -> Path:
    """Make a new blank training card in the data directory (keys from the development issuer)."""
    from counter_app.virtual_card.demo import create_card

    home = home or data_dir()
    name = f"blank-{time.strftime('%Y%m%d-%H%M%S')}-{os.urandom(3).hex()}.json"
    path = home / "cards" / name
    create_card(path, demo=False, force=False, home=home)
    return path


def insert_training_card(backend: ReaderBackend, *, blank: bool, home: Path | None = None) -> str:
    """Put a new blank card (or, with `blank` false, the demo card) into the in-process reader.

    Returns the card file's name. Only the in-process back end takes cards this way.
    """
    insert = getattr(backend, "insert_card", None)
    if not backend.is_virtual or insert is None:
        raise ReaderUnavailableError("only the in-process virtual reader takes training cards")
    if blank:
        path = new_blank_card(home)
    else:
        from counter_app.virtual_card.demo import ensure_demo_card

        path = demo_card_path(home)
        ensure_demo_card(path, home=home or data_dir())
    insert(path)
    return path.name


def open_backend(reader: str | None = None, *, home: Path | None = None) -> ReaderBackend:
    """PC/SC if pyscard imports and pcscd answers; otherwise the in-process demo reader.

    `reader` restricts PC/SC to one reader name.  Called on the card thread: it may take a
    moment (creating the demo card generates keys).
    """
    from counter_app.card.pcsc import PcscBackend, pcsc_available

    if pcsc_available():
        return PcscBackend(only=reader)
    log.info("no PC/SC service answers; using the in-process virtual reader")
    return open_in_process_backend(home)


def open_in_process_backend(home: Path | None = None) -> InProcessBackend:
    """The in-process virtual reader holding the demo card (made on first use)."""
    from counter_app.virtual_card.demo import ensure_demo_card

    path = demo_card_path(home)
    ensure_demo_card(path, home=home or data_dir())
    in_process = InProcessReader()
    in_process.insert(path)
    return InProcessBackend(in_process)
