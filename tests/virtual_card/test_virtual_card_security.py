"""PINs, the unlock number, chip authentication and key generation on the virtual card."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from counter_app.card.profile import Aid
from counter_app.card.tlv import parse_one
from counter_app.virtual_card import VirtualCard
from tests.support.virtual_card import (
    C_MAC_ONLY,
    PIN,
    UNLOCK,
    Host,
    Personalised,
    blank_card,
    build_identity,
    personalised_card,
    public_key,
)


@pytest.fixture
def made(tmp_path: Path) -> Personalised:
    return personalised_card(tmp_path)


@pytest.fixture
def host(made: Personalised) -> Host:
    return made.host


def check_signature(point: bytes, card_challenge: bytes, host_challenge: bytes, rs: bytes) -> None:
    """Verify an INTERNAL AUTHENTICATE answer (raw r‖s) with the chip's public key."""
    assert len(rs) == 64
    der = encode_dss_signature(int.from_bytes(rs[:32], "big"), int.from_bytes(rs[32:], "big"))
    public_key(point).verify(der, card_challenge + host_challenge, ec.ECDSA(hashes.SHA256()))


# -- VERIFY -----------------------------------------------------------------------------------


def test_wrong_pins_count_down_then_block(host: Host) -> None:
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.verify(0x91) == 0x63C3
    assert host.verify(0x91, b"0000") == 0x63C2
    assert host.verify(0x91, b"12345") == 0x63C1  # a wrong length is a wrong value
    assert host.verify(0x91, b"12a4") == 0x63C0  # so is a non-digit
    assert host.verify(0x91, PIN) == 0x6983
    assert host.verify(0x91) == 0x6983
    assert host.read_sfi(2).sw == 0x6982


def test_a_right_pin_restores_the_counter_and_opens_the_files(host: Host) -> None:
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.verify(0x91, b"9999") == 0x63C2
    assert host.verify(0x91, PIN) == 0x9000
    assert host.verify(0x91) == 0x9000
    assert host.read_sfi(2).sw == 0x9000
    assert host.verify(0x91, b"9999") == 0x63C2  # a failure loses the security status
    assert host.read_sfi(2).sw == 0x6982


def test_the_pin_counter_survives_pulling_the_card(made: Personalised) -> None:
    host = made.host
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.verify(0x91, b"0000") == 0x63C2
    reinserted = Host(VirtualCard.load(made.card.path))
    assert reinserted.select_aid(Aid.JUKI.value) == 0x9000  # the same PIN object
    assert reinserted.verify(0x91) == 0x63C2


def test_the_security_status_belongs_to_the_df_it_was_gained_in(host: Host) -> None:
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.verify(0x91, PIN) == 0x9000
    assert host.sw(0x00, 0xA4, 0x02, 0x0C, b"\x00\x01") == 0x9000  # an EF keeps it
    assert host.verify(0x91) == 0x9000
    assert host.select_aid(Aid.JUKI.value) == 0x9000
    assert host.verify(0x91) == 0x63C3
    assert host.read_sfi(1).sw == 0x6982
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.read_sfi(2).sw == 0x6982


def test_a_reset_clears_the_security_status(made: Personalised) -> None:
    host = made.host
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.verify(0x91, PIN) == 0x9000
    made.card.power_on()
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.verify(0x91) == 0x63C3


def test_the_unlock_number_opens_the_face_data(host: Host, made: Personalised) -> None:
    assert host.select_aid(Aid.FACE.value) == 0x9000
    assert host.verify(0x91, PIN) == 0x6A88  # no resident PIN in the face AP
    assert host.read_sfi(2).sw == 0x6982
    assert host.verify(0x92, b"30021720364820") == 0x63C9
    assert host.verify(0x92, UNLOCK) == 0x9000
    face = host.read_sfi(2)
    assert face.sw == 0x9000
    assert made.public_point in face.data


def test_verify_by_the_selected_reference_file(host: Host) -> None:
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.verify(0x80, PIN) == 0x6A88  # no reference file selected
    assert host.sw(0x00, 0xA4, 0x02, 0x0C, b"\x00\x11") == 0x9000
    assert host.verify(0x80, PIN) == 0x9000
    assert host.verify(0x81, PIN) == 0x6A86


def test_a_pin_not_yet_set_is_not_usable(tmp_path: Path) -> None:
    host = Host(blank_card(tmp_path))
    host.open_channel()
    from tests.support.virtual_card import TEXT_FID, df_fcp

    assert host.create(df_fcp(TEXT_FID, Aid.TEXT.value)) == 0x9000
    assert host.verify(0x91, PIN) == 0x6984


def test_verify_outside_the_channel_needs_an_operational_card(tmp_path: Path) -> None:
    host = Host(blank_card(tmp_path))
    build_identity(host, activate=False)
    host.channel = None
    host.card.power_on()
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.verify(0x91, PIN) == 0x6985


# -- CHANGE REFERENCE DATA, RESET RETRY COUNTER -----------------------------------------------


def test_the_resident_changes_the_pin(host: Host) -> None:
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.verify(0x91, PIN) == 0x9000
    assert host.sw(0x00, 0x24, 0x00, 0x91, b"0000" + b"5678") == 0x63C2
    assert host.sw(0x00, 0x24, 0x00, 0x91, PIN + b"56x8") == 0x6A80
    assert host.sw(0x00, 0x24, 0x00, 0x91, PIN + b"567") == 0x6700
    assert host.sw(0x00, 0x24, 0x00, 0x91, PIN + b"5678") == 0x9000
    assert host.verify(0x91) == 0x63C3  # changing clears the status, the counter is full
    assert host.verify(0x91, PIN) == 0x63C2
    assert host.verify(0x91, b"5678") == 0x9000


def test_a_blocked_pin_cannot_be_changed(host: Host) -> None:
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    for _ in range(3):
        host.verify(0x91, b"0000")
    assert host.sw(0x00, 0x24, 0x00, 0x91, PIN + b"5678") == 0x6983


def test_reset_retry_counter_only_under_the_channel_with_c_decryption(host: Host) -> None:
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    for _ in range(3):
        host.verify(0x91, b"0000")
    assert host.sw(0x00, 0x2C, 0x03, 0x91) == 0x6982
    assert host.sw(0x00, 0x2C, 0x02, 0x91, b"4321") == 0x6982
    host.open_channel(C_MAC_ONLY)
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.sw(0x00, 0x2C, 0x02, 0x91, b"4321") == 0x6982  # a secret needs C-DECRYPTION
    assert host.channel is None  # ... and, like every 6982, that ends the channel
    host.open_channel(C_MAC_ONLY)
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.sw(0x00, 0x2C, 0x03, 0x91) == 0x9000  # the counter alone is fine
    assert host.verify(0x91, PIN) == 0x9000
    host.open_channel()
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.sw(0x00, 0x2C, 0x02, 0x91, b"43x1") == 0x6A80
    assert host.sw(0x00, 0x2C, 0x02, 0x91, b"4321") == 0x9000
    assert host.sw(0x00, 0x2C, 0x04, 0x91) == 0x6A86
    host.card.power_on()
    host.channel = None
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.verify(0x91, b"4321") == 0x9000


def test_the_unlock_number_is_reset_in_the_face_ap(host: Host) -> None:
    host.open_channel()
    assert host.select_aid(Aid.FACE.value) == 0x9000
    assert host.sw(0x00, 0x2C, 0x02, 0x92, b"1234") == 0x6A80  # 14 digits
    assert host.sw(0x00, 0x2C, 0x02, 0x92, b"40010120301234") == 0x9000
    assert host.sw(0x00, 0x2C, 0x02, 0x91, PIN) == 0x6A88  # no PIN in the face AP


# -- GET CHALLENGE, INTERNAL AUTHENTICATE, GENERATE -------------------------------------------


def test_internal_authenticate_signs_both_challenges_with_the_chip_key(made: Personalised) -> None:
    host = made.host
    assert host.select_aid(Aid.FACE.value) == 0x9000
    challenge = host.send(0x00, 0x84, 0x00, 0x00, ne=8)
    assert challenge.sw == 0x9000 and len(challenge.data) == 8
    host_challenge = bytes(range(16))
    answer = host.send(0x80, 0x2A, 0x00, 0x00, host_challenge, 256)
    assert answer.sw == 0x9000
    check_signature(made.public_point, challenge.data, host_challenge, answer.data)
    with pytest.raises(InvalidSignature):
        check_signature(made.public_point, bytes(8), host_challenge, answer.data)


def test_the_public_key_can_be_read_back(made: Personalised) -> None:
    answer = made.host.send(0x00, 0x47, 0x81, 0x01, ne=256)
    assert answer.sw == 0x9000
    key = parse_one(answer.data)
    assert key.tag == 0x7F49
    assert key.children()[0].value == made.public_point


def test_a_card_challenge_is_used_once_and_only_by_the_next_command(host: Host) -> None:
    assert host.sw(0x80, 0x2A, 0x00, 0x00, bytes(8), 256) == 0x6985
    host.send(0x00, 0x84, 0x00, 0x00, ne=8)
    assert host.sw(0x80, 0x2A, 0x00, 0x00, bytes(8), 256) == 0x9000
    assert host.sw(0x80, 0x2A, 0x00, 0x00, bytes(8), 256) == 0x6985
    host.send(0x00, 0x84, 0x00, 0x00, ne=8)
    host.select_mf()
    assert host.sw(0x80, 0x2A, 0x00, 0x00, bytes(8), 256) == 0x6985


def test_challenge_lengths(host: Host) -> None:
    assert host.sw(0x00, 0x84, 0x00, 0x00, ne=16) == 0x6700
    host.send(0x00, 0x84, 0x00, 0x00, ne=8)
    assert host.sw(0x80, 0x2A, 0x00, 0x00, bytes(7), 256) == 0x6700
    host.send(0x00, 0x84, 0x00, 0x00, ne=8)
    assert host.sw(0x80, 0x2A, 0x00, 0x00, bytes(33), 256) == 0x6700
    assert host.sw(0x00, 0x2A, 0x00, 0x00, bytes(8), 256) == 0x6E00  # INTERNAL AUTH is 80


def test_chip_authentication_needs_an_operational_card_with_a_key(tmp_path: Path) -> None:
    host = Host(blank_card(tmp_path))
    assert host.sw(0x00, 0x84, 0x00, 0x00, ne=8) == 0x9000
    assert host.sw(0x80, 0x2A, 0x00, 0x00, bytes(8), 256) == 0x6985
    assert host.sw(0x00, 0x47, 0x81, 0x01, ne=256) == 0x6985  # blank: not among its commands
    host.open_channel()
    from tests.support.virtual_card import TEXT_FID, df_fcp

    assert host.create(df_fcp(TEXT_FID, Aid.TEXT.value)) == 0x9000
    assert host.sw(0x00, 0x47, 0x81, 0x01, ne=256) == 0x6A88  # no key yet
    assert host.sw(0x00, 0x47, 0x80, 0x02, ne=256) == 0x6A88
    assert host.sw(0x00, 0x47, 0x82, 0x01, ne=256) == 0x6A86


def test_key_generation_is_for_the_issuer_before_activation(host: Host) -> None:
    assert host.sw(0x00, 0x47, 0x80, 0x01, ne=256) == 0x6985
    host.open_channel()
    assert host.sw(0x00, 0x47, 0x80, 0x01, ne=256) == 0x6985
    assert host.select_mf() == 0x9000
    assert host.sw(0x00, 0x04, 0x00, 0x00) == 0x9000  # suspended: a new key is allowed again
    first = host.send(0x00, 0x47, 0x81, 0x01, ne=256).data
    assert host.sw(0x00, 0x47, 0x80, 0x01, ne=256) == 0x9000
    assert host.send(0x00, 0x47, 0x81, 0x01, ne=256).data != first
