"""`counter-app virtual-card serve PATH`: one ready line, the card in the reader, clean exit."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.card.pcsc import PcscBackend
from counter_app.card.profile import Aid
from counter_app.card.scp03 import diversify_keys
from counter_app.card_service.pcscd_service import PcscdService, wait_for_reader_state
from counter_app.virtual_card import VirtualCard
from counter_app.virtual_card.vpcd import CTRL_ATR, VPCD_READER, vpcd_reader_name
from tests.support.vpcd import FakeVpcd

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def card_file(tmp_path: Path) -> tuple[Path, bytes]:
    serial = os.urandom(8)
    path = tmp_path / "card.json"
    VirtualCard.manufacture(path, keys=diversify_keys(os.urandom(16), serial), serial=serial)
    return path, serial


def _serve(path: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "virtual-card", "serve", str(path), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def _read_line(process: subprocess.Popen[str], timeout: float) -> str:
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            raise TimeoutError("no line from the serve command")
    return process.stdout.readline()


@pytest.fixture
def serving() -> Iterator[list[subprocess.Popen[str]]]:
    """Processes a test starts; killed at teardown whatever happened."""
    started: list[subprocess.Popen[str]] = []
    try:
        yield started
    finally:
        for process in started:
            if process.poll() is None:
                process.kill()
            process.communicate(timeout=5)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_serve_prints_one_ready_line_and_exits_cleanly_on_signal(
    card_file: tuple[Path, bytes],
    serving: list[subprocess.Popen[str]],
    sig: signal.Signals,
) -> None:
    path, serial = card_file
    fake = FakeVpcd()
    try:
        process = _serve(path, "--port", str(fake.port))
        serving.append(process)
        fake.accept()
        assert fake.request(bytes([CTRL_ATR])) == VirtualCard.load(path).atr
        line = _read_line(process, 10.0)
        reader = vpcd_reader_name(fake.port)  # a free port may fall among vpcd's slots
        assert line == (
            f'ready: card {serial.hex().upper()} in reader "{reader}" via 127.0.0.1:{fake.port}\n'
        )
        process.send_signal(sig)
        out, _err = process.communicate(timeout=5)
    finally:
        fake.close()
    assert process.returncode == 0
    assert out == ""  # nothing after the one ready line


@pytest.mark.pcscd
def test_served_card_file_answers_through_pcscd(
    pcscd: PcscdService,
    card_file: tuple[Path, bytes],
    serving: list[subprocess.Popen[str]],
) -> None:
    path, serial = card_file
    process = _serve(path)
    serving.append(process)
    line = _read_line(process, 10.0)
    assert (
        line
        == f'ready: card {serial.hex().upper()} in reader "{VPCD_READER}" via 127.0.0.1:35963\n'
    )
    wait_for_reader_state(VPCD_READER, True, VirtualCard.load(path).atr)
    backend = PcscBackend()
    conn = backend.connect(VPCD_READER)
    try:
        select = bytes.fromhex("00A4040C") + bytes((len(Aid.COMMON.value),)) + Aid.COMMON.value
        assert conn.transmit(select) == b"\x90\x00"
        assert conn.extended_length
    finally:
        conn.close()
        backend.close()
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=5)
    assert process.returncode == 0
    wait_for_reader_state(VPCD_READER, False)
