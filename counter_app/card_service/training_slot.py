"""Training cards into a virtual reader: the in-process one, or pcscd's vpcd slot."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from counter_app.card.connection import ReaderUnavailableError
from counter_app.card.readers import ReaderBackend
from counter_app.card_service.training_cards import (
    demo_card_path,
    ensure_demo_card,
    new_blank_card,
)
from counter_app.config import Configuration
from counter_app.virtual_card.card import VirtualCard
from counter_app.virtual_card.vpcd import VPCD_PORT, BackgroundBridge, vpcd_reader_name

VPCD_READER_MARK = "Virtual PCD"  # in the PC/SC name of every vpcd slot


def vpcd_training_reader(readers: Iterable[str]) -> str | None:
    """The vpcd slot a PC/SC back end lists, where training cards can be served; None without."""
    names = list(readers)
    default = vpcd_reader_name(VPCD_PORT)
    if default in names:
        return default
    return next((name for name in names if VPCD_READER_MARK in name), None)


class VpcdTrainingSlot:
    """Serves training card files into pcscd's vpcd reader from a bridge thread the app owns."""

    def __init__(self, port: int | None = None) -> None:
        self.port = VPCD_PORT if port is None else port
        self.card_path: Path | None = None
        self._bridge: BackgroundBridge | None = None

    def insert(self, path: Path) -> None:
        """Take out the card served now, then serve the card file at `path` into the reader."""
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


def insert_training_card(
    backend: ReaderBackend,
    *,
    blank: bool,
    config: Configuration,
    vpcd: VpcdTrainingSlot | None = None,
) -> str:
    """Put a new blank card (or, with `blank` false, the demo card) into the virtual reader.

    The card files live in the configured cards folder. The in-process back end takes the card
    itself; a PC/SC back end takes it through `vpcd`, which serves it into pcscd's vpcd reader.
    Returns the card file's name.
    """
    insert = getattr(backend, "insert_card", None)
    if not (backend.is_virtual and insert is not None):
        if vpcd is None:
            raise ReaderUnavailableError("only a virtual reader takes training cards")
        insert = vpcd.insert
    if blank:
        path = new_blank_card(config)
    else:
        path = demo_card_path(config)
        ensure_demo_card(path, home=config.data_dir)
    insert(path)
    return path.name
