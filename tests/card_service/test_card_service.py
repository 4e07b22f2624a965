"""Which card service the counter opens, as the configuration's reader policy says."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.card import pcsc
from counter_app.card.connection import ReaderUnavailableError
from counter_app.card.errors import NoTrustStoreError
from counter_app.card.issuer_keys import load_or_create_issuer
from counter_app.card_service.backends import open_backend
from counter_app.card_service.summary_reader import summary_reader
from counter_app.card_service.training_cards import create_card
from counter_app.config import Configuration, ReaderPolicy
from counter_app.printing.seal_keys import load_or_create_seal_signer
from counter_app.virtual_card.inprocess import InProcessBackend, InProcessReader
from tests.support.trust import export_trust_store


def _pcsc_answers(monkeypatch: pytest.MonkeyPatch, answers: bool) -> None:
    monkeypatch.setattr(pcsc, "pcsc_available", lambda timeout=2.0: answers)


def test_pcsc_only_without_a_pcsc_service_is_an_unavailable_reader_and_no_demo_card(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pcsc_answers(monkeypatch, False)
    config = Configuration(data_dir=tmp_path, reader_policy=ReaderPolicy.PCSC)
    with pytest.raises(ReaderUnavailableError) as caught:
        open_backend(config)
    assert caught.value.what == "The card reader is not available."
    assert "PC/SC" in caught.value.detail
    assert list(tmp_path.iterdir()) == []  # no demo card, no development keys


def test_in_process_only_opens_the_demo_reader_even_when_pcsc_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pcsc_answers(monkeypatch, True)
    config = Configuration(data_dir=tmp_path, reader_policy=ReaderPolicy.IN_PROCESS)
    backend = open_backend(config)
    assert isinstance(backend, InProcessBackend) and backend.is_virtual
    assert backend.reader.card_path == config.cards_dir / "demo-card.json"
    assert backend.readers()[0].card_present


def test_auto_falls_back_to_the_demo_reader_when_no_pcsc_service_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pcsc_answers(monkeypatch, False)
    backend = open_backend(Configuration(data_dir=tmp_path))
    assert isinstance(backend, InProcessBackend)
    assert backend.reader.card_path == tmp_path / "cards" / "demo-card.json"


def test_auto_on_a_configured_register_without_pcsc_is_an_error_not_a_demo_card(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pcsc_answers(monkeypatch, False)
    config = Configuration(data_dir=tmp_path, register_url="postgresql://counter@db/register")
    with pytest.raises(ReaderUnavailableError) as caught:
        open_backend(config)
    assert "configured register" in caught.value.detail
    assert list(tmp_path.iterdir()) == []  # no demo card, no development keys


def test_the_window_reading_a_card_with_a_pin_needs_the_trust_store_and_creates_nothing(
    tmp_path: Path,
) -> None:
    card = tmp_path / "demo.json"
    training = create_card(card, demo=True, force=False, home=tmp_path / "issuer-home")
    assert training is not None
    reader = InProcessReader()
    reader.insert(card)
    counter = Configuration(data_dir=tmp_path / "counter", register_url="sqlite:///x.sqlite3")
    read = summary_reader(counter)
    assert read(reader.connect()).serial == training["serial"]  # no PIN: no keys needed
    with pytest.raises(NoTrustStoreError):
        read(reader.connect(), pin=training["pin"])
    assert not (counter.data_dir / "issuer").exists()
    assert not (counter.data_dir / "trust-store").exists()
    issuer = load_or_create_issuer(tmp_path / "issuer-home")
    seal = load_or_create_seal_signer(tmp_path / "issuer-home")
    store = export_trust_store(tmp_path / "trust", issuer, seal)
    trusting = Configuration(data_dir=counter.data_dir, register_url="x", trust_store_dir=store)
    trusted = summary_reader(trusting)
    assert trusted(reader.connect(), pin=training["pin"]).holder_name == training["name"]
