"""A small SIP2 library system on this machine, for the training mode, the tests and benchmarks.

It is no library system: a catalogue of a few dozen Japanese books, a few patrons (one blocked),
loans with a due date after a loan period, behind a threaded TCP server on 127.0.0.1 with an
ephemeral port.  It answers the messages the desk uses (93, 99, 63, 11, 09, 29, 17, 97) as a
library system would, and keeps a log of what it recorded so that tests can count loans.

Tests make it misbehave through its knobs: refuse logins, answer late, never answer, or hang up
before or after recording a transaction (mid-answer).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import socket
import socketserver
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from counter_app.config import Configuration, LibrarySettings
from counter_app.library.errors import LibraryProtocolError
from counter_app.library.messages import (
    ChecksumError,
    Message,
    decode,
    encode,
    sip_date,
)
from counter_app.library.model import CirculationStatus, PatronBlock

INSTITUTION = "TRAINING"
LIBRARY_NAME = "研修図書館"
TRAINING_USER = "desk"
TRAINING_PASSWORD = "training"  # invented: the training library's login, printed in the docs
LOAN_DAYS = 14

BOOKS = (
    ("吾輩は猫である", "夏目漱石"),
    ("坊っちゃん", "夏目漱石"),
    ("こころ", "夏目漱石"),
    ("三四郎", "夏目漱石"),
    ("草枕", "夏目漱石"),
    ("羅生門", "芥川龍之介"),
    ("蜘蛛の糸", "芥川龍之介"),
    ("河童", "芥川龍之介"),
    ("走れメロス", "太宰治"),
    ("人間失格", "太宰治"),
    ("斜陽", "太宰治"),
    ("銀河鉄道の夜", "宮沢賢治"),
    ("注文の多い料理店", "宮沢賢治"),
    ("風の又三郎", "宮沢賢治"),
    ("セロ弾きのゴーシュ", "宮沢賢治"),
    ("舞姫", "森鴎外"),
    ("高瀬舟", "森鴎外"),
    ("山椒大夫", "森鴎外"),
    ("たけくらべ", "樋口一葉"),
    ("にごりえ", "樋口一葉"),
    ("檸檬", "梶井基次郎"),
    ("破戒", "島崎藤村"),
    ("夜明け前", "島崎藤村"),
    ("武蔵野", "国木田独歩"),
    ("金色夜叉", "尾崎紅葉"),
    ("山月記", "中島敦"),
    ("一握の砂", "石川啄木"),
    ("みだれ髪", "与謝野晶子"),
    ("五重塔", "幸田露伴"),
    ("高野聖", "泉鏡花"),
    ("野菊の墓", "伊藤左千夫"),
    ("浮雲", "二葉亭四迷"),
)


def barcode_of(index: int) -> str:
    """The barcode of the catalogue's book at `index` (0-based)."""
    return f"1000{index + 1:06d}"


@dataclass
class TrainingPatron:
    patron_id: str
    name: str
    blocks: tuple[PatronBlock, ...] = ()
    fee: str = ""


PATRONS = (
    TrainingPatron("20000001", "研修　一郎"),
    TrainingPatron("20000002", "研修　花子"),
    TrainingPatron("20000003", "練習　次郎"),
    TrainingPatron(
        "20000009",
        "延滞　三郎",
        (PatronBlock.CHARGE_DENIED, PatronBlock.EXCESSIVE_FINES),
        "1200",
    ),
)
BLOCKED_PATRON = "20000009"


class Fault(enum.Enum):
    """How the server misbehaves on the next message of a given code."""

    DROP_BEFORE = "hang up without recording anything"
    DROP_AFTER = "record the transaction, send half the answer, hang up"
    SILENT = "read the message and never answer"
    CORRUPT = "answer with a wrong checksum once"
    LATE = "record the transaction, answer after `late_by` seconds"
    ASK_RESEND = "say the message arrived damaged (96) without acting on it"


@dataclass
class _Loan:
    patron_id: str
    due: dt.date
    renewals: int = 0


@dataclass
class TrainingLibrary:
    """The catalogue, the patrons and the loans, guarded by one lock."""

    today: Callable[[], dt.date] = dt.date.today
    online: bool = True
    loans: dict[str, _Loan] = field(default_factory=dict)
    log: list[tuple[str, str, str]] = field(default_factory=list)  # (what, patron, barcode)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def titles(self) -> dict[str, str]:
        return {barcode_of(i): title for i, (title, _) in enumerate(BOOKS)}

    def recorded(self, what: str, barcode: str) -> int:
        """How often `what` (checkout, checkin, renew) was recorded for the barcode."""
        with self.lock:
            return sum(1 for w, _, b in self.log if w == what and b == barcode)

    def answer(self, request: Message) -> Message:
        """The library system's answer to one request (login aside)."""
        handler = {
            "99": self._status,
            "63": self._patron,
            "11": self._checkout,
            "09": self._checkin,
            "29": self._renew,
            "17": self._item,
        }.get(request.code)
        if handler is None:
            raise LibraryProtocolError(f"the training library does not answer {request.code}")
        with self.lock:
            return handler(request)

    def _now(self) -> str:
        return sip_date(dt.datetime.combine(self.today(), dt.datetime.now().time()))

    def _status(self, request: Message) -> Message:
        supported = "YYYYYYYYYYYYYYYY"
        flags = "YYYYNN" if self.online else "NNNNNN"
        fixed = flags + "030" + "003" + self._now() + "2.00"
        return Message("98", fixed, (("AO", INSTITUTION), ("AM", LIBRARY_NAME), ("BX", supported)))

    def _patron(self, request: Message) -> Message:
        patron_id = request.get("AA")
        patron = next((p for p in PATRONS if p.patron_id == patron_id), None)
        if patron is None:
            fixed = PatronBlock.to_status(()) + "000" + self._now() + "0000" * 6
            return Message(
                "64",
                fixed,
                (
                    ("AO", INSTITUTION),
                    ("AA", patron_id),
                    ("AE", ""),
                    ("BL", "N"),
                    ("AF", "Patron not found"),
                ),
            )
        charged = [b for b, loan in self.loans.items() if loan.patron_id == patron_id]
        overdue = [b for b in charged if self.loans[b].due < self.today()]
        counts = f"0000{len(overdue):04d}{len(charged):04d}" + "0000" * 3
        fixed = PatronBlock.to_status(patron.blocks) + "000" + self._now() + counts
        fields = [("AO", INSTITUTION), ("AA", patron_id), ("AE", patron.name), ("BL", "Y")]
        if patron.fee:
            fields += [("BH", "JPY"), ("BV", patron.fee)]
        if request.fixed[23:24] == "Y":  # summary position 2: the charged items
            fields += [("AU", barcode) for barcode in charged]
        return Message("64", fixed, tuple(fields))

    def _due(self, days: int = LOAN_DAYS) -> dt.date:
        return self.today() + dt.timedelta(days=days)

    def _checkout(self, request: Message) -> Message:
        patron_id, barcode = request.get("AA"), request.get("AB")
        renewal_policy = request.fixed[0] == "Y"
        title = self.titles.get(barcode, "")
        patron = next((p for p in PATRONS if p.patron_id == patron_id), None)
        loan = self.loans.get(barcode)
        refusal = ""
        renewed = False
        if patron is None:
            refusal = "Patron not found"
        elif not title:
            refusal = "Item not found"
        elif PatronBlock.CHARGE_DENIED in patron.blocks:
            refusal = "Patron blocked"
        elif loan is not None and loan.patron_id != patron_id:
            refusal = "Item checked out to another patron"
        elif loan is not None and not renewal_policy:
            refusal = "Item already checked out to this patron"
        elif loan is not None:
            loan.due, loan.renewals, renewed = self._due(), loan.renewals + 1, True
            self.log.append(("renew", patron_id, barcode))
        else:
            self.loans[barcode] = _Loan(patron_id, self._due())
            self.log.append(("checkout", patron_id, barcode))
        fields = [("AO", INSTITUTION), ("AA", patron_id), ("AB", barcode), ("AJ", title)]
        if refusal:
            return Message("12", "0NNN" + self._now(), (*fields, ("AH", ""), ("AF", refusal)))
        due = sip_date(dt.datetime.combine(self.loans[barcode].due, dt.time(23, 59, 59)))
        return Message(
            "12", "1" + ("Y" if renewed else "N") + "NY" + self._now(), (*fields, ("AH", due))
        )

    def _checkin(self, request: Message) -> Message:
        barcode = request.get("AB")
        title = self.titles.get(barcode, "")
        loan = self.loans.pop(barcode, None)
        fields = [("AO", INSTITUTION), ("AB", barcode), ("AJ", title), ("AQ", LIBRARY_NAME)]
        if not title:
            return Message("10", "0NNN" + self._now(), (*fields, ("AF", "Item not found")))
        if loan is None:
            return Message("10", "0NNN" + self._now(), (*fields, ("AF", "Item not checked out")))
        self.log.append(("checkin", loan.patron_id, barcode))
        return Message("10", "1YNN" + self._now(), (*fields, ("AA", loan.patron_id)))

    def _renew(self, request: Message) -> Message:
        patron_id, barcode = request.get("AA"), request.get("AB")
        loan = self.loans.get(barcode)
        patron = next((p for p in PATRONS if p.patron_id == patron_id), None)
        fields = [
            ("AO", INSTITUTION),
            ("AA", patron_id),
            ("AB", barcode),
            ("AJ", self.titles.get(barcode, "")),
        ]
        if loan is None or patron is None or loan.patron_id != patron_id:
            return Message("30", "0NNN" + self._now(), (*fields, ("AF", "Not on loan to patron")))
        if (
            PatronBlock.RENEWAL_DENIED in patron.blocks
            or PatronBlock.CHARGE_DENIED in patron.blocks
        ):
            return Message("30", "0NNN" + self._now(), (*fields, ("AF", "Patron blocked")))
        loan.due = max(loan.due, self.today()) + dt.timedelta(days=LOAN_DAYS)
        loan.renewals += 1
        self.log.append(("renew", patron_id, barcode))
        due = sip_date(dt.datetime.combine(loan.due, dt.time(23, 59, 59)))
        return Message("30", "1YNY" + self._now(), (*fields, ("AH", due)))

    def _item(self, request: Message) -> Message:
        barcode = request.get("AB")
        title = self.titles.get(barcode, "")
        loan = self.loans.get(barcode)
        if not title:
            status = CirculationStatus.OTHER
        elif loan is None:
            status = CirculationStatus.AVAILABLE
        else:
            status = CirculationStatus.CHARGED
        fields = [("AB", barcode), ("AJ", title)]
        if loan is not None:
            fields.append(("AH", sip_date(dt.datetime.combine(loan.due, dt.time(23, 59, 59)))))
        if not title:
            fields.append(("AF", "Item not found"))
        return Message("18", status.value + "00" + "01" + self._now(), tuple(fields))


class TrainingServer:
    """The training library behind a SIP2 server on 127.0.0.1; `start()` picks a free port."""

    def __init__(
        self,
        library: TrainingLibrary | None = None,
        *,
        encoding: str = "utf-8",
        user: str = TRAINING_USER,
        password: str = TRAINING_PASSWORD,
    ) -> None:
        self.library = library or TrainingLibrary()
        self.encoding = encoding
        self.user, self.password = user, password
        self.refuse_login = False
        self.delay = 0.0  # seconds before every answer (after recording)
        self.late_by = 1.0  # seconds that Fault.LATE holds one answer back
        self.requests = 0  # requests read, resends included
        self._faults: dict[str, Fault] = {}
        self._faults_lock = threading.Lock()
        self._stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        self._server: socketserver.ThreadingTCPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        assert self._server is not None, "start the server first"
        return int(self._server.server_address[1])

    def settings(self, **changes: object) -> LibrarySettings:
        """Settings that reach this server, for the app's training mode and the tests."""
        base: dict[str, object] = {
            "host": "127.0.0.1",
            "port": self.port,
            "institution": INSTITUTION,
            "user": self.user,
            "password": self.password,
            "location": "DESK1",
            "encoding": self.encoding,
        }
        return LibrarySettings(**(base | changes))  # type: ignore[arg-type]

    def fail_next(self, code: str, fault: Fault) -> None:
        """Misbehave once on the next message with this code (e.g. "11" for a checkout)."""
        with self._faults_lock:
            self._faults[code] = fault

    def _take_fault(self, code: str) -> Fault | None:
        with self._faults_lock:
            return self._faults.pop(code, None)

    def start(self) -> TrainingServer:
        server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), self._handler())
        server.daemon_threads = True
        self._server = server
        self._stopping.clear()
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
            name="training-library",
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        with self._connections_lock:
            for connection in self._connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> TrainingServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _handler(self) -> type[socketserver.BaseRequestHandler]:
        owner = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                with owner._connections_lock:
                    owner._connections.add(self.request)
                try:
                    owner._converse(self.request)
                except OSError:
                    pass  # the counter hung up
                finally:
                    with owner._connections_lock:
                        owner._connections.discard(self.request)

        return Handler

    def _converse(self, sock: socket.socket) -> None:
        """Answer one connection's messages, one by one, until it closes."""
        pending = b""
        last = b""
        while not self._stopping.is_set():
            while b"\r" not in pending:
                chunk = sock.recv(4096)
                if not chunk:
                    return
                pending += chunk
            line, _, pending = pending.partition(b"\r")
            with self._faults_lock:
                self.requests += 1
            try:
                request = decode(line, encoding=self.encoding)
            except ChecksumError:
                sock.sendall(encode(Message("96"), encoding=self.encoding))
                continue
            except LibraryProtocolError:
                return
            if request.code == "97":
                sock.sendall(last)
                continue
            fault = self._take_fault(request.code)
            if fault is Fault.DROP_BEFORE:
                return
            if fault is Fault.SILENT:
                self._stopping.wait()
                return
            if fault is Fault.ASK_RESEND:
                sock.sendall(encode(Message("96"), encoding=self.encoding))
                continue
            last = encode(
                self._answer(request),
                encoding=self.encoding,
                error_detection=line.rstrip(b"\n")[-6:-4] == b"AZ",
            )
            if fault is Fault.DROP_AFTER:
                sock.sendall(last[: len(last) // 2])
                return
            delay = self.delay + (self.late_by if fault is Fault.LATE else 0.0)
            if delay and self._stopping.wait(delay):
                return
            if fault is Fault.CORRUPT:
                wrong = b"0" if last[-2:-1] != b"0" else b"1"
                sock.sendall(last[:-2] + wrong + b"\r")
                continue
            sock.sendall(last)

    def _answer(self, request: Message) -> Message:
        if request.code == "93":
            ok = (
                not self.refuse_login
                and request.get("CN") == self.user
                and request.get("CO") == self.password
            )
            answer = Message("94", "1" if ok else "0")
        else:
            answer = self.library.answer(request)
        return Message(answer.code, answer.fixed, answer.fields, request.sequence)


@contextmanager
def library_settings(config: Configuration) -> Iterator[LibrarySettings]:
    """The configured library system; in the training mode, a training library started here."""
    if config.library is not None:
        yield config.library
        return
    with TrainingServer() as server:
        yield server.settings()
