"""Seal verification: the BSI TR-03137 annex seals with their certificates, our own seals, and
the refusal of a seal with any byte changed."""

from __future__ import annotations

import hashlib
import json
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

import main
from counter_app.config import Configuration
from counter_app.printing import base45
from counter_app.printing.seal import parse
from counter_app.printing.seal_crypto import (
    SignerCertificate,
    load_signer_certificate,
)
from counter_app.printing.seal_documents import (
    CardFaceSeal,
    CertificateSeal,
    sign_document,
)
from counter_app.printing.seal_keys import (
    CERT_FILE,
    KEY_FILE,
    SEAL_DIR,
    load_or_create_seal_signer,
)
from counter_app.printing.seal_verify import verify_seal
from counter_app.training_keys import training_keys
from tests.support.vectors import vector

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 26)
# vdstools signer of each extra seal (see the vector's notes); arrivalAttestationV02's DETS0004F
# certificate was never published.
EXTRA_SIGNERS = {
    "residentPermit": "UTTS5B",
    "addressStickerId": "DETS32",
    "socialInsurance": "DETS00027",
    "arrivalAttestation": "DETS00027",
    "visa_224bitSig": "DETS32",
    "supplementSheet": "UTTS5B",
    "addressStickerPassport": "UTTS5B",
    "emergenyTravelDoc": "UTTS5B",
    "tempPassport": "UTTS5B",
    "tempPerso": "UTTS5B",
    "fictionCert": "UTTS5B",
    "permantResidencePermit": "UTTS5B",
}


def _certs() -> dict[str, SignerCertificate]:
    fields = vector("bsi-tr03137-signer-certs")["fields"]
    out = {}
    for name in ("DETS00027", "DETS32", "UTTS5B"):
        der = bytes.fromhex(fields[f"{name}_der"])
        assert hashlib.sha256(der).hexdigest() == fields[f"{name}_sha256"]
        out[name] = load_signer_certificate(der)
    return out


def _published() -> dict[str, tuple[bytes, str]]:
    seals = {
        "annexC": (vector("bsi-tr03137-annexC")["fields"]["seal_raw"], "DETS00027"),
        "annexD": (vector("bsi-tr03137-annexD")["fields"]["seal_raw"], "DETS00027"),
    }
    extra = vector("vdstools-extra-seals")["fields"]
    seals.update({name: (extra[name], signer) for name, signer in EXTRA_SIGNERS.items()})
    return {name: (bytes.fromhex(raw), signer) for name, (raw, signer) in seals.items()}


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def our_seal(home: Path) -> bytes:
    signer = load_or_create_seal_signer(home, today=TODAY)
    payload = CardFaceSeal("JP0000012345", "30021720364821", hashlib.sha256(b"face").digest())
    return sign_document(signer, payload, issue_date=TODAY, signed_on=TODAY).encode()


def test_every_published_seal_verifies_with_its_own_certificate() -> None:
    certs = _certs()
    for name, (raw, signer) in _published().items():
        verdict = verify_seal(raw, [certs[signer]], named=True)
        assert verdict.valid, (name, verdict.checks)
        assert {c.name: c.status for c in verdict.checks}["signature"] == "ok"


def test_published_seals_verify_against_a_store_holding_all_three_certificates() -> None:
    certs = list(_certs().values())
    for name, (raw, _) in _published().items():
        assert verify_seal(raw, certs).valid, name


def test_a_seal_does_not_verify_with_another_signers_certificate() -> None:
    certs = _certs()
    raw, _ = _published()["annexC"]
    verdict = verify_seal(raw, [certs["UTTS5B"]], named=True)
    assert not verdict.valid
    assert verdict.checks[-1].name == "signer" and verdict.checks[-1].status == "failed"


def test_the_seal_without_a_published_certificate_is_not_valid() -> None:
    raw = bytes.fromhex(vector("vdstools-extra-seals")["fields"]["arrivalAttestationV02"])
    assert not verify_seal(raw, list(_certs().values())).valid


def test_a_brainpool_p224_seal_verifies_and_a_changed_one_does_not() -> None:
    cert = _certs()["DETS32"]
    assert cert.field_bits == 224
    seal = parse(_published()["visa_224bitSig"][0])
    assert cert.verify(seal.signed_data, seal.signature)
    flipped = seal.signed_data[:-1] + bytes((seal.signed_data[-1] ^ 1,))
    assert not cert.verify(flipped, seal.signature)


def _every_single_byte_change(raw: bytes) -> list[bytes]:
    return [
        raw[:i] + bytes((raw[i] ^ mask,)) + raw[i + 1 :]
        for i in range(len(raw))
        for mask in (0x01, 0x80, 0xFF)
    ]


def test_our_seal_with_any_byte_changed_is_rejected(our_seal: bytes, home: Path) -> None:
    certs = [load_or_create_seal_signer(home).certificate]
    assert verify_seal(our_seal, certs).valid
    changed = _every_single_byte_change(our_seal)
    assert len(changed) == 3 * len(our_seal)
    accepted = [i for i, raw in enumerate(changed) if verify_seal(raw, certs).valid]
    assert accepted == []


@pytest.mark.parametrize("name", ["annexC", "visa_224bitSig"])
def test_a_published_seal_with_any_byte_changed_is_rejected(name: str) -> None:
    raw, signer = _published()[name]
    cert = _certs()[signer]
    accepted = [
        i for i, bad in enumerate(_every_single_byte_change(raw)) if verify_seal(bad, [cert]).valid
    ]
    assert accepted == []


def test_our_card_face_seal_decodes_its_fields(our_seal: bytes, home: Path) -> None:
    verdict = verify_seal(our_seal, [load_or_create_seal_signer(home).certificate])
    assert verdict.valid
    assert verdict.document == CardFaceSeal(
        "JP0000012345", "30021720364821", hashlib.sha256(b"face").digest()
    )
    header = parse(our_seal).header
    assert (header.country, header.signer, header.version) == ("JPN", "JPRC", 0x03)
    assert len(parse(our_seal).signature) == 64  # P-256, raw r||s


def test_our_certificate_seal_round_trips(home: Path) -> None:
    signer = load_or_create_seal_signer(home, today=TODAY)
    payload = CertificateSeal("2026000123", TODAY, hashlib.sha256(b"content").digest(), 3)
    raw = sign_document(signer, payload, issue_date=TODAY, signed_on=TODAY).encode()
    verdict = verify_seal(raw, [load_or_create_seal_signer(home).certificate])
    assert verdict.valid and verdict.document == payload
    assert verdict.as_json()["document_type"] == "certificate"


def test_a_seal_signed_outside_the_certificates_validity_is_not_valid(home: Path) -> None:
    signer = load_or_create_seal_signer(home, today=TODAY)
    payload = CertificateSeal("1", date(2090, 1, 1), hashlib.sha256(b"x").digest(), 1)
    raw = sign_document(
        signer, payload, issue_date=date(2090, 1, 1), signed_on=date(2090, 1, 1)
    ).encode()
    verdict = verify_seal(raw, [load_or_create_seal_signer(home).certificate])
    assert not verdict.valid
    assert {c.name: c.status for c in verdict.checks}["certificate validity"] == "failed"
    assert "document" not in verdict.as_json()  # fields of an invalid seal are not shown


def test_the_seal_key_is_created_once_and_readable_by_the_owner_only(home: Path) -> None:
    first = load_or_create_seal_signer(home, today=TODAY)
    second = load_or_create_seal_signer(home, today=TODAY)
    assert first.certificate.certificate == second.certificate.certificate
    key = home / SEAL_DIR / KEY_FILE
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE((home / SEAL_DIR).stat().st_mode) == 0o700
    assert b"PRIVATE KEY" not in (home / SEAL_DIR / CERT_FILE).read_bytes()


def test_without_any_certificate_the_seal_is_not_checked_and_says_why(our_seal: bytes) -> None:
    verdict = verify_seal(our_seal, [], missing="no trust store is configured")
    assert not verdict.valid
    assert ("signer", "not checked", "no trust store is configured") in [
        (c.name, c.status, c.reason) for c in verdict.checks
    ]


# --- the command line ---------------------------------------------------------------------------


def _cli(args: list[str], home: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COUNTER_APP_HOME", str(home))
        code = main.main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_accepts_an_annex_seal_with_its_certificate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw, _ = _published()["annexD"]
    (tmp_path / "seal.bin").write_bytes(raw)
    fields = vector("bsi-tr03137-signer-certs")["fields"]
    pem = _certs()["DETS00027"].certificate.public_bytes(Encoding.PEM)
    (tmp_path / "cert.pem").write_bytes(pem)
    (tmp_path / "cert.der").write_bytes(bytes.fromhex(fields["DETS00027_der"]))
    for cert in ("cert.pem", "cert.der"):
        code, out, _ = _cli(
            [
                "seal",
                "verify",
                "--raw",
                str(tmp_path / "seal.bin"),
                "--cert",
                str(tmp_path / cert),
                "--json",
            ],
            tmp_path,
            capsys,
        )
        assert code == 0
        result = json.loads(out)
        assert result["valid"] is True
        assert result["header"]["signer"] == "DETS"
        assert [f["tag"] for f in result["features"]] == [1, 2, 3, 4]


def test_cli_rejects_a_changed_seal_with_exit_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], our_seal: bytes, home: Path
) -> None:
    training_keys(Configuration(data_dir=home))  # the training set-up: its trust store
    bad = our_seal[:30] + bytes((our_seal[30] ^ 4,)) + our_seal[31:]
    code, out, _ = _cli(["seal", "verify", "--text", base45.encode(bad), "--json"], home, capsys)
    assert code == 1
    assert json.loads(out)["valid"] is False
    code, out, _ = _cli(
        ["seal", "verify", "--text", base45.encode(our_seal), "--json"], home, capsys
    )
    assert code == 0
    assert json.loads(out)["document"]["card_serial"] == "JP0000012345"
    code, _, _ = _cli(["seal", "verify", "--text", our_seal.hex()], home, capsys)
    assert code == 0  # hex is accepted too


def test_cli_on_a_configured_counter_without_a_trust_store_verifies_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], our_seal: bytes
) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COUNTER_APP_DB", f"sqlite:///{tmp_path / 'register.sqlite3'}")
        mp.delenv("COUNTER_APP_TRUST_STORE", raising=False)
        code, out, _ = _cli(["seal", "verify", "--text", base45.encode(our_seal)], tmp_path, capsys)
    assert code == 1
    assert out.startswith("NOT VALID")
    assert "no trust store is configured" in out
    assert not (tmp_path / "trust-store").exists()


def test_cli_reports_unreadable_input_as_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "blank.png").write_bytes(b"")
    code, _, err = _cli(
        ["seal", "verify", "--image", str(tmp_path / "blank.png")], tmp_path, capsys
    )
    assert code == 2
    assert "could not be read" in err


def test_the_installed_command_runs(tmp_path: Path) -> None:
    raw, _ = _published()["visa_224bitSig"]
    (tmp_path / "seal.bin").write_bytes(raw)
    (tmp_path / "c.der").write_bytes(
        bytes.fromhex(vector("bsi-tr03137-signer-certs")["fields"]["DETS32_der"])
    )
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "seal",
            "verify",
            "--raw",
            str(tmp_path / "seal.bin"),
            "--cert",
            str(tmp_path / "c.der"),
        ],
        capture_output=True,
        text=True,
        env={"COUNTER_APP_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("VALID")
