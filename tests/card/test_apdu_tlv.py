"""APDU encoding and BER-TLV parsing, checked against ISO 7816-4 cases and published bytes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.card.apdu import ApduFormatError, CommandApdu, ResponseApdu, sw_tries_left
from counter_app.card.tlv import (
    Tlv,
    TlvError,
    encode_length,
    encode_tag,
    parse_all,
    parse_one,
    to_dict,
)
from tests.support.vectors import vector


@pytest.mark.parametrize(
    ("apdu", "raw"),
    [
        (CommandApdu(0x00, 0x84, 0, 0, ne=8), "0084000008"),
        (
            CommandApdu(0x00, 0xA4, 4, 0x0C, bytes.fromhex("A0000001510000")),
            "00A4040C07A0000001510000",
        ),
        (CommandApdu(0x00, 0xB0, 0x82, 0, ne=256), "00B0820000"),
        (CommandApdu(0x00, 0xB0, 0x82, 0, ne=65536), "00B08200000000"),
        (CommandApdu(0x00, 0x20, 0, 0x91), "00200091"),
        (CommandApdu(0x80, 0x2A, 0, 0, b"\x11" * 8, 256), "802A000008" + "11" * 8 + "00"),
    ],
)
def test_command_apdus_encode_and_decode_to_the_iso_bytes(apdu: CommandApdu, raw: str) -> None:
    assert apdu.encode().hex().upper() == raw.upper()
    assert CommandApdu.decode(bytes.fromhex(raw)) == apdu


def test_long_data_needs_and_gets_the_extended_form() -> None:
    apdu = CommandApdu(0x00, 0xD6, 0, 0, b"\x01" * 300, 0)
    raw = apdu.encode()
    assert raw[4:7] == b"\x00\x01\x2c"
    assert CommandApdu.decode(raw) == apdu
    with pytest.raises(ApduFormatError):
        apdu.encode(extended=False)


@given(
    st.integers(0, 255),
    st.integers(0, 255),
    st.binary(max_size=600),
    st.integers(0, 65536),
)
def test_any_command_survives_an_encode_decode_round_trip(
    ins: int, p1: int, data: bytes, ne: int
) -> None:
    apdu = CommandApdu(0x00, ins, p1, 0, data, ne)
    assert CommandApdu.decode(apdu.encode()) == apdu


@pytest.mark.parametrize(
    "raw", ["00", "00A404", "00A4040C05A000", "00A4040C0000", "00D60000000005AA"]
)
def test_malformed_commands_are_rejected(raw: str) -> None:
    with pytest.raises(ApduFormatError):
        CommandApdu.decode(bytes.fromhex(raw))


def test_status_words_report_tries_left() -> None:
    assert sw_tries_left(0x63C2) == 2
    assert sw_tries_left(0x6983) is None
    response = ResponseApdu.decode(bytes.fromhex("01029000"))
    assert response.ok and response.data == b"\x01\x02"


def test_lengths_match_the_published_encodings() -> None:
    fields = vector("ber-tlv-examples")["fields"]
    assert encode_length(0x7F).hex().upper() == fields["len_0x7F"]
    assert encode_length(0x80).hex().upper() == fields["len_0x80"]
    assert encode_length(1999).hex().upper() == fields["len_1999"]
    assert encode_length(0x100).hex().upper() == fields["len_0x100"]


def test_published_structures_parse_and_rebuild_byte_for_byte() -> None:
    fields = vector("ber-tlv-examples")["fields"]
    ef_com = bytes.fromhex(fields["EF.COM(60,5F01,5F36,5C)"])
    outer = parse_one(ef_com)
    assert outer.tag == 0x60
    inner = to_dict(outer.children())
    assert inner[0x5F01] == b"0106"
    assert inner[0x5C] == b"\x61\x75"
    assert Tlv.build(0x60, outer.children()).encode() == ef_com

    auth = bytes.fromhex(fields["7C_with_86_and_87(CAR)"])
    children = parse_one(auth).children()
    assert [c.tag for c in children] == [0x86, 0x87]
    assert children[1].value == b"DETESTCVCA00003"


def test_multi_byte_tags_encode_as_written() -> None:
    assert encode_tag(0x5F4E) == b"\x5f\x4e"
    assert encode_tag(0xDF21) == b"\xdf\x21"
    assert Tlv(0x7F21, b"").encode() == b"\x7f\x21\x00"


def test_zero_padding_ends_a_file_only_when_allowed() -> None:
    data = Tlv(0xDF22, "山田　花子".encode()).encode() + b"\x00" * 20
    assert len(parse_all(data, allow_padding=True)) == 1
    assert len(parse_all(data)) > 1  # without padding rules, zeros read as empty objects


@given(st.binary(max_size=64))
def test_random_bytes_either_parse_or_raise_tlv_error(data: bytes) -> None:
    try:
        objects = parse_all(data, allow_padding=True)
    except TlvError:
        return
    rebuilt = b"".join(tlv.encode() for tlv in objects)
    assert len(rebuilt) <= len(data)
