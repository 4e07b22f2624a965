"""The token's own register of its keys: records that outlive the session, current and retired."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pkcs11 import Attribute, ObjectClass

from counter_app.keystore import forget_tokens, open_token
from counter_app.keystore.registry import KeyKind, KeyRecord, KeyRegistry
from tests.support.softhsm import SoftToken

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def _add(registry: KeyRegistry, label: str, kind: KeyKind, created: datetime) -> None:
    registry.generate(kind, label)
    registry.add(
        KeyRecord(label, kind, created, reference=label, certificate=b"cert:" + label.encode())
    )


def test_the_newest_live_key_is_current_and_records_survive_a_new_session(
    soft_token: SoftToken,
) -> None:
    registry = KeyRegistry(open_token(soft_token.settings))
    _add(registry, "DS-1", KeyKind.DATA_SIGNER, T0)
    _add(registry, "DS-2", KeyKind.DATA_SIGNER, T0 + timedelta(days=1))
    _add(registry, "SEAL-1", KeyKind.SEAL_SIGNER, T0)
    forget_tokens()  # the next process, or the counter started again
    registry = KeyRegistry(open_token(soft_token.settings))
    assert [r.label for r in registry.records()] == ["DS-1", "SEAL-1", "DS-2"]
    current = registry.current(KeyKind.DATA_SIGNER)
    assert current is not None and current.label == "DS-2"
    assert current.certificate == b"cert:DS-2"
    assert registry.current(KeyKind.CA) is None


def test_retiring_destroys_the_private_key_and_keeps_the_public_key_and_record(
    soft_token: SoftToken,
) -> None:
    token = open_token(soft_token.settings)
    registry = KeyRegistry(token)
    _add(registry, "DS-1", KeyKind.DATA_SIGNER, T0)
    _add(registry, "DS-2", KeyKind.DATA_SIGNER, T0 + timedelta(days=1))
    retired = registry.retire("DS-2", T0 + timedelta(days=2))
    assert retired.is_retired and retired.retired == T0 + timedelta(days=2)
    assert not token.has(ObjectClass.PRIVATE_KEY, "DS-2")
    assert token.has(ObjectClass.PUBLIC_KEY, "DS-2")
    current = registry.current(KeyKind.DATA_SIGNER)
    assert current is not None and current.label == "DS-1"  # the newest one still live
    (record,) = [r for r in registry.records() if r.label == "DS-2"]
    assert record.is_retired and record.certificate == b"cert:DS-2"


def test_generated_private_keys_are_sensitive_and_never_extractable(soft_token: SoftToken) -> None:
    token = open_token(soft_token.settings)
    registry = KeyRegistry(token)
    for kind, label in ((KeyKind.CA, "CA-1"), (KeyKind.SEAL_SIGNER, "SEAL-1")):
        registry.generate(kind, label)
        key = token.private_key(label)
        with token.session():
            assert key[Attribute.SENSITIVE] and not key[Attribute.EXTRACTABLE]
            assert key[Attribute.NEVER_EXTRACTABLE] and key[Attribute.LOCAL]
