"""Choose the reader back end: PC/SC when its service answers, else the in-process reader."""

from __future__ import annotations

import logging
from pathlib import Path

from counter_app.card.inprocess import InProcessBackend, InProcessReader
from counter_app.card.readers import ReaderBackend
from counter_app.config import data_dir

log = logging.getLogger(__name__)


def demo_card_path(home: Path | None = None) -> Path:
    """Where the in-process reader's demo card lives."""
    return (home or data_dir()) / "cards" / "demo-card.json"


def open_backend(reader: str | None = None, *, home: Path | None = None) -> ReaderBackend:
    """PC/SC if pyscard imports and pcscd answers; otherwise the in-process demo reader.

    `reader` restricts PC/SC to one reader name.  Called on the card thread: it may take a
    moment (creating the demo card generates keys).
    """
    from counter_app.card.pcsc import PcscBackend, pcsc_available

    if pcsc_available():
        return PcscBackend(only=reader)
    log.info("no PC/SC service answers; using the in-process virtual reader")
    from counter_app.virtual_card.demo import ensure_demo_card

    path = demo_card_path(home)
    ensure_demo_card(path, home=home or data_dir())
    in_process = InProcessReader()
    in_process.insert(path)
    return InProcessBackend(in_process)
