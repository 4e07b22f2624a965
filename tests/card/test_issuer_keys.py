"""Issuer signer, trust store and the development keys in the data directory."""

from __future__ import annotations

import logging
import os
import shutil
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from counter_app.card import issuer_keys
from counter_app.card.cvc import issue_certificate, parse_certificate
from counter_app.card.issuer_keys import (
    IssuerKeysError,
    IssuerMaterial,
    IssuerSigner,
    TrustStore,
    load_or_create_issuer,
)
from counter_app.errors import CounterError

TODAY = date(2025, 6, 1)
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def material(home: Path) -> IssuerMaterial:
    return load_or_create_issuer(home, today=TODAY)


@pytest.fixture(scope="module")
def foreign_ca() -> tuple[rsa.RSAPrivateKey, TrustStore]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = issue_certificate(
        key, "JPRCC-DEVCA-00001", "JPRCC-DEVCA-00001", key.public_key(),
        date(2025, 1, 1), date(2045, 1, 1),
    )  # fmt: skip
    return key, TrustStore([cert])


def test_first_use_creates_the_development_issuer(home: Path, material: IssuerMaterial) -> None:
    cert = material.signer.certificate
    assert (cert.car, cert.chr) == ("JPRCC-DEVCA-00001", "JPRCC-SIGN-00001")
    assert (cert.effective, cert.expiry) == (TODAY, date(2035, 6, 1))
    assert material.trust.references == ["JPRCC-DEVCA-00001"]
    assert len(material.channel_master_key) == 16
    assert sorted(p.name for p in (home / "issuer").iterdir()) == [
        "ca-cert.cvc", "ca-key.pem", "channel-master.key", "signer-cert.cvc", "signer-key.pem",
    ]  # fmt: skip
    assert [p.name for p in home.iterdir()] == ["issuer"]


def test_ca_verifies_the_signer_certificate(material: IssuerMaterial) -> None:
    cert = material.signer.certificate
    assert material.trust.verify_signer(cert, at=TODAY)
    assert material.trust.verify_signer(cert, at=date(2035, 6, 1))
    assert not material.trust.verify_signer(cert, at=date(2035, 6, 2))
    assert not material.trust.verify_signer(cert, at=date(2025, 5, 31))


def test_signatures_are_pkcs1_v15_sha256_by_the_certified_key(material: IssuerMaterial) -> None:
    message = b"DF31 ... DF32 ..."
    signature = material.signer.sign(message)
    assert len(signature) == 256
    material.signer.certificate.public_key.verify(
        signature, message, padding.PKCS1v15(), hashes.SHA256()
    )
    with pytest.raises(InvalidSignature):
        material.signer.public_key.verify(
            signature, message + b"x", padding.PKCS1v15(), hashes.SHA256()
        )
    assert material.trust.verify_data_signature(material.signer.certificate, message, signature)
    assert not material.trust.verify_data_signature(
        material.signer.certificate, message + b"x", signature
    )


def test_a_foreign_ca_is_not_trusted(
    material: IssuerMaterial, foreign_ca: tuple[rsa.RSAPrivateKey, TrustStore]
) -> None:
    """A look-alike CA with the same reference but another key: nothing of ours verifies."""
    key, foreign_trust = foreign_ca
    cert = material.signer.certificate
    message = b"data"
    assert not foreign_trust.verify_signer(cert, at=TODAY)
    assert not foreign_trust.verify_data_signature(cert, message, material.signer.sign(message))
    forged_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = issue_certificate(
        key, cert.car, cert.chr, forged_key.public_key(), cert.effective, cert.expiry
    )
    forged_signature = forged_key.sign(message, padding.PKCS1v15(), hashes.SHA256())
    assert not material.trust.verify_signer(forged, at=TODAY)
    assert not material.trust.verify_data_signature(forged, message, forged_signature)


def test_unknown_car_is_not_trusted(material: IssuerMaterial) -> None:
    assert not TrustStore().verify_signer(material.signer.certificate, at=TODAY)


def test_trust_store_only_takes_self_signed_cas(material: IssuerMaterial) -> None:
    with pytest.raises(ValueError, match="self-signed"):
        TrustStore([material.signer.certificate])


def test_second_call_loads_the_same_keys(home: Path, material: IssuerMaterial) -> None:
    again = load_or_create_issuer(home)
    assert again.channel_master_key == material.channel_master_key
    assert again.signer.certificate == material.signer.certificate
    assert again.signer.public_key.public_numbers() == material.signer.public_key.public_numbers()
    message = b"same key"
    assert material.trust.verify_data_signature(
        material.signer.certificate, message, again.signer.sign(message)
    )


@posix_only
def test_files_are_readable_by_the_owner_only(home: Path, material: IssuerMaterial) -> None:
    directory = home / "issuer"
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    for path in directory.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


@posix_only
def test_modes_do_not_depend_on_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        load_or_create_issuer(tmp_path)
    finally:
        os.umask(old)
    for path in (tmp_path / "issuer").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_loser_of_a_creation_race_loads_the_winners_keys(
    tmp_path: Path, home: Path, material: IssuerMaterial, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process renames its directory into place while this one is generating."""
    real_generate = issuer_keys._generate_into
    racing_home = tmp_path / "racing"

    def generate_while_another_process_wins(directory: Path, today: date) -> None:
        real_generate(directory, today)
        shutil.copytree(home / "issuer", racing_home / "issuer")

    monkeypatch.setattr(issuer_keys, "_generate_into", generate_while_another_process_wins)
    loser = load_or_create_issuer(racing_home)
    assert loser.channel_master_key == material.channel_master_key
    assert loser.signer.certificate == material.signer.certificate
    assert [p.name for p in racing_home.iterdir()] == ["issuer"]  # its own keys are gone


_RACER = """
import sys
from pathlib import Path
from counter_app.card.issuer_keys import load_or_create_issuer
material = load_or_create_issuer(Path(sys.argv[1]))
print(material.signer.certificate.encode().hex(), material.channel_master_key.hex())
"""


def test_processes_starting_at_once_agree_on_one_set_of_keys(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", _RACER, str(tmp_path)],
            cwd=root,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outputs = {racer.communicate(timeout=120)[0] for racer in racers}
    assert all(racer.returncode == 0 for racer in racers)
    assert len(outputs) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["issuer"]
    on_disk = load_or_create_issuer(tmp_path)
    assert outputs == {
        f"{on_disk.signer.certificate.encode().hex()} {on_disk.channel_master_key.hex()}\n"
    }


def test_failed_generation_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(directory: Path, today: date) -> None:
        (directory / "ca-key.pem").write_bytes(b"partial")
        raise OSError("disk full")

    monkeypatch.setattr(issuer_keys, "_generate_into", fail)
    with pytest.raises(OSError, match="disk full"):
        load_or_create_issuer(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_damaged_files_are_a_clear_error_and_are_not_replaced(
    tmp_path: Path, home: Path, material: IssuerMaterial
) -> None:
    shutil.copytree(home / "issuer", tmp_path / "issuer")
    (tmp_path / "issuer" / "signer-key.pem").write_bytes(b"-----BEGIN PRIVATE KEY-----\nxx\n")
    with pytest.raises(IssuerKeysError) as caught:
        load_or_create_issuer(tmp_path)
    assert isinstance(caught.value, CounterError)
    assert "issuer keys" in caught.value.what
    assert (tmp_path / "issuer" / "signer-key.pem").read_bytes().endswith(b"xx\n")

    (tmp_path / "issuer" / "signer-key.pem").unlink()
    with pytest.raises(IssuerKeysError, match=r"signer-key\.pem"):
        load_or_create_issuer(tmp_path)


def test_signer_cert_of_another_ca_is_refused(
    tmp_path: Path, home: Path, foreign_ca: tuple[rsa.RSAPrivateKey, TrustStore]
) -> None:
    shutil.copytree(home / "issuer", tmp_path / "issuer")
    key, _ = foreign_ca
    signer_cert_path = tmp_path / "issuer" / "signer-cert.cvc"
    genuine = parse_certificate(signer_cert_path.read_bytes())
    forged = issue_certificate(
        key, genuine.car, genuine.chr, genuine.public_key, genuine.effective, genuine.expiry
    )
    signer_cert_path.write_bytes(forged.encode())
    with pytest.raises(IssuerKeysError, match="not signed by the CA"):
        load_or_create_issuer(tmp_path)


def test_signer_refuses_a_certificate_for_another_key(material: IssuerMaterial) -> None:
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(ValueError, match="not for this key"):
        IssuerSigner(other, material.signer.certificate)


def test_no_key_material_in_reprs_or_logs(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        created = load_or_create_issuer(tmp_path)
    secrets = [created.channel_master_key.hex(), created.channel_master_key.hex().upper()]
    texts = [repr(created), str(created), repr(created.signer), caplog.text]
    for text in texts:
        for secret in secrets:
            assert secret not in text
        assert "PRIVATE KEY" not in text
    assert "channel_master_key" not in repr(created)
