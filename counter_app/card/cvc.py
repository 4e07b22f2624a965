"""Card-verifiable certificates of the issuer's keys (card-profile.md §5, EF 0004)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Final

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from counter_app.card.connection import CardError
from counter_app.card.tlv import Tlv, TlvError, iter_tlv, parse_all
from counter_app.keystore.signing_keys import RsaSigningKey, as_rsa_signing_key

TAG_CERTIFICATE: Final = 0x7F21
TAG_BODY: Final = 0x5F4E
TAG_PROFILE_ID: Final = 0x5F29
TAG_CAR: Final = 0x42
TAG_PUBLIC_KEY: Final = 0x7F49
TAG_OID: Final = 0x06
TAG_MODULUS: Final = 0x81
TAG_EXPONENT: Final = 0x82
TAG_CHR: Final = 0x5F20
TAG_EFFECTIVE: Final = 0x5F25
TAG_EXPIRY: Final = 0x5F24
TAG_SIGNATURE: Final = 0x5F37

PROFILE_ID: Final = b"\x00"
# 1.2.840.113549.1.1.11 sha256WithRSAEncryption, DER contents octets.
OID_SHA256_WITH_RSA: Final = bytes.fromhex("2A864886F70D01010B")
KEY_BITS: Final = 2048
MODULUS_LENGTH: Final = KEY_BITS // 8
MAX_REFERENCE_LENGTH: Final = 64
_BODY_TAGS: Final = (
    TAG_PROFILE_ID,
    TAG_CAR,
    TAG_PUBLIC_KEY,
    TAG_CHR,
    TAG_EFFECTIVE,
    TAG_EXPIRY,
)


class CertificateError(CardError):
    """Bytes that are not a certificate in the card profile's format."""

    what = "The issuer certificate is damaged or not in the expected format."
    todo = (
        "Treat the card as not verified. If this happens with a card this office issued, "
        "call the system administrator."
    )


def _check_reference(name: str, reference: str) -> None:
    if not 1 <= len(reference) <= MAX_REFERENCE_LENGTH or not all(
        0x21 <= ord(c) <= 0x7E for c in reference
    ):
        raise ValueError(f"{name} must be 1 to {MAX_REFERENCE_LENGTH} printable ASCII characters")


def _encode_date(d: date) -> bytes:
    if not 2000 <= d.year <= 2099:
        raise ValueError(f"certificate dates must lie in 2000-2099, not {d.isoformat()}")
    return bytes(int(c) for c in f"{d.year - 2000:02d}{d.month:02d}{d.day:02d}")


def _decode_date(name: str, value: bytes) -> date:
    if len(value) != 6 or any(b > 9 for b in value):
        raise CertificateError(f"{name} date is not six digits")
    yy, mm, dd = (value[i] * 10 + value[i + 1] for i in (0, 2, 4))
    try:
        return date(2000 + yy, mm, dd)
    except ValueError as exc:
        raise CertificateError(f"{name} date is not a calendar date") from exc


def _encode_public_key(public_key: rsa.RSAPublicKey) -> Tlv:
    if public_key.key_size != KEY_BITS:
        raise ValueError(f"the profile uses RSA-{KEY_BITS} keys, not RSA-{public_key.key_size}")
    numbers = public_key.public_numbers()
    exponent = numbers.e.to_bytes((numbers.e.bit_length() + 7) // 8, "big")
    return Tlv.build(
        TAG_PUBLIC_KEY,
        [
            Tlv(TAG_OID, OID_SHA256_WITH_RSA),
            Tlv(TAG_MODULUS, numbers.n.to_bytes(MODULUS_LENGTH, "big")),
            Tlv(TAG_EXPONENT, exponent),
        ],
    )


def _decode_public_key(value: bytes) -> rsa.RSAPublicKey:
    parts = parse_all(value)
    if [p.tag for p in parts] != [TAG_OID, TAG_MODULUS, TAG_EXPONENT]:
        raise CertificateError("public key does not hold exactly OID, modulus and exponent")
    oid, modulus, exponent = (p.value for p in parts)
    if oid != OID_SHA256_WITH_RSA:
        raise CertificateError("public key algorithm is not sha256WithRSAEncryption")
    if len(modulus) != MODULUS_LENGTH or not modulus[0] & 0x80:
        raise CertificateError(f"modulus is not {KEY_BITS} bits")
    if not exponent or exponent[0] == 0:
        raise CertificateError("public exponent is empty or not minimally encoded")
    try:
        return rsa.RSAPublicNumbers(
            int.from_bytes(exponent, "big"), int.from_bytes(modulus, "big")
        ).public_key()
    except ValueError as exc:
        raise CertificateError("public key is not a valid RSA key") from exc


def encode_body(
    car: str, chr: str, public_key: rsa.RSAPublicKey, effective: date, expiry: date
) -> bytes:
    """The certificate body, the encoded 5F4E TLV that the CA signs."""
    _check_reference("CAR", car)
    _check_reference("CHR", chr)
    return Tlv.build(
        TAG_BODY,
        [
            Tlv(TAG_PROFILE_ID, PROFILE_ID),
            Tlv(TAG_CAR, car.encode("ascii")),
            _encode_public_key(public_key),
            Tlv(TAG_CHR, chr.encode("ascii")),
            Tlv(TAG_EFFECTIVE, _encode_date(effective)),
            Tlv(TAG_EXPIRY, _encode_date(expiry)),
        ],
    ).encode()


def encode_certificate(body: bytes, signature: bytes) -> bytes:
    """The whole certificate, the 7F21 TLV around the body and the 5F37 signature."""
    return Tlv(TAG_CERTIFICATE, body + Tlv(TAG_SIGNATURE, signature).encode()).encode()


@dataclass(frozen=True)
class CvCertificate:
    """A parsed or issued certificate; `body` is always the canonical encoding of the fields."""

    car: str = field(compare=False)
    chr: str = field(compare=False)
    public_key: rsa.RSAPublicKey = field(compare=False)
    effective: date = field(compare=False)
    expiry: date = field(compare=False)
    body: bytes = field(repr=False)
    signature: bytes = field(repr=False)

    def __post_init__(self) -> None:
        expected = encode_body(self.car, self.chr, self.public_key, self.effective, self.expiry)
        if self.body != expected:
            raise ValueError("certificate body does not match its fields")

    @property
    def self_signed(self) -> bool:
        """True for a CA's own certificate (CHR = CAR)."""
        return self.car == self.chr

    def valid_on(self, day: date) -> bool:
        """True when `day` lies within the certificate's effective and expiry dates."""
        return self.effective <= day <= self.expiry

    def encode(self) -> bytes:
        """The 7F21 TLV as stored in EF 0004."""
        return encode_certificate(self.body, self.signature)


def _reference(name: str, value: bytes) -> str:
    try:
        text = value.decode("ascii")
        _check_reference(name, text)
    except (UnicodeDecodeError, ValueError) as exc:
        raise CertificateError(f"{name} is not printable ASCII") from exc
    return text


def parse_certificate(data: bytes) -> CvCertificate:
    """Parse a 7F21 certificate as read from the card; trailing 00 padding is ignored."""
    try:
        return _parse(bytes(data))
    except TlvError as exc:
        raise CertificateError(f"not well-formed TLV: {exc}") from exc


def _parse(data: bytes) -> CvCertificate:
    outer = parse_all(data, allow_padding=True)
    if len(outer) != 1 or outer[0].tag != TAG_CERTIFICATE:
        raise CertificateError("data is not one 7F21 certificate")
    parts = list(iter_tlv(outer[0].value))
    if [p.tag for p, _, _ in parts] != [TAG_BODY, TAG_SIGNATURE]:
        raise CertificateError("certificate does not hold exactly a body and a signature")
    (body_tlv, start, end), (signature_tlv, _, _) = parts
    raw_body = outer[0].value[start:end]
    fields = parse_all(body_tlv.value)
    if [f.tag for f in fields] != list(_BODY_TAGS):
        raise CertificateError("certificate body does not hold the profile's fields in order")
    profile_id, car, key, chr_, effective, expiry = (f.value for f in fields)
    if profile_id != PROFILE_ID:
        raise CertificateError(f"unknown certificate profile {profile_id.hex()}")
    if not signature_tlv.value:
        raise CertificateError("signature is empty")
    public_key = _decode_public_key(key)
    car_text = _reference("CAR", car)
    chr_text = _reference("CHR", chr_)
    effective_date = _decode_date("effective", effective)
    expiry_date = _decode_date("expiry", expiry)
    canonical = encode_body(car_text, chr_text, public_key, effective_date, expiry_date)
    if canonical != raw_body:
        raise CertificateError("certificate body is not in canonical (shortest length) encoding")
    return CvCertificate(
        car=car_text,
        chr=chr_text,
        public_key=public_key,
        effective=effective_date,
        expiry=expiry_date,
        body=raw_body,
        signature=signature_tlv.value,
    )


def issue_certificate(
    ca_key: rsa.RSAPrivateKey | RsaSigningKey,
    car: str,
    chr: str,
    public_key: rsa.RSAPublicKey,
    effective: date,
    expiry: date,
) -> CvCertificate:
    """A certificate for `public_key`, signed by `ca_key` (RSASSA-PKCS1-v1_5, SHA-256): a key
    from a file, or the CA's key in the security module."""
    if expiry < effective:
        raise ValueError("certificate expires before it becomes effective")
    body = encode_body(car, chr, public_key, effective, expiry)
    signature = as_rsa_signing_key(ca_key).sign_pkcs1v15_sha256(body)
    return CvCertificate(car, chr, public_key, effective, expiry, body, signature)


def verify_certificate(cert: CvCertificate, issuer_public_key: rsa.RSAPublicKey) -> bool:
    """True when the certificate's signature over its body is by `issuer_public_key`."""
    try:
        issuer_public_key.verify(cert.signature, cert.body, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return False
    return True
