"""The certificate kiosk: a resident's card and PIN, a copy of their record (self or household)
printed from memory with the fee recorded; the print-time subject check stopping another
resident's document; the session ending on print and idle; several kiosks at once, each its own
process with its own card, against one PostgreSQL register, every printed document proved (from
its own seal and text) to be its own card's."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from counter_app.card import profile as p
from counter_app.card.errors import InvalidPinError
from counter_app.card.issuer_keys import IssuerMaterial
from counter_app.printing.card_face import DEMO_MUNICIPALITY
from counter_app.printing.certificate import RenderedCertificate, ResidentRecordCopy
from counter_app.printing.certificate import render_certificate as render
from counter_app.printing.cups import PrinterError
from counter_app.printing.seal_keys import load_or_create_seal_signer
from counter_app.records import (
    STANDARD_SERVICES,
    CardStatus,
    OperatorSession,
    Register,
    ResidentStatus,
    Role,
)
from counter_app.records.errors import KioskCardError, ServiceLockedError, ServiceNotOnCardError
from counter_app.workflows import CounterContext, CounterSettings
from counter_app.workflows.card_services import CONSENT_TEXT_VERSION, ServiceDesk
from counter_app.workflows.certificate_kiosk import (
    CERTIFICATE_SERVICE,
    FEE_PER_COPY_YEN,
    CupsKioskPrinter,
    KioskSetup,
    Scope,
    open_session,
)
from counter_app.workflows.common import IdentityDocument
from counter_app.workflows.errors import (
    KioskCardNotValidError,
    KioskSessionEndedError,
    KioskSubjectMismatchError,
)
from counter_app.workflows.issuance import IssuanceRequest, IssuanceWorkflow
from tests.support.card_fixtures import Card, manufacture
from tests.support.certificate_kiosks import (
    KioskOrder,
    KioskPlace,
    MemoryPrinter,
    run_certificate_kiosks,
    seal_of,
    text_of,
)
from tests.support.records_fixtures import (  # noqa: F401  (fixtures)
    fresh_register_url,
    postgres_admin_url,
    records_pg_template,
    resident,
)
from tests.support.trust import own_trust

PIN = "4829"
DOCS = (IdentityDocument.PASSPORT,)


@pytest.fixture
def clerk_ctx(
    register: Register,
    make_operator: Callable[..., OperatorSession],
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> CounterContext:
    seal_signer = load_or_create_seal_signer(tmp_path / "seal")
    return CounterContext(
        register=register,
        operator=make_operator("clerk", Role.ISSUING_CLERK),
        issuer=issuer,
        seal_signer=seal_signer,
        settings=CounterSettings(),
        municipality=DEMO_MUNICIPALITY,
        trust=own_trust(issuer, seal_signer),
    )


def issue_card(ctx: CounterContext, issuer: IssuerMaterial, person: int, path: Path) -> Card:
    card = manufacture(issuer, path)
    IssuanceWorkflow(ctx, IssuanceRequest(person, DOCS, PIN), card.reader.connect).run()
    return card


def kiosk(
    ctx: CounterContext,
    printer: MemoryPrinter,
    kiosk_id: str = "kiosk-本庁-1",
    **kw: object,
) -> KioskSetup:
    return KioskSetup(
        register=ctx.register,
        kiosk_id=kiosk_id,
        seal_signer=ctx.seal_signer,
        trust=ctx.issuer.trust,
        printer=printer,
        municipality=DEMO_MUNICIPALITY,
        mayor_name="見本\u3000太郎",
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture
def family(register: Register, supervisor: OperatorSession) -> dict[str, int]:
    people = {
        "太郎": register.residents.add(supervisor, resident(given="太郎", household="H-K1")),
        "花子": register.residents.add(
            supervisor,
            resident(given="花子", household="H-K1", relationship="妻", born=date(1953, 6, 2)),
        ),
        "一郎": register.residents.add(
            supervisor,
            resident(given="一郎", household="H-K1", relationship="子", born=date(1980, 1, 9)),
        ),
    }
    people["次郎"] = register.residents.add(
        supervisor, resident(family="佐藤", given="次郎", household="H-K2")
    )
    moved = register.residents.add(
        supervisor,
        resident(given="三郎", household="H-K1", relationship="子", born=date(1984, 3, 3)),
    )
    register.residents.change_status(supervisor, moved, ResidentStatus.MOVED_OUT, date(2024, 4, 1))
    return people


def test_a_resident_prints_the_household_copy_and_the_fee_and_kiosk_are_recorded(
    clerk_ctx: CounterContext, issuer: IssuerMaterial, family: dict[str, int], tmp_path: Path
) -> None:
    card = issue_card(clerk_ctx, issuer, family["花子"], tmp_path / "hanako.json")
    printer = MemoryPrinter()
    before = set(tmp_path.rglob("*"))

    session = open_session(kiosk(clerk_ctx, printer), card.transport(), PIN)
    assert session.resident_name == "山田\u3000花子"
    quote = session.quote(Scope.HOUSEHOLD, 2)
    assert (quote.persons, quote.fee_yen) == (3, 2 * FEE_PER_COPY_YEN)
    issued = session.issue(Scope.HOUSEHOLD, 2)

    assert not session.active  # the screen clears after printing
    ((title, pdf, copies),) = printer.jobs
    assert copies == 2 and issued.number in title
    text = text_of(pdf)
    assert all(name in text for name in ("山田\u3000太郎", "山田\u3000花子", "山田\u3000一郎"))
    assert "次郎" not in text and "三郎" not in text  # another household; moved out
    assert seal_of(pdf, clerk_ctx.seal_signer.certificate) == (issued.number,)
    assert set(tmp_path.rglob("*")) == before  # nothing of the resident written to disk
    event = clerk_ctx.register.audit_events(1)[0]
    assert (event.action, event.purpose_code, event.resident_id) == (
        "kiosk.certificate.issued",
        "certificate-kiosk",
        family["花子"],
    )
    assert event.detail["kiosk"] == "kiosk-本庁-1"
    assert (event.detail["fee_yen"], event.detail["copies"], event.detail["persons"]) == (400, 2, 3)
    assert event.operator_id is None


def test_the_self_copy_shows_only_the_card_holder(
    clerk_ctx: CounterContext, issuer: IssuerMaterial, family: dict[str, int], tmp_path: Path
) -> None:
    card = issue_card(clerk_ctx, issuer, family["一郎"], tmp_path / "ichiro.json")
    printer = MemoryPrinter()
    session = open_session(kiosk(clerk_ctx, printer), card.transport(), PIN)
    issued = session.issue(Scope.SELF, 1)
    text = text_of(printer.jobs[0][1])
    assert "山田\u3000一郎" in text and "花子" not in text
    assert issued.fee_yen == FEE_PER_COPY_YEN


def test_a_wrong_pin_opens_no_session_and_a_suspended_card_is_refused_and_recorded(
    clerk_ctx: CounterContext, issuer: IssuerMaterial, family: dict[str, int], tmp_path: Path
) -> None:
    card = issue_card(clerk_ctx, issuer, family["太郎"], tmp_path / "taro.json")
    setup = kiosk(clerk_ctx, MemoryPrinter())
    with pytest.raises(InvalidPinError):
        open_session(setup, card.transport(), "0000")
    serial = card.serial.hex().upper()
    clerk_ctx.register.cards.change_status(
        clerk_ctx.operator, serial, CardStatus.SUSPENDED, "紛失届"
    )
    with pytest.raises(KioskCardError):
        open_session(setup, card.transport(), PIN)
    event = clerk_ctx.register.audit_events(1)[0]
    assert (event.action, event.outcome, event.detail["kiosk"]) == (
        "kiosk.session",
        "refused",
        "kiosk-本庁-1",
    )


def test_a_kiosk_asking_for_the_certificate_service_refuses_a_card_without_it_before_the_pin(
    clerk_ctx: CounterContext,
    make_operator: Callable[..., OperatorSession],
    supervisor: OperatorSession,
    issuer: IssuerMaterial,
    family: dict[str, int],
    tmp_path: Path,
) -> None:
    register = clerk_ctx.register
    for new in STANDARD_SERVICES:
        register.services.add_service_type(supervisor, new)
        register.services.set_enabled(supervisor, new.code, True)
    card = issue_card(clerk_ctx, issuer, family["太郎"], tmp_path / "taro.json")
    printer = MemoryPrinter()
    setup = kiosk(clerk_ctx, printer, card_service=CERTIFICATE_SERVICE)
    with pytest.raises(ServiceNotOnCardError):
        open_session(setup, card.transport(), "0000")  # refused before the PIN is tried
    event = register.audit_events(1)[0]
    assert (event.action, event.outcome, event.detail["reason"]) == (
        "kiosk.session", "refused", "not_installed",
    )  # fmt: skip
    assert printer.jobs == []

    admin = dataclasses.replace(clerk_ctx, operator=make_operator("applet", Role.APPLET_ADMIN))
    desk = ServiceDesk(admin, card.connection)
    desk.install(CERTIFICATE_SERVICE, consent_version=CONSENT_TEXT_VERSION)
    open_session(setup, card.transport(), PIN).issue(Scope.SELF, 1)
    assert len(printer.jobs) == 1
    desk.lock(CERTIFICATE_SERVICE)
    with pytest.raises(ServiceLockedError):
        open_session(setup, card.transport(), PIN)


def test_a_card_whose_text_was_altered_opens_no_session_and_the_refusal_is_recorded(
    clerk_ctx: CounterContext, issuer: IssuerMaterial, family: dict[str, int], tmp_path: Path
) -> None:
    """Someone rewrote the name on a card to get another person's certificate."""
    card = issue_card(clerk_ctx, issuer, family["太郎"], tmp_path / "taro.json")

    def rename(data: bytearray) -> None:
        index = data.index("山田".encode())
        data[index : index + 6] = "佐藤".encode()

    card.alter_file(p.Aid.TEXT.value, p.Fid.TEXT_ATTRIBUTES, rename)
    printer = MemoryPrinter()
    with pytest.raises(KioskCardNotValidError):
        open_session(kiosk(clerk_ctx, printer), card.transport(), PIN)
    assert printer.jobs == []
    event = clerk_ctx.register.audit_events(1)[0]
    assert (event.action, event.outcome, event.resident_id) == ("kiosk.session", "refused", None)
    assert (event.detail["reason"], event.detail["card"]) == (
        "card_not_valid",
        card.serial.hex().upper(),
    )


def test_another_sessions_document_from_a_shared_render_cache_is_never_printed(
    clerk_ctx: CounterContext, issuer: IssuerMaterial, family: dict[str, int], tmp_path: Path
) -> None:
    """The incidents' pattern: a shared render step hands one request the document it made for
    a near-simultaneous other (here a cache keyed by the issue day)."""
    cache: dict[date, RenderedCertificate] = {}

    def shared_render(record: ResidentRecordCopy) -> RenderedCertificate:
        if record.issued_on not in cache:
            cache[record.issued_on] = render(record, clerk_ctx.seal_signer)
        return cache[record.issued_on]

    jiro = issue_card(clerk_ctx, issuer, family["次郎"], tmp_path / "jiro.json")
    hanako = issue_card(clerk_ctx, issuer, family["花子"], tmp_path / "hanako.json")
    printer = MemoryPrinter()
    first = open_session(
        kiosk(clerk_ctx, printer, "kiosk-1", renderer=shared_render), jiro.transport(), PIN
    )
    second = open_session(
        kiosk(clerk_ctx, printer, "kiosk-2", renderer=shared_render), hanako.transport(), PIN
    )
    first.issue(Scope.SELF, 1)
    with pytest.raises(KioskSubjectMismatchError) as stopped:
        second.issue(Scope.SELF, 1)

    assert "another certificate" in str(stopped.value)
    assert len(printer.jobs) == 1 and "次郎" in text_of(printer.jobs[0][1])  # only jiro's own
    assert not second.active
    event = clerk_ctx.register.audit_events(1)[0]
    assert (event.action, event.outcome, event.resident_id) == (
        "kiosk.certificate.refused",
        "refused",
        family["花子"],
    )
    assert (event.detail["reason"], event.detail["kiosk"]) == ("subject_mismatch", "kiosk-2")


def test_an_idle_session_ends_and_prints_nothing(
    clerk_ctx: CounterContext, issuer: IssuerMaterial, family: dict[str, int], tmp_path: Path
) -> None:
    card = issue_card(clerk_ctx, issuer, family["太郎"], tmp_path / "taro.json")
    now = [0.0]
    printer = MemoryPrinter()
    session = open_session(kiosk(clerk_ctx, printer, clock=lambda: now[0]), card.transport(), PIN)
    now[0] = 30.0
    assert session.quote(Scope.SELF, 1).fee_yen == FEE_PER_COPY_YEN  # a touch keeps it alive
    now[0] = 95.0
    assert not session.active
    with pytest.raises(KioskSessionEndedError):
        session.issue(Scope.SELF, 1)
    assert printer.jobs == []


def test_a_printer_that_refuses_the_job_takes_no_fee_and_the_failure_is_recorded(
    clerk_ctx: CounterContext, issuer: IssuerMaterial, family: dict[str, int], tmp_path: Path
) -> None:
    card = issue_card(clerk_ctx, issuer, family["太郎"], tmp_path / "taro.json")
    # A CUPS queue on a print server that does not exist: lp refuses the job.
    printer = CupsKioskPrinter("KioskPrinter", server=str(tmp_path / "no-cupsd.sock"))
    setup = dataclasses.replace(kiosk(clerk_ctx, MemoryPrinter()), printer=printer)
    session = open_session(setup, card.transport(), PIN)
    with pytest.raises(PrinterError):
        session.issue(Scope.SELF, 1)
    event = clerk_ctx.register.audit_events(1)[0]
    assert (event.action, event.detail["reason"]) == ("kiosk.certificate.refused", "printer_error")
    assert not session.active


def test_a_removed_card_ends_the_session_before_the_choice_is_printed(
    clerk_ctx: CounterContext, issuer: IssuerMaterial, family: dict[str, int], tmp_path: Path
) -> None:
    card = issue_card(clerk_ctx, issuer, family["太郎"], tmp_path / "taro.json")
    printer = MemoryPrinter()
    session = open_session(kiosk(clerk_ctx, printer), card.transport(), PIN)
    assert session.quote(Scope.HOUSEHOLD, 1).persons == 3
    card.reader.remove()
    session.end()  # what the kiosk window's card watcher calls on removal
    assert not session.active
    with pytest.raises(KioskSessionEndedError):
        _ = session.resident_name
    with pytest.raises(KioskSessionEndedError):
        session.issue(Scope.HOUSEHOLD, 1)
    assert printer.jobs == []


KIOSKS = 4
REQUESTS = 3


@pytest.fixture
def records_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """SQLite, unless a test asks for PostgreSQL (`indirect` parametrisation)."""
    with fresh_register_url(request, getattr(request, "param", "sqlite"), tmp_path) as url:
        yield url


@pytest.mark.parametrize("records_url", ["postgresql"], indirect=True)
def test_kiosks_at_once_never_print_another_residents_certificate(
    register: Register,
    supervisor: OperatorSession,
    clerk_ctx: CounterContext,
    issuer: IssuerMaterial,
    records_url: str,
    records_key_path: Path,
    tmp_path: Path,
) -> None:
    """Several kiosks, each a process of its own with its own register connection and its own
    card in its own reader, request at once against one PostgreSQL register; each reads back
    what it printed (the seal from the pixels, and the text), and every document names its
    own card's resident and no other."""
    names = ["一", "二", "三", "四", "五", "六"][:KIOSKS]
    people = [
        register.residents.add(
            supervisor, resident(family="鈴木", given=f"{n}子", household=f"H-C{i}")
        )
        for i, n in enumerate(names)
    ]
    cards = [
        issue_card(clerk_ctx, issuer, p, tmp_path / f"card-{i}.json") for i, p in enumerate(people)
    ]
    for card in cards:
        card.reader.remove()  # each card goes to its own kiosk's reader
    place = KioskPlace.trusting(
        records_url, records_key_path, tmp_path / "seal", clerk_ctx.issuer.trust, PIN
    )
    orders = [KioskOrder(f"kiosk-{i}", card.path, REQUESTS) for i, card in enumerate(cards)]

    printed = run_certificate_kiosks(place, orders)

    assert len(printed) == KIOSKS * REQUESTS
    kiosk_of = {number: kiosk_id for kiosk_id, number, _ in printed}
    assert len(kiosk_of) == KIOSKS * REQUESTS  # one seal, one certificate number, per document
    for kiosk_id, _, text in printed:
        own = names[int(kiosk_id.removeprefix("kiosk-"))]
        assert f"鈴木\u3000{own}子" in text, kiosk_id
        assert not any(f"{n}子" in text for n in names if n != own), kiosk_id
    recorded = [e for e in register.audit_events(200) if e.action == "kiosk.certificate.issued"]
    assert {e.detail["number"]: (e.detail["kiosk"], e.resident_id) for e in recorded} == {
        number: (kiosk_id, people[int(kiosk_id.removeprefix("kiosk-"))])
        for number, kiosk_id in kiosk_of.items()
    }
