"""A fake reader back end for the GUI tests: cards go in and out; each call's thread is noted."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from counter_app.card.connection import (
    CardRemovedError,
    NoCardError,
    ReaderInfo,
    ReaderUnavailableError,
)
from counter_app.card.errors import InvalidPinError
from counter_app.card.profile import LifeCycle
from counter_app.card.summary import CardSummary
from counter_app.config import Configuration
from ui import i18n
from ui.card_thread import CardThread
from ui.main_window import MainWindow

DEMO_ATR = bytes.fromhex("3B8E800180739001C0585243432D4A554B49")  # TCK left out


@dataclass
class FakeCard:
    """A card as the fake sees it: what read_summary reports, and its PIN counter."""

    serial: str = "0123456789ABCDEF"
    life_cycle: LifeCycle = LifeCycle.OPERATIONAL
    pin: str | None = "1234"
    tries_left: int = 3
    holder_name: str = "山田　太郎"
    applications: tuple[str, ...] = ("券面事項入力補助AP", "券面事項確認AP", "住基AP")
    recognised: bool = True
    atr: bytes = DEMO_ATR
    read_error: Exception | None = None  # raised by read_summary instead of reading


class FakeConnection:
    """A connection to one fake card; it fails once the card is taken out."""

    def __init__(self, backend: FakeBackend, reader: str, card: FakeCard) -> None:
        self.backend, self._reader, self.card = backend, reader, card

    @property
    def reader_name(self) -> str:
        return self._reader

    @property
    def atr(self) -> bytes:
        return self.card.atr

    @property
    def extended_length(self) -> bool:
        return True

    def transmit(self, command: bytes) -> bytes:
        self.check_present()
        return b"\x90\x00"

    def check_present(self) -> None:
        if self.backend.card_in(self._reader) is not self.card:
            raise CardRemovedError()

    def close(self) -> None:
        self.backend.record("connection.close")


@dataclass
class FakeBackend:
    """A ReaderBackend whose readers and cards the test controls from any thread."""

    reader_names: tuple[str, ...] = ("Fake Reader 0",)
    is_virtual: bool = False
    description: str = "PC/SC (fake)"
    read_delay: float = 0.0  # seconds read_summary takes, to play a slow card
    calls: list[tuple[str, int]] = field(default_factory=list)
    closed: bool = False

    def __post_init__(self) -> None:
        self._cards: dict[str, FakeCard | None] = dict.fromkeys(self.reader_names)
        self._changed = threading.Condition()

    # --- the test's side --------------------------------------------------------------------

    def insert(self, card: FakeCard | None = None, reader: str | None = None) -> FakeCard:
        card = card or FakeCard()
        with self._changed:
            self._cards[reader or self.reader_names[0]] = card
            self._changed.notify_all()
        return card

    def remove(self, reader: str | None = None) -> None:
        with self._changed:
            self._cards[reader or self.reader_names[0]] = None
            self._changed.notify_all()

    def card_in(self, reader: str) -> FakeCard | None:
        with self._changed:
            return self._cards.get(reader)

    def record(self, name: str) -> None:
        with self._changed:
            self.calls.append((name, threading.get_ident()))

    def calling_threads(self) -> set[int]:
        with self._changed:
            return {ident for _, ident in self.calls}

    # --- ReaderBackend ----------------------------------------------------------------------

    def _snapshot(self) -> tuple[ReaderInfo, ...]:
        return tuple(
            ReaderInfo(name, card is not None, card.atr if card else b"")
            for name, card in self._cards.items()
        )

    def readers(self) -> tuple[ReaderInfo, ...]:
        self.record("readers")
        with self._changed:
            return self._snapshot()

    def wait_for_change(
        self, known: tuple[ReaderInfo, ...], timeout: float
    ) -> tuple[ReaderInfo, ...]:
        self.record("wait_for_change")
        with self._changed:
            self._changed.wait_for(lambda: self._snapshot() != known, timeout)
            return self._snapshot()

    def connect(self, reader: str) -> FakeConnection:
        self.record("connect")
        if reader not in self._cards:
            raise ReaderUnavailableError(reader)
        card = self.card_in(reader)
        if card is None:
            raise NoCardError()
        return FakeConnection(self, reader, card)

    def close(self) -> None:
        self.record("close")
        self.closed = True

    # --- read_summary, injected into the card thread -----------------------------------------

    def read_summary(self, connection: FakeConnection, *, pin: str | None = None) -> CardSummary:
        """Play counter_app.card.summary.read_summary against a FakeCard."""
        self.record("read_summary")
        card = connection.card
        if self.read_delay:
            time.sleep(self.read_delay)
        connection.check_present()
        if card.read_error is not None:
            raise card.read_error
        name = None
        if pin is not None:
            if pin != card.pin:
                card.tries_left = max(0, card.tries_left - 1)
                raise InvalidPinError(card.tries_left)
            card.tries_left = 3
            name = card.holder_name
        operational = card.life_cycle is LifeCycle.OPERATIONAL
        return CardSummary(
            reader=connection.reader_name,
            serial=card.serial if card.recognised else None,
            life_cycle=card.life_cycle if card.recognised else None,
            pin_tries_left=card.tries_left if card.pin is not None else None,
            applications=card.applications if operational else (),
            holder_name=name,
            recognised=card.recognised,
        )


def temp_settings(tmp_path: Path) -> QSettings:
    """Settings in a file under the test's temporary directory, never the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def open_window(
    backend: FakeBackend, tmp_path: Path, lang: str = "en"
) -> tuple[MainWindow, i18n.Translations]:
    """A counter window on `backend`, in `lang`; close it and reset the language afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translations = i18n.Translations(app)
    translations.set_language(lang)
    card_thread = CardThread(lambda: backend, read_summary=backend.read_summary)
    window = MainWindow(
        card_thread, translations, temp_settings(tmp_path), config=Configuration(data_dir=tmp_path)
    )
    window.show()
    return window, translations
