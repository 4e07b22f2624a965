"""`counter-app issue` through pcscd + vpcd, read back by the card layer and by opensc-tool."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import main
from counter_app.card import layout
from counter_app.card.pcsc import PcscBackend
from counter_app.card.protocol import ApduTransport
from counter_app.card.reading import read_text
from counter_app.card.scp03 import diversify_keys
from counter_app.card_service.pcscd_service import InsertedCard
from counter_app.records import Role
from counter_app.virtual_card.card import VirtualCard
from counter_app.virtual_card.vpcd import CardLike
from tests.support.command_line import command_register
from tests.support.opensc import opensc_read
from tests.support.records_fixtures import (
    resident,
)
from tests.support.softhsm import SoftToken

PIN = "3917"


@pytest.mark.pcscd
def test_counter_app_issue_writes_a_card_that_reads_back_through_pcscd(
    insert_card: Callable[[CardLike], InsertedCard],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    soft_token: SoftToken,
) -> None:
    if shutil.which("opensc-tool") is None:
        pytest.skip("opensc-tool is not installed")
    made = command_register(
        tmp_path, monkeypatch, [("clerk", Role.ISSUING_CLERK)], token=soft_token
    )
    url = made.url
    register = made.open()
    resident_id = register.residents.add(
        made.log_in_supervisor(register), resident(born=dt.date(1948, 5, 3))
    )
    register.close()

    issuer = made.issuer()  # a configured register's counter signs with its token's keys
    serial = os.urandom(8)
    card = VirtualCard.manufacture(
        tmp_path / "blank.json", diversify_keys(issuer.channel_master_key, serial), serial
    )
    slot = insert_card(card)
    pin_file = tmp_path / "pin"
    pin_file.write_text(f"{PIN}\n{PIN}\n")
    argv = [
        "issue", "--db", url, "--operator", "clerk", "--reader", slot.reader,
        "--resident", str(resident_id), "--pin-file", str(pin_file),
        "--free-elderly", "2020-06-01", "--print-to", str(tmp_path / "face.pdf"),
    ]  # fmt: skip
    assert main.main(argv) == 0
    printed = capsys.readouterr().out
    assert serial.hex().upper() in printed and "licence_returned" in printed
    assert (tmp_path / "face.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "face-receipt.pdf").read_bytes().startswith(b"%PDF")

    backend = PcscBackend(only=slot.reader)
    connection = backend.connect(slot.reader)
    try:
        text = read_text(ApduTransport(connection), PIN, trust=issuer.trust)
    finally:
        connection.close()
    assert text.report.all_succeeded and text.attributes is not None
    assert text.attributes.name == "山田\u3000太郎"
    assert text.attributes.address == "東京都千代田区千代田１-１"

    raw = opensc_read(slot.reader, PIN)
    assert "山田\u3000太郎".encode() in raw and "東京都千代田区千代田１-１".encode() in raw
    parsed = layout.parse_text_attributes(raw)
    assert parsed.attributes.name == "山田\u3000太郎"

    argv = ["report", "free-issuance", "--db", url, "--operator", "clerk"]
    today = dt.date.today().isoformat()
    assert main.main([*argv, "--from", today, "--to", today, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [
        (e["serial"], e["proof_kind"], e["proof_number"]) for e in report["free_issuances"]
    ] == [(serial.hex().upper(), "licence_cancel_notice", "2020-06-01")]
