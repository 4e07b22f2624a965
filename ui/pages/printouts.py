"""Printouts of a workflow, one preview after the other (card face, then the receipt)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.pages.context import PageServices
from ui.print_preview import PrintJob, PrintPreview


def print_in_turn(
    parent: QWidget, services: PageServices, documents: list[tuple[str, bytes, str]]
) -> None:
    """Preview and print each (title, pdf, file name) in turn; the next opens when one closes."""
    if not documents:
        parent.window().activateWindow()  # the keyboard is back on the page
        return
    (title, pdf, name), rest = documents[0], documents[1:]
    job = PrintJob(pdf, title, services.card_printer(), services.printout_dir / name)
    preview = PrintPreview(job, services.print_thread, parent)
    preview.finished.connect(lambda _code: print_in_turn(parent, services, rest))
    services.last_preview = preview
    preview.open()
