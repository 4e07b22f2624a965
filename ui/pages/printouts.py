"""Printouts of a workflow, one preview after the other (card face, then the receipt).

Each printout ends printed (on a printer, or saved as a PDF) or not printed (the preview was
cancelled, or printing failed); the register records which, and the page is told in one list.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtWidgets import QWidget

from counter_app.workflows import CounterContext, Printout, record_printout
from ui.pages.context import PageServices
from ui.print_preview import PrintJob, PrintPreview
from ui.print_thread import PrintOutcome


@dataclass(frozen=True)
class Document:
    """One printout: what it is, its title for the clerk, the PDF and its file name."""

    what: Printout
    title: str
    pdf: bytes = field(repr=False)
    file_name: str


@dataclass(frozen=True)
class Printed:
    """How a printout ended: `outcome` None means not printed (`failed`: printing failed)."""

    document: Document
    outcome: PrintOutcome | None
    failed: bool = False

    @property
    def printed(self) -> bool:
        return self.outcome is not None

    @property
    def how(self) -> str:
        """As the register records it: printer, pdf, failed or cancelled."""
        if self.outcome is not None:
            return "printer" if self.outcome.printer else "pdf"
        return "failed" if self.failed else "cancelled"


def _record(ctx: CounterContext, serial: str, printed: Printed, _register: object) -> None:
    record_printout(ctx, serial, printed.document.what, printed=printed.printed, how=printed.how)


def print_in_turn(
    parent: QWidget,
    services: PageServices,
    documents: list[Document],
    *,
    serial: str | None = None,
    on_done: Callable[[list[Printed]], None] | None = None,
    _ended: tuple[Printed, ...] = (),
) -> None:
    """Preview and print each document in turn; the next opens when one closes.

    With `serial`, the register records for each whether it was printed; `on_done` gets how
    every one ended once the last preview closed.
    """
    if not documents:
        parent.window().activateWindow()  # the keyboard is back on the page
        if on_done is not None:
            on_done(list(_ended))
        return
    document, rest = documents[0], documents[1:]
    job = PrintJob(
        document.pdf,
        document.title,
        services.card_printer(),
        services.printout_dir / document.file_name,
    )
    preview = PrintPreview(job, services.print_thread, parent)

    def closed(_code: int) -> None:
        printed = Printed(document, preview.outcome, preview.failure is not None)
        ctx = services.context
        if serial is not None and ctx is not None:
            services.db_thread.submit(
                functools.partial(_record, ctx, serial, printed), lambda _none: None, _not_recorded
            )
        print_in_turn(
            parent, services, rest, serial=serial, on_done=on_done, _ended=(*_ended, printed)
        )

    preview.finished.connect(closed)
    services.last_preview = preview
    preview.open()


def _not_recorded(_exc: BaseException) -> None:
    """The register did not take the print outcome: the page already says what was printed."""
