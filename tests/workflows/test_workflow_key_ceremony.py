"""The municipality's keys in a security module (SoftHSM2): the key ceremony, then cards issued
and verified through the real workflows with every signature made in the token."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable
from pathlib import Path

import pytest

from counter_app.card.verification import CheckId, Verdict
from counter_app.config import Configuration, MunicipalitySettings
from counter_app.keystore import TokenKeyNotFoundError, TokenNotConfiguredError, open_token
from counter_app.keystore.registry import KeyKind
from counter_app.keystore.signing_keys import TokenRsaKey
from counter_app.printing.qr import seal_text
from counter_app.records import OperatorSession, Register, Role
from counter_app.workflows import (
    CounterContext,
    IdentityDocument,
    IssuanceRequest,
    IssuanceWorkflow,
    context_from_config,
)
from counter_app.workflows.key_ceremony import KeyCeremony, KeyCeremonyError
from counter_app.workflows.verification import VerificationRequest, VerificationWorkflow
from tests.support.card_fixtures import Card, manufacture
from tests.support.records_fixtures import resident
from tests.support.softhsm import SO_PIN, USER_PIN, SoftToken
from tests.support.token_keys import ceremony, install_token_keys

PIN = "4829"
_LOGINS = itertools.count(1)  # a new login for every context
CITY = MunicipalitySettings(name="山口県下関市", code="352012", mayor="前田　晋太郎")


@dataclasses.dataclass
class Counter:
    """A municipality's counter whose keys are in the token."""

    config: Configuration
    keys: KeyCeremony
    register: Register
    supervisor: OperatorSession
    make_operator: Callable[..., OperatorSession]

    def context(self, role: Role) -> CounterContext:
        operator = self.make_operator(f"{role.value}-{next(_LOGINS)}", role)
        return context_from_config(self.config, self.register, operator)

    def issue(self, path: Path) -> tuple[Card, str]:
        """A card issued through the issuance workflow; its QR text."""
        ctx = self.context(Role.ISSUING_CLERK)
        person = self.register.residents.add(self.supervisor, resident(given=path.stem))
        card = manufacture(ctx.issuer, path)
        request = IssuanceRequest(person, (IdentityDocument.PASSPORT,), PIN)
        issued = IssuanceWorkflow(ctx, request, card.reader.connect).run()
        assert issued.printed is not None
        return card, seal_text(issued.printed.card_face_seal)

    def verify(self, card: Card, qr_text: str) -> dict[CheckId, Verdict]:
        # The verifying counter's trust store, exported after the latest ceremony step.
        assert self.config.trust_store_dir is not None
        self.keys.export_certificates(self.config.trust_store_dir)
        ctx = self.context(Role.VERIFYING_CLERK)
        request = VerificationRequest("identity-check", qr_text=qr_text)
        result = VerificationWorkflow(ctx, request, card.connection).run()
        verdicts = {check.id: check.verdict for check in result.checks}
        assert result.valid, result.checks
        return verdicts


@pytest.fixture
def counter(
    register: Register,
    supervisor: OperatorSession,
    make_operator: Callable[..., OperatorSession],
    soft_token: SoftToken,
    records_url: str,
    records_key_path: Path,
    tmp_path: Path,
) -> Counter:
    home = tmp_path / "home"
    keys = install_token_keys(register, supervisor, soft_token, home)
    config = Configuration(
        data_dir=home,
        register_url=records_url,
        record_code_key_file=records_key_path,
        municipality=CITY,
        token=soft_token.settings,
        trust_store_dir=tmp_path / "trust",
    )
    return Counter(config, keys, register, supervisor, make_operator)


def test_a_card_issued_with_the_keys_in_the_token_verifies_as_valid(
    counter: Counter, tmp_path: Path
) -> None:
    ctx = counter.context(Role.ISSUING_CLERK)
    assert ctx.issuer.signer.certificate.chr == "JPRCC-DS-00001"
    assert ctx.issuer.signer.certificate.car == "JPRCC-CA-00001"
    assert "TokenRsaKey" in repr(ctx.issuer.signer._private_key)
    # No key file was made: only the channel master key lies beside the token.
    home = counter.config.data_dir
    assert sorted(p.name for p in (home / "issuer").iterdir()) == ["channel-master.key"]
    assert not (home / "seal").exists()

    card, qr_text = counter.issue(tmp_path / "first.json")
    verdicts = counter.verify(card, qr_text)
    for check in (CheckId.SIGNER_CERTIFICATE, CheckId.FACE_SIGNATURE, CheckId.QR_SEAL):
        assert verdicts[check] is Verdict.SUCCEEDED


def test_after_a_roll_over_old_and_new_cards_both_verify_and_the_old_key_can_be_retired(
    counter: Counter, tmp_path: Path, soft_token: SoftToken
) -> None:
    old_card, old_qr = counter.issue(tmp_path / "old.json")
    old, new = counter.keys.roll_signer(KeyKind.DATA_SIGNER)
    assert (old.label, new.label) == ("JPRCC-DS-00001", "JPRCC-DS-00002")
    assert counter.context(Role.ISSUING_CLERK).issuer.signer.certificate.chr == new.label

    new_card, new_qr = counter.issue(tmp_path / "new.json")
    counter.verify(old_card, old_qr)
    counter.verify(new_card, new_qr)

    counter.keys.retire(old.label)
    counter.verify(old_card, old_qr)  # its certificate is still signed by the trusted CA
    with pytest.raises(TokenKeyNotFoundError):
        TokenRsaKey(open_token(soft_token.settings), old.label).sign_pkcs1v15_sha256(b"x")
    states = {key.label: key.state for key in counter.keys.key_states()}
    assert states == {
        "JPRCC-CA-00001": "current",
        "JPRCC-DS-00001": "retired",
        "JPRCC-DS-00002": "current",
        states_seal_label(states): "current",
    }


def states_seal_label(states: dict[str, str]) -> str:
    (label,) = (label for label in states if label.startswith("JPRCC-SEAL-"))
    return label


def test_the_seal_signer_rolls_over_and_seals_of_both_keys_verify(
    counter: Counter, tmp_path: Path
) -> None:
    old_card, old_qr = counter.issue(tmp_path / "old.json")
    counter.keys.roll_signer(KeyKind.SEAL_SIGNER)
    new_card, new_qr = counter.issue(tmp_path / "new.json")
    assert counter.verify(old_card, old_qr)[CheckId.QR_SEAL] is Verdict.SUCCEEDED
    assert counter.verify(new_card, new_qr)[CheckId.QR_SEAL] is Verdict.SUCCEEDED


def test_the_ceremony_refuses_steps_that_do_not_fit_the_keys(counter: Counter) -> None:
    with pytest.raises(KeyCeremonyError, match="in use"):
        counter.keys.create_ca()
    with pytest.raises(KeyCeremonyError, match="roll-signer"):
        counter.keys.create_signer(KeyKind.DATA_SIGNER)
    with pytest.raises(KeyCeremonyError, match="roll it over first"):
        counter.keys.retire("JPRCC-DS-00001")


def test_only_a_supervisor_holds_a_ceremony(
    counter: Counter, soft_token: SoftToken, make_operator: Callable[..., OperatorSession]
) -> None:
    clerk = make_operator("clerk", Role.ISSUING_CLERK)
    with pytest.raises(Exception, match="supervisor"):
        ceremony(counter.register, clerk, soft_token).roll_signer(KeyKind.DATA_SIGNER)
    assert [k.label for k in counter.keys.key_states() if k.kind is KeyKind.DATA_SIGNER] == [
        "JPRCC-DS-00001"
    ]


def test_the_ceremony_is_audited_and_no_pin_is_in_the_trail(
    counter: Counter, register: Register
) -> None:
    counter.keys.roll_signer(KeyKind.DATA_SIGNER)
    counter.keys.retire("JPRCC-DS-00001")
    events = [e for e in register.audit_events(50) if e.action.startswith("keys.")]
    actions = sorted(e.action for e in events)
    assert actions == sorted(
        [
            "keys.ca_created",
            "keys.signer_created",
            "keys.signer_created",
            "keys.signer_rolled",
            "keys.retired",
        ]
    )
    assert all(e.purpose_code == "supervision" for e in events)
    trail = " ".join(str(e) for e in register.audit_events(200))
    assert USER_PIN not in trail and SO_PIN not in trail


def test_a_configured_counter_without_a_token_refuses_and_makes_no_key_file(
    counter: Counter,
) -> None:
    config = dataclasses.replace(counter.config, token=None)
    with pytest.raises(TokenNotConfiguredError) as refused:
        context_from_config(config, counter.register, counter.supervisor)
    assert "COUNTER_APP_PKCS11_MODULE" in refused.value.todo
    assert not (config.data_dir / "seal").exists()
    assert not (config.data_dir / "issuer" / "signer-key.pem").exists()


def test_a_token_without_keys_is_refused_in_words(
    register: Register, supervisor: OperatorSession, soft_token: SoftToken, tmp_path: Path
) -> None:
    config = Configuration(data_dir=tmp_path, register_url="sqlite:///x", token=soft_token.settings)
    with pytest.raises(TokenKeyNotFoundError) as refused:
        context_from_config(config, register, supervisor)
    assert "keys create-ca" in refused.value.todo
