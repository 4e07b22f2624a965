"""The second card profile (the real 個人番号カード's layout) on the card OS: its reference files,
the 'PIN or unlock number' access rule, persistence, and our card unchanged by it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counter_app.card.profile import Aid
from counter_app.card.real_profile import JPKI_AID
from counter_app.virtual_card import VirtualCard
from counter_app.virtual_card.state import CardFileError
from tests.support.real_card import PIN, UNLOCK_NUMBER, issue
from tests.support.virtual_card import Host, personalised_card

ATTRIBUTES_SFI, INTEGRITY_SFI = 0x02, 0x03


def test_the_text_attributes_open_with_the_pin_or_the_unlock_number(tmp_path: Path) -> None:
    host = Host(issue(tmp_path / "real.json"))
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.read_sfi(ATTRIBUTES_SFI).sw == 0x6982
    assert host.verify(0x95, UNLOCK_NUMBER.encode()) == 0x9000
    assert host.read_sfi(ATTRIBUTES_SFI).sw == 0x9000
    assert host.read_sfi(INTEGRITY_SFI).sw == 0x6982  # the integrity file needs the PIN
    assert host.verify(0x91, PIN.encode()) == 0x9000
    assert host.read_sfi(INTEGRITY_SFI).sw == 0x9000
    assert host.select_aid(JPKI_AID) == 0x9000


def test_the_reference_files_and_their_counters_survive_a_reload(tmp_path: Path) -> None:
    path = tmp_path / "real.json"
    host = Host(issue(path))
    host.select_aid(Aid.TEXT.value)
    assert host.verify(0x95, b"0" * 14) == 0x63C9
    again = Host(VirtualCard.load(path))
    again.select_aid(Aid.TEXT.value)
    assert again.verify(0x95) == 0x63C9
    assert again.sw(0x00, 0xA4, 0x02, 0x0C, bytes.fromhex("0015")) == 0x9000
    assert again.verify(0x80, UNLOCK_NUMBER.encode()) == 0x9000  # P2 80: the selected EF 0015


def test_a_damaged_reference_list_is_a_damaged_card_file(tmp_path: Path) -> None:
    path = tmp_path / "real.json"
    issue(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    text_ap = next(df for df in document["dfs"] if df["aid"] == Aid.TEXT.value.hex())
    text_ap["references"] = [[0x0015, 0x95, 0x77]]
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CardFileError):
        VirtualCard.load(path)


def test_our_card_has_no_jpki_ap_and_no_reference_p2_95(tmp_path: Path) -> None:
    ours = personalised_card(tmp_path)
    assert ours.host.select_aid(JPKI_AID) == 0x6A82
    assert ours.host.select_aid(Aid.TEXT.value) == 0x9000
    assert ours.host.verify(0x95) == 0x6A88
