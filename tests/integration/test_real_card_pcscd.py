"""`counter-app verify` of a real 個人番号カード through pcscd + vpcd: the virtual card in the
real card's public layout (the test plays J-LIS), told apart from ours by its AID, opened with
照合番号B or the PIN, its J-LIS signatures not checked until the J-LIS key is configured."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import main
from counter_app.card.real_reading import NO_ISSUER_KEY, REAL_CARD_SERIAL
from counter_app.card_service.pcscd_service import InsertedCard
from counter_app.config import TRUST_STORE_ENV
from counter_app.records import Role
from counter_app.virtual_card.vpcd import CardLike
from tests.support.command_line import CommandRegister, command_register
from tests.support.real_card import PIN, UNLOCK_NUMBER, issue, played_jlis
from tests.support.softhsm import SoftToken
from tests.support.trust import export_trust_store

GROUPS = ("face_signature_attributes", "face_signature_images", "face_signature_photo")


def _counter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, token: SoftToken) -> CommandRegister:
    """A municipality's counter with a verifying clerk, its own keys in its token, and a trust
    store of its own certificates (no J-LIS key yet)."""
    made = command_register(tmp_path, monkeypatch, [("checker", Role.VERIFYING_CLERK)], token=token)
    trust_store = export_trust_store(tmp_path / "trust", made.issuer(), made.seal_signer())
    monkeypatch.setenv(TRUST_STORE_ENV, str(trust_store))
    return made


def _verify(
    made: CommandRegister, capsys: pytest.CaptureFixture[str], reader: str, *secret: str
) -> tuple[int, dict[str, Any]]:
    """Exit status and the JSON result of `counter-app verify`."""
    argv = [
        "verify", "--reader", reader, *secret, "--operator", "checker",
        "--purpose", "identity-check", "--db", made.url, "--json",
    ]  # fmt: skip
    code = main.main(argv)
    captured = capsys.readouterr()
    assert code != 2, captured.err
    payload: dict[str, Any] = json.loads(captured.out)
    return code, payload


def _checks(payload: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {check["id"]: check for check in payload["checks"]}


@pytest.mark.pcscd
def test_a_real_card_is_read_by_its_layout_and_checked_with_the_configured_jlis_key(
    insert_card: Callable[[CardLike], InsertedCard],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    soft_token: SoftToken,
) -> None:
    made = _counter(tmp_path, monkeypatch, soft_token)
    slot = insert_card(issue(tmp_path / "real.json"))

    # No J-LIS key: genuine or not is unknown, and the result says so.
    code, payload = _verify(made, capsys, slot.reader, "--unlock", UNLOCK_NUMBER)
    checks = _checks(payload)
    assert code == 1 and payload["valid"] is False and payload["verdict"] == "NOT CHECKED"
    assert payload["serial"] == REAL_CARD_SERIAL
    for check_id in ("signer_certificate", *GROUPS):
        assert (checks[check_id]["verdict"], checks[check_id]["reason"]) == (
            "not checked",
            NO_ISSUER_KEY,
        )
    assert checks["card_expiry"]["verdict"] == "succeeded"
    assert checks["register_status"]["verdict"] == "not checked"
    assert payload["data"] is None  # nothing shown as if it were verified

    # The J-LIS key configured: every group signature succeeds; still not our register.
    played_jlis().install_into(tmp_path / "trust")
    code, payload = _verify(made, capsys, slot.reader, "--unlock", UNLOCK_NUMBER)
    checks = _checks(payload)
    assert all(checks[group]["verdict"] == "succeeded" for group in GROUPS)
    assert payload["valid"] is True and payload["verdict"] == "GENUINE, NOT IN THIS REGISTER"
    assert code == 1  # exit 0 is for a card of this register in use
    assert checks["chip_authentication"]["verdict"] == "not checked"
    assert payload["data"]["face"]["birth_date"] == "1980-04-03"

    # With the resident's PIN the text AP's signature is checked too.
    pin_file = tmp_path / "pin"
    pin_file.write_text(f"{PIN}\n")
    code, payload = _verify(made, capsys, slot.reader, "--pin-file", str(pin_file))
    checks = _checks(payload)
    assert checks["text_signature"]["verdict"] == "succeeded"
    assert payload["data"]["text"]["name"] == "番号　太郎"
    assert checks["card_expiry"]["verdict"] == "unknown"  # the expiry is in the face data


@pytest.mark.pcscd
def test_a_photo_altered_after_signing_fails_only_its_group_signature(
    insert_card: Callable[[CardLike], InsertedCard],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    soft_token: SoftToken,
) -> None:
    made = _counter(tmp_path, monkeypatch, soft_token)
    played_jlis().install_into(tmp_path / "trust")
    slot = insert_card(issue(tmp_path / "altered.json", photo_altered_after_signing=True))
    code, payload = _verify(made, capsys, slot.reader, "--unlock", UNLOCK_NUMBER)
    verdicts = {cid: check["verdict"] for cid, check in _checks(payload).items()}
    assert code == 1 and payload["verdict"] == "NOT VALID" and payload["data"] is None
    assert [verdicts[group] for group in GROUPS] == ["succeeded", "succeeded", "failed"]
