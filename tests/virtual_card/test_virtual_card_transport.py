"""Malformed commands, GET RESPONSE, command chaining and the issuer secure channel."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from counter_app.card.apdu import CommandApdu, ResponseApdu
from counter_app.card.profile import Access, Aid
from counter_app.card.scp03 import HostChannel, SecureChannelError, SecurityLevel, StaticKeys
from counter_app.virtual_card.session import Session
from counter_app.virtual_card.transport import deliver
from tests.support.virtual_card import (
    KEYS,
    MULTI_FID,
    MULTIPURPOSE_AID,
    Host,
    blank_card,
    df_fcp,
    ef_fcp,
)


@pytest.fixture
def host(tmp_path: Path) -> Host:
    return Host(blank_card(tmp_path))


def with_data_file(host: Host, size: int = 2000) -> None:
    """A multipurpose DF with one EF 0001 (SFI 01, read ALW, update ISS); channel left open."""
    host.open_channel()
    assert host.create(df_fcp(MULTI_FID, MULTIPURPOSE_AID)) == 0x9000
    assert host.create(ef_fcp(0x0001, size, 1, Access.ALWAYS)) == 0x9000


# -- malformed commands -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "sw"),
    [
        ("", 0x6700),
        ("00", 0x6700),
        ("00A400", 0x6700),
        ("00A4040C050102", 0x6700),  # Lc says 5, two bytes follow
        ("00A4040C00000001", 0x6700),  # extended Lc of zero
        ("00A4040C0001", 0x6700),
        ("FFA4000C", 0x6E00),  # PC/SC pseudo-APDU class
        ("01A4000C", 0x6E00),  # logical channel 1
        ("40A4000C", 0x6E00),
        ("80A4000C", 0x6E00),  # SELECT is an ISO command
        ("002A000008" + "00" * 8, 0x6E00),  # INTERNAL AUTHENTICATE is proprietary
        ("00CA9F7F00", 0x6D00),  # GET DATA: not on this card
        ("00B1000000", 0x6D00),
        ("00C0010000", 0x6A86),
        ("00C0000000", 0x6985),
        ("00C00000", 0x6700),
    ],
)
def test_malformed_and_unknown_commands_get_the_iso_status_word(
    host: Host, command: str, sw: int
) -> None:
    answer = host.raw(bytes.fromhex(command))
    assert answer == sw.to_bytes(2, "big")


# -- GET RESPONSE -----------------------------------------------------------------------------


def test_an_answer_longer_than_ne_comes_through_get_response(host: Host) -> None:
    fcp = host.send(0x00, 0xA4, 0x00, 0x04, b"\x3f\x00", 256).data
    first = host.raw(bytes.fromhex("00A40004023F00"))  # no Le
    assert first == bytes((0x61, len(fcp)))
    part = host.raw(bytes.fromhex("00C0000005"))
    assert part == fcp[:5] + bytes((0x61, len(fcp) - 5))
    rest = host.raw(bytes.fromhex("00C0000000"))
    assert rest == fcp[5:] + b"\x90\x00"
    assert host.raw(bytes.fromhex("00C0000000")) == b"\x69\x85"


def test_any_other_command_drops_the_pending_answer(host: Host) -> None:
    assert host.raw(bytes.fromhex("00A40004023F00"))[0] == 0x61
    assert host.raw(bytes.fromhex("00A4000C")) == b"\x90\x00"
    assert host.raw(bytes.fromhex("00C0000000")) == b"\x69\x85"


def test_61_00_stands_for_256_bytes_or_more() -> None:
    session = Session()
    answer = deliver(session, bytes(300), 0x9000, ne=10, fits=False)
    assert answer == bytes(10) + b"\x61\x00"
    assert len(session.pending) == 290


# -- command chaining -------------------------------------------------------------------------


def test_a_chained_update_runs_once_on_the_last_part(host: Host) -> None:
    with_data_file(host)
    host.channel = None
    host.card.power_on()
    host.open_channel(SecurityLevel(0x01))  # C-MAC only: parts stay readable in this test
    assert host.select_aid(MULTIPURPOSE_AID) == 0x9000
    assert host.sw(0x00, 0xA4, 0x02, 0x0C, b"\x00\x01") == 0x9000
    content = bytes(range(256)) * 3
    parts = [content[:255], content[255:510], content[510:]]
    assert host.sw(0x10, 0xD6, 0x00, 0x00, parts[0]) == 0x9000
    assert host.sw(0x10, 0xD6, 0x00, 0x00, parts[1]) == 0x9000
    assert host.sw(0x00, 0xD6, 0x00, 0x00, parts[2]) == 0x9000
    assert host.read_sfi(1, 768).data == content


def test_chain_parts_must_agree(host: Host) -> None:
    with_data_file(host)
    assert host.sw(0x10, 0xD6, 0x00, 0x00, b"a" * 10) == 0x9000
    assert host.sw(0x00, 0xD6, 0x00, 0x01, b"b" * 10) == 0x6883
    assert host.sw(0x00, 0xD6, 0x00, 0x00, b"c" * 10) == 0x9000  # the chain was dropped
    assert host.sw(0x10, 0xD6, 0x00, 0x00, b"d" * 10) == 0x9000
    assert host.sw(0x00, 0xB0, 0x00, 0x00, ne=10) == 0x6883
    assert host.read_sfi(1, 10).data == b"c" * 10


def test_a_chain_under_full_security_writes_what_was_sent(host: Host) -> None:
    with_data_file(host)
    content = os.urandom(700)
    for start in (0, 200, 400):
        assert host.sw(0x10, 0xD6, 0x00, 0x00, content[start : start + 200]) == 0x9000
    assert host.sw(0x00, 0xD6, 0x00, 0x00, content[600:]) == 0x9000
    assert host.read_sfi(1, 700).data == content


# -- the issuer secure channel ----------------------------------------------------------------


def test_an_unsecured_command_while_open_gets_6982_and_closes_the_channel(host: Host) -> None:
    host.open_channel()
    channel = host.channel
    host.channel = None
    assert host.select_mf() == 0x6982
    host.channel = channel
    assert host.select_mf() == 0x6982  # secured, but the card closed the channel


def test_a_wrong_mac_closes_the_channel(host: Host) -> None:
    host.open_channel()
    assert host.channel is not None
    good = host.channel.wrap(CommandApdu(0x00, 0xA4, 0x00, 0x0C))
    forged = CommandApdu(good.cla, good.ins, good.p1, good.p2, bytes(8))
    assert host.raw(forged.encode()) == b"\x69\x82"
    assert host.raw(good.encode()) == b"\x69\x82"


def test_the_channel_covers_the_whole_card_until_the_isd_is_selected(host: Host) -> None:
    host.open_channel()
    assert host.select_aid(Aid.COMMON.value) == 0x9000
    assert host.select_mf() == 0x9000
    channel = host.channel
    host.channel = None
    assert host.sw(0x00, 0xA4, 0x04, 0x00, Aid.ISD.value, 256) == 0x9000  # closes it
    host.channel = channel
    assert host.select_mf() == 0x6982


def test_a_reset_closes_the_channel(host: Host) -> None:
    host.open_channel()
    host.card.power_on()
    assert host.select_mf() == 0x6982


def test_a_secured_command_without_a_channel_is_refused(host: Host) -> None:
    assert host.raw(bytes.fromhex("04A4000C08") + bytes(8)) == b"\x69\x82"


def test_secured_answers_are_encrypted_and_may_exceed_ne(host: Host) -> None:
    with_data_file(host)
    assert host.update(b"secret text") == 0x9000
    assert host.channel is not None
    wire = host.channel.wrap(CommandApdu(0x00, 0xB0, 0x00, 0x00, ne=11))
    raw = host.raw(wire.encode())
    assert raw[-2:] == b"\x90\x00"
    assert len(raw) - 2 == 16 + 8  # one padded block and the R-MAC, no 61xx
    assert b"secret" not in raw
    assert host.channel.unwrap(ResponseApdu.decode(raw)).data == b"secret text"


def test_get_response_under_the_channel_is_plain_and_keeps_it_open(host: Host) -> None:
    host.open_channel()
    assert host.channel is not None
    wire = host.channel.wrap(CommandApdu(0x00, 0xA4, 0x00, 0x04, b"\x3f\x00"))  # no Le
    first = ResponseApdu.decode(host.raw(wire.encode()))
    assert first.sw1 == 0x61 and not first.data
    rest = ResponseApdu.decode(host.raw(bytes((0x00, 0xC0, 0x00, 0x00, first.sw2))))
    assert rest.sw == 0x9000
    assert host.channel.unwrap(rest).data[0] == 0x62
    assert host.select_mf() == 0x9000


def test_external_authenticate_checks_the_host_cryptogram(host: Host) -> None:
    assert host.sw(0x00, 0xA4, 0x04, 0x00, Aid.ISD.value, 256) == 0x9000
    challenge = os.urandom(8)
    init = host.send(0x80, 0x50, 0x30, 0x00, challenge, 256)
    assert init.sw == 0x9000 and len(init.data) == 29
    assert init.data[:10] == b"\x00\x00" + host.card.serial
    assert init.data[10:13] == b"\x30\x03\x60"
    _, external = HostChannel.open(KEYS, challenge, init.data, SecurityLevel(0x33))
    wrong = CommandApdu(
        external.cla, external.ins, external.p1, external.p2, bytes(8) + external.data[8:]
    )
    assert host.raw(wrong.encode()) == b"\x63\x00"
    assert host.raw(external.encode()) == b"\x69\x85"  # one attempt per INITIALIZE UPDATE


def test_wrong_keys_do_not_open_the_channel(host: Host) -> None:
    other = StaticKeys(bytes(16), bytes(16), bytes(16))
    with pytest.raises(SecureChannelError):
        host.open_channel(keys=other)  # the host already rejects the card cryptogram
    assert host.channel is None


def test_initialize_update_refusals(host: Host) -> None:
    assert host.sw(0x80, 0x50, 0x30, 0x00, bytes(8), 256) == 0x6985  # ISD not selected
    assert host.sw(0x00, 0xA4, 0x04, 0x00, Aid.ISD.value, 256) == 0x9000
    assert host.sw(0x80, 0x50, 0x31, 0x00, bytes(8), 256) == 0x6A88
    assert host.sw(0x80, 0x50, 0x30, 0x00, bytes(7), 256) == 0x6700
    assert host.sw(0x84, 0x82, 0x33, 0x00, bytes(16)) == 0x6985  # no INITIALIZE UPDATE
