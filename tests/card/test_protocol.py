"""The APDU transport: length forms, chaining, GET RESPONSE, whole-file reads, masked traces."""

from __future__ import annotations

import pytest

from counter_app.card.apdu import CommandApdu
from counter_app.card.protocol import ApduTransport, CardStatusError
from counter_app.card.trace import TRACE, install_trace_level


class FileCard:
    """A scripted card holding one transparent file; records every command it is sent."""

    def __init__(self, content: bytes, *, extended: bool) -> None:
        self.content = content
        self.extended = extended
        self.sent: list[CommandApdu] = []
        self.pending = b""
        self.chain = b""

    reader_name = "scripted"
    atr = b"\x3b\x00"

    @property
    def extended_length(self) -> bool:
        return self.extended

    def close(self) -> None:
        """Nothing to release."""

    def transmit(self, command: bytes) -> bytes:
        apdu = CommandApdu.decode(command)
        self.sent.append(apdu)
        if apdu.ins == 0xB0:
            offset = apdu.p2 if apdu.p1 & 0x80 else (apdu.p1 << 8) | apdu.p2
            if offset >= len(self.content):
                return b"\x6b\x00"
            return self.content[offset : offset + apdu.ne] + b"\x90\x00"
        if apdu.ins == 0xD6:
            self.chain += apdu.data
            return b"\x90\x00"
        if apdu.ins == 0xCA:  # answers in two parts through GET RESPONSE
            self.pending = bytes(range(40))
            return self.pending[:16] + b"\x61\x18"
        if apdu.ins == 0xC0:
            rest, self.pending = self.pending[16:], b""
            return rest + b"\x90\x00"
        if apdu.ins == 0x84 and apdu.ne != 8:
            return b"\x6c\x08"
        if apdu.ins == 0x84:
            return b"\x01" * 8 + b"\x90\x00"
        return b"\x6d\x00"


def test_an_extended_reader_reads_a_whole_file_in_one_apdu() -> None:
    card = FileCard(bytes(range(256)) * 40, extended=True)
    transport = ApduTransport(card)
    assert transport.read_file(2) == card.content
    assert len(card.sent) == 1
    assert card.sent[0].p1 == 0x82


def test_a_short_reader_reads_the_same_file_in_256_byte_chunks() -> None:
    card = FileCard(bytes(range(256)) * 40 + b"tail", extended=False)
    transport = ApduTransport(card)
    assert transport.read_file(2) == card.content
    assert len(card.sent) == 41
    assert all(apdu.ne == 256 for apdu in card.sent)


def test_a_file_of_exactly_whole_chunks_ends_cleanly() -> None:
    card = FileCard(b"\x55" * 512, extended=False)
    assert ApduTransport(card).read_file(3) == card.content


def test_long_data_is_chained_on_a_short_reader() -> None:
    card = FileCard(b"", extended=False)
    transport = ApduTransport(card)
    transport.send(CommandApdu(0x00, 0xD6, 0, 0, b"\xaa" * 600))
    assert card.chain == b"\xaa" * 600
    assert [apdu.cla for apdu in card.sent] == [0x10, 0x10, 0x00]


def test_long_data_goes_in_one_extended_apdu_when_possible() -> None:
    card = FileCard(b"", extended=True)
    ApduTransport(card).send(CommandApdu(0x00, 0xD6, 0, 0, b"\xaa" * 600))
    assert len(card.sent) == 1


def test_61xx_is_followed_by_get_response() -> None:
    card = FileCard(b"", extended=False)
    response = ApduTransport(card).send(CommandApdu(0x00, 0xCA, 0, 0, ne=256))
    assert response.data == bytes(range(40))
    assert response.ok


def test_6cxx_resends_with_the_length_the_card_asked_for() -> None:
    card = FileCard(b"", extended=False)
    response = ApduTransport(card).send(CommandApdu(0x00, 0x84, 0, 0, ne=4))
    assert response.data == b"\x01" * 8
    assert card.sent[-1].ne == 8


def test_an_unexpected_status_word_raises_with_the_word() -> None:
    card = FileCard(b"", extended=False)
    with pytest.raises(CardStatusError) as info:
        ApduTransport(card).send(CommandApdu(0x00, 0x12, 0, 0), expect=(0x9000,))
    assert info.value.sw == 0x6D00


def test_pin_commands_are_masked_in_the_apdu_trace(caplog: pytest.LogCaptureFixture) -> None:
    install_trace_level()
    card = FileCard(b"", extended=False)
    with caplog.at_level(TRACE, logger="counter_app.apdu"):
        ApduTransport(card).send(CommandApdu(0x00, 0x20, 0x00, 0x91, b"4821"))
    text = caplog.text
    assert "00 20 00 91" in text
    assert "4821" not in text and "34 38 32 31" not in text
    assert "masked" in text


def test_secret_responses_are_masked_in_the_trace(caplog: pytest.LogCaptureFixture) -> None:
    card = FileCard(b"12345678901", extended=True)
    with caplog.at_level(TRACE, logger="counter_app.apdu"):
        data = ApduTransport(card).read_file(1, secret=True)
    assert data == b"12345678901"
    assert "31 32 33" not in caplog.text
