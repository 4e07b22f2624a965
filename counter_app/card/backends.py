"""Choose the reader back end: PC/SC when its service answers, else the in-process reader."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.card.connection import ReaderUnavailableError
from counter_app.card.readers import ReaderBackend
from counter_app.config import data_dir
from counter_app.virtual_card.inprocess import InProcessBackend, InProcessReader

if TYPE_CHECKING:
    from counter_app.virtual_card.vpcd import BackgroundBridge

log = logging.getLogger(__name__)

VPCD_READER_MARK = "Virtual PCD"  # in the PC/SC name of every vpcd slot


def vpcd_training_reader(readers: Iterable[str]) -> str | None:
    """The vpcd slot a PC/SC back end lists, where training cards can be served; None without."""
    from counter_app.virtual_card.vpcd import VPCD_PORT, vpcd_reader_name

    names = list(readers)
    default = vpcd_reader_name(VPCD_PORT)
    if default in names:
        return default
    return next((name for name in names if VPCD_READER_MARK in name), None)


class VpcdTrainingSlot:
    """Serves training card files into pcscd's vpcd reader from a bridge thread the app owns."""

    def __init__(self, port: int | None = None) -> None:
        from counter_app.virtual_card.vpcd import VPCD_PORT

        self.port = VPCD_PORT if port is None else port
        self.card_path: Path | None = None
        self._bridge: BackgroundBridge | None = None

    def insert(self, path: Path) -> None:
        """Take out the card served now, then serve the card file at `path` into the reader."""
        from counter_app.virtual_card.card import VirtualCard
        from counter_app.virtual_card.vpcd import BackgroundBridge

        self.stop()
        bridge = BackgroundBridge(VirtualCard.load(path), port=self.port)
        try:
            bridge.start()
        except TimeoutError as exc:
            raise ReaderUnavailableError(f"vpcd did not take the training card: {exc}") from exc
        self._bridge, self.card_path = bridge, path

    def stop(self) -> None:
        """Take the served card out of the reader and end the bridge thread."""
        bridge, self._bridge, self.card_path = self._bridge, None, None
        if bridge is not None:
            bridge.stop()


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


def insert_training_card(
    backend: ReaderBackend,
    *,
    blank: bool,
    home: Path | None = None,
    vpcd: VpcdTrainingSlot | None = None,
) -> str:
    """Put a new blank card (or, with `blank` false, the demo card) into the virtual reader.

    The in-process back end takes the card itself; a PC/SC back end takes it through `vpcd`,
    which serves it into pcscd's vpcd reader. Returns the card file's name.
    """
    insert = getattr(backend, "insert_card", None)
    if not (backend.is_virtual and insert is not None):
        if vpcd is None:
            raise ReaderUnavailableError("only a virtual reader takes training cards")
        insert = vpcd.insert
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
