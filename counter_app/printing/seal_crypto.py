"""Signing and verifying seals: ECDSA with raw r||s over header and message zone.

Verification takes the curve and hash from the signer certificate, so it checks the BSI test
seals (brainpoolP256r1, brainpoolP224r1) as well as our own (NIST P-256).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from cryptography.x509.oid import NameOID

from counter_app.keystore.signing_keys import EcSigningKey, as_ec_signing_key
from counter_app.printing.seal import (
    VERSION_4,
    Feature,
    Seal,
    SealHeader,
    parse,
    signature_zone,
    signed_part,
)

_HASHES: Final = {224: "sha224", 256: "sha256", 384: "sha384", 512: "sha512"}


class SignerCertificateError(ValueError):
    """A certificate that cannot sign seals: not X.509, not an EC key, or an unknown curve."""


@dataclass(frozen=True)
class SignerCertificate:
    """An X.509 seal signer certificate, with what the seal header calls it."""

    certificate: x509.Certificate

    @property
    def signer(self) -> str:
        """Country and common name, as the header's signer identifier (C=DE, CN=TS -> DETS)."""
        return _name_part(self.certificate, NameOID.COUNTRY_NAME) + _name_part(
            self.certificate, NameOID.COMMON_NAME
        )

    @property
    def serial(self) -> int:
        return self.certificate.serial_number

    def matches(self, header: SealHeader) -> bool:
        """True when the header names this certificate (signer and serial number)."""
        try:
            reference = int(header.certificate_reference, 16)
        except ValueError:
            return False
        return header.signer == self.signer and reference == self.serial

    def valid_on(self, day: date) -> bool:
        """True when `day` lies in the certificate's validity period."""
        cert = self.certificate
        return cert.not_valid_before_utc.date() <= day <= cert.not_valid_after_utc.date()

    @property
    def field_bits(self) -> int:
        """The bit size of the key's curve, which fixes the hash and the signature length."""
        return _curve_bits(self.certificate)

    def verify(self, message: bytes, signature: bytes) -> bool:
        """True when `signature` (raw r||s) over `message` is by this certificate's key."""
        bits = self.field_bits
        half = (bits + 7) // 8
        hash_name = _HASHES.get(bits)
        if hash_name is None or len(signature) != 2 * half:
            return False
        r = int.from_bytes(signature[:half], "big")
        s = int.from_bytes(signature[half:], "big")
        public_key = self.certificate.public_key()
        if not isinstance(public_key, ec.EllipticCurvePublicKey):
            return False
        algorithm = getattr(hashes, hash_name.upper())()
        try:
            public_key.verify(encode_dss_signature(r, s), message, ec.ECDSA(algorithm))
        except InvalidSignature:
            return False
        return True


def _name_part(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    values = cert.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def _curve_bits(cert: x509.Certificate) -> int:
    if cert.public_key_algorithm_oid != x509.oid.PublicKeyAlgorithmOID.EC_PUBLIC_KEY:
        raise SignerCertificateError("the certificate's key is not an elliptic-curve key")
    try:
        key = cert.public_key()
    except (UnsupportedAlgorithm, ValueError) as exc:
        raise SignerCertificateError(f"the certificate's curve is not supported: {exc}") from exc
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise SignerCertificateError("the certificate's key is not an elliptic-curve key")
    return key.curve.key_size


def load_signer_certificate(data: bytes) -> SignerCertificate:
    """A signer certificate from DER or PEM bytes."""
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            cert = x509.load_pem_x509_certificate(data)
        else:
            cert = x509.load_der_x509_certificate(data)
    except ValueError as exc:
        raise SignerCertificateError("not an X.509 certificate (DER or PEM)") from exc
    signer = SignerCertificate(cert)
    signer.field_bits  # noqa: B018 - rejects keys that cannot verify seals, at load time
    return signer


class SealSigner:
    """A private key (ECDSA P-256) and its certificate, which sign our seals.

    The key is the seal signer's key in the security module, or a key file's (training).
    """

    def __init__(
        self,
        private_key: ec.EllipticCurvePrivateKey | EcSigningKey,
        certificate: SignerCertificate,
    ):
        key = as_ec_signing_key(private_key)
        public = certificate.certificate.public_key()
        if not isinstance(public, ec.EllipticCurvePublicKey) or public.public_numbers() != (
            key.public_key().public_numbers()
        ):
            raise ValueError("the seal certificate is not for this key")
        self._key = key
        self.certificate = certificate

    def __repr__(self) -> str:
        return f"SealSigner({self.certificate.signer}/{self.certificate.serial:X})"

    def header(
        self, issue_date: date, signature_date: date, feature_reference: int, type_category: int
    ) -> SealHeader:
        """A version 4 header naming this signer's certificate."""
        country = self.certificate.signer[:2]
        return SealHeader(
            version=VERSION_4,
            country=_ISO3_FOR_ISO2.get(country, country + "<"),
            signer=self.certificate.signer,
            certificate_reference=f"{self.certificate.serial:X}",
            issue_date=issue_date,
            signature_date=signature_date,
            feature_reference=feature_reference,
            type_category=type_category,
        )

    def sign(self, header: SealHeader, features: tuple[Feature, ...]) -> Seal:
        """The signed seal: ECDSA with the hash of the curve's size, raw r||s.

        A key file signs with RFC 6979 nonces (the same document gives the same seal, and no
        weak random k); a token key with the token's own random generator.
        """
        message = signed_part(header, features)
        bits = self._key.public_key().curve.key_size
        algorithm = getattr(hashes, _HASHES[bits].upper())()
        signature_der = self._key.sign_ecdsa(message, algorithm)
        r, s = decode_dss_signature(signature_der)
        half = (bits + 7) // 8
        signature = r.to_bytes(half, "big") + s.to_bytes(half, "big")
        return parse(message + signature_zone(signature))

    def public_pem(self) -> bytes:
        """The certificate as PEM, to hand to verifiers."""
        return self.certificate.certificate.public_bytes(serialization.Encoding.PEM)


_ISO3_FOR_ISO2: Final = {"JP": "JPN", "DE": "D<<", "UT": "UTO"}
