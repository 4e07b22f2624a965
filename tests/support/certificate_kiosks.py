"""Certificate kiosks for the tests: a print queue in memory, the printed PDF read back (text
and verified seal), and kiosks as separate processes that all request at once.

Each kiosk process opens the register itself, holds its own card in its own in-process reader,
waits at one barrier, then opens a session with the card's PIN and prints a copy, several
times. Afterwards it reads every document it printed back from the bytes that reached its
printer: the certificate number from the seal (decoded from the rendered pixels and verified),
and the text. It sends (kiosk id, certificate number, text) per document, or (kiosk id,
"error", what went wrong) once.
"""

from __future__ import annotations

import multiprocessing
import threading
import traceback
from dataclasses import dataclass, field
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pypdfium2 as pdfium

from counter_app.card.cvc import parse_certificate
from counter_app.card.issuer_keys import TrustStore
from counter_app.card.protocol import ApduTransport
from counter_app.printing.card_face import DEMO_MUNICIPALITY
from counter_app.printing.qr import read_codes
from counter_app.printing.raster import rasterise_pdf
from counter_app.printing.seal_crypto import SignerCertificate
from counter_app.printing.seal_keys import load_or_create_seal_signer
from counter_app.printing.seal_verify import verify_seal
from counter_app.records import Register
from counter_app.virtual_card.inprocess import InProcessReader
from counter_app.workflows.certificate_kiosk import KioskSetup, Scope, open_session

PrintedDocument = tuple[str, str, str]  # kiosk id, certificate number (or "error"), text
ERROR = "error"
SEAL_CORNER_MM = 80.0  # the seal's QR code sits in this square at the page's lower left
A4_MM = (210.0, 297.0)


@dataclass
class MemoryPrinter:
    """The print queue as a kiosk sees it: bytes in, a job id out (the CUPS path is tested
    separately); keeps what each job carried."""

    jobs: list[tuple[str, bytes, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def print_pdf(self, pdf: bytes, title: str, copies: int) -> str:
        with self.lock:
            self.jobs.append((title, pdf, copies))
            return f"KioskPrinter-{len(self.jobs)}"


def seal_of(pdf: bytes, certificate: SignerCertificate) -> tuple[str, ...]:
    """Every page's seal, decoded from the rendered page and verified: certificate numbers."""
    mm = 72 / 25.4
    keep = (0.0, 0.0, (A4_MM[0] - SEAL_CORNER_MM) * mm, (A4_MM[1] - SEAL_CORNER_MM) * mm)
    found = []
    for page in rasterise_pdf(pdf, 200, grey=True, crop_pt=keep):
        (code,) = read_codes(page)
        verdict = verify_seal(code, (certificate,))
        assert verdict.valid and verdict.document is not None
        found.append(verdict.as_json()["document"]["certificate_number"])  # type: ignore[index]
    return tuple(found)


def text_of(pdf: bytes) -> str:
    """The text of every page of a PDF."""
    document = pdfium.PdfDocument(pdf)
    try:
        return "".join(
            str(document[i].get_textpage().get_text_range()) for i in range(len(document))
        )
    finally:
        document.close()


@dataclass(frozen=True)
class KioskPlace:
    """What every kiosk shares: the register, the seal key's home, the trusted issuer CAs."""

    url: str
    key_path: Path
    seal_home: Path
    issuer_cas: tuple[bytes, ...]  # encoded CV certificates (keys do not cross processes)
    pin: str

    @staticmethod
    def trusting(
        url: str, key_path: Path, seal_home: Path, trust: TrustStore, pin: str
    ) -> KioskPlace:
        cas = tuple(ca.encode() for r in trust.references if (ca := trust.ca(r)) is not None)
        return KioskPlace(url, key_path, seal_home, cas, pin)


@dataclass(frozen=True)
class KioskOrder:
    """One kiosk: its id, the card file in its reader, how many copies it asks for in turn."""

    kiosk_id: str
    card_path: Path
    requests: int


def certificate_kiosk_main(
    place: KioskPlace, order: KioskOrder, ready: Barrier, results: Queue[PrintedDocument]
) -> None:
    register = Register.open(place.url, key_path=place.key_path)
    try:
        signer = load_or_create_seal_signer(place.seal_home, create=False)
        printer = MemoryPrinter()
        setup = KioskSetup(
            register=register,
            kiosk_id=order.kiosk_id,
            seal_signer=signer,
            trust=TrustStore(parse_certificate(ca) for ca in place.issuer_cas),
            printer=printer,
            municipality=DEMO_MUNICIPALITY,
            mayor_name="見本\u3000太郎",
        )
        reader = InProcessReader(extended_length=True)
        register.audit_events(1)  # connected before the race
        ready.wait(120)
        for _ in range(order.requests):
            reader.insert(order.card_path)  # a fresh card session, as a resident inserts it
            session = open_session(setup, ApduTransport(reader.connect()), place.pin)
            session.issue(Scope.SELF, 1)
            reader.remove()
        for _, pdf, _ in printer.jobs:
            numbers = seal_of(pdf, signer.certificate)
            results.put((order.kiosk_id, ",".join(numbers), text_of(pdf)))
    except BaseException:  # the test reports it instead of waiting for answers
        ready.abort()  # the others stop waiting for this one
        results.put((order.kiosk_id, ERROR, traceback.format_exc()))
        raise
    finally:
        register.close()


def run_certificate_kiosks(place: KioskPlace, orders: list[KioskOrder]) -> list[PrintedDocument]:
    """One spawned process per kiosk, released together; every document each one printed."""
    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(len(orders))
    results: Queue[PrintedDocument] = context.Queue()
    processes = [
        context.Process(
            target=certificate_kiosk_main, args=(place, order, ready, results), daemon=True
        )
        for order in orders
    ]
    for process in processes:
        process.start()
    printed = []
    for _ in range(sum(order.requests for order in orders)):
        document = results.get(timeout=120)
        assert document[1] != ERROR, f"kiosk {document[0]} failed:\n{document[2]}"
        printed.append(document)
    for process in processes:
        process.join(30)
        assert process.exitcode == 0, f"kiosk process ended with {process.exitcode}"
    return printed
