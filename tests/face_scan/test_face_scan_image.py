"""Reading a scan or photo file: upright by its EXIF tag; a file that is no image is refused."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from counter_app.face_scan.scan_image import ScanImageError, load_scan


def test_a_phone_photo_is_turned_upright_by_its_exif_orientation(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was held turned: rotate 90 degrees clockwise to view
    photo = tmp_path / "card.jpg"
    Image.new("RGB", (40, 20), "white").save(photo, exif=exif)

    assert load_scan(photo).size == (20, 40)


@pytest.mark.parametrize("kind", ["TIFF", "PNG"])
def test_tiff_and_png_scans_are_read(kind: str) -> None:
    out = io.BytesIO()
    Image.new("L", (30, 10), 200).save(out, format=kind)

    image = load_scan(out.getvalue())

    assert image.mode == "RGB" and image.size == (30, 10)


def test_a_file_that_is_no_image_is_an_error_in_words(tmp_path: Path) -> None:
    with pytest.raises(ScanImageError) as raised:
        load_scan(b"%PDF-1.7 not a scan")

    assert "PNG, JPEG or TIFF" in raised.value.todo
