"""The virtual card's files: SELECT and FCPs, READ and UPDATE BINARY, CREATE and DELETE FILE."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.card.profile import Access, Aid
from counter_app.card.tlv import Tlv, parse_all, parse_one
from counter_app.virtual_card import ATR
from tests.support.virtual_card import (
    ATTRIBUTES,
    MULTI_FID,
    MULTIPURPOSE_AID,
    SERIAL,
    TEXT_FID,
    Host,
    blank_card,
    build_identity,
    df_fcp,
    ef_fcp,
    personalised_card,
)


@pytest.fixture
def host(tmp_path: Path) -> Host:
    return Host(blank_card(tmp_path))


@pytest.fixture
def operational(tmp_path: Path) -> Host:
    return personalised_card(tmp_path).host


def ef_dir_aids(host: Host) -> list[bytes]:
    """The AIDs EF.DIR lists, read without authentication as a reader does."""
    assert host.select_mf() == 0x9000
    answer = host.send(0x00, 0xB0, 0x9E, 0x00, ne=256)
    assert answer.sw == 0x9000
    return [
        {t.tag: t.value for t in app.children()}[0x4F]
        for app in parse_all(answer.data, allow_padding=True)
    ]


def install_multipurpose(host: Host, *, activate: bool) -> None:
    """DF with AID and label, one EF (read PIN, update ISS), data, and maybe ACTIVATE."""
    host.open_channel()
    assert host.create(df_fcp(MULTI_FID, MULTIPURPOSE_AID, "図書館カード")) == 0x9000
    assert host.create(ef_fcp(0x0001, 100, 1, Access.ALWAYS)) == 0x9000
    assert host.update(b"library") == 0x9000
    if activate:
        assert host.sw(0x00, 0x44, 0x00, 0x00) == 0x9000


# -- ATR and SELECT ---------------------------------------------------------------------------


def test_the_atr_is_the_profile_s_with_its_check_byte(tmp_path: Path) -> None:
    card = blank_card(tmp_path)
    body = bytes.fromhex("3B8E800180739001C0585243432D4A554B49")
    tck = 0
    for byte in body[1:]:
        tck ^= byte
    assert card.atr == ATR == body + bytes((tck,))
    assert card.power_on() == card.atr


def test_select_mf_with_and_without_fid_and_its_fcp_shows_the_life_cycle(host: Host) -> None:
    assert host.sw(0x00, 0xA4, 0x00, 0x0C) == 0x9000
    assert host.sw(0x00, 0xA4, 0x00, 0x0C, b"\x3f\x00") == 0x9000
    answer = host.send(0x00, 0xA4, 0x00, 0x04, b"\x3f\x00", 256)
    assert answer.data == bytes.fromhex("620A820138 83023F00 8A0101".replace(" ", ""))


def test_select_by_aid_returns_the_df_s_own_life_cycle_and_the_card_serial(host: Host) -> None:
    answer = host.send(0x00, 0xA4, 0x04, 0x04, Aid.COMMON.value, 256)
    assert answer.sw == 0x9000
    serial = Tlv.build(0xA5, [Tlv(0xDF41, SERIAL)])
    assert (
        answer.data
        == Tlv.build(
            0x62, [Tlv(0x82, b"\x38"), Tlv(0x84, Aid.COMMON.value), Tlv(0x8A, b"\x05"), serial]
        ).encode()
    )
    assert host.select_aid(Aid.COMMON.value) == 0x9000


def _told(host: Host, aid: bytes) -> dict[int, bytes]:
    """The proprietary objects (A5) of a DF's FCP; empty when it has none."""
    answer = host.send(0x00, 0xA4, 0x04, 0x04, aid, 256)
    assert answer.sw == 0x9000
    fields = {t.tag: t for t in parse_one(answer.data).children()}
    return {t.tag: t.value for t in fields[0xA5].children()} if 0xA5 in fields else {}


def test_an_application_s_fcp_tells_the_serial_and_the_tries_left_as_verify_would(
    operational: Host,
) -> None:
    assert _told(operational, Aid.FACE.value) == {0xDF41: SERIAL, 0xDF43: bytes((0x92, 10))}
    assert operational.verify(0x92, b"30021720360000") == 0x63C9
    assert _told(operational, Aid.FACE.value)[0xDF43] == bytes((0x92, 9))
    assert operational.verify(0x92) == 0x63C9  # the same count an empty VERIFY gives
    assert _told(operational, Aid.TEXT.value) == {0xDF41: SERIAL, 0xDF43: bytes((0x91, 3))}


def test_a_suspended_card_s_fcp_tells_the_serial_but_no_tries(operational: Host) -> None:
    operational.open_channel()
    assert operational.select_mf() == 0x9000
    assert operational.sw(0x00, 0x04, 0x00, 0x00) == 0x9000  # DEACTIVATE FILE
    operational.card.power_on()
    operational.channel = None
    assert _told(operational, Aid.FACE.value) == {0xDF41: SERIAL}
    assert operational.verify(0x92) == 0x6985  # VERIFY is refused as well


def test_a_terminated_card_s_fcp_tells_neither_serial_nor_tries(operational: Host) -> None:
    operational.open_channel()
    assert operational.sw(0x00, 0xFE, 0x00, 0x00) == 0x9000
    operational.card.power_on()
    operational.channel = None
    assert _told(operational, Aid.FACE.value) == {}
    assert _told(operational, Aid.COMMON.value) == {}


def test_select_of_what_is_not_there_and_of_unknown_p1_p2(host: Host) -> None:
    assert host.select_aid(Aid.TEXT.value) == 0x6A82
    assert host.sw(0x00, 0xA4, 0x02, 0x0C, b"\x00\x09") == 0x6A82
    assert host.sw(0x00, 0xA4, 0x08, 0x0C, b"\x3f\x00") == 0x6A86
    assert host.sw(0x00, 0xA4, 0x00, 0x02) == 0x6A86
    assert host.sw(0x00, 0xA4, 0x02, 0x0C, b"\x00") == 0x6700


def test_select_ef_returns_size_sfi_and_access_conditions(operational: Host) -> None:
    assert operational.select_aid(Aid.TEXT.value) == 0x9000
    answer = operational.send(0x00, 0xA4, 0x02, 0x04, b"\x00\x02", 256)
    fields = {t.tag: t.value for t in parse_one(answer.data).children()}
    assert fields[0x82] == b"\x01"
    assert fields[0x83] == b"\x00\x02"
    assert fields[0x80] == (512).to_bytes(2, "big")
    assert fields[0x88] == bytes((2 << 3,))
    access = {t.tag: t.value for t in Tlv(0xA1, fields[0xA1]).children()}
    assert access == {0x80: bytes((Access.PIN,)), 0x81: bytes((Access.ISSUER,))}


def test_the_isd_answers_select_with_its_gp_fci(host: Host) -> None:
    answer = host.send(0x00, 0xA4, 0x04, 0x00, Aid.ISD.value, 256)
    assert answer.sw == 0x9000
    assert {t.tag: t.value for t in parse_one(answer.data).children()}[0x84] == Aid.ISD.value


# -- READ BINARY ------------------------------------------------------------------------------


def test_a_blank_card_lists_the_common_ap_and_gives_its_card_information(host: Host) -> None:
    assert ef_dir_aids(host) == [Aid.COMMON.value]
    assert host.select_aid(Aid.COMMON.value) == 0x9000
    info = host.read_sfi(1, 256)
    assert info.sw == 0x9000
    fields = {t.tag: t.value for t in parse_one(info.data).children()}
    assert fields == {0xDF41: SERIAL, 0xDF42: b"\x01"}


def test_read_binary_short_offsets_and_end_of_file(operational: Host) -> None:
    host = operational
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.verify(0x91, b"1234") == 0x9000
    first = host.send(0x00, 0xB0, 0x82, 0x00, ne=256)  # SFI 02 also selects the file
    assert first.sw == 0x9000 and first.data == (ATTRIBUTES + bytes(256))[:256]
    second = host.send(0x00, 0xB0, 0x01, 0x00, ne=256)  # Le 00: as much as there is
    assert second.sw == 0x9000 and second.data == bytes(256)
    middle = host.send(0x00, 0xB0, 0x00, 0x03, ne=5)
    assert middle.data == ATTRIBUTES[3:8]
    tail = host.send(0x00, 0xB0, 0x01, 0xFC, ne=10)
    assert (tail.sw, len(tail.data)) == (0x6282, 4)
    assert host.send(0x00, 0xB0, 0x02, 0x00, ne=1).sw == 0x6282  # at the end: nothing left
    assert host.send(0x00, 0xB0, 0x02, 0x01, ne=1).sw == 0x6B00


def test_an_extended_read_gets_the_whole_file_without_a_warning(operational: Host) -> None:
    host = operational
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.verify(0x91, b"1234") == 0x9000
    answer = host.send(0x00, 0xB0, 0x82, 0x00, ne=65536)
    assert answer.sw == 0x9000
    assert answer.data == ATTRIBUTES + bytes(512 - len(ATTRIBUTES))
    partial = host.send(0x00, 0xB0, 0x82, 0x00, ne=600, extended=True)
    assert (partial.sw, len(partial.data)) == (0x6282, 512)


def test_read_binary_refusals(operational: Host) -> None:
    host = operational
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.sw(0x00, 0xB0, 0x00, 0x00, ne=16) == 0x6986  # no current EF
    assert host.read_sfi(9).sw == 0x6A82
    assert host.read_sfi(2).sw == 0x6982  # PIN not verified
    assert host.read_sfi(4).sw == 0x9000  # the certificate is always readable
    assert host.sw(0x00, 0xA4, 0x02, 0x0C, b"\x00\x11") == 0x9000
    assert host.sw(0x00, 0xB0, 0x00, 0x00, ne=4) == 0x6982  # the PIN file is never readable
    assert host.sw(0x00, 0xB0, 0xA2, 0x00, ne=4) == 0x6A86


# -- UPDATE BINARY ----------------------------------------------------------------------------


def test_update_binary_writes_and_refuses_past_the_end(host: Host) -> None:
    install_multipurpose(host, activate=False)
    assert host.update(b"XY", offset=98) == 0x9000
    assert host.update(b"XYZ", offset=98) == 0x6700
    assert host.sw(0x00, 0xD6, 0x81, 0x02, b"--") == 0x9000
    assert host.read_sfi(1, 100).data == b"li--ary" + bytes(91) + b"XY"


def test_update_binary_needs_the_channel(operational: Host) -> None:
    install_multipurpose(operational, activate=True)
    operational.card.power_on()
    operational.channel = None
    assert operational.select_aid(MULTIPURPOSE_AID) == 0x9000
    assert operational.sw(0x00, 0xD6, 0x81, 0x00, b"x") == 0x6982


def test_identity_files_of_an_operational_card_cannot_be_updated(operational: Host) -> None:
    operational.open_channel()
    assert operational.select_aid(Aid.TEXT.value) == 0x9000
    assert operational.sw(0x00, 0xD6, 0x82, 0x00, b"x") == 0x6985
    assert operational.create(ef_fcp(0x0005, 10, 5, Access.ALWAYS)) == 0x6985


# -- CREATE FILE, DELETE FILE -----------------------------------------------------------------


def test_the_first_create_file_starts_personalisation_and_selects_the_new_df(host: Host) -> None:
    assert host.life_cycle() == 0x01
    host.open_channel()
    assert host.create(df_fcp(TEXT_FID, Aid.TEXT.value)) == 0x9000
    assert host.life_cycle() == 0x03
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    answer = host.send(0x00, 0xA4, 0x04, 0x04, Aid.TEXT.value, 256)
    assert {t.tag: t.value for t in parse_one(answer.data).children()}[0x8A] == b"\x03"


def test_create_file_refusals(host: Host) -> None:
    assert host.create(df_fcp(TEXT_FID, Aid.TEXT.value)) == 0x6982  # no channel
    host.open_channel()
    assert host.create(df_fcp(TEXT_FID, Aid.TEXT.value)) == 0x9000
    assert host.create(df_fcp(TEXT_FID, Aid.FACE.value)) == 0x6A89
    assert host.create(df_fcp(0x0999, Aid.TEXT.value)) == 0x6A8A
    assert host.create(df_fcp(0x0999, Aid.COMMON.value)) == 0x6A8A
    assert host.create(df_fcp(0x0999, bytes.fromhex("A000000001"))) == 0x6A80
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.create(ef_fcp(0x0001, 0x8000, 1, Access.ALWAYS)) == 0x6A84
    assert host.create(ef_fcp(0x0001, 10, 1, Access.ALWAYS)) == 0x9000
    assert host.create(ef_fcp(0x0001, 10, 2, Access.ALWAYS)) == 0x6A89
    assert host.create(ef_fcp(0x0002, 10, 1, Access.ALWAYS)) == 0x6A89  # SFI taken
    assert host.create(ef_fcp(0x0011, 10, None, Access.ALWAYS)) == 0x6A89  # the PIN file
    assert host.create(b"\x62\x03\x82\x01\x01") == 0x6A80
    assert host.create(b"\x62\x05\x82\x01") == 0x6A80
    plain_sfi = ef_fcp(0x0003, 10, None, Access.ALWAYS).replace(
        b"\x80\x02\x00\x0a", b"\x80\x02\x00\x0a\x88\x01\x03"
    )
    assert host.create(plain_sfi[:1] + bytes((len(plain_sfi) - 2,)) + plain_sfi[2:]) == 0x6A80
    assert host.select_mf() == 0x9000
    assert host.create(ef_fcp(0x0005, 10, 5, Access.ALWAYS)) == 0x6985  # no EFs in the MF


def test_delete_file_removes_an_ef_then_the_df(host: Host) -> None:
    install_multipurpose(host, activate=True)
    assert MULTIPURPOSE_AID in ef_dir_aids(host)
    assert host.select_aid(MULTIPURPOSE_AID) == 0x9000
    assert host.sw(0x00, 0xA4, 0x02, 0x0C, b"\x00\x01") == 0x9000
    assert host.sw(0x00, 0xE4, 0x00, 0x00) == 0x9000  # the current EF
    assert host.read_sfi(1).sw == 0x6A82
    assert host.sw(0x00, 0xE4, 0x00, 0x00) == 0x9000  # then the DF itself
    assert host.select_aid(MULTIPURPOSE_AID) == 0x6A82
    assert MULTIPURPOSE_AID not in ef_dir_aids(host)


def test_delete_file_refusals(operational: Host) -> None:
    host = operational
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.sw(0x00, 0xE4, 0x00, 0x00) == 0x6982
    host.open_channel()
    assert host.sw(0x00, 0xE4, 0x00, 0x00) == 0x6986  # the ISD is selected: no file
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.sw(0x00, 0xE4, 0x00, 0x00) == 0x6985  # identity AP of an operational card
    assert host.select_aid(Aid.COMMON.value) == 0x9000
    assert host.sw(0x00, 0xE4, 0x00, 0x00) == 0x6985
    assert host.select_mf() == 0x9000
    assert host.sw(0x00, 0xE4, 0x00, 0x00) == 0x6985


def test_a_torn_personalisation_can_be_deleted_and_started_over(host: Host) -> None:
    build_identity(host, activate=False)
    for aid in (Aid.TEXT.value, Aid.FACE.value, Aid.JUKI.value):
        assert host.select_aid(aid) == 0x9000
        assert host.sw(0x00, 0xE4, 0x00, 0x00) == 0x9000
    assert ef_dir_aids(host) == [Aid.COMMON.value]
    build_identity(host)
    assert host.life_cycle() == 0x05


# -- EF.DIR and multipurpose applications -----------------------------------------------------


def test_ef_dir_lists_the_identity_aps_once_the_card_is_operational(tmp_path: Path) -> None:
    host = Host(blank_card(tmp_path))
    build_identity(host, activate=False)
    assert ef_dir_aids(host) == [Aid.COMMON.value]
    assert host.sw(0x00, 0x44, 0x00, 0x00) == 0x9000
    assert ef_dir_aids(host) == [Aid.COMMON.value, Aid.TEXT.value, Aid.FACE.value, Aid.JUKI.value]
    answer = host.send(0x00, 0xB0, 0x9E, 0x00, ne=256)
    labels = [{t.tag: t.value for t in app.children()}[0x50] for app in parse_all(answer.data)]
    assert labels[1] == "券面事項入力補助AP".encode()


def test_a_multipurpose_application_appears_only_once_activated(operational: Host) -> None:
    install_multipurpose(operational, activate=False)
    assert MULTIPURPOSE_AID not in ef_dir_aids(operational)
    operational.card.power_on()
    operational.channel = None
    assert operational.select_aid(MULTIPURPOSE_AID) == 0x9000
    assert operational.read_sfi(1).sw == 0x6985  # torn install: no reads outside the channel
    operational.open_channel()
    assert operational.select_aid(MULTIPURPOSE_AID) == 0x9000
    assert operational.sw(0x00, 0x44, 0x00, 0x00) == 0x9000
    operational.card.power_on()
    operational.channel = None
    assert ef_dir_aids(operational)[-1] == MULTIPURPOSE_AID
    assert operational.select_aid(MULTIPURPOSE_AID) == 0x9000
    assert operational.read_sfi(1, 7).data == b"library"
    assert operational.verify(0x91, b"1234") == 0x9000  # the resident PIN is available here
