"""The token's own register of the municipality's keys: what each key is, since when, its
certificate, and whether it is retired.

Each key pair has, beside its two key objects, a public data object with the same label whose
value is a small JSON record (kind, created, retired, reference, certificate). No table in the
resident register is needed: the token is the one place that knows its keys, and a backup of
the token carries the register along. The current key of a kind is the newest that is not
retired. Retiring a key destroys its private half (nothing can sign with it again, whoever
holds the PIN) and keeps its public key and certificate, so what it signed still verifies.
"""

from __future__ import annotations

import base64
import enum
import json
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

from pkcs11 import Attribute, KeyType, MechanismFlag, ObjectClass
from pkcs11.util.ec import encode_named_curve_parameters

from counter_app.keystore.errors import TokenKeyNotFoundError, TokenOperationError
from counter_app.keystore.token import Token

APPLICATION: Final = "resident-card-counter key record"
RSA_BITS: Final = 2048
EC_CURVE: Final = "secp256r1"  # NIST P-256: our seals' curve, which SoftHSM2 and HSMs support


class KeyKind(enum.Enum):
    """What a key in the token is for."""

    CA = "ca"  # the issuer CA: signs the data signers' card-verifiable certificates
    DATA_SIGNER = "data-signer"  # signs the chip's data (DF33, DF28) when a card is issued
    SEAL_SIGNER = "seal-signer"  # signs the visible digital seals on printouts (ECDSA P-256)


@dataclass(frozen=True)
class KeyRecord:
    """One key of the token as its record says: no key material, only the public certificate."""

    label: str
    kind: KeyKind
    created: datetime
    reference: str  # the certificate's CHR, or the seal certificate's serial in hex
    certificate: bytes = field(repr=False)  # CV certificate (7F21) or X.509 DER
    retired: datetime | None = None
    has_private_key: bool = True

    @property
    def is_retired(self) -> bool:
        return self.retired is not None or not self.has_private_key


class KeyRegistry:
    """The key records of one token, and the key generation that adds to them."""

    def __init__(self, token: Token) -> None:
        self.token = token

    def records(self) -> list[KeyRecord]:
        """Every key record, oldest first."""
        with self.token.session() as session:
            private = {
                key[Attribute.LABEL]
                for key in session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})
            }
            values = [
                (obj[Attribute.LABEL], bytes(obj[Attribute.VALUE]))
                for obj in session.get_objects(
                    {Attribute.CLASS: ObjectClass.DATA, Attribute.APPLICATION: APPLICATION}
                )
            ]
        by_label: dict[str, KeyRecord] = {}
        for label, value in values:
            record = _decode(label, value, label in private)
            older = by_label.get(label)
            # A retirement writes the new record before it removes the old one: keep the newer.
            if older is None or (record.retired and not older.retired):
                by_label[label] = record
        return sorted(by_label.values(), key=lambda r: (r.created, r.label))

    def record(self, label: str) -> KeyRecord:
        """The record of the key labelled `label`."""
        for record in self.records():
            if record.label == label:
                return record
        raise TokenKeyNotFoundError(f"token {self.token.label!r} has no key labelled {label!r}")

    def current(self, kind: KeyKind) -> KeyRecord | None:
        """The newest key of `kind` that is not retired, or None."""
        live = [r for r in self.records() if r.kind is kind and not r.is_retired]
        return live[-1] if live else None

    def generate(self, kind: KeyKind, label: str) -> None:
        """A new key pair for `kind`, made inside the token: private half sensitive and never
        extractable, public half readable. Its record follows with `add` once certified."""
        if self.token.has(ObjectClass.PRIVATE_KEY, label) or self.token.has(
            ObjectClass.PUBLIC_KEY, label
        ):
            raise TokenOperationError(f"token {self.token.label!r} already has a key {label!r}")
        key_id = secrets.token_bytes(16)
        private_template = {
            Attribute.SENSITIVE: True,
            Attribute.EXTRACTABLE: False,
            Attribute.PRIVATE: True,
            Attribute.TOKEN: True,
        }
        public_template = {Attribute.TOKEN: True, Attribute.PRIVATE: False}
        with self.token.session() as session:
            if kind is KeyKind.SEAL_SIGNER:
                params = session.create_domain_parameters(
                    KeyType.EC,
                    {Attribute.EC_PARAMS: encode_named_curve_parameters(EC_CURVE)},
                    local=True,
                )
                params.generate_keypair(
                    store=True,
                    label=label,
                    id=key_id,
                    capabilities=MechanismFlag.SIGN | MechanismFlag.VERIFY,
                    private_template=private_template,
                    public_template=public_template,
                )
            else:
                session.generate_keypair(
                    KeyType.RSA,
                    RSA_BITS,
                    store=True,
                    label=label,
                    id=key_id,
                    capabilities=MechanismFlag.SIGN | MechanismFlag.VERIFY,
                    private_template=private_template,
                    public_template=public_template,
                )

    def add(self, record: KeyRecord) -> None:
        """Write the record of a generated and certified key."""
        self._write(record)

    def discard(self, label: str) -> None:
        """Remove a generated key whose ceremony failed before its record was written."""
        with self.token.session() as session:
            for object_class in (ObjectClass.PRIVATE_KEY, ObjectClass.PUBLIC_KEY):
                for obj in list(
                    session.get_objects({Attribute.CLASS: object_class, Attribute.LABEL: label})
                ):
                    obj.destroy()

    def retire(self, label: str, when: datetime) -> KeyRecord:
        """Destroy the private key labelled `label` and mark its record retired."""
        record = self.record(label)
        if record.retired is not None:
            raise TokenOperationError(f"key {label!r} was retired on {record.retired:%Y-%m-%d}")
        retired = KeyRecord(
            label=record.label,
            kind=record.kind,
            created=record.created,
            reference=record.reference,
            certificate=record.certificate,
            retired=when,
            has_private_key=False,
        )
        with self.token.session() as session:
            for key in list(
                session.get_objects(
                    {Attribute.CLASS: ObjectClass.PRIVATE_KEY, Attribute.LABEL: label}
                )
            ):
                key.destroy()
            old = list(
                session.get_objects(
                    {
                        Attribute.CLASS: ObjectClass.DATA,
                        Attribute.APPLICATION: APPLICATION,
                        Attribute.LABEL: label,
                    }
                )
            )
            self._write(retired)
            for obj in old:
                obj.destroy()
        return retired

    def _write(self, record: KeyRecord) -> None:
        with self.token.session() as session:
            session.create_object(
                {
                    Attribute.CLASS: ObjectClass.DATA,
                    Attribute.TOKEN: True,
                    Attribute.PRIVATE: False,
                    Attribute.MODIFIABLE: False,
                    Attribute.LABEL: record.label,
                    Attribute.APPLICATION: APPLICATION,
                    Attribute.VALUE: _encode(record),
                }
            )


def _encode(record: KeyRecord) -> bytes:
    value: dict[str, Any] = {
        "kind": record.kind.value,
        "created": record.created.astimezone(UTC).isoformat(),
        "reference": record.reference,
        "certificate": base64.b64encode(record.certificate).decode("ascii"),
        "retired": record.retired.astimezone(UTC).isoformat() if record.retired else None,
    }
    return json.dumps(value, sort_keys=True).encode("utf-8")


def _decode(label: str, value: bytes, has_private_key: bool) -> KeyRecord:
    try:
        data = json.loads(value)
        retired = data.get("retired")
        return KeyRecord(
            label=label,
            kind=KeyKind(data["kind"]),
            created=datetime.fromisoformat(data["created"]),
            reference=str(data["reference"]),
            certificate=base64.b64decode(data["certificate"]),
            retired=datetime.fromisoformat(retired) if retired else None,
            has_private_key=has_private_key,
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise TokenOperationError(f"the record of key {label!r} is damaged: {exc}") from None
