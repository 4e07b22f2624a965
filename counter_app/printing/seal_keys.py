"""The municipality's seal signing key (ECDSA P-256) and its certificate.

A development key and self-signed certificate are generated into the data directory by the
training set-up; a municipality replaces them with its own. Which seal signers a verifier
trusts is the trust store's business (counter_app/trust_store.py), never this folder's.
"""

from __future__ import annotations

import logging
import os
import secrets
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Final

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from counter_app.errors import ConfigurationError
from counter_app.keystore.signing_keys import EcSigningKey
from counter_app.printing.seal_crypto import (
    SealSigner,
    SignerCertificateError,
    load_signer_certificate,
)
from counter_app.private_files import create_directory_once, fsync_dir, write_private

log = logging.getLogger(__name__)

SEAL_DIR: Final = "seal"
KEY_FILE: Final = "seal-key.pem"
CERT_FILE: Final = "seal-cert.pem"
DEV_SIGNER_NAME: Final = "RC"  # with C=JP the header's signer identifier is JPRC
DEV_ORGANIZATION: Final = "Resident Card Counter development municipality"
DEV_YEARS: Final = 10
_SERIAL_BITS: Final = 24  # the serial is the header's certificate reference: keep it short


class SealKeysError(ConfigurationError):
    """The seal key or certificate in the data directory cannot be used."""

    what = "The key that signs the codes on printed cards and certificates is missing or damaged."
    todo = (
        "Do not print cards or certificates. Restore the seal folder of the data directory from "
        "the backup, or call the system administrator."
    )


def _certificate_builder(
    public_key: ec.EllipticCurvePublicKey, today: date, organization: str, years: int
) -> x509.CertificateBuilder:
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, DEV_SIGNER_NAME),
        ]
    )
    start = datetime(today.year, today.month, today.day, tzinfo=UTC) - timedelta(days=1)
    serial = secrets.randbits(_SERIAL_BITS - 4) | 1 << (_SERIAL_BITS - 4)
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public_key)
        .serial_number(serial)
        .not_valid_before(start)
        .not_valid_after(start.replace(year=start.year + years))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )


def _self_signed(key: ec.EllipticCurvePrivateKey, today: date) -> x509.Certificate:
    builder = _certificate_builder(key.public_key(), today, DEV_ORGANIZATION, DEV_YEARS)
    return builder.sign(key, hashes.SHA256())


def self_signed_seal_certificate(
    key: EcSigningKey, today: date, *, organization: str, years: int
) -> x509.Certificate:
    """A self-signed seal signer certificate for a key that may sit in a security module.

    cryptography signs certificates only with its own keys: the body is built and signed with a
    throw-away P-256 key (same algorithm, so the same signature algorithm inside the body), then
    the signature is replaced by `key`'s over that body and the result checked.
    """
    public = key.public_key()
    if not isinstance(public.curve, ec.SECP256R1):
        raise ValueError(f"seal keys are P-256, not {public.curve.name}")
    builder = _certificate_builder(public, today, organization, years)
    draft = builder.sign(ec.generate_private_key(ec.SECP256R1()), hashes.SHA256())
    signature = key.sign_ecdsa(draft.tbs_certificate_bytes, hashes.SHA256())
    outer = _der_elements(_der_elements(draft.public_bytes(serialization.Encoding.DER))[0][1])
    algorithm = outer[1][0]
    der = _der(0x30, draft.tbs_certificate_bytes + algorithm + _der(0x03, b"\x00" + signature))
    cert = x509.load_der_x509_certificate(der)
    public.verify(cert.signature, cert.tbs_certificate_bytes, ec.ECDSA(hashes.SHA256()))
    return cert


def _der(tag: int, content: bytes) -> bytes:
    """One DER element: tag, definite length, content."""
    n = len(content)
    if n < 0x80:
        return bytes([tag, n]) + content
    length = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(length)]) + length + content


def _der_elements(data: bytes) -> list[tuple[bytes, bytes]]:
    """The DER elements in `data` as (whole element, content), single-byte tags only."""
    found: list[tuple[bytes, bytes]] = []
    i = 0
    while i < len(data):
        start = i
        n = data[i + 1]
        i += 2
        if n & 0x80:
            size = n & 0x7F
            n = int.from_bytes(data[i : i + size], "big")
            i += size
        found.append((data[start : i + n], data[i : i + n]))
        i += n
    return found


def _generate_into(directory: Path, today: date) -> None:
    """A development P-256 key and its self-signed certificate, written into `directory`."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _self_signed(key, today)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    write_private(directory / KEY_FILE, key_pem)
    write_private(directory / CERT_FILE, cert.public_bytes(serialization.Encoding.PEM))
    fsync_dir(directory)


def _read(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SealKeysError(f"cannot read {path}: {exc.strerror}") from exc
    if os.name == "posix" and path.stat().st_mode & 0o077 and path.name == KEY_FILE:
        log.warning("%s is readable by other users; it should be mode 600", path)
    return data


def load_or_create_seal_signer(
    home: Path, *, today: date | None = None, create: bool = True
) -> SealSigner:
    """The seal signer in `home`/seal, generating a development key there on first use.

    With `create` false (a counter on a configured register) a missing key is a SealKeysError:
    only training and development make keys.
    """
    directory = home / SEAL_DIR
    day = today if today is not None else date.today()
    if not create and not directory.is_dir():
        raise SealKeysError(f"there is no seal signing key in {directory}")
    if create and create_directory_once(directory, lambda staging: _generate_into(staging, day)):
        log.info("Created a development seal signing key in %s", directory)
    try:
        certificate = load_signer_certificate(_read(directory / CERT_FILE))
        key = serialization.load_pem_private_key(_read(directory / KEY_FILE), password=None)
    except SignerCertificateError as exc:
        raise SealKeysError(f"the seal certificate in {directory} is damaged: {exc}") from exc
    except (ValueError, TypeError, UnsupportedAlgorithm):
        # The parser's exception is dropped so that no log can ever show key bytes from it.
        raise SealKeysError(f"the seal key in {directory} is damaged") from None
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise SealKeysError(f"the seal key in {directory} is not an elliptic-curve key")
    try:
        signer = SealSigner(key, certificate)
    except ValueError as exc:
        raise SealKeysError(f"the seal key and certificate in {directory} differ") from exc
    if not certificate.valid_on(day):
        log.warning("The seal certificate in %s is not valid today", directory)
    return signer
