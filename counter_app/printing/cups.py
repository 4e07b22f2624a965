"""Send a PDF to a CUPS printer at 100 % scale on a page of the PDF's exact size.

The PDF goes as it is (the codes stay vectors); the command is built as data first, so tests
check it without a printer. Two options matter: `print-scaling=none` (never fit-to-page), and
the page size as `PageSize=Custom.WxH` in points with two decimals, because CUPS rounds a
`media=Custom.85.6x53.98mm` request to whole points (242 x 153 instead of 242.65 x 153.01).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from counter_app.errors import CounterError

_JOB_ID = re.compile(r"request id is (\S+)")


class PrinterError(CounterError):
    """The print system refused the job or could not be reached."""

    what = "The printout could not be sent to the printer."
    todo = (
        "Check that the printer is switched on and shown as ready, then print again. "
        "The PDF file can be printed later."
    )


@dataclass(frozen=True)
class PrintJob:
    """What to print where: the printer, a title, the page size in points, copies."""

    printer: str
    title: str
    width_pt: float
    height_pt: float
    copies: int = 1


def page_size(pdf: Path | bytes) -> tuple[float, float]:
    """The first page's size in points."""
    document = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        width, height = document[0].get_size()
        return float(width), float(height)
    finally:
        document.close()


def lp_command(
    job: PrintJob, pdf: Path | None, *, server: str | None = None, user: str | None = None
) -> list[str]:
    """The `lp` command line that prints `pdf` unscaled on a page of the job's size.

    `pdf` None: lp reads the document from its standard input (nothing is written to disk).
    """
    command = ["lp"]
    if server:
        command += ["-h", server]
    if user:
        command += ["-U", user]
    command += [
        "-d", job.printer,
        "-t", job.title,
        "-n", str(job.copies),
        "-o", "print-scaling=none",
        "-o", f"PageSize=Custom.{job.width_pt:.2f}x{job.height_pt:.2f}",
    ]  # fmt: skip
    return command if pdf is None else [*command, "--", str(pdf)]


def submit(
    job: PrintJob,
    pdf: Path,
    *,
    server: str | None = None,
    user: str | None = None,
    timeout: float = 30,
) -> str:
    """Send the job (as `user`, default the caller); returns the CUPS job id (CardPrinter-12)."""
    return _run_lp(lp_command(job, pdf, server=server, user=user), None, timeout)


def submit_bytes(
    job: PrintJob,
    pdf: bytes,
    *,
    server: str | None = None,
    user: str | None = None,
    timeout: float = 30,
) -> str:
    """Send a PDF held in memory through lp's standard input; returns the CUPS job id."""
    return _run_lp(lp_command(job, None, server=server, user=user), pdf, timeout)


def _run_lp(command: list[str], document: bytes | None, timeout: float) -> str:
    if shutil.which("lp") is None:
        raise PrinterError("the CUPS client (lp) is not installed")
    try:
        done = subprocess.run(
            command, input=document, capture_output=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PrinterError(f"lp did not run: {exc}") from exc
    out = done.stdout.decode("utf-8", "replace")
    found = _JOB_ID.search(out)
    if done.returncode != 0 or found is None:
        err = done.stderr.decode("utf-8", "replace").strip()
        raise PrinterError(f"lp refused the job: {err or out.strip()}")
    return found.group(1)
