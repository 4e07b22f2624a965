"""Card-verifiable certificates: layout, round trip, signature checks, malformed input."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.card.connection import CardError
from counter_app.card.cvc import (
    CertificateError,
    CvCertificate,
    encode_body,
    encode_certificate,
    issue_certificate,
    parse_certificate,
    verify_certificate,
)
from counter_app.card.tlv import Tlv, parse_one

CA = "JPRCC-DEVCA-00001"
SIGNER = "JPRCC-SIGN-00001"


@pytest.fixture(scope="module")
def ca_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def signer_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def cert_bytes(cert: CvCertificate) -> bytes:
    return cert.encode()


@pytest.fixture(scope="module")
def cert(ca_key: rsa.RSAPrivateKey, signer_key: rsa.RSAPrivateKey) -> CvCertificate:
    return issue_certificate(
        ca_key, CA, SIGNER, signer_key.public_key(), date(2025, 4, 1), date(2035, 3, 31)
    )


def test_layout_follows_the_card_profile(cert: CvCertificate) -> None:
    outer = parse_one(cert.encode())
    assert outer.tag == 0x7F21
    body, signature = outer.children()
    assert (body.tag, signature.tag) == (0x5F4E, 0x5F37)
    assert body.encode() == cert.body
    assert len(signature.value) == 256
    fields = body.children()
    assert [f.tag for f in fields] == [0x5F29, 0x42, 0x7F49, 0x5F20, 0x5F25, 0x5F24]
    assert fields[0].value == b"\x00"
    assert fields[1].value == CA.encode()
    assert fields[3].value == SIGNER.encode()
    assert fields[4].value == bytes([2, 5, 0, 4, 0, 1])
    assert fields[5].value == bytes([3, 5, 0, 3, 3, 1])
    oid, modulus, exponent = fields[2].children()
    assert oid.encode() == bytes.fromhex("06092A864886F70D01010B")
    assert (modulus.tag, len(modulus.value)) == (0x81, 256)
    assert (exponent.tag, exponent.value) == (0x82, b"\x01\x00\x01")
    assert int.from_bytes(modulus.value, "big") == cert.public_key.public_numbers().n


def test_round_trip(cert: CvCertificate) -> None:
    parsed = parse_certificate(cert.encode())
    assert parsed == cert
    assert (parsed.car, parsed.chr) == (CA, SIGNER)
    assert (parsed.effective, parsed.expiry) == (date(2025, 4, 1), date(2035, 3, 31))
    assert parsed.public_key.public_numbers() == cert.public_key.public_numbers()
    assert parsed.encode() == cert.encode()
    assert encode_certificate(parsed.body, parsed.signature) == cert.encode()


def test_trailing_zero_padding_of_the_file_is_ignored(cert: CvCertificate) -> None:
    assert parse_certificate(cert.encode() + bytes(200)) == cert


def test_ca_key_verifies_the_certificate(
    cert: CvCertificate, ca_key: rsa.RSAPrivateKey, signer_key: rsa.RSAPrivateKey
) -> None:
    assert verify_certificate(cert, ca_key.public_key())
    assert not verify_certificate(cert, signer_key.public_key())


def test_any_changed_body_byte_breaks_the_signature(
    cert: CvCertificate, ca_key: rsa.RSAPrivateKey
) -> None:
    """Every single-byte change of the body either fails to parse or fails verification."""
    encoded = cert.encode()
    body_start = encoded.index(cert.body)
    for i in range(len(cert.body)):
        tampered = bytearray(encoded)
        tampered[body_start + i] ^= 0x01
        try:
            parsed = parse_certificate(bytes(tampered))
        except CertificateError:
            continue
        assert not verify_certificate(parsed, ca_key.public_key()), f"byte {i} of the body"


def test_changed_signature_fails(cert: CvCertificate, ca_key: rsa.RSAPrivateKey) -> None:
    tampered = bytearray(cert.encode())
    tampered[-1] ^= 0x80
    assert not verify_certificate(parse_certificate(bytes(tampered)), ca_key.public_key())


def test_self_signed_ca_certificate(ca_key: rsa.RSAPrivateKey) -> None:
    ca_cert = issue_certificate(
        ca_key, CA, CA, ca_key.public_key(), date(2025, 1, 1), date(2044, 12, 31)
    )
    assert ca_cert.self_signed
    assert verify_certificate(parse_certificate(ca_cert.encode()), ca_key.public_key())


def _reencode(cert: CvCertificate, fields: list[Tlv]) -> bytes:
    return encode_certificate(Tlv.build(0x5F4E, fields).encode(), cert.signature)


@pytest.mark.parametrize(
    ("mangle", "expected"),
    [
        (lambda f: f[1:], "fields"),
        (lambda f: [Tlv(0x5F29, b"\x01"), *f[1:]], "profile"),
        (lambda f: [*f[:4], Tlv(0x5F25, bytes([2, 5, 1, 3, 0, 1])), f[5]], "calendar"),
        (lambda f: [*f[:4], Tlv(0x5F25, b"250401"), f[5]], "six digits"),
        (lambda f: [*f[:1], Tlv(0x42, "認証局".encode()), *f[2:]], "ASCII"),
        (lambda f: [*f[:2], Tlv(0x7F49, f[2].value[11:]), *f[3:]], "OID"),
    ],
)
def test_malformed_bodies_are_refused_clearly(
    cert: CvCertificate, mangle: Callable[[list[Tlv]], list[Tlv]], expected: str
) -> None:
    fields = parse_one(cert.body).children()
    with pytest.raises(CertificateError, match=expected) as caught:
        parse_certificate(_reencode(cert, mangle(fields)))
    assert isinstance(caught.value, CardError)
    assert caught.value.what and caught.value.todo


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x7f\x21",
        b"\x7f\x21\x05\x00",
        bytes.fromhex("7F2103") + b"\x5f\x37\x00",
        bytes.fromhex("5F4E00"),
        bytes(50),
    ],
)
def test_garbage_is_a_certificate_error(data: bytes) -> None:
    with pytest.raises(CertificateError):
        parse_certificate(data)


def test_truncated_certificates_are_refused(cert: CvCertificate) -> None:
    encoded = cert.encode()
    for cut in (1, 10, 100, 300, len(encoded) - 1):
        with pytest.raises(CertificateError):
            parse_certificate(encoded[:cut])


def test_non_minimal_length_encoding_is_refused(cert: CvCertificate) -> None:
    fields = parse_one(cert.body).children()
    car = b"\x42\x81" + bytes([len(CA)]) + CA.encode()
    value = fields[0].encode() + car + b"".join(f.encode() for f in fields[2:])
    body = Tlv(0x5F4E, value).encode()
    with pytest.raises(CertificateError, match="canonical"):
        parse_certificate(encode_certificate(body, cert.signature))


def test_dataclass_refuses_a_body_that_does_not_match(cert: CvCertificate) -> None:
    with pytest.raises(ValueError, match="does not match"):
        CvCertificate(
            cert.car, "OTHER", cert.public_key, cert.effective, cert.expiry, cert.body, b"x"
        )


def test_issuing_refuses_bad_input(
    ca_key: rsa.RSAPrivateKey, signer_key: rsa.RSAPrivateKey
) -> None:
    public = signer_key.public_key()
    with pytest.raises(ValueError, match="before"):
        issue_certificate(ca_key, CA, SIGNER, public, date(2030, 1, 1), date(2029, 1, 1))
    with pytest.raises(ValueError, match="2000-2099"):
        issue_certificate(ca_key, CA, SIGNER, public, date(1999, 1, 1), date(2029, 1, 1))
    with pytest.raises(ValueError, match="printable ASCII"):
        encode_body(CA, "", public, date(2025, 1, 1), date(2026, 1, 1))
    small = rsa.generate_private_key(public_exponent=65537, key_size=1024).public_key()
    with pytest.raises(ValueError, match="RSA-2048"):
        encode_body(CA, SIGNER, small, date(2025, 1, 1), date(2026, 1, 1))


def test_repr_is_short(cert: CvCertificate) -> None:
    text = repr(cert)
    assert SIGNER in text
    assert cert.signature.hex() not in text
    assert len(text) < 400


@given(st.binary(max_size=600))
def test_parser_never_fails_other_than_with_certificate_error(data: bytes) -> None:
    with contextlib.suppress(CertificateError):
        parse_certificate(data)


@settings(max_examples=300)
@given(st.data())
def test_mutated_certificates_fail_cleanly(cert_bytes: bytes, data: st.DataObject) -> None:
    mutated = bytearray(cert_bytes)
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(0, len(mutated) - 1))
        mutated[index] = data.draw(st.integers(0, 255))
    with contextlib.suppress(CertificateError):
        parse_certificate(bytes(mutated))
