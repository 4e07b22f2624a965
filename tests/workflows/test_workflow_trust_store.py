"""The trust store as configuration: a verifying counter without one calls no card valid, says
why, and creates nothing; with the exported certificates it verifies; a damaged file is named."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from counter_app.card.issuer_token import issuer_from_token
from counter_app.card.verification import CheckId, Verdict
from counter_app.config import Configuration
from counter_app.keystore import TokenSettings, open_token
from counter_app.printing.card_face import DEMO_MUNICIPALITY
from counter_app.printing.qr import seal_text
from counter_app.printing.seal_token import token_seal_signer
from counter_app.records import OperatorSession, Register, Role
from counter_app.trust_store import (
    NO_DIRECTORY,
    NO_SEAL_SIGNER,
    NOT_CONFIGURED,
    Trust,
    TrustStoreFileError,
    load_trust_store,
)
from counter_app.workflows import (
    CounterContext,
    CounterSettings,
    IdentityDocument,
    IssuanceRequest,
    IssuanceWorkflow,
    context_from_config,
)
from counter_app.workflows.key_ceremony import KeyCeremony
from counter_app.workflows.verification import VerificationRequest, VerificationWorkflow
from tests.support.card_fixtures import Card, manufacture
from tests.support.records_fixtures import resident
from tests.support.softhsm import SoftToken
from tests.support.token_keys import install_token_keys

PIN = "4829"
PURPOSE = "identity-check"
CONFIGURED = "postgresql://counter@register.example.lg.jp/register"


@dataclasses.dataclass
class Counter:
    """A municipality's keys in its token (the channel master key beside it), a card issued
    with them, its QR text, and the key ceremony that exports the certificates."""

    home: Path
    token: TokenSettings
    keys: KeyCeremony
    card: Card
    qr_text: str

    def config(self, trust_store: Path | None = None) -> Configuration:
        """A verifying counter on the configured register, with `trust_store` (or none)."""
        return Configuration(
            data_dir=self.home,
            register_url=CONFIGURED,
            token=self.token,
            trust_store_dir=trust_store,
        )


@pytest.fixture
def counter(
    register: Register,
    supervisor: OperatorSession,
    make_operator: Callable[..., OperatorSession],
    soft_token: SoftToken,
    tmp_path: Path,
) -> Counter:
    home = tmp_path / "home"
    keys = install_token_keys(register, supervisor, soft_token, home)
    token = open_token(soft_token.settings)
    issuer = issuer_from_token(token, home)
    clerk = CounterContext(
        register=register,
        operator=make_operator("clerk", Role.ISSUING_CLERK),
        issuer=issuer,
        seal_signer=token_seal_signer(token),
        settings=CounterSettings(),
        municipality=DEMO_MUNICIPALITY,
        trust=Trust.missing(NOT_CONFIGURED),  # issuing checks its own work with its own CA
    )
    person = register.residents.add(supervisor, resident(given="信頼"))
    card = manufacture(issuer, tmp_path / "card.json")
    request = IssuanceRequest(person, (IdentityDocument.PASSPORT,), PIN)
    issued = IssuanceWorkflow(clerk, request, card.reader.connect).run()
    assert issued.printed is not None
    return Counter(home, soft_token.settings, keys, card, seal_text(issued.printed.card_face_seal))


@pytest.fixture
def checker(make_operator: Callable[..., OperatorSession]) -> OperatorSession:
    return make_operator("checker", Role.VERIFYING_CLERK)


def _verify(
    register: Register,
    checker: OperatorSession,
    config: Configuration,
    counter: Counter,
    **request: str,
) -> tuple[bool, dict[CheckId, tuple[Verdict, str]], bool]:
    """Valid or not, each check's verdict and reason, and whether the holder's data is shown."""
    ctx = context_from_config(config, register, checker)
    verification = VerificationRequest(PURPOSE, **request)  # type: ignore[arg-type]
    workflow = VerificationWorkflow(ctx, verification, counter.card.connection)
    result = workflow.run()
    shown = result.face is not None or result.text is not None
    return result.valid, {c.id: (c.verdict, c.reason) for c in result.checks}, shown


def test_a_configured_counter_without_a_trust_store_calls_no_card_valid_and_says_why(
    register: Register,
    checker: OperatorSession,
    counter: Counter,
) -> None:
    config = counter.config()
    valid, checks, shown = _verify(register, checker, config, counter, qr_text=counter.qr_text)
    assert not valid and not shown  # nothing of the holder shown as if it were verified
    assert checks[CheckId.SIGNER_CERTIFICATE] == (Verdict.NOT_CHECKED, NOT_CONFIGURED)
    assert checks[CheckId.QR_SEAL] == (Verdict.NOT_CHECKED, NOT_CONFIGURED)
    assert checks[CheckId.FACE_SIGNATURE][0] is Verdict.NOT_CHECKED
    assert checks[CheckId.CHIP_AUTHENTICATION][0] is Verdict.NOT_CHECKED
    valid, checks, shown = _verify(register, checker, config, counter, pin=PIN)
    assert not valid and not shown
    assert checks[CheckId.SIGNER_CERTIFICATE] == (Verdict.NOT_CHECKED, NOT_CONFIGURED)


def test_a_trust_store_directory_that_is_not_there_is_said_and_never_created(
    register: Register,
    checker: OperatorSession,
    counter: Counter,
    tmp_path: Path,
) -> None:
    gone = tmp_path / "not-mounted"
    config = counter.config(gone)
    valid, checks, shown = _verify(register, checker, config, counter, pin=PIN)
    assert not valid and not shown
    assert checks[CheckId.SIGNER_CERTIFICATE] == (Verdict.NOT_CHECKED, NO_DIRECTORY)
    assert not gone.exists()


def test_with_the_exported_certificates_the_card_and_its_qr_seal_are_valid(
    register: Register,
    checker: OperatorSession,
    counter: Counter,
    tmp_path: Path,
) -> None:
    store = tmp_path / "trust"
    counter.keys.export_certificates(store)  # the key ceremony's export
    config = counter.config(store)
    valid, checks, shown = _verify(register, checker, config, counter, qr_text=counter.qr_text)
    assert valid and shown, checks
    assert checks[CheckId.QR_SEAL][0] is Verdict.SUCCEEDED

    # Only the card CA left: the chip still proves the card, the printed seal is not checked.
    for seal in store.glob("*.pem"):
        seal.unlink()
    valid, checks, _shown = _verify(register, checker, config, counter, qr_text=counter.qr_text)
    assert checks[CheckId.QR_SEAL] == (Verdict.NOT_CHECKED, NO_SEAL_SIGNER)
    assert checks[CheckId.SIGNER_CERTIFICATE][0] is Verdict.SUCCEEDED
    assert checks[CheckId.CHIP_AUTHENTICATION][0] is Verdict.SUCCEEDED


def test_a_damaged_file_in_the_trust_store_is_named(
    register: Register,
    checker: OperatorSession,
    counter: Counter,
    tmp_path: Path,
) -> None:
    store = tmp_path / "trust"
    store.mkdir()
    (store / "JPJLIS-CA-0002.cvc").write_bytes(b"\x7f\x21\x03abc")
    with pytest.raises(TrustStoreFileError) as caught:
        load_trust_store(store)
    assert "JPJLIS-CA-0002.cvc" in str(caught.value)
    config = counter.config(store)
    with pytest.raises(TrustStoreFileError, match=r"JPJLIS-CA-0002\.cvc"):
        context_from_config(config, register, checker)


def test_the_training_set_up_makes_the_training_trust_store_and_a_read_makes_nothing(
    register: Register, checker: OperatorSession, tmp_path: Path
) -> None:
    home = tmp_path / "training"
    config = Configuration(data_dir=home)
    assert config.trust_store == home / "trust-store"
    assert load_trust_store(config.trust_store).cards.missing == NO_DIRECTORY
    assert not (home / "trust-store").exists()  # reading it created nothing
    ctx = context_from_config(config, register, checker)
    assert ctx.trust.directory == home / "trust-store"
    assert ctx.trust.cards.references == [ctx.issuer.signer.certificate.car]
    assert ctx.trust.seals == (ctx.seal_signer.certificate,)
