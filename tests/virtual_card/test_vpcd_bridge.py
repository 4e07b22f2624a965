"""The vpcd bridge against a fake vpcd (a local TCP server): framing, controls, reconnection.

No pcscd here; tests/integration/test_pcsc_vpcd.py runs the same bridge behind the real one.
"""

from __future__ import annotations

import logging
import socket
import statistics
import threading
import time
from collections.abc import Iterator

import pytest

from counter_app.virtual_card import vpcd
from counter_app.virtual_card.vpcd import (
    CTRL_ATR,
    CTRL_POWER_OFF,
    CTRL_POWER_ON,
    CTRL_RESET,
    ECHO_ATR,
    EchoCard,
    VpcdBridge,
    vpcd_reader_name,
)
from tests.support.vpcd import FakeVpcd


class RecordingCard(EchoCard):
    """An EchoCard that records the controls it received."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[str] = []

    def power_on(self) -> bytes:
        self.events.append("on")
        return super().power_on()

    def power_off(self) -> None:
        self.events.append("off")
        super().power_off()


class Served:
    """A bridge running serve_forever on a thread, against a FakeVpcd."""

    def __init__(self, card: EchoCard, port: int) -> None:
        self.card = card
        self.bridge = VpcdBridge(card, "127.0.0.1", port, poll_interval=0.05, max_backoff=0.1)
        self.ready_calls = 0
        self.thread = threading.Thread(
            target=self.bridge.serve_forever, kwargs={"ready": self._ready}, daemon=True
        )
        self.thread.start()

    def _ready(self) -> None:
        self.ready_calls += 1

    def stop(self) -> None:
        self.bridge.stop()
        self.thread.join(5.0)


@pytest.fixture
def fake() -> Iterator[FakeVpcd]:
    server = FakeVpcd()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def served(fake: FakeVpcd) -> Iterator[Served]:
    running = Served(RecordingCard(), fake.port)
    try:
        fake.accept()
        yield running
    finally:
        running.stop()


def test_atr_request_is_answered_with_the_cards_atr(fake: FakeVpcd, served: Served) -> None:
    assert fake.request(bytes([CTRL_ATR])) == ECHO_ATR


def test_ready_is_called_once_vpcd_talks_to_the_card(fake: FakeVpcd, served: Served) -> None:
    assert served.ready_calls == 0
    fake.request(bytes([CTRL_ATR]))
    fake.request(bytes([CTRL_ATR]))
    assert served.ready_calls == 1


def test_power_controls_reach_the_card_and_get_no_answer(fake: FakeVpcd, served: Served) -> None:
    card = served.card
    assert isinstance(card, RecordingCard)
    fake.send(bytes([CTRL_POWER_ON]))
    fake.send(bytes([CTRL_POWER_OFF]))
    fake.send(bytes([CTRL_RESET]))
    fake.send(bytes([0x7F]))  # unknown controls are ignored
    # The next answer proves every control before it was handled without one.
    assert fake.request(bytes([CTRL_ATR])) == ECHO_ATR
    assert card.events == ["on", "off", "off", "on"]


def test_command_apdu_is_answered_with_the_response(fake: FakeVpcd, served: Served) -> None:
    assert fake.request(bytes.fromhex("00B0000010")) == bytes.fromhex("00B00000109000")


def test_extended_length_apdu_crosses_whole(fake: FakeVpcd, served: Served) -> None:
    command = bytes.fromhex("00D6000000FA00") + bytes(range(256)) * 250
    assert fake.request(command, split=True) == command + b"\x90\x00"


def test_two_messages_in_one_segment_get_two_answers(fake: FakeVpcd, served: Served) -> None:
    assert fake.link is not None
    fake.link.sendall(b"\x00\x01\x04" + b"\x00\x05" + bytes.fromhex("00A4040000"))
    assert fake.receive() == ECHO_ATR
    assert fake.receive() == bytes.fromhex("00A40400009000")


def test_a_failing_card_answers_6f00_and_stays_in(fake: FakeVpcd, served: Served) -> None:
    def broken(command: bytes) -> bytes:
        raise ValueError("bug in the card OS")

    served.card.process = broken  # type: ignore[method-assign]
    assert fake.request(bytes.fromhex("0020000108" + "31323334FFFFFFFF")) == b"\x6f\x00"
    assert fake.request(bytes([CTRL_ATR])) == ECHO_ATR


def test_the_log_of_a_failing_command_never_shows_its_data(
    fake: FakeVpcd, served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(command: bytes) -> bytes:
        raise ValueError("bug")

    served.card.process = broken  # type: ignore[method-assign]
    with caplog.at_level(logging.ERROR, logger="counter_app.virtual_card.vpcd"):
        fake.request(bytes.fromhex("0020000104" + "31323334"))
    assert "INS 20" in caplog.text
    assert "31323334" not in caplog.text.replace(" ", "")


def test_a_response_too_long_for_vpcd_becomes_6f00(fake: FakeVpcd, served: Served) -> None:
    served.card.process = lambda command: bytes(70000)  # type: ignore[method-assign]
    assert fake.request(bytes.fromhex("00B0000000")) == b"\x6f\x00"


def test_bridge_reconnects_after_vpcd_drops_the_connection(fake: FakeVpcd, served: Served) -> None:
    card = served.card
    assert isinstance(card, RecordingCard)
    fake.request(bytes([CTRL_ATR]))
    fake.drop()
    fake.accept()  # times out after 5 s if the bridge does not come back
    assert fake.request(bytes.fromhex("00B0000001")) == bytes.fromhex("00B00000019000")
    assert "off" in card.events  # the card lost power with the connection
    assert served.ready_calls == 1


def test_unreachable_vpcd_is_logged_once_and_retried(caplog: pytest.LogCaptureFixture) -> None:
    probe = socket.create_server(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens on `port` now
    with caplog.at_level(logging.INFO, logger="counter_app.virtual_card.vpcd"):
        running = Served(EchoCard(), port)
        try:
            time.sleep(0.5)  # several attempts
            server = FakeVpcd(port)
            try:
                server.accept()
                assert server.request(bytes([CTRL_ATR])) == ECHO_ATR
            finally:
                server.close()
        finally:
            running.stop()
    unreachable = [r for r in caplog.records if "not reachable" in r.getMessage()]
    assert len(unreachable) == 1
    assert unreachable[0].levelno == logging.INFO


def test_stop_ends_serving_promptly_while_connected(fake: FakeVpcd) -> None:
    running = Served(EchoCard(), fake.port)
    fake.accept()
    fake.request(bytes([CTRL_ATR]))
    started = time.monotonic()
    running.stop()
    assert not running.thread.is_alive()
    assert time.monotonic() - started < 1.0


def test_stop_ends_retrying_promptly() -> None:
    probe = socket.create_server(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    running = Served(EchoCard(), port)
    time.sleep(0.2)
    started = time.monotonic()
    running.stop()
    assert not running.thread.is_alive()
    assert time.monotonic() - started < 1.0


def test_serve_once_returns_when_vpcd_closes(fake: FakeVpcd) -> None:
    bridge = VpcdBridge(EchoCard(), "127.0.0.1", fake.port, poll_interval=0.05)
    thread = threading.Thread(target=bridge.serve_once, daemon=True)
    thread.start()
    fake.accept()
    assert fake.request(bytes([CTRL_ATR])) == ECHO_ATR
    fake.drop()
    thread.join(2.0)
    assert not thread.is_alive()


@pytest.mark.skipif(not hasattr(socket, "TCP_QUICKACK"), reason="TCP_QUICKACK is Linux only")
def test_round_trip_is_not_held_by_delayed_acknowledgement(fake: FakeVpcd, served: Served) -> None:
    # vpcd writes length and payload separately with Nagle on: unless the card acknowledges the
    # length at once, the payload waits for the delayed ACK (40 ms on Linux).
    command = bytes.fromhex("00B0000010")
    times = []
    for _ in range(30):
        started = time.perf_counter()
        assert fake.request(command, split=True) == command + b"\x90\x00"
        times.append(time.perf_counter() - started)
    assert statistics.median(times) < 0.010


def test_quick_ack_is_what_keeps_the_round_trip_short(
    fake: FakeVpcd, served: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The counter-test of the one above: without TCP_QUICKACK the fake shows the 40 ms stall,
    # so the fake really reproduces vpcd's behaviour.
    if not hasattr(socket, "TCP_QUICKACK"):
        pytest.skip("TCP_QUICKACK is Linux only")
    monkeypatch.setattr(vpcd, "_quick_ack", lambda sock: None)
    command = bytes.fromhex("00B0000010")
    times = []
    for _ in range(10):
        started = time.perf_counter()
        fake.request(command, split=True)
        times.append(time.perf_counter() - started)
    assert statistics.median(times) > 0.020


def test_reader_names_follow_the_vpcd_port() -> None:
    assert vpcd_reader_name(35963) == "Virtual PCD 00 00"
    assert vpcd_reader_name(35964) == "Virtual PCD 00 01"
