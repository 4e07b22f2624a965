"""The library desk's SIP2 client: patron look-up, lend, return and renew by barcode.

One client holds one connection and is used by one thread at a time (a lock guards it).  It
connects on first use: login (93/94) when a user is configured, then the counter's status
(99/98).  Every answer is checked: its code, its checksum (a damaged answer is asked again with
97, as SIP2 says), and its sequence number.

Nothing is recorded twice.  When the answer to a loan or return is lost (the connection dropped
or the library system did not answer in time), the client does not send it again blindly: it
connects anew and asks the library system what happened, by the patron's charged items (63/64)
for a loan and the item's circulation status (17/18) for a return.  Found done: the clerk gets
the loan, marked as confirmed on reconnect.  Not done and the connection had dropped: it is sent
once more.  Not done after a timeout: the clerk is told and the transaction stays unsettled, so
that the clerk's next try asks first again (a slow library system may still record it).  A
checkout also says "no renewal" (SC renewal policy N), so a library system that honours it
refuses, rather than renews, a second checkout of the same item to the same patron.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from counter_app.config import LibrarySettings
from counter_app.library.errors import (
    ItemNotOnLoanError,
    ItemOnLoanError,
    ItemUnknownError,
    LibraryConnectionLostError,
    LibraryError,
    LibraryLoginRefusedError,
    LibraryNotAnsweringError,
    LibraryOfflineError,
    LibraryOutcomeUnknownError,
    LibraryProtocolError,
    PatronBlockedError,
    PatronUnknownError,
    TransactionRefusedError,
)
from counter_app.library.messages import ChecksumError, Message, decode, encode, sip_date
from counter_app.library.model import (
    CirculationStatus,
    Item,
    LibraryStatus,
    Loan,
    Patron,
    PatronBlock,
    Return,
    due_date,
)
from counter_app.library.transport import SipSocket

ANSWER_TO = {"93": "94", "99": "98", "63": "64", "11": "12", "09": "10", "29": "30", "17": "18"}
RESENDS = 2  # how often a damaged answer is asked for again before giving up
NO_DATE = " " * 18
STATUS_REQUEST = Message("99", "0" + "080" + "2.00")  # status ok, 80 columns, SIP2 2.00
SUMMARY_CHARGED_ITEMS = "  Y       "  # patron information: list the charged items
T = TypeVar("T")
_Lost = (LibraryConnectionLostError, LibraryNotAnsweringError)


class LibraryClient:
    """A SIP2 conversation with the library system, opened on first use."""

    def __init__(
        self, settings: LibrarySettings, *, now: Callable[[], dt.datetime] = dt.datetime.now
    ) -> None:
        self.settings = settings
        self._now = now
        self._sock: SipSocket | None = None
        self._sequence = 0
        self._lock = threading.RLock()
        self._unsettled: set[tuple[str, ...]] = set()
        self.status: LibraryStatus | None = None

    def __enter__(self) -> LibraryClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            if self._sock is not None:
                self._sock.close()
                self._sock = None

    def connect(self) -> LibraryStatus:
        """Log in and ask the library system's status: the check made at start."""
        with self._lock:
            self.close()
            self._open()
            assert self.status is not None
            return self.status

    def check(self) -> LibraryStatus:
        """The library system's status (99/98) on the open connection: is it still there?"""
        with self._lock:
            sock = self._open()
            return self._status(sock)

    # -- read-only questions: asked again once when the connection dropped ------------------

    def patron(self, patron_id: str) -> Patron:
        """The library account behind a library card number, with its blocks and loans."""
        request = self._request(
            "63",
            "000" + sip_date(self._now()) + SUMMARY_CHARGED_ITEMS,
            AA=patron_id,
            AC="",
            BP="1",
            BQ="999",
        )
        answer = self._ask(request)
        fixed = answer.fixed
        if answer.get("BL", "Y") != "Y":
            raise PatronUnknownError(" ".join(answer.all("AF")))
        return Patron(
            patron_id=answer.get("AA", patron_id),
            name=answer.get("AE"),
            valid=True,
            blocks=PatronBlock.from_status(fixed[:14]),
            charged_items=answer.all("AU"),
            charged_count=_count(fixed[43:47]),
            overdue_count=_count(fixed[39:43]),
            fee=answer.get("BV"),
            screen_message=" ".join(answer.all("AF")),
        )

    def item(self, barcode: str) -> Item:
        """An item's title, circulation status and due date."""
        answer = self._ask(self._request("17", sip_date(self._now()), AB=barcode, AC=""))
        title = answer.get("AJ")
        try:
            status = CirculationStatus(answer.fixed[:2])
        except ValueError:
            status = CirculationStatus.OTHER
        if not title and status is CirculationStatus.OTHER:
            raise ItemUnknownError(" ".join(answer.all("AF")))
        due_text = answer.get("AH")
        return Item(answer.get("AB", barcode), title, status, due_date(due_text), due_text)

    # -- transactions: never sent twice -----------------------------------------------------

    def lend(self, patron_id: str, barcode: str) -> Loan:
        """Lend the item to the patron (checkout, 11/12)."""
        with self._lock:
            key = ("lend", patron_id, barcode)
            if key in self._unsettled:
                done = self._settled(key, lambda: self._lent_already(patron_id, barcode))
                if done is not None:
                    return done
            request = self._request(
                "11", "NN" + sip_date(self._now()) + NO_DATE, AA=patron_id, AB=barcode, AC=""
            )
            answer = self._transact(key, request, lambda: self._lent_already(patron_id, barcode))
            if isinstance(answer, Loan):
                return answer
            if answer.flag(0):
                return self._loan(answer, patron_id, barcode, renewal=False)
            return self._refused_loan(answer, patron_id, barcode)

    def give_back(self, barcode: str) -> Return:
        """Return the item (checkin, 09/10)."""
        with self._lock:
            key = ("return", barcode)
            if key in self._unsettled:
                done = self._settled(key, lambda: self._returned_already(barcode))
                if done is not None:
                    return done
            today = sip_date(self._now())
            request = self._request(
                "09", "N" + today + today, AP=self.settings.location, AB=barcode, AC=""
            )
            answer = self._transact(key, request, lambda: self._returned_already(barcode))
            if isinstance(answer, Return):
                return answer
            if answer.flag(0):
                return Return(
                    barcode=answer.get("AB", barcode),
                    title=answer.get("AJ"),
                    patron_id=answer.get("AA"),
                    alert=answer.flag(3),
                    screen_message=" ".join(answer.all("AF")),
                )
            item = self.item(barcode)  # raises ItemUnknownError
            if not item.status.on_loan:
                raise ItemNotOnLoanError(" ".join(answer.all("AF")))
            raise TransactionRefusedError(" ".join(answer.all("AF")))

    def renew(self, patron_id: str, barcode: str) -> Loan:
        """Extend the patron's loan of the item (renew, 29/30).

        The due date read before is the witness: after a lost answer, a changed due date means
        the renewal was recorded.
        """
        with self._lock:
            before = self.item(barcode)
            if not before.status.on_loan:
                raise ItemNotOnLoanError()
            key = ("renew", patron_id, barcode)

            def renewed_already() -> Loan | None:
                after = self.item(barcode)
                if after.due_text == before.due_text:
                    return None
                return Loan(
                    patron_id, barcode, after.title, after.due, after.due_text, True, "", True
                )

            request = self._request(
                "29", "NN" + sip_date(self._now()) + NO_DATE, AA=patron_id, AB=barcode, AC=""
            )
            try:
                answer = self._transact(key, request, renewed_already)
            finally:
                self._unsettled.discard(key)  # a renewal is judged by its due date, each time
            if isinstance(answer, Loan):
                return answer
            if answer.flag(0):
                return self._loan(answer, patron_id, barcode, renewal=True)
            patron = self.patron(patron_id)
            if patron.blocks:
                raise PatronBlockedError(patron.block_reasons)
            raise TransactionRefusedError(" ".join(answer.all("AF")))

    # -- the machinery ------------------------------------------------------------------------

    def _transact(
        self,
        key: tuple[str, ...],
        request: Message,
        already_done: Callable[[], T | None],
    ) -> Message | T:
        """Send a transaction once; after a lost answer, ask whether it happened, then resend."""
        try:
            return self._exchange(request)
        except _Lost as lost:
            self._unsettled.add(key)
            done = self._settled(key, already_done)
            if done is not None:
                return done
            if isinstance(lost, LibraryNotAnsweringError):
                raise  # it may still be recorded late: the next try asks first
        answer = self._exchange(request)  # lost again: stays unsettled, the next try asks
        self._unsettled.discard(key)
        return answer

    def _settled(self, key: tuple[str, ...], already_done: Callable[[], T | None]) -> T | None:
        """What the library system says about an unsettled transaction: done, or None."""
        try:
            done = already_done()
        except (PatronUnknownError, ItemUnknownError):
            raise
        except LibraryError as exc:
            raise LibraryOutcomeUnknownError(str(exc)) from None
        if done is not None:
            self._unsettled.discard(key)
        return done

    def _lent_already(self, patron_id: str, barcode: str) -> Loan | None:
        if barcode not in self.patron(patron_id).charged_items:
            return None
        item = self.item(barcode)
        return Loan(patron_id, barcode, item.title, item.due, item.due_text, False, "", True)

    def _returned_already(self, barcode: str) -> Return | None:
        item = self.item(barcode)
        if item.status.on_loan:
            return None
        return Return(barcode, item.title, "", False, "", True)

    def _loan(self, answer: Message, patron_id: str, barcode: str, *, renewal: bool) -> Loan:
        due_text = answer.get("AH")
        return Loan(
            patron_id=answer.get("AA", patron_id),
            barcode=answer.get("AB", barcode),
            title=answer.get("AJ"),
            due=due_date(due_text),
            due_text=due_text,
            renewal=renewal,
            screen_message=" ".join(answer.all("AF")),
        )

    def _refused_loan(self, answer: Message, patron_id: str, barcode: str) -> Loan:
        """Why a checkout was refused, in words; or the loan, when it was already recorded."""
        said = " ".join(answer.all("AF"))
        item = self.item(barcode)  # raises ItemUnknownError
        patron = self.patron(patron_id)  # raises PatronUnknownError
        if item.status.on_loan and barcode in patron.charged_items:
            return Loan(patron_id, barcode, item.title, item.due, item.due_text, False, said, True)
        if patron.blocks:
            raise PatronBlockedError(patron.block_reasons)
        if item.status.on_loan:
            raise ItemOnLoanError(said)
        raise TransactionRefusedError(said)

    def _request(self, code: str, fixed: str, **fields: str) -> Message:
        return Message(code, fixed, (("AO", self.settings.institution), *fields.items()))

    def _ask(self, request: Message) -> Message:
        """A read-only question, asked once more on a new connection if the first dropped."""
        with self._lock:
            try:
                return self._exchange(request)
            except LibraryConnectionLostError:
                return self._exchange(request)

    def _exchange(self, request: Message) -> Message:
        return self._round_trip(self._open(), request)

    def _open(self) -> SipSocket:
        if self._sock is not None:
            return self._sock
        s = self.settings
        sock = SipSocket(
            s.host, s.port, connect_timeout=s.connect_timeout, read_timeout=s.read_timeout
        )
        try:
            if s.user:
                login = Message(
                    "93", "00", (("CN", s.user), ("CO", s.password), ("CP", s.location))
                )
                if not self._round_trip(sock, login).flag(0):
                    raise LibraryLoginRefusedError(f"user {s.user!r}")
            self._status(sock)
        except BaseException:
            sock.close()
            raise
        self._sock = sock
        return sock

    def _status(self, sock: SipSocket) -> LibraryStatus:
        answer = self._round_trip(sock, STATUS_REQUEST)
        self.status = LibraryStatus(
            library_name=answer.get("AM"),
            institution=answer.get("AO"),
            online=answer.flag(0),
            checkin_ok=answer.flag(1),
            checkout_ok=answer.flag(2),
            renewal_ok=answer.flag(3),
            protocol_version=answer.fixed[30:34],
        )
        if not self.status.online:
            raise LibraryOfflineError(" ".join(answer.all("AF")))
        return self.status

    def _round_trip(self, sock: SipSocket, request: Message) -> Message:
        """Send one request and read its answer, asking again for a damaged one."""
        s = self.settings
        self._sequence = (self._sequence + 1) % 10
        frame = encode(
            replace(request, sequence=self._sequence),
            encoding=s.encoding,
            error_detection=s.error_detection,
        )
        try:
            sock.send(frame)
            for _ in range(RESENDS + 1):
                try:
                    answer = decode(sock.receive(), encoding=s.encoding)
                except ChecksumError:
                    sock.send(encode(Message("97"), encoding=s.encoding))
                    continue
                if answer.code == "96":  # the library system got ours damaged
                    sock.send(frame)
                    continue
                return self._checked(request, answer)
            raise LibraryProtocolError("the answer stayed damaged after asking again")
        except LibraryError:
            sock.close()
            if sock is self._sock:
                self._sock = None
            raise

    def _checked(self, request: Message, answer: Message) -> Message:
        expected = ANSWER_TO[request.code]
        if answer.code != expected:
            raise LibraryProtocolError(f"{request.code} answered with {answer.code}")
        if (
            self.settings.error_detection
            and answer.sequence is not None
            and answer.sequence != self._sequence
        ):
            raise LibraryProtocolError(f"answer {answer.sequence} to request {self._sequence}")
        return answer


def _count(text: str) -> int:
    return int(text) if text.strip().isdigit() else 0
