"""`counter-app services` through pcscd + vpcd: install with consent, list, refuse, remove."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

import main
from counter_app.card.applications import read_application_file
from counter_app.card.pcsc import PcscBackend
from counter_app.card.protocol import ApduTransport
from counter_app.card.scp03 import diversify_keys
from counter_app.card_service.pcscd_service import InsertedCard
from counter_app.records import STANDARD_SERVICES, Role
from counter_app.virtual_card.card import VirtualCard
from counter_app.virtual_card.vpcd import CardLike
from tests.support.command_line import command_register
from tests.support.records_fixtures import resident
from tests.support.softhsm import SoftToken

PIN = "3917"
LIBRARY_AID = bytes.fromhex("F05243434C4942")


@pytest.mark.pcscd
def test_services_install_list_and_remove_on_a_card_behind_pcscd(
    insert_card: Callable[[CardLike], InsertedCard],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    soft_token: SoftToken,
) -> None:
    made = command_register(
        tmp_path,
        monkeypatch,
        [("clerk", Role.ISSUING_CLERK), ("applet", Role.APPLET_ADMIN)],
        token=soft_token,
    )
    register = made.open()
    boss = made.log_in_supervisor(register)
    resident_id = register.residents.add(boss, resident())
    for new in STANDARD_SERVICES[:3]:  # the health-check viewer is not enabled here
        register.services.add_service_type(boss, new)
        register.services.set_enabled(boss, new.code, new.code != "certificate")
    register.close()
    issuer = made.issuer()
    serial = os.urandom(8)
    card = VirtualCard.manufacture(
        tmp_path / "blank.json", diversify_keys(issuer.channel_master_key, serial), serial
    )
    slot = insert_card(card)
    pin_file = tmp_path / "pin"
    pin_file.write_text(f"{PIN}\n{PIN}\n")
    at = ["--db", made.url, "--reader", slot.reader]
    issue = ["issue", *at, "--operator", "clerk", "--resident", str(resident_id)]
    assert main.main([*issue, "--pin-file", str(pin_file)]) == 0
    capsys.readouterr()

    admin = [*at, "--operator", "applet"]
    install = ["services", "install", *admin, "--consent-version", "2024-04"]
    assert main.main([*install, "--service", "library", "--member-number", "L-77"]) == 0
    assert "図書館カード (library) installed" in capsys.readouterr().out
    assert main.main([*install, "--service", "certificate"]) == 2  # not enabled
    assert "not enabled" in capsys.readouterr().err
    assert main.main(["services", "list", *admin, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["serial"] == serial.hex().upper()
    assert [(s["name"], s["aid"], s["state"], s["size"]) for s in listed["services"]] == [
        ("図書館カード", "F05243434C4942", "installed", 48)
    ]
    connection = PcscBackend(only=slot.reader).connect(slot.reader)
    try:
        member = read_application_file(ApduTransport(connection), LIBRARY_AID, 1, pin=PIN)
    finally:
        connection.close()
    assert member.rstrip(b"\0") == b"L-77"

    assert main.main(["services", "lock", *admin, "--service", "library"]) == 0
    assert "locked" in capsys.readouterr().out
    assert main.main(["services", "remove", *admin, "--service", "library"]) == 0
    assert "ended" in capsys.readouterr().out
    assert main.main(["services", "list", *admin]) == 0
    assert "0 service(s)" in capsys.readouterr().out
