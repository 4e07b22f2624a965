"""`counter-app verify` through pcscd + vpcd: genuine, clone, suspended and expired cards."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

import main
from counter_app.card.scp03 import diversify_keys
from counter_app.card_service.pcscd_service import InsertedCard
from counter_app.config import TRUST_STORE_ENV
from counter_app.face_scan.simulated_scans import ScanCondition, simulate_scan, transplant
from counter_app.japanese_dates import add_years
from counter_app.printing.card_face import DEMO_MUNICIPALITY, render_card
from counter_app.printing.demo import demo_card_face
from counter_app.printing.layouts import CARD_FRONT
from counter_app.printing.qr import seal_text
from counter_app.printing.raster import rasterise_pdf
from counter_app.printing.seal import parse
from counter_app.printing.seal_documents import CardFaceSeal
from counter_app.printing.seal_keys import load_or_create_seal_signer
from counter_app.records import CardStatus, Register, Role
from counter_app.virtual_card.card import VirtualCard
from counter_app.virtual_card.inprocess import InProcessReader
from counter_app.virtual_card.vpcd import CardLike
from counter_app.workflows import (
    CounterContext,
    CounterSettings,
    IdentityDocument,
    IssuanceRequest,
    IssuanceWorkflow,
)
from tests.support.command_line import command_register
from tests.support.records_fixtures import (
    CLERK_PASSWORD,
    SUPERVISOR_PASSWORD,
    resident,
)
from tests.support.softhsm import SoftToken
from tests.support.trust import export_trust_store, own_trust

PIN = "5207"
TODAY = dt.date.today()


@dataclass
class Issued:
    """A card issued into a fresh data home and register, ready to be served through vpcd."""

    path: Path
    url: str
    serial: str
    qr_text: str
    unlock_number: str
    face_pdf: bytes


def _issue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, token: SoftToken, *, issued_on: dt.date
) -> Issued:
    """A register with a clerk and a verifying clerk, keys made in `token` on `issued_on`, and a
    card issued that day."""
    made = command_register(
        tmp_path,
        monkeypatch,
        [("clerk", Role.ISSUING_CLERK), ("checker", Role.VERIFYING_CLERK)],
        token=token,
        keys_made_on=issued_on,
    )
    url = made.url
    register = made.open()
    sup = made.log_in_supervisor(register)
    resident_id = register.residents.add(sup, resident(born=dt.date(1961, 2, 28)))
    issuer = made.issuer()  # the keys the ceremony of that day made
    seal_signer = made.seal_signer()
    ctx = CounterContext(
        register=register,
        operator=register.operators.login_with_password("clerk", CLERK_PASSWORD),
        issuer=issuer,
        seal_signer=seal_signer,
        settings=CounterSettings(),
        municipality=DEMO_MUNICIPALITY,
        trust=own_trust(issuer, seal_signer),
        today=lambda: issued_on,
    )
    # The verifying counter's trust store, as the key ceremony exports it.
    monkeypatch.setenv(
        TRUST_STORE_ENV, str(export_trust_store(tmp_path / "trust", issuer, seal_signer))
    )
    serial = os.urandom(8)
    path = tmp_path / "card.json"
    VirtualCard.manufacture(path, diversify_keys(issuer.channel_master_key, serial), serial)
    reader = InProcessReader()
    reader.insert(path)
    request = IssuanceRequest(resident_id, (IdentityDocument.PASSPORT,), PIN)
    result = IssuanceWorkflow(ctx, request, reader.connect).run()
    reader.remove()
    register.close()
    assert result.printed is not None
    seal = result.printed.card_face_seal
    unlock = CardFaceSeal.from_seal(parse(seal)).unlock_number
    pdf = result.printed.card_face_pdf
    return Issued(path, url, result.serial, seal_text(seal), unlock, pdf)


def _run(
    issued: Issued, reader: str, capsys: pytest.CaptureFixture[str], *secret: str
) -> tuple[int, dict[str, str]]:
    """Exit status and each check's verdict (or the error printed, for exit status 2)."""
    argv = [
        "verify", "--reader", reader, *secret, "--operator", "checker",
        "--purpose", "identity-check", "--db", issued.url, "--json",
    ]  # fmt: skip
    code = main.main(argv)
    captured = capsys.readouterr()
    if code == 2:
        return code, {"error": captured.err}
    payload = json.loads(captured.out)
    return code, {c["id"]: c["verdict"] for c in payload["checks"]}


@pytest.mark.pcscd
def test_a_genuine_card_is_valid_and_a_wrong_number_cannot_be_read(
    insert_card: Callable[[CardLike], InsertedCard],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    soft_token: SoftToken,
) -> None:
    issued = _issue(tmp_path, monkeypatch, soft_token, issued_on=TODAY)
    slot = insert_card(VirtualCard.load(issued.path))
    code, verdicts = _run(issued, slot.reader, capsys, "--qr-text", issued.qr_text)
    assert code == 0, verdicts
    assert verdicts.pop("text_face_agreement") == "not checked"  # only the face data was read
    assert set(verdicts.values()) == {"succeeded"}
    pin_file = tmp_path / "pin"
    pin_file.write_text(f"{PIN}\n")
    code, verdicts = _run(issued, slot.reader, capsys, "--pin-file", str(pin_file))
    assert code == 0 and verdicts["chip_authentication"] == "succeeded"
    code, out = _run(issued, slot.reader, capsys, "--unlock", "0" * 14)
    assert code == 2 and "照合番号B" in out["error"] and "9 tries left" in out["error"]


@pytest.mark.pcscd
def test_without_a_trust_store_no_card_is_valid_and_the_output_says_why(
    insert_card: Callable[[CardLike], InsertedCard],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    soft_token: SoftToken,
) -> None:
    issued = _issue(tmp_path, monkeypatch, soft_token, issued_on=TODAY)
    monkeypatch.delenv(TRUST_STORE_ENV)  # a configured counter that names no trust store
    slot = insert_card(VirtualCard.load(issued.path))
    argv = [
        "verify", "--reader", slot.reader, "--qr-text", issued.qr_text, "--operator", "checker",
        "--purpose", "identity-check", "--db", issued.url, "--json",
    ]  # fmt: skip
    code = main.main(argv)
    payload = json.loads(capsys.readouterr().out)
    checks = {c["id"]: c for c in payload["checks"]}
    assert code == 1 and payload["valid"] is False
    assert payload["verdict"] == "NOT CHECKED"
    assert checks["signer_certificate"]["verdict"] == "not checked"
    assert "no trust store is configured" in checks["signer_certificate"]["reason"]
    assert checks["qr_seal"]["verdict"] == "not checked"
    assert "succeeded" not in {
        checks[c]["verdict"] for c in ("face_signature", "chip_authentication")
    }
    assert not (tmp_path / "home" / "trust-store").exists()  # reading made nothing


@pytest.mark.pcscd
def test_a_damaged_file_in_the_trust_store_is_named(
    insert_card: Callable[[CardLike], InsertedCard],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    soft_token: SoftToken,
) -> None:
    issued = _issue(tmp_path, monkeypatch, soft_token, issued_on=TODAY)
    (tmp_path / "trust" / "JPRCC-OTHER-0001.cvc").write_bytes(b"not a certificate")
    slot = insert_card(VirtualCard.load(issued.path))
    code, out = _run(issued, slot.reader, capsys, "--unlock", issued.unlock_number)
    assert code == 2 and "JPRCC-OTHER-0001.cvc" in out["error"]


@pytest.mark.pcscd
def test_a_clone_on_a_chip_with_another_key_fails_chip_authentication(
    insert_card: Callable[[CardLike], InsertedCard],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    soft_token: SoftToken,
) -> None:
    issued = _issue(tmp_path, monkeypatch, soft_token, issued_on=TODAY)
    document = json.loads(issued.path.read_text(encoding="utf-8"))
    other_key = ec.generate_private_key(ec.SECP256R1()).private_numbers().private_value
    document["chip_key"] = other_key.to_bytes(32, "big").hex()  # every file copied, another chip
    issued.path.write_text(json.dumps(document), encoding="utf-8")
    slot = insert_card(VirtualCard.load(issued.path))
    code, verdicts = _run(issued, slot.reader, capsys, "--unlock", issued.unlock_number)
    assert code == 1 and verdicts["chip_authentication"] == "failed"
    assert verdicts["face_signature"] == "succeeded"


@pytest.mark.pcscd
def test_a_card_suspended_a_moment_ago_is_refused(
    insert_card: Callable[[CardLike], InsertedCard],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    soft_token: SoftToken,
) -> None:
    issued = _issue(tmp_path, monkeypatch, soft_token, issued_on=TODAY)
    slot = insert_card(VirtualCard.load(issued.path))
    register = Register.open(issued.url, key_path=tmp_path / "home" / "keys" / "record-code.key")
    sup = register.operators.login_with_password("sup", SUPERVISOR_PASSWORD)
    register.cards.change_status(sup, issued.serial, CardStatus.SUSPENDED, "lost")
    register.close()
    code, verdicts = _run(issued, slot.reader, capsys, "--unlock", issued.unlock_number)
    assert code == 1 and verdicts["register_status"] == "failed"
    assert verdicts["chip_authentication"] == "succeeded"


@pytest.mark.pcscd
def test_an_expired_card_fails_only_its_expiry_its_old_signer_still_counts(
    insert_card: Callable[[CardLike], InsertedCard],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    soft_token: SoftToken,
) -> None:
    long_ago = add_years(TODAY, -10) - dt.timedelta(days=2)  # the card expired two days ago
    issued = _issue(tmp_path, monkeypatch, soft_token, issued_on=long_ago)
    slot = insert_card(VirtualCard.load(issued.path))
    code, verdicts = _run(issued, slot.reader, capsys, "--unlock", issued.unlock_number)
    assert code == 1 and verdicts["card_expiry"] == "failed"
    assert verdicts["signer_certificate"] == "succeeded"  # chain model: valid when signed
    assert verdicts["chip_authentication"] == "succeeded"


@pytest.mark.pcscd
def test_the_printed_face_is_compared_with_the_chip_from_an_image_file(
    insert_card: Callable[[CardLike], InsertedCard],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    soft_token: SoftToken,
) -> None:
    issued = _issue(tmp_path, monkeypatch, soft_token, issued_on=TODAY)
    slot = insert_card(VirtualCard.load(issued.path))
    front = rasterise_pdf(issued.face_pdf, 300)[0]
    genuine = tmp_path / "face.jpg"
    genuine.write_bytes(simulate_scan(front, ScanCondition(angle=-1.5), random.Random(5)))
    signer = load_or_create_seal_signer(tmp_path / "elsewhere", today=TODAY)
    other = rasterise_pdf(render_card(demo_card_face(), signer, issued_on=TODAY).pdf, 300)[0]
    forged = tmp_path / "forged.png"
    transplant(front, other, CARD_FRONT.texts["name"].box, 300).save(forged)

    code, payload = _run_json(issued, slot.reader, capsys, "--face-image", str(genuine))
    failed = [f for f in payload["printed_face"]["fields"] if f["verdict"] == "failed"]
    assert code == 0, failed  # the fields that failed, whole
    assert payload["printed_face"]["matches"] is True
    verdicts = {f["field"]: f["verdict"] for f in payload["printed_face"]["fields"]}
    assert verdicts.pop("photo") == "not present"  # this resident's card has no photo
    assert set(verdicts.values()) == {"succeeded"} and len(verdicts) == 7

    code, payload = _run_json(issued, slot.reader, capsys, "--face-image", str(forged))
    assert code == 1
    checks = {c["id"]: c["verdict"] for c in payload["checks"]}
    assert checks["printed_face"] == "failed" and checks["chip_authentication"] == "succeeded"
    failed = [f["field"] for f in payload["printed_face"]["fields"] if f["verdict"] == "failed"]
    assert failed == ["name"]


def _run_json(
    issued: Issued, reader: str, capsys: pytest.CaptureFixture[str], *face: str
) -> tuple[int, dict[str, Any]]:
    argv = [
        "verify", "--reader", reader, "--qr-text", issued.qr_text, *face,
        "--operator", "checker", "--purpose", "identity-check", "--db", issued.url, "--json",
    ]  # fmt: skip
    code = main.main(argv)
    return code, json.loads(capsys.readouterr().out)
