"""The issuer's signer key, CA trust store and channel master key (card-profile.md §5).

Development keys are generated into the data directory only by a training or development action
(`load_or_create_issuer`); reading a card only loads them (`load_issuer`). A municipality
replaces them with its own.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Final

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from counter_app.card.cvc import (
    KEY_BITS,
    CertificateError,
    CvCertificate,
    issue_certificate,
    parse_certificate,
    verify_certificate,
)
from counter_app.card.scp03 import Cmac, StaticKeys, diversify_keys, diversify_keys_with
from counter_app.errors import ConfigurationError
from counter_app.japanese_dates import add_years
from counter_app.keystore.signing_keys import RsaSigningKey, as_rsa_signing_key
from counter_app.private_files import create_directory_once, fsync_dir, write_private

log = logging.getLogger(__name__)

ISSUER_DIR: Final = "issuer"
CA_KEY_FILE: Final = "ca-key.pem"
CA_CERT_FILE: Final = "ca-cert.cvc"
SIGNER_KEY_FILE: Final = "signer-key.pem"
SIGNER_CERT_FILE: Final = "signer-cert.cvc"
MASTER_KEY_FILE: Final = "channel-master.key"

DEV_CA_REFERENCE: Final = "JPRCC-DEVCA-00001"
DEV_SIGNER_REFERENCE: Final = "JPRCC-SIGN-00001"
DEV_CA_YEARS: Final = 20
DEV_SIGNER_YEARS: Final = 10
MASTER_KEY_LENGTH: Final = 16
PUBLIC_EXPONENT: Final = 65537


class IssuerKeysError(ConfigurationError):
    """The issuer directory exists but its keys cannot be used."""

    what = "The issuer keys in the data directory are missing or damaged."
    todo = (
        "Do not issue cards. Restore the issuer folder of the data directory from the backup, "
        "or call the system administrator."
    )


class IssuerSigner:
    """The issuer signer key (RSA-2048) and its certificate; signs DF33 and DF28.

    The key is the data signer's key in the security module, or a key file's (training).
    """

    def __init__(
        self, private_key: rsa.RSAPrivateKey | RsaSigningKey, certificate: CvCertificate
    ) -> None:
        key = as_rsa_signing_key(private_key)
        if key.public_key().public_numbers() != certificate.public_key.public_numbers():
            raise ValueError("the signer certificate is not for this key")
        self._private_key = key
        self.certificate = certificate

    def __repr__(self) -> str:
        return f"IssuerSigner(chr={self.certificate.chr!r})"

    @property
    def public_key(self) -> rsa.RSAPublicKey:
        return self.certificate.public_key

    def sign(self, message: bytes) -> bytes:
        """RSASSA-PKCS1-v1_5 with SHA-256 over `message`."""
        return self._private_key.sign_pkcs1v15_sha256(message)


class TrustStore:
    """The CA certificates a verifier trusts, by CHR.

    `missing` says, in words, why a verifier has no trust store at all (none configured, its
    directory gone or empty); signatures are then "cannot be checked", never valid.
    """

    def __init__(
        self, ca_certificates: Iterable[CvCertificate] = (), *, missing: str | None = None
    ) -> None:
        self._cas: dict[str, CvCertificate] = {}
        self.missing = missing
        for cert in ca_certificates:
            self.add(cert)

    def __repr__(self) -> str:
        return f"TrustStore({sorted(self._cas)!r})"

    def add(self, ca_certificate: CvCertificate) -> None:
        """Trust a CA; its certificate must be self-signed and its signature valid."""
        if not ca_certificate.self_signed:
            raise ValueError("a trusted CA certificate must be self-signed (CHR = CAR)")
        if not verify_certificate(ca_certificate, ca_certificate.public_key):
            raise ValueError("the CA certificate's self-signature is not valid")
        self._cas[ca_certificate.chr] = ca_certificate

    def ca(self, reference: str) -> CvCertificate | None:
        """The trusted CA certificate with this CHR, if any."""
        return self._cas.get(reference)

    @property
    def references(self) -> list[str]:
        return sorted(self._cas)

    def certificates(self) -> list[CvCertificate]:
        """The trusted CA certificates, by reference."""
        return [self._cas[ref] for ref in sorted(self._cas)]

    def _signed_by_trusted_ca(self, cert: CvCertificate) -> CvCertificate | None:
        ca = self._cas.get(cert.car)
        if ca is None or not verify_certificate(cert, ca.public_key):
            return None
        return ca

    def verify_signer(self, cert: CvCertificate, at: date | None = None) -> bool:
        """True when a trusted CA signed `cert` and both are valid on `at` (default today)."""
        ca = self._signed_by_trusted_ca(cert)
        day = at if at is not None else date.today()
        return ca is not None and ca.valid_on(day) and cert.valid_on(day)

    def verify_data_signature(self, cert: CvCertificate, message: bytes, signature: bytes) -> bool:
        """True when `cert` chains to a trusted CA and `signature` over `message` is by its key.

        Dates are not checked here: that is verify_signer's verdict.
        """
        if self._signed_by_trusted_ca(cert) is None:
            return False
        try:
            cert.public_key.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature:
            return False
        return True


@dataclass(frozen=True)
class IssuerMaterial:
    """Everything the counter needs from the issuer: signer, trust store, channel master key.

    The channel master key is a file's bytes (training), or stays in the security module:
    then `channel_master_cmac` is AES-CMAC under it there, and `channel_master_key` is empty.
    """

    signer: IssuerSigner
    trust: TrustStore
    channel_master_key: bytes = field(repr=False)
    channel_master_cmac: Cmac | None = field(default=None, repr=False)

    def card_keys(self, serial: bytes, kvn: int = 0x30) -> StaticKeys:
        """The card's SCP03 static keys, diversified from the master key (in the token if it
        is there); the same bytes either way for the same master key and serial."""
        if self.channel_master_cmac is not None:
            return diversify_keys_with(self.channel_master_cmac, serial, kvn)
        return diversify_keys(self.channel_master_key, serial, kvn)


def _key_pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _generate_into(directory: Path, today: date) -> None:
    """Generate a development CA, signer and channel master key into `directory`."""
    ca_key = rsa.generate_private_key(public_exponent=PUBLIC_EXPONENT, key_size=KEY_BITS)
    ca_cert = issue_certificate(
        ca_key,
        DEV_CA_REFERENCE,
        DEV_CA_REFERENCE,
        ca_key.public_key(),
        today,
        add_years(today, DEV_CA_YEARS),
    )
    signer_key = rsa.generate_private_key(public_exponent=PUBLIC_EXPONENT, key_size=KEY_BITS)
    signer_cert = issue_certificate(
        ca_key,
        DEV_CA_REFERENCE,
        DEV_SIGNER_REFERENCE,
        signer_key.public_key(),
        today,
        add_years(today, DEV_SIGNER_YEARS),
    )
    write_private(directory / CA_KEY_FILE, _key_pem(ca_key))
    write_private(directory / CA_CERT_FILE, ca_cert.encode())
    write_private(directory / SIGNER_KEY_FILE, _key_pem(signer_key))
    write_private(directory / SIGNER_CERT_FILE, signer_cert.encode())
    write_private(directory / MASTER_KEY_FILE, os.urandom(MASTER_KEY_LENGTH))
    fsync_dir(directory)


def _read(directory: Path, name: str) -> bytes:
    path = directory / name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IssuerKeysError(f"cannot read {path}: {exc.strerror}") from exc
    if os.name == "posix" and path.stat().st_mode & 0o077:
        log.warning("%s is readable by other users; it should be mode 600", path)
    return data


def _read_master_key(directory: Path) -> bytes:
    master_key = _read(directory, MASTER_KEY_FILE)
    if len(master_key) != MASTER_KEY_LENGTH:
        raise IssuerKeysError(f"the channel master key in {directory} is not 16 bytes")
    return master_key


def load_channel_master_key(home: Path) -> bytes:
    """The issuer secure channel's master key in `home`/issuer (also beside a token's keys)."""
    return _read_master_key(home / ISSUER_DIR)


def _load(directory: Path) -> IssuerMaterial:
    try:
        ca_cert = parse_certificate(_read(directory, CA_CERT_FILE))
        signer_cert = parse_certificate(_read(directory, SIGNER_CERT_FILE))
        signer_key = serialization.load_pem_private_key(
            _read(directory, SIGNER_KEY_FILE), password=None
        )
    except CertificateError as exc:
        raise IssuerKeysError(f"a certificate in {directory} is damaged") from exc
    except (ValueError, TypeError, UnsupportedAlgorithm):
        # The parser's exception is dropped so that no log can ever show key bytes from it.
        raise IssuerKeysError(f"the signer key in {directory} is damaged") from None
    master_key = _read_master_key(directory)
    if not isinstance(signer_key, rsa.RSAPrivateKey):
        raise IssuerKeysError(f"the signer key in {directory} is not an RSA key")
    try:
        trust = TrustStore([ca_cert])
        signer = IssuerSigner(signer_key, signer_cert)
    except ValueError as exc:
        raise IssuerKeysError(f"the keys in {directory} do not belong together: {exc}") from exc
    if signer_cert.car != ca_cert.chr or not verify_certificate(signer_cert, ca_cert.public_key):
        raise IssuerKeysError(f"the signer certificate in {directory} is not signed by the CA")
    if not trust.verify_signer(signer_cert):
        log.warning("The issuer signer certificate in %s is not valid today", directory)
    return IssuerMaterial(signer=signer, trust=trust, channel_master_key=master_key)


def load_or_create_issuer(home: Path, *, today: date | None = None) -> IssuerMaterial:
    """The issuer material in `home`/issuer, generating development keys there on first use.

    Two processes starting at once both generate into a private temporary directory and rename
    it into place; the one that loses the race discards its keys and loads the winner's.
    """
    directory = home / ISSUER_DIR
    day = today if today is not None else date.today()
    existed = directory.exists()
    if create_directory_once(directory, lambda staging: _generate_into(staging, day)):
        log.info("Created development issuer keys in %s", directory)
    elif not existed:
        log.info("Another process created the issuer keys first; using those")
    return _load(directory)


def load_issuer(home: Path) -> IssuerMaterial:
    """The issuer material in `home`/issuer; IssuerKeysError when it is not there (never made)."""
    directory = home / ISSUER_DIR
    if not directory.is_dir():
        raise IssuerKeysError(
            f"there are no issuer keys in {directory}; reading a card does not create them "
            "(a training card or `virtual-card create` makes development keys)"
        )
    return _load(directory)
