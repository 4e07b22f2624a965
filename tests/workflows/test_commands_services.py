"""`counter-app services catalogue|enable|disable`: the supervisor decides what may go on cards
(the refusal of a disabled service at install is tested with the register)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import main
from counter_app.records import STANDARD_SERVICES, Role
from tests.support.command_line import command_register
from tests.support.softhsm import SoftToken


def test_a_disabled_service_is_listed_so_and_refused_until_enabled_again(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    soft_token: SoftToken,
) -> None:
    made = command_register(
        tmp_path,
        monkeypatch,
        [("boss", Role.SUPERVISOR), ("applet", Role.APPLET_ADMIN)],
        token=soft_token,
    )
    register = made.open()
    sup = made.log_in_supervisor(register)
    register.services.add_service_type(sup, STANDARD_SERVICES[0])
    register.close()
    db = ["--db", made.url]

    assert (
        main.main(["services", "enable", *db, "--operator", "applet", "--service", "library"]) == 2
    )
    assert "role" in capsys.readouterr().err.lower()
    assert main.main(["services", "enable", *db, "--operator", "boss", "--service", "library"]) == 0
    assert capsys.readouterr().out.strip() == "図書館カード (library): enabled"
    assert main.main(["services", "catalogue", *db, "--operator", "applet", "--json"]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert (entry["code"], entry["enabled"], entry["size"]) == ("library", True, 48)
    assert entry["ordinance"]["article"] == "第3条"
    assert (
        main.main(["services", "disable", *db, "--operator", "boss", "--service", "library"]) == 0
    )
    capsys.readouterr()

    assert main.main(["services", "catalogue", *db, "--operator", "applet"]) == 0
    listed = capsys.readouterr().out
    assert "図書館カード" in listed and "not enabled" in listed and "第3条" in listed
    assert main.main(["services", "enable", *db, "--operator", "boss", "--service", "nothing"]) == 2
    assert "no such service" in capsys.readouterr().err
