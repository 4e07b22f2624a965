"""Genuineness checks of card data, each with its own verdict and reason (after the eID viewer).

A check succeeds, fails, was not checked (by design, with the reason), is unknown (it should
have been decided but could not be, e.g. the register did not answer) or its object is not
present; the reason says why in plain words, and the evidence (expected against found) where it
helps. Data is shown as valid only when every check that covers it succeeded
(`VerificationReport.data_valid`).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from counter_app.card import profile as p
from counter_app.card.chip_key import recover_points
from counter_app.card.cvc import (
    CertificateError,
    CvCertificate,
    parse_certificate,
    verify_certificate,
)
from counter_app.card.issuer_keys import TrustStore
from counter_app.card.sessions.card import ChipAnswer
from counter_app.japanese_dates import add_years


class Verdict(StrEnum):
    """The outcome of one check."""

    SUCCEEDED = "succeeded"
    FAILED = "failed"
    NOT_CHECKED = "not checked"
    UNKNOWN = "unknown"
    NOT_PRESENT = "not present"


class CheckId(StrEnum):
    """The checks, by a stable name (used in JSON and by the UI)."""

    SIGNER_CERTIFICATE = "signer_certificate"
    BINDING_DIGEST = "binding_digest"
    ATTRIBUTES_DIGEST = "attributes_digest"
    TEXT_SIGNATURE = "text_signature"
    CARD_BINDING = "card_binding"
    FACE_SIGNATURE = "face_signature"
    # The real 個人番号カード's DF28: one signature per group of the face data.
    FACE_SIGNATURE_ATTRIBUTES = "face_signature_attributes"
    FACE_SIGNATURE_IMAGES = "face_signature_images"
    FACE_SIGNATURE_PHOTO = "face_signature_photo"
    CHIP_AUTHENTICATION = "chip_authentication"
    CARD_EXPIRY = "card_expiry"
    REGISTER_STATUS = "register_status"
    TEXT_FACE_AGREEMENT = "text_face_agreement"
    QR_SEAL = "qr_seal"
    PRINTED_FACE = "printed_face"


TITLES = {
    CheckId.SIGNER_CERTIFICATE: "Issuer signer certificate",
    CheckId.BINDING_DIGEST: "Card binding digest (DF31)",
    CheckId.ATTRIBUTES_DIGEST: "Name, address, birth date and sex digest (DF32)",
    CheckId.TEXT_SIGNATURE: "Issuer signature over the text data (DF33)",
    CheckId.CARD_BINDING: "Text data belongs to this card",
    CheckId.FACE_SIGNATURE: "Issuer signature over the face data (DF28)",
    CheckId.FACE_SIGNATURE_ATTRIBUTES: "J-LIS signature over birth date, sex and key (DF22-DF24)",
    CheckId.FACE_SIGNATURE_IMAGES: "J-LIS signature over the name and address images (DF25-DF26)",
    CheckId.FACE_SIGNATURE_PHOTO: "J-LIS signature over the photo (DF27)",
    CheckId.CHIP_AUTHENTICATION: "Chip is genuine (challenge signed by the chip key)",
    CheckId.CARD_EXPIRY: "Card is within its validity period",
    CheckId.REGISTER_STATUS: "The register shows the card in use",
    CheckId.TEXT_FACE_AGREEMENT: "Text and face data agree (birth date, sex)",
    CheckId.QR_SEAL: "The printed QR seal is genuine and belongs to this chip",
    CheckId.PRINTED_FACE: "The printed face matches the chip",
}


@dataclass(frozen=True)
class Check:
    """One check's verdict and the reason for it."""

    id: CheckId
    verdict: Verdict
    reason: str
    expected: str | None = None  # evidence, where it helps: what a genuine card would show
    found: str | None = None  # ... and what this card showed

    @property
    def title(self) -> str:
        return TITLES[self.id]

    @property
    def succeeded(self) -> bool:
        return self.verdict is Verdict.SUCCEEDED


@dataclass(frozen=True)
class VerificationReport:
    """The checks of one read, and which of them the data depends on."""

    checks: tuple[Check, ...]
    covering: frozenset[CheckId]  # the checks that must succeed for the data to be shown as valid

    @property
    def all_succeeded(self) -> bool:
        return bool(self.checks) and all(check.succeeded for check in self.checks)

    @property
    def data_valid(self) -> bool:
        """True when every check that covers the data succeeded."""
        return all(self.get(check_id).succeeded for check_id in self.covering)

    def get(self, check_id: CheckId) -> Check:
        for check in self.checks:
            if check.id is check_id:
                return check
        return Check(check_id, Verdict.NOT_CHECKED, "not part of this read")

    def verdict(self, check_id: CheckId) -> Verdict:
        return self.get(check_id).verdict


def report(checks: Iterable[Check], covering: Iterable[CheckId]) -> VerificationReport:
    return VerificationReport(tuple(checks), frozenset(covering))


# -- the checks ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CertificateCheck:
    """The certificate check and the certificate, when it chains to a trusted CA."""

    check: Check
    trusted: CvCertificate | None


@dataclass(frozen=True)
class SigningPeriod:
    """When the card's data was signed: one day (the register knows it) or the days it can have
    been (a card is valid for at most 10 years and was signed before today and its expiry)."""

    earliest: date
    latest: date

    @classmethod
    def on(cls, day: date) -> SigningPeriod:
        return cls(day, day)

    @classmethod
    def from_expiry(cls, expiry: date, today: date) -> SigningPeriod:
        latest = min(today, expiry)
        return cls(min(add_years(expiry, -p.VALIDITY_YEARS), latest), latest)

    @classmethod
    def unknown(cls, today: date) -> SigningPeriod:
        return cls(add_years(today, -p.VALIDITY_YEARS), today)

    def __str__(self) -> str:
        if self.earliest == self.latest:
            return f"on {self.earliest}, the day the card was signed"
        return f"between {self.earliest} and {self.latest}, when the card was signed"


def check_certificate(raw: bytes, trust: TrustStore, signed: SigningPeriod) -> CertificateCheck:
    """EF 0004 by the chain model: signed by a trusted CA, valid when the card was signed.

    The CA must have been valid when it certified the signer (the certificate's effective date),
    so cards signed before a key rollover or a certificate's end stay good until their expiry.
    """
    cid = CheckId.SIGNER_CERTIFICATE
    try:
        cert = parse_certificate(raw)
    except CertificateError:
        return CertificateCheck(Check(cid, Verdict.FAILED, "the certificate is damaged"), None)
    ca = trust.ca(cert.car)
    if ca is None and trust.missing is not None:
        # No trust store at all: the card cannot be checked (never valid, never called forged).
        check = Check(cid, Verdict.NOT_CHECKED, trust.missing, None, cert.car)
        return CertificateCheck(check, None)
    if ca is None:
        reason = f"issued by {cert.car}, which is not a trusted authority"
        expected = ", ".join(trust.references) or "none"
        return CertificateCheck(Check(cid, Verdict.FAILED, reason, expected, cert.car), None)
    if not verify_certificate(cert, ca.public_key):
        reason = f"the signature of {cert.car} on the certificate is not valid"
        return CertificateCheck(Check(cid, Verdict.FAILED, reason), None)
    in_time = cert.effective <= signed.latest and signed.earliest <= cert.expiry
    if not (in_time and ca.valid_on(cert.effective)):
        reason = f"{cert.chr} is valid from {cert.effective} to {cert.expiry}, not {signed}"
        window = f"{cert.effective} to {cert.expiry}"
        found = f"{signed.earliest} to {signed.latest}"
        return CertificateCheck(Check(cid, Verdict.FAILED, reason, window, found), cert)
    reason = f"{cert.chr}, certified by {cert.car}, valid {signed}"
    return CertificateCheck(Check(cid, Verdict.SUCCEEDED, reason), cert)


def check_digest(check_id: CheckId, stored: bytes | None, actual: bytes | None) -> Check:
    """A stored SHA-256 against the digest of the data as read."""
    if stored is None:
        return Check(check_id, Verdict.FAILED, "the integrity file is damaged")
    if actual is None:
        return Check(check_id, Verdict.FAILED, "the data file is damaged")
    if hmac.compare_digest(stored, actual):
        return Check(check_id, Verdict.SUCCEEDED, "the data matches its recorded digest")
    reason = "the data was changed after it was signed"
    return Check(check_id, Verdict.FAILED, reason, stored.hex().upper(), actual.hex().upper())


def check_signature(
    check_id: CheckId,
    certificate: CertificateCheck,
    trust: TrustStore,
    message: bytes | None,
    signature: bytes | None,
) -> Check:
    """An issuer signature, with the key of a certificate that chains to a trusted CA."""
    cert = certificate.trusted
    if cert is None:
        return Check(check_id, Verdict.NOT_CHECKED, "no trusted signer certificate to check it")
    if message is None or signature is None:
        return Check(check_id, Verdict.FAILED, "the signed data is damaged")
    if trust.verify_data_signature(cert, message, signature):
        return Check(check_id, Verdict.SUCCEEDED, f"signed by {cert.chr}")
    return Check(check_id, Verdict.FAILED, f"the signature is not by {cert.chr}")


def chip_signature_valid(point: bytes, answer: ChipAnswer) -> bool:
    """True when `answer` is an ECDSA P-256 signature by the key `point` over its challenges."""
    try:
        key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except ValueError:
        return False
    half = len(answer.signature) // 2
    r = int.from_bytes(answer.signature[:half], "big")
    s = int.from_bytes(answer.signature[half:], "big")
    try:
        key.verify(encode_dss_signature(r, s), answer.signed, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError):
        return False
    return True


def check_chip(point: bytes | None, key_signed: bool, answer: ChipAnswer | None) -> Check:
    """The chip's answer to a fresh challenge, against the issuer-signed chip key (DF24)."""
    cid = CheckId.CHIP_AUTHENTICATION
    if point is None:
        return Check(cid, Verdict.NOT_CHECKED, "the chip key in the face data is unreadable")
    if not key_signed:
        return Check(cid, Verdict.NOT_CHECKED, "the chip key is not covered by a valid signature")
    if answer is None:
        return Check(cid, Verdict.FAILED, "the chip did not answer the challenge")
    if chip_signature_valid(point, answer):
        return Check(cid, Verdict.SUCCEEDED, "the chip holds the key the issuer signed")
    return Check(cid, Verdict.FAILED, "the chip does not hold the signed key: a copied card")


def check_expiry(expiry: date | None, today: date) -> Check:
    """The card's expiry date (DF29) not passed."""
    cid = CheckId.CARD_EXPIRY
    if expiry is None:
        return Check(cid, Verdict.NOT_CHECKED, "the expiry date is unreadable")
    if today <= expiry:
        return Check(cid, Verdict.SUCCEEDED, f"valid until {expiry.isoformat()}")
    return Check(
        cid, Verdict.FAILED, f"expired on {expiry.isoformat()}", f"on or after {today}", str(expiry)
    )


def check_binding(bound_serial: bytes | None, card_serial: bytes) -> Check:
    """The serial in the text AP's EF 0001 is this card's serial."""
    cid = CheckId.CARD_BINDING
    if bound_serial is None:
        return Check(cid, Verdict.FAILED, "the binding file is damaged")
    if hmac.compare_digest(bound_serial, card_serial):
        return Check(cid, Verdict.SUCCEEDED, "the data names this card's serial")
    reason = "the data was written for another card"
    return Check(cid, Verdict.FAILED, reason, card_serial.hex().upper(), bound_serial.hex().upper())


def check_chip_fingerprint(fingerprint: str | None, answer: ChipAnswer | None) -> Check:
    """The chip's answer against the chip key the register recorded at issuance (by its SHA-256).

    For a chip opened with the PIN, whose issuer-signed key (face data) is not readable: the
    signer's key is recovered from the signature and must be the one recorded.
    """
    cid = CheckId.CHIP_AUTHENTICATION
    if fingerprint is None:
        reason = "the chip key is in the face data: open it with the unlock number to check it"
        return Check(cid, Verdict.UNKNOWN, reason)
    if answer is None:
        return Check(cid, Verdict.FAILED, "the chip did not answer the challenge")
    for point in recover_points(answer.signed, answer.signature):
        if hmac.compare_digest(
            hashlib.sha256(point).hexdigest(), fingerprint
        ) and chip_signature_valid(point, answer):
            return Check(cid, Verdict.SUCCEEDED, "the chip holds the key recorded at issuance")
    return Check(cid, Verdict.FAILED, "the chip does not hold the recorded key: a copied card")
