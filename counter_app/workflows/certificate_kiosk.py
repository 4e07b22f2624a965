"""The certificate kiosk (自動交付機): a resident's own card and PIN, a copy of their resident
record (住民票の写し, for themselves or their household), printed from memory (docs/kiosk.md).

A `KioskSession` is bound to the resident whose card is in this kiosk's own reader: the card's
serial names its register record, the resident's PIN opens the card's text AP, and the chip's
name and birth date must be the register's. Nothing of the resident is written to disk: the
certificate is rendered into memory and its bytes go to the print queue.

The lesson of the コンビニ交付 incidents (2023-2024), where near-simultaneous requests printed
another person's certificate: whatever comes back from rendering, at print time the session
decodes the signed seal from the PDF's own pixels (every page), checks its signature, and
compares its certificate number and content digest with the copy it built from its own
resident. A document about anyone else stops the print and is recorded
(`kiosk.certificate.refused`, reason `subject_mismatch`); nothing is printed and no fee taken.
"""

from __future__ import annotations

import enum
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final, Protocol

from counter_app.card.issuer_keys import TrustStore
from counter_app.card.protocol import ApduTransport
from counter_app.card.reading import read_text_ap
from counter_app.card.sessions.card import card_serial
from counter_app.printing.card_face import Municipality
from counter_app.printing.certificate import (
    QR_BOX,
    HouseholdMember,
    RenderedCertificate,
    ResidentRecordCopy,
    render_certificate,
)
from counter_app.printing.cups import PrinterError, PrintJob, page_size, submit_bytes
from counter_app.printing.layouts import A4_HEIGHT_MM, A4_WIDTH_MM
from counter_app.printing.patterns import MM
from counter_app.printing.qr import read_codes
from counter_app.printing.raster import rasterise_pdf
from counter_app.printing.seal_crypto import SealSigner, SignerCertificate
from counter_app.printing.seal_documents import CertificateSeal, digest_fields
from counter_app.printing.seal_verify import verify_seal
from counter_app.records import Kiosk, Register
from counter_app.records.errors import ServiceError
from counter_app.records.kiosk_certificates import CertifiedPerson, KioskSubject
from counter_app.workflows.errors import (
    KioskCardNotValidError,
    KioskCopiesError,
    KioskSessionEndedError,
    KioskSubjectMismatchError,
)

FEE_PER_COPY_YEN: Final = 200
"""The kiosk's fee for one copy of the resident record (the counter's standard fee is 300 yen;
municipalities that run kiosks commonly charge less there). Configurable per kiosk."""
MAX_COPIES: Final = 10
CERTIFICATE_SERVICE: Final = "certificate"
"""The catalogue code of the certificate kiosk service (証明書自動交付) on the card."""
IDLE_SECONDS: Final = 60.0
"""A session nobody touched for this long has ended: the screen clears, the card must come back."""
SEAL_DPI: Final = 200
_QR_MARGIN_MM: Final = 4.0


class Scope(enum.StrEnum):
    """Whom the copy shows: the resident alone, or their whole household."""

    SELF = "self"
    HOUSEHOLD = "household"


Renderer = Callable[[ResidentRecordCopy], RenderedCertificate]
"""Renders a copy into memory (the kiosk's own, or a shared render service)."""


class KioskPrinter(Protocol):
    """Where a kiosk sends a certificate's bytes; returns the print system's job id."""

    def print_pdf(self, pdf: bytes, title: str, copies: int) -> str: ...


@dataclass(frozen=True)
class CupsKioskPrinter:
    """The kiosk's CUPS queue: the PDF goes through lp's standard input, never a file."""

    printer: str
    server: str | None = None
    user: str | None = None

    def print_pdf(self, pdf: bytes, title: str, copies: int) -> str:
        width, height = page_size(pdf)
        job = PrintJob(self.printer, title, width, height, copies)
        return submit_bytes(job, pdf, server=self.server, user=self.user)


@dataclass(frozen=True)
class KioskSetup:
    """What one kiosk works with; `kiosk_id` is the identity the supervisor configured."""

    register: Register
    kiosk_id: str
    seal_signer: SealSigner = field(repr=False)
    trust: TrustStore = field(repr=False)  # the issuer CAs whose cards this kiosk accepts
    printer: KioskPrinter
    municipality: Municipality
    mayor_name: str
    fee_per_copy_yen: int = FEE_PER_COPY_YEN
    idle_seconds: float = IDLE_SECONDS
    renderer: Renderer | None = None  # None: render in this process with the seal signer
    card_service: str | None = None
    """The multipurpose service a card must carry to be served here (`CERTIFICATE_SERVICE`, where
    the municipality puts the certificate kiosk on cards by ordinance); None: any card in use."""
    today: Callable[[], date] = date.today
    clock: Callable[[], float] = time.monotonic

    def render(self, record: ResidentRecordCopy) -> RenderedCertificate:
        if self.renderer is not None:
            return self.renderer(record)
        return render_certificate(record, self.seal_signer)


@dataclass(frozen=True)
class Quote:
    """What the screen shows before printing: whom, how many, how much."""

    scope: Scope
    persons: int
    copies: int
    fee_yen: int


@dataclass(frozen=True)
class Issued:
    """A printed certificate: its number, copies, fee and the print job."""

    number: str
    scope: Scope
    copies: int
    fee_yen: int
    job_id: str


def open_session(setup: KioskSetup, transport: ApduTransport, pin: str) -> KioskSession:
    """A session for the card in this kiosk's reader, after the resident's PIN.

    The PIN opens the text AP, whose data must verify against the card's serial and issuer;
    the register must know the card as in use, and its holder must be the person on the chip.
    A kiosk that asks for a card service (`KioskSetup.card_service`) refuses a card without it,
    or with it locked, before the PIN.
    """
    serial = card_serial(transport)
    kiosk = Kiosk(setup.kiosk_id)
    serial_text = serial.hex().upper()
    if setup.card_service is not None:
        try:
            setup.register.services.require_usable(serial_text, setup.card_service)
        except ServiceError as exc:
            setup.register.kiosk_certificates.record_card_refused(kiosk, serial_text, exc.code)
            raise
    reading = read_text_ap(transport, pin, serial, trust=setup.trust, today=setup.today())
    attributes = reading.attributes
    if attributes is None:
        why = f": {setup.trust.missing}" if setup.trust.missing else ""
        refusal = KioskCardNotValidError(f"the text AP of card {serial_text} did not verify{why}")
        setup.register.kiosk_certificates.record_card_refused(kiosk, serial_text, refusal.code)
        raise refusal
    subject = setup.register.kiosk_certificates.subject_of_card(kiosk, serial_text)
    person = subject.resident
    if (attributes.name, attributes.birth_date) != (_name(person), person.birth_date):
        setup.register.kiosk_certificates.record_refused(kiosk, subject, "chip_register_differ")
        raise KioskCardNotValidError("the chip's name or birth date is not the register's")
    return KioskSession(setup, subject)


class KioskSession:
    """One resident at one kiosk, from the PIN to the printout; ends on print, removal or idle."""

    def __init__(self, setup: KioskSetup, subject: KioskSubject) -> None:
        self._setup = setup
        self._subject: KioskSubject | None = subject
        self._last_touch = setup.clock()

    @property
    def active(self) -> bool:
        """False once the session ended (printed, card removed, idle): the screen is cleared."""
        if self._subject is not None and self._idle():
            self.end()
        return self._subject is not None

    @property
    def resident_name(self) -> str:
        """The name the screen greets (only while the session is active)."""
        return _name(self._current().resident)

    def end(self) -> None:
        """Forget the resident: called on card removal, idle, and after printing."""
        self._subject = None

    def quote(self, scope: Scope, copies: int) -> Quote:
        """The fee for `copies` copies of the chosen record, shown before printing."""
        subject = self._current()
        if not 1 <= copies <= MAX_COPIES:
            raise KioskCopiesError(f"{copies} copies asked")
        persons = len(_persons(subject, scope))
        return Quote(scope, persons, copies, copies * self._setup.fee_per_copy_yen)

    def issue(self, scope: Scope, copies: int) -> Issued:
        """Render, check the subject, print, record; the session ends whatever happens."""
        quote = self.quote(scope, copies)
        subject = self._current()
        try:
            expected = record_copy(self._setup, subject, scope)
            rendered = self._setup.render(expected)
            self._check_subject(subject, expected, rendered.pdf)
            title = f"住民票の写し {expected.number}"
            try:
                job_id = self._setup.printer.print_pdf(rendered.pdf, title, copies)
            except PrinterError:
                self._setup.register.kiosk_certificates.record_refused(
                    self._kiosk, subject, "printer_error"
                )
                raise
            self._setup.register.kiosk_certificates.record_issued(
                self._kiosk, subject, kind=f"resident-record-copy/{scope.value}",
                copies=copies, fee_yen=quote.fee_yen, number=expected.number,
                persons=tuple(p.resident_id for p in _persons(subject, scope)),
            )  # fmt: skip
            return Issued(expected.number, scope, copies, quote.fee_yen, job_id)
        finally:
            self.end()

    # -- helpers --------------------------------------------------------------------------------

    @property
    def _kiosk(self) -> Kiosk:
        return Kiosk(self._setup.kiosk_id)

    def _idle(self) -> bool:
        return self._setup.clock() - self._last_touch > self._setup.idle_seconds

    def _current(self) -> KioskSubject:
        if not self.active or self._subject is None:
            raise KioskSessionEndedError("the kiosk session has ended")
        self._last_touch = self._setup.clock()
        return self._subject

    def _check_subject(
        self, subject: KioskSubject, expected: ResidentRecordCopy, pdf: bytes
    ) -> None:
        reason = subject_mismatch(pdf, expected, (self._setup.seal_signer.certificate,))
        if reason is not None:
            self._setup.register.kiosk_certificates.record_refused(
                self._kiosk, subject, "subject_mismatch"
            )
            raise KioskSubjectMismatchError(reason)


def record_copy(setup: KioskSetup, subject: KioskSubject, scope: Scope) -> ResidentRecordCopy:
    """The copy of the resident record a session prints, under a new certificate number."""
    persons = _persons(subject, scope)
    head = next((p for p in subject.household if p.relationship == "世帯主"), None)
    return ResidentRecordCopy(
        number=new_certificate_number(),
        issued_on=setup.today(),
        municipality=setup.municipality,
        mayor_name=setup.mayor_name,
        address=subject.resident.address,
        head_of_household=_name(head) if head is not None else "",
        members=tuple(_member(p) for p in persons),
    )


def subject_mismatch(
    pdf: bytes, expected: ResidentRecordCopy, certificates: Sequence[SignerCertificate]
) -> str | None:
    """Why the PDF is not the copy `expected` (None when every page's seal says it is).

    The seal is decoded from the rendered pixels, so a document swapped anywhere before this
    point (a shared queue, a cache, a file) is caught by what it actually shows.
    """
    digest = digest_fields(expected.content_fields())
    box = QR_BOX
    margin = _QR_MARGIN_MM
    pages = rasterise_pdf(pdf, SEAL_DPI, grey=True, crop_pt=_crop(box.x, box.y, box.w, margin))
    if len(pages) != expected.pages:
        return f"the document has {len(pages)} pages, the copy {expected.pages}"
    for number, image in enumerate(pages, 1):
        codes = read_codes(image)
        if len(codes) != 1:
            return f"page {number}: {len(codes)} seals found"
        verdict = verify_seal(codes[0], certificates)
        document = verdict.document
        if not verdict.valid or not isinstance(document, CertificateSeal):
            return f"page {number}: the seal is not a valid certificate seal"
        if document.number != expected.number or document.content_digest != digest:
            return f"page {number}: the seal is for another certificate"
    return None


def new_certificate_number() -> str:
    """A certificate number no other kiosk will print (K and 11 capital letters or digits)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "K" + "".join(secrets.choice(alphabet) for _ in range(11))


def _crop(
    x_mm: float, y_mm: float, size_mm: float, margin_mm: float
) -> tuple[float, float, float, float]:
    """pdfium's crop (left, bottom, right, top points cut off) around the QR box of an A4 page."""
    left = max(0.0, x_mm - margin_mm)
    bottom = max(0.0, y_mm - margin_mm)
    right = max(0.0, A4_WIDTH_MM - (x_mm + size_mm + margin_mm))
    top = max(0.0, A4_HEIGHT_MM - (y_mm + size_mm + margin_mm))
    return (left * MM, bottom * MM, right * MM, top * MM)


def _name(person: CertifiedPerson) -> str:
    return f"{person.family_name}\u3000{person.given_name}"


def _member(person: CertifiedPerson) -> HouseholdMember:
    return HouseholdMember(
        _name(person), person.birth_date, person.sex, person.relationship, person.resident_since
    )


def _persons(subject: KioskSubject, scope: Scope) -> tuple[CertifiedPerson, ...]:
    return subject.household if scope is Scope.HOUSEHOLD else (subject.resident,)
