"""The virtual card tests' own helpers work: a personalised card, a host that follows 61xx."""

from __future__ import annotations

from pathlib import Path

from tests.support.virtual_card import Host, blank_card, personalised_card


def test_the_personalisation_helper_leaves_an_operational_card(tmp_path: Path) -> None:
    made = personalised_card(tmp_path)
    assert made.host.life_cycle() == 0x05
    assert len(made.public_point) == 65


def test_the_host_follows_get_response(tmp_path: Path) -> None:
    host = Host(blank_card(tmp_path))
    answer = host.send(0x00, 0xA4, 0x00, 0x04, b"\x3f\x00")  # no Le: the FCP comes by 61xx
    assert answer.sw == 0x9000
    assert answer.data[0] == 0x62
