"""The card file: manufacture, atomic writes after each change only, pulling the card out."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from counter_app.card.profile import Aid
from counter_app.card.tlv import parse_one
from counter_app.virtual_card import CardFileError, VirtualCard, storage
from counter_app.virtual_card import card as card_module
from counter_app.virtual_card.state import encode_state
from tests.support.virtual_card import (
    KEYS,
    PIN,
    SERIAL,
    Host,
    blank_card,
    build_identity,
    personalised_card,
)


class CheckedCard(VirtualCard):
    """A card that, after every command, checks its file holds exactly its persistent state."""

    activated = False

    def process(self, command: bytes) -> bytes:
        answer = super().process(command)
        assert self.path.read_bytes() == encode_state(self._state)
        self.activated = self.activated or command[1:2] == b"\x44"
        pulled = Host(VirtualCard.load(self.path))  # the card pulled out right now
        assert pulled.life_cycle() == 0x05 if self.activated else pulled.life_cycle() in (1, 3)
        return answer


def probe(host: Host) -> list[bytes]:
    """Answers that show the card's persistent state without changing it."""
    out = [host.raw(bytes.fromhex("00A40004023F0000")), host.raw(bytes.fromhex("00B09E0000"))]
    for aid in (Aid.TEXT.value, Aid.FACE.value, Aid.JUKI.value, Aid.COMMON.value):
        out.append(host.raw(bytes.fromhex("00A40404") + bytes((len(aid),)) + aid + b"\x00"))
        out.append(host.raw(bytes.fromhex("00B0840000")))
        out.append(host.raw(bytes.fromhex("00200091")))
        out.append(host.raw(bytes.fromhex("00200092")))
    out.append(host.raw(bytes.fromhex("00478101 00".replace(" ", ""))))
    return out


def file_identity(path: Path) -> tuple[int, int, bytes]:
    """Inode, modification time and content: a rewrite changes the inode (rename over)."""
    info = path.stat()
    return info.st_ino, info.st_mtime_ns, path.read_bytes()


# -- manufacture ------------------------------------------------------------------------------


def test_manufacture_refuses_to_overwrite_a_card(tmp_path: Path) -> None:
    card = blank_card(tmp_path)
    before = card.path.read_bytes()
    with pytest.raises(FileExistsError):
        VirtualCard.manufacture(card.path, KEYS)
    assert card.path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["card.json"]


def test_a_card_file_is_private_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    made = personalised_card(tmp_path)
    assert stat.S_IMODE(made.card.path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["card.json"]


def test_serials_are_random_unless_given(tmp_path: Path) -> None:
    first = VirtualCard.manufacture(tmp_path / "a.json", KEYS)
    second = VirtualCard.manufacture(tmp_path / "b.json", KEYS)
    assert len(first.serial) == len(second.serial) == 8
    assert first.serial != second.serial
    assert blank_card(tmp_path).serial == SERIAL
    with pytest.raises(ValueError):
        VirtualCard.manufacture(tmp_path / "c.json", KEYS, b"\x01\x02")


# -- when the card writes ---------------------------------------------------------------------


def test_reading_and_refused_commands_do_not_write(tmp_path: Path) -> None:
    host = personalised_card(tmp_path).host
    path = host.card.path
    before = file_identity(path)
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.read_sfi(4).sw == 0x9000
    assert host.read_sfi(2).sw == 0x6982
    assert host.verify(0x91) == 0x63C3
    assert host.verify(0x93, PIN) == 0x6A86
    assert host.sw(0x00, 0xD6, 0x81, 0x00, b"x") == 0x6985
    assert host.sw(0x00, 0x84, 0x00, 0x00, ne=8) == 0x9000
    assert host.raw(b"\x00\xca") == b"\x67\x00"
    assert host.verify(0x91, PIN) == 0x9000  # the counter was full: nothing to write
    assert file_identity(path) == before


def test_a_failed_verify_is_written_before_the_answer(tmp_path: Path) -> None:
    host = personalised_card(tmp_path).host
    path = host.card.path
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    before = file_identity(path)
    assert host.verify(0x91, b"0000") == 0x63C2
    after = file_identity(path)
    assert after[0] != before[0]
    pulled = Host(VirtualCard.load(path))
    assert pulled.select_aid(Aid.TEXT.value) == 0x9000
    assert pulled.verify(0x91) == 0x63C2


def test_the_file_holds_the_state_after_every_command_of_a_personalisation(
    tmp_path: Path,
) -> None:
    card = CheckedCard.manufacture(tmp_path / "card.json", KEYS, SERIAL)
    host = Host(card)
    build_identity(host)
    card.power_on()
    host.channel = None
    assert probe(Host(VirtualCard.load(card.path))) == probe(host)
    assert [p.name for p in tmp_path.iterdir()] == ["card.json"]


def test_a_card_pulled_out_keeps_everything_but_the_session(tmp_path: Path) -> None:
    host = Host(blank_card(tmp_path))
    build_identity(host, activate=False)
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    pulled = Host(VirtualCard.load(host.card.path))
    assert pulled.life_cycle() == 0x03  # torn personalisation: not operational
    assert pulled.select_aid(Aid.TEXT.value) == 0x9000
    assert pulled.read_sfi(4).sw == 0x6985
    assert pulled.select_mf() == 0x9000
    assert pulled.sw(0x00, 0x44, 0x00, 0x00) == 0x6985  # the channel did not survive
    pulled.open_channel()
    assert pulled.select_mf() == 0x9000
    assert pulled.sw(0x00, 0x44, 0x00, 0x00) == 0x9000


def test_power_off_drops_the_session(tmp_path: Path) -> None:
    made = personalised_card(tmp_path)
    host = made.host
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.verify(0x91, PIN) == 0x9000
    made.card.power_off()
    assert host.read_sfi(2).sw == 0x6A82  # powered up again by the command: MF selected
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.read_sfi(2).sw == 0x6982


# -- failures ---------------------------------------------------------------------------------


def test_a_failed_write_answers_6581_and_keeps_the_last_written_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    host = personalised_card(tmp_path).host
    assert host.select_aid(Aid.TEXT.value) == 0x9000

    def full_disk(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage, "replace_file", full_disk)
    assert host.raw(bytes.fromhex("0020009104") + b"0000") == b"\x65\x81"
    monkeypatch.undo()
    assert host.select_aid(Aid.TEXT.value) == 0x9000
    assert host.verify(0x91) == 0x63C3  # the failed try was not counted: nothing was written


def test_an_internal_error_answers_6f00_and_the_card_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    host = personalised_card(tmp_path).host

    def broken(*args: object) -> object:
        raise RuntimeError("bug")

    monkeypatch.setattr(card_module.dispatcher, "dispatch", broken)
    assert host.raw(bytes.fromhex("00A4000C")) == b"\x6f\x00"
    assert "internal error" in caplog.text
    monkeypatch.undo()
    assert host.raw(bytes.fromhex("00A4000C")) == b"\x90\x00"


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"[]", b'{"format": "other"}', b"\xff\xfe"],
)
def test_a_damaged_card_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "card.json"
    path.write_bytes(content)
    with pytest.raises(CardFileError):
        VirtualCard.load(path)


def test_a_tampered_retry_counter_is_refused(tmp_path: Path) -> None:
    card = blank_card(tmp_path)
    text = card.path.read_text(encoding="utf-8").replace('"tries": 3', '"tries": 9')
    card.path.write_text(text, encoding="utf-8")
    with pytest.raises(CardFileError):
        VirtualCard.load(card.path)


def test_the_card_information_names_the_serial_after_reload(tmp_path: Path) -> None:
    path = blank_card(tmp_path).path
    host = Host(VirtualCard.load(path))
    assert host.select_aid(Aid.COMMON.value) == 0x9000
    info = parse_one(host.read_sfi(1, 256).data)
    assert {t.tag: t.value for t in info.children()}[0xDF41] == SERIAL
