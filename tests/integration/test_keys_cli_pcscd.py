"""The key ceremony as a supervisor runs it, `counter-app keys ...`, on a fresh data directory
and a SoftHSM2 token; then cards issued and verified with `counter-app issue` and `verify`
through pcscd + vpcd, before and after the data signer is rolled over and the old one retired."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

import main
from counter_app.card.cvc import parse_certificate
from counter_app.card.issuer_keys import TrustStore, load_channel_master_key
from counter_app.card.pcsc import PcscBackend
from counter_app.card.protocol import ApduTransport
from counter_app.card.reading import read_text
from counter_app.card.scp03 import diversify_keys
from counter_app.card_service.pcscd_service import InsertedCard
from counter_app.config import PASSWORD_ENV, TRUST_STORE_ENV
from counter_app.records import Role
from counter_app.virtual_card.card import VirtualCard
from counter_app.virtual_card.vpcd import CardLike
from tests.support.command_line import CommandRegister, command_register
from tests.support.records_fixtures import CLERK_PASSWORD, SUPERVISOR_PASSWORD, resident
from tests.support.softhsm import SO_PIN, USER_PIN, SoftToken
from tests.support.token_keys import install_channel_master_key

PIN = "6184"


class Counter:
    """The commands of one counter, with the card in the vpcd reader."""

    def __init__(
        self,
        made: CommandRegister,
        insert_card: Callable[[CardLike], InsertedCard],
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
    ) -> None:
        self.made, self.insert_card = made, insert_card
        self.monkeypatch, self.capsys, self.tmp_path = monkeypatch, capsys, tmp_path
        self.slot: InsertedCard | None = None
        self.said = ""

    def run(self, password: str, *argv: str) -> int:
        self.monkeypatch.setenv(PASSWORD_ENV, password)
        code = main.main([*argv, "--db", self.made.url])
        captured = self.capsys.readouterr()
        self.said += captured.out + captured.err
        self.last = captured
        return code

    def keys(self, *argv: str) -> int:
        return self.run(SUPERVISOR_PASSWORD, "keys", *argv, "--operator", self.made.supervisor)

    def put(self, path: Path) -> str:
        """Put the card file into the vpcd reader (taking out the one there); the reader."""
        if self.slot is not None:
            self.slot.remove()
        self.slot = self.insert_card(VirtualCard.load(path))
        return self.slot.reader

    def issue(self, name: str, resident_id: int) -> Path:
        """A blank card made for this issuer, personalised with `counter-app issue`."""
        serial = os.urandom(8)
        path = self.tmp_path / f"{name}.json"
        master = load_channel_master_key(self.made.home)
        VirtualCard.manufacture(path, diversify_keys(master, serial), serial)
        reader = self.put(path)
        pin_file = self.tmp_path / "pin"
        pin_file.write_text(f"{PIN}\n{PIN}\n")
        code = self.run(
            CLERK_PASSWORD, "issue", "--operator", "clerk", "--reader", reader,
            "--resident", str(resident_id), "--pin-file", str(pin_file),
        )  # fmt: skip
        assert code == 0, self.last
        return path

    def verify(self, path: Path) -> dict[str, str]:
        """`counter-app verify` with the PIN: exit status 0 and every check's verdict."""
        reader = self.put(path)
        pin_file = self.tmp_path / "verify-pin"
        pin_file.write_text(f"{PIN}\n")
        code = self.run(
            CLERK_PASSWORD, "verify", "--reader", reader, "--pin-file", str(pin_file),
            "--operator", "checker", "--purpose", "identity-check", "--json",
        )  # fmt: skip
        assert code == 0, self.last
        return {c["id"]: c["verdict"] for c in json.loads(self.last.out)["checks"]}

    def signer_of(self, path: Path, trust: TrustStore) -> str:
        """The CHR of the data signer that signed the card (read through PC/SC)."""
        reader = self.put(path)
        connection = PcscBackend(only=reader).connect(reader)
        try:
            text = read_text(ApduTransport(connection), PIN, trust=trust)
        finally:
            connection.close()
        assert text.report.all_succeeded and text.signer is not None
        return text.signer.chr


@pytest.mark.pcscd
def test_the_key_ceremony_by_command_then_old_and_new_cards_verify_through_pcscd(
    insert_card: Callable[[CardLike], InsertedCard],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    soft_token: SoftToken,
) -> None:
    made = command_register(
        tmp_path, monkeypatch, [("clerk", Role.ISSUING_CLERK), ("checker", Role.VERIFYING_CLERK)]
    )
    for name, value in soft_token.environment.items():
        monkeypatch.setenv(name, value)
    counter = Counter(made, insert_card, monkeypatch, capsys, tmp_path)
    register = made.open()
    sup = made.log_in_supervisor(register)
    first, second = (
        register.residents.add(sup, resident(born=dt.date(1950, 1, n))) for n in (2, 3)
    )
    register.close()

    assert counter.keys("list") == 0 and "no key yet" in counter.last.out
    assert counter.keys("create-ca") == 0 and "JPRCC-CA-00001" in counter.last.out
    assert counter.keys("create-signer") == 0
    assert "JPRCC-DS-00001" in counter.last.out and "seal-signer" in counter.last.out
    trust_dir = tmp_path / "trust"
    assert counter.keys("export-certificates", "--to", str(trust_dir)) == 0
    exported = sorted(p.name for p in trust_dir.iterdir())
    assert exported[0] == "JPRCC-CA-00001.cvc" and exported[1].startswith("seal-")
    assert exported[1].endswith(".pem") and len(exported) == 2
    monkeypatch.setenv(TRUST_STORE_ENV, str(trust_dir))  # the verifying counter's trust store
    trust = TrustStore([parse_certificate((trust_dir / exported[0]).read_bytes())])
    install_channel_master_key(made.home)

    old_card = counter.issue("old", first)
    assert counter.signer_of(old_card, trust) == "JPRCC-DS-00001"
    verdicts = counter.verify(old_card)
    assert verdicts["signer_certificate"] == verdicts["text_signature"] == "succeeded"

    assert counter.keys("roll-signer") == 0 and "now signing: JPRCC-DS-00002" in counter.last.out
    new_card = counter.issue("new", second)
    assert counter.signer_of(new_card, trust) == "JPRCC-DS-00002"
    counter.verify(new_card)
    counter.verify(old_card)

    assert counter.keys("retire", "--label", "JPRCC-DS-00001") == 0
    counter.verify(old_card)  # signed by a retired key, certified by the trusted CA: valid
    assert counter.keys("list", "--json") == 0
    states = {k["label"]: k["state"] for k in json.loads(counter.last.out)}
    assert states["JPRCC-DS-00001"] == "retired" and states["JPRCC-DS-00002"] == "current"
    assert counter.keys("retire", "--label", "JPRCC-DS-00002") == 2
    assert "roll it over first" in counter.last.err

    register = made.open()
    try:
        events = [e for e in register.audit_events(200) if e.action.startswith("keys.")]
        trail = " ".join(str(e) for e in register.audit_events(500))
    finally:
        register.close()
    assert {e.action for e in events} == {
        "keys.listed", "keys.ca_created", "keys.signer_created", "keys.certificates_exported",
        "keys.signer_rolled", "keys.retired",
    }  # fmt: skip
    assert all(e.purpose_code == "supervision" for e in events)
    for secret in (USER_PIN, SO_PIN):
        assert secret not in trail and secret not in counter.said
    assert not list(made.home.rglob("*key.pem"))  # no private key file anywhere
