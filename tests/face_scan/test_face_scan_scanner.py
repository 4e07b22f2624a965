"""Scanning through SANE for real: the `pnm` backend serves a card face file as a scanner."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from PIL import Image

from counter_app.face_scan.compare import compare_face
from counter_app.face_scan.scanner import ScanFailedError, scan_card_face
from counter_app.face_scan.simulated_scans import (
    SCAN_TODAY,
    ScanCondition,
    render_front,
    simulate_scan,
    simulated_card,
)
from counter_app.printing.seal_crypto import SealSigner


@pytest.fixture
def pnm_scanner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A SANE configuration with only the pnm backend (Debian ships it commented out)."""
    config = tmp_path / "sane.d"
    config.mkdir()
    (config / "dll.conf").write_text("pnm\n")
    monkeypatch.setenv("SANE_CONFIG_DIR", str(config))
    return tmp_path


def test_a_card_face_scanned_through_sane_matches_its_chip(
    pnm_scanner: Path, signer: SealSigner
) -> None:
    card = simulated_card(21)
    scan = simulate_scan(
        render_front(card.face, signer, 300, today=SCAN_TODAY),
        ScanCondition(angle=-2.0),
        random.Random(2),
    )
    on_the_glass = pnm_scanner / "glass.ppm"
    Image.open(io.BytesIO(scan)).save(on_the_glass)

    image = scan_card_face("pnm:0", options=("--filename", str(on_the_glass)), timeout_s=60)
    comparison = compare_face(image, card.chip, [signer.certificate])

    assert image.size == Image.open(on_the_glass).size
    assert comparison.matches, comparison.mismatches


def test_a_scanner_that_is_not_there_is_an_error_in_words(pnm_scanner: Path) -> None:
    with pytest.raises(ScanFailedError) as raised:
        scan_card_face("nosuchbackend:0", timeout_s=30)

    assert "nosuchbackend:0" in str(raised.value)
    assert "scanimage -L" in raised.value.todo
