"""Printing through CUPS: a job sent to a CUPS-PDF virtual printer comes out at the card's exact
size, unscaled, with its seal still readable; the certificate kiosk's PDF goes from memory.

The fixture starts a private cupsd (its own configuration, spool and socket in a temporary
folder) with a CUPS-PDF queue, and stops it afterwards; the system's CUPS is never touched.
CUPS-PDF writes jobs of unknown users (the test sends as one) to its anonymous folder, where
the test finds its file by a unique title and removes it. Needs root (the cups-pdf backend runs
as root) and the Debian packages cups and printer-driver-cups-pdf: skipped without them, a
failure in CI.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import ImageChops, ImageStat

from counter_app.printing.card_face import render_card
from counter_app.printing.certificate import render_certificate
from counter_app.printing.cups import PrintJob, lp_command, page_size, submit
from counter_app.printing.demo import DEMO_TODAY, demo_card_face, demo_certificate
from counter_app.printing.qr import read_codes
from counter_app.printing.raster import rasterise_pdf
from counter_app.printing.seal_keys import load_or_create_seal_signer
from counter_app.workflows.certificate_kiosk import CupsKioskPrinter

CUPSD = "/usr/sbin/cupsd"
BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
PRINTER = "CounterTestPDF"
ID1_PT = (242.65, 153.01)
A4_PT = (595.28, 841.89)


@dataclass(frozen=True)
class CupsPdf:
    server: str  # the private cupsd's socket
    printer: str
    out_dir: Path
    log: Path


def _missing() -> str | None:
    if os.name != "posix" or os.geteuid() != 0:
        return "the cups-pdf backend needs root"
    for tool in (CUPSD, "lp", "lpadmin", "lpstat"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian package cups)"
    if not BACKEND.exists() or not PPD.exists():
        return "CUPS-PDF is not installed (Debian package printer-driver-cups-pdf)"
    return None


def _anonymous_dir() -> Path:
    """Where CUPS-PDF writes jobs of users it does not know (AnonDirName)."""
    text = CUPS_PDF_CONF.read_text() if CUPS_PDF_CONF.exists() else ""
    found = re.search(r"^\s*AnonDirName\s+(\S+)", text, re.MULTILINE)
    return Path(found.group(1) if found else "/var/spool/cups-pdf/ANONYMOUS")


def _write_config(root: Path) -> Path:
    for name in ("etc", "spool", "cache", "state", "log", "run"):
        (root / name).mkdir()
        os.chmod(root / name, 0o755)
    (root / "tmp").mkdir()
    os.chmod(root / "tmp", 0o1777)  # filters run as lp and write here
    os.chmod(root, 0o755)
    socket = root / "run" / "cups.sock"
    (root / "etc" / "cupsd.conf").write_text(
        f"Listen {socket}\nLogLevel warn\nWebInterface No\nBrowsing Off\n"
        "DefaultAuthType None\n<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
        "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n"
    )
    (root / "etc" / "cups-files.conf").write_text(
        f"ServerRoot {root}/etc\nRequestRoot {root}/spool\nTempDir {root}/tmp\n"
        f"CacheDir {root}/cache\nStateDir {root}/state\nErrorLog {root}/log/error_log\n"
        f"AccessLog {root}/log/access_log\nPageLog {root}/log/page_log\n"
        "ServerBin /usr/lib/cups\nDataDir /usr/share/cups\n"
    )
    return socket


@pytest.fixture(scope="module")
def cups_pdf() -> Iterator[CupsPdf]:
    why = _missing()
    if why:
        if os.environ.get("CI"):
            pytest.fail(f"the CUPS test cannot run: {why}", pytrace=False)
        pytest.skip(why)
    # Not under pytest's temporary folder: that is private to root, and CUPS filters run as lp.
    root = Path(tempfile.mkdtemp(prefix="counter-cups-"))
    socket = _write_config(root)
    cupsd = subprocess.Popen(
        [CUPSD, "-f", "-c", str(root / "etc" / "cupsd.conf"), "-s",
         str(root / "etc" / "cups-files.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 15
        while not socket.exists():
            if cupsd.poll() is not None or time.monotonic() > deadline:
                log = (root / "log" / "error_log").read_text(errors="replace")[-2000:]
                pytest.fail(f"cupsd did not start: {log}")
            time.sleep(0.05)
        subprocess.run(
            ["lpadmin", "-h", str(socket), "-p", PRINTER, "-E", "-v", "cups-pdf:/", "-P", str(PPD)],
            check=True,
            capture_output=True,
        )
        yield CupsPdf(str(socket), PRINTER, _anonymous_dir(), root / "log" / "error_log")
    finally:
        cupsd.send_signal(signal.SIGTERM)
        try:
            cupsd.wait(timeout=10)
        except subprocess.TimeoutExpired:
            cupsd.kill()
            cupsd.wait()
        shutil.rmtree(root, ignore_errors=True)


def _wait_for_output(cups: CupsPdf, title: str, timeout: float = 60) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in cups.out_dir.glob(f"{title}*.pdf"):
            if path.stat().st_size and time.time() - path.stat().st_mtime > 0.5:
                return path
        time.sleep(0.2)
    log = cups.log.read_text(errors="replace") if cups.log.exists() else ""
    problems = [line for line in log.splitlines() if re.search(r"error|unable|denied", line, re.I)]
    raise AssertionError(
        f"CUPS-PDF wrote no {title}*.pdf to {cups.out_dir} within {timeout} s:\n"
        + "\n".join(problems[-10:])
    )


def test_the_print_command_never_scales_and_names_the_exact_page_size(tmp_path: Path) -> None:
    job = PrintJob("CardPrinter", "card", *ID1_PT)
    command = lp_command(job, tmp_path / "card.pdf", server="/run/cups.sock")
    assert command[:3] == ["lp", "-h", "/run/cups.sock"]
    assert "print-scaling=none" in command
    assert "PageSize=Custom.242.65x153.01" in command
    assert not any("fit-to-page" in part and "true" in part for part in command)


def test_a_card_face_printed_to_cups_pdf_comes_out_at_id1_size_unscaled(
    cups_pdf: CupsPdf, tmp_path: Path
) -> None:
    signer = load_or_create_seal_signer(tmp_path, today=DEMO_TODAY)
    rendered = render_card(demo_card_face(), signer, issued_on=DEMO_TODAY)
    source = tmp_path / "card.pdf"
    source.write_bytes(rendered.pdf)
    title = f"counter-test-{uuid.uuid4().hex[:12]}"
    width, height = page_size(source)
    job = PrintJob(cups_pdf.printer, title, width, height)
    # A user CUPS-PDF does not know, so the file lands in its anonymous folder, not a home.
    job_id = submit(job, source, server=cups_pdf.server, user="counter-test-nobody")
    assert job_id.startswith(cups_pdf.printer)
    out = _wait_for_output(cups_pdf, title)
    try:
        printed = out.read_bytes()
    finally:
        out.unlink()
    assert abs(page_size(printed)[0] - ID1_PT[0]) < 0.05
    assert abs(page_size(printed)[1] - ID1_PT[1]) < 0.05
    # Unscaled: what came out matches what went in, and the seal still reads.
    sent, came = rasterise_pdf(rendered.pdf, 150)[0], rasterise_pdf(printed, 150)[0]
    assert sent.size == came.size
    difference = ImageStat.Stat(ImageChops.difference(sent.convert("L"), came.convert("L")))
    assert difference.mean[0] < 4
    assert read_codes(rasterise_pdf(printed, 300)[0]) == [rendered.seal]


def test_the_certificate_kiosk_prints_from_memory_through_lps_standard_input(
    cups_pdf: CupsPdf, tmp_path: Path
) -> None:
    """The kiosk's printer hands CUPS the bytes it holds: no file of its own on the way."""
    signer = load_or_create_seal_signer(tmp_path, today=DEMO_TODAY)
    rendered = render_certificate(demo_certificate(members=2), signer)
    title = f"counter-kiosk-{uuid.uuid4().hex[:12]}"
    before = set(tmp_path.rglob("*"))
    printer = CupsKioskPrinter(cups_pdf.printer, cups_pdf.server, "counter-test-nobody")
    assert printer.print_pdf(rendered.pdf, title, 1).startswith(cups_pdf.printer)
    assert "--" not in lp_command(PrintJob(cups_pdf.printer, title, *A4_PT), None)
    out = _wait_for_output(cups_pdf, title)
    try:
        printed = out.read_bytes()
    finally:
        out.unlink()
    assert set(tmp_path.rglob("*")) == before
    assert tuple(round(v, 1) for v in page_size(printed)) == tuple(round(v, 1) for v in A4_PT)
    assert read_codes(rasterise_pdf(printed, 200)[0]) == [rendered.seal]
