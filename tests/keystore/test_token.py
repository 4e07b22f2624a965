"""The token layer against a real SoftHSM2 token: sessions, keys by label, errors in words."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from pkcs11 import Attribute, KeyType, Mechanism, ObjectClass

from counter_app.config import (
    PKCS11_MODULE_ENV,
    TOKEN_LABEL_ENV,
    TOKEN_PIN_FILE_ENV,
    ConfigurationError,
    configuration_from_environment,
)
from counter_app.keystore import (
    TokenKeyNotFoundError,
    TokenModuleError,
    TokenNotFoundError,
    TokenPinError,
    TokenPinFileError,
    forget_tokens,
    open_token,
)
from tests.support.softhsm import USER_PIN, SoftToken


def _rsa_key_in(token: SoftToken, label: str) -> rsa.RSAPublicKey:
    with open_token(token.settings).session() as session:
        public, _ = session.generate_keypair(KeyType.RSA, 2048, store=True, label=label)
        return rsa.RSAPublicNumbers(
            int.from_bytes(public[Attribute.PUBLIC_EXPONENT], "big"),
            int.from_bytes(public[Attribute.MODULUS], "big"),
        ).public_key()


def test_a_key_found_by_label_signs_and_the_signature_verifies(soft_token: SoftToken) -> None:
    public = _rsa_key_in(soft_token, "signer-a")
    key = open_token(soft_token.settings).private_key("signer-a")
    signature = key.sign(b"message", mechanism=Mechanism.SHA256_RSA_PKCS)
    public.verify(signature, b"message", padding.PKCS1v15(), hashes.SHA256())


def test_the_session_is_shared_and_safe_from_several_threads(soft_token: SoftToken) -> None:
    public = _rsa_key_in(soft_token, "shared")
    signatures: list[bytes] = []
    errors: list[BaseException] = []

    def sign(n: int) -> None:
        try:
            token = open_token(soft_token.settings)
            key = token.private_key("shared")
            with token.session():
                signatures.append(key.sign(b"%d" % n, mechanism=Mechanism.SHA256_RSA_PKCS))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=sign, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(signatures) == 8
    assert open_token(soft_token.settings) is open_token(soft_token.settings)
    for signature in signatures:
        n = next(i for i in range(8) if _verifies(public, signature, b"%d" % i))
        assert 0 <= n < 8


def _verifies(public: rsa.RSAPublicKey, signature: bytes, message: bytes) -> bool:
    try:
        public.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
    except Exception:
        return False
    return True


def test_a_missing_key_is_named_in_words(soft_token: SoftToken) -> None:
    with pytest.raises(TokenKeyNotFoundError) as caught:
        open_token(soft_token.settings).private_key("no-such-key")
    assert "no-such-key" in caught.value.detail
    assert "keys create-ca" in caught.value.todo


def test_a_wrong_pin_is_refused_in_words_and_never_shown(
    soft_token: SoftToken, tmp_path: Path
) -> None:
    wrong = tmp_path / "wrong.pin"
    wrong.write_text("not-the-pin-991\n", encoding="utf-8")
    with pytest.raises(TokenPinError) as caught:
        open_token(replace(soft_token.settings, pin_file=wrong))
    assert "not-the-pin-991" not in str(caught.value)
    assert "locks" in caught.value.todo


def test_an_unreadable_pin_file_says_which_file(soft_token: SoftToken, tmp_path: Path) -> None:
    settings = replace(soft_token.settings, pin_file=tmp_path / "absent.pin")
    with pytest.raises(TokenPinFileError, match=r"absent\.pin"):
        open_token(settings)


def test_an_unknown_token_label_is_named(soft_token: SoftToken) -> None:
    with pytest.raises(TokenNotFoundError, match="other-token"):
        open_token(replace(soft_token.settings, label="other-token"))


def test_a_missing_module_is_named(soft_token: SoftToken, tmp_path: Path) -> None:
    with pytest.raises(TokenModuleError, match=r"nothing\.so"):
        open_token(replace(soft_token.settings, module=tmp_path / "nothing.so"))


def test_a_private_key_made_in_the_token_never_leaves_it(soft_token: SoftToken) -> None:
    with open_token(soft_token.settings).session() as session:
        session.generate_keypair(
            KeyType.RSA,
            2048,
            store=True,
            label="kept",
            private_template={Attribute.SENSITIVE: True, Attribute.EXTRACTABLE: False},
        )
    key = open_token(soft_token.settings).find(ObjectClass.PRIVATE_KEY, "kept")
    with open_token(soft_token.settings).session():
        assert key[Attribute.NEVER_EXTRACTABLE] is True
        assert key[Attribute.ALWAYS_SENSITIVE] is True
    forget_tokens()


def test_configuration_reads_the_token_settings_and_never_the_pin(
    soft_token: SoftToken, tmp_path: Path
) -> None:
    env = {"COUNTER_APP_HOME": str(tmp_path / "home"), **soft_token.environment}
    config = configuration_from_environment(env)
    assert config.token == soft_token.settings
    assert USER_PIN not in repr(config)
    assert USER_PIN not in repr(open_token(soft_token.settings))


@pytest.mark.parametrize("given", [PKCS11_MODULE_ENV, TOKEN_LABEL_ENV, TOKEN_PIN_FILE_ENV])
def test_half_configured_token_settings_stop_the_start(tmp_path: Path, given: str) -> None:
    env = {"COUNTER_APP_HOME": str(tmp_path / "home"), given: "x"}
    with pytest.raises(ConfigurationError) as caught:
        configuration_from_environment(env)
    missing = {PKCS11_MODULE_ENV, TOKEN_LABEL_ENV, TOKEN_PIN_FILE_ENV} - {given}
    assert all(name in caught.value.detail for name in missing)


def test_a_lost_session_is_logged_in_again_before_the_next_operation(
    soft_token: SoftToken,
) -> None:
    public = _rsa_key_in(soft_token, "resilient")
    token = open_token(soft_token.settings)
    with token.session() as session:
        session.close()  # as when the module restarts under the counter
    key = token.private_key("resilient")
    with token.session():
        signature = key.sign(b"again", mechanism=Mechanism.SHA256_RSA_PKCS)
    assert _verifies(public, signature, b"again")
