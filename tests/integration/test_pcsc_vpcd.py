"""The PC/SC adapter through a real pcscd, with an echo card in the vpcd reader."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable

import pytest

from counter_app.card.apdu import CommandApdu
from counter_app.card.connection import (
    CardConnection,
    CardRemovedError,
    NoCardError,
    ReaderUnavailableError,
)
from counter_app.card.pcsc import PcscBackend, pcsc_available
from counter_app.card.protocol import ApduTransport
from counter_app.card.readers import ReaderBackend
from counter_app.card.trace import TRACE
from counter_app.card_service.pcscd_service import InsertedCard, PcscdService
from counter_app.virtual_card.vpcd import ECHO_ATR, VPCD_READER, CardLike, EchoCard

pytestmark = pytest.mark.pcscd

READ_BINARY = bytes.fromhex("00B0000010")


@pytest.fixture
def backend(pcscd: PcscdService) -> PcscBackend:
    return PcscBackend()


def _info(backend: PcscBackend, reader: str = VPCD_READER) -> tuple[bool, bytes]:
    found = {info.name: info for info in backend.readers()}
    return found[reader].card_present, found[reader].atr


def test_pcsc_is_available(pcscd: PcscdService) -> None:
    assert pcsc_available()


def test_backend_and_connection_fit_the_card_layer_protocols(
    backend: PcscBackend, echo_card: InsertedCard
) -> None:
    conn = backend.connect(VPCD_READER)
    try:
        assert isinstance(conn, CardConnection)
    finally:
        conn.close()
    as_protocol: ReaderBackend = backend
    assert not as_protocol.is_virtual


def test_backend_sees_the_echo_card_and_its_atr(
    backend: PcscBackend, echo_card: InsertedCard
) -> None:
    assert _info(backend) == (True, ECHO_ATR)


def _run_tool(*args: str) -> str:
    program = shutil.which(args[0])
    if program is None:
        pytest.skip(f"{args[0]} is not installed")
    done = subprocess.run(
        [program, *args[1:]], capture_output=True, text=True, timeout=15, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_opensc_tool_sees_the_reader_with_the_card_and_its_atr(echo_card: InsertedCard) -> None:
    listing = _run_tool("opensc-tool", "--list-readers")
    line = next(line for line in listing.splitlines() if line.rstrip().endswith(VPCD_READER))
    number, card_column = line.split()[:2]
    assert card_column == "Yes"
    atr = _run_tool("opensc-tool", "--reader", number, "--atr")
    assert atr.strip().lower() == ECHO_ATR.hex(":")


def test_pcsc_scan_lists_the_card_in_the_reader(echo_card: InsertedCard) -> None:
    # pcsc_scan -c lists cards and exits.
    out = _run_tool("pcsc_scan", "-c", "-n")
    assert VPCD_READER in out
    assert ECHO_ATR.hex(" ").upper() in out


def test_short_apdu_round_trip(backend: PcscBackend, echo_card: InsertedCard) -> None:
    conn = backend.connect(VPCD_READER)
    try:
        assert conn.transmit(READ_BINARY) == READ_BINARY + b"\x90\x00"
        assert conn.atr == ECHO_ATR
        assert conn.reader_name == VPCD_READER
    finally:
        conn.close()


def test_extended_length_apdu_of_4000_bytes(backend: PcscBackend, echo_card: InsertedCard) -> None:
    conn = backend.connect(VPCD_READER)
    try:
        assert conn.extended_length  # the ATR announces it and vpcd passes it
        command = CommandApdu(0x00, 0xD6, 0x00, 0x00, bytes(range(250)) * 16).encode()
        assert len(command) == 4007
        assert conn.transmit(command) == command + b"\x90\x00"
    finally:
        conn.close()


def test_card_without_extended_length_in_its_atr_gets_short_apdus(
    backend: PcscBackend, insert_card: Callable[[CardLike], InsertedCard]
) -> None:
    short_only_atr = bytes.fromhex("3B8E8001807390018058") + b"RCC-ECHO" + b"\x00"
    insert_card(EchoCard(atr=short_only_atr))
    conn = backend.connect(VPCD_READER)
    try:
        assert not conn.extended_length
    finally:
        conn.close()


def test_close_resets_the_card(backend: PcscBackend, echo_card: InsertedCard) -> None:
    card = echo_card.card
    assert isinstance(card, EchoCard)
    conn = backend.connect(VPCD_READER)
    conn.transmit(READ_BINARY)
    before = card.power_ons
    conn.close()
    assert card.power_ons > before  # a reset: no security status outlives the connection


def test_pulled_card_fails_the_next_exchange_with_card_removed(
    backend: PcscBackend, echo_card: InsertedCard
) -> None:
    conn = backend.connect(VPCD_READER)
    try:
        conn.transmit(READ_BINARY)
        echo_card.remove(wait=False)  # pcscd has not noticed yet
        with pytest.raises(CardRemovedError):
            conn.transmit(READ_BINARY)
    finally:
        conn.close()


def test_wait_for_change_reports_the_card_gone_within_a_second(
    backend: PcscBackend, echo_card: InsertedCard
) -> None:
    known = backend.readers()
    echo_card.remove(wait=False)
    started = time.monotonic()
    now = backend.wait_for_change(known, timeout=3.0)
    assert time.monotonic() - started < 1.0
    assert {info.name: info.card_present for info in now}[VPCD_READER] is False


def test_wait_for_change_reports_the_card_coming_in(
    backend: PcscBackend, insert_card: Callable[[CardLike], InsertedCard]
) -> None:
    known = backend.readers()
    assert _info(backend) == (False, b"")
    insert_card(EchoCard())
    now = backend.wait_for_change(known, timeout=3.0)
    assert {info.name: info.atr for info in now}[VPCD_READER] == ECHO_ATR


def test_wait_for_change_returns_unchanged_after_its_timeout(
    backend: PcscBackend, echo_card: InsertedCard
) -> None:
    known = backend.readers()
    started = time.monotonic()
    assert backend.wait_for_change(known, timeout=0.3) == known
    assert 0.25 < time.monotonic() - started < 1.0


def test_wait_for_change_returns_at_once_when_known_is_stale(
    backend: PcscBackend, echo_card: InsertedCard
) -> None:
    started = time.monotonic()
    now = backend.wait_for_change((), timeout=3.0)
    assert time.monotonic() - started < 0.5
    assert _info(backend) == (True, ECHO_ATR)
    assert now == backend.readers()


def test_card_works_again_after_the_bridge_restarts(
    backend: PcscBackend, echo_card: InsertedCard
) -> None:
    old = backend.connect(VPCD_READER)
    old.transmit(READ_BINARY)
    echo_card.remove()
    echo_card.insert()
    with pytest.raises(CardRemovedError):
        old.transmit(READ_BINARY)  # that insertion is over
    old.close()
    conn = backend.connect(VPCD_READER)
    try:
        assert conn.transmit(READ_BINARY) == READ_BINARY + b"\x90\x00"
    finally:
        conn.close()


def test_connect_to_the_empty_reader_raises_no_card(backend: PcscBackend) -> None:
    assert _info(backend) == (False, b"")
    with pytest.raises(NoCardError):
        backend.connect(VPCD_READER)


def test_connect_to_an_unknown_reader_raises_reader_unavailable(backend: PcscBackend) -> None:
    with pytest.raises(ReaderUnavailableError):
        backend.connect("No Such Reader 00 00")


def test_backend_limited_to_one_reader_lists_only_it(pcscd: PcscdService) -> None:
    only = PcscBackend(only=VPCD_READER)
    try:
        assert [info.name for info in only.readers()] == [VPCD_READER]
    finally:
        only.close()


def test_exchanges_over_pcsc_are_traced_once_with_secrets_masked(
    backend: PcscBackend, echo_card: InsertedCard, caplog: pytest.LogCaptureFixture
) -> None:
    conn = backend.connect(VPCD_READER)
    transport = ApduTransport(conn)
    try:
        with caplog.at_level(TRACE, logger="counter_app.apdu"):
            transport.send(CommandApdu.decode(READ_BINARY))
            transport.send(CommandApdu(0x00, 0x20, 0x00, 0x80, b"1234"))
            transport.send(CommandApdu(0x00, 0xB0, 0x81, 0x00, b"12345678901"), secret=True)
    finally:
        conn.close()
    traces = [r.getMessage() for r in caplog.records if r.levelno == TRACE]
    assert len(traces) == 3
    assert traces[0] == ">> 00 B0 00 00 10 << 00 B0 00 00 10 9000"
    command_part = traces[1].split("<<")[0]  # the echo card hands the PIN back; real ones don't
    assert command_part == ">> 00 20 00 80 <5 bytes masked> "
    assert b"12345678901".hex(" ").upper() not in caplog.text


def test_card_and_backend_come_back_after_pcscd_restarts(
    pcscd: PcscdService, backend: PcscBackend, echo_card: InsertedCard
) -> None:
    if not pcscd.started_here:
        pytest.skip("pcscd was already running; the tests do not restart someone else's pcscd")
    assert _info(backend)[0]
    pcscd.restart()
    # The bridge reconnects by itself and the backend re-establishes its context.
    deadline = time.monotonic() + 5.0
    while _info_or_none(backend) != (True, ECHO_ATR):
        assert time.monotonic() < deadline, "the card did not come back"
        time.sleep(0.05)
    conn = backend.connect(VPCD_READER)
    try:
        assert conn.transmit(READ_BINARY) == READ_BINARY + b"\x90\x00"
    finally:
        conn.close()


def _info_or_none(backend: PcscBackend) -> tuple[bool, bytes] | None:
    found = {info.name: info for info in backend.readers()}
    info = found.get(VPCD_READER)
    return None if info is None else (info.card_present, info.atr)
