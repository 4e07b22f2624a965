"""PC/SC without pcscd: ATR capabilities, no hang without a service, clear reasons to skip."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from counter_app.card.pcsc import atr_announces_extended_length, atr_historical_bytes
from counter_app.card_service import pcscd_service
from counter_app.card_service.pcscd_service import PcscdUnavailableError
from counter_app.virtual_card.vpcd import ECHO_ATR

ROOT = Path(__file__).resolve().parents[2]
PROFILE_ATR = bytes.fromhex("3B8E800180739001C0585243432D4A554B49") + b"\x97"


def test_profile_atr_historical_bytes_are_found() -> None:
    assert atr_historical_bytes(PROFILE_ATR) == bytes.fromhex("80739001C058") + b"RCC-JUKI"


def test_profile_atr_announces_extended_length() -> None:
    assert atr_announces_extended_length(PROFILE_ATR)
    assert atr_announces_extended_length(ECHO_ATR)


def test_atr_with_chaining_but_no_extended_length_is_short_only() -> None:
    short_only = bytes.fromhex("3B8E8001807390018058") + b"RCC-JUKI" + b"\x00"
    assert not atr_announces_extended_length(short_only)


def test_atr_with_status_indicator_category_is_read() -> None:
    # Category 00: compact TLV, then a three-byte status indicator at the end.
    atr = bytes.fromhex("3B88800100730000C0009000") + b"\x00"
    assert atr_historical_bytes(atr) == bytes.fromhex("00730000C0009000")
    assert atr_announces_extended_length(atr)


def test_atr_with_interface_bytes_before_the_historical_bytes() -> None:
    # T0 = F3: TA1 TB1 TC1 TD1 and 3 historical bytes; TD1 = 81: TD2; TD2 = 31: TA3 TB3, T=1.
    atr = bytes.fromhex("3BF3961100818031FE45" + "807301") + b"\x00"
    assert atr_historical_bytes(atr) == bytes.fromhex("807301")


def test_truncated_or_foreign_atrs_announce_nothing() -> None:
    assert not atr_announces_extended_length(b"")
    assert not atr_announces_extended_length(bytes.fromhex("3B8E80"))
    assert not atr_announces_extended_length(bytes.fromhex("3B021234"))  # no compact TLV
    assert not atr_announces_extended_length(bytes.fromhex("3B0410FFFFFF"))  # DIR reference


def _run_probe(code: str, env: dict[str, str]) -> tuple[str, float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=20,
        check=True,
    )
    return done.stdout.strip(), time.monotonic() - started


PROBE = "from counter_app.card.pcsc import pcsc_available; print(pcsc_available(timeout=1.0))"


def test_pcsc_unavailable_quickly_when_no_service_listens(tmp_path: Path) -> None:
    out, seconds = _run_probe(PROBE, {"PCSCLITE_CSOCK_NAME": str(tmp_path / "no-such.comm")})
    assert out == "False"
    assert seconds < 5


def test_pcsc_unavailable_quickly_when_the_service_hangs(tmp_path: Path) -> None:
    # A socket that accepts connections but never answers stands for a hung pcscd.
    path = tmp_path / "hung.comm"
    hung = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        hung.bind(str(path))
        hung.listen(8)
        out, seconds = _run_probe(PROBE, {"PCSCLITE_CSOCK_NAME": str(path)})
    finally:
        hung.close()
    assert out == "False"
    assert seconds < 5


def test_pcsc_unavailable_without_pyscard() -> None:
    code = "import sys; sys.modules['smartcard'] = None\n" + PROBE
    out, _seconds = _run_probe(code, {})
    assert out == "False"


def test_nothing_but_the_adapter_imports_pyscard() -> None:
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "counter_app").rglob("*.py")
        if path.name != "pcsc.py"
        and any(
            line.strip().startswith(("import smartcard", "from smartcard"))
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert offenders == []


def test_missing_pcscd_is_reported_with_the_package_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pcscd_service, "pcsc_available", lambda timeout=2.0: False)
    monkeypatch.setattr(pcscd_service, "find_pcscd", lambda: None)
    with pytest.raises(PcscdUnavailableError, match="apt-get install pcscd"):
        pcscd_service.ensure_pcscd()


def test_missing_vpcd_driver_is_reported_with_the_package_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pcscd_service, "pcsc_available", lambda timeout=2.0: False)
    monkeypatch.setattr(pcscd_service, "find_pcscd", lambda: "/usr/sbin/pcscd")
    monkeypatch.setattr(pcscd_service, "vpcd_installed", lambda: False)
    with pytest.raises(PcscdUnavailableError, match="vsmartcard-vpcd"):
        pcscd_service.ensure_pcscd()
