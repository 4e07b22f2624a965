"""Key ceremonies: the supervisor creates, rolls over, exports and retires the municipality's
keys in the security module (docs/keys.md). One code path for the commands (and a window page
later); every step is checked for the supervisor role first and audited after.

Private keys are generated inside the token, sensitive and never extractable; only public keys
and certificates leave it. The keys:

- the issuer CA (RSA-2048): signs the data signers' card-verifiable certificates;
- the data signer (RSA-2048, CA-certified): signs the chip's data when a card is issued;
- the seal signer (ECDSA P-256, self-signed X.509): signs the seals printed on cards and
  certificates.

Rolling a signer over makes a new key the current one; the old key signs nothing new, and what
it signed still verifies (its certificate is still signed by a trusted CA, and it stays in the
token). Retiring a key destroys its private half in the token and keeps its certificate.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Final

from cryptography.hazmat.primitives import serialization

from counter_app.card.cvc import issue_certificate
from counter_app.card.issuer_token import certificate_of
from counter_app.errors import CounterError
from counter_app.japanese_dates import add_years
from counter_app.keystore import Token
from counter_app.keystore.registry import KeyKind, KeyRecord, KeyRegistry
from counter_app.keystore.signing_keys import TokenEcKey, TokenRsaKey
from counter_app.printing.seal_keys import self_signed_seal_certificate
from counter_app.printing.seal_token import seal_certificate_of
from counter_app.private_files import write_private
from counter_app.records import OperatorSession, Register

log = logging.getLogger(__name__)

REFERENCE_PREFIX: Final = "JPRCC"
CA_YEARS: Final = 20
SIGNER_YEARS: Final = 10
SEAL_ORGANIZATION: Final = "Resident Card Counter municipality"
_LABEL_PART: Final = {KeyKind.CA: "CA", KeyKind.DATA_SIGNER: "DS", KeyKind.SEAL_SIGNER: "SEAL"}
SIGNER_KINDS: Final = (KeyKind.DATA_SIGNER, KeyKind.SEAL_SIGNER)


class KeyCeremonyError(CounterError):
    """A ceremony step that does not fit the keys the token holds; the detail says why."""

    what = "This key ceremony step cannot be done with the keys the security module holds."
    todo = (
        "Read the detail, list the keys with `counter-app keys list`, and follow the ceremony "
        "in docs/keys.md."
    )


@dataclass(frozen=True)
class KeyState:
    """A key as `keys list` shows it: no key material."""

    label: str
    kind: KeyKind
    created: datetime
    reference: str
    state: str  # current, previous (signs nothing new) or retired
    retired: datetime | None
    valid_until: date | None


class KeyCeremony:
    """The ceremony steps on one token, by one supervisor, audited in one register."""

    def __init__(
        self,
        register: Register,
        supervisor: OperatorSession,
        token: Token,
        *,
        seal_organization: str = SEAL_ORGANIZATION,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.register = register
        self.supervisor = supervisor
        self.token = token
        self.registry = KeyRegistry(token)
        self.seal_organization = seal_organization
        self.today = today

    # -- the steps --------------------------------------------------------------------------------

    def create_ca(self) -> KeyRecord:
        """A new issuer CA key and its self-signed certificate; refused while one is in use."""
        self._require_supervisor()
        current = self.registry.current(KeyKind.CA)
        if current is not None:
            raise KeyCeremonyError(f"the CA {current.label} is in use; retire it first")
        record = self._make(KeyKind.CA)
        self._audit("ca_created", record)
        return record

    def create_signer(self, kind: KeyKind) -> KeyRecord:
        """The first data or seal signer; refused while one is in use (roll it over instead)."""
        self._require_supervisor()
        self._require_signer_kind(kind)
        current = self.registry.current(kind)
        if current is not None:
            raise KeyCeremonyError(
                f"the {kind.value} {current.label} is in use; use `keys roll-signer`"
            )
        record = self._make(kind)
        self._audit("signer_created", record)
        return record

    def roll_signer(self, kind: KeyKind) -> tuple[KeyRecord, KeyRecord]:
        """A new signer of `kind` becomes current; the old one signs nothing new. (old, new)."""
        self._require_supervisor()
        self._require_signer_kind(kind)
        old = self.registry.current(kind)
        if old is None:
            raise KeyCeremonyError(f"there is no {kind.value} to roll over; create one first")
        new = self._make(kind)
        self._audit("signer_rolled", new, previous=old.label)
        return old, new

    def retire(self, label: str) -> KeyRecord:
        """Destroy the private key labelled `label`; its certificate stays and still verifies.

        The current data or seal signer is refused (roll it over first), so the counter always
        has a signer.
        """
        self._require_supervisor()
        record = self.registry.record(label)
        if record.is_retired:
            raise KeyCeremonyError(f"{label} is retired already")
        if record.kind in SIGNER_KINDS:
            current = self.registry.current(record.kind)
            if current is not None and current.label == label:
                raise KeyCeremonyError(
                    f"{label} is the {record.kind.value} in use; roll it over first"
                )
        retired = self.registry.retire(label, datetime.now(UTC))
        self._audit("retired", retired)
        return retired

    def export_certificates(self, directory: Path) -> list[Path]:
        """Write the public certificates for the trust store: every CA's as `<reference>.cvc`
        and every seal signer's as `seal-<serial>.pem` (retired ones too: what they signed
        still verifies)."""
        self._require_supervisor()
        directory.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        for record in self.registry.records():
            if record.kind is KeyKind.CA:
                path = directory / f"{record.reference}.cvc"
                data = certificate_of(record).encode()
            elif record.kind is KeyKind.SEAL_SIGNER:
                path = directory / f"seal-{record.reference}.pem"
                data = seal_certificate_of(record).certificate.public_bytes(
                    serialization.Encoding.PEM
                )
            else:
                continue  # data signer certificates travel on the cards themselves
            write_private(path, data)  # atomically, replacing an earlier export
            path.chmod(0o644)
            written.append(path)
        self.register.key_ceremonies.record(
            self.supervisor,
            "certificates_exported",
            {
                "token": self.token.label,
                "directory": str(directory),
                "files": ", ".join(p.name for p in written),
            },
        )
        return written

    def key_states(self) -> list[KeyState]:
        """Every key the token's register knows, oldest first (the listing is audited)."""
        self._require_supervisor()
        records = self.registry.records()
        current = {
            kind: record.label
            for kind in KeyKind
            if (record := self.registry.current(kind)) is not None
        }
        states = [
            KeyState(
                label=r.label,
                kind=r.kind,
                created=r.created,
                reference=r.reference,
                state=(
                    "retired"
                    if r.is_retired
                    else "current"
                    if current.get(r.kind) == r.label
                    else "previous"
                ),
                retired=r.retired,
                valid_until=_valid_until(r),
            )
            for r in records
        ]
        self.register.key_ceremonies.record(
            self.supervisor, "listed", {"token": self.token.label, "keys": str(len(states))}
        )
        return states

    # -- inside -----------------------------------------------------------------------------------

    def _require_supervisor(self) -> None:
        self.register.key_ceremonies.require_supervisor(self.supervisor)

    @staticmethod
    def _require_signer_kind(kind: KeyKind) -> None:
        if kind not in SIGNER_KINDS:
            raise KeyCeremonyError(f"{kind.value} is not a signer")

    def _next_label(self, kind: KeyKind) -> str:
        taken = {r.label for r in self.registry.records()}
        n = 1 + sum(1 for r in self.registry.records() if r.kind is kind)
        while (label := f"{REFERENCE_PREFIX}-{_LABEL_PART[kind]}-{n:05d}") in taken:
            n += 1
        return label

    def _make(self, kind: KeyKind) -> KeyRecord:
        """Generate the key in the token, certify it, and write its record."""
        label = self._next_label(kind)
        issuing_ca = None
        if kind is KeyKind.DATA_SIGNER:
            issuing_ca = self.registry.current(KeyKind.CA)
            if issuing_ca is None:
                raise KeyCeremonyError("there is no CA in use; run `keys create-ca` first")
        self.registry.generate(kind, label)
        try:
            reference, certificate = self._certify(kind, label, issuing_ca)
            record = KeyRecord(
                label=label,
                kind=kind,
                created=datetime.now(UTC),
                reference=reference,
                certificate=certificate,
            )
            self.registry.add(record)
        except BaseException:
            self.registry.discard(label)
            raise
        log.info("Created %s %s in token %r", kind.value, label, self.token.label)
        return record

    def _certify(
        self, kind: KeyKind, label: str, issuing_ca: KeyRecord | None
    ) -> tuple[str, bytes]:
        today = self.today()
        if kind is KeyKind.SEAL_SIGNER:
            cert = self_signed_seal_certificate(
                TokenEcKey(self.token, label),
                today,
                organization=self.seal_organization,
                years=SIGNER_YEARS,
            )
            return f"{cert.serial_number:X}", cert.public_bytes(serialization.Encoding.DER)
        key = TokenRsaKey(self.token, label)
        if issuing_ca is None:  # the CA certifies itself
            cvc = issue_certificate(
                key, label, label, key.public_key(), today, add_years(today, CA_YEARS)
            )
            return cvc.chr, cvc.encode()
        ca_cert = certificate_of(issuing_ca)
        expiry = min(add_years(today, SIGNER_YEARS), ca_cert.expiry)
        cvc = issue_certificate(
            TokenRsaKey(self.token, issuing_ca.label),
            ca_cert.chr,
            label,
            key.public_key(),
            today,
            expiry,
        )
        return cvc.chr, cvc.encode()

    def _audit(self, action: str, record: KeyRecord, **more: str) -> None:
        self.register.key_ceremonies.record(
            self.supervisor,
            action,
            {
                "token": self.token.label,
                "label": record.label,
                "kind": record.kind.value,
                "reference": record.reference,
                **more,
            },
        )


def _valid_until(record: KeyRecord) -> date | None:
    if record.kind is KeyKind.SEAL_SIGNER:
        return seal_certificate_of(record).certificate.not_valid_after_utc.date()
    return certificate_of(record).expiry
