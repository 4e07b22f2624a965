"""One counter of the load run: its own process, operator, register connection and cards.

The counter logs in as its own clerk and, until the run's end, picks actions by weight: search
the register, issue a card (a blank virtual card personalised, checked, recorded and its face and
receipt sent to the printer), verify one of its issued cards, change the address on one, book
or cancel a facility reservation. When an action fails the counter does what a clerk does with
the message on the screen: reads it, then presses "run again" (the workflow resumes at its
failed step) up to `RETRIES` times, else gives the work up (the workflow's clean-up runs). Every
action is sent to the run as a `Sample`; what the counter says it did (cards issued, bookings,
addresses) as `Claims`, which the checks afterwards hold against the register.

One counter may read through pcscd + vpcd (`CounterSpec.pcscd`): its cards are put into the
"Virtual PCD" reader one at a time, so a pcscd restart hits a counter that is reading.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import TypeVar

from counter_app.card.connection import CardConnection
from counter_app.card.issuer_keys import load_or_create_issuer
from counter_app.card.readers import ReaderBackend
from counter_app.card.scp03 import diversify_keys
from counter_app.card.verification import CheckId
from counter_app.errors import CounterError
from counter_app.printing.card_face import DEMO_MUNICIPALITY, AddressLinesFullError
from counter_app.printing.cups import PrinterError
from counter_app.printing.layouts import CARD_BACK
from counter_app.printing.seal_keys import load_or_create_seal_signer
from counter_app.records import OperatorPolicy, Register
from counter_app.records.errors import ReservationError
from counter_app.records.reservations import LOCAL_TIME
from counter_app.trust_store import Trust
from counter_app.virtual_card import VirtualCard
from counter_app.virtual_card.inprocess import InProcessReader
from counter_app.workflows import CounterContext, CounterSettings
from counter_app.workflows.address_change import AddressChangeRequest, AddressChangeWorkflow
from counter_app.workflows.common import IdentityDocument
from counter_app.workflows.issuance import IssuanceRequest, IssuanceWorkflow, find_residents
from counter_app.workflows.verification import VerificationRequest, VerificationWorkflow

T = TypeVar("T")

PIN = "4829"
DOCS = (IdentityDocument.DRIVING_HISTORY_CERTIFICATE,)
RETRIES = 8  # "run again" presses before the clerk gives the work up
READ_PAUSE_S = 1.0  # the clerk reads the message before pressing "run again"
POLICY = OperatorPolicy(argon2_time_cost=1, argon2_memory_kib=1024, argon2_parallelism=1)
WEIGHTS = {"search": 35, "issuance": 15, "verification": 20, "address": 10, "reservation": 20}
JAM_FILE = "JAMMED"  # while this file is in the printer's folder, the printer refuses jobs
READING_FILE = "vpcd-reading"  # next to the printer's folder while counter 0 holds a card


@dataclass(frozen=True)
class CounterSpec:
    """What one counter process needs: where the register is, who it is, what it may touch."""

    index: int
    url: str
    key_path: str
    home: str  # issuer and seal keys, made by the run before the counters start
    login: str
    password: str
    residents: tuple[int, ...]  # this counter's residents (no other counter issues to them)
    facilities: tuple[int, ...]
    queries: tuple[str, ...]  # kana names to search for
    printer: str  # the PDF printer's folder
    cards: str  # folder of this counter's virtual card files
    seconds: float
    seed: int
    pcscd: bool = False


@dataclass(frozen=True)
class Told:
    """A message the clerk saw: when (wall clock), the error's class and its what/todo."""

    at: float
    error: str
    what: str
    todo: str


@dataclass(frozen=True)
class Sample:
    """One action: its kind, start (wall clock), duration and how it ended.

    `ended` is "ok" (done at once), "resumed" (done after the clerk saw a message and ran it
    again), "rolled back" (given up; nothing of it is in the register), "refused" (the register
    said no, as it should: slot taken, booking limit) or "recorded, not printed".
    """

    counter: int
    action: str
    started: float
    seconds: float
    ended: str
    told: tuple[Told, ...] = ()


@dataclass
class Claims:
    """What a counter says it did, to be found in the register afterwards."""

    issued: dict[str, int] = field(default_factory=dict)  # serial -> resident
    not_recorded: list[str] = field(default_factory=list)  # serials written, issuance given up
    booked: set[int] = field(default_factory=set)  # reservation ids in force
    cancelled: set[int] = field(default_factory=set)
    addresses: dict[int, str] = field(default_factory=dict)  # resident -> last recorded address
    moves: dict[int, int] = field(default_factory=dict)  # resident -> card changes recorded
    printed: int = 0


Report = tuple[int, list[Sample], Claims, str]  # counter, samples, claims, crash ("" if none)


@dataclass
class IssuedCard:
    """A card this counter issued: whose, which, where its file is, its unlock number."""

    resident_id: int
    serial: str
    path: Path
    unlock_number: str
    moves: int = 0  # address changes on its back


REFUSALS = (ReservationError, AddressLinesFullError)
"""The register's or the card's answer "no" (slot taken, the card's back full): not run again."""


class GaveUp(Exception):
    """The clerk gave the work up after `RETRIES` messages."""

    def __init__(self, told: list[Told]) -> None:
        super().__init__(f"gave up after {len(told)} messages")
        self.told = told


def told_of(exc: CounterError) -> Told:
    return Told(time.time(), type(exc).__name__, exc.what, exc.todo)


def persist(work: Callable[[], T], told: list[Told]) -> T:
    """Run `work`; on a CounterError note the message, pause and run it again (GaveUp)."""
    while True:
        try:
            return work()
        except REFUSALS:
            raise
        except CounterError as exc:
            told.append(told_of(exc))
            if len(told) > RETRIES:
                raise GaveUp(told) from exc
            time.sleep(READ_PAUSE_S)


class Printer:
    """A PDF printer: each job a file in its folder; refuses jobs while it is jammed."""

    def __init__(self, folder: Path, counter: int) -> None:
        self.folder = folder
        self.counter = counter
        self.jobs = 0

    def print_pdf(self, title: str, pdf: bytes) -> None:
        if (self.folder / JAM_FILE).exists():
            raise PrinterError("the printer reports a paper jam")
        self.jobs += 1
        (self.folder / f"counter{self.counter}-{self.jobs:05d}-{title}.pdf").write_bytes(pdf)


class CardSlot:
    """The counter's reader: an in-process one, or the vpcd reader of pcscd."""

    def __init__(self, pcscd: bool, reading: Path) -> None:
        self.pcscd = pcscd
        self.reading = reading  # exists while a card is in the vpcd reader
        self._backend: ReaderBackend | None = None

    @contextlib.contextmanager
    def holding(self, path: Path, told: list[Told]) -> Iterator[Callable[[], CardConnection]]:
        """The card of `path` in the reader while inside; yields the workflows' card source."""
        if not self.pcscd:
            reader = InProcessReader()
            reader.insert(path)
            yield reader.connect
            return
        from counter_app.card_service.pcscd_service import InsertedCard
        from counter_app.virtual_card.vpcd import VPCD_READER

        backend = self._pcsc()
        inserted = InsertedCard(VirtualCard.load(path))
        persist(lambda: _insert(inserted), told)
        self.reading.touch()
        try:
            yield lambda: backend.connect(VPCD_READER)
        finally:
            self.reading.unlink(missing_ok=True)
            with contextlib.suppress(Exception):
                inserted.remove()

    def _pcsc(self) -> ReaderBackend:
        """The counter's PC/SC back end, opened once as the counter does: after a pcscd restart
        it establishes its context again by itself."""
        if self._backend is None:
            from counter_app.card.pcsc import PcscBackend
            from counter_app.virtual_card.vpcd import VPCD_READER

            self._backend = PcscBackend(only=VPCD_READER)
        return self._backend


def _insert(inserted: object) -> None:
    from counter_app.card_service.pcscd_service import InsertedCard

    assert isinstance(inserted, InsertedCard)
    try:
        inserted.insert(timeout=10)
    except (TimeoutError, OSError) as exc:
        with contextlib.suppress(Exception):
            inserted.remove()
        raise _ReaderNotReady(str(exc)) from exc


class _ReaderNotReady(CounterError):
    what = "The card reader does not answer."
    todo = "Wait a moment and insert the card again."


class Counter:
    """One counter's day: the context, its cards, its printer and its record of what it did."""

    def __init__(self, spec: CounterSpec, register: Register, ctx: CounterContext) -> None:
        self.spec = spec
        self.register = register
        self.ctx = ctx
        self.random = random.Random(spec.seed)
        self.to_issue = list(spec.residents)
        self.random.shuffle(self.to_issue)
        self.issued: list[IssuedCard] = []
        self.claims = Claims()
        self.printer = Printer(Path(spec.printer), spec.index)
        self.slot = CardSlot(spec.pcscd, Path(spec.printer).parent / READING_FILE)
        self.bookings: list[tuple[int, int]] = []  # (reservation, resident)

    def act(self, action: str) -> tuple[str, list[Told]]:
        """Do one action; (how it ended, messages the clerk saw)."""
        told: list[Told] = []
        try:
            ended = getattr(self, f"_{action}")(told)
        except GaveUp as exc:
            return "rolled back", exc.told
        return ended, told

    def next_action(self) -> str:
        actions = list(WEIGHTS)
        if not self.issued:
            actions = [a for a in actions if a not in ("verification", "address")]
        if not self.to_issue:
            actions.remove("issuance")
        return self.random.choices(actions, [WEIGHTS[a] for a in actions])[0]

    # -- actions ---------------------------------------------------------------------------------

    def _search(self, told: list[Told]) -> str:
        query = self.random.choice(self.spec.queries)
        persist(lambda: find_residents(self.ctx, query, 20), told)
        return "resumed" if told else "ok"

    def _issuance(self, told: list[Told]) -> str:
        resident_id = self.to_issue.pop()
        issuer = self.ctx.issuer
        serial = os.urandom(8)
        path = Path(self.spec.cards) / f"{serial.hex()}.json"
        VirtualCard.manufacture(path, diversify_keys(issuer.channel_master_key, serial), serial)
        with self.slot.holding(path, told) as source:
            request = IssuanceRequest(resident_id, DOCS, PIN)
            workflow = IssuanceWorkflow(self.ctx, request, source)
            try:
                result = persist(workflow.run, told)
            except GaveUp:
                issued = workflow.issued
                if issued is None:
                    workflow.abort()
                    self.claims.not_recorded.append(serial.hex().upper())
                    raise
                self.claims.issued[issued.serial] = resident_id  # recorded; printing failed
                return "recorded, not printed"
        data = workflow.cardholder
        assert data is not None and result.printed is not None
        self.claims.issued[result.serial] = resident_id
        self.issued.append(IssuedCard(resident_id, result.serial, path, data.unlock_number))
        printed = result.printed
        persist(lambda: self.printer.print_pdf("face", printed.card_face_pdf), told)
        persist(lambda: self.printer.print_pdf("receipt", printed.receipt_pdf), told)
        self.claims.printed += 2
        return "resumed" if told else "ok"

    def _verification(self, told: list[Told]) -> str:
        card = self.random.choice(self.issued)
        while True:
            with self.slot.holding(card.path, told) as source:
                request = VerificationRequest("identity-check", card.unlock_number, PIN)
                workflow = VerificationWorkflow(self.ctx, request, source)
                try:
                    result = persist(workflow.run, told)
                except GaveUp:
                    workflow.abort()
                    raise
            if result.valid:
                return "resumed" if told else "ok"
            if [c.id for c in result.failed] != [CheckId.REGISTER_STATUS]:
                return "wrong verdict"  # a card this counter issued must be valid
            # The register could not be asked: the clerk sees that check unknown and verifies
            # the card again.
            told.append(Told(time.time(), "RegisterStatusUnknown", result.failed[0].reason, ""))
            if len(told) > RETRIES:
                raise GaveUp(told)
            time.sleep(READ_PAUSE_S)

    def _address(self, told: list[Told]) -> str:
        card = self.random.choice(self.issued)
        if card.moves >= len(CARD_BACK.lines):  # a clerk would re-issue it: test it is refused
            try:
                self._move(card, told)
            except AddressLinesFullError:
                return "refused"
            return "wrong verdict"  # a seventh line on the back must be refused
        return self._move(card, told)

    def _move(self, card: IssuedCard, told: list[Told]) -> str:
        address = f"東京都港区芝公園{self.random.randint(1, 9)}-{self.random.randint(1, 40)}"
        with self.slot.holding(card.path, told) as source:
            request = AddressChangeRequest(
                card.resident_id, self.ctx.today(), PIN, card.unlock_number, new_address=address
            )
            workflow = AddressChangeWorkflow(self.ctx, request, source)
            try:
                result = persist(workflow.run, told)
            except GaveUp:
                if workflow.recorded is not None:
                    self._moved(card, workflow.recorded.address)
                    return "recorded, not printed"
                workflow.abort()
                raise
        self._moved(card, result.address)
        return "resumed" if told else "ok"

    def _moved(self, card: IssuedCard, address: str) -> None:
        card.moves += 1
        self.claims.addresses[card.resident_id] = address
        self.claims.moves[card.resident_id] = self.claims.moves.get(card.resident_id, 0) + 1

    def _reservation(self, told: list[Told]) -> str:
        desk_register = self.register.reservations
        if self.bookings and self.random.random() < 0.3:
            reservation_id, resident_id = self.bookings.pop(
                self.random.randrange(len(self.bookings))
            )
            try:
                persist(
                    lambda: desk_register.cancel(self.ctx.operator, reservation_id, resident_id),
                    told,
                )
            except ReservationError:
                return "refused"
            self.claims.booked.discard(reservation_id)
            self.claims.cancelled.add(reservation_id)
            return "resumed" if told else "ok"
        resident_id = self.random.choice(self.spec.residents)
        facility = self.random.choice(self.spec.facilities)
        day = dt.datetime.now(LOCAL_TIME).date() + dt.timedelta(days=self.random.randint(2, 20))
        starts = dt.datetime.combine(  # local time, naive, as the reservation page gives it
            day, dt.time(self.random.randint(9, 20), self.random.choice((0, 30)))
        )
        try:
            booked = persist(
                lambda: desk_register.reserve(self.ctx.operator, facility, resident_id, starts),
                told,
            )
        except ReservationError:
            return "refused"
        self.claims.booked.add(booked.id)
        self.bookings.append((booked.id, resident_id))
        return "resumed" if told else "ok"


def counter_main(spec: CounterSpec, ready: Barrier, reports: Queue[Report]) -> None:
    """The counter process: log in, wait for the others, work until the time is up, report."""
    samples: list[Sample] = []
    claims = Claims()
    crash = ""
    register = Register.open(spec.url, key_path=Path(spec.key_path), policy=POLICY)
    try:
        home = Path(spec.home)
        operator = register.operators.login_with_password(spec.login, spec.password)
        issuer, seal_signer = load_or_create_issuer(home), load_or_create_seal_signer(home)
        ctx = CounterContext(
            register=register,
            operator=operator,
            issuer=issuer,
            seal_signer=seal_signer,
            settings=CounterSettings(),
            municipality=DEMO_MUNICIPALITY,
            # The run's development keys, trusted as a trust store holding their certificates.
            trust=Trust.of(issuer.trust.certificates(), [seal_signer.certificate]),
        )
        counter = Counter(spec, register, ctx)
        claims = counter.claims
        ready.wait(300)
        end = time.monotonic() + spec.seconds
        while time.monotonic() < end:
            action = counter.next_action()
            started, t0 = time.time(), time.perf_counter()
            ended, told = counter.act(action)
            seconds = time.perf_counter() - t0
            samples.append(Sample(spec.index, action, started, seconds, ended, tuple(told)))
    except Exception:  # reported, so the run fails in words instead of hanging
        crash = traceback.format_exc()
        ready.abort()
    finally:
        with contextlib.suppress(Exception):
            register.close()
        reports.put((spec.index, samples, claims, crash))
