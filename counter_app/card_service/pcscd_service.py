"""pcscd with the vpcd driver for tests and benchmarks: reuse the one that answers, or start one.

Also `InsertedCard`: a card object served over vpcd on a background thread, put in and taken out
of "Virtual PCD 00 00" as pcscd sees it.  Shared by tests/integration/conftest.py and
benchmarks/.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from counter_app.card.connection import ReaderInfo
from counter_app.card.pcsc import PcscBackend, pcsc_available, pyscard_installed
from counter_app.virtual_card.vpcd import (
    VPCD_HOST,
    VPCD_PORT,
    VPCD_READER,
    BackgroundBridge,
    CardLike,
)

PCSCD_IPC_DIR = Path("/run/pcscd")
READER_CONF_DIR = Path("/etc/reader.conf.d")
_VPCD_DRIVER_GLOBS = (
    "/usr/lib/pcsc/drivers/serial/libifdvpcd.so*",
    "/usr/lib/*/pcsc/drivers/serial/libifdvpcd.so*",
    "/usr/local/lib/pcsc/drivers/serial/libifdvpcd.so*",
)


class PcscdUnavailableError(RuntimeError):
    """pcscd with the vpcd driver cannot be used here; the message says why."""


def find_pcscd() -> str | None:
    """Path of the pcscd program, or None."""
    return shutil.which("pcscd") or shutil.which("pcscd", path="/usr/sbin:/sbin")


def vpcd_installed() -> bool:
    """True when the vpcd driver and its reader.conf entry (Debian's vsmartcard-vpcd) exist."""
    driver = any(glob.glob(pattern) for pattern in _VPCD_DRIVER_GLOBS)
    conf = False
    if READER_CONF_DIR.is_dir():
        for entry in READER_CONF_DIR.iterdir():
            with contextlib.suppress(OSError, UnicodeDecodeError):
                conf = conf or "libifdvpcd" in entry.read_text(encoding="utf-8")
    return driver and conf


def _reader_names() -> list[str]:
    backend = PcscBackend()
    try:
        return [info.name for info in backend.readers()]
    finally:
        backend.close()


class PcscdService:
    """The pcscd the tests talk to: one started here, or (`started_here` False) a reused one."""

    def __init__(self, reader: str = VPCD_READER, program: str | None = None) -> None:
        self.reader = reader
        self.program = program
        self.process: subprocess.Popen[bytes] | None = None
        self._log_path: Path | None = None
        # A context held open while we own pcscd, so --auto-exit never fires mid-session.
        self._keepalive: PcscBackend | None = None

    @property
    def started_here(self) -> bool:
        """True while this object owns a running pcscd (it stops it in stop())."""
        return self.process is not None

    def start(self, timeout: float = 10.0) -> None:
        """Start our pcscd and wait until it lists the vpcd reader (PcscdUnavailableError)."""
        if self.program is None or self.process is not None:
            return
        try:
            PCSCD_IPC_DIR.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PcscdUnavailableError(f"cannot create {PCSCD_IPC_DIR}: {exc}") from exc
        fd, log_name = tempfile.mkstemp(prefix="pcscd-", suffix=".log")
        self._log_path = Path(log_name)
        with os.fdopen(fd, "wb") as log_file:
            # --foreground keeps it our child; --auto-exit makes an orphan (after a killed test
            # run, say) quit 60 s after its last client left.
            self.process = subprocess.Popen(
                [self.program, "--foreground", "--auto-exit"],
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            deadline = time.monotonic() + timeout
            while True:
                status = self.process.poll()
                if status is not None:
                    raise PcscdUnavailableError(
                        f"pcscd exited with status {status}:\n{self.log_tail()}"
                    )
                if pcsc_available(timeout=1.0) and self.reader in _reader_names():
                    self._keepalive = PcscBackend()
                    return
                if time.monotonic() > deadline:
                    raise PcscdUnavailableError(
                        f"pcscd did not list {self.reader!r} within {timeout:.0f} s:\n"
                        + self.log_tail()
                    )
                time.sleep(0.05)
        except BaseException:
            self.stop()
            raise

    def log_tail(self, lines: int = 20) -> str:
        """The end of our pcscd's log (empty when it was not started here)."""
        if self._log_path is None or not self._log_path.exists():
            return ""
        text = self._log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the pcscd started here (SIGTERM, then SIGKILL); leave a reused one running."""
        keepalive, self._keepalive = self._keepalive, None
        if keepalive is not None:
            keepalive.close()
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout)
        if self._log_path is not None:
            with contextlib.suppress(OSError):
                self._log_path.unlink()
            self._log_path = None

    def ensure_running(self, timeout: float = 10.0) -> None:
        """Make sure a pcscd answers with our reader: reuse one, or start (and then own) one."""
        if not pyscard_installed():
            raise PcscdUnavailableError("pyscard is not installed (pip install pyscard)")
        if self.process is not None and self.process.poll() is None:
            return
        if pcsc_available():
            names = _reader_names()
            if self.reader not in names:
                raise PcscdUnavailableError(
                    f"a pcscd is running but has no reader {self.reader!r} (readers: {names});"
                    " install vsmartcard-vpcd and restart pcscd"
                )
            return
        self.stop()  # ours, if it died
        program = self.program or find_pcscd()
        if program is None:
            raise PcscdUnavailableError("pcscd is not installed (apt-get install pcscd)")
        if not vpcd_installed():
            raise PcscdUnavailableError(
                "the vpcd driver is not installed (apt-get install vsmartcard-vpcd)"
            )
        self.program = program
        self.start(timeout)

    def restart(self) -> None:
        """Stop and start our pcscd again (only when started here)."""
        if self.process is None:
            raise RuntimeError("this pcscd was not started here")
        self.stop()
        self.start()

    def __enter__(self) -> PcscdService:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def ensure_pcscd(reader: str = VPCD_READER, timeout: float = 10.0) -> PcscdService:
    """A pcscd that lists `reader`: the running one if it answers, else one started here.

    Raises PcscdUnavailableError (with the reason) when pyscard, pcscd or the vpcd driver is
    missing, or pcscd does not come up with the vpcd reader within `timeout` seconds.
    """
    service = PcscdService(reader)
    service.ensure_running(timeout)
    return service


@contextlib.contextmanager
def vpcd_lock(port: int = VPCD_PORT, timeout: float = 60.0) -> Iterator[None]:
    """Exclusive use of a vpcd reader among the test runs and benchmarks on this machine.

    vpcd has one card slot per port, and a test run may stop the pcscd another one reuses;
    holding this lock around each use serialises them.  A no-op where fcntl does not exist.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no pcscd either
        yield
        return
    path = Path(tempfile.gettempdir()) / f"resident-card-counter-vpcd-{port}.lock"
    fd = os.open(path, os.O_RDONLY | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise PcscdUnavailableError(
                        f"another test run or benchmark held the vpcd reader for {timeout:.0f} s"
                        f" (lock {path})"
                    ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def wait_for_reader_state(
    reader: str, present: bool, atr: bytes | None = None, timeout: float = 5.0
) -> ReaderInfo:
    """Block until pcscd reports a card in `reader` (with `atr`, if given) or none; TimeoutError."""

    def matches(info: ReaderInfo) -> bool:
        if not present:
            return not info.card_present
        return info.card_present and (atr is None or info.atr == atr)

    backend = PcscBackend(only=reader)
    try:
        deadline = time.monotonic() + timeout
        known = backend.readers()
        while True:
            info = next((r for r in known if r.name == reader), None)
            if info is not None and matches(info):
                return info
            left = deadline - time.monotonic()
            if left <= 0:
                wanted = "a card" if present else "no card"
                raise TimeoutError(f"pcscd did not report {wanted} in {reader!r}: {info}")
            known = backend.wait_for_change(known, min(left, 0.5))
    finally:
        backend.close()


class InsertedCard:
    """A card object in a vpcd reader: served on a background thread while inserted."""

    def __init__(
        self,
        card: CardLike,
        reader: str = VPCD_READER,
        host: str = VPCD_HOST,
        port: int = VPCD_PORT,
    ) -> None:
        self.card = card
        self.reader = reader
        self._host = host
        self._port = port
        self._bridge: BackgroundBridge | None = None
        self._maybe_present = False

    @property
    def inserted(self) -> bool:
        return self._bridge is not None

    def insert(self, timeout: float = 5.0) -> ReaderInfo:
        """Connect the card to vpcd and wait until pcscd reports it present with its ATR."""
        if self._bridge is not None:
            raise RuntimeError("the card is already inserted")
        bridge = BackgroundBridge(self.card, self._host, self._port)
        self._bridge = bridge
        self._maybe_present = True
        bridge.start(timeout)
        try:
            return wait_for_reader_state(self.reader, True, self.card.atr, timeout)
        except BaseException:
            self.remove(timeout=timeout)
            raise

    def remove(self, *, wait: bool = True, timeout: float = 5.0) -> None:
        """Disconnect the card; with `wait`, block until pcscd reports the reader empty.

        `wait=False` pulls the card the way a hand does: pcscd notices at its next poll.
        """
        bridge, self._bridge = self._bridge, None
        if bridge is not None:
            bridge.stop(timeout)
        if wait and self._maybe_present:
            wait_for_reader_state(self.reader, False, timeout=timeout)
            self._maybe_present = False

    def __enter__(self) -> InsertedCard:
        if not self.inserted:
            self.insert()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.remove()


@contextlib.contextmanager
def running_pcscd(reader: str = VPCD_READER) -> Iterator[PcscdService]:
    """ensure_pcscd() for a `with` block: stops pcscd afterwards if it was started here."""
    service = ensure_pcscd(reader)
    try:
        yield service
    finally:
        service.stop()
