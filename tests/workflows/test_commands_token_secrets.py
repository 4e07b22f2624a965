"""`counter-app keys import-secrets`: the channel master key and the record-code key leave their
files for the token; cards and the register keep working, the files can go, a wrong record-code
key is still refused, and a second import is refused in words."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

import main
from counter_app.card.issuer_keys import ISSUER_DIR, MASTER_KEY_FILE
from counter_app.card.scp03 import diversify_keys
from counter_app.config import PASSWORD_ENV, configuration_from_environment
from counter_app.keystore import forget_tokens, open_token
from counter_app.keystore.secret_keys import (
    CHANNEL_MASTER_LABEL,
    RECORD_CODE_LABEL,
    TokenHmac,
    import_hmac_key,
)
from counter_app.printing.card_face import DEMO_MUNICIPALITY
from counter_app.records import Register, Role
from counter_app.records.crypto import RecordCodeCipher, record_code_prk
from counter_app.records.errors import RecordCodeKeyError
from counter_app.register_key import token_record_code_cipher
from counter_app.virtual_card.card import VirtualCard
from counter_app.virtual_card.inprocess import InProcessReader
from counter_app.workflows import (
    CounterContext,
    CounterSettings,
    IdentityDocument,
    IssuanceRequest,
    IssuanceWorkflow,
)
from counter_app.workflows.selfcheck import (
    TOKEN_FILES_LEFT,
    TOKEN_OK,
    SelfCheckInputs,
    Verdict,
    keys_in_token,
)
from tests.support.command_line import CommandRegister, command_register
from tests.support.records_fixtures import CLERK_PASSWORD, SUPERVISOR_PASSWORD, resident
from tests.support.softhsm import SoftToken, make_token
from tests.support.trust import own_trust


@pytest.fixture
def made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, soft_token: SoftToken) -> CommandRegister:
    made = command_register(
        tmp_path, monkeypatch, [("clerk", Role.ISSUING_CLERK)], token=soft_token
    )
    monkeypatch.setenv(PASSWORD_ENV, SUPERVISOR_PASSWORD)
    return made


def _keys(made: CommandRegister, *argv: str) -> int:
    return main.main(["keys", *argv, "--db", made.url, "--operator", made.supervisor])


def test_imported_secrets_derive_the_same_keys_and_the_files_can_go(
    made: CommandRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    master_file = made.home / ISSUER_DIR / MASTER_KEY_FILE
    master = master_file.read_bytes()
    serial = os.urandom(8)
    assert made.issuer().card_keys(serial) == diversify_keys(master, serial)  # the file's

    assert _keys(made, "import-secrets") == 0, capsys.readouterr().err
    assert "imported the record-code key" in capsys.readouterr().out
    issuer = made.issuer()
    assert issuer.channel_master_cmac is not None and issuer.channel_master_key == b""
    assert issuer.card_keys(serial) == diversify_keys(master, serial)  # the token's, same bytes

    # Both files go to the backup: the counter reads the keys from the token.
    backup = tmp_path / "backup"
    backup.mkdir()
    shutil.move(master_file, backup / MASTER_KEY_FILE)
    shutil.move(made.key_path, backup / "record-code.key")
    assert made.issuer().card_keys(serial) == diversify_keys(master, serial)
    assert _keys(made, "list") == 0  # the register opened with the key in the token
    register = Register.open(made.url, key_path=backup / "record-code.key")
    try:
        event = next(e for e in register.audit_events(10) if e.action == "keys.secrets_imported")
    finally:
        register.close()
    assert "record-code-prk" in str(event.detail) and master.hex() not in str(event)

    assert _keys(made, "import-secrets", "--channel-master", str(backup / MASTER_KEY_FILE)) == 2
    assert "already holds" in capsys.readouterr().err


def test_the_self_check_warns_until_both_secrets_are_in_the_token(
    made: CommandRegister, soft_token: SoftToken, capsys: pytest.CaptureFixture[str]
) -> None:
    config = configuration_from_environment(
        {"COUNTER_APP_HOME": str(made.home), "COUNTER_APP_DB": made.url, **soft_token.environment}
    )
    register = made.open()
    try:
        before = keys_in_token(SelfCheckInputs(register, config, dt.date.today()))
        assert before.verdict is Verdict.WARNING and before.said == TOKEN_FILES_LEFT
        assert before.values["keys"] == f"{CHANNEL_MASTER_LABEL}, {RECORD_CODE_LABEL}"
        assert _keys(made, "import-secrets") == 0, capsys.readouterr().err
        after = keys_in_token(SelfCheckInputs(register, config, dt.date.today()))
        assert after.verdict is Verdict.OK and after.said == TOKEN_OK
    finally:
        register.close()


def test_a_wrong_record_code_key_in_the_token_is_refused_by_the_register(
    made: CommandRegister, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = make_token(tmp_path / "other-hsm", label="other")
    forget_tokens()
    monkeypatch.setenv("SOFTHSM2_CONF", str(other.conf))
    token = open_token(other.settings)
    import_hmac_key(token, RECORD_CODE_LABEL, record_code_prk(os.urandom(32)))
    wrong = RecordCodeCipher.from_prk(TokenHmac(token, RECORD_CODE_LABEL))
    with pytest.raises(RecordCodeKeyError, match="does not belong to this register"):
        Register.open(made.url, key_path=made.key_path, cipher=wrong)
    config = configuration_from_environment(
        {"COUNTER_APP_HOME": str(made.home), "COUNTER_APP_DB": made.url, **other.environment}
    )
    assert token_record_code_cipher(config) is not None  # the token's key is the one used


def test_a_card_made_for_the_file_master_is_issued_with_the_master_in_the_token(
    made: CommandRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    master = (made.home / ISSUER_DIR / MASTER_KEY_FILE).read_bytes()
    assert _keys(made, "import-secrets") == 0, capsys.readouterr().err
    (made.home / ISSUER_DIR / MASTER_KEY_FILE).unlink()  # only the token has it now
    issuer = made.issuer()
    serial = os.urandom(8)
    path = tmp_path / "blank.json"
    VirtualCard.manufacture(path, diversify_keys(master, serial), serial)  # as the maker did
    reader = InProcessReader()
    reader.insert(path)
    register = made.open()
    try:
        sup = made.log_in_supervisor(register)
        person = register.residents.add(sup, resident(given="鍵"))
        seal_signer = made.seal_signer()
        ctx = CounterContext(
            register=register,
            operator=register.operators.login_with_password("clerk", CLERK_PASSWORD),
            issuer=issuer,
            seal_signer=seal_signer,
            settings=CounterSettings(),
            municipality=DEMO_MUNICIPALITY,
            trust=own_trust(issuer, seal_signer),
        )
        request = IssuanceRequest(person, (IdentityDocument.PASSPORT,), "4829")
        result = IssuanceWorkflow(ctx, request, reader.connect).run()  # SCP03 opened
    finally:
        register.close()
    assert result.serial == serial.hex().upper()
