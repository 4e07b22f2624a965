"""The print worker: finds printers, renders PDF pages and prints them, off the GUI thread.

Where CUPS is the print system (`lp` exists), the PDF itself goes to the printer with
print-scaling=none and its exact page size, so codes and patterns stay vectors. Elsewhere pages
are rendered at the printer's resolution and drawn at 100 % (never fit-to-page) on a page of
the PDF page's exact size. Without a printer the PDF itself is saved.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QMarginsF, QObject, QRect, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from counter_app.printing import cups
from ui.ui_errors import PreviewUnavailableError, PrintCancelledError, PrintFailedError
from ui.worker_thread import SerialThread, SerialWorker

if TYPE_CHECKING:
    import pypdfium2

T = TypeVar("T")

POINTS_PER_INCH = 72.0


@dataclass(frozen=True)
class PrinterState:
    """The printers the system offers, and its default."""

    names: tuple[str, ...]
    default: str | None

    @property
    def has_printer(self) -> bool:
        return bool(self.names)


@dataclass(frozen=True)
class PageImages:
    """Rendered pages (QImage is implicitly shared and safe to hand over once rendered)."""

    images: tuple[QImage, ...]
    sizes_pt: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class PrintOutcome:
    """Where the printout went: a printer by name, or a PDF file."""

    printer: str | None
    pdf_path: str | None
    pages: int


def query_printers(_resource: object = None) -> PrinterState:
    """The system's printers (runs on the print worker: CUPS may take its time)."""
    names = tuple(QPrinterInfo.availablePrinterNames())
    default = QPrinterInfo.defaultPrinterName() or None
    return PrinterState(names, default if default in names else (names[0] if names else None))


def load_print_fonts() -> None:
    """Register the printouts' fonts now (once per process), so the first printout is quick."""
    from counter_app.printing.fonts import japanese_fonts

    japanese_fonts()


def _pdf_document(pdf: bytes) -> pypdfium2.PdfDocument:
    try:
        import pypdfium2
    except ImportError as exc:
        raise PreviewUnavailableError("pypdfium2 is not installed") from exc
    return pypdfium2.PdfDocument(pdf)


def render_pages(pdf: bytes, dpi: float, max_height: int | None = None) -> PageImages:
    """Every page of `pdf` as an image at `dpi`, or at most `max_height` pixels high."""
    doc = _pdf_document(pdf)
    images: list[QImage] = []
    sizes: list[tuple[float, float]] = []
    try:
        for index in range(len(doc)):
            page = doc[index]
            width, height = page.get_size()
            scale = dpi / POINTS_PER_INCH
            if max_height is not None and height * scale > max_height:
                scale = max_height / height  # the preview's size: PDFium scales, not the GUI
            # RGBX straight from PDFium into one QImage copy: no PIL round trip, which held
            # the GIL long enough to stall the window while a preview was rendered.
            bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGBX8888,
            )
            images.append(image.copy())  # own the pixels: the bitmap's buffer goes away
            sizes.append((width, height))
    finally:
        doc.close()
    return PageImages(tuple(images), tuple(sizes))


def page_size_of(width_pt: float, height_pt: float) -> QPageSize:
    """A page of exactly this size (ID-1, A4, ...), matched to a standard size when equal."""
    return QPageSize(
        QSizeF(width_pt, height_pt),
        QPageSize.Unit.Point,
        "",
        QPageSize.SizeMatchPolicy.FuzzyMatch,
    )


def write_pdf(pdf: bytes, path: Path) -> None:
    """Save `pdf` atomically (a half-written file never carries the final name)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(pdf)
        tmp.replace(path)
    except OSError as exc:
        raise PrintFailedError(f"cannot write {path.name}: {exc.strerror}") from exc


def print_pdf(
    pdf: bytes,
    *,
    printer_name: str | None,
    pdf_path: Path,
    cancel: threading.Event | None = None,
) -> PrintOutcome:
    """Print every page at 100 % on `printer_name`, or save the PDF at `pdf_path` without one."""
    if cancel is not None and cancel.is_set():
        raise PrintCancelledError("cancelled before printing")
    if printer_name is None:
        write_pdf(pdf, pdf_path)
        return PrintOutcome(None, str(pdf_path), _page_count(pdf))
    if shutil.which("lp") is not None:
        return _print_through_cups(pdf, printer_name)
    info = QPrinterInfo.printerInfo(printer_name)
    if info.isNull():
        raise PrintFailedError(f"printer {printer_name!r} not found")
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)  # no driver margins: the page is drawn as designed
    dpi = float(printer.resolution())
    pages = render_pages(pdf, dpi)
    painter = QPainter()
    try:
        for index, (image, (w_pt, h_pt)) in enumerate(
            zip(pages.images, pages.sizes_pt, strict=True)
        ):
            layout = QPageLayout(
                page_size_of(w_pt, h_pt),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
                QPageLayout.Unit.Point,
            )
            printer.setPageLayout(layout)
            if index == 0:
                if not painter.begin(printer):
                    raise PrintFailedError(f"printer {printer_name!r} did not start")
            elif not printer.newPage():
                raise PrintFailedError("the printer refused a new page")
            if cancel is not None and cancel.is_set():
                printer.abort()
                raise PrintCancelledError("cancelled while printing")
            # 100 %: one image pixel per device pixel, the image rendered at the printer's dpi.
            painter.drawImage(QRect(0, 0, image.width(), image.height()), image)
    finally:
        if painter.isActive():
            painter.end()
    return PrintOutcome(printer_name, None, len(pages.images))


def _print_through_cups(pdf: bytes, printer_name: str) -> PrintOutcome:
    """Hand the PDF itself to CUPS: codes and patterns stay vectors, the page keeps its size."""
    width_pt, height_pt = cups.page_size(pdf)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "printout.pdf"
        path.write_bytes(pdf)
        try:
            cups.submit(
                cups.PrintJob(printer_name, "Resident Card Counter", width_pt, height_pt), path
            )
        except cups.PrinterError as exc:
            raise PrintFailedError(exc.detail) from exc
    return PrintOutcome(printer_name, None, _page_count(pdf))


def _page_count(pdf: bytes) -> int:
    try:
        doc = _pdf_document(pdf)
    except PreviewUnavailableError:
        return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    try:
        return len(doc)
    finally:
        doc.close()


def _no_resource() -> None:
    """The print worker owns no resource: its jobs bring what they print."""


class PrintThread(SerialThread[None]):
    """The GUI thread's handle on the print worker."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(SerialWorker("print worker", _no_resource), parent)

    def run(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], object],
        on_error: Callable[[BaseException], object],
    ) -> int:
        """Run `work()` on the print worker."""
        return self.submit(lambda _none: work(), on_done, on_error)
