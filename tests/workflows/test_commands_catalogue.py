"""`counter-app services add-type --from FILE` and `counter-app facilities add|list`: the
supervisor registers a service type with its ordinance, and offers a facility for reservation;
mistakes in the file or the flags are refused with the key or flag named; both are audited."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import main
from counter_app.records import Role
from tests.support.command_line import CommandRegister, command_register

POOL_TOML = """\
code = "pool"
name = "市民プール利用"
aid = "f0524343504f4f4c"

[ordinance]
name = "見本市住民基本台帳カード利用条例"
article = "第7条"
in_force_from = 2027-04-01

[[files]]
fid = 1
size = 16
read = "pin"
update = "issuer"
field = "member_number"

[[files]]
fid = 2
size = 8
read = "always"
update = "issuer"
field = "pool_pass"
"""


@pytest.fixture
def made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CommandRegister:
    return command_register(
        tmp_path, monkeypatch, [("boss", Role.SUPERVISOR), ("clerk", Role.ISSUING_CLERK)]
    )


def run(made: CommandRegister, *args: str) -> int:
    command, action, *rest = args
    return main.main([command, action, "--db", made.url, *rest])


def test_a_service_type_from_a_toml_file_is_in_the_catalogue_not_enabled_and_audited(
    made: CommandRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pool.toml").write_text(POOL_TOML, encoding="utf-8")
    pool = str(tmp_path / "pool.toml")
    assert run(made, "services", "add-type", "--operator", "clerk", "--from", pool) == 2
    assert "role" in capsys.readouterr().err.lower()

    assert run(made, "services", "add-type", "--operator", "boss", "--from", pool) == 0
    out = capsys.readouterr().out
    assert "市民プール利用 (pool) F0524343504F4F4C" in out and "not enabled" in out
    assert run(made, "services", "catalogue", "--operator", "boss", "--json") == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert (entry["code"], entry["aid"], entry["enabled"], entry["size"]) == (
        "pool", "F0524343504F4F4C", False, 24,
    )  # fmt: skip
    assert entry["ordinance"] == {
        "name": "見本市住民基本台帳カード利用条例",
        "article": "第7条",
        "in_force_from": "2027-04-01",
    }
    register = made.open()
    try:
        (event,) = [e for e in register.audit_events(20) if e.action == "service.type_added"]
        info = register.services.service_type("pool")
    finally:
        register.close()
    assert (event.action, event.detail["service"]) == ("service.type_added", "pool")
    assert [(f.fid, f.read, f.field) for f in info.files] == [
        (1, "pin", "member_number"),
        (2, "always", "pool_pass"),
    ]

    assert run(made, "services", "add-type", "--operator", "boss", "--from", pool) == 2
    assert "already has a service type" in capsys.readouterr().err


def test_a_service_type_from_json_works_the_same(
    made: CommandRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "gym.json"
    path.write_text(
        json.dumps(
            {
                "code": "gym",
                "name": "体育館",
                "aid": "F052434347594D",
                "roles": ["applet_admin"],
                "ordinance": {"name": "条例", "article": "第8条", "in_force_from": "2027-04-01"},
                "files": [
                    {"fid": 1, "size": 16, "read": "pin", "update": "issuer",
                     "field": "member_number"},
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )  # fmt: skip
    assert run(made, "services", "add-type", "--operator", "boss", "--from", str(path)) == 0
    register = made.open()
    try:
        assert register.services.service_type("gym").roles == (Role.APPLET_ADMIN,)
    finally:
        register.close()


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (('aid = "f0524343504f4f4c"', 'aid = "F05243"'), "3 bytes; an AID is 5 to 16 bytes"),
        (('aid = "f0524343504f4f4c"', 'aid = "F0524343"'), "4 bytes; an AID is 5 to 16"),
        (('aid = "f0524343504f4f4c"', 'aid = "A000000001504F4F4C"'), "starts with F0524343"),
        (('aid = "f0524343504f4f4c"', 'aid = "F0524343ZZ"'), "not hexadecimal"),
        (('aid = "f0524343504f4f4c"', 'aid = "F0524343' + "00" * 13 + '"'), "17 bytes"),
        (('read = "always"', 'read = "everyone"'), "files[2].read 'everyone': one of always"),
        (("fid = 2", "fid = 1"), "two files have the same fid"),
        (("fid = 2", "fid = 31"), "files[2].fid 31"),
        (("in_force_from = 2027-04-01", 'in_force_from = "April"'), "a date, YYYY-MM-DD"),
        (('article = "第7条"\n', ""), "'article' is missing"),
        (('code = "pool"', 'code = "プール"'), "code 'プール'"),
        (('code = "pool"', 'code = "pool"\ncolour = "blue"'), "unknown key 'colour'"),
        (("[ordinance]", "[ordinance"), "is not valid TOML"),
    ],
)
def test_a_mistake_in_the_file_is_named_and_nothing_is_added(
    made: CommandRegister,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    change: tuple[str, str],
    said: str,
) -> None:
    path = tmp_path / "pool.toml"
    assert change[0] in POOL_TOML
    path.write_text(POOL_TOML.replace(change[0], change[1], 1), encoding="utf-8")
    assert run(made, "services", "add-type", "--operator", "boss", "--from", str(path)) == 2
    err = capsys.readouterr().err
    assert "service type file cannot be used" in err and said in err
    register = made.open()
    try:
        assert register.services.catalogue() == []
    finally:
        register.close()


def test_a_facility_is_added_listed_and_audited(
    made: CommandRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    added = run(
        made, "facilities", "add", "--operator", "boss", "--name", "市民会館 大ホール",
        "--kind", "hall", "--hours", "mon-fri 09:00-21:00", "--hours", "sat,sun 10:00-17:00",
        "--slot-minutes", "60", "--limit", "2", "--deadline-hours", "48",
    )  # fmt: skip
    assert added == 0
    out = capsys.readouterr().out
    assert "市民会館 大ホール (hall), 60-minute slots" in out and "sun 10:00-17:00" in out
    assert run(made, "facilities", "list", "--operator", "clerk", "--json") == 0
    [hall] = json.loads(capsys.readouterr().out)
    assert (hall["name"], hall["kind"], hall["slot_minutes"]) == ("市民会館 大ホール", "hall", 60)
    assert (hall["max_future_bookings"], hall["cancel_deadline_hours"]) == (2, 48)
    days = [h["weekday"] for h in hall["hours"]]
    assert days == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert hall["hours"][5] == {"weekday": "sat", "opens": "10:00", "closes": "17:00"}
    register = made.open()
    try:
        (event,) = [e for e in register.audit_events(20) if e.action == "facility.added"]
    finally:
        register.close()
    assert (event.action, event.detail["name"]) == ("facility.added", "市民会館 大ホール")

    again = run(
        made, "facilities", "add", "--operator", "boss", "--name", "市民会館 大ホール",
        "--kind", "hall", "--hours", "mon 09:00-12:00", "--slot-minutes", "60",
    )  # fmt: skip
    assert again == 2
    assert "already offered" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("flags", "said"),
    [
        (["--hours", "monday 09:00-12:00"], "weekdays are mon, tue"),
        (["--hours", "mon 12:00-09:00"], "closing time must be after"),
        (["--hours", "mon 9-12"], "write DAYS HH:MM-HH:MM"),
        (["--hours", "mon 09:00-25:00"], "25:00 is not a time of day"),
        (["--hours", "mon-fri 09:00-12:00", "--hours", "fri 13:00-17:00"], "given twice"),
        (["--hours", "mon 09:00-09:30"], "mon is open for less than one slot"),
        (["--hours", "mon 09:00-12:00", "--limit", "0"], "--limit"),
    ],
)
def test_wrong_facility_flags_are_named_and_nothing_is_added(
    made: CommandRegister, capsys: pytest.CaptureFixture[str], flags: list[str], said: str
) -> None:
    refused = run(
        made, "facilities", "add", "--operator", "boss", "--name", "テニスコート",
        "--kind", "court", "--slot-minutes", "60", *flags,
    )  # fmt: skip
    assert refused == 2
    err = capsys.readouterr().err
    assert "facility cannot be added as described" in err and said in err
    register = made.open()
    try:
        assert register.reservations.facilities() == []
    finally:
        register.close()
