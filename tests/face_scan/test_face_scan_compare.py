"""The printed face against the chip on generated scans: genuine accepted, forgeries named."""

from __future__ import annotations

import dataclasses
import io
import random
from pathlib import Path

import pytest
from PIL import Image

from counter_app.card.face_images import render_text_image
from counter_app.card.personal_data import NAME_IMAGE_SIZE
from counter_app.card.verification import Verdict
from counter_app.face_scan.compare import compare_face
from counter_app.face_scan.ocr import OcrUnavailableError
from counter_app.face_scan.outline import RED, outlined_scan
from counter_app.face_scan.report import ComparedBy, FaceField
from counter_app.face_scan.simulated_scans import (
    SCAN_TODAY,
    Alteration,
    ScanCondition,
    altered_front,
    render_front,
    simulate_photo,
    simulate_scan,
    simulated_card,
)
from counter_app.printing.demo import demo_foreign_card_face
from counter_app.printing.seal_crypto import SealSigner


@pytest.mark.parametrize(
    "condition",
    [
        ScanCondition(dpi=300, angle=2.5, blur=0.9, jpeg_quality=60),
        ScanCondition(dpi=300, angle=-178.0, blur=0.5, jpeg_quality=80),  # upside down
        ScanCondition(dpi=600, angle=-1.0, blur=0.7, jpeg_quality=75),
    ],
)
def test_a_genuine_card_scanned_turned_blurred_and_compressed_matches(
    signer: SealSigner, condition: ScanCondition
) -> None:
    card = simulated_card(11)
    front = render_front(card.face, signer, condition.dpi, today=SCAN_TODAY)
    scan = simulate_scan(front, condition, random.Random(1))

    comparison = compare_face(scan, card.chip, [signer.certificate])

    assert comparison.matches, comparison.mismatches
    assert comparison.compared_by is ComparedBy.SCAN
    assert {f.field for f in comparison.fields} == set(FaceField)
    assert comparison.get(FaceField.EXPIRY).found == card.chip.face.expiry.isoformat()
    assert comparison.get(FaceField.SECURITY_CODE).found == card.chip.security_code


@pytest.mark.parametrize("tilt", [0.03, 0.08])
def test_a_phone_photo_of_the_card_on_a_table_taken_at_a_slant_matches(
    signer: SealSigner, tilt: float
) -> None:
    card = simulated_card(15)
    front = render_front(card.face, signer, 400, today=SCAN_TODAY)
    photo = simulate_photo(front, tilt, random.Random(6))

    comparison = compare_face(photo, card.chip, [signer.certificate])

    assert comparison.matches, comparison.mismatches


@pytest.mark.parametrize("alteration", list(Alteration))
def test_an_altered_face_is_refused_with_the_altered_field_named(
    signer: SealSigner, alteration: Alteration
) -> None:
    card = simulated_card(12)
    rng = random.Random(alteration.value)
    forged = altered_front(card, alteration, signer, 300, rng)
    scan = simulate_scan(forged, ScanCondition(angle=1.2), rng)

    comparison = compare_face(scan, card.chip, [signer.certificate])

    assert not comparison.matches
    assert [f.field for f in comparison.mismatches] == [alteration.field]
    assert comparison.get(alteration.field).verdict is Verdict.FAILED


def test_the_mismatching_region_is_outlined_in_red_on_the_straightened_scan(
    signer: SealSigner,
) -> None:
    card = simulated_card(13)
    rng = random.Random(3)
    forged = altered_front(card, Alteration.NAME, signer, 300, rng)
    scan = simulate_scan(forged, ScanCondition(), rng)
    comparison = compare_face(scan, card.chip, [signer.certificate])

    outlined = outlined_scan(comparison)
    straight = Image.open(io.BytesIO(comparison.scan_png))

    assert outlined.size == straight.size
    name = comparison.get(FaceField.NAME).region
    assert name is not None
    left_edge = outlined.getpixel((name.left - 2, name.top + name.height // 2))
    assert left_edge == RED
    address = comparison.get(FaceField.ADDRESS).region
    assert address is not None
    assert outlined.getpixel((address.left - 2, address.top + address.height // 2)) != RED


def test_without_tesseract_the_error_says_which_packages_to_install(
    signer: SealSigner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    card = simulated_card(14)
    rng = random.Random(4)
    scan = simulate_scan(
        render_front(card.face, signer, 300, today=SCAN_TODAY), ScanCondition(), rng
    )
    monkeypatch.setenv("PATH", str(tmp_path))

    with pytest.raises(OcrUnavailableError) as raised:
        compare_face(scan, card.chip, [signer.certificate])

    assert "tesseract-ocr-jpn" in raised.value.todo


def test_a_foreign_residents_card_is_compared_on_its_latin_name(signer: SealSigner) -> None:
    card = simulated_card(16)
    foreign = demo_foreign_card_face(SCAN_TODAY)
    face = dataclasses.replace(card.face, name=foreign.name, alias=foreign.alias)
    face = dataclasses.replace(face, foreign_resident=True)
    name_image = render_text_image(
        face.name, width_px=NAME_IMAGE_SIZE[0], height_px=NAME_IMAGE_SIZE[1]
    )
    chip = dataclasses.replace(
        card.chip, face=dataclasses.replace(card.chip.face, name_image=name_image)
    )
    rng = random.Random(7)
    scan = simulate_scan(render_front(face, signer, 300, today=SCAN_TODAY), ScanCondition(), rng)

    assert compare_face(scan, chip, [signer.certificate]).matches
    japanese = render_front(card.face, signer, 300, today=SCAN_TODAY)
    refused = compare_face(
        simulate_scan(japanese, ScanCondition(), rng), chip, [signer.certificate]
    )
    assert [f.field for f in refused.mismatches] == [FaceField.NAME]
