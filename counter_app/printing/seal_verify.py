"""Verify a seal: each check with its own verdict, in the order a clerk reads them."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from counter_app.printing import c40
from counter_app.printing.seal import Feature, Seal, SealFormatError, parse
from counter_app.printing.seal_crypto import SignerCertificate
from counter_app.printing.seal_documents import (
    CARD_FACE,
    CERTIFICATE,
    CardFaceSeal,
    CertificateSeal,
    SealDocumentError,
)

Status = Literal["ok", "failed", "not checked"]


@dataclass(frozen=True)
class Check:
    """One check and its verdict, with the reason in plain words."""

    name: str
    status: Status
    reason: str


@dataclass(frozen=True)
class SealVerdict:
    """The verdict on a seal; `document` is decoded only when the seal is valid."""

    valid: bool
    checks: tuple[Check, ...]
    seal: Seal | None = field(repr=False)
    certificate: SignerCertificate | None = field(repr=False)
    document: CardFaceSeal | CertificateSeal | None = None

    def as_json(self) -> dict[str, object]:
        """The verdict as JSON data; an invalid seal's features are not shown."""
        out: dict[str, object] = {
            "valid": self.valid,
            "checks": [
                {"check": c.name, "status": c.status, "reason": c.reason} for c in self.checks
            ],
        }
        if self.seal is not None:
            header = self.seal.header
            out["header"] = {
                "version": 3 if header.version == 0x02 else 4,
                "country": header.country,
                "signer": header.signer,
                "certificate_reference": header.certificate_reference,
                "issue_date": header.issue_date.isoformat(),
                "signature_date": header.signature_date.isoformat(),
                "feature_reference": header.feature_reference,
                "type_category": header.type_category,
            }
        if self.valid and self.seal is not None:
            out["features"] = [_feature_json(f) for f in self.seal.features]
            out["document_type"] = _type_name(self.seal)
            out["document"] = None if self.document is None else self.document.as_json()
        return out


def _feature_json(feature: Feature) -> dict[str, object]:
    out: dict[str, object] = {
        "tag": feature.tag,
        "length": len(feature.value),
        "value_hex": feature.value.hex().upper(),
    }
    with contextlib.suppress(c40.C40Error):
        out["c40"] = c40.decode(feature.value)  # most text features are C40
    return out


def _type_name(seal: Seal) -> str:
    for kind in (CARD_FACE, CERTIFICATE):
        if kind.matches(seal):
            return kind.name
    return "other"


def _decode_document(seal: Seal) -> tuple[Check, CardFaceSeal | CertificateSeal | None]:
    name = "document"
    try:
        if CARD_FACE.matches(seal):
            card = CardFaceSeal.from_seal(seal)
            return Check(name, "ok", "a card face seal with all its fields"), card
        if CERTIFICATE.matches(seal):
            cert = CertificateSeal.from_seal(seal)
            return Check(name, "ok", "a certificate seal with all its fields"), cert
    except SealDocumentError as exc:
        return Check(name, "failed", str(exc)), None
    header = seal.header
    return (
        Check(
            name,
            "not checked",
            f"document type {header.feature_reference:02X}/{header.type_category:02X} "
            f"of {header.country} is not one of ours; its fields are shown undecoded",
        ),
        None,
    )


NO_SEAL_SIGNER = "the trust store holds no seal signer certificate"


def verify_seal(
    data: bytes,
    certificates: Sequence[SignerCertificate],
    *,
    named: bool = False,
    missing: str | None = None,
) -> SealVerdict:
    """Check the seal in `data` against the candidate signer certificates.

    `named` says the caller chose the certificate(s) explicitly instead of the trust store.
    With no certificate at all the signer is "not checked" (`missing` says why; by default an
    empty trust store) and the seal is never valid.
    """
    checks: list[Check] = []
    try:
        seal = parse(data)
    except SealFormatError as exc:
        checks.append(Check("format", "failed", str(exc)))
        return SealVerdict(False, tuple(checks), None, None)
    header = seal.header
    checks.append(Check("format", "ok", f"version {3 if header.version == 2 else 4} seal"))
    claimed = f"{header.signer} certificate {header.certificate_reference}"
    cert = next((c for c in certificates if c.matches(header)), None)
    if not certificates and not named:
        checks.append(Check("signer", "not checked", missing or NO_SEAL_SIGNER))
        return SealVerdict(False, tuple(checks), seal, None)
    if cert is None:
        where = "the certificate given" if named else "the trust store"
        others = ", ".join(f"{c.signer} {c.serial:X}" for c in certificates) or "none"
        checks.append(Check("signer", "failed", f"the seal names {claimed}; {where} has {others}"))
        return SealVerdict(False, tuple(checks), seal, None)
    source = "the certificate given" if named else "the trust store"
    checks.append(Check("signer", "ok", f"{claimed}, found in {source}"))
    if not cert.verify(seal.signed_data, seal.signature):
        checks.append(Check("signature", "failed", "the signature does not match the data"))
        return SealVerdict(False, tuple(checks), seal, cert)
    checks.append(Check("signature", "ok", f"ECDSA over a {cert.field_bits}-bit curve"))
    signed_on = header.signature_date
    if cert.valid_on(signed_on):
        checks.append(
            Check("certificate validity", "ok", f"signed {signed_on}, within its validity")
        )
    else:
        checks.append(
            Check(
                "certificate validity",
                "failed",
                f"signed {signed_on}, outside the certificate's validity "
                f"{cert.certificate.not_valid_before_utc.date()} to "
                f"{cert.certificate.not_valid_after_utc.date()}",
            )
        )
    if header.signature_date < header.issue_date and _type_name(seal) != "other":
        checks.append(Check("dates", "failed", "our seals are never signed before issue"))
    document_check, document = _decode_document(seal)
    checks.append(document_check)
    valid = all(c.status != "failed" for c in checks)
    return SealVerdict(valid, tuple(checks), seal, cert, document if valid else None)
