"""SIP2 messages on the wire: fields, sequence numbers, checksums, text encodings."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app.library.errors import LibraryProtocolError
from counter_app.library.messages import (
    ChecksumError,
    Message,
    checksum_ok,
    decode,
    encode,
    parse_sip_date,
    sip_date,
)

# SC status answers of two production library systems, as quoted in a public SIP2 client's
# source: their checksums were computed by those systems, not by this code.
PRODUCTION_ANSWERS = (
    b"98YYYYYN60000320130424    1135112.00AOEPLMNA|AMEPLMNA|BXYYYYYYYYYYYNNYYY|ANSIPCHK|AY1AZE80C",
    b"98YYYYNN01000320130808    1509002.00AOst|AMSt. Albert Public Library|"
    b"BXYYYYYYYYYYYYYYYY|ANUnassigned|VNSIP 2.00.106 SirsiDynix Inc. 7.5.074.40|AY1AZD3FA",
)


@pytest.mark.parametrize("frame", PRODUCTION_ANSWERS)
def test_answers_of_real_library_systems_add_up_and_read(frame: bytes) -> None:
    assert checksum_ok(frame)
    message = decode(frame + b"\r")
    assert message.code == "98" and message.sequence == 1
    assert message.flag(0) and message.fixed[30:34] == "2.00"
    assert message.get("AM") in ("EPLMNA", "St. Albert Public Library")


def test_a_checkout_with_a_japanese_title_comes_back_as_sent() -> None:
    sent = Message(
        "12",
        "1NNY" + sip_date(dt.datetime(2026, 12, 6, 10, 30)),
        (
            ("AO", "TRAINING"),
            ("AB", "1000000012"),
            ("AJ", "銀河鉄道の夜"),
            ("AF", "a"),
            ("AF", "b"),
        ),
        sequence=7,
    )
    frame = encode(sent)
    assert frame.endswith(b"\r") and b"|AY7AZ" in frame
    back = decode(frame)
    assert back == sent and back.sequence == 7
    assert back.get("AJ") == "銀河鉄道の夜" and back.all("AF") == ("a", "b")


def test_one_changed_byte_is_caught_by_the_checksum() -> None:
    frame = bytearray(encode(Message("94", "1", sequence=3)))
    assert checksum_ok(bytes(frame[:-1]))
    frame[2] = ord("0")
    with pytest.raises(ChecksumError):
        decode(bytes(frame))


def test_without_error_detection_there_is_no_trailer() -> None:
    assert encode(Message("99", "0" + "080" + "2.00"), error_detection=False) == b"9900802.00\r"


def test_a_resend_request_carries_a_checksum_but_no_sequence_number() -> None:
    frame = encode(Message("97"))
    assert frame.startswith(b"97AZ") and checksum_ok(frame[:-1])


def test_the_encoding_is_the_configured_one() -> None:
    # In Shift_JIS the second byte of ポ is the delimiter's byte: fields split after decoding.
    title = "ポラーノの広場"
    message = Message("18", "04000120261206    103000", (("AJ", title), ("AB", "1")))
    assert b"|" in title.encode("shift_jis")
    for encoding in ("utf-8", "shift_jis"):
        frame = encode(message, encoding=encoding)
        assert title.encode(encoding) in frame
        assert decode(frame, encoding=encoding).fields == message.fields
    with pytest.raises(LibraryProtocolError):
        decode(encode(message, encoding="shift_jis"), encoding="utf-8")


def test_a_value_with_the_delimiter_is_refused_rather_than_sent_broken() -> None:
    with pytest.raises(ValueError):
        encode(Message("17", sip_date(dt.datetime(2026, 1, 1)), (("AB", "12|34"),)))


def test_short_or_unknown_messages_are_protocol_errors() -> None:
    with pytest.raises(LibraryProtocolError):
        decode(b"12")
    with pytest.raises(LibraryProtocolError):
        decode(b"XX1234")


def test_dates_read_in_both_forms_and_free_text_is_no_date() -> None:
    assert parse_sip_date("20261220    235959") == dt.datetime(2026, 12, 20, 23, 59, 59)
    assert parse_sip_date("20261220") == dt.datetime(2026, 12, 20)
    assert parse_sip_date("next Tuesday") is None
