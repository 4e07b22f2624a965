"""What a page needs from the window: the workers, the operator's context, the reader in use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QDialog

from counter_app.config import Configuration
from counter_app.records import PurposeInfo
from counter_app.workflows import CounterContext
from ui.card_thread import CardThread
from ui.db_thread import DbThread
from ui.library_thread import LibraryThread
from ui.print_thread import PrinterState, PrintThread


@dataclass
class PageServices:
    """Shared by every page: workers, the context once logged in, the reader, printing."""

    card_thread: CardThread
    db_thread: DbThread
    print_thread: PrintThread
    current_reader: Callable[[], str | None]
    printout_dir: Path
    context: CounterContext | None = None
    purposes: tuple[PurposeInfo, ...] = ()  # those the operator's roles may work under
    printers: PrinterState | None = None
    last_preview: QDialog | None = None  # the print preview open now, if any
    library: LibraryThread | None = None  # the library system (the library desk's page)
    config: Configuration | None = None  # the settings (the supervisor's self-check reads them)

    def card_printer(self) -> str | None:
        """The printer for card faces and receipts (the system default), None for PDF files."""
        return self.printers.default if self.printers else None
