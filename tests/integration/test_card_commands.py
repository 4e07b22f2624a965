"""`counter-app virtual-card create` and `counter-app card read`, on the in-process reader."""

from __future__ import annotations

import base64
import dataclasses
import json
from pathlib import Path

import pytest

from counter_app.card import profile as p
from counter_app.card.issuer_keys import load_or_create_issuer
from counter_app.card.personal_data import demo_cardholder
from counter_app.card.personalise import personalise
from counter_app.card.protocol import ApduTransport
from counter_app.card.scp03 import diversify_keys
from counter_app.card.summary import read_summary
from counter_app.card_service.training_cards import (
    CardFileExistsError,
    ensure_demo_card,
    training_sidecar,
)
from counter_app.commands import card_read, virtual_card
from counter_app.config import Configuration
from counter_app.training_keys import training_keys
from counter_app.trust_store import NO_DIRECTORY
from counter_app.virtual_card.card import VirtualCard
from counter_app.virtual_card.inprocess import InProcessBackend, InProcessReader
from tests.support import real_card


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def config(home: Path) -> Configuration:
    return Configuration(data_dir=home)


def create(config: Configuration, path: str, *, demo: bool, force: bool) -> int:
    return virtual_card.create(config, path, demo=demo, force=force)


def _created(config: Configuration, path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """`virtual-card create --demo`: the printed training data."""
    assert create(config, str(path), demo=True, force=False) == 0
    return capsys.readouterr().out


def _use_card(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Make `card read` find this card file in the in-process reader."""

    def backend(config: Configuration) -> InProcessBackend:
        in_process = InProcessReader()
        in_process.insert(path)
        return InProcessBackend(in_process)

    monkeypatch.setattr(card_read, "open_backend", backend)


def test_create_makes_a_blank_card_and_refuses_to_overwrite(
    config: Configuration, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "blank.json"
    assert create(config, str(path), demo=False, force=False) == 0
    assert "blank card" in capsys.readouterr().out
    reader = InProcessReader()
    reader.insert(path)
    assert read_summary(reader.connect()).life_cycle is p.LifeCycle.BLANK
    with pytest.raises(CardFileExistsError):
        create(config, str(path), demo=False, force=False)
    assert create(config, str(path), demo=False, force=True) == 0


def test_create_demo_prints_the_training_data_and_keeps_it_beside_the_card(
    config: Configuration, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.json"
    assert create(config, str(path), demo=True, force=False) == 0
    printed = json.loads(capsys.readouterr().out)
    assert set(printed) >= {"name", "address", "birth_date", "sex", "pin", "unlock_number"}
    assert len(printed["pin"]) == 4 and len(printed["unlock_number"]) == 14
    sidecar = json.loads(training_sidecar(path).read_text(encoding="utf-8"))
    assert sidecar["training_card"] is True and sidecar["pin"] == printed["pin"]
    reader = InProcessReader()
    reader.insert(path)
    summary = read_summary(
        reader.connect(), pin=printed["pin"], trust=load_or_create_issuer(config.data_dir).trust
    )
    assert summary.holder_name == printed["name"]
    assert summary.serial == printed["serial"]


def test_ensure_demo_card_makes_it_once(home: Path) -> None:
    path = home / "cards" / "demo-card.json"
    ensure_demo_card(path, home=home)
    first = path.read_bytes()
    ensure_demo_card(path, home=home)
    assert path.read_bytes() == first
    assert [f.name for f in path.parent.iterdir() if f.name.startswith(".")] == []


def test_card_read_with_the_pin_prints_verified_text_data_but_cannot_vouch_for_the_chip(
    config: Configuration,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "demo.json"
    create(config, str(path), demo=True, force=False)
    training = json.loads(capsys.readouterr().out)
    _use_card(monkeypatch, path)
    assert card_read.read(config, training["pin"], None, True) == 1  # a clone would pass else
    result = json.loads(capsys.readouterr().out)
    assert not result["all_checks_succeeded"] and result["serial"] == training["serial"]
    verdicts = {c["id"]: c["verdict"] for c in result["checks"]}
    assert verdicts.pop("chip_authentication") == verdicts.pop("card_expiry") == "unknown"
    assert set(verdicts.values()) == {"succeeded"}
    assert result["data"]["name"] == training["name"]
    assert result["data"]["address"] == training["address"]


def test_card_read_with_the_unlock_number_prints_image_digests(
    config: Configuration,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "demo.json"
    create(config, str(path), demo=True, force=False)
    training = json.loads(capsys.readouterr().out)
    _use_card(monkeypatch, path)
    assert card_read.read(config, None, training["unlock_number"], True) == 0
    result = json.loads(capsys.readouterr().out)
    ids = [c["id"] for c in result["checks"]]
    assert "chip_authentication" in ids and "face_signature" in ids
    photo = result["data"]["photo"]
    assert photo["bytes"] > 1000 and len(photo["sha256"]) == 64
    assert card_read.read(config, None, training["unlock_number"], False) == 0
    assert "Chip is genuine" in capsys.readouterr().out


def test_card_read_of_an_altered_card_withholds_the_data_and_fails(
    config: Configuration,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    issuer = load_or_create_issuer(config.data_dir)
    data, pin = demo_cardholder(7)
    data = dataclasses.replace(data, resident_code="27182818284")
    serial = bytes(range(8))
    keys = diversify_keys(issuer.channel_master_key, serial)
    path = tmp_path / "card.json"
    VirtualCard.manufacture(path, keys, serial)
    reader = InProcessReader()
    reader.insert(path)
    personalise(ApduTransport(reader.connect()), data, pin, signer=issuer.signer, keys=keys)
    reader.remove()
    _use_card(monkeypatch, path)
    assert card_read.read(config, pin, None, True) == 1  # the chip check is unknown with a PIN
    assert "27182818284" not in capsys.readouterr().out  # never the resident record code

    document = json.loads(path.read_text(encoding="utf-8"))
    text = next(df for df in document["dfs"] if df["aid"].upper() == p.Aid.TEXT.value.hex().upper())
    attributes = next(ef for ef in text["efs"] if ef["fid"] == p.Fid.TEXT_ATTRIBUTES)
    content = bytearray(base64.b64decode(attributes["data"]))
    content[content.index(data.name.encode()) + 1] ^= 0x01  # one bit of the name
    attributes["data"] = base64.b64encode(bytes(content)).decode("ascii")
    path.write_text(json.dumps(document), encoding="utf-8")
    assert card_read.read(config, pin, None, True) == 1
    result = json.loads(capsys.readouterr().out)
    assert result["data"] is None and not result["all_checks_succeeded"]
    assert "failed" in {c["verdict"] for c in result["checks"]}


def test_card_read_without_a_trust_store_says_so_and_creates_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = Configuration(data_dir=tmp_path / "elsewhere")
    path = tmp_path / "demo.json"
    printed = json.loads(_created(elsewhere, path, capsys))
    _use_card(monkeypatch, path)
    missing = tmp_path / "not-mounted"
    config = Configuration(data_dir=tmp_path / "home", trust_store_dir=missing)
    assert card_read.read(config, printed["pin"], None, True) == 1
    result = json.loads(capsys.readouterr().out)
    signer = next(c for c in result["checks"] if c["id"] == "signer_certificate")
    assert signer["verdict"] == "not checked" and signer["reason"] == NO_DIRECTORY
    assert result["data"] is None and not missing.exists()


def test_card_read_of_a_real_card_says_what_it_is_and_checks_it_with_the_jlis_key(
    config: Configuration,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    training_keys(config)  # the counter's own keys and trust store, as on any counter
    path = tmp_path / "real.json"
    real_card.issue(path)
    _use_card(monkeypatch, path)

    assert card_read.read(config, None, real_card.UNLOCK_NUMBER, False) == 1
    out = capsys.readouterr().out
    assert "Card: 個人番号カード (issued by J-LIS)" in out and "`counter-app verify`" in out
    assert "not checked (issuer key not in the trust store" in out
    assert "The data is not shown" in out

    real_card.played_jlis().install(config.data_dir)
    assert card_read.read(config, None, real_card.UNLOCK_NUMBER, True) == 1  # chip: not checked
    result = json.loads(capsys.readouterr().out)
    assert result["card"] == "real" and result["serial"] == "個人番号カード"
    verdicts = {c["id"]: c["verdict"] for c in result["checks"]}
    assert verdicts["face_signature_photo"] == "succeeded"
    assert verdicts["chip_authentication"] == "not checked"
    assert result["data"]["birth_date"] == "1980-04-03"

    assert card_read.read(config, real_card.PIN, None, True) == 1
    result = json.loads(capsys.readouterr().out)
    assert result["read"] == "text" and result["data"]["name"] == "番号　太郎"
