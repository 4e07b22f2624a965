"""The card life cycle: blank, personalising, operational, suspended, terminated (§8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.card.profile import Aid
from tests.support.virtual_card import (
    FACE_FID,
    PIN,
    TEXT_FID,
    UNLOCK,
    Host,
    blank_card,
    build_identity,
    df_fcp,
    personalised_card,
)


def activate(host: Host) -> int:
    assert host.select_mf() == 0x9000
    return host.sw(0x00, 0x44, 0x00, 0x00)


def test_a_blank_card_answers_only_its_few_commands(tmp_path: Path) -> None:
    host = Host(blank_card(tmp_path))
    assert host.life_cycle() == 0x01
    assert host.sw(0x00, 0x84, 0x00, 0x00, ne=8) == 0x9000
    assert host.sw(0x00, 0x20, 0x00, 0x91) == 0x6985
    assert host.sw(0x00, 0x44, 0x00, 0x00) == 0x6985
    host.open_channel()
    assert host.select_mf() == 0x9000
    assert host.sw(0x00, 0x44, 0x00, 0x00) == 0x6985
    assert host.sw(0x00, 0x47, 0x80, 0x01, ne=256) == 0x6985
    assert host.sw(0x00, 0xFE, 0x00, 0x00) == 0x6985


@pytest.mark.parametrize("missing", ["face", "key", "pin", "unlock"])
def test_activate_refuses_an_incomplete_card(tmp_path: Path, missing: str) -> None:
    host = Host(blank_card(tmp_path))
    host.open_channel()
    assert host.create(df_fcp(TEXT_FID, Aid.TEXT.value)) == 0x9000
    if missing != "pin":
        assert host.sw(0x00, 0x2C, 0x02, 0x91, PIN) == 0x9000
    if missing != "face":
        assert host.create(df_fcp(FACE_FID, Aid.FACE.value)) == 0x9000
        if missing != "unlock":
            assert host.sw(0x00, 0x2C, 0x02, 0x92, UNLOCK) == 0x9000
    if missing != "key":
        assert host.sw(0x00, 0x47, 0x80, 0x01, ne=256) == 0x9000
    assert activate(host) == 0x6985
    assert host.life_cycle() == 0x03


def test_activate_needs_the_channel(tmp_path: Path) -> None:
    host = Host(blank_card(tmp_path))
    build_identity(host, activate=False)
    host.card.power_on()
    host.channel = None
    assert activate(host) == 0x6985  # outside the channel a personalising card acts blank
    host.open_channel()
    assert activate(host) == 0x9000
    assert host.life_cycle() == 0x05
    assert activate(host) == 0x9000  # again: nothing to do


def test_a_personalising_card_shows_nothing_outside_the_channel(tmp_path: Path) -> None:
    host = Host(blank_card(tmp_path))
    build_identity(host, activate=False)
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.read_sfi(4).sw == 0x9000  # under the channel: by the access conditions
    host.card.power_on()
    host.channel = None
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.read_sfi(4).sw == 0x6985
    assert host.select_aid(Aid.COMMON.value) == 0x9000
    assert host.read_sfi(1).sw == 0x9000


def test_an_operational_card_reads_by_its_access_conditions(tmp_path: Path) -> None:
    host = personalised_card(tmp_path).host
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.read_sfi(4).sw == 0x9000
    assert host.read_sfi(1).sw == 0x6982
    assert host.verify(0x91, PIN) == 0x9000
    assert host.read_sfi(1).sw == 0x9000


def test_deactivate_suspends_and_activate_resumes(tmp_path: Path) -> None:
    host = personalised_card(tmp_path).host
    host.open_channel()
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.sw(0x00, 0x04, 0x00, 0x00) == 0x6985  # only on the MF
    assert host.select_mf() == 0x9000
    assert host.sw(0x00, 0x04, 0x00, 0x00) == 0x9000
    assert host.life_cycle() == 0x04
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.update(b"\xff\x10\x00") == 0x6986  # no current EF
    assert host.sw(0x00, 0xD6, 0x81, 0x00, b"\xff\x10\x00") == 0x9000  # suspended: writable
    host.card.power_on()
    host.channel = None
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.verify(0x91, PIN) == 0x6985
    assert host.read_sfi(4).sw == 0x6985
    host.open_channel()
    assert activate(host) == 0x9000
    assert host.life_cycle() == 0x05


def test_deactivate_needs_an_operational_card_and_the_channel(tmp_path: Path) -> None:
    host = personalised_card(tmp_path).host
    assert host.sw(0x00, 0x04, 0x00, 0x00) == 0x6982
    blank = Host(blank_card(tmp_path, "blank.json"))
    blank.open_channel()
    assert blank.select_mf() == 0x9000
    assert blank.sw(0x00, 0x04, 0x00, 0x00) == 0x6985


def test_a_terminated_card_answers_only_select(tmp_path: Path) -> None:
    host = personalised_card(tmp_path).host
    assert host.sw(0x00, 0xFE, 0x00, 0x00) == 0x6982
    host.open_channel()
    assert host.sw(0x00, 0xFE, 0x00, 0x00) == 0x9000
    assert host.sw(0x00, 0xFE, 0x00, 0x00) == 0x6985
    host.card.power_on()
    host.channel = None
    assert host.life_cycle() == 0x0C
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.verify(0x91, PIN) == 0x6985
    assert host.read_sfi(4).sw == 0x6985
    assert host.sw(0x00, 0x84, 0x00, 0x00, ne=8) == 0x6985
    assert host.sw(0x00, 0xA4, 0x04, 0x00, Aid.ISD.value, 256) == 0x9000
    assert host.sw(0x80, 0x50, 0x30, 0x00, bytes(8), 256) == 0x6985  # no channel either
